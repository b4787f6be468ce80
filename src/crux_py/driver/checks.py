"""Checks of a run beyond its goals: vacuity, unreachable assertions, covers.

A proof is only worth something if some input reaches the end of the test:
when the assumptions exclude every input, the outcome is *vacuous*. An
`assert` of the test that no feasible path reaches is reported, and each
`cover(cond, msg)` says whether `cond` can be true where it stands.
"""

from __future__ import annotations

from crux_py.driver.context import RunContext
from crux_py.driver.outcome import CoverResult, GoalResult, InputValue, Status
from crux_py.driver.solving import satisfiable_by_definitions
from crux_py.ir.nodes import Raise
from crux_py.sim import Cover, Goal, GoalKind, decode
from crux_py.solver import CheckStatus
from crux_py.source import SourceSpan
from crux_py.term.nodes import Term


def vacuity(run: RunContext, final_pc: tuple[Term, ...] | None, goals: list[Goal],
            results: tuple[GoalResult, ...]) -> tuple[Status | None, str]:
    """VACUOUS (or UNKNOWN) with a note when no input reaches the end of the test."""
    if final_pc is None:
        return Status.VACUOUS, "no input reaches the end of the test: every path is assumed away or fails"
    final_pc = without_proved_goals(final_pc, goals, results)
    if satisfiable_by_definitions(final_pc, run.sim.definitions):
        return None, ""
    result = run.solver.check(final_pc)
    if result.status is CheckStatus.UNSAT:
        return Status.VACUOUS, "the assumptions contradict each other: no input satisfies them all"
    if result.status is CheckStatus.UNKNOWN:
        return Status.UNKNOWN, f"could not decide whether any input satisfies the assumptions: {result.reason}"
    return None, ""


def without_proved_goals(pc: tuple[Term, ...], goals: list[Goal], results: tuple[GoalResult, ...]) -> tuple[Term, ...]:
    """`pc` without the conditions of proved goals that the path assumed after
    checking them: each follows from the rest (which holds the goal's own
    assumptions), so dropping it keeps the satisfiable inputs the same. An
    equality of two whole hash computations, say, is then not handed to the
    solver a second time."""
    kept = {t.tid: t for t in pc}
    for goal, result in zip(goals, results):
        tid = goal.condition.tid
        if result.status is Status.PROVED and tid in kept \
                and all(a.tid in kept and a.tid != tid for a in goal.assumptions):
            del kept[tid]
    return tuple(kept.values())


def unreachable_assertions(run: RunContext, goals: list[Goal], results: tuple[GoalResult, ...]) -> tuple[SourceSpan, ...]:
    """The test's own assertions that no feasible path reaches (`results` prove `goals`)."""
    fir = run.sim.translate(run.fn)
    written = [b.term.span for b in fir.blocks.values() if isinstance(b.term, Raise) and b.term.assertion is not None]
    reached: set[tuple[str, int]] = set()
    for goal, result in zip(goals, results):
        if goal.kind is not GoalKind.ASSERTION or (goal.span.file, goal.span.line) in reached:
            continue
        if (result.status is not Status.PROVED or satisfiable_by_definitions(goal.assumptions, run.sim.definitions)
                or run.solver.check(goal.assumptions).status is not CheckStatus.UNSAT):
            reached.add((goal.span.file, goal.span.line))
    return tuple(s for s in written if (s.file, s.line) not in reached)


def covers(run: RunContext) -> tuple[CoverResult, ...]:
    by_place: dict[tuple[str, int, int], list[Cover]] = {}
    for c in run.sim.covers:
        by_place.setdefault((c.span.file, c.span.line, c.span.col), []).append(c)
    results = []
    for points in by_place.values():
        first = points[0]
        status, example = "unreachable", ()
        for point in points:
            reach = run.solver.check(point.pc)
            if reach.status is CheckStatus.UNSAT:
                continue
            hit = run.solver.check(point.pc + (point.condition,))
            if hit.status is CheckStatus.SAT and hit.model is not None:
                example = tuple(InputValue(i.name, i.shape, decode(i.shape, i.template, hit.model))
                                for i in run.sim.inputs)
                status = "satisfied"
                break
            if hit.status is CheckStatus.UNKNOWN or reach.status is CheckStatus.UNKNOWN:
                status = "unknown"
            elif status != "unknown":
                status = "unsatisfiable"
        results.append(CoverResult(first.span, first.message, status, example))
    return tuple(results)
