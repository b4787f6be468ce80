"""Crucible-like CFG intermediate representation: pure syntax.

Node classes live in `nodes.py`, functions and blocks in `function.py`, the
text form in `printer.py`, well-formedness checks in `verify.py`.
"""

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
    Import,
    InplaceOp,
    IterNext,
    Jump,
    LoadDeref,
    LoadGlobal,
    MakeFunction,
    Operand,
    Raise,
    Try,
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

__all__ = [
    "Assign", "BinOp", "Block", "Branch", "BuildDict", "BuildList", "BuildSet", "BuildTuple", "Call", "CallUnpacked",
    "Compare", "DelItem", "Const", "FormatString", "FunctionIR", "GetAttr", "GetItem", "GetIter", "GetSlice", "Import",
    "InplaceOp",
    "IterNext", "Jump", "LoadDeref", "LoadGlobal", "MakeFunction", "Operand", "Param",
    "ParamKind", "Raise", "Reg", "Return", "SetAttr", "SetItem", "SetSlice", "Stmt", "StoreDeref", "Terminator", "Try",
    "Truth", "UnaryOp", "Unpack",
]
