"""Dicts and sets with concrete keys in the simulator: proofs, seeded bugs refuted, and what stays unsupported."""

from __future__ import annotations

import pytest

import sim_dict_programs as P
import sim_outcomes
from crux_py.driver import ProofSettings, Status, run_symbolic_test

SETTINGS = ProofSettings(timeout=30.0)


@pytest.mark.parametrize("fn", [
    P.dict_operations, P.dict_constructors_and_comprehensions, P.dict_iteration_in_insertion_order,
    P.dicts_are_shared_like_lists, P.dicts_merge_across_branches, P.symbolic_keys_are_looked_up_exactly,
    P.module_level_tables, P.set_operations, P.sets_are_shared_and_merged, P.del_list_item,
    P.keyword_arguments_collect_into_a_dict,
], ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.proved(fn, SETTINGS)


@pytest.mark.parametrize("fn, message, exception", [
    (P.missing_key_on_some_paths, "KeyError: 'b'", "KeyError"),
    (P.symbolic_key_may_be_missing, "KeyError: <symbolic>", "KeyError"),
    (P.merged_value_wrong, "assertion failed: d[\"k\"] > 10", "AssertionError"),
    (P.membership_wrong, "assertion failed: x in {1, 2, 3}", "AssertionError"),
    (P.order_assumed_sorted, "assertion failed: list(d) == [\"a\", \"b\"]", "AssertionError"),
    (P.dict_grows_while_iterating, "RuntimeError: dictionary changed size during iteration", "RuntimeError"),
    (P.remove_missing_element, "KeyError: 1", "KeyError"),
    (P.unhashable_key, "TypeError: unhashable type: 'list'", "TypeError"),
    (P.dict_pop_missing, "KeyError: 'a'", "KeyError"),
    (P.keyword_argument_bug, "assertion failed: options[\"flag\"]", "AssertionError"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_seeded_bugs_are_refuted_and_replay(fn, message: str, exception: str) -> None:  # type: ignore[no-untyped-def]
    outcome = run_symbolic_test(fn, SETTINGS)
    assert outcome.status is Status.REFUTED, outcome.error
    (goal,) = outcome.failures
    assert goal.message == message
    assert goal.counterexample is not None
    assert goal.counterexample.replay.reproduced, goal.counterexample.replay.detail  # type: ignore[union-attr]
    assert exception in goal.counterexample.replay.detail  # type: ignore[union-attr]


def test_missing_key_counterexample_takes_the_bad_path() -> None:
    outcome = run_symbolic_test(P.missing_key_on_some_paths, SETTINGS)
    (goal,) = outcome.failures
    assert {i.name: i.value for i in goal.counterexample.inputs}["x"] != 7  # type: ignore[union-attr]


def test_symbolic_key_counterexample_is_the_missing_key() -> None:
    outcome = run_symbolic_test(P.symbolic_key_may_be_missing, SETTINGS)
    (goal,) = outcome.failures
    assert {i.name: i.value for i in goal.counterexample.inputs}["x"] == 0  # type: ignore[union-attr]


@pytest.mark.parametrize("fn, words", [
    (P.symbolic_key_stored, "a symbolic dict key"),
    (P.iterating_a_set_of_strings, "iterating over a set whose iteration order CPython does not fix"),
    (P.iterating_a_set_after_removal, "iterating over a set whose iteration order CPython does not fix"),
    (P.comparing_dict_views, "`==` on dict views"),
    (P.keys_replaced_while_iterating, "changing the keys of a dict or set while iterating"),
    (P.set_of_symbolic_values, "a symbolic set element"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_unsupported_is_an_error_with_location(fn, words: str) -> None:  # type: ignore[no-untyped-def]
    outcome = run_symbolic_test(fn, SETTINGS)
    assert outcome.status is Status.ERROR
    assert words in outcome.error
    assert "sim_dict_programs.py:" in outcome.error
