"""The driver's use of a solver backend: counted queries, goal proofs, and
counterexample minimisation.

A goal is proved only by an UNSAT answer to "assumptions and not condition"
or because that query simplified to false; a timeout or solver error makes
it unknown, never proved.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from pathlib import Path

from crux_py.driver.search import shrink_by_evaluation
from crux_py.sim.goals import Goal
from crux_py.sim.inputs import SymbolicInput, input_variables
from crux_py.solver import CheckResult, CheckStatus, SolverBackend
from crux_py.solver.smtlib import to_smtlib
from crux_py.term.context import TermContext
from crux_py.term.nodes import Op, Term

MINIMIZE_MAX_QUERIES = 96
MINIMIZE_STEPS_PER_INPUT = 8
MINIMIZE_QUERY_TIMEOUT = 1.0
MINIMIZE_SECONDS = 10.0
"""Minimisation effort is bounded by queries (so the same test gives the same
counterexample however busy the machine is) and, for queries too hard to
answer quickly, by a total time after which the model found so far is kept."""


class CountingSolver:
    """A backend wrapper that counts queries and the time spent in them, and
    writes each query as SMT-LIB to `dump_dir` when given."""

    def __init__(self, backend: SolverBackend, timeout: float, dump_dir: str | None = None,
                 dump_prefix: str = "query") -> None:
        self.backend = backend
        self.timeout = timeout
        self.calls = 0
        self.seconds = 0.0
        self.dump_dir = dump_dir
        self.dump_prefix = re.sub(r"[^\w.-]", "_", dump_prefix)

    def check(self, assertions: Sequence[Term], timeout: float | None = None) -> CheckResult:
        if self.dump_dir is not None:
            path = Path(self.dump_dir) / f"{self.dump_prefix}_{self.calls + 1:04d}.smt2"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(to_smtlib(list(assertions)))
        start = time.perf_counter()
        try:
            return self.backend.check(assertions, self.timeout if timeout is None else timeout)
        finally:
            self.calls += 1
            self.seconds += time.perf_counter() - start

    def close(self) -> None:
        self.backend.close()

    def feasible(self, pc: tuple[Term, ...]) -> bool:
        """Whether a path condition may hold (unknown counts as feasible: exploring more is sound)."""
        return self.check(pc).status is not CheckStatus.UNSAT


def refutation_query(ctx: TermContext, goal: Goal) -> tuple[Term, ...]:
    return goal.assumptions + (ctx.not_(goal.condition),)


def conjuncts(terms: tuple[Term, ...]) -> set[Term]:
    out: set[Term] = set()
    stack = list(terms)
    while stack:
        t = stack.pop()
        if t.op is Op.AND:
            stack.extend(t.args)
        else:
            out.add(t)
    return out


def proved_by_assumptions(assumptions: tuple[Term, ...], condition: Term) -> bool:
    """Whether the condition is false-free syntactically: a constant true, an
    assumption that is false, or a conjunction of the assumptions themselves."""
    if condition.is_const and condition.value:
        return True
    have = conjuncts(assumptions)
    if any(t.is_const and not t.value for t in have):
        return True
    return conjuncts((condition,)) <= have


def satisfiable_by_definitions(pc: tuple[Term, ...], definitions: set[Term]) -> bool:
    """A path condition made only of definitions `fresh == value` (each defining
    its own fresh variable) is satisfiable: choose each variable's value."""
    return conjuncts(pc) <= definitions


def minimize_model(ctx: TermContext, solver: CountingSolver, query: tuple[Term, ...], model: dict[str, object],
                   inputs: Sequence[SymbolicInput]) -> dict[str, object]:
    """Prefer few non-zero inputs, then small ones: greedily pin each input
    variable to zero, or else to the smallest value a bounded search finds,
    while the query stays satisfiable."""
    variables = ctx.variables()
    names = [n for inp in inputs for n in input_variables(inp.template)]
    model = shrink_by_evaluation(query, model, names, {n: variables[n].width for n in names})
    fixed: list[Term] = []
    budget = [MINIMIZE_MAX_QUERIES]
    deadline = time.perf_counter() + MINIMIZE_SECONDS

    def satisfiable(extra: Term) -> dict[str, object] | None:
        if budget[0] <= 0 or time.perf_counter() > deadline:
            return None
        budget[0] -= 1
        result = solver.check(query + tuple(fixed) + (extra,), MINIMIZE_QUERY_TIMEOUT)
        return dict(result.model) if result.status is CheckStatus.SAT and result.model is not None else None

    for name in names:
        var = variables[name]
        if var.is_bool:
            if model.get(name):
                model = satisfiable(ctx.not_(var)) or model
            fixed.append(var if model.get(name) else ctx.not_(var))
            continue
        if model.get(name):
            model = satisfiable(ctx.eq(var, ctx.bv_const(0, var.width))) or model
        lo, hi = 0, int(model.get(name, 0))  # type: ignore[call-overload]
        for bits in (1, 4, 8, 16, 32, 64):  # first find the order of magnitude
            if (1 << bits) - 1 >= hi:
                break
            found = satisfiable(ctx.ule(var, ctx.bv_const((1 << bits) - 1, var.width)))
            if found is not None:
                model, hi = found, int(found.get(name, 0))  # type: ignore[call-overload]
                break
            lo = 1 << bits
        for _ in range(MINIMIZE_STEPS_PER_INPUT):
            if lo >= hi:
                break
            mid = (lo + hi) // 2
            smaller = satisfiable(ctx.ule(var, ctx.bv_const(mid, var.width)))
            if smaller is None:
                lo = mid + 1
            else:
                model, hi = smaller, int(smaller.get(name, 0))  # type: ignore[call-overload]
        # Pinned, so later searches cannot move it back.
        fixed.append(ctx.eq(var, ctx.bv_const(int(model.get(name, 0)), var.width)))  # type: ignore[call-overload]
    return model
