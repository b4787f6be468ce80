"""Functions and basic blocks of the IR (pure syntax).

A `FunctionIR` is a CFG: blocks keyed by label, one entry, one exit block
whose terminator is the only `Return`. `return`, `break` and `continue` are
jumps, so every branch that can reach the exit has an immediate
post-dominator inside the function (see `analysis/`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import final

from crux_py.ir.nodes import Branch, Jump, Reg, Stmt, Terminator, Try
from crux_py.source import SourceSpan


@final
@dataclass(frozen=True, slots=True)
class Block:
    label: str
    stmts: tuple[Stmt, ...]
    term: Terminator
    span: SourceSpan


class ParamKind(Enum):
    POSITIONAL_ONLY = "positional-only"
    POSITIONAL_OR_KEYWORD = "positional-or-keyword"
    KEYWORD_ONLY = "keyword-only"
    VAR_POSITIONAL = "*args"
    VAR_KEYWORD = "**kwargs"


@final
@dataclass(frozen=True, slots=True)
class Param:
    name: str
    kind: ParamKind
    has_default: bool


@final
@dataclass(frozen=True, slots=True, eq=False)
class FunctionIR:
    """One Python function as a CFG.

    `cellvars` are this function's locals captured by nested functions (kept
    in heap cells, accessed with LoadDeref/StoreDeref); `freevars` are the
    cells it captures from its enclosing function, in closure order.
    The simulator creates an empty cell for each name in `cellvars` when the
    frame starts and binds parameters to registers named after them; the
    entry block moves parameters that are cellvars into their cells. The
    exit block's `Return` returns register `ret`.
    """

    name: str
    qualname: str
    params: tuple[Param, ...]
    blocks: dict[str, Block] = field(hash=False)
    entry: str
    exit: str
    ret: Reg
    cellvars: tuple[str, ...]
    freevars: tuple[str, ...]
    span: SourceSpan
    doc: str | None = None
    """The docstring (CPython's `__doc__`: the string constant as written)."""
    annotated: bool = False
    """Whether a parameter or the return has an annotation."""

    def successors(self, label: str) -> tuple[str, ...]:
        term = self.blocks[label].term
        if isinstance(term, Jump):
            return (term.target,)
        if isinstance(term, Branch):
            return (term.then, term.orelse)
        if isinstance(term, Try):
            return (term.body, term.body_end, term.handler)
        return ()
