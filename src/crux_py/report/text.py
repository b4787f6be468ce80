"""Human-readable text of a test outcome: what pytest prints.

A failure reads like a compiler error: location first, then the source line
with a caret, the counterexample as Python literals, the values of the
assertion's operands, the branch decisions of the failing path, what the
CPython replay observed and how to reproduce it. Covers and unreachable
assertions follow. Rendering never changes an outcome.
"""

from __future__ import annotations

import linecache
import os

from crux_py.driver.outcome import Counterexample, CoverResult, GoalResult, Status, TestOutcome
from crux_py.report.values import format_python, format_value, nonzero_elements
from crux_py.source import SourceSpan

MAX_PATH_STEPS = 12


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


def _place(span: SourceSpan) -> str:
    return f"{os.path.basename(span.file)}:{span.line}"


def format_path(cex: Counterexample) -> list[str]:
    if not cex.path:
        return []
    steps = [f"{_place(span)} {'taken' if taken else 'not taken'}{f' x{count}' if count > 1 else ''}"
             for span, taken, count in cex.path]
    if len(steps) > MAX_PATH_STEPS:
        steps = [f"... {len(steps) - MAX_PATH_STEPS} earlier"] + steps[-MAX_PATH_STEPS:]
    return ["  branches on this path: " + ", ".join(steps)]


def format_counterexample(cex: Counterexample) -> list[str]:
    lines = ["  counterexample:"] if cex.inputs else []
    lines += [f"    {inp.name} = {format_value(inp.shape, inp.value)}" for inp in cex.inputs]
    nonzero = [e for inp in cex.inputs for e in nonzero_elements(inp.name, inp.shape, inp.value)
               if "[" in e.split(" = ")[0]]
    if nonzero:
        lines.append("    non-zero elements: " + ", ".join(nonzero))
    if cex.subexpressions:
        lines.append("  where:")
        lines += [f"    {text} = {format_python(value)}" for text, value in cex.subexpressions]
    lines += format_path(cex)
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
    if cex.replay_file is not None:
        lines.append(f"  reproduce: pytest {os.path.relpath(cex.replay_file)}")
    return lines


def format_goal(goal: GoalResult) -> list[str]:
    label = {Status.REFUTED: "error", Status.UNKNOWN: "unknown"}.get(goal.status, goal.status.value)
    lines = [f"{goal.span}: {label}: {goal.message}"]
    lines += ["  " + s for s in format_source(goal.span)]
    if goal.status is Status.UNKNOWN:
        lines.append(f"  not proved: {goal.reason or 'the solver gave no answer'}")
    if len(goal.stack) > 1:
        lines.append("  called from: " + " -> ".join(s.short for s in goal.stack[1:]))
    if goal.counterexample is not None:
        lines += format_counterexample(goal.counterexample)
    return lines


def format_cover(cover: CoverResult) -> str:
    line = f"{cover.span.short}: cover {cover.message or '(no message)'}: {cover.status}"
    if cover.example:
        line += " (e.g. " + ", ".join(f"{i.name} = {format_value(i.shape, i.value)}" for i in cover.example) + ")"
    return line


def format_notes(outcome: TestOutcome) -> list[str]:
    """Covers and unreachable assertions (shown for passing tests too)."""
    lines = [format_cover(c) for c in outcome.covers]
    lines += [f"{span.short}: warning: no feasible path reaches this assertion" for span in outcome.unreachable]
    return lines


def format_outcome(outcome: TestOutcome) -> str:
    lines = [f"{outcome.name}: {format_summary_line(outcome)}"]
    if outcome.note:
        lines.append(f"  {outcome.note}")
    for goal in outcome.failures:
        lines.append("")
        lines += format_goal(goal)
    notes = format_notes(outcome)
    if notes:
        lines.append("")
        lines += notes
    return "\n".join(lines)
