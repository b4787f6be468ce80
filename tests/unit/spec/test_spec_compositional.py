"""Compositional reasoning: specs proved once, then standing in for their functions."""

from __future__ import annotations

from crux_py.driver import ProofSettings, Status, new_prover, prove_spec, run_symbolic_test
from crux_py.report import format_outcome
from crux_py.sim.goals import GoalKind

import spec_programs as P

SETTINGS = ProofSettings(timeout=30.0)


def test_spec_is_proved_and_used_by_other_tests() -> None:
    prover = new_prover(SETTINGS)
    assert prove_spec(P.merge_clocks_spec, prover).status is Status.PROVED
    outcome = run_symbolic_test(P.merge_vc_with_spec, SETTINGS, prover)
    assert outcome.status is Status.PROVED, outcome
    assert outcome.specs == ("merge_clocks_spec",)
    used = run_symbolic_test(P.merge_vc_commutes_with_spec, SETTINGS, prover)
    assert used.status is Status.PROVED and used.specs == ("merge_clocks_spec",)
    # Proved once: the prover hands back the very same result.
    assert prover.prove(P.merge_clocks_spec) is prover.prove(P.merge_clocks_spec)


def test_a_wrong_spec_fails_and_so_do_tests_enabling_it() -> None:
    prover = new_prover(SETTINGS)
    assert prove_spec(P.merge_clocks_wrong_spec, prover).status is Status.REFUTED
    outcome = run_symbolic_test(P.relies_on_wrong_spec, SETTINGS, prover)
    assert outcome.status is Status.ERROR
    assert "merge_clocks_wrong_spec" in outcome.error and "refuted" in outcome.error


def test_precondition_violation_is_the_callers_failure() -> None:
    outcome = run_symbolic_test(P.halves_anything, SETTINGS)
    assert outcome.status is Status.REFUTED
    goal = outcome.failures[0]
    assert goal.kind is GoalKind.PRECONDITION
    assert goal.message == "precondition of spec half_small_spec may not hold"
    assert goal.span.line == P.halves_anything.__code__.co_firstlineno + 4
    x = goal.counterexample.inputs[0].value  # type: ignore[union-attr]
    assert x >= 100  # type: ignore[operator]
    assert run_symbolic_test(P.halves_small_numbers, SETTINGS).status is Status.PROVED


def test_several_specs_for_one_function_chosen_by_precondition() -> None:
    assert run_symbolic_test(P.clamps_with_both_specs, SETTINGS).status is Status.PROVED
    outcome = run_symbolic_test(P.clamps_with_low_spec_only, SETTINGS)
    assert outcome.status is Status.REFUTED
    assert outcome.failures[0].kind is GoalKind.PRECONDITION


def test_changed_list_argument_is_havocked_except_where_specified() -> None:
    assert run_symbolic_test(P.bumped_first_element, SETTINGS).status is Status.PROVED
    outcome = run_symbolic_test(P.relies_on_unspecified_elements, SETTINGS)
    assert outcome.status is Status.REFUTED
    goal = outcome.failures[0]
    assert goal.kind is GoalKind.ASSERTION
    # The real bump_first leaves ys[1] alone, so CPython passes; the report blames the spec, not the engine.
    replay = goal.counterexample.replay  # type: ignore[union-attr]
    assert not replay.reproduced and replay.specs == ("bump_first_spec",)
    assert "may not say enough" in format_outcome(outcome) and "engine bug" not in format_outcome(outcome)


def test_malformed_specs_are_errors_naming_the_problem() -> None:
    prover = new_prover(SETTINGS)
    cases = {
        P.calls_twice_spec: "more than once",
        P.calls_in_branch_spec: "outside branches and loops",
        P.never_calls_spec: "never calls",
        P.expression_argument_spec: "not a symbolic input",
    }
    for spec, message in cases.items():
        outcome = prove_spec(spec, prover)
        assert outcome.status is Status.ERROR, spec
        assert message in outcome.error, outcome.error
    relying = run_symbolic_test(P.uses_calls_twice_spec, SETTINGS, prover)
    assert relying.status is Status.ERROR and "calls_twice_spec" in relying.error


def test_spec_cycles_are_refused() -> None:
    outcome = run_symbolic_test(P.uses_cyclic_specs, SETTINGS)
    assert outcome.status is Status.ERROR
    assert "cycle" in outcome.error and "ping_spec -> pong_spec -> ping_spec" in outcome.error


def test_method_specs_take_self_as_an_argument() -> None:
    prover = new_prover(SETTINGS)
    assert prove_spec(P.add_spec, prover).status is Status.PROVED
    assert run_symbolic_test(P.adds_twice, SETTINGS, prover).status is Status.PROVED
    # Attributes that were concrete in the spec's proof are matched and produced exactly.
    assert run_symbolic_test(P.counts_the_addition, SETTINGS, prover).status is Status.PROVED
    outcome = run_symbolic_test(P.adds_to_a_used_accumulator, SETTINGS, prover)
    assert outcome.status is Status.REFUTED and outcome.failures[0].kind is GoalKind.PRECONDITION
