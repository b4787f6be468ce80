"""Rebuilding terms in another context, with and without substitution."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crux_py.term.concrete import evaluate
from crux_py.term.context import TermContext
from crux_py.term.rebuild import rebuild, variables_of


def build(ctx: TermContext):  # type: ignore[no-untyped-def]
    x, y = ctx.var("x", 16), ctx.var("y", 16)
    s = ctx.add(x, ctx.bvxor(y, ctx.rotl(x, 3)))
    return ctx.ite(ctx.ult(s, y), ctx.extract(ctx.mul(s, y), 15, 0), ctx.sub(y, x))


@settings(max_examples=200, deadline=None)
@given(x=st.integers(0, 2**16 - 1), y=st.integers(0, 2**16 - 1))
def test_transplant_keeps_meaning(x: int, y: int) -> None:
    src, dst = TermContext(), TermContext()
    moved = rebuild(build(src), dst)
    assert evaluate(moved, {"x": x, "y": y}) == evaluate(build(src), {"x": x, "y": y})
    assert moved is build(dst)  # the same canonical node in the new context


@settings(max_examples=200, deadline=None)
@given(x=st.integers(0, 2**16 - 1), z=st.integers(0, 2**16 - 1))
def test_substitution(x: int, z: int) -> None:
    ctx = TermContext()
    term = build(ctx)
    z_var = ctx.var("z", 16)
    replaced = rebuild(term, ctx, lambda v: ctx.add(z_var, ctx.bv_const(1, 16)) if v.name == "y" else None)
    assert evaluate(replaced, {"x": x, "z": z}) == evaluate(term, {"x": x, "y": (z + 1) % 2**16})
    assert {v.name for v in variables_of(replaced)} == {"x", "z"}


def test_constant_substitution_folds() -> None:
    ctx = TermContext()
    x = ctx.var("x", 8)
    t = ctx.ult(x, ctx.bv_const(10, 8))
    assert rebuild(t, ctx, lambda v: ctx.bv_const(3, 8)) is ctx.true
