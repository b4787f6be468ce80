"""Which registers each IR statement and terminator reads and writes.

The facts behind liveness (`liveness.py`). Cell names of LoadDeref,
StoreDeref and MakeFunction closures are not registers and never appear.
The statements themselves are defined in `crux_py.ir.nodes`.
"""

from __future__ import annotations

from crux_py.errors import panic
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
    Reg,
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


def _regs(*operands: Operand) -> tuple[str, ...]:
    return tuple(op.name for op in operands if isinstance(op, Reg))


def stmt_uses(stmt: Stmt) -> tuple[str, ...]:
    """Registers `stmt` reads (all reads happen before its writes)."""
    match stmt:
        case Assign(_, src):
            return _regs(src)
        case BinOp(_, _, lhs, rhs) | InplaceOp(_, _, lhs, rhs) | Compare(_, _, lhs, rhs):
            return _regs(lhs, rhs)
        case UnaryOp(_, _, operand) | Truth(_, operand):
            return _regs(operand)
        case BuildList(_, items) | BuildTuple(_, items) | BuildSet(_, items):
            return _regs(*items)
        case BuildDict(_, keys, values):
            return _regs(*keys, *values)
        case DelItem(obj, index):
            return _regs(obj, index)
        case Unpack(_, src):
            return _regs(src)
        case GetItem(_, obj, index):
            return _regs(obj, index)
        case SetItem(obj, index, value):
            return _regs(obj, index, value)
        case GetSlice(_, obj, lower, upper, step):
            return _regs(obj, lower, upper, step)
        case SetSlice(obj, lower, upper, step, value):
            return _regs(obj, lower, upper, step, value)
        case GetAttr(_, obj, _):
            return _regs(obj)
        case SetAttr(obj, _, value):
            return _regs(obj, value)
        case CallUnpacked(_, func, parts, kwargs):
            return _regs(func, *(op for _, op in parts), *(value for _, value in kwargs))
        case Call(_, func, args, kwargs):
            return _regs(func, *args, *(value for _, value in kwargs))
        case LoadGlobal() | LoadDeref() | Import():
            return ()
        case StoreDeref(_, value):
            return _regs(value)
        case MakeFunction(_, _, defaults, kwdefaults, _):
            return _regs(*defaults, *(value for _, value in kwdefaults))
        case FormatString(_, parts):
            return _regs(*(op for p in parts if isinstance(p, tuple) for op in (p[0], p[2])))
        case GetIter(_, iterable):
            return _regs(iterable)
        case IterNext(_, _, iterator):
            return _regs(iterator)
    raise panic(f"unknown IR statement {stmt!r}")


def stmt_defs(stmt: Stmt) -> tuple[str, ...]:
    """Registers `stmt` writes."""
    match stmt:
        case Unpack(dsts, _):
            return tuple(dst.name for dst in dsts)
        case IterNext(has, value, _):
            return (has.name, value.name)
        case SetItem() | SetSlice() | SetAttr() | StoreDeref() | DelItem():
            return ()
    dst = getattr(stmt, "dst", None)
    if isinstance(dst, Reg):
        return (dst.name,)
    raise panic(f"unknown IR statement {stmt!r}")


def terminator_uses(term: Terminator) -> tuple[str, ...]:
    match term:
        case Jump():
            return ()
        case Branch(cond, _, _):
            return _regs(cond)
        case Return(value) | Raise(value, _):
            return _regs(value)
        case Try():
            return ()
    raise panic(f"unknown IR terminator {term!r}")
