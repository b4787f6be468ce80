"""Concrete evaluation of any term under an assignment of its variables.

This is the reference semantics of every `Op` (SMT-LIB QF_BV): the oracle
for counterexample validation, random simulation and differential tests.
Evaluation is iterative and memoised, so deep and shared DAGs are fine.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping

from crux_py.term.nodes import Op, Term
from crux_py.term.truthtable import apply_bitwise

Value = int | bool


def to_signed(v: int, width: int) -> int:
    return v - (1 << width) if v >> (width - 1) else v


def _sdiv(a: int, b: int, w: int) -> int:
    sa, sb = to_signed(a, w), to_signed(b, w)
    if sb == 0:
        return 1 if sa < 0 else (1 << w) - 1
    q = abs(sa) // abs(sb)
    return (-q if (sa < 0) != (sb < 0) else q) & ((1 << w) - 1)


def _srem(a: int, b: int, w: int) -> int:
    sa, sb = to_signed(a, w), to_signed(b, w)
    if sb == 0:
        return a
    r = abs(sa) % abs(sb)
    return (-r if sa < 0 else r) & ((1 << w) - 1)


def _eval_node(t: Term, a: list[Value]) -> Value:
    op, w = t.op, t.width
    mask = (1 << w) - 1 if w else 1
    if op is Op.NOT:
        return not a[0]
    if op is Op.AND:
        return all(a)
    if op is Op.OR:
        return any(a)
    if op is Op.XOR:
        return bool(a[0]) != bool(a[1])
    if op is Op.EQ:
        return a[0] == a[1]
    if op is Op.ULT:
        return a[0] < a[1]
    if op is Op.ULE:
        return a[0] <= a[1]
    if op is Op.SLT or op is Op.SLE:
        aw = t.args[0].width
        x, y = to_signed(a[0], aw), to_signed(a[1], aw)
        return x < y if op is Op.SLT else x <= y
    if op is Op.ITE:
        return a[1] if a[0] else a[2]
    if op is Op.ADD:
        return sum(a) & mask
    if op is Op.MUL:
        r = 1
        for v in a:
            r = (r * v) & mask
        return r
    if op is Op.NEG:
        return -a[0] & mask
    if op is Op.BVAND:
        r = mask
        for v in a:
            r &= v
        return r
    if op is Op.BVOR:
        r = 0
        for v in a:
            r |= v
        return r
    if op is Op.BVXOR:
        r = 0
        for v in a:
            r ^= v
        return r
    if op is Op.BVNOT:
        return ~a[0] & mask
    if op is Op.BITFUN:
        return apply_bitwise(t.params[0], tuple(a), w)  # type: ignore[arg-type]
    if op is Op.SHL:
        return (a[0] << a[1]) & mask if a[1] < w else 0
    if op is Op.LSHR:
        return a[0] >> a[1] if a[1] < w else 0
    if op is Op.ASHR:
        return (to_signed(a[0], w) >> min(a[1], w)) & mask
    if op is Op.UDIV:
        return a[0] // a[1] if a[1] else mask
    if op is Op.UREM:
        return a[0] % a[1] if a[1] else a[0]
    if op is Op.SDIV:
        return _sdiv(a[0], a[1], w)
    if op is Op.SREM:
        return _srem(a[0], a[1], w)
    if op is Op.EXTRACT:
        hi, lo = t.params
        return (a[0] >> lo) & ((1 << (hi - lo + 1)) - 1)  # type: ignore[operator]
    if op is Op.CONCAT:
        r = 0
        for arg, v in zip(t.args, a):
            r = (r << arg.width) | v
        return r
    if op is Op.SEXT:
        aw = t.args[0].width
        return to_signed(a[0], aw) & mask
    raise ValueError(f"cannot evaluate operator {op}")


def evaluate(term: Term, assignment: Mapping[str, Value] | Callable[[Term], Value],
             cache: dict[int, Value] | None = None) -> Value:
    """The value of `term` when each variable takes its assigned value.

    `assignment` maps variable names to values (missing names are an
    error), or is a function of the variable term. Pass the same `cache`
    (keyed by term id) to share work across several evaluations.
    """
    memo: dict[int, Value] = {} if cache is None else cache
    lookup: Callable[[Term], Value]
    if callable(assignment):
        lookup = assignment
    else:
        mapping = assignment

        def lookup(v: Term) -> Value:
            return mapping[v.name]

    stack: list[tuple[Term, bool]] = [(term, False)]
    while stack:
        t, expanded = stack.pop()
        if t.tid in memo:
            continue
        if t.op is Op.CONST:
            memo[t.tid] = t.params[0]  # type: ignore[assignment]
        elif t.op is Op.VAR:
            v = lookup(t)
            memo[t.tid] = bool(v) if t.width == 0 else int(v) & ((1 << t.width) - 1)
        elif expanded:
            memo[t.tid] = _eval_node(t, [memo[x.tid] for x in t.args])
        else:
            stack.append((t, True))
            stack.extend((x, False) for x in t.args if x.tid not in memo)
    return memo[term.tid]


def sample_assignment(variables: Iterable[Term], k: int, rng: random.Random) -> dict[str, Value]:
    """The `k`-th assignment of a random simulation: all zeros (and false),
    then all ones (and true), then random values drawn from `rng`."""
    out: dict[str, Value] = {}
    for v in variables:
        if v.is_bool:
            out[v.name] = (k == 1) if k < 2 else rng.random() < 0.5
        else:
            out[v.name] = 0 if k == 0 else (1 << v.width) - 1 if k == 1 else rng.getrandbits(v.width)
    return out
