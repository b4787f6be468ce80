"""The driver's use of a solver backend: counted queries, goal proofs, and
counterexample minimisation.

A goal is proved only by an UNSAT answer to "assumptions and not condition"
or because that query simplified to false; a timeout or solver error makes
it unknown, never proved.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from crux_py.sim.goals import Goal
from crux_py.sim.inputs import SymbolicInput, input_variables
from crux_py.solver import CheckResult, CheckStatus, SolverBackend
from crux_py.term.context import TermContext
from crux_py.term.nodes import Term

MINIMIZE_MAX_QUERIES = 64
MINIMIZE_QUERY_TIMEOUT = 1.0
"""Minimisation effort is bounded by queries, not wall time, so that the same
test gives the same counterexample however busy the machine is."""


class CountingSolver:
    """A backend wrapper that counts queries and the time spent in them."""

    def __init__(self, backend: SolverBackend, timeout: float) -> None:
        self.backend = backend
        self.timeout = timeout
        self.calls = 0
        self.seconds = 0.0

    def check(self, assertions: Sequence[Term], timeout: float | None = None) -> CheckResult:
        start = time.perf_counter()
        try:
            return self.backend.check(assertions, self.timeout if timeout is None else timeout)
        finally:
            self.calls += 1
            self.seconds += time.perf_counter() - start

    def feasible(self, pc: tuple[Term, ...]) -> bool:
        """Whether a path condition may hold (unknown counts as feasible: exploring more is sound)."""
        return self.check(pc).status is not CheckStatus.UNSAT


def refutation_query(ctx: TermContext, goal: Goal) -> tuple[Term, ...]:
    return goal.assumptions + (ctx.not_(goal.condition),)


def trivially_proved(query: tuple[Term, ...]) -> bool:
    return any(t.is_const and t.value is False for t in query)


def minimize_model(ctx: TermContext, solver: CountingSolver, query: tuple[Term, ...], model: dict[str, object],
                   inputs: Sequence[SymbolicInput]) -> dict[str, object]:
    """Greedily set input variables to zero while the query stays satisfiable."""
    variables = ctx.variables()
    fixed: list[Term] = []
    queries = 0
    for name in (n for inp in inputs for n in input_variables(inp.template)):
        var = variables[name]
        zero = ctx.not_(var) if var.is_bool else ctx.eq(var, ctx.bv_const(0, var.width))
        if not model.get(name):
            fixed.append(zero)  # already zero: keep it so later models cannot move it
            continue
        if queries >= MINIMIZE_MAX_QUERIES:
            continue
        queries += 1
        result = solver.check(query + tuple(fixed) + (zero,), MINIMIZE_QUERY_TIMEOUT)
        if result.status is CheckStatus.SAT and result.model is not None:
            fixed.append(zero)
            model = dict(result.model)
    return model
