"""Arithmetic rewrites (`term/arith.py`) and low-bits narrowing."""

from __future__ import annotations

import itertools

import pytest

from crux_py.term import Op, Term, TermContext
from crux_py.term.concrete import evaluate
from crux_py.term.nodes import TermTable


@pytest.fixture
def ctx() -> TermContext:
    return TermContext()


def k(ctx: TermContext, v: int, w: int = 32) -> Term:
    return ctx.bv_const(v, w)


@pytest.mark.parametrize("name,op", [
    ("add", Op.ADD), ("mul", Op.MUL), ("udiv", Op.UDIV), ("urem", Op.UREM),
    ("sdiv", Op.SDIV), ("srem", Op.SREM), ("shl", Op.SHL), ("lshr", Op.LSHR), ("ashr", Op.ASHR),
    ("bvand", Op.BVAND), ("bvor", Op.BVOR), ("bvxor", Op.BVXOR),
])
def test_binary_constant_folding_agrees_with_concrete_semantics(name: str, op: Op) -> None:
    """Every pair of constants, including division by zero and over-wide shifts."""
    ctx, raw = TermContext(), TermTable()
    for w in (1, 3, 4):
        for a, b in itertools.product(range(1 << w), repeat=2):
            got = getattr(ctx, name)(ctx.bv_const(a, w), ctx.bv_const(b, w))
            want = evaluate(raw.mk(op, (raw.const(a, w), raw.const(b, w)), (), w), {})
            assert got is ctx.bv_const(want, w), (name, w, a, b)


def test_unary_constant_folding_agrees_with_concrete_semantics() -> None:
    ctx, raw = TermContext(), TermTable()
    for w in (1, 5):
        for a in range(1 << w):
            for name, op in (("neg", Op.NEG), ("bvnot", Op.BVNOT)):
                want = evaluate(raw.mk(op, (raw.const(a, w),), (), w), {})
                assert getattr(ctx, name)(ctx.bv_const(a, w)) is ctx.bv_const(want, w)


def test_identity_and_absorbing_elements(ctx: TermContext) -> None:
    x = ctx.var("x", 32)
    assert ctx.add(x, k(ctx, 0)) is x
    assert ctx.mul(x, k(ctx, 1)) is x
    assert ctx.mul(x, k(ctx, 0)) is k(ctx, 0)
    assert ctx.sub(x, x) is k(ctx, 0)
    assert ctx.add(x, ctx.neg(x)) is k(ctx, 0)
    assert ctx.neg(ctx.neg(x)) is x
    assert ctx.mul(x, k(ctx, -1)) is ctx.neg(x)


def test_sums_are_flat_sorted_and_fold_constants(ctx: TermContext) -> None:
    a, b, c = (ctx.var(n, 32) for n in "abc")
    s = ctx.add(a, k(ctx, 3), ctx.add(c, b), k(ctx, 5))
    assert s is ctx.add(ctx.add(b, a), ctx.add(k(ctx, 8), c))
    assert s.op is Op.ADD and s.args[0] is k(ctx, 8)
    assert [t.tid for t in s.args[1:]] == sorted(t.tid for t in (a, b, c))
    assert ctx.add(a, b) is ctx.add(b, a)
    assert ctx.mul(a, ctx.mul(b, c)) is ctx.mul(ctx.mul(c, a), b)


def test_sums_collect_coefficients(ctx: TermContext) -> None:
    x, y = ctx.var("x", 32), ctx.var("y", 32)
    assert ctx.add(x, x) is ctx.mul(x, k(ctx, 2))
    assert ctx.add(x, x, x) is ctx.mul(k(ctx, 3), x)
    assert ctx.add(ctx.add(x, x), x) is ctx.mul(k(ctx, 3), x)
    assert ctx.sub(ctx.add(x, y), y) is x
    assert ctx.sub(ctx.mul(k(ctx, 5), x), ctx.mul(k(ctx, 4), x)) is x
    assert ctx.mul(k(ctx, 3), ctx.add(x, y)) is ctx.add(ctx.mul(k(ctx, 3), x), ctx.mul(y, k(ctx, 3)))


def test_multiplying_by_a_power_of_two_is_a_shift(ctx: TermContext) -> None:
    x = ctx.var("x", 32)
    eight = ctx.mul(x, k(ctx, 8))
    assert eight is ctx.concat(ctx.extract(x, 28, 0), ctx.bv_const(0, 3))
    assert eight is ctx.shl(x, k(ctx, 3))
    assert ctx.mul(x, k(ctx, 2**32)) is k(ctx, 0)
    assert ctx.sub(ctx.add(eight, x), eight) is x


def test_negations_fold_into_the_product_constant(ctx: TermContext) -> None:
    x, y = ctx.var("x", 32), ctx.var("y", 32)
    assert ctx.mul(ctx.neg(x), y) is ctx.neg(ctx.mul(x, y))
    assert ctx.mul(ctx.neg(x), ctx.neg(y)) is ctx.mul(x, y)
    assert ctx.neg(ctx.mul(k(ctx, 3), x)) is ctx.mul(x, k(ctx, -3))


def test_one_bit_arithmetic_is_bitwise(ctx: TermContext) -> None:
    a, b = ctx.var("a", 1), ctx.var("b", 1)
    assert ctx.add(a, b) is ctx.bvxor(a, b)
    assert ctx.mul(a, b) is ctx.bvand(a, b)
    assert ctx.neg(a) is a


def test_division_rewrites(ctx: TermContext) -> None:
    x = ctx.var("x", 32)
    ones = k(ctx, 2**32 - 1)
    assert ctx.udiv(x, k(ctx, 0)) is ones
    assert ctx.urem(x, k(ctx, 0)) is x
    assert ctx.udiv(x, k(ctx, 1)) is x
    assert ctx.urem(x, k(ctx, 1)) is k(ctx, 0)
    assert ctx.udiv(x, k(ctx, 8)) is ctx.lshr(x, k(ctx, 3))
    assert ctx.urem(x, k(ctx, 8)) is ctx.zext(ctx.extract(x, 2, 0), 29)
    assert ctx.sdiv(x, k(ctx, 1)) is x
    assert ctx.sdiv(x, ones) is ctx.neg(x)
    assert ctx.srem(x, k(ctx, 1)) is k(ctx, 0)
    assert ctx.srem(x, ones) is k(ctx, 0)
    assert ctx.srem(x, k(ctx, 0)) is x
    assert ctx.urem(x, x) is k(ctx, 0)


def test_signed_division_by_zero_depends_on_the_sign(ctx: TermContext) -> None:
    x = ctx.var("x", 8)
    q = ctx.sdiv(x, ctx.bv_const(0, 8))
    assert evaluate(q, {"x": 5}) == 0xFF
    assert evaluate(q, {"x": 0x85}) == 1


def test_division_folds_from_intervals(ctx: TermContext) -> None:
    byte = ctx.zext(ctx.var("b", 8), 24)
    assert ctx.udiv(byte, k(ctx, 1000)) is k(ctx, 0)
    assert ctx.urem(byte, k(ctx, 1000)) is byte
    a, b = ctx.zext(ctx.var("a", 31), 1), ctx.zext(ctx.var("c", 31), 1)
    assert ctx.sdiv(a, b) is ctx.udiv(a, b)
    assert ctx.srem(a, b) is ctx.urem(a, b)
    q = ctx.udiv(byte, ctx.zext(ctx.var("d", 4), 28))
    assert q.hi == 2**32 - 1  # the divisor may be zero


def test_sum_intervals_are_exact_without_wrapping(ctx: TermContext) -> None:
    a, b = ctx.zext(ctx.var("a", 32), 1), ctx.zext(ctx.var("b", 32), 1)
    s = ctx.add(a, b)
    assert (s.lo, s.hi) == (0, 2**33 - 2)
    p = ctx.mul(ctx.zext(ctx.var("x", 8), 8), ctx.zext(ctx.var("y", 8), 8))
    assert (p.lo, p.hi) == (0, 255 * 255)


# ---- low-bits narrowing ------------------------------------------------------------

def test_masked_python_sum_is_a_fixed_width_sum(ctx: TermContext) -> None:
    """`(a + b) & 0xffffffff` on u32 values: a 33-bit add whose low 32 bits are taken."""
    a, b = ctx.var("a", 32), ctx.var("b", 32)
    wide = ctx.add(ctx.zext(a, 1), ctx.zext(b, 1))
    masked = ctx.bvand(wide, ctx.bv_const(0xFFFFFFFF, 33))
    assert masked is ctx.zext(ctx.add(a, b), 1)
    assert ctx.extract(masked, 31, 0) is ctx.add(a, b)
    assert (masked.lo, masked.hi) == (0, 2**32 - 1)


def test_narrowing_gathers_a_chain_of_widened_sums(ctx: TermContext) -> None:
    """Python's `(a + b + c + d) & m` widens at every step; its low bits are one sum."""
    a, b, c, d = (ctx.var(n, 32) for n in "abcd")
    acc = a
    for x in (b, c, d):
        w = acc.width + 1
        acc = ctx.add(ctx.zext(acc, w - acc.width), ctx.zext(x, w - 32))
    assert acc.width == 35
    assert ctx.extract(acc, 31, 0) is ctx.add(a, b, c, d)


def test_narrowing_goes_through_widened_products(ctx: TermContext) -> None:
    """`(a * b + c) & 0xffffffff` with exact Python widths."""
    a, b, c = (ctx.var(n, 32) for n in "abc")
    prod = ctx.mul(ctx.zext(a, 32), ctx.zext(b, 32))
    total = ctx.add(ctx.zext(prod, 1), ctx.zext(c, 33))
    assert ctx.extract(total, 31, 0) is ctx.add(ctx.mul(a, b), c)
    assert ctx.extract(ctx.neg(ctx.zext(a, 8)), 31, 0) is ctx.neg(a)


def test_narrowing_does_not_copy_natural_computation(ctx: TermContext) -> None:
    """Slicing a sum of bitwise terms (a rotation) keeps one sum, not a sliced copy."""
    x, y, z = (ctx.var(n, 32) for n in "xyz")
    s = ctx.add(ctx.bvxor(x, y), z)
    before = len(ctx)
    low = ctx.extract(s, 6, 0)
    assert low.op is Op.EXTRACT and low.args[0] is s
    assert len(ctx) == before + 1


def test_extract_low_bits_of_sum_of_variables(ctx: TermContext) -> None:
    x, y = ctx.var("x", 16), ctx.var("y", 16)
    assert ctx.extract(ctx.add(x, y), 7, 0) is ctx.add(ctx.extract(x, 7, 0), ctx.extract(y, 7, 0))
    assert ctx.extract(ctx.add(x, y), 15, 8).op is Op.EXTRACT  # high bits need the carry


def test_long_unmasked_python_chains_narrow_without_deep_recursion(ctx: TermContext) -> None:
    """An accumulation loop whose widths grow every step, masked once at the end."""
    xs = [ctx.var(f"x{i}", 8) for i in range(2000)]
    total = xs[0]
    for x in xs[1:]:
        total = ctx.add(ctx.zext(total, 1), ctx.zext(x, total.width + 1 - 8))
    low = ctx.extract(total, 15, 0)
    env = {f"x{i}": (i * 37) % 256 for i in range(2000)}
    assert evaluate(low, env) == sum(env.values()) & 0xFFFF
    h = xs[0]
    for x in xs[1:400]:
        m = ctx.mul(ctx.zext(h, 5), ctx.bv_const(31, h.width + 5))
        h = ctx.add(ctx.zext(m, 1), ctx.zext(x, m.width + 1 - 8))
    want = 0
    for i in range(400):
        want = want * 31 + env[f"x{i}"]
    assert evaluate(ctx.extract(h, 31, 0), env) == want & 0xFFFFFFFF
