"""Turning a solver model of a refuted goal into a counterexample people can act on.

The model is minimised, decoded into the user's shapes, replayed in CPython
(and written as a pytest file when asked), and explained: the branch
decisions the input takes and, for a failed `assert`, the values of the
condition's operands.
"""

from __future__ import annotations

from collections.abc import Mapping

from crux_py.driver.context import RunContext
from crux_py.driver.outcome import Counterexample, InputValue
from crux_py.driver.replay import replay, write_replay_file
from crux_py.driver.solving import minimize_model
from crux_py.frontend import condition_operands
from crux_py.sim import GoalKind, decode
from crux_py.sim.goals import Goal
from crux_py.source import SourceSpan
from crux_py.term.concrete import evaluate
from crux_py.term.nodes import Term

ASSERTION_PREFIX = "assertion failed: "


def counterexample(run: RunContext, goal: Goal, query: tuple[Term, ...], model: Mapping[str, object],
                   number: int) -> Counterexample:
    inputs = run.sim.inputs
    if run.settings.minimize:
        model = minimize_model(run.sim.ctx, run.solver, query, dict(model), inputs)
    values = {inp.name: decode(inp.shape, inp.template, model) for inp in inputs}  # type: ignore[arg-type]
    shown = tuple(InputValue(inp.name, inp.shape, values[inp.name]) for inp in inputs)
    path = decisions(run, model)
    if goal.kind not in (GoalKind.ASSERTION, GoalKind.PANIC):
        # Unwind and precondition goals are not Python failures: nothing to replay.
        return Counterexample(shown, None, path)
    operands = (condition_operands(goal.message[len(ASSERTION_PREFIX):])
                if goal.kind is GoalKind.ASSERTION and goal.message.startswith(ASSERTION_PREFIX) else [])
    replayed, operand_values = replay(run.fn, values, run.params, goal, operands)
    if run.specs:
        replayed = type(replayed)(replayed.reproduced, replayed.detail, run.specs)
    file = None
    if run.settings.replay_dir is not None:
        file = write_replay_file(run.settings.replay_dir, run.fn, values, goal, number)
    return Counterexample(shown, replayed, path, operand_values, file)  # type: ignore[arg-type]


def decisions(run: RunContext, model: Mapping[str, object]) -> tuple[tuple[SourceSpan, bool, int], ...]:
    """The symbolic branches the model's input reaches, in order, repeats collapsed."""
    cache: dict[int, object] = {}

    def value(v: Term) -> object:
        return model.get(v.name, False if v.is_bool else 0)

    path: list[tuple[SourceSpan, bool, int]] = []
    for d in run.sim.decisions:
        if not all(evaluate(t, value, cache) for t in d.pc):
            continue
        taken = bool(evaluate(d.condition, value, cache))
        if path and path[-1][0] == d.span and path[-1][1] == taken:
            path[-1] = (d.span, taken, path[-1][2] + 1)
        else:
            path.append((d.span, taken, 1))
    return tuple(path)
