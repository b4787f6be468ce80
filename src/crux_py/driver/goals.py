"""Proving each goal of a run: "assumptions imply condition", by asking the
solver whether "assumptions and not condition" is satisfiable.

UNSAT (or a query that simplified to false) proves the goal; a model refutes
it and becomes a counterexample (`explain.py`); anything else is unknown.
A goal the solver does not decide quickly is handed to the
equivalence engine (`solver/equivalence.py`), which proves its internal
nodes equal bottom-up before the solver sees what is left.
"""

from __future__ import annotations

import time

from crux_py.driver.context import RunContext
from crux_py.driver.explain import counterexample
from crux_py.driver.outcome import GoalResult, Status
from crux_py.driver.search import sample_model
from crux_py.driver.solving import proved_by_assumptions, refutation_query
from crux_py.sim.goals import Goal
from crux_py.term.nodes import Term
from crux_py.solver import CheckResult, CheckStatus
from crux_py.solver.affine import refuted
from crux_py.solver.equivalence import decide

QUICK_SECONDS = 0.2
"""How long the solver alone gets on a goal before sweeping starts."""


def distinct_goals(goals: list[Goal]) -> list[Goal]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for g in goals:
        key = (g.condition, g.assumptions, g.span, g.message)
        if key not in seen:
            seen.add(key)
            out.append(g)
    return out


def prove_goal(run: RunContext, goal: Goal, number: int) -> GoalResult:
    base = dict(kind=goal.kind, message=goal.message, span=goal.span, stack=goal.stack)
    if proved_by_assumptions(goal.assumptions, goal.condition):
        return GoalResult(**base, status=Status.PROVED, reason="simplified to true")  # type: ignore[arg-type]
    query = refutation_query(run.sim.ctx, goal)
    sampled = sample_model(query)
    if sampled is not None:  # a refuting input found by evaluation: no solver needed
        return GoalResult(**base, status=Status.REFUTED,  # type: ignore[arg-type]
                          counterexample=counterexample(run, goal, query, sampled, number))
    result, note = check(run, query)
    if result.status is CheckStatus.UNSAT:
        return GoalResult(**base, status=Status.PROVED, reason=note, seconds=result.seconds)  # type: ignore[arg-type]
    if result.status is CheckStatus.UNKNOWN or result.model is None:
        return GoalResult(**base, status=Status.UNKNOWN, reason=result.reason,  # type: ignore[arg-type]
                          seconds=result.seconds)
    return GoalResult(**base, status=Status.REFUTED, seconds=result.seconds,  # type: ignore[arg-type]
                      counterexample=counterexample(run, goal, query, result.model, number))


def check(run: RunContext, query: tuple[Term, ...]) -> tuple[CheckResult, str]:
    """The solver's answer to `query`, with a note on sweeping if it was used."""
    timeout = run.solver.timeout
    if timeout <= QUICK_SECONDS:
        return run.solver.check(query), ""
    quick = run.solver.check(query, QUICK_SECONDS)
    if quick.status is not CheckStatus.UNKNOWN:
        return quick, ""
    start = time.perf_counter()
    if refuted(query):
        return CheckResult(CheckStatus.UNSAT, None, "", time.perf_counter() - start), "xor-linear (GF(2) forms)"
    result, stats = decide(run.sim.ctx, run.solver, query, timeout - quick.seconds)
    return result, stats.summary()
