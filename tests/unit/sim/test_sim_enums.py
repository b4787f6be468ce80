"""Enumerations in the simulator (`sim/enum_models.py`): looking a symbolic
value up among the members (one path per member, CPython's ValueError for
the rest), member attributes and methods, and a `_missing_` hook (Flag) is
unsupported. The lookup also checks that a merge after an arm that raised
does not carry that arm's inputs on (`Simulator.choose`)."""

from __future__ import annotations

import pytest
import sim_enum_programs as P

from crux_py.driver import ProofSettings, Status, run_symbolic_test

SETTINGS = ProofSettings(timeout=30.0)


@pytest.mark.parametrize("fn", [P.lookup_raises_only_value_error, P.lookup_caught, P.members_and_methods],
                         ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    outcome = run_symbolic_test(fn, SETTINGS)
    assert outcome.status is Status.PROVED, [g.message for g in outcome.failures] or outcome.error


def test_unknown_value_is_refuted_and_replays() -> None:
    outcome = run_symbolic_test(P.unknown_kind, SETTINGS)
    assert outcome.status is Status.REFUTED
    (goal,) = outcome.failures
    assert goal.message == "ValueError: the value is not a valid Kind"
    assert goal.counterexample.replay.reproduced, goal.counterexample.replay.detail  # type: ignore[union-attr]
    assert goal.counterexample.inputs[0].value[0] not in (1, 2, 3)  # type: ignore[union-attr]


def test_flag_lookup_of_a_symbolic_value_is_unsupported() -> None:
    outcome = run_symbolic_test(P.flag_of_symbolic, SETTINGS)
    assert outcome.status is Status.ERROR
    assert "Perm(<symbolic>): its _missing_ hook is not modelled" in outcome.error
