"""Readable printing of terms (`term/printer.py`)."""

from __future__ import annotations

import pytest

from crux_py.term import TermContext
from crux_py.term.printer import format_term


@pytest.fixture
def ctx() -> TermContext:
    return TermContext()


def test_arithmetic_prints_infix_with_subtraction(ctx: TermContext) -> None:
    x, y = ctx.var("x", 32), ctx.var("y", 32)
    assert format_term(ctx.sub(x, y)) == "x - y"
    assert format_term(ctx.add(x, ctx.bv_const(5, 32))) == "5#32 + x"
    assert format_term(ctx.mul(ctx.add(x, y), y)) == "y * (x + y)"  # operands in tid order
    assert format_term(ctx.udiv(x, y)) == "x / y"


def test_constants_show_their_width(ctx: TermContext) -> None:
    assert format_term(ctx.bv_const(7, 3)) == "7#3"
    assert format_term(ctx.bv_const(0xDEADBEEF, 32)) == "0xdeadbeef#32"
    assert format_term(ctx.true) == "true"


def test_structure_prints_as_slices_and_extensions(ctx: TermContext) -> None:
    x = ctx.var("x", 32)
    assert format_term(ctx.rotl(x, 8)) == "x[23:0] ++ x[31:24]"
    assert format_term(ctx.extract(x, 5, 5)) == "x[5]"
    assert format_term(ctx.zext(x, 3)) == "zext(x, 3)"
    assert format_term(ctx.sext(ctx.extract(x, 30, 0), 1)) == "sext(x[30:0], 1)"
    natural_sum = ctx.add(x, ctx.bvxor(x, ctx.var("y", 32)))
    assert format_term(ctx.extract(natural_sum, 7, 0)) == "(x + (x ^ y))[7:0]"


def test_bitwise_tables_print_by_name(ctx: TermContext) -> None:
    e, f, g = (ctx.var(n, 32) for n in "efg")
    assert format_term(ctx.bvor(ctx.bvand(e, f), ctx.bvand(ctx.bvnot(e), g))) == "ch(e, f, g)"
    assert format_term(ctx.bvxor(ctx.bvand(e, f), ctx.bvand(e, g), ctx.bvand(f, g))) == "maj(e, f, g)"
    assert format_term(ctx.bvand(e, ctx.bvnot(f))) == "e & ~f"
    assert format_term(ctx.bvor(e, f, g)) == "e | f | g"
    assert format_term(ctx.bvxor(e, f)) == "e ^ f"
    assert format_term(ctx.bvnot(ctx.bvxor(e, f))) == "~(e ^ f)"
    assert format_term(ctx.bvnot(e)) == "~e"
    odd = format_term(ctx.bitfun(0b10010110 ^ 0b1, e, f, g))
    assert "e" in odd and "f" in odd and "g" in odd


def test_bool_terms(ctx: TermContext) -> None:
    p, q = ctx.var("p", 0), ctx.var("q", 0)
    x, y = ctx.var("x", 8), ctx.var("y", 8)
    assert format_term(ctx.and_(p, ctx.not_(q))) == "p && !q"
    assert format_term(ctx.ule(x, y)) == "!(y <u x)"
    assert format_term(ctx.ite(p, x, y)) == "p ? x : y"
    assert format_term(ctx.eq(x, y)) == "x == y"


def test_shared_subterms_are_named_once(ctx: TermContext) -> None:
    x, y = ctx.var("x", 32), ctx.var("y", 32)
    s = ctx.add(x, y)
    assert format_term(ctx.mul(s, ctx.bvxor(s, x))) == "$1 = x + y\n$1 * (x ^ $1)"


def test_depth_limit_elides_deep_subterms(ctx: TermContext) -> None:
    t = ctx.var("x", 32)
    for i in range(10):
        t = ctx.bvxor(ctx.add(t, ctx.var(f"k{i}", 32)), ctx.var("m", 32))
    text = format_term(t, max_depth=3)
    assert "..." in text and "k0" not in text
    assert "k0" in format_term(t)
    assert repr(t) == format_term(t, max_depth=6)


def test_deep_terms_print_without_recursion_errors(ctx: TermContext) -> None:
    t = ctx.var("x", 8)
    for i in range(3000):
        t = ctx.bvxor(ctx.add(t, ctx.bv_const(i % 200 + 1, 8)), ctx.var("m", 8))
    text = format_term(t)
    assert text.count("m") == 3000 and "1#8 + x" in text
