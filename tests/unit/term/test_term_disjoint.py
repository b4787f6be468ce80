"""Carry-free sums (`term/disjoint.py`): bitwise summands that share no set
bit are one bitwise function, and nothing else is merged."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crux_py.term import Op, Term, TermContext
from crux_py.term.concrete import evaluate


@pytest.fixture
def ctx() -> TermContext:
    return TermContext()


def words(ctx: TermContext, names: str, w: int = 32) -> list[Term]:
    return [ctx.var(n, w) for n in names]


def test_ch_as_a_sum_is_the_ch_node(ctx: TermContext) -> None:
    e, f, g = words(ctx, "efg")
    added = ctx.add(ctx.bvand(e, f), ctx.bvand(ctx.bvnot(e), g))
    assert added is ctx.bvxor(g, ctx.bvand(e, ctx.bvxor(f, g)))
    assert added.op is Op.BITFUN


def test_maj_as_a_sum_is_the_maj_node(ctx: TermContext) -> None:
    a, b, c = words(ctx, "abc")
    added = ctx.add(ctx.bvand(a, b), ctx.bvand(c, ctx.bvxor(a, b)))
    assert added is ctx.bvor(ctx.bvand(a, b), ctx.bvand(c, ctx.bvor(a, b)))


def test_overlapping_summands_stay_a_sum(ctx: TermContext) -> None:
    a, b, c = words(ctx, "abc")
    added = ctx.add(ctx.bvand(a, b), ctx.bvand(a, c))  # both set where a, b and c are
    assert added.op is Op.ADD
    assert evaluate(added, {"a": 1, "b": 1, "c": 1}) == 2


def test_or_minus_and_is_xor(ctx: TermContext) -> None:
    a, b = words(ctx, "ab")
    assert ctx.sub(ctx.bvor(a, b), ctx.bvand(a, b)) is ctx.bvxor(a, b)


def test_the_same_multiple_of_disjoint_functions_merges(ctx: TermContext) -> None:
    e, f, g = words(ctx, "efg")
    two = ctx.bv_const(2, 32)
    added = ctx.add(ctx.mul(two, ctx.bvand(e, f)), ctx.mul(two, ctx.bvand(ctx.bvnot(e), g)))
    assert added is ctx.mul(two, ctx.bvxor(ctx.bvand(e, f), ctx.bvand(ctx.bvnot(e), g)))


def test_different_multiples_do_not_merge(ctx: TermContext) -> None:
    e, f, g = words(ctx, "efg")
    added = ctx.add(ctx.mul(ctx.bv_const(2, 32), ctx.bvand(e, f)), ctx.bvand(ctx.bvnot(e), g))
    assert added.op is Op.ADD


_LEAVES = "pqr"


@st.composite
def bitwise(draw: st.DrawFn, ctx: TermContext, depth: int = 3) -> Term:
    if depth == 0 or draw(st.integers(0, 2)) == 0:
        return ctx.var(draw(st.sampled_from(_LEAVES)), 8)
    if draw(st.booleans()):
        return ctx.bvnot(draw(bitwise(ctx, depth - 1)))
    op = draw(st.sampled_from(["bvand", "bvor", "bvxor"]))
    return getattr(ctx, op)(draw(bitwise(ctx, depth - 1)), draw(bitwise(ctx, depth - 1)))


@settings(max_examples=200, deadline=None)
@given(st.data(), st.sampled_from([1, 2, 4, 0xFF]), st.sampled_from([1, 2, 4, 0xFF]))
def test_sums_of_bitwise_functions_keep_their_value(data: st.DataObject, k1: int, k2: int) -> None:
    ctx = TermContext()
    x, y = data.draw(bitwise(ctx)), data.draw(bitwise(ctx))
    total = ctx.add(ctx.mul(ctx.bv_const(k1, 8), x), ctx.mul(ctx.bv_const(k2, 8), y))
    env = {n: data.draw(st.integers(0, 255)) for n in _LEAVES}
    want = (k1 * evaluate(x, env) + k2 * evaluate(y, env)) & 0xFF
    assert evaluate(total, env) == want
