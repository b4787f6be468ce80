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

MINIMIZE_BUDGET_SECONDS = 2.0
MINIMIZE_QUERY_TIMEOUT = 0.5


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
    deadline = time.perf_counter() + MINIMIZE_BUDGET_SECONDS
    variables = ctx.variables()
    fixed: list[Term] = []
    for name in (n for inp in inputs for n in input_variables(inp.template)):
        if not model.get(name) or time.perf_counter() > deadline:
            continue
        var = variables[name]
        zero = ctx.not_(var) if var.is_bool else ctx.eq(var, ctx.bv_const(0, var.width))
        result = solver.check(query + tuple(fixed) + (zero,), MINIMIZE_QUERY_TIMEOUT)
        if result.status is CheckStatus.SAT and result.model is not None:
            fixed.append(zero)
            model = dict(result.model)
    return model
