"""Rewrite rules of the Bool connectives, `ite`, equality and the ordering
comparisons.

`TermContext` (`term/context.py`) forwards to these functions; they build
subterms only through the context's smart constructors. Comparisons fold
from the operands' intervals (computed in `term/intervals.py`). Canonical
forms: `and`/`or` are flattened, deduplicated and sorted by tid; `xor`, `=`
have their operands sorted by tid with negations pulled out; `ule(a, b)` is
`not ult(b, a)` and `sle(a, b)` is `not slt(b, a)`, so no ULE/SLE node is
ever built by a smart constructor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crux_py.errors import panic
from crux_py.term.intervals import ite_iv
from crux_py.term.nodes import Op, Term

if TYPE_CHECKING:
    from crux_py.term.context import TermContext

_MAX_EQ_SEGMENTS = 8


def _tid(t: Term) -> int:
    return t.tid


def _check_bool(*args: Term) -> None:
    for a in args:
        if a.width != 0:
            raise panic(f"Bool operand expected, got a {a.width}-bit term")


def _check_same_width(a: Term, b: Term) -> None:
    if a.width != b.width:
        raise panic(f"operand widths differ: {a.width} vs {b.width}")


# ---- connectives --------------------------------------------------------------

def not_(ctx: TermContext, a: Term) -> Term:
    _check_bool(a)
    if a.op is Op.CONST:
        return ctx.const(not a.params[0], 0)
    if a.op is Op.NOT:
        return a.args[0]
    return ctx.mk(Op.NOT, (a,), (), 0)


def _junction(ctx: TermContext, op: Op, args: tuple[Term, ...]) -> Term:
    """`and` (op=AND) or `or` (op=OR): flatten, drop units, find absorbers."""
    _check_bool(*args)
    absorber = op is Op.OR  # the constant that decides the result
    seen: dict[int, Term] = {}
    stack = list(reversed(args))
    while stack:
        a = stack.pop()
        if a.op is op:
            stack.extend(reversed(a.args))
            continue
        if a.op is Op.CONST:
            if a.params[0] is absorber:
                return ctx.const(absorber, 0)
            continue
        seen[a.tid] = a
    for a in seen.values():
        if a.op is Op.NOT and a.args[0].tid in seen:
            return ctx.const(absorber, 0)
    if not seen:
        return ctx.const(not absorber, 0)
    if len(seen) == 1:
        return next(iter(seen.values()))
    return ctx.mk(op, tuple(sorted(seen.values(), key=_tid)), (), 0)


def and_(ctx: TermContext, args: tuple[Term, ...]) -> Term:
    return _junction(ctx, Op.AND, args)


def or_(ctx: TermContext, args: tuple[Term, ...]) -> Term:
    return _junction(ctx, Op.OR, args)


def xor(ctx: TermContext, a: Term, b: Term) -> Term:
    _check_bool(a, b)
    flip = False
    if a.op is Op.NOT:
        a, flip = a.args[0], not flip
    if b.op is Op.NOT:
        b, flip = b.args[0], not flip
    if a.op is Op.CONST:
        a, b = b, a
    if b.op is Op.CONST:
        r = not_(ctx, a) if b.params[0] else a
    elif a is b:
        r = ctx.false
    else:
        if b.tid < a.tid:
            a, b = b, a
        r = ctx.mk(Op.XOR, (a, b), (), 0)
    return not_(ctx, r) if flip else r


# ---- ite ----------------------------------------------------------------------

def ite(ctx: TermContext, c: Term, a: Term, b: Term) -> Term:
    _check_bool(c)
    _check_same_width(a, b)
    while True:
        if c.op is Op.CONST:
            return a if c.params[0] else b
        if c.op is Op.NOT:
            c, a, b = c.args[0], b, a
            continue
        break
    # Inside a branch the condition is known.
    while a.op is Op.ITE and a.args[0] is c:
        a = a.args[1]
    while b.op is Op.ITE and b.args[0] is c:
        b = b.args[2]
    if a is b:
        return a
    if a.width == 0:
        return _bool_ite(ctx, c, a, b)
    lo, hi = ite_iv(a, b)
    return ctx.node(Op.ITE, (c, a, b), (), a.width, lo, hi)


def _bool_ite(ctx: TermContext, c: Term, a: Term, b: Term) -> Term:
    nc = not_(ctx, c)
    if a is c:
        a = ctx.true
    elif a is nc:
        a = ctx.false
    if b is c:
        b = ctx.false
    elif b is nc:
        b = ctx.true
    if a is b:
        return a
    if a.op is Op.CONST:
        if b.op is Op.CONST:
            return c if a.params[0] else nc
        return or_(ctx, (c, b)) if a.params[0] else and_(ctx, (nc, b))
    if b.op is Op.CONST:
        return or_(ctx, (nc, a)) if b.params[0] else and_(ctx, (c, a))
    if a is not_(ctx, b):
        return not_(ctx, xor(ctx, c, a))  # c ? a : ~a  ==  c == a
    return ctx.mk(Op.ITE, (c, a, b), (), 0)


# ---- equality -----------------------------------------------------------------

def eq(ctx: TermContext, a: Term, b: Term) -> Term:
    _check_same_width(a, b)
    if a is b:
        return ctx.true
    if a.width == 0:
        return not_(ctx, xor(ctx, a, b))
    if a.op is Op.CONST and b.op is Op.CONST:
        return ctx.const(a.params[0] == b.params[0], 0)
    if a.hi < b.lo or b.hi < a.lo:
        return ctx.false
    if b.op is Op.CONST:
        a, b = b, a
    if a.op is Op.CONST:
        moved = _solve_for_const(ctx, a, b)
        if moved is not None:
            return moved
    if a.op is Op.CONCAT or b.op is Op.CONCAT:
        split = _eq_by_segments(ctx, a, b)
        if split is not None:
            return split
    if b.tid < a.tid:
        a, b = b, a
    return ctx.mk(Op.EQ, (a, b), (), 0)


def _solve_for_const(ctx: TermContext, k: Term, t: Term) -> Term | None:
    """`k == t` for a constant `k` when `t` is an invertible step away from a term."""
    w = t.width
    if t.op is Op.NEG:
        return eq(ctx, ctx.const(-k.params[0], w), t.args[0])  # type: ignore[operator]
    if t.op is Op.ADD and t.args[0].op is Op.CONST:
        rest = ctx.add(*t.args[1:])
        return eq(ctx, ctx.const(k.params[0] - t.args[0].params[0], w), rest)  # type: ignore[operator]
    if t.op is Op.BVNOT:
        return eq(ctx, ctx.const(~k.params[0], w), t.args[0])  # type: ignore[operator]
    if t.op is Op.BITFUN and t.params[0] == 0b01 and len(t.args) == 1:
        return eq(ctx, ctx.const(~k.params[0], w), t.args[0])  # type: ignore[operator]
    return None


def _eq_by_segments(ctx: TermContext, a: Term, b: Term) -> Term | None:
    """Compare a concat part by part against a constant or another concat."""
    if not (a.op in (Op.CONCAT, Op.CONST) and b.op in (Op.CONCAT, Op.CONST)):
        return None
    cuts: set[int] = set()
    for t in (a, b):
        if t.op is Op.CONCAT:
            pos = t.width
            for p in t.args[:-1]:
                pos -= p.width
                cuts.add(pos)
    if len(cuts) >= _MAX_EQ_SEGMENTS:
        return None
    bounds = [a.width, *sorted(cuts, reverse=True), 0]
    parts = []
    for top, low in zip(bounds, bounds[1:]):
        parts.append(eq(ctx, ctx.extract(a, top - 1, low), ctx.extract(b, top - 1, low)))
    return and_(ctx, tuple(parts))


# ---- ordering -----------------------------------------------------------------

def ult(ctx: TermContext, a: Term, b: Term) -> Term:
    _check_same_width(a, b)
    if a.width == 0:
        raise panic("bvult of Bool operands")
    if a is b:
        return ctx.false
    if a.hi < b.lo:
        return ctx.true
    if a.lo >= b.hi:
        return ctx.false
    # Now neither side is a constant at the edge of the range.
    if b.op is Op.CONST and b.params[0] == 1:
        return eq(ctx, a, ctx.const(0, a.width))
    if a.op is Op.CONST and a.params[0] == 0:
        return not_(ctx, eq(ctx, b, a))
    mask = (1 << a.width) - 1
    if b.op is Op.CONST and b.params[0] == mask:
        return not_(ctx, eq(ctx, a, b))
    if a.op is Op.CONST and a.params[0] == mask - 1:
        return eq(ctx, b, ctx.const(mask, a.width))
    return ctx.mk(Op.ULT, (a, b), (), 0)


def ule(ctx: TermContext, a: Term, b: Term) -> Term:
    return not_(ctx, ult(ctx, b, a))


def _signed_range(t: Term) -> tuple[int, int] | None:
    """The signed interval of `t` when its unsigned one stays in one half."""
    half = 1 << (t.width - 1)
    if t.hi < half:
        return t.lo, t.hi
    if t.lo >= half:
        return t.lo - 2 * half, t.hi - 2 * half
    return None


def slt(ctx: TermContext, a: Term, b: Term) -> Term:
    _check_same_width(a, b)
    if a.width == 0:
        raise panic("bvslt of Bool operands")
    if a is b:
        return ctx.false
    ra, rb = _signed_range(a), _signed_range(b)
    if ra is not None and rb is not None:
        if ra[1] < rb[0]:
            return ctx.true
        if ra[0] >= rb[1]:
            return ctx.false
        if (ra[0] < 0) == (rb[0] < 0):
            # Within one half, signed and unsigned order agree.
            return ult(ctx, a, b)
    return ctx.mk(Op.SLT, (a, b), (), 0)


def sle(ctx: TermContext, a: Term, b: Term) -> Term:
    return not_(ctx, slt(ctx, b, a))
