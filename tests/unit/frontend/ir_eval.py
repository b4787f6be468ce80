"""A tiny concrete interpreter of the IR, for testing the frontend only.

It gives each node the meaning of the Python it was lowered from, so a
translated function can be run on concrete inputs and compared with the
original function run by CPython. It is not the simulator (`crux_py.sim`).
"""

from __future__ import annotations

import builtins
import operator
from collections.abc import Callable
from typing import Any

from crux_py.ir import (
    Assign,
    BinOp,
    Branch,
    BuildList,
    BuildTuple,
    Call,
    CallUnpacked,
    Compare,
    Const,
    FunctionIR,
    GetAttr,
    GetItem,
    GetIter,
    GetSlice,
    InplaceOp,
    IterNext,
    Jump,
    Import,
    LoadDeref,
    LoadGlobal,
    MakeFunction,
    Operand,
    ParamKind,
    Raise,
    Reg,
    Return,
    SetAttr,
    SetItem,
    SetSlice,
    StoreDeref,
    Truth,
    UnaryOp,
    Unpack,
)

BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "//": operator.floordiv,
    "%": operator.mod, "**": operator.pow, "<<": operator.lshift, ">>": operator.rshift,
    "&": operator.and_, "|": operator.or_, "^": operator.xor,
}
INPLACE: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.iadd, "-": operator.isub, "*": operator.imul, "//": operator.ifloordiv,
    "%": operator.imod, "**": operator.ipow, "<<": operator.ilshift, ">>": operator.irshift,
    "&": operator.iand, "|": operator.ior, "^": operator.ixor,
}
UNARY: dict[str, Callable[[Any], Any]] = {
    "-": operator.neg, "+": operator.pos, "~": operator.invert, "not": operator.not_,
}
COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "==": operator.eq, "!=": operator.ne, "is": operator.is_, "is not": operator.is_not,
    "in": lambda a, b: a in b, "not in": lambda a, b: a not in b,
}
_END = object()
MAX_STEPS = 100_000


class Cell:
    def __init__(self) -> None:
        self.contents: Any = _END


class IRClosure:
    """A function value made by MakeFunction (or the top-level function)."""

    def __init__(
        self,
        fir: FunctionIR,
        globals_: dict[str, Any],
        defaults: tuple[Any, ...] = (),
        kwdefaults: dict[str, Any] | None = None,
        closure: dict[str, Cell] | None = None,
    ) -> None:
        self.fir = fir
        self.globals = globals_
        self.defaults = defaults
        self.kwdefaults = kwdefaults or {}
        self.closure = closure or {}

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return run(self, args, kwargs)


def _bind(fn: IRClosure, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    positional = [
        p for p in fn.fir.params
        if p.kind in (ParamKind.POSITIONAL_ONLY, ParamKind.POSITIONAL_OR_KEYWORD)
    ]
    regs: dict[str, Any] = {}
    first_default = len(positional) - len(fn.defaults)
    for index, param in enumerate(positional):
        if index < len(args):
            regs[param.name] = args[index]
        elif param.name in kwargs:
            regs[param.name] = kwargs.pop(param.name)
        elif index >= first_default:
            regs[param.name] = fn.defaults[index - first_default]
        else:
            raise TypeError(f"missing argument {param.name}")
    extra = args[len(positional):]
    for param in fn.fir.params:
        if param.kind is ParamKind.VAR_POSITIONAL:
            regs[param.name] = tuple(extra)
            extra = ()
        elif param.kind is ParamKind.KEYWORD_ONLY:
            if param.name in kwargs:
                regs[param.name] = kwargs.pop(param.name)
            else:
                regs[param.name] = fn.kwdefaults[param.name]
        elif param.kind is ParamKind.VAR_KEYWORD:
            regs[param.name] = dict(kwargs)
            kwargs = {}
    if extra or kwargs:
        raise TypeError("too many arguments")
    return regs


def run(fn: IRClosure, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    fir = fn.fir
    regs = _bind(fn, args, dict(kwargs))
    cells: dict[str, Cell] = {name: Cell() for name in fir.cellvars}
    cells.update(fn.closure)

    def val(op: Operand) -> Any:
        if isinstance(op, Const):
            return op.value
        if op.name not in regs:
            raise UnboundLocalError(op.name)
        return regs[op.name]

    def load_global(name: str) -> Any:
        if name in fn.globals:
            return fn.globals[name]
        return getattr(builtins, name)

    label = fir.entry
    for _ in range(MAX_STEPS):
        block = fir.blocks[label]
        for s in block.stmts:
            match s:
                case Assign(dst, src):
                    regs[dst.name] = val(src)
                case BinOp(dst, op, lhs, rhs):
                    regs[dst.name] = BINARY[op](val(lhs), val(rhs))
                case InplaceOp(dst, op, lhs, rhs):
                    regs[dst.name] = INPLACE[op](val(lhs), val(rhs))
                case UnaryOp(dst, op, operand):
                    regs[dst.name] = UNARY[op](val(operand))
                case Compare(dst, op, lhs, rhs):
                    regs[dst.name] = COMPARE[op](val(lhs), val(rhs))
                case Truth(dst, operand):
                    regs[dst.name] = bool(val(operand))
                case BuildList(dst, items):
                    regs[dst.name] = [val(i) for i in items]
                case BuildTuple(dst, items):
                    regs[dst.name] = tuple(val(i) for i in items)
                case Unpack(dsts, src):
                    values = list(val(src))
                    if len(values) != len(dsts):
                        raise ValueError("unpack length mismatch")
                    for d, v in zip(dsts, values):
                        regs[d.name] = v
                case GetItem(dst, obj, index):
                    regs[dst.name] = val(obj)[val(index)]
                case SetItem(obj, index, value):
                    val(obj)[val(index)] = val(value)
                case GetSlice(dst, obj, lower, upper, step):
                    regs[dst.name] = val(obj)[val(lower):val(upper):val(step)]
                case SetSlice(obj, lower, upper, step, value):
                    val(obj)[slice(val(lower), val(upper), val(step))] = val(value)
                case SetAttr(obj, name, value):
                    setattr(val(obj), name, val(value))
                case CallUnpacked(dst, func, parts, ckwargs):
                    flat = [x for starred, op in parts for x in (val(op) if starred else [val(op)])]
                    regs[dst.name] = val(func)(*flat, **{k: val(v) for k, v in ckwargs})
                case GetAttr(dst, obj, name):
                    regs[dst.name] = getattr(val(obj), name)
                case Call(dst, func, cargs, ckwargs):
                    regs[dst.name] = val(func)(
                        *[val(a) for a in cargs], **{k: val(v) for k, v in ckwargs}
                    )
                case LoadGlobal(dst, name):
                    regs[dst.name] = load_global(name)
                case Import(dst, module, fromlist, level, attrs):
                    value = __import__(module, fn.globals, None, fromlist, level)
                    for attr in attrs:
                        value = getattr(value, attr)
                    regs[dst.name] = value
                case LoadDeref(dst, name):
                    if cells[name].contents is _END:
                        raise NameError(name)
                    regs[dst.name] = cells[name].contents
                case StoreDeref(name, value):
                    cells[name].contents = val(value)
                case MakeFunction(dst, func, defaults, kwdefaults, closure):
                    regs[dst.name] = IRClosure(
                        func,
                        fn.globals,
                        tuple(val(d) for d in defaults),
                        {k: val(v) for k, v in kwdefaults},
                        {name: cells[name] for name in closure},
                    )
                case GetIter(dst, iterable):
                    regs[dst.name] = iter(val(iterable))
                case IterNext(has, value, iterator):
                    item = next(val(iterator), _END)
                    regs[has.name] = item is not _END
                    regs[value.name] = None if item is _END else item
                case _:
                    raise AssertionError(f"unknown statement {s!r}")
        term = block.term
        match term:
            case Jump(target):
                label = target
            case Branch(Reg() as cond, then, orelse):
                flag = regs[cond.name]
                assert isinstance(flag, bool), "branch on a non-Truth value"
                label = then if flag else orelse
            case Return(value):
                return val(value)
            case Raise(exc, None):
                raise val(exc)
            case Raise(exc, _):
                message = val(exc)
                raise AssertionError() if message is None else AssertionError(message)
            case _:
                raise AssertionError(f"unknown terminator {term!r}")
    raise RuntimeError("step limit exceeded")


def outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    """('ok', value) or ('raise', exception type and args) of calling `call`."""
    try:
        return ("ok", call())
    except Exception as exc:  # noqa: BLE001 - the exception is the outcome
        return ("raise", (type(exc).__name__, exc.args if isinstance(exc, AssertionError) else ()))


def compile_both(source: str, name: str) -> tuple[Callable[..., Any], IRClosure]:
    """The function `name` of `source` run by CPython, and its IR run by `run`."""
    from crux_py.frontend import translate_source

    namespace: dict[str, Any] = {}
    exec(compile(source, "<test>", "exec"), namespace)
    return namespace[name], IRClosure(translate_source(source, name), namespace)
