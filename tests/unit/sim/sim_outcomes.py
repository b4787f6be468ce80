"""The checks the simulator's test files share: a program is proved (with
goals), or refuted with a given message and a counterexample that replays."""

from __future__ import annotations

from collections.abc import Callable

from crux_py.driver import ProofSettings, Status, run_symbolic_test
from crux_py.driver.outcome import GoalResult, TestOutcome


def proved(fn: Callable[[], object], settings: ProofSettings, *, goals: bool = True) -> TestOutcome:
    outcome = run_symbolic_test(fn, settings)
    assert outcome.status is Status.PROVED, [g.message for g in outcome.failures] or outcome.error
    if goals:
        assert outcome.goals, "a proof with no goals proves nothing here"
    return outcome


def refuted(fn: Callable[[], object], settings: ProofSettings, message: str) -> GoalResult:
    """The one failure of `fn`: it has `message`, and its counterexample replays in CPython."""
    outcome = run_symbolic_test(fn, settings)
    assert outcome.status is Status.REFUTED, outcome.error
    (goal,) = outcome.failures
    assert goal.message == message
    assert goal.counterexample is not None and goal.counterexample.replay.reproduced, goal.counterexample
    return goal


def refuted_everywhere(fn: Callable[[], object], settings: ProofSettings, message: str) -> TestOutcome:
    """`fn` fails (possibly at several places), always with `message`, and every counterexample replays."""
    outcome = run_symbolic_test(fn, settings)
    assert outcome.status is Status.REFUTED, outcome.error
    assert outcome.failures and {goal.message for goal in outcome.failures} == {message}
    for goal in outcome.failures:
        assert goal.counterexample is not None and goal.counterexample.replay.reproduced, goal.counterexample
    return outcome
