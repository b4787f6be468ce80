"""Bitwise functions with constant operands (`term/bitwise.py`): one node per
function of the word leaves, whatever constants it was written with, and
slices that Python's int narrowing leaves behind taken from whole words."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crux_py.term import Op, Term, TermContext
from crux_py.term.concrete import evaluate

C1, C2 = 0x59D148C0, 0x7BF36AE2  # many bit changes: no split at constant boundaries


@pytest.fixture
def ctx() -> TermContext:
    return TermContext()


def opaque(ctx: TermContext) -> Term:
    """A word that is not a plain slice (so slices of it stay slices)."""
    return ctx.add(ctx.var("w", 32), ctx.bv_const(0x9FB498B3, 32))


def test_ch_of_one_word_and_two_constants_is_one_node(ctx: TermContext) -> None:
    x, c1, c2 = opaque(ctx), ctx.bv_const(C1, 32), ctx.bv_const(C2, 32)
    spec = ctx.bvxor(ctx.bvand(x, c1), ctx.bvand(ctx.bvnot(x), c2))
    short = ctx.bvxor(c2, ctx.bvand(x, ctx.bv_const(C1 ^ C2, 32)))
    assert spec is short
    assert spec.op is Op.BITFUN and x in spec.args


def test_maj_of_one_word_and_two_constants_is_one_node(ctx: TermContext) -> None:
    x, c1, c2 = opaque(ctx), ctx.bv_const(C1, 32), ctx.bv_const(C2, 32)
    three = ctx.bvxor(ctx.bvand(x, c1), ctx.bvand(x, c2), ctx.bvand(c1, c2))
    two = ctx.bvor(ctx.bvand(c1, c2), ctx.bvand(x, ctx.bv_const(C1 | C2, 32)))
    assert three is two


def test_two_words_selected_by_a_constant_are_one_node(ctx: TermContext) -> None:
    x, y, c = opaque(ctx), ctx.var("y", 32), ctx.bv_const(C1, 32)
    ch = ctx.bvxor(ctx.bvand(x, y), ctx.bvand(ctx.bvnot(x), c))  # Ch(x, y, c)
    written = ctx.bvor(ctx.bvand(x, y), ctx.bvand(ctx.bvnot(x), c))
    assert ch is written
    assert len(ch.args) <= 4


def test_a_constant_operand_bounds_the_interval(ctx: TermContext) -> None:
    masked = ctx.bvand(opaque(ctx), ctx.bv_const(0x22222222, 32))
    assert (masked.lo, masked.hi) == (0, 0x22222222)
    forced = ctx.bvor(opaque(ctx), ctx.bv_const(0x80000001, 32))
    assert forced.lo == 0x80000001


def test_narrowed_slices_are_taken_from_whole_words(ctx: TermContext) -> None:
    x = opaque(ctx)
    short = ctx.bvand(x, ctx.bv_const(C1 ^ C2, 32))  # fits in 30 bits
    a = ctx.bvxor(ctx.bv_const(C2, 31), ctx.zext(ctx.extract(short, 29, 0), 1))
    left = ctx.extract(ctx.bvand(x, ctx.bv_const(C1, 32)), 30, 0)
    right = ctx.extract(ctx.bvand(ctx.bvnot(x), ctx.bv_const(C2, 32)), 30, 0)
    assert a is ctx.bvxor(left, right)


def test_zeros_above_a_lossless_slice_widen_it(ctx: TermContext) -> None:
    short = ctx.bvand(opaque(ctx), ctx.bv_const(0x22222222, 32))
    assert ctx.zext(ctx.extract(short, 29, 0), 2) is short
    lossy = ctx.bvand(opaque(ctx), ctx.bv_const(0xE2222222, 32))
    assert ctx.zext(ctx.extract(lossy, 29, 0), 2) is not lossy


_OPS = {"bvand": int.__and__, "bvor": int.__or__, "bvxor": int.__xor__}
Built = tuple[Term, Callable[[int, int], int]]


@st.composite
def with_constants(draw: st.DrawFn, ctx: TermContext, depth: int = 3) -> Built:
    """A bitwise term over p, q and constants, with its meaning in Python."""
    if depth == 0 or draw(st.integers(0, 2)) == 0:
        if draw(st.booleans()):
            c = draw(st.integers(0, 255))
            return ctx.bv_const(c, 8), lambda p, q: c
        name = draw(st.sampled_from("pq"))
        return ctx.var(name, 8), (lambda p, q: p) if name == "p" else (lambda p, q: q)
    if draw(st.integers(0, 3)) == 0:
        t, f = draw(with_constants(ctx, depth - 1))
        return ctx.bvnot(t), lambda p, q: ~f(p, q) & 0xFF
    op = draw(st.sampled_from(sorted(_OPS)))
    (a, fa), (b, fb) = draw(with_constants(ctx, depth - 1)), draw(with_constants(ctx, depth - 1))
    return getattr(ctx, op)(a, b), lambda p, q: _OPS[op](fa(p, q), fb(p, q))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_constant_forms_keep_their_value_and_interval(data: st.DataObject) -> None:
    ctx = TermContext()
    t, meaning = data.draw(with_constants(ctx))
    p, q = data.draw(st.integers(0, 255)), data.draw(st.integers(0, 255))
    value = evaluate(t, {"p": p, "q": q})
    assert t.lo <= value <= t.hi
    assert value == meaning(p, q)
