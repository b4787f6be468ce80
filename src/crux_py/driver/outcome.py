"""The result of proving one symbolic test: frozen data, rendered by `report/`."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from crux_py.shapes import Shape
from crux_py.sim.goals import GoalKind
from crux_py.source import SourceSpan


class Status(Enum):
    PROVED = "proved"
    REFUTED = "refuted"
    UNKNOWN = "unknown"
    VACUOUS = "vacuous"
    """Every goal holds only because no input satisfies the assumptions."""
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class InputValue:
    name: str
    shape: Shape | None
    """None when no input shape describes the value (a Cryptol tuple, say)."""
    value: object


@dataclass(frozen=True, slots=True)
class Replay:
    """What happened when the counterexample was run in CPython."""

    reproduced: bool
    detail: str
    specs: tuple[str, ...] = ()
    """Specs the proof used in place of real functions: CPython runs the real
    ones, so a failure that rests on what a spec leaves open may not replay."""


@dataclass(frozen=True, slots=True)
class Counterexample:
    inputs: tuple[InputValue, ...]
    replay: Replay | None
    path: tuple[tuple[SourceSpan, bool, int], ...] = ()
    """The symbolic branches this input goes through: (where, taken, how many times in a row)."""
    subexpressions: tuple[tuple[str, str], ...] = ()
    """For a failed assertion: the values of its operands, as (source text, value)."""
    replay_file: str | None = None


@dataclass(frozen=True, slots=True)
class CoverResult:
    span: SourceSpan
    message: str
    status: str
    """satisfied, unsatisfiable, unreachable or unknown"""
    example: tuple[InputValue, ...] = ()


@dataclass(frozen=True, slots=True)
class GoalResult:
    kind: GoalKind
    message: str
    span: SourceSpan
    stack: tuple[SourceSpan, ...]
    status: Status
    reason: str = ""
    """Why the goal is proved without a solver, or why its status is unknown."""
    seconds: float = 0.0
    counterexample: Counterexample | None = None


@dataclass(frozen=True, slots=True)
class TestOutcome:
    __test__ = False  # not a pytest test class, whatever its name

    name: str
    span: SourceSpan
    status: Status
    goals: tuple[GoalResult, ...] = ()
    seconds: float = 0.0
    solver: str = ""
    solver_calls: int = 0
    solver_seconds: float = 0.0
    error: str = ""
    stats: dict[str, int] = field(default_factory=dict)
    specs: tuple[str, ...] = ()
    """The specs the proof relied on (enabled in the test)."""
    covers: tuple[CoverResult, ...] = ()
    unreachable: tuple[SourceSpan, ...] = ()
    """Assertions of the test that no feasible path reaches."""
    note: str = ""
    """Why the outcome is vacuous or unknown, when no goal says it."""
    ir: str = ""
    """The IR of the functions the test ran (with --crux-dump-ir)."""

    @property
    def failures(self) -> tuple[GoalResult, ...]:
        return tuple(g for g in self.goals if g.status is not Status.PROVED)
