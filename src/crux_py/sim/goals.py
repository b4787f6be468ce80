"""What a simulation records for the driver: obligations (failures as data),
symbolic branch decisions and `cover` points.

A `Goal` says "whenever `assumptions` hold, `condition` holds". A path that
definitely fails (a `raise`, a concrete out-of-range index) records a goal
whose condition is false; the driver (`driver/`) proves or refutes each
goal with a solver.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from crux_py.source import SourceSpan
from crux_py.term.nodes import Term


class GoalKind(Enum):
    ASSERTION = "assertion"   # a user `assert`
    PANIC = "panic"           # an exception Python would raise (IndexError, ZeroDivisionError, raise ...)
    UNWIND = "unwind"         # a loop or recursion not unwound within the bound
    PRECONDITION = "precondition"  # a call's arguments may fall outside an enabled spec's preconditions


@dataclass(frozen=True, slots=True)
class Goal:
    kind: GoalKind
    condition: Term
    assumptions: tuple[Term, ...]
    message: str
    span: SourceSpan
    stack: tuple[SourceSpan, ...]
    """Call sites from the test function down to the goal's function."""
    exception: str = ""
    """For panics: the Python exception class name the failing path raises."""


@dataclass(frozen=True, slots=True)
class Decision:
    """A symbolic branch: taken by an input when `pc` and `condition` hold, not taken when only `pc` does."""

    span: SourceSpan
    pc: tuple[Term, ...]
    condition: Term


@dataclass(frozen=True, slots=True)
class Cover:
    """A `cover(cond, message)` reached under `pc`."""

    span: SourceSpan
    message: str
    pc: tuple[Term, ...]
    condition: Term
