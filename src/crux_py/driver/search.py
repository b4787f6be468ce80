"""Finding and shrinking counterexamples by evaluation, before and beside the solver.

A wrong implementation usually differs from its spec on almost every input,
yet a solver can take minutes to find one input through twenty rounds of a
cipher. So before asking the solver, a refutation query is evaluated under
a few assignments (all zeros, all ones, then random values): any that
satisfies it is a genuine model (checked by evaluation, and later replayed
in CPython). Shrinking a model likewise first tries smaller values by
evaluation alone.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from crux_py.term.concrete import evaluate, sample_assignment
from crux_py.term.nodes import Term
from crux_py.term.rebuild import variables_of

SAMPLES = 8


def query_variables(query: Sequence[Term]) -> list[Term]:
    found: set[Term] = set()
    for t in query:
        found |= variables_of(t)
    return sorted(found, key=lambda v: v.name)


def holds(query: Sequence[Term], assignment: dict[str, object]) -> bool:
    cache: dict[int, object] = {}
    return all(evaluate(t, assignment, cache) for t in query)  # type: ignore[arg-type]


def sample_model(query: Sequence[Term], samples: int = SAMPLES, seed: int = 0) -> dict[str, object] | None:
    """An assignment satisfying every term of `query`, found by evaluation, or None."""
    variables = query_variables(query)
    rng = random.Random(seed)
    for k in range(samples):
        assignment: dict[str, object] = sample_assignment(variables, k, rng)  # type: ignore[assignment]
        if holds(query, assignment):
            return assignment
    return None


def shrink_by_evaluation(query: Sequence[Term], model: dict[str, object], names: Sequence[str],
                         widths: dict[str, int]) -> dict[str, object]:
    """Greedily replace input values by zero, or by smaller values, keeping the query true."""
    model = dict(model)
    for name in names:
        value = model.get(name)
        if not value:
            continue
        for candidate in _smaller(value, widths.get(name, 0)):  # type: ignore[arg-type]
            trial = {**model, name: candidate}
            if holds(query, trial):
                model = trial
                break
    return model


def _smaller(value: int | bool, width: int) -> list[int | bool]:
    if isinstance(value, bool) or width == 0:
        return [False]
    out = [0, 1]
    for bits in (4, 8, 16, 32):
        if bits < width:
            out.append(value & ((1 << bits) - 1))
    return [c for c in out if c < value]
