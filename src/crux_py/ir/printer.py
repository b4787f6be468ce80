"""Deterministic text form of a FunctionIR (golden tests, `--crux-dump-ir`).

One line per statement or terminator, blocks in the order the frontend
built them, nested functions (from `MakeFunction`) printed after their
parent. A `# N` comment gives the source line of a statement whenever it
differs from the line of the previous one in the block. The nodes printed
here are defined in `nodes.py` and `function.py`.
"""

from __future__ import annotations

from crux_py.errors import panic
from crux_py.ir.function import Block, FunctionIR, Param, ParamKind
from crux_py.ir.nodes import (
    Assign,
    BinOp,
    Branch,
    BuildDict,
    BuildList,
    BuildSet,
    BuildTuple,
    Call,
    CallUnpacked,
    Compare,
    DelItem,
    Const,
    FormatString,
    GetAttr,
    GetItem,
    GetIter,
    GetSlice,
    InplaceOp,
    IterNext,
    Jump,
    Import,
    Try,
    LoadDeref,
    LoadGlobal,
    MakeFunction,
    Operand,
    Raise,
    Return,
    SetAttr,
    SetItem,
    SetSlice,
    Stmt,
    StoreDeref,
    Terminator,
    Truth,
    UnaryOp,
    Unpack,
)


def format_function(fir: FunctionIR) -> str:
    """The function and, after it, every function nested in it."""
    return "\n\n".join(_format_all(fir)) + "\n"


def _format_all(fir: FunctionIR) -> list[str]:
    parts = [_format_one(fir)]
    for nested in _nested_functions(fir):
        parts.extend(_format_all(nested))
    return parts


def _nested_functions(fir: FunctionIR) -> list[FunctionIR]:
    return [
        stmt.func
        for block in fir.blocks.values()
        for stmt in block.stmts
        if isinstance(stmt, MakeFunction)
    ]


def _format_one(fir: FunctionIR) -> str:
    lines = [f"def {fir.qualname}({format_params(fir.params)}):"]
    if fir.cellvars:
        lines.append(f"  cellvars: {', '.join(fir.cellvars)}")
    if fir.freevars:
        lines.append(f"  freevars: {', '.join(fir.freevars)}")
    for block in fir.blocks.values():
        lines.extend(_format_block(block))
    return "\n".join(lines)


def format_params(params: tuple[Param, ...]) -> str:
    out: list[str] = []
    saw_star = False
    for index, param in enumerate(params):
        text = param.name + ("=?" if param.has_default else "")
        if param.kind is ParamKind.VAR_POSITIONAL:
            text, saw_star = "*" + param.name, True
        elif param.kind is ParamKind.VAR_KEYWORD:
            text = "**" + param.name
        elif param.kind is ParamKind.KEYWORD_ONLY and not saw_star:
            out.append("*")
            saw_star = True
        out.append(text)
        is_last_posonly = param.kind is ParamKind.POSITIONAL_ONLY and (
            index + 1 == len(params) or params[index + 1].kind is not ParamKind.POSITIONAL_ONLY
        )
        if is_last_posonly:
            out.append("/")
    return ", ".join(out)


def _format_block(block: Block) -> list[str]:
    lines = [f"{block.label}:"]
    previous_line: int | None = None
    items: list[Stmt | Terminator] = [*block.stmts, block.term]
    for item in items:
        text = format_stmt(item) if isinstance(item, Stmt) else format_terminator(item)
        line = item.span.line
        if line != previous_line:
            text = f"{text}  # {line}"
            previous_line = line
        lines.append(f"    {text}")
    return lines


def format_operand(operand: Operand) -> str:
    return str(operand)


def _operands(items: tuple[Operand, ...]) -> str:
    return ", ".join(format_operand(item) for item in items)


def format_stmt(stmt: Stmt) -> str:
    """One statement as text, e.g. `%3 = a + b`."""
    o = format_operand
    match stmt:
        case Assign(dst, src):
            return f"{dst} = {o(src)}"
        case BinOp(dst, op, lhs, rhs):
            return f"{dst} = {o(lhs)} {op} {o(rhs)}"
        case InplaceOp(dst, op, lhs, rhs):
            return f"{dst} = inplace {o(lhs)} {op}= {o(rhs)}"
        case UnaryOp(dst, op, operand):
            return f"{dst} = {op} {o(operand)}" if op == "not" else f"{dst} = {op}{o(operand)}"
        case Compare(dst, op, lhs, rhs):
            return f"{dst} = {o(lhs)} {op} {o(rhs)}"
        case Truth(dst, operand):
            return f"{dst} = truth {o(operand)}"
        case BuildList(dst, items):
            return f"{dst} = [{_operands(items)}]"
        case BuildDict(dst, keys, values):
            return f"{dst} = {{{', '.join(f'{o(k)}: {o(v)}' for k, v in zip(keys, values))}}}"
        case BuildSet(dst, items):
            return f"{dst} = set({{{_operands(items)}}})"
        case DelItem(obj, index):
            return f"del {o(obj)}[{o(index)}]"
        case BuildTuple(dst, items):
            trailing = "," if len(items) == 1 else ""
            return f"{dst} = ({_operands(items)}{trailing})"
        case Unpack(dsts, src):
            trailing = "," if len(dsts) == 1 else ""
            return f"{', '.join(map(str, dsts))}{trailing} = unpack {o(src)}"
        case GetItem(dst, obj, index):
            return f"{dst} = {o(obj)}[{o(index)}]"
        case SetItem(obj, index, value):
            return f"{o(obj)}[{o(index)}] = {o(value)}"
        case GetSlice(dst, obj, lower, upper, step):
            return f"{dst} = {o(obj)}[{o(lower)}:{o(upper)}:{o(step)}]"
        case SetSlice(obj, lower, upper, step, value):
            return f"{o(obj)}[{o(lower)}:{o(upper)}:{o(step)}] = {o(value)}"
        case GetAttr(dst, obj, name):
            return f"{dst} = {o(obj)}.{name}"
        case SetAttr(obj, name, value):
            return f"{o(obj)}.{name} = {o(value)}"
        case CallUnpacked(dst, func, parts, kwargs):
            shown = [("*" if starred else "") + o(arg) for starred, arg in parts]
            shown += [f"**{o(value)}" if key is None else f"{key}={o(value)}" for key, value in kwargs]
            return f"{dst} = call {o(func)}({', '.join(shown)})"
        case Call(dst, func, args, kwargs):
            parts = [o(arg) for arg in args] + [f"{key}={o(value)}" for key, value in kwargs]
            return f"{dst} = call {o(func)}({', '.join(parts)})"
        case LoadGlobal(dst, name):
            return f"{dst} = global {name}"
        case LoadDeref(dst, name):
            return f"{dst} = deref {name}"
        case Import(dst, module, fromlist, level, attrs):
            text = f"{dst} = import {'.' * level}{module}"
            if fromlist:
                text += f" fromlist {', '.join(fromlist)}"
            return text + "".join(f" .{attr}" for attr in attrs)
        case StoreDeref(name, value):
            return f"deref {name} = {o(value)}"
        case MakeFunction(dst, func, defaults, kwdefaults, closure):
            text = f"{dst} = function {func.qualname}"
            if defaults:
                text += f" defaults=({_operands(defaults)})"
            if kwdefaults:
                text += " kwdefaults=(" + ", ".join(f"{k}={o(v)}" for k, v in kwdefaults) + ")"
            if closure:
                text += f" closure=({', '.join(closure)})"
            return text
        case FormatString(dst, parts):
            shown = [repr(p.value) if isinstance(p, Const) else
                     f"{{{o(p[0])}{'!' + p[1] if p[1] else ''}:{o(p[2])}}}" for p in parts]
            return f"{dst} = format {' '.join(shown)}"
        case GetIter(dst, iterable):
            return f"{dst} = iter {o(iterable)}"
        case IterNext(has, value, iterator):
            return f"{has}, {value} = next {o(iterator)}"
    raise panic(f"unknown IR statement {stmt!r}")


def format_terminator(term: Terminator) -> str:
    match term:
        case Jump(target):
            return f"jump {target}"
        case Branch(cond, then, orelse):
            return f"branch {format_operand(cond)} ? {then} : {orelse}"
        case Return(value):
            return f"return {format_operand(value)}"
        case Raise(exc, None):
            return f"raise {format_operand(exc)}"
        case Raise(exc, assertion):
            return f"assert_fail {assertion!r} msg={format_operand(exc)}"
        case Try(body, body_end, handler, end, exc):
            return f"try {body}..{body_end} except {format_operand(exc)} -> {handler}; join {end}"
    raise panic(f"unknown IR terminator {term!r}")

