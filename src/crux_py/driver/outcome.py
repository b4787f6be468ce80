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
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class InputValue:
    name: str
    shape: Shape
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

    @property
    def failures(self) -> tuple[GoalResult, ...]:
        return tuple(g for g in self.goals if g.status is not Status.PROVED)
