"""The answer of one satisfiability check: `CheckStatus` and `CheckResult`.

Backends (`solver/*_backend.py`) produce these; the simulator and the
equivalence engine consume them. UNKNOWN is a first-class answer carrying a
human-readable reason, never an exception: a check that timed out or whose
solver library failed must not be mistaken for a proof.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from crux_py.errors import panic

Value = int | bool


class CheckStatus(enum.Enum):
    SAT = "sat"
    UNSAT = "unsat"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Outcome of `SolverBackend.check`.

    `model` is present exactly when `status` is SAT and maps every variable
    name of the checked assertions to its value (unsigned int for
    bit-vectors, bool for Bools). `reason` explains UNKNOWN ("timeout after
    1.0 s", "solver error: ...") and is empty otherwise. `seconds` is the
    wall time of the whole check, translation included.
    """

    status: CheckStatus
    model: Mapping[str, Value] | None
    reason: str
    seconds: float

    def __post_init__(self) -> None:
        if (self.status is CheckStatus.SAT) != (self.model is not None):
            raise panic(f"a {self.status.value} result {'needs' if self.model is None else 'has'} a model")
        if self.status is CheckStatus.UNKNOWN and not self.reason:
            raise panic("an unknown result needs a reason")

    @property
    def is_sat(self) -> bool:
        return self.status is CheckStatus.SAT

    @property
    def is_unsat(self) -> bool:
        return self.status is CheckStatus.UNSAT

    @property
    def is_unknown(self) -> bool:
        return self.status is CheckStatus.UNKNOWN

    @staticmethod
    def sat(model: Mapping[str, Value], seconds: float) -> CheckResult:
        # A read-only view keeps a frozen result from being edited through its model.
        return CheckResult(CheckStatus.SAT, MappingProxyType(dict(model)), "", seconds)

    @staticmethod
    def unsat(seconds: float) -> CheckResult:
        return CheckResult(CheckStatus.UNSAT, None, "", seconds)

    @staticmethod
    def unknown(reason: str, seconds: float) -> CheckResult:
        return CheckResult(CheckStatus.UNKNOWN, None, reason, seconds)


def timeout_reason(timeout: float) -> str:
    """The reason text of a check stopped by its time limit."""
    return f"timeout after {float(timeout)} s"


def error_reason(exc: BaseException) -> str:
    """The reason text of a check whose solver library raised `exc`."""
    text = str(exc).strip().splitlines()
    detail = text[0] if text else ""
    return f"solver error: {type(exc).__name__}" + (f": {detail}" if detail else "")
