"""End-to-end semantics of the simulator on small programs (through the driver)."""

from __future__ import annotations

import pytest

from crux_py.driver import ProofSettings, Status, TestOutcome, run_symbolic_test

import sim_programs as P

SETTINGS = ProofSettings(timeout=30.0)


def prove(fn, **overrides) -> TestOutcome:  # type: ignore[no-untyped-def]
    return run_symbolic_test(fn, SETTINGS.with_overrides(**overrides))


def only_failure(outcome: TestOutcome):  # type: ignore[no-untyped-def]
    assert len(outcome.failures) == 1, [g.message for g in outcome.failures]
    return outcome.failures[0]


def cex(outcome: TestOutcome) -> dict[str, object]:
    goal = only_failure(outcome)
    assert goal.counterexample is not None
    return {i.name: i.value for i in goal.counterexample.inputs}


@pytest.mark.parametrize("fn", [
    P.merging_counts, P.mux_strings, P.mux_lists_of_different_length, P.aliasing, P.symbolic_index_in_range,
    P.slices_and_membership, P.floor_division_signs, P.rotation_is_canonical, P.raise_unreachable,
    P.bounded_while, P.break_in_symbolic_loop, P.keywords_and_defaults, P.nested_helper_with_closure,
    P.generators_and_comprehensions, P.annotated_parameters,
], ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    outcome = prove(fn)
    assert outcome.status is Status.PROVED, outcome
    assert outcome.goals, "a proof with no goals proves nothing here"


def test_branches_merge_instead_of_forking_paths() -> None:
    outcome = prove(P.merging_counts)
    # 12 branches in count_big and 12 in the comprehension of the assertion.
    assert outcome.stats["symbolic_branches"] == 24
    assert outcome.stats["merges"] == 24
    # One path: the assertion is a single goal, not one per combination of branches.
    assert len([g for g in outcome.goals if g.kind.value == "assertion"]) == 1


def test_merged_count_refuted_at_the_one_bad_input() -> None:
    values = cex(prove(P.merging_counts_wrong))
    assert all(v > 100 for v in values["xs"])  # type: ignore[union-attr]


def test_mux_of_strings_refuted_on_the_other_string() -> None:
    values = cex(prove(P.mux_strings_wrong))
    assert values["x"] <= 3  # type: ignore[operator]


def test_symbolic_index_must_be_in_range() -> None:
    outcome = prove(P.symbolic_index_out_of_range)
    goal = only_failure(outcome)
    assert goal.message == "IndexError: list index out of range"
    assert cex(outcome)["i"] >= 8  # type: ignore[operator]
    assert goal.counterexample.replay.reproduced  # type: ignore[union-attr]


def test_wrapping_add_overflow_found() -> None:
    values = cex(prove(P.wrapping_add_wrong))
    assert values["a"] + values["b"] >= 2**32  # type: ignore[operator]


def test_reachable_raise_is_a_failure_with_replay() -> None:
    outcome = prove(P.raise_reachable)
    goal = only_failure(outcome)
    assert "ValueError" in goal.message and goal.span.line == P.check.__code__.co_firstlineno + 2
    assert cex(outcome) == {"x": 12345}
    assert goal.counterexample.replay.reproduced  # type: ignore[union-attr]
    assert len(goal.stack) == 2  # test -> check


def test_unbound_local_on_some_paths() -> None:
    outcome = prove(P.unbound_local)
    goal = only_failure(outcome)
    assert goal.message.startswith("UnboundLocalError")
    assert cex(outcome)["x"] <= 5  # type: ignore[operator]
    assert goal.counterexample.replay.reproduced  # type: ignore[union-attr]


def test_unbounded_loop_fails_with_unwind_message() -> None:
    outcome = prove(P.unbounded_while, unwind=8)
    goal = only_failure(outcome)
    assert goal.kind.value == "unwind"
    assert "not unwound after 8 iterations" in goal.message
    assert cex(outcome)["n"] > 8  # type: ignore[operator]


def test_bounded_loop_needs_no_more_than_its_bound() -> None:
    assert prove(P.bounded_while, unwind=10).status is Status.PROVED
    assert prove(P.bounded_while, unwind=9).status is Status.REFUTED


def test_timeout_is_unknown_never_proved() -> None:
    outcome = prove(P.hard_goal, timeout=1.0)
    assert outcome.status is Status.UNKNOWN
    goal = only_failure(outcome)
    assert goal.status is Status.UNKNOWN and "timeout" in goal.reason


def test_unsupported_construct_is_an_error_with_location() -> None:
    outcome = prove(P.unsupported_construct)
    assert outcome.status is Status.ERROR
    line = P.uses_with.__code__.co_firstlineno + 1
    assert f"sim_programs.py:{line}" in outcome.error and "call to open" in outcome.error


@pytest.mark.parametrize("solver", ["z3", "bitwuzla", "cvc5"])
def test_every_solver_proves_and_refutes(solver: str) -> None:
    assert prove(P.floor_division_signs, solver=solver).status is Status.PROVED
    values = cex(prove(P.wrapping_add_wrong, solver=solver))
    assert values["a"] + values["b"] >= 2**32  # type: ignore[operator]


def test_division_by_zero_is_a_failure_unless_assumed_away() -> None:
    outcome = prove(P.division_unguarded)
    goal = only_failure(outcome)
    assert goal.message == "ZeroDivisionError: integer division or modulo by zero"
    assert goal.span.line == P.division_unguarded.__code__.co_firstlineno + 4  # decorator line + 4
    assert cex(outcome)["y"] == 0
    assert goal.counterexample.replay.reproduced  # type: ignore[union-attr]
    assert prove(P.division_guarded).status is Status.PROVED


def test_each_merged_exception_is_its_own_failure() -> None:
    outcome = prove(P.exception_differs_by_path)
    assert outcome.status is Status.REFUTED
    raised = sorted(g.message for g in outcome.failures)
    assert raised == ["raised KeyError('no')", "raised ValueError('no')"]
    assert all(g.counterexample.replay.reproduced for g in outcome.failures)  # type: ignore[union-attr]


def test_operations_on_merged_values_inside_containers() -> None:
    outcome = prove(P.merged_values_inside_lists)
    assert outcome.status is Status.PROVED, [g.message for g in outcome.failures]
