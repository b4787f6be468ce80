"""Rewrite rules of bit-vector arithmetic: `+`, unary `-`, `*` and the four
divisions.

`TermContext` (`term/context.py`) forwards to these functions.

Canonical forms. An ADD is a linear combination `c + k1*b1 + ...` collected
by base term (so `x + (-x)` cancels and `x + x` is `2*x`); its operands are
the constant (first, if non-zero), then the others sorted by tid; nested
sums of at most `MAX_FLAT` operands are flattened; bitwise summands that
cannot carry into each other are one bitwise function (`term/disjoint.py`). A MUL has its constant
folded into one first operand and negations pulled into that constant; a
constant times a small sum is distributed; a power of two times a
non-arithmetic term `x` is the shift `concat(extract(x, w-k-1, 0), 0^k)`
(as is `x << k`, `term/bitwise.py`), while a power of two times a sum or
product stays a MUL, which keeps the low-bits narrowing of products
canonical. On 1-bit operands `+` is xor and `*` is and. Division follows
SMT-LIB (`term/concrete.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crux_py.errors import panic
from crux_py.term.concrete import to_signed
from crux_py.term.intervals import add_iv, mul_iv, neg_iv, udiv_iv, urem_iv
from crux_py.term.nodes import Op, Term

if TYPE_CHECKING:
    from crux_py.term.context import TermContext


# A nested sum (product, n-ary bitwise node) is flattened into its parent
# when it has at most this many operands, so sums of up to MAX_FLAT + 1
# terms are canonical however grouped: an optimised SHA-256 and its
# specification group the sums of 64 rounds differently, and only full
# flattening makes their terms identical (a bound of 64 left them apart and
# the solver timed out). The bound keeps the cost of building a sum linear
# in pathological programs; beyond it, `solver/equivalence.py` relates
# differently grouped sums.
MAX_FLAT = 4096


_ARITH = (Op.ADD, Op.MUL, Op.NEG)


def _tid(t: Term) -> int:
    return t.tid


def common_width(args: tuple[Term, ...]) -> int:
    if not args:
        raise panic("bit-vector operator with no operands")
    w = args[0].width
    for a in args:
        if a.width != w:
            raise panic(f"operand widths differ: {w} vs {a.width}")
    if w == 0:
        raise panic("bit-vector operator on Bool operands")
    return w


def shift_form(ctx: TermContext, t: Term) -> tuple[Term, int] | None:
    """`(x, k)` when `t` is `x * 2**k`, i.e. a concat ending in `0^k`.

    `x` is a canonical term with the shifted low bits (see `_low_rep`):
    `x` itself for `concat(extract(x, w-k-1, 0), 0^k)`.
    """
    if t.op is not Op.CONCAT:
        return None
    low = t.args[-1]
    if low.op is not Op.CONST or low.params[0] != 0:
        return None
    k = low.width
    high = t.args[0] if len(t.args) == 2 else ctx.concat(*t.args[:-1])
    return _low_rep(ctx, ctx.zext(high, k), t.width, k), k


def _scaled(ctx: TermContext, t: Term) -> tuple[int, Term]:
    """`(c, base)` with `t == c * base`, where `base` carries no constant factor."""
    if t.op is Op.MUL and t.args[0].op is Op.CONST:
        memo = ctx._scaled_memo
        hit = memo.get(t.tid)
        if hit is None:
            rest = t.args[1:]
            base = rest[0] if len(rest) == 1 else mul(ctx, rest)
            hit = (t.args[0].params[0], base)  # type: ignore[assignment]
            memo[t.tid] = hit
        return hit  # type: ignore[return-value]
    if t.op is Op.CONCAT:
        # Sums of hundreds of summands are collected again whenever they
        # grow, so each summand's shift form is worked out once.
        memo = ctx._scaled_memo
        hit = memo.get(t.tid)
        if hit is None:
            sf = shift_form(ctx, t)
            hit = (1, t) if sf is None else (1 << sf[1], sf[0])
            memo[t.tid] = hit
        return hit  # type: ignore[return-value]
    return 1, t


def _multiple(ctx: TermContext, k: int, base: Term, w: int) -> Term:
    """`k * base` (memoised, like `_scaled`)."""
    key = (k, base.tid)
    hit = ctx._multiple_memo.get(key)
    if hit is None:
        hit = mul(ctx, (ctx.const(k, w), base))
        ctx._multiple_memo[key] = hit
    return hit


# ---- + and unary - ------------------------------------------------------------

def add(ctx: TermContext, args: tuple[Term, ...]) -> Term:
    w = common_width(args)
    if len(args) == 1:
        return args[0]
    if w == 1:
        return ctx.bvxor(*args)
    mask = (1 << w) - 1
    const = 0
    coefs: dict[int, list] = {}  # base tid -> [base, coefficient]
    stack: list[tuple[Term, int]] = [(a, 1) for a in args]
    while stack:
        t, k = stack.pop()
        op = t.op
        if op is Op.CONST:
            const += k * t.params[0]  # type: ignore[operator]
            continue
        if op is Op.NEG:
            stack.append((t.args[0], -k))
            continue
        if op is Op.ADD and len(t.args) <= MAX_FLAT:
            stack.extend((x, k) for x in t.args)
            continue
        c, base = _scaled(ctx, t)
        entry = coefs.get(base.tid)
        if entry is None:
            coefs[base.tid] = [base, k * c]
        else:
            entry[1] += k * c
    const &= mask
    summands = [(base, k & mask) for base, k in coefs.values() if k & mask]
    merged = ctx.merge_disjoint(summands, w)
    if merged is not None:
        return add(ctx, (*(_multiple(ctx, k, base, w) for base, k in merged), ctx.const(const, w)))
    terms: list[Term] = []
    for base, k in summands:
        if k == 1:
            terms.append(base)
        elif k == mask:
            terms.append(neg(ctx, base))
        elif k:
            terms.append(_multiple(ctx, k, base, w))
    if not terms:
        return ctx.const(const, w)
    terms.sort(key=_tid)
    if any(x is y for x, y in zip(terms, terms[1:])) or any(x.op is Op.CONST for x in terms):
        # A product can simplify: different bases can give one product
        # (2*x and 2*zext(x[w-2:0], 1) are one shift) and a product can be
        # constant (2 * concat(b, 0x7f) drops b); collect those again.
        return add(ctx, (*terms, ctx.const(const, w)))
    if const:
        terms.insert(0, ctx.const(const, w))
    elif len(terms) == 1:
        return terms[0]
    lo, hi = add_iv(terms, w)
    return ctx.node(Op.ADD, tuple(terms), (), w, lo, hi)


def neg(ctx: TermContext, a: Term) -> Term:
    w = common_width((a,))
    op = a.op
    if op is Op.CONST:
        return ctx.const(-a.params[0], w)  # type: ignore[operator]
    if w == 1:
        return a
    if op is Op.NEG:
        return a.args[0]
    if op is Op.ADD and _flat(a):
        return add(ctx, tuple(neg(ctx, x) for x in a.args))
    c, base = _scaled(ctx, a)
    if c != 1:
        return mul(ctx, (ctx.const(-c, w), base))
    lo, hi = neg_iv(a, w)
    return ctx.node(Op.NEG, (a,), (), w, lo, hi)


# ---- * ------------------------------------------------------------------------

def mul(ctx: TermContext, args: tuple[Term, ...]) -> Term:
    w = common_width(args)
    if len(args) == 1:
        return args[0]
    if w == 1:
        return ctx.bvand(*args)
    mask = (1 << w) - 1
    const = 1
    flat: list[Term] = []
    stack = list(args)
    while stack:
        t = stack.pop()
        op = t.op
        if op is Op.CONST:
            const = (const * t.params[0]) & mask  # type: ignore[operator]
            if not const:
                return ctx.const(0, w)
        elif op is Op.MUL and len(t.args) <= MAX_FLAT:
            stack.extend(t.args)
        elif op is Op.NEG:
            const = -const & mask
            stack.append(t.args[0])
        else:
            sf = shift_form(ctx, t)
            if sf is None:
                flat.append(t)
            else:
                const = (const << sf[1]) & mask
                if not const:
                    return ctx.const(0, w)
                stack.append(sf[0])
    if not flat:
        return ctx.const(const, w)
    if not const & 1:
        k = (const & -const).bit_length() - 1
        flat = [_low_rep(ctx, x, w, k) for x in flat]
    flat.sort(key=_tid)
    if const == 1:
        if len(flat) == 1:
            return flat[0]
        lo, hi = mul_iv(flat, w)
        return ctx.node(Op.MUL, tuple(flat), (), w, lo, hi)
    if const == mask:
        return neg(ctx, mul(ctx, tuple(flat)))
    if len(flat) == 1:
        x = flat[0]
        if x.op is Op.ADD and _flat(x):
            # Distribute so that linear combinations stay in one flat ADD.
            c = ctx.const(const, w)
            return add(ctx, tuple(mul(ctx, (c, y)) for y in x.args))
        if const & (const - 1) == 0 and x.op not in _ARITH:
            k = const.bit_length() - 1
            return ctx.concat(ctx.extract(x, w - k - 1, 0), ctx.const(0, k))
    operands = (ctx.const(const, w), *flat)
    lo, hi = mul_iv(operands, w)
    return ctx.node(Op.MUL, operands, (), w, lo, hi)


def _flat(t: Term) -> bool:
    """A small sum of non-sums, which distributing over stays small."""
    return len(t.args) <= MAX_FLAT and all(x.op is not Op.ADD for x in t.args)


def _low_rep(ctx: TermContext, x: Term, w: int, k: int) -> Term:
    """A canonical `w`-bit term with the low `w - k` bits of `x`, which is
    all a product with a multiple of `2**k` depends on: a zero-extended
    slice `y[h:0]` that keeps those bits stands for `y` (zero-extended)."""
    if k and x.op is Op.CONCAT and len(x.args) == 2 and x.args[0].op is Op.CONST \
            and x.args[0].params[0] == 0:
        s = x.args[1]
        if s.width >= w - k and s.op is Op.EXTRACT and s.params[1] == 0 and s.args[0].width <= w:
            y = s.args[0]
            return ctx.zext(y, w - y.width)
    return x


# ---- division -----------------------------------------------------------------

def _power_of_two(t: Term) -> int | None:
    if t.op is Op.CONST:
        v = t.params[0]
        if v and v & (v - 1) == 0:  # type: ignore[operator]
            return v.bit_length() - 1  # type: ignore[union-attr]
    return None


def udiv(ctx: TermContext, a: Term, b: Term) -> Term:
    w = common_width((a, b))
    mask = (1 << w) - 1
    if b.op is Op.CONST:
        v = b.params[0]
        if v == 0:
            return ctx.const(mask, w)
        if a.op is Op.CONST:
            return ctx.const(a.params[0] // v, w)  # type: ignore[operator]
        k = _power_of_two(b)
        if k is not None:
            return a if k == 0 else ctx.concat(ctx.const(0, k), ctx.extract(a, w - 1, k))
    if a.hi < b.lo:
        return ctx.const(0, w)
    if a is b and b.lo > 0:
        return ctx.const(1, w)
    lo, hi = udiv_iv(a, b, w)
    return ctx.node(Op.UDIV, (a, b), (), w, lo, hi)


def urem(ctx: TermContext, a: Term, b: Term) -> Term:
    w = common_width((a, b))
    if b.op is Op.CONST:
        v = b.params[0]
        if v == 0:
            return a
        if a.op is Op.CONST:
            return ctx.const(a.params[0] % v, w)  # type: ignore[operator]
        k = _power_of_two(b)
        if k is not None:
            if k == 0:
                return ctx.const(0, w)
            return ctx.concat(ctx.const(0, w - k), ctx.extract(a, k - 1, 0))
    if a.hi < b.lo:
        return a
    if a is b:
        return ctx.const(0, w)
    lo, hi = urem_iv(a, b)
    return ctx.node(Op.UREM, (a, b), (), w, lo, hi)


def _nonnegative(t: Term) -> bool:
    return t.hi < (1 << (t.width - 1))


def sdiv(ctx: TermContext, a: Term, b: Term) -> Term:
    w = common_width((a, b))
    mask = (1 << w) - 1
    if b.op is Op.CONST:
        v = b.params[0]
        if a.op is Op.CONST:
            sa, sb = to_signed(a.params[0], w), to_signed(v, w)  # type: ignore[arg-type]
            if sb == 0:
                return ctx.const(1 if sa < 0 else mask, w)
            q = abs(sa) // abs(sb)
            return ctx.const(-q if (sa < 0) != (sb < 0) else q, w)
        if v == 0:
            negative = ctx.slt(a, ctx.const(0, w))
            return ctx.ite(negative, ctx.const(1, w), ctx.const(mask, w))
        if v == 1:
            return a
        if v == mask:
            return neg(ctx, a)
    if _nonnegative(a) and _nonnegative(b):
        return udiv(ctx, a, b)
    return ctx.mk(Op.SDIV, (a, b), (), w)


def srem(ctx: TermContext, a: Term, b: Term) -> Term:
    w = common_width((a, b))
    if b.op is Op.CONST:
        v = b.params[0]
        if a.op is Op.CONST:
            sa, sb = to_signed(a.params[0], w), to_signed(v, w)  # type: ignore[arg-type]
            if sb == 0:
                return a
            r = abs(sa) % abs(sb)
            return ctx.const(-r if sa < 0 else r, w)
        if v == 0:
            return a
        if v == 1 or v == (1 << w) - 1:
            return ctx.const(0, w)
    if a is b:
        return ctx.const(0, w)
    if _nonnegative(a) and _nonnegative(b):
        return urem(ctx, a, b)
    return ctx.mk(Op.SREM, (a, b), (), w)
