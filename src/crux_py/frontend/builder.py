"""CFG construction for one function: fresh registers and labels, open blocks.

`CFGBuilder` knows nothing of Python syntax (the AST side is `translator.py`
and its helpers); it only assembles `ir.Block`s. Code emitted while no block
is open is *dead* and silently discarded: a block is opened only when some
live block jumps to it (or it is the entry), so every block the builder
produces is reachable, and statements after `return`/`raise`/`break`/
`continue` vanish without special cases in the translator.
"""

from __future__ import annotations

from crux_py.errors import panic
from crux_py.ir.function import Block
from crux_py.ir.nodes import Branch, Const, Jump, Operand, Reg, Return, Stmt, Terminator, Truth, Try
from crux_py.source import SourceSpan

ENTRY_LABEL = "entry"
EXIT_LABEL = "exit"
RET_REG = Reg("%ret")


class CFGBuilder:
    """Accumulates the blocks of one function in the order they are opened."""

    def __init__(self) -> None:
        self._blocks: dict[str, Block] = {}
        self._referenced: set[str] = {ENTRY_LABEL}
        self._next_temp = 0
        self._next_label = 0
        self._label: str | None = None
        self._stmts: list[Stmt] = []
        self._span: SourceSpan | None = None

    # -- names ---------------------------------------------------------------

    def new_temp(self) -> Reg:
        reg = Reg(f"%{self._next_temp}")
        self._next_temp += 1
        return reg

    def new_label(self, kind: str) -> str:
        self._next_label += 1
        return f"{kind}{self._next_label}"

    # -- blocks --------------------------------------------------------------

    @property
    def reachable(self) -> bool:
        """True while a block is open, i.e. the code being emitted can run."""
        return self._label is not None

    def open(self, label: str, span: SourceSpan) -> None:
        """Start block `label`; it stays closed (dead) if nothing live jumps to it."""
        if self._label is not None:
            raise panic(f"opening block {label} while {self._label} is still open")
        if label in self._blocks:
            raise panic(f"block {label} opened twice")
        if label not in self._referenced:
            return
        self._label = label
        self._stmts = []
        self._span = span

    def emit(self, stmt: Stmt) -> None:
        if self._label is not None:
            self._stmts.append(stmt)

    def terminate(self, term: Terminator) -> None:
        if self._label is None or self._span is None:
            return
        if isinstance(term, Jump):
            self._referenced.add(term.target)
        elif isinstance(term, Branch):
            self._referenced.update((term.then, term.orelse))
        elif isinstance(term, Try):
            self._referenced.update((term.body, term.body_end, term.handler, term.end))
        self._blocks[self._label] = Block(self._label, tuple(self._stmts), term, self._span)
        self._label = None
        self._stmts = []
        self._span = None

    def jump(self, target: str, span: SourceSpan) -> None:
        self.terminate(Jump(target, span))

    def branch(self, cond: Operand, then: str, orelse: str, span: SourceSpan) -> None:
        """Branch on the truth of `cond`; a constant condition becomes a jump."""
        if isinstance(cond, Const):
            self.jump(then if cond.value else orelse, span)
            return
        flag = self.new_temp()
        self.emit(Truth(flag, cond, span))
        self.terminate(Branch(flag, then, orelse, span))

    def is_referenced(self, label: str) -> bool:
        return label in self._referenced

    def add_exit(self, ret: Reg, span: SourceSpan) -> None:
        """Append the exit block, kept even when nothing reaches it (all paths raise)."""
        self._referenced.add(EXIT_LABEL)
        self.open(EXIT_LABEL, span)
        self.terminate(Return(ret, span))

    def finish(self) -> dict[str, Block]:
        """The finished blocks, entry first; every open block must be closed."""
        if self._label is not None:
            raise panic(f"block {self._label} left open")
        return dict(self._blocks)
