"""Human-readable text of a test outcome: what pytest prints.

A failure reads like a compiler error: location first, then the source line
with a caret, the counterexample as Python literals, the call stack and what
the CPython replay observed. Rendering never changes an outcome.
"""

from __future__ import annotations

import linecache

from crux_py.driver.outcome import GoalResult, Status, TestOutcome
from crux_py.report.values import format_value, nonzero_elements
from crux_py.source import SourceSpan


def format_summary_line(outcome: TestOutcome) -> str:
    """`proved: 8 goals, 0.31 s, z3 (3 queries)` and the like."""
    n = len(outcome.goals)
    word = outcome.status.value
    if outcome.status is Status.ERROR:
        using = f" (using {', '.join(outcome.specs)})" if outcome.specs else ""
        return f"{word}: {outcome.error}{using}"
    failing = len(outcome.failures)
    verb = "fail" if outcome.status is Status.REFUTED else "not proved"
    detail = f"{failing} of {n} goals {verb}" if failing else f"{n} goal{'s' if n != 1 else ''}"
    using = f", using {', '.join(outcome.specs)}" if outcome.specs else ""
    return (f"{word}: {detail}, {outcome.seconds:.2f} s, {outcome.solver} "
            f"({outcome.solver_calls} queries, {outcome.solver_seconds:.2f} s){using}")


def format_source(span: SourceSpan) -> list[str]:
    line = linecache.getline(span.file, span.line).rstrip("\n")
    if not line:
        return []
    gutter = f"{span.line:>5} | "
    return [gutter + line, " " * (len(gutter) - 2) + "| " + " " * span.col + "^"]


def format_goal(goal: GoalResult) -> list[str]:
    label = {Status.REFUTED: "error", Status.UNKNOWN: "unknown"}.get(goal.status, goal.status.value)
    lines = [f"{goal.span}: {label}: {goal.message}"]
    lines += ["  " + s for s in format_source(goal.span)]
    if goal.status is Status.UNKNOWN:
        lines.append(f"  not proved: {goal.reason or 'the solver gave no answer'}")
    if len(goal.stack) > 1:
        lines.append("  called from: " + " -> ".join(s.short for s in goal.stack[1:]))
    cex = goal.counterexample
    if cex is not None:
        lines.append("  counterexample:")
        for inp in cex.inputs:
            lines.append(f"    {inp.name} = {format_value(inp.shape, inp.value)}")
        nonzero = [e for inp in cex.inputs for e in nonzero_elements(inp.name, inp.shape, inp.value)
                   if "[" in e.split(" = ")[0]]
        if nonzero:
            lines.append("    non-zero elements: " + ", ".join(nonzero))
        if cex.replay is not None:
            if cex.replay.reproduced:
                lines.append(f"  replayed in CPython: reproduced ({cex.replay.detail})")
            elif cex.replay.specs:
                lines.append(f"  replayed in CPython: not reproduced ({cex.replay.detail}). CPython runs the real "
                             f"functions; the proof used the specs {', '.join(cex.replay.specs)}, which may not say "
                             "enough about their results for this assertion")
            else:
                lines.append("  replayed in CPython: NOT REPRODUCED -- this is a crux_py engine bug, please report "
                             f"it ({cex.replay.detail})")
    return lines


def format_outcome(outcome: TestOutcome) -> str:
    lines = [f"{outcome.name}: {format_summary_line(outcome)}"]
    for goal in outcome.failures:
        lines.append("")
        lines += format_goal(goal)
    return "\n".join(lines)
