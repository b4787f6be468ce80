"""try/except/else in the simulator (`frontend/exceptions.py`, `sim/catching.py`):
exceptions of our own and builtin ones, raised directly, by callees or by
failing operations, caught by class or tuple; return/break/continue through
try statements; re-raising; and failures that still escape are reported
where CPython raises them, with counterexamples that replay."""

from __future__ import annotations

import pytest

import sim_exception_programs as P
import sim_outcomes
from crux_py.driver import ProofSettings, Status, run_symbolic_test

SETTINGS = ProofSettings(timeout=30.0)


@pytest.mark.parametrize("fn", [P.own_exception_from_a_callee_is_caught, P.builtin_index_error_is_caught,
                                P.division_by_zero_is_caught_by_a_tuple_clause,
                                P.break_and_continue_leave_try_statements, P.heap_changes_before_the_raise_are_kept,
                                P.an_unmatched_exception_reaches_the_outer_try,
                                P.an_assertion_inside_try_is_caught_by_except_assertion_error,
                                P.the_decoder_raises_only_value_error, P.no_panic_returns_the_result_or_none,
                                P.finally_runs_on_every_way_out, P.finally_runs_before_break_and_continue],
                         ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    outcome = run_symbolic_test(fn, SETTINGS)
    assert outcome.status is Status.PROVED, [g.message for g in outcome.failures] or outcome.error


@pytest.mark.parametrize("fn, message, line", [
    (P.caught_result_can_be_wrong, "assertion failed: parse_or_default(x) >= 0", "assert parse_or_default(x) >= 0"),
    (P.a_reraised_exception_is_a_failure_where_it_was_raised, "raised KeyError('k')", 'raise KeyError("k")'),
    (P.an_exception_raised_in_a_handler_is_not_caught_by_it, "raised ValueError('bad index')",
     'raise ValueError("bad index")'),
    (P.an_exception_goes_on_after_finally, "raised ValueError('three')", 'raise ValueError("three")'),
    (P.an_undeclared_exception_escapes_raises, "raised IndexError('bytes index out of range')",
     "return data[9]  # IndexError for every 5-byte input starting 0xff"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_escaping_failures_are_refuted_and_replay(fn, message: str, line: str) -> None:  # type: ignore[no-untyped-def]
    outcome = run_symbolic_test(fn, SETTINGS)
    assert outcome.status is Status.REFUTED
    (goal,) = outcome.failures
    assert goal.message == message
    source = open(P.__file__).read().splitlines()
    assert source[goal.span.line - 1].strip() == line
    assert goal.counterexample.replay.reproduced, goal.counterexample.replay.detail  # type: ignore[union-attr]


def test_user_context_managers_enter_and_exit_as_in_cpython() -> None:
    # __exit__ sees the exception (KeyError suppressed, ValueError re-raised) or None;
    # several items nest, the last entered exits first.
    outcome = run_symbolic_test(P.user_context_managers_run, SETTINGS)
    assert outcome.status is Status.PROVED, [g.message for g in outcome.failures] or outcome.error


def test_contextlib_suppress_runs_from_its_source() -> None:
    outcome = run_symbolic_test(P.suppress_from_contextlib, SETTINGS)
    assert outcome.status is Status.PROVED, [g.message for g in outcome.failures] or outcome.error


@pytest.mark.parametrize("fn, message", [
    (P.not_a_context_manager, "TypeError: 'int' object does not support the context manager protocol"),
    (P.exit_lets_the_exception_go, "raised ValueError('five')"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_with_failures_replay(fn, message: str) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.refuted(fn, SETTINGS, message)
