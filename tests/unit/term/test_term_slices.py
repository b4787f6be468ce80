"""Extract / concat / sign-extension algebra (`term/slices.py`)."""

from __future__ import annotations

import pytest

from crux_py.errors import InternalError
from crux_py.term import Op, TermContext
from crux_py.term.concrete import evaluate


@pytest.fixture
def ctx() -> TermContext:
    return TermContext()


def test_extract_basics(ctx: TermContext) -> None:
    x = ctx.var("x", 32)
    assert ctx.extract(x, 31, 0) is x
    assert ctx.extract(ctx.bv_const(0xABCD, 16), 11, 4) is ctx.bv_const(0xBC, 8)
    assert ctx.extract(ctx.extract(x, 27, 4), 9, 2) is ctx.extract(x, 13, 6)
    t = ctx.extract(x, 7, 0)
    assert t.op is Op.EXTRACT and t.params == (7, 0) and t.width == 8


def test_extract_selects_concat_parts(ctx: TermContext) -> None:
    a, b, c = ctx.var("a", 8), ctx.var("b", 8), ctx.var("c", 8)
    abc = ctx.concat(a, b, c)
    assert ctx.extract(abc, 15, 8) is b
    assert ctx.extract(abc, 13, 10) is ctx.extract(b, 5, 2)
    assert ctx.extract(abc, 19, 4) is ctx.concat(ctx.extract(a, 3, 0), b, ctx.extract(c, 7, 4))


def test_extract_through_sign_extension(ctx: TermContext) -> None:
    x = ctx.var("x", 32)
    s = ctx.sext(x, 16)
    assert ctx.extract(s, 20, 3) is ctx.extract(x, 20, 3)
    assert ctx.extract(s, 47, 40) is ctx.sext(ctx.extract(x, 31, 31), 7)
    assert ctx.extract(s, 39, 30) is ctx.sext(ctx.extract(x, 31, 30), 8)


def test_concat_flattens_and_merges(ctx: TermContext) -> None:
    x, y = ctx.var("x", 32), ctx.var("y", 8)
    k = ctx.bv_const
    assert ctx.concat(ctx.concat(k(1, 4), k(2, 4)), y) is ctx.concat(k(0x12, 8), y)
    assert ctx.concat(ctx.extract(x, 31, 16), ctx.extract(x, 15, 0)) is x
    assert ctx.concat(ctx.extract(x, 31, 24), ctx.extract(x, 23, 8)) is ctx.extract(x, 31, 8)
    assert ctx.concat(ctx.concat(y, ctx.extract(x, 31, 20)), ctx.extract(x, 19, 0)) is ctx.concat(y, x)
    nested = ctx.concat(y, ctx.concat(x, y))
    assert nested.op is Op.CONCAT and all(p.op is not Op.CONCAT for p in nested.args)
    assert ctx.concat(x) is x


def test_zero_extension_is_a_concat_with_zero(ctx: TermContext) -> None:
    x = ctx.var("x", 32)
    z = ctx.zext(x, 7)
    assert z is ctx.concat(ctx.bv_const(0, 7), x)
    assert ctx.zext(z, 4) is ctx.zext(x, 11)
    assert ctx.zext(x, 0) is x
    assert (z.lo, z.hi) == (0, 2**32 - 1)


def test_sign_extension_rules(ctx: TermContext) -> None:
    x = ctx.var("x", 32)
    assert ctx.sext(x, 0) is x
    assert ctx.sext(ctx.sext(x, 3), 5) is ctx.sext(x, 8)
    assert ctx.sext(ctx.bv_const(0x80, 8), 8) is ctx.bv_const(0xFF80, 16)
    small = ctx.zext(ctx.var("b", 8), 1)  # known non-negative
    assert ctx.sext(small, 4) is ctx.zext(ctx.var("b", 8), 5)
    neg = ctx.concat(ctx.bv_const(1, 1), ctx.var("n", 7))
    assert ctx.sext(neg, 8) is ctx.concat(ctx.bv_const(0x1FF, 9), ctx.var("n", 7))
    y = ctx.var("y", 8)
    assert ctx.sext(ctx.concat(y, x), 4) is ctx.concat(ctx.sext(y, 4), x)


def test_copies_of_the_sign_bit_join_into_a_sign_extension(ctx: TermContext) -> None:
    x = ctx.var("x", 32)
    sign = ctx.extract(x, 31, 31)
    assert ctx.concat(sign, x) is ctx.sext(x, 1)
    assert ctx.concat(sign, sign, ctx.extract(x, 31, 8)) is ctx.sext(ctx.extract(x, 31, 8), 2)
    s = ctx.sext(x, 8)
    assert ctx.concat(ctx.extract(s, 39, 36), ctx.extract(s, 35, 0)) is s


def test_extract_of_ite_of_constants_and_join_back(ctx: TermContext) -> None:
    c = ctx.var("c", 0)
    t = ctx.ite(c, ctx.bv_const(0x12345678, 32), ctx.bv_const(0x9ABCDEF0, 32))
    hi = ctx.extract(t, 31, 16)
    assert hi is ctx.ite(c, ctx.bv_const(0x1234, 16), ctx.bv_const(0x9ABC, 16))
    assert ctx.concat(hi, ctx.extract(t, 15, 0)) is t


def test_extract_interval(ctx: TermContext) -> None:
    b = ctx.zext(ctx.var("b", 8), 24)
    low = ctx.extract(ctx.add(b, ctx.bv_const(3, 32)), 15, 0)
    assert (low.lo, low.hi) == (3, 258)
    assert evaluate(low, {"b": 255}) == 258


def test_bad_slices_are_internal_errors(ctx: TermContext) -> None:
    x = ctx.var("x", 8)
    with pytest.raises(InternalError):
        ctx.extract(x, 8, 0)
    with pytest.raises(InternalError):
        ctx.extract(x, 2, 3)
    with pytest.raises(InternalError):
        ctx.concat(x, ctx.true)
