"""Outcomes as JSON-ready dicts (`--crux-report PATH`)."""

from __future__ import annotations

from crux_py.driver.outcome import Counterexample, GoalResult, TestOutcome
from crux_py.source import SourceSpan


def _span(span: SourceSpan) -> dict[str, object]:
    return {"file": span.file, "line": span.line, "column": span.col + 1}


def _plain(value: object) -> object:
    """A JSON-representable form of a value seen in a counterexample."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return repr(value)


def _counterexample(cex: Counterexample) -> dict[str, object]:
    return {
        "inputs": {i.name: _plain(i.value) for i in cex.inputs},
        "path": [{**_span(s), "taken": taken, "times": n} for s, taken, n in cex.path],
        "operands": {text: _plain(v) for text, v in cex.subexpressions},
        "replay": None if cex.replay is None else {"reproduced": cex.replay.reproduced, "detail": cex.replay.detail},
        "replay_file": cex.replay_file,
    }


def _goal(goal: GoalResult) -> dict[str, object]:
    return {
        "kind": goal.kind.value,
        "status": goal.status.value,
        "message": goal.message,
        "location": _span(goal.span),
        "reason": goal.reason,
        "seconds": round(goal.seconds, 6),
        "counterexample": None if goal.counterexample is None else _counterexample(goal.counterexample),
    }


def outcome_to_dict(outcome: TestOutcome, test_id: str) -> dict[str, object]:
    return {
        "test": test_id,
        "outcome": outcome.status.value,
        "location": _span(outcome.span),
        "seconds": round(outcome.seconds, 6),
        "solver": outcome.solver,
        "solver_calls": outcome.solver_calls,
        "solver_seconds": round(outcome.solver_seconds, 6),
        "specs_used": list(outcome.specs),
        "error": outcome.error,
        "note": outcome.note,
        "goals": [_goal(g) for g in outcome.goals],
        "covers": [{**_span(c.span), "message": c.message, "status": c.status,
                    "example": {i.name: _plain(i.value) for i in c.example}} for c in outcome.covers],
        "unreachable_assertions": [_span(s) for s in outcome.unreachable],
        "stats": outcome.stats,
    }
