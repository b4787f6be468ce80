"""The state of one path through one frame: registers, heap, path condition.

`State` is mutated in place while a path runs straight-line code; a
symbolic branch `fork`s it (copying registers and the heap table, whose
objects are immutable). The path condition is a tuple of Bool terms whose
prefix up to a fork point is shared by both sides, which `merge.py` uses to
join them again. A callee runs on its own State that starts with the
caller's heap and path condition and hands both back on return.
"""

from __future__ import annotations

from crux_py.sim.values import HeapObj
from crux_py.term.nodes import Term


class State:
    __slots__ = ("regs", "heap", "pc", "loop_iters")

    def __init__(self, regs: dict[str, object], heap: dict[int, HeapObj], pc: tuple[Term, ...],
                 loop_iters: dict[str, int]) -> None:
        self.regs = regs
        self.heap = heap
        self.pc = pc
        self.loop_iters = loop_iters

    def fork(self, guard: Term) -> State:
        """A copy of this state that also assumes `guard`."""
        return State(dict(self.regs), dict(self.heap), self.pc + (guard,), dict(self.loop_iters))

    def assume(self, cond: Term) -> None:
        if not (cond.is_const and cond.value is True):
            self.pc = self.pc + (cond,)
