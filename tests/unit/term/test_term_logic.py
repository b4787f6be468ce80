"""Bool connectives, ite, equality and comparison folding (`term/logic.py`)."""

from __future__ import annotations

import itertools

import pytest

from crux_py.errors import InternalError
from crux_py.term import Op, TermContext
from crux_py.term.concrete import evaluate
from crux_py.term.nodes import TermTable


@pytest.fixture
def ctx() -> TermContext:
    return TermContext()


def bools(ctx: TermContext, *names: str):  # type: ignore[no-untyped-def]
    return [ctx.var(n, 0) for n in names]


def test_not_folds_constants_and_double_negation(ctx: TermContext) -> None:
    (p,) = bools(ctx, "p")
    assert ctx.not_(ctx.true) is ctx.false
    assert ctx.not_(ctx.not_(p)) is p
    assert ctx.not_(p).op is Op.NOT


def test_and_or_flatten_sort_and_absorb(ctx: TermContext) -> None:
    p, q, r = bools(ctx, "p", "q", "r")
    assert ctx.and_(p, ctx.and_(q, r)) is ctx.and_(ctx.and_(r, q), p)
    assert [a.tid for a in ctx.and_(r, p, q).args] == sorted([p.tid, q.tid, r.tid])
    assert ctx.and_(p, ctx.true) is p
    assert ctx.and_(p, ctx.false, q) is ctx.false
    assert ctx.and_(p, p) is p
    assert ctx.and_(p, q, ctx.not_(p)) is ctx.false
    assert ctx.or_(p, ctx.false) is p
    assert ctx.or_(q, ctx.true) is ctx.true
    assert ctx.or_(ctx.not_(q), p, q) is ctx.true
    assert ctx.or_(p, ctx.or_(q, r)) is ctx.or_(r, q, p)
    assert ctx.and_() is ctx.true and ctx.or_() is ctx.false


def test_xor_folds_and_pulls_out_negations(ctx: TermContext) -> None:
    p, q = bools(ctx, "p", "q")
    assert ctx.xor(p, ctx.false) is p
    assert ctx.xor(ctx.true, p) is ctx.not_(p)
    assert ctx.xor(p, p) is ctx.false
    assert ctx.xor(p, ctx.not_(p)) is ctx.true
    assert ctx.xor(p, q) is ctx.xor(q, p)
    assert ctx.xor(ctx.not_(p), q) is ctx.not_(ctx.xor(p, q))
    assert ctx.xor(ctx.not_(p), ctx.not_(q)) is ctx.xor(p, q)
    assert ctx.implies(p, q) is ctx.or_(ctx.not_(p), q)


def test_ite_on_constant_condition_and_equal_branches(ctx: TermContext) -> None:
    c = ctx.var("c", 0)
    x, y = ctx.var("x", 8), ctx.var("y", 8)
    assert ctx.ite(ctx.true, x, y) is x
    assert ctx.ite(ctx.false, x, y) is y
    assert ctx.ite(c, x, x) is x
    assert ctx.ite(ctx.not_(c), x, y) is ctx.ite(c, y, x)


def test_nested_ite_with_the_same_condition_collapses(ctx: TermContext) -> None:
    c = ctx.var("c", 0)
    x, y, z = (ctx.var(n, 8) for n in "xyz")
    assert ctx.ite(c, ctx.ite(c, x, y), z) is ctx.ite(c, x, z)
    assert ctx.ite(c, x, ctx.ite(c, y, z)) is ctx.ite(c, x, z)
    assert ctx.ite(c, ctx.ite(ctx.not_(c), x, y), z) is ctx.ite(c, y, z)


def test_bool_ite_becomes_connectives(ctx: TermContext) -> None:
    c, a, b = bools(ctx, "c", "a", "b")
    t, f = ctx.true, ctx.false
    assert ctx.ite(c, t, f) is c
    assert ctx.ite(c, f, t) is ctx.not_(c)
    assert ctx.ite(c, a, f) is ctx.and_(c, a)
    assert ctx.ite(c, a, c) is ctx.and_(c, a)
    assert ctx.ite(c, c, b) is ctx.or_(c, b)
    assert ctx.ite(c, t, b) is ctx.or_(c, b)
    assert ctx.ite(c, f, b) is ctx.and_(ctx.not_(c), b)
    assert ctx.ite(c, a, t) is ctx.or_(ctx.not_(c), a)
    assert ctx.ite(c, a, ctx.not_(a)) is ctx.eq(c, a)
    assert ctx.ite(c, a, b).op is Op.ITE


def test_bv_ite_interval_is_the_union_of_the_branches(ctx: TermContext) -> None:
    c = ctx.var("c", 0)
    x = ctx.var("x", 8)
    t = ctx.ite(c, ctx.zext(x, 8), ctx.bv_const(1000, 16))
    assert (t.lo, t.hi) == (0, 1000)


def test_eq_folds(ctx: TermContext) -> None:
    x, y = ctx.var("x", 32), ctx.var("y", 32)
    p = ctx.var("p", 0)
    assert ctx.eq(x, x) is ctx.true
    assert ctx.eq(ctx.bv_const(3, 8), ctx.bv_const(3, 8)) is ctx.true
    assert ctx.eq(ctx.bv_const(3, 8), ctx.bv_const(4, 8)) is ctx.false
    assert ctx.eq(x, y) is ctx.eq(y, x)
    assert ctx.eq(p, ctx.true) is p
    assert ctx.eq(ctx.false, p) is ctx.not_(p)
    assert ctx.eq(p, ctx.not_(p)) is ctx.false


def test_eq_is_false_on_disjoint_intervals(ctx: TermContext) -> None:
    x = ctx.var("x", 32)
    wide = ctx.zext(x, 1)
    assert ctx.eq(wide, ctx.bv_const(2**32 + 5, 33)) is ctx.false
    assert ctx.eq(wide, ctx.bv_const(5, 33)) is ctx.eq(x, ctx.bv_const(5, 32))


def test_eq_solves_simple_steps_towards_a_constant(ctx: TermContext) -> None:
    x = ctx.var("x", 16)
    k = ctx.bv_const
    assert ctx.eq(ctx.add(x, k(3, 16)), k(10, 16)) is ctx.eq(x, k(7, 16))
    assert ctx.eq(ctx.neg(x), k(1, 16)) is ctx.eq(x, k(0xFFFF, 16))
    assert ctx.eq(ctx.bvnot(x), k(0, 16)) is ctx.eq(x, k(0xFFFF, 16))


def test_eq_of_concats_compares_parts(ctx: TermContext) -> None:
    x, y = ctx.var("x", 8), ctx.var("y", 8)
    a, b = ctx.var("a", 8), ctx.var("b", 8)
    assert ctx.eq(ctx.concat(x, y), ctx.concat(a, b)) is ctx.and_(ctx.eq(x, a), ctx.eq(y, b))
    assert ctx.eq(ctx.concat(x, y), ctx.bv_const(0x1234, 16)) is \
        ctx.and_(ctx.eq(x, ctx.bv_const(0x12, 8)), ctx.eq(y, ctx.bv_const(0x34, 8)))


def test_unsigned_comparisons_fold_from_intervals(ctx: TermContext) -> None:
    x = ctx.var("x", 32)
    small = ctx.zext(ctx.var("s", 8), 24)
    k = ctx.bv_const
    assert ctx.ult(x, x) is ctx.false
    assert ctx.ule(x, x) is ctx.true
    assert ctx.ult(small, k(256, 32)) is ctx.true
    assert ctx.ult(k(255, 32), small) is ctx.false
    assert ctx.ule(small, k(255, 32)) is ctx.true
    assert ctx.ult(x, k(0, 32)) is ctx.false
    assert ctx.ule(k(0, 32), x) is ctx.true
    assert ctx.ule(x, k(2**32 - 1, 32)) is ctx.true
    assert ctx.ult(x, k(1, 32)) is ctx.eq(x, k(0, 32))
    assert ctx.ult(k(0, 32), x) is ctx.ne(x, k(0, 32))


def test_ule_and_sle_are_negated_strict_comparisons(ctx: TermContext) -> None:
    x, y = ctx.var("x", 32), ctx.var("y", 32)
    assert ctx.ule(x, y) is ctx.not_(ctx.ult(y, x))
    assert ctx.sle(x, y) is ctx.not_(ctx.slt(y, x))


def test_signed_comparisons_fold_within_one_half(ctx: TermContext) -> None:
    a, b = ctx.zext(ctx.var("a", 32), 1), ctx.zext(ctx.var("b", 32), 1)
    assert ctx.slt(a, b) is ctx.ult(a, b)
    negative = ctx.concat(ctx.bv_const(1, 1), ctx.var("n", 32))
    assert ctx.slt(negative, a) is ctx.true
    assert ctx.sle(a, negative) is ctx.false
    both_negative = ctx.concat(ctx.bv_const(1, 1), ctx.var("m", 32))
    assert ctx.slt(negative, both_negative) is ctx.ult(negative, both_negative)
    x, y = ctx.var("x", 33), ctx.var("y", 33)
    assert ctx.slt(x, y).op is Op.SLT


@pytest.mark.parametrize("name,op", [("eq", Op.EQ), ("ult", Op.ULT), ("ule", Op.ULE),
                                     ("slt", Op.SLT), ("sle", Op.SLE)])
def test_comparison_of_constants_agrees_with_concrete_semantics(name: str, op: Op) -> None:
    ctx, raw = TermContext(), TermTable()
    for w in (1, 3):
        for a, b in itertools.product(range(1 << w), repeat=2):
            got = getattr(ctx, name)(ctx.bv_const(a, w), ctx.bv_const(b, w))
            want = evaluate(raw.mk(op, (raw.const(a, w), raw.const(b, w)), (), 0), {})
            assert got is ctx.bool_const(want), (name, w, a, b)


def test_sort_mismatches_are_internal_errors(ctx: TermContext) -> None:
    with pytest.raises(InternalError):
        ctx.eq(ctx.var("x", 8), ctx.var("y", 16))
    with pytest.raises(InternalError):
        ctx.and_(ctx.var("z", 8))
    with pytest.raises(InternalError):
        ctx.ite(ctx.var("x", 8), ctx.true, ctx.false)
