"""Frames of the compiled evaluator: compile-time layout (`Scope`) and currying.

At run time a frame is a Python list: slot 0 holds the enclosing frame, then
one slot per local variable (a value or a `Thunk`). A `Scope` assigns slots to
the variable ids of the core (`core.py`) while `eval.py`, `bindings.py` and
`comprehension.py` compile; `find` gives a variable's (depth, slot).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crux_py.errors import CryptolEvalError

Code = Callable[[list], Any]


class Scope:
    """Compile-time layout of one frame."""

    __slots__ = ("parent", "size", "slots")

    def __init__(self, parent: Scope | None) -> None:
        self.parent = parent
        self.slots: dict[int, int] = {}
        self.size = 1

    def add(self, uid: int) -> int:
        idx = self.size
        self.slots[uid] = idx
        self.size += 1
        return idx

    def find(self, uid: int) -> tuple[int, int]:
        depth, sc = 0, self
        while sc is not None:
            idx = sc.slots.get(uid)
            if idx is not None:
                return depth, idx
            sc, depth = sc.parent, depth + 1
        raise CryptolEvalError(f"internal: unbound variable #{uid}")


def curry(arity: int, run: Callable[[list], Any]) -> Any:
    if arity == 1:
        return lambda a: run([a])
    if arity == 2:
        return lambda a: (lambda b: run([a, b]))

    def collect(args: list) -> Any:
        if len(args) == arity:
            return run(args)
        return lambda x: collect(args + [x])
    return collect([])
