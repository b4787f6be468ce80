"""Python `int` semantics over bit-vector terms (DESIGN §3).

A symbolic int is a term plus a sound interval `[lo, hi]`; its term holds
the value in the fewest bits that fit the interval (two's complement when
`lo < 0`). Each operation computes the result interval, does the
arithmetic in a width where no intermediate can overflow, and narrows the
result back with `extract`, which the term layer pushes into the operands.
So nothing overflows and nothing is approximated: the result equals
CPython's for every assignment (checked by tests/differential).

Operations that can fail in Python (division by zero, negative shift
counts) assume their precondition: the caller (`sim/ops.py`) records the
obligation first. Functions here take ints or SymInts and return an int
when the result is determined.
"""

from __future__ import annotations

from crux_py.errors import UnsupportedFeature, panic
from crux_py.sim.values import SymBool, SymInt
from crux_py.term.context import TermContext
from crux_py.term.nodes import Term

IntVal = int | SymInt
BoolVal = bool | SymBool

MAX_SHIFT = 1 << 14
"""Largest symbolic shift amount accepted: a left shift's result needs
`width + amount` bits, so an unbounded amount cannot be modelled exactly."""


def sbits(v: int) -> int:
    """Bits holding `v` in two's complement."""
    return (v if v >= 0 else ~v).bit_length() + 1


def width_for(lo: int, hi: int) -> int:
    """The width of a term holding `[lo, hi]`: unsigned when lo >= 0."""
    if lo >= 0:
        return max(1, hi.bit_length())
    return max(sbits(lo), sbits(hi))


def bounds(x: IntVal) -> tuple[int, int]:
    return (x, x) if isinstance(x, int) else (x.lo, x.hi)


def _work_width(*vals: int) -> int:
    """A width in which all of `vals` fit: unsigned if all are >= 0, else signed."""
    if min(vals) >= 0:
        return max(1, max(vals).bit_length())
    return max(sbits(v) for v in vals)


def extend(ctx: TermContext, x: IntVal, width: int) -> Term:
    """`x` modulo 2**width; `width` must hold x's interval."""
    if isinstance(x, int):
        return ctx.bv_const(x, width)
    w = x.term.width
    if width == w:
        return x.term
    if width < w:
        raise panic(f"extend to {width} bits narrower than {w}")
    return ctx.sext(x.term, width - w) if x.lo < 0 else ctx.zext(x.term, width - w)


def decode(bits: int, width: int, signed: bool) -> int:
    if signed and bits >> (width - 1):
        return bits - (1 << width)
    return bits


def make(ctx: TermContext, term: Term, lo: int, hi: int) -> IntVal:
    """The int value whose residue modulo 2**term.width is `term`, known in [lo, hi].

    `term.width` must be at least `width_for(lo, hi)`.
    """
    if lo >= 0 or term.hi < (1 << (term.width - 1)):
        # The value is the term's unsigned reading here, so the term layer's
        # range (masks, zero extension) bounds it too.
        lo, hi = max(lo, term.lo), min(hi, term.hi)
    if lo > hi:
        raise panic(f"empty interval [{lo}, {hi}] for {term!r}")
    if lo == hi:
        return lo
    w = width_for(lo, hi)
    if w > term.width:
        raise panic(f"term of {term.width} bits cannot hold [{lo}, {hi}]")
    if w < term.width:
        term = ctx.extract(term, w - 1, 0)
    if term.is_const:
        return decode(term.value, w, lo < 0)  # type: ignore[arg-type]
    return SymInt(term, lo, hi)


def refine(ctx: TermContext, x: IntVal, lo: int, hi: int) -> IntVal:
    """`x` known (under the path condition) to lie in [lo, hi] as well."""
    if isinstance(x, int):
        return x
    lo, hi = max(lo, x.lo), min(hi, x.hi)
    if lo == x.lo and hi == x.hi:
        return x
    return make(ctx, x.term, lo, hi)


def from_bool(ctx: TermContext, b: BoolVal) -> IntVal:
    if isinstance(b, bool):
        return int(b)
    return make(ctx, ctx.ite(b.term, ctx.bv_const(1, 1), ctx.bv_const(0, 1)), 0, 1)


def bool_of(ctx: TermContext, t: Term) -> BoolVal:
    return t.value if t.is_const else SymBool(t)  # type: ignore[return-value]


# ---- arithmetic --------------------------------------------------------------

def add(ctx: TermContext, x: IntVal, y: IntVal) -> IntVal:
    if isinstance(x, int) and isinstance(y, int):
        return x + y
    (xl, xh), (yl, yh) = bounds(x), bounds(y)
    lo, hi = xl + yl, xh + yh
    w = _work_width(xl, xh, yl, yh, lo, hi)
    return make(ctx, ctx.add(extend(ctx, x, w), extend(ctx, y, w)), lo, hi)


def sub(ctx: TermContext, x: IntVal, y: IntVal) -> IntVal:
    if isinstance(x, int) and isinstance(y, int):
        return x - y
    (xl, xh), (yl, yh) = bounds(x), bounds(y)
    lo, hi = xl - yh, xh - yl
    w = _work_width(xl, xh, yl, yh, lo, hi)
    return make(ctx, ctx.sub(extend(ctx, x, w), extend(ctx, y, w)), lo, hi)


def neg(ctx: TermContext, x: IntVal) -> IntVal:
    if isinstance(x, int):
        return -x
    xl, xh = bounds(x)
    lo, hi = -xh, -xl
    w = _work_width(xl, xh, lo, hi)
    return make(ctx, ctx.neg(extend(ctx, x, w)), lo, hi)


def mul(ctx: TermContext, x: IntVal, y: IntVal) -> IntVal:
    if isinstance(x, int) and isinstance(y, int):
        return x * y
    (xl, xh), (yl, yh) = bounds(x), bounds(y)
    corners = (xl * yl, xl * yh, xh * yl, xh * yh)
    lo, hi = min(corners), max(corners)
    w = _work_width(xl, xh, yl, yh, lo, hi)
    return make(ctx, ctx.mul(extend(ctx, x, w), extend(ctx, y, w)), lo, hi)


def _nonzero_parts(lo: int, hi: int) -> list[tuple[int, int]]:
    parts = []
    if lo < 0:
        parts.append((lo, min(hi, -1)))
    if hi > 0:
        parts.append((max(lo, 1), hi))
    return parts


def _div_bounds(x: IntVal, y: IntVal) -> tuple[int, int, int, int]:
    """Intervals of x // y and x % y for y != 0 (floor division is monotone in
    each argument on a sign-constant divisor range, so corners suffice)."""
    (xl, xh), (yl, yh) = bounds(x), bounds(y)
    qs: list[int] = []
    rlo, rhi = None, None
    for a, b in _nonzero_parts(yl, yh):
        qs += [xl // a, xl // b, xh // a, xh // b]
        if a > 0:
            plo, phi = 0, b - 1
            if xl >= 0:
                phi = min(phi, xh)
        else:
            plo, phi = a + 1, 0
            if xh <= 0:
                plo = max(plo, xl)
        rlo = plo if rlo is None else min(rlo, plo)
        rhi = phi if rhi is None else max(rhi, phi)
    if not qs or rlo is None or rhi is None:
        raise panic("division by a divisor that is always zero")
    return min(qs), max(qs), rlo, rhi


def _power_of_two(y: IntVal) -> int | None:
    if isinstance(y, int) and y > 0 and y & (y - 1) == 0:
        return y.bit_length() - 1
    return None


def floordiv(ctx: TermContext, x: IntVal, y: IntVal) -> IntVal:
    """x // y for y != 0."""
    if isinstance(x, int) and isinstance(y, int):
        return x // y
    k = _power_of_two(y)
    if k is not None:
        return rshift(ctx, x, k)
    return _divmod(ctx, x, y)[0]


def mod(ctx: TermContext, x: IntVal, y: IntVal) -> IntVal:
    """x % y for y != 0 (sign of the divisor)."""
    if isinstance(x, int) and isinstance(y, int):
        return x % y
    k = _power_of_two(y)
    if k is not None:
        return bitand(ctx, x, (1 << k) - 1)
    return _divmod(ctx, x, y)[1]


def _divmod(ctx: TermContext, x: IntVal, y: IntVal) -> tuple[IntVal, IntVal]:
    (xl, xh), (yl, yh) = bounds(x), bounds(y)
    qlo, qhi, rlo, rhi = _div_bounds(x, y)
    if xl >= 0 and yl >= 0:
        w = _work_width(xh, yh)
        ex, ey = extend(ctx, x, w), extend(ctx, y, w)
        return make(ctx, ctx.udiv(ex, ey), qlo, qhi), make(ctx, ctx.urem(ex, ey), rlo, rhi)
    # Truncating division, then the floor correction when the remainder's
    # sign differs from the divisor's; the width also holds q - 1 and r + y.
    w = max(sbits(v) for v in (xl, xh, 2 * yl, 2 * yh, qlo - 1, qhi, rlo, rhi))
    ex, ey = extend(ctx, x, w), extend(ctx, y, w)
    q0, r0 = ctx.sdiv(ex, ey), ctx.srem(ex, ey)
    zero = ctx.bv_const(0, w)
    adjust = ctx.and_(ctx.ne(r0, zero), ctx.xor(ctx.slt(r0, zero), ctx.slt(ey, zero)))
    q = ctx.ite(adjust, ctx.sub(q0, ctx.bv_const(1, w)), q0)
    r = ctx.ite(adjust, ctx.add(r0, ey), r0)
    return make(ctx, q, qlo, qhi), make(ctx, r, rlo, rhi)


def power(ctx: TermContext, x: IntVal, e: IntVal) -> IntVal:
    """x ** e for a concrete e >= 0 (or a symbolic e over a small range)."""
    if isinstance(e, int):
        if e < 0:
            raise UnsupportedFeature("`**` with a negative exponent (gives a float)")
        result: IntVal = 1
        base = x
        while e:
            if e & 1:
                result = mul(ctx, result, base)
            e >>= 1
            if e:
                base = mul(ctx, base, base)
        return result
    if e.lo < 0 or e.hi - e.lo > 256:
        raise UnsupportedFeature("`**` with a symbolic exponent that is not a small non-negative range",
                                 hint="assume() a range of at most 256 values")
    if x == 2:
        return lshift(ctx, 1, e)
    result = power(ctx, x, e.lo)
    for k in range(e.lo + 1, e.hi + 1):
        result = ite(ctx, compare(ctx, "==", e, k), power(ctx, x, k), result)  # type: ignore[arg-type]
    return result


# ---- shifts and bitwise ---------------------------------------------------------

def lshift(ctx: TermContext, x: IntVal, k: IntVal) -> IntVal:
    """x << k for k >= 0."""
    xl, xh = bounds(x)
    if isinstance(k, int):
        if isinstance(x, int):
            return x << k
        if k == 0:
            return x
        return make(ctx, ctx.concat(x.term, ctx.bv_const(0, k)), xl << k, xh << k)
    kl, kh = bounds(k)
    if kh > MAX_SHIFT:
        raise UnsupportedFeature(f"`<<` by a symbolic amount that may exceed {MAX_SHIFT}",
                                 hint="assume() a bound on the shift amount")
    corners = (xl << kl, xl << kh, xh << kl, xh << kh)
    lo, hi = min(corners), max(corners)
    if lo == hi:
        return lo
    w = max(_work_width(xl, xh, lo, hi), k.term.width)
    return make(ctx, ctx.shl(extend(ctx, x, w), extend(ctx, k, w)), lo, hi)


def rshift(ctx: TermContext, x: IntVal, k: IntVal) -> IntVal:
    """x >> k (arithmetic) for k >= 0."""
    xl, xh = bounds(x)
    if isinstance(k, int):
        if isinstance(x, int):
            return x >> k
        if k == 0:
            return x
        w = x.term.width
        lo, hi = xl >> k, xh >> k
        if k >= w and not x.signed:
            return 0
        k = min(k, w - 1)
        return make(ctx, ctx.extract(x.term, w - 1, k), lo, hi)
    kl, kh = bounds(k)
    corners = (xl >> kl, xl >> kh, xh >> kl, xh >> kh)
    lo, hi = min(corners), max(corners)
    if lo == hi:
        return lo
    w = max(_work_width(xl, xh), k.term.width)
    ex, ek = extend(ctx, x, w), extend(ctx, k, w)
    shifted = ctx.ashr(ex, ek) if xl < 0 else ctx.lshr(ex, ek)
    return make(ctx, shifted, lo, hi)


def _bitwise_bounds(op: str, x: IntVal, y: IntVal, w: int) -> tuple[int, int]:
    (xl, xh), (yl, yh) = bounds(x), bounds(y)
    if xl >= 0 and yl >= 0:
        top = (1 << max(xh.bit_length(), yh.bit_length())) - 1
        if op == "&":
            return 0, min(xh, yh)
        if op == "|":
            return max(xl, yl), top
        return 0, top
    smin, smax = -(1 << (w - 1)), (1 << (w - 1)) - 1
    x_neg, y_neg = xh < 0, yh < 0
    if op == "&":
        if xl >= 0 or yl >= 0:
            return 0, min(h for l, h in ((xl, xh), (yl, yh)) if l >= 0)
        return (smin, -1) if x_neg and y_neg else (smin, max(xh, yh))
    if op == "|":
        if x_neg or y_neg:
            return max(xl if x_neg else smin, yl if y_neg else smin), -1
        return smin, smax
    if (xl >= 0 or x_neg) and (yl >= 0 or y_neg):
        return (0, smax) if x_neg == y_neg else (smin, -1)
    return smin, smax


def _bitwise(ctx: TermContext, op: str, x: IntVal, y: IntVal) -> IntVal:
    (xl, xh), (yl, yh) = bounds(x), bounds(y)
    w = _work_width(xl, xh, yl, yh)
    ex, ey = extend(ctx, x, w), extend(ctx, y, w)
    term = ctx.bvand(ex, ey) if op == "&" else ctx.bvor(ex, ey) if op == "|" else ctx.bvxor(ex, ey)
    lo, hi = _bitwise_bounds(op, x, y, w)
    return make(ctx, term, lo, hi)


def bitand(ctx: TermContext, x: IntVal, y: IntVal) -> IntVal:
    if isinstance(x, int) and isinstance(y, int):
        return x & y
    return _bitwise(ctx, "&", x, y)


def bitor(ctx: TermContext, x: IntVal, y: IntVal) -> IntVal:
    if isinstance(x, int) and isinstance(y, int):
        return x | y
    return _bitwise(ctx, "|", x, y)


def bitxor(ctx: TermContext, x: IntVal, y: IntVal) -> IntVal:
    if isinstance(x, int) and isinstance(y, int):
        return x ^ y
    return _bitwise(ctx, "^", x, y)


def invert(ctx: TermContext, x: IntVal) -> IntVal:
    if isinstance(x, int):
        return ~x
    xl, xh = bounds(x)
    lo, hi = -xh - 1, -xl - 1
    w = _work_width(xl, xh, lo, hi)
    return make(ctx, ctx.bvnot(extend(ctx, x, w)), lo, hi)


# ---- comparisons, choice --------------------------------------------------------

def compare(ctx: TermContext, op: str, x: IntVal, y: IntVal) -> BoolVal:
    """x <op> y for op in < <= > >= == !=."""
    if op in (">", ">="):
        return compare(ctx, "<" if op == ">" else "<=", y, x)
    (xl, xh), (yl, yh) = bounds(x), bounds(y)
    if op == "<":
        if xh < yl:
            return True
        if xl >= yh:
            return False
    elif op == "<=":
        if xh <= yl:
            return True
        if xl > yh:
            return False
    elif xh < yl or yh < xl:
        return op == "!="
    elif xl == xh == yl == yh:
        return op == "=="
    w = _work_width(xl, xh, yl, yh)
    ex, ey = extend(ctx, x, w), extend(ctx, y, w)
    unsigned = min(xl, yl) >= 0
    if op == "<":
        t = ctx.ult(ex, ey) if unsigned else ctx.slt(ex, ey)
    elif op == "<=":
        t = ctx.ule(ex, ey) if unsigned else ctx.sle(ex, ey)
    elif op == "==":
        t = ctx.eq(ex, ey)
    else:
        t = ctx.ne(ex, ey)
    return bool_of(ctx, t)


def ite(ctx: TermContext, c: BoolVal, a: IntVal, b: IntVal) -> IntVal:
    """`a if c else b` as one int."""
    if isinstance(c, bool):
        return a if c else b
    if isinstance(a, int) and isinstance(b, int) and a == b:
        return a
    (al, ah), (bl, bh) = bounds(a), bounds(b)
    lo, hi = min(al, bl), max(ah, bh)
    w = width_for(lo, hi)
    return make(ctx, ctx.ite(c.term, extend(ctx, a, w), extend(ctx, b, w)), lo, hi)


def absolute(ctx: TermContext, x: IntVal) -> IntVal:
    if isinstance(x, int):
        return abs(x)
    if x.lo >= 0:
        return x
    if x.hi <= 0:
        return neg(ctx, x)
    return ite(ctx, compare(ctx, "<", x, 0), neg(ctx, x), x)


def truth(ctx: TermContext, x: IntVal) -> BoolVal:
    if isinstance(x, int):
        return x != 0
    return compare(ctx, "!=", x, 0)
