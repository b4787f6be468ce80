"""Running a counterexample in CPython: the test function itself, with
`symbolic()` returning the recorded values (`intrinsics.InputSource`)."""

from __future__ import annotations

import copy
import os
import traceback
import types
from collections.abc import Mapping, Sequence

from crux_py import intrinsics
from crux_py.driver.outcome import Replay
from crux_py.shapes import BoolShape, IntShape, Shape
from crux_py.sim.goals import Goal


def zero_of(shape: Shape) -> object:
    if isinstance(shape, IntShape):
        return 0
    if isinstance(shape, BoolShape):
        return False
    return [zero_of(shape.elem) for _ in range(shape.length)]


class RecordedInputs:
    """Input source answering `symbolic(shape, name)` from recorded values."""

    def __init__(self, values: Mapping[str, object]) -> None:
        self.values = values
        self.seen: dict[str, int] = {}

    def value_for(self, shape: Shape, name: str) -> object:
        unique = intrinsics.unique_input_name(name, self.seen)
        if unique in self.values:
            return copy.deepcopy(self.values[unique])
        return zero_of(shape)


def replay(fn: types.FunctionType, values: Mapping[str, object], params: Sequence[str], goal: Goal) -> Replay:
    """Run `fn` on the counterexample and say whether it fails as the goal predicts."""
    args = [copy.deepcopy(values.get(p)) for p in params]
    try:
        with intrinsics.input_source(RecordedInputs(values)):
            fn(*args)
    except intrinsics.AssumptionRejected:
        return Replay(False, "an assume() rejected the counterexample")
    except Exception as e:  # noqa: BLE001 - any exception of the test is the observed failure
        file, line = _location(e)
        first_line = str(e).splitlines()[0] if str(e) else ""
        observed = f"{type(e).__name__}{': ' + first_line if first_line else ''} at {file}:{line}"
        expected = goal.exception or "AssertionError"
        same_place = line == goal.span.line and os.path.realpath(file) == os.path.realpath(goal.span.file)
        if type(e).__name__ != expected or not same_place:
            return Replay(False, f"CPython raised {observed}; expected {expected} at {goal.span.short}")
        return Replay(True, observed)
    return Replay(False, "the test passed in CPython")


def _location(e: BaseException) -> tuple[str, int]:
    frames = traceback.extract_tb(e.__traceback__)
    if not frames:
        return "<unknown>", 0
    return frames[-1].filename, frames[-1].lineno or 0
