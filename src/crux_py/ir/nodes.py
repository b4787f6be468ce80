"""IR statements and terminators: pure syntax, one frozen class per node kind.

Statements are three-address: operands are registers (`Reg`) or Python
constants (`Const`). Registers are mutable per-frame slots named after the
Python local they hold (`x`) or numbered temporaries (`%3`). Every node
carries the `SourceSpan` of the Python code it came from. The meaning of each
node is given by `sim/step.py`; the Python → IR lowering is `frontend/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union, final

from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.ir.function import FunctionIR


@final
@dataclass(frozen=True, slots=True)
class Reg:
    """A frame register (a Python local, or a temporary named `%n`)."""

    name: str

    def __str__(self) -> str:
        return self.name


@final
@dataclass(frozen=True, slots=True)
class Const:
    """A Python constant: int, bool, str, bytes, None, or a tuple of these."""

    value: object

    def __str__(self) -> str:
        return repr(self.value)


Operand = Union[Reg, Const]

BINARY_OPS = frozenset({"+", "-", "*", "//", "%", "**", "<<", ">>", "&", "|", "^", "@"})
UNARY_OPS = frozenset({"-", "+", "~", "not"})
COMPARE_OPS = frozenset({"<", "<=", ">", ">=", "==", "!=", "in", "not in", "is", "is not"})


class Stmt:
    """Base of all statements; concrete statements are final frozen dataclasses."""

    __slots__ = ()
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class Assign(Stmt):
    """`dst = src`."""

    dst: Reg
    src: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class BinOp(Stmt):
    """`dst = lhs <op> rhs` with `op` in BINARY_OPS (Python semantics)."""

    dst: Reg
    op: str
    lhs: Operand
    rhs: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class InplaceOp(Stmt):
    """`dst = lhs <op>= rhs`: in-place for mutable left operands (list `+=`)."""

    dst: Reg
    op: str
    lhs: Operand
    rhs: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class UnaryOp(Stmt):
    """`dst = <op> operand` with `op` in UNARY_OPS."""

    dst: Reg
    op: str
    operand: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class Compare(Stmt):
    """`dst = lhs <op> rhs` for one comparison (chains are lowered to branches)."""

    dst: Reg
    op: str
    lhs: Operand
    rhs: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class Truth(Stmt):
    """`dst = bool(operand)`; the operand of every `Branch` is a Truth result."""

    dst: Reg
    operand: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class BuildList(Stmt):
    """`dst = [items...]` (a fresh list)."""

    dst: Reg
    items: tuple[Operand, ...]
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class BuildDict(Stmt):
    """`dst = {keys[0]: values[0], ...}` (a fresh dict; later duplicates win, as in Python)."""

    dst: Reg
    keys: tuple[Operand, ...]
    values: tuple[Operand, ...]
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class BuildSet(Stmt):
    """`dst = {items...}` (a fresh set)."""

    dst: Reg
    items: tuple[Operand, ...]
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class BuildTuple(Stmt):
    """`dst = (items...)`."""

    dst: Reg
    items: tuple[Operand, ...]
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class Unpack(Stmt):
    """`dsts... = src`: iterable unpacking; a length mismatch raises ValueError."""

    dsts: tuple[Reg, ...]
    src: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class GetItem(Stmt):
    """`dst = obj[index]`."""

    dst: Reg
    obj: Operand
    index: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class SetItem(Stmt):
    """`obj[index] = value`."""

    obj: Operand
    index: Operand
    value: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class DelItem(Stmt):
    """`del obj[index]`."""

    obj: Operand
    index: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class GetSlice(Stmt):
    """`dst = obj[lower:upper:step]`; absent parts are `Const(None)`."""

    dst: Reg
    obj: Operand
    lower: Operand
    upper: Operand
    step: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class SetSlice(Stmt):
    """`obj[lower:upper:step] = value`; absent parts are `Const(None)`."""

    obj: Operand
    lower: Operand
    upper: Operand
    step: Operand
    value: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class GetAttr(Stmt):
    """`dst = obj.name` (a bound method for method calls)."""

    dst: Reg
    obj: Operand
    name: str
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class SetAttr(Stmt):
    """`obj.name = value`."""

    obj: Operand
    name: str
    value: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class CallUnpacked(Stmt):
    """`dst = func(*parts, **kwargs)` for calls with `*iterable` or `**mapping`
    arguments: each part is `(starred, operand)`; a starred part contributes
    all the items of its iterable, the others one argument each. A keyword
    part named None is a `**mapping`, contributing all its items."""

    dst: Reg
    func: Operand
    parts: tuple[tuple[bool, Operand], ...]
    kwargs: tuple[tuple[str | None, Operand], ...]
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class Call(Stmt):
    """`dst = func(*args, **dict(kwargs))`."""

    dst: Reg
    func: Operand
    args: tuple[Operand, ...]
    kwargs: tuple[tuple[str, Operand], ...]
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class LoadGlobal(Stmt):
    """`dst = <global or builtin name>`, resolved when the statement runs."""

    dst: Reg
    name: str
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class Import(Stmt):
    """`dst = __import__(module, <globals>, None, fromlist, level)`, then `dst = dst.<a>`
    for each `a` of `attrs` the way `from ... import` reads a name (falling back
    to the submodule `<dst>.<a>` in `sys.modules`, ImportError if neither)."""

    dst: Reg
    module: str
    fromlist: tuple[str, ...]
    level: int
    attrs: tuple[str, ...]
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class LoadDeref(Stmt):
    """`dst = <contents of the cell named name>` (cell or free variable)."""

    dst: Reg
    name: str
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class StoreDeref(Stmt):
    """`<cell named name> = value`."""

    name: str
    value: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class MakeFunction(Stmt):
    """`dst = <function object>` for a nested `def`.

    `defaults` are the positional defaults, `kwdefaults` the keyword-only
    ones; `closure` names the current frame's cells captured, in the order of
    `func.freevars`.
    """

    dst: Reg
    func: FunctionIR
    defaults: tuple[Operand, ...]
    kwdefaults: tuple[tuple[str, Operand], ...]
    closure: tuple[str, ...]
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class FormatString(Stmt):
    """`dst = f"..."`: `parts` are literal strings (`Const`) or formatted values
    `(value, conversion, spec)` with conversion `""`, `"r"`, `"s"` or `"a"`."""

    dst: Reg
    parts: tuple[Const | tuple[Operand, str, Operand], ...]
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class GetIter(Stmt):
    """`dst = iter(iterable)`."""

    dst: Reg
    iterable: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class IterNext(Stmt):
    """`has, value = next(iterator)`; `has` is False (and value None) at the end."""

    has: Reg
    value: Reg
    iterator: Operand
    span: SourceSpan


class Terminator:
    """Base of block terminators."""

    __slots__ = ()
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class Jump(Terminator):
    target: str
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class Branch(Terminator):
    """Go to `then` when `cond` (a Truth result) holds, else to `orelse`."""

    cond: Operand
    then: str
    orelse: str
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class Return(Terminator):
    """Only the function's single exit block returns."""

    value: Operand
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class Raise(Terminator):
    """Raise `exc` (an exception class or instance).

    When this block is the failure side of an `assert` statement,
    `assertion` holds the source text of the asserted condition and `exc` is
    the assertion message (`Const(None)` when there is none): the raised
    exception is the builtin AssertionError whatever the name is bound to.
    Otherwise `assertion` is None.
    """

    exc: Operand
    assertion: str | None
    span: SourceSpan


@final
@dataclass(frozen=True, slots=True)
class Try(Terminator):
    """The protected part of a `try` statement: run from `body` until
    `body_end`; a Python exception raised on the way, by the body or by a
    function it calls, continues at `handler` with the exception in `exc`
    and the locals as they were when it was raised. Paths leave the body
    only through `body_end` (the frontend routes `return`, `break` and
    `continue` through it), and the normal path and the handlers meet again
    at `end`."""

    body: str
    body_end: str
    handler: str
    end: str
    exc: Reg
    span: SourceSpan
