"""The equivalence engine: SAT sweeping over term DAGs.

Two implementations of one function (a spec and an optimised version) build
different terms for the same values when they are written with different
operators: Ch as `(e & f) + (~e & g)` against `(e & f) ^ (~e & g)`, a
rotation through `*` and `//`. The term layer's canonical forms do not relate
those; a solver given the whole equality often cannot either (raw Z3 does
not prove two SHA-256 rounds equal when Ch and Maj are written differently).
Sweeping relates them bottom-up:

1. random simulation: every node of the DAG is evaluated under a few
   assignments (zeros, ones, random); nodes of one sort with the same values
   are candidates for being equal, and a node with one value throughout is a
   candidate for being that constant;
2. in topological order, each node is rebuilt over the representatives of
   its operands, where the term layer's smart constructors often make it
   identical to an earlier node at no cost; if it is still new, a small
   solver query (with a short timeout) decides whether it equals a
   candidate, under the assumptions; proven-equal nodes merge, and a
   refuting model becomes one more simulation vector that splits classes;
3. the goal, rebuilt over representatives, is often a constant; otherwise
   what is left, usually much smaller, goes to the solver.

A merge needs an UNSAT answer, so the result is sound whatever the
simulation suggested: `sweep` returns a term equal to its input wherever the
assumptions hold. `decide` is the entry point for the driver.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

from crux_py.solver.affine import AffineForms, TooLarge
from crux_py.solver.backend import SolverBackend
from crux_py.solver.result import CheckResult, CheckStatus
from crux_py.term.concrete import Value, evaluate, sample_assignment
from crux_py.term.context import TermContext
from crux_py.term.nodes import Op, Term
from crux_py.term.rebuild import build_node, variables_of
from crux_py.term.truthtable import MAX_LEAVES

QUERY_TIMEOUT = 0.5
"""Seconds per candidate query: a node that is not proved equal quickly stays
apart (which is sound) and its parents still get their chance."""
SAMPLES = 32
MAX_TRIES = 3
"""Candidates tried per node, the most recent first."""
CUT_DEPTHS = (4, 7)
"""A query first sees the two nodes' difference only this many levels deep,
with what is below replaced by free variables, so its size does not grow
with the DAG."""


@dataclass
class SweepStats:
    nodes: int = 0
    merged_free: int = 0
    """Nodes identical to an earlier representative once rebuilt."""
    merged_proved: int = 0
    queries: int = 0
    refuted: int = 0
    unknown: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"sweeping: {self.nodes} nodes, {self.merged_free} merged by rewriting, "
                f"{self.merged_proved} proved equal in {self.queries} queries, {self.seconds:.2f} s")


def postorder(roots: Sequence[Term]) -> list[Term]:
    """The nodes of a DAG, each after its operands (iteratively)."""
    seen: set[int] = set()
    order: list[Term] = []
    stack: list[tuple[Term, bool]] = [(r, False) for r in reversed(roots)]
    while stack:
        t, expanded = stack.pop()
        if t.tid in seen:
            continue
        if expanded:
            seen.add(t.tid)
            order.append(t)
        else:
            stack.append((t, True))
            stack.extend((a, False) for a in t.args if a.tid not in seen)
    return order


class _Simulation:
    """Simulation vectors over the variables of the DAG, with one memo each.

    Only vectors that satisfy the assumptions count: nodes may be equal just
    where the assumptions hold. Refuting models satisfy them by construction,
    so classes are refined as queries fail even if few random vectors do.
    """

    def __init__(self, variables: list[Term], assumptions: Sequence[Term], samples: int, seed: int) -> None:
        rng = random.Random(seed)
        self.variables = variables
        self.vectors: list[tuple[dict[str, Value], dict[int, Value]]] = []
        for k in range(samples):
            env, memo = sample_assignment(variables, k, rng), {}
            if all(evaluate(a, env, memo) for a in assumptions):
                self.vectors.append((env, memo))
        self.first_extra = len(self.vectors)
        self.forms: AffineForms | None = None
        """The xor-linear forms of the nodes seen so far (None once they grew too large)."""

    def signature(self, t: Term) -> tuple[Value, ...]:
        return tuple(evaluate(t, env, memo) for env, memo in self.vectors[:self.first_extra])

    def add_model(self, model: dict[str, Value]) -> None:
        env = {v.name: (False if v.is_bool else 0) for v in self.variables}
        env.update(model)
        self.vectors.append((env, {}))

    def may_equal(self, a: Term, b: Term) -> bool:
        """No refuting model seen so far tells `a` and `b` apart."""
        return all(evaluate(a, env, memo) == evaluate(b, env, memo)
                   for env, memo in self.vectors[self.first_extra:])


def sweep(ctx: TermContext, backend: SolverBackend, assumptions: Sequence[Term], goal: Term, *,
          query_timeout: float = QUERY_TIMEOUT, samples: int = SAMPLES, seed: int = 0,
          budget_seconds: float = 60.0) -> tuple[Term, SweepStats]:
    """`goal` rebuilt over proven-equal representatives of its nodes (equal to
    `goal` wherever `assumptions` hold)."""
    start = time.perf_counter()
    stats = SweepStats()
    order = postorder([goal])
    stats.nodes = len(order)
    variables = {t.tid: t for t in order if t.op is Op.VAR}
    for a in assumptions:
        variables.update((v.tid, v) for v in variables_of(a))
    sim = _Simulation(sorted(variables.values(), key=lambda v: v.name), assumptions, samples, seed)
    sim.forms = AffineForms()
    rep: dict[int, Term] = {}
    classes: dict[tuple[int, tuple[Value, ...]], list[Term]] = {}
    representatives: set[int] = set()
    for t in order:
        if t.op is Op.VAR or t.op is Op.CONST:
            rep[t.tid] = t
            continue
        rebuilt = build_node(ctx, t.op, [rep[a.tid] for a in t.args], t.params)
        if rebuilt.tid in representatives or rebuilt.op is Op.CONST:
            rep[t.tid] = rebuilt
            stats.merged_free += 1
            continue
        signature = sim.signature(t)
        members = classes.setdefault((t.width, signature), [])
        if not members and signature and all(v == signature[0] for v in signature):
            members.append(ctx.const(signature[0], t.width))
        merged = None
        tries = 0
        for candidate in reversed(members):
            if tries == MAX_TRIES or time.perf_counter() - start > budget_seconds:
                break
            if not sim.may_equal(rebuilt, candidate):
                continue
            tries += 1
            if _proved_equal(ctx, backend, assumptions, rebuilt, candidate, query_timeout, sim, stats):
                merged = candidate
                stats.merged_proved += 1
                break
        if merged is None and rebuilt.op in _ARITHMETIC:
            merged = _learned_bitwise(ctx, backend, assumptions, rebuilt, query_timeout, sim, stats)
            if merged is not None and merged.tid not in representatives:
                members.append(merged)
                representatives.add(merged.tid)
        if merged is None:
            members.append(rebuilt)
            representatives.add(rebuilt.tid)
            merged = rebuilt
        rep[t.tid] = merged
    stats.seconds = time.perf_counter() - start
    return rep[goal.tid], stats


_ARITHMETIC = (Op.ADD, Op.MUL)
LEARN_DEPTH = 3
"""How deep below an arithmetic node its possible bitwise leaves are sought."""


def _learned_bitwise(ctx: TermContext, backend: SolverBackend, assumptions: Sequence[Term], t: Term,
                     timeout: float, sim: _Simulation, stats: SweepStats) -> Term | None:
    """A bitwise function of at most four nodes below `t`, proved equal to it.

    Arithmetic that never carries (`x + y - 2*(x & y)` is `x ^ y`) has no
    counterpart among the nodes of a spec written with bitwise operators; the
    simulation values show which bitwise function it is, and the canonical
    term of that function is often a node the spec already has.
    """
    for leaves in _frontiers(t, LEARN_DEPTH):
        table = _consistent_table(sim, t, leaves)
        if table is None:
            continue
        candidate = ctx.bitfun(table, *leaves)
        if candidate is not t and sim.may_equal(t, candidate) \
                and _proved_equal(ctx, backend, assumptions, t, candidate, timeout, sim, stats):
            stats.merged_proved += 1
            return candidate
        return None
    return None


def _frontiers(t: Term, depth: int) -> list[list[Term]]:
    """For each level down to `depth`: the nodes first reached at that level,
    with the variables reached above it, when they are 1 to 4 words."""
    out: list[list[Term]] = []
    seen = {t.tid}
    frontier, variables = [t], []
    for _ in range(depth):
        deeper = []
        for x in frontier:
            for a in x.args:
                if a.tid not in seen and a.op is not Op.CONST:
                    seen.add(a.tid)
                    (variables if a.op is Op.VAR else deeper).append(a)
        leaves = variables + deeper
        if len(leaves) > MAX_LEAVES:
            break
        if leaves and all(x.width == t.width and not x.is_bool for x in leaves):
            out.append(leaves)
        if not deeper:
            break
        frontier = deeper
    return out


def _consistent_table(sim: _Simulation, t: Term, leaves: list[Term]) -> int | None:
    """The truth table that computes `t` bit by bit from `leaves` on every
    simulation vector, or None if no table does."""
    n, mask = len(leaves), (1 << t.width) - 1
    ones = zeros = 0
    for env, memo in sim.vectors:
        value = evaluate(t, env, memo)
        leaf_values = [evaluate(x, env, memo) for x in leaves]
        for m in range(1 << n):
            where = mask
            for i, v in enumerate(leaf_values):
                where &= v if (m >> i) & 1 else ~v
            hit = value & where
            if hit == where and where:
                ones |= 1 << m
            elif hit:
                return None
            elif where:
                zeros |= 1 << m
    return None if ones & zeros else ones


def _proved_equal(ctx: TermContext, backend: SolverBackend, assumptions: Sequence[Term], a: Term, b: Term,
                  timeout: float, sim: _Simulation, stats: SweepStats) -> bool:
    if sim.forms is not None:
        try:
            if sim.forms.forms(a) == sim.forms.forms(b):
                return True
        except TooLarge:
            sim.forms = None
    # Abstracting the deep parts by variables only widens what may differ,
    # so UNSAT there is UNSAT here; a model there may be spurious, hence the
    # second, exact query.
    difference = _difference(ctx, a, b)
    for depth in CUT_DEPTHS:
        cut = cut_below(ctx, difference, depth)
        if cut is None:
            break
        stats.queries += 1
        if backend.check([_nonzero(ctx, cut)], timeout).status is CheckStatus.UNSAT:
            return True
    stats.queries += 1
    answer = backend.check([*assumptions, _nonzero(ctx, difference)], timeout)
    if answer.status is CheckStatus.UNSAT:
        return True
    if answer.status is CheckStatus.SAT and answer.model is not None:
        stats.refuted += 1
        sim.add_model(dict(answer.model))
    else:
        stats.unknown += 1
    return False


def _difference(ctx: TermContext, a: Term, b: Term) -> Term:
    """A term that is zero (false) exactly where `a` and `b` are equal. For
    words it is `a - b`: the term layer cancels the summands that two sums
    share, so the solver sees only where they differ."""
    if a.is_bool:
        return ctx.xor(a, b)
    return ctx.sub(a, b)


def _nonzero(ctx: TermContext, t: Term) -> Term:
    return t if t.is_bool else ctx.ne(t, ctx.const(0, t.width))


def cut_below(ctx: TermContext, root: Term, depth: int) -> Term | None:
    """`root` with every node `depth` levels below it (on its shortest path)
    replaced by a fresh variable, one per node; None if nothing is cut."""
    level = {root.tid: 0}
    frontier = [root]
    for d in range(1, depth + 1):
        deeper = []
        for t in frontier:
            for x in t.args:
                if x.tid not in level:
                    level[x.tid] = d
                    deeper.append(x)
        frontier = deeper
    cuts = {t.tid for t in frontier if t.op is not Op.VAR and t.op is not Op.CONST}
    if not cuts:
        return None
    memo: dict[int, Term] = {}

    def build(t: Term) -> Term:
        hit = memo.get(t.tid)
        if hit is None:
            if t.tid in cuts:
                hit = ctx.var(f"sweep!cut{t.tid}", t.width)
            elif t.op is Op.VAR or t.op is Op.CONST:
                hit = t
            else:
                hit = build_node(ctx, t.op, [build(x) for x in t.args], t.params)
            memo[t.tid] = hit
        return hit

    return build(root)


def decide(ctx: TermContext, backend: SolverBackend, query: Sequence[Term], timeout: float,
           **options: object) -> tuple[CheckResult, SweepStats]:
    """Check the conjunction `query` after sweeping its last term (the
    negated goal) under the others; the answer is the same as for `query`.

    The sweep's own queries count against `timeout`; the final check gets
    what is left (at least a second).
    """
    *assumptions, negated = query
    start = time.perf_counter()
    options.setdefault("budget_seconds", timeout / 2)
    # A longer overall timeout buys patience per query too (a loaded machine
    # answers the same query later; the user's lever is --crux-timeout).
    options.setdefault("query_timeout", max(QUERY_TIMEOUT, timeout / 120))
    swept, stats = sweep(ctx, backend, assumptions, negated, **options)  # type: ignore[arg-type]
    if swept.is_const and not swept.value:
        return CheckResult(CheckStatus.UNSAT, None, "", time.perf_counter() - start), stats
    remaining = max(1.0, timeout - (time.perf_counter() - start))
    result = backend.check([*assumptions, swept], remaining)
    model = result.model
    if model is not None:
        # Variables the sweep removed cannot matter (the swept query is
        # equivalent wherever the assumptions hold); any value will do.
        model = {**{v.name: (False if v.is_bool else 0) for v in variables_of(negated)}, **model}
    return CheckResult(result.status, model, result.reason, time.perf_counter() - start), stats
