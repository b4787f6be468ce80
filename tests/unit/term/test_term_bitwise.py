"""Bitwise rewrites (`term/bitwise.py`): truth-table canonical forms, the
n-ary fallback, splitting at constant boundaries, rotations and shifts."""

from __future__ import annotations

import pytest

from crux_py.term import Op, Term, TermContext
from crux_py.term.concrete import evaluate


@pytest.fixture
def ctx() -> TermContext:
    return TermContext()


def words(ctx: TermContext, names: str, w: int = 32) -> list[Term]:
    return [ctx.var(n, w) for n in names]


def test_ch_written_three_ways_is_one_node(ctx: TermContext) -> None:
    e, f, g = words(ctx, "efg")
    a = ctx.bvxor(ctx.bvand(e, f), ctx.bvand(ctx.bvnot(e), g))
    b = ctx.bvxor(g, ctx.bvand(e, ctx.bvxor(f, g)))
    c = ctx.bvor(ctx.bvand(e, f), ctx.bvand(ctx.bvnot(e), g))
    assert a is b is c
    assert a.op is Op.BITFUN and set(a.args) == {e, f, g}
    assert evaluate(a, {"e": 0b1100, "f": 0b1010, "g": 0b0110}) == 0b1010  # e ? f : g, bitwise


def test_maj_written_three_ways_is_one_node(ctx: TermContext) -> None:
    a, b, c = words(ctx, "abc")
    m1 = ctx.bvor(ctx.bvand(a, b), ctx.bvand(c, ctx.bvor(a, b)))
    m2 = ctx.bvxor(ctx.bvand(a, b), ctx.bvand(a, c), ctx.bvand(b, c))
    m3 = ctx.bvor(ctx.bvand(a, b), ctx.bvand(a, c), ctx.bvand(b, c))
    assert m1 is m2 is m3
    assert m1 is ctx.bitfun(0b11101000, a, b, c)


def test_leaves_the_function_ignores_are_dropped(ctx: TermContext) -> None:
    x, y, z = words(ctx, "xyz")
    assert ctx.bvor(ctx.bvand(x, y), ctx.bvand(x, ctx.bvnot(y))) is x
    assert ctx.bvxor(ctx.bvxor(x, y), y) is x
    assert ctx.bvxor(ctx.bvand(x, y), ctx.bvand(y, x)) is ctx.bv_const(0, 32)
    f = ctx.bitfun(0b11001100, x, y, z)  # leaf 1 (y) only
    assert f is y
    g = ctx.bvxor(ctx.bvand(x, z), ctx.bvand(y, z), ctx.bvand(ctx.bvxor(x, y), z))
    assert g is ctx.bv_const(0, 32)


def test_constants_and_complements(ctx: TermContext) -> None:
    (x,) = words(ctx, "x")
    zero, ones = ctx.bv_const(0, 32), ctx.bv_const(-1, 32)
    assert ctx.bvand(x, zero) is zero
    assert ctx.bvor(x, ones) is ones
    assert ctx.bvand(x, ones) is x
    assert ctx.bvor(x, zero) is x
    assert ctx.bvxor(x, zero) is x
    assert ctx.bvxor(x, ones) is ctx.bvnot(x)
    assert ctx.bvnot(ctx.bvnot(x)) is x
    assert ctx.bvand(x, ctx.bvnot(x)) is zero
    assert ctx.bvor(ctx.bvnot(x), x) is ones
    assert ctx.bvand(x, x) is x


def test_operands_are_sorted_by_tid(ctx: TermContext) -> None:
    x, y, z = words(ctx, "xyz")
    t = ctx.bvand(z, ctx.bvor(y, x))
    assert t is ctx.bvand(ctx.bvor(x, y), z)
    assert [a.tid for a in t.args] == sorted(a.tid for a in (x, y, z))


def test_more_than_four_leaves_fall_back_to_flat_nary_nodes(ctx: TermContext) -> None:
    a, b, c, d, e = words(ctx, "abcde")
    x5 = ctx.bvxor(a, b, c, d, e)
    assert x5.op is Op.BVXOR and [t.tid for t in x5.args] == sorted(t.tid for t in x5.args)
    assert x5 is ctx.bvxor(e, ctx.bvxor(d, c), ctx.bvxor(b, a))
    assert ctx.bvxor(x5, e) is ctx.bvxor(a, b, c, d)  # back to four leaves: one BITFUN
    assert ctx.bvxor(x5, e).op is Op.BITFUN
    assert ctx.bvxor(ctx.bvnot(a), b, c, d, e) is ctx.bvnot(x5)
    assert ctx.bvnot(ctx.bvnot(x5)) is x5
    and5 = ctx.bvand(a, b, c, d, e)
    assert and5.op is Op.BVAND and ctx.bvand(and5, a) is and5
    assert ctx.bvand(and5, ctx.bvnot(c)) is ctx.bv_const(0, 32)
    assert ctx.bvor(a, b, c, d, e, ctx.bv_const(-1, 32)) is ctx.bv_const(-1, 32)


def test_mask_splits_into_a_concat(ctx: TermContext) -> None:
    x, y = words(ctx, "xy")
    x_hi = ctx.extract(x, 31, 16)
    assert ctx.bvand(x, ctx.bv_const(0xFFFF0000, 32)) is ctx.concat(x_hi, ctx.bv_const(0, 16))
    assert ctx.bvor(x, ctx.bv_const(0x0000FFFF, 32)) is ctx.concat(x_hi, ctx.bv_const(0xFFFF, 16))
    hi = ctx.bv_const(0xFFFF0000, 32)
    assert ctx.bvand(ctx.bvxor(x, y), hi) is ctx.bvxor(ctx.bvand(x, hi), ctx.bvand(y, hi))


def test_concats_with_constant_parts_split_the_operation(ctx: TermContext) -> None:
    (x,) = words(ctx, "x")
    left = ctx.concat(x, ctx.bv_const(0, 7))
    right = ctx.concat(ctx.bv_const(0, 32), ctx.extract(x, 31, 25))
    assert ctx.bvor(left, right) is ctx.concat(x, ctx.extract(x, 31, 25))
    assert ctx.bvnot(ctx.zext(x, 4)) is ctx.concat(ctx.bv_const(15, 4), ctx.bvnot(x))


def test_split_halves_join_again(ctx: TermContext) -> None:
    x, y = words(ctx, "xy")
    hi, lo = ctx.bv_const(0xFFFF0000, 32), ctx.bv_const(0x0000FFFF, 32)
    assert ctx.bvor(ctx.bvand(x, hi), ctx.bvand(x, lo)) is x
    top = ctx.bvxor(ctx.bvand(x, hi), ctx.bvand(y, hi))
    bottom = ctx.bvxor(ctx.bvand(x, lo), ctx.bvand(y, lo))
    halves = ctx.bvor(top, bottom)
    assert halves is ctx.bvxor(x, y)


def test_many_constant_runs_make_the_constant_a_leaf(ctx: TermContext) -> None:
    (x,) = words(ctx, "x")
    k = ctx.bv_const(0x55555555, 32)
    t = ctx.bvand(x, k)
    assert t.op is Op.BITFUN and k in t.args
    assert evaluate(t, {"x": 0xFFFF0000}) == 0x55550000


def test_python_rotation_is_the_canonical_rotation(ctx: TermContext) -> None:
    (x,) = words(ctx, "x")
    x39 = ctx.zext(x, 7)
    shifted = ctx.bvor(ctx.shl(x39, ctx.bv_const(7, 39)), ctx.lshr(x39, ctx.bv_const(25, 39)))
    assert ctx.extract(shifted, 31, 0) is ctx.rotl(x, 7)
    assert ctx.rotl(x, 7) is ctx.concat(ctx.extract(x, 24, 0), ctx.extract(x, 31, 25))
    assert ctx.rotr(x, 25) is ctx.rotl(x, 7)
    assert ctx.rotl(ctx.rotl(x, 3), 29) is x
    assert ctx.rotl(ctx.rotl(x, 3), 5) is ctx.rotl(x, 8)


def test_constant_shifts_are_slices(ctx: TermContext) -> None:
    (x,) = words(ctx, "x")
    k = ctx.bv_const
    assert ctx.shl(x, k(0, 32)) is x
    assert ctx.shl(x, k(4, 32)) is ctx.concat(ctx.extract(x, 27, 0), k(0, 4))
    assert ctx.shl(x, k(32, 32)) is k(0, 32)
    assert ctx.lshr(x, k(4, 32)) is ctx.zext(ctx.extract(x, 31, 4), 4)
    assert ctx.lshr(x, k(99, 32)) is k(0, 32)
    assert ctx.ashr(x, k(4, 32)) is ctx.sext(ctx.extract(x, 31, 4), 4)
    assert ctx.ashr(x, k(40, 32)) is ctx.sext(ctx.extract(x, 31, 31), 31)
    assert ctx.shl(ctx.add(x, k(1, 32)), k(1, 32)) is ctx.mul(ctx.add(x, k(1, 32)), k(2, 32))


def test_symbolic_shifts_use_intervals(ctx: TermContext) -> None:
    a = ctx.zext(ctx.var("a", 16), 16)
    s = ctx.var("s", 32)
    assert ctx.ashr(a, s) is ctx.lshr(a, s)
    assert ctx.lshr(a, s).hi == 0xFFFF
    big = ctx.concat(ctx.bv_const(1, 1), ctx.var("b", 31))
    assert ctx.shl(a, big) is ctx.bv_const(0, 32)


def test_bitwise_intervals(ctx: TermContext) -> None:
    byte = ctx.zext(ctx.var("b", 8), 24)
    (x,) = words(ctx, "x")
    assert ctx.bvand(x, byte).hi == 255
    assert ctx.bvxor(byte, ctx.zext(ctx.var("c", 4), 28)).hi == 255
    n = ctx.bvnot(byte)
    assert (n.lo, n.hi) == (2**32 - 256, 2**32 - 1)


def test_extract_of_a_bitwise_function_of_plain_leaves(ctx: TermContext) -> None:
    x, y, z = words(ctx, "xyz")
    ch = ctx.bitfun(0b11100100, x, y, z)
    sl = ctx.extract(ch, 20, 4)
    assert sl is ctx.bitfun(0b11100100, *(ctx.extract(t, 20, 4) for t in (x, y, z)))
    assert ctx.extract(ctx.bvnot(ctx.bvxor(*words(ctx, "abcde"))), 3, 0) is \
        ctx.bvnot(ctx.bvxor(*(ctx.extract(t, 3, 0) for t in words(ctx, "abcde"))))


def test_bitfun_rejects_bad_arity(ctx: TermContext) -> None:
    from crux_py.errors import InternalError
    with pytest.raises(InternalError):
        ctx.bitfun(0, *words(ctx, "abcde"))
