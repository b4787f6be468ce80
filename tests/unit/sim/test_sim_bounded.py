"""Inputs of bounded symbolic length (`Bytes[:n]`) and slices with symbolic
bounds: every length is simulated, counterexamples have the failing length,
and a split slice bound keeps its value after the slice."""

from __future__ import annotations

import pytest

import sim_bounded_programs as P
from crux_py import Bytes, u8
from crux_py.driver import ProofSettings, Status, run_symbolic_test
from crux_py.shapes import BytesUpTo, ListUpTo

SETTINGS = ProofSettings(timeout=30.0)


@pytest.mark.parametrize("fn", [P.every_length_up_to_the_bound, P.a_symbolic_slice_end_keeps_its_value,
                                P.a_symbolic_slice_start, P.a_list_of_symbolic_length], ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    outcome = run_symbolic_test(fn, SETTINGS)
    assert outcome.status is Status.PROVED, [g.message for g in outcome.failures] or outcome.error


def test_the_counterexample_has_the_failing_length_and_replays() -> None:
    outcome = run_symbolic_test(P.a_length_two_bug, SETTINGS)
    assert outcome.status is Status.REFUTED
    (goal,) = outcome.failures
    (value,) = [i.value for i in goal.counterexample.inputs if i.name == "data"]  # type: ignore[union-attr]
    assert len(value) == 2 and value[0] == value[1]
    assert goal.counterexample.replay.reproduced, goal.counterexample.replay.detail  # type: ignore[union-attr]


def test_a_list_counterexample_has_the_failing_length_and_replays() -> None:
    outcome = run_symbolic_test(P.a_bug_on_lists_of_three, SETTINGS)
    assert outcome.status is Status.REFUTED
    (goal,) = outcome.failures
    (value,) = [i.value for i in goal.counterexample.inputs if i.name == "xs"]  # type: ignore[union-attr]
    assert len(value) == 3 and sum(value) == 3
    assert goal.counterexample.replay.reproduced, goal.counterexample.replay.detail  # type: ignore[union-attr]


def test_the_shape() -> None:
    assert u8[:3] == ListUpTo(u8, 3) and repr(u8[:3]) == "u8[:3]"
    assert Bytes[:5] == BytesUpTo(5) and repr(Bytes[:5]) == "Bytes[:5]"
    for bad in (slice(1, 3), slice(None, -1), slice(None, 4, 2), slice(None, None)):
        with pytest.raises(TypeError):
            Bytes[bad]
