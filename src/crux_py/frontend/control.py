"""Targets of `break` and `continue`: a stack of the enclosing loops.

`return` needs no entry here: it assigns `%ret` and jumps to the single
exit block, through the `try` statements it leaves (`exceptions.py`). The loops that
push and pop entries are in `statements.py` (`for`, `while`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LoopTargets:
    """Where `break` (after the loop, skipping `else`) and `continue` go."""

    break_label: str
    continue_label: str


class LoopStack:
    def __init__(self) -> None:
        self._loops: list[LoopTargets] = []

    @contextmanager
    def loop(self, break_label: str, continue_label: str) -> Iterator[None]:
        self._loops.append(LoopTargets(break_label, continue_label))
        try:
            yield
        finally:
            self._loops.pop()

    @property
    def depth(self) -> int:
        return len(self._loops)

    @property
    def innermost(self) -> LoopTargets | None:
        return self._loops[-1] if self._loops else None
