"""Rewrite rules of bit-vector structure: `extract`, `concat`, `sign_extend`.

`TermContext` (`term/context.py`) forwards to these functions. `extract`
composes with extracts, selects concat parts, looks through sign extension,
narrows `+ - *` to the low bits they depend on, and pushes into bitwise
nodes (rebuilt by `term/bitwise.py` through `ctx.bitfun` and friends) and
into `ite`s of two constants; the narrowing and the bitwise push happen
only when they copy no natural computation (see `_widened`). `concat`
flattens and merges adjacent constants, contiguous slices of one term,
sign-bit copies (into `sign_extend`) and adjacent bitwise functions of
contiguous slices, so that splitting a bitwise operation at constant
boundaries and joining it again gives back the canonical form. Zero
extension is `concat(0^k, x)`.
"""

from __future__ import annotations

from itertools import permutations
from typing import TYPE_CHECKING

from crux_py.errors import panic
from crux_py.term.intervals import concat_iv, extract_iv, sext_iv
from crux_py.term.nodes import Op, Term
from crux_py.term.truthtable import remap

if TYPE_CHECKING:
    from crux_py.term.context import TermContext

_NARROWABLE = (Op.ADD, Op.MUL, Op.NEG)
_BITWISE_NARY = (Op.BVAND, Op.BVOR, Op.BVXOR)
_PLAIN = (Op.CONST, Op.VAR, Op.EXTRACT, Op.SEXT)

# Pushing an extract into + - * or a bitwise node makes a sliced copy of the
# node. That is what we want when the node is a widened computation (Python
# ints: `(a + b) & 0xffffffff` on zero-extended u32 values) or a function of
# plain slices (splitting at constant boundaries), but pushing into a natural
# computation that is sliced by a rotation would copy the whole DAG below it
# once per slice (measured: SHA-256 grows quadratically). So the extract is
# pushed only when the operands are plain slices, extensions, or + - * of
# those (`_widened`); otherwise it stays an EXTRACT node.


def _widened(ctx: TermContext, t: Term) -> bool:
    """Whether `t` is built from plain slices and extensions by + - * only."""
    op = t.op
    if op in _PLAIN:
        return True
    if op is Op.CONCAT:
        # An extension, or a shift (`x * 2**k`) of plain slices.
        return t.args[0].op is Op.CONST or (
            t.args[-1].op is Op.CONST and all(p.op in _PLAIN for p in t.args))
    if op not in _NARROWABLE:
        return False
    memo = ctx._widened_memo
    hit = memo.get(t.tid)
    if hit is not None:
        return hit
    # Iterative, so long chains of arithmetic cannot exhaust the stack.
    stack: list[tuple[Term, bool]] = [(t, False)]
    while stack:
        u, ready = stack.pop()
        if u.tid in memo:
            continue
        if ready:
            memo[u.tid] = all(memo[x.tid] if x.op in _NARROWABLE else _widened(ctx, x) for x in u.args)
            continue
        if any(x.op not in _NARROWABLE and not _widened(ctx, x) for x in u.args):
            memo[u.tid] = False
            continue
        stack.append((u, True))
        stack.extend((x, False) for x in u.args if x.op in _NARROWABLE and x.tid not in memo)
    return memo[t.tid]


def _structural(t: Term) -> bool:
    """A bitwise leaf whose slices are plain slices: no computation to copy."""
    if t.op in _PLAIN:
        return True
    return t.op is Op.CONCAT and all(p.op in _PLAIN for p in t.args)


def _one_part(t: Term, hi: int, lo: int) -> bool:
    """`t` is a concat and bits [hi:lo] are exactly one of its parts (as in
    `concat(1, ~x)`, how a negative Python int `~x` is held): slicing copies
    no computation."""
    if t.op is not Op.CONCAT:
        return False
    top = t.width
    for p in t.args:
        if top - 1 == hi and top - p.width == lo:
            return True
        top -= p.width
    return False


# ---- extract ------------------------------------------------------------------

def extract(ctx: TermContext, a: Term, hi: int, lo: int) -> Term:
    w = a.width
    if not 0 <= lo <= hi < w:
        raise panic(f"extract [{hi}:{lo}] out of range of a {w}-bit term")
    if lo == 0 and hi == w - 1:
        return a
    if a.op is Op.CONST:
        return ctx.const(a.params[0] >> lo, hi - lo + 1)  # type: ignore[operator]
    key = (a.tid, hi, lo)
    memo = ctx._extract_memo
    r = memo.get(key)
    if r is None:
        r = _extract(ctx, a, hi, lo)
        memo[key] = r
    return r


def _extract(ctx: TermContext, a: Term, hi: int, lo: int) -> Term:
    op = a.op
    if op is Op.EXTRACT:
        base = a.params[1]
        return extract(ctx, a.args[0], hi + base, lo + base)  # type: ignore[operator]
    if op is Op.CONCAT:
        return _extract_concat(ctx, a, hi, lo)
    if op is Op.SEXT:
        x = a.args[0]
        xw = x.width
        if hi < xw:
            return extract(ctx, x, hi, lo)
        if lo >= xw - 1:
            return sext(ctx, extract(ctx, x, xw - 1, xw - 1), hi - lo)
        return sext(ctx, extract(ctx, x, xw - 1, lo), hi - xw + 1)
    if op in _NARROWABLE and hi < a.width - 1 and all(_widened(ctx, x) for x in a.args):
        # Low bits of + - * depend only on the low bits of the operands.
        _narrow_inner_first(ctx, a, hi)
        if op is Op.NEG:
            r = ctx.neg(extract(ctx, a.args[0], hi, 0))
        else:
            narrow: list[Term] = []
            _low_operands(ctx, a, hi, narrow)
            r = ctx.add(*narrow) if op is Op.ADD else ctx.mul(*narrow)
        return extract(ctx, r, hi, lo)
    if op is Op.BITFUN and all(_structural(x) or _one_part(x, hi, lo) for x in a.args):
        leaves = (extract(ctx, x, hi, lo) for x in a.args)
        return ctx.bitfun(a.params[0], *leaves)  # type: ignore[arg-type]
    if op in _BITWISE_NARY and all(_structural(x) for x in a.args):
        parts = tuple(extract(ctx, x, hi, lo) for x in a.args)
        if op is Op.BVAND:
            return ctx.bvand(*parts)
        if op is Op.BVOR:
            return ctx.bvor(*parts)
        return ctx.bvxor(*parts)
    if op is Op.BVNOT and all(_structural(x) for x in a.args[0].args):
        return ctx.bvnot(extract(ctx, a.args[0], hi, lo))
    if op is Op.ITE and a.args[1].op is Op.CONST and a.args[2].op is Op.CONST:
        return ctx.ite(a.args[0], extract(ctx, a.args[1], hi, lo), extract(ctx, a.args[2], hi, lo))
    elo, ehi = extract_iv(a, hi, lo)
    return ctx.node(Op.EXTRACT, (a,), (hi, lo), hi - lo + 1, elo, ehi)


def _through_extensions(x: Term, hi: int) -> Term:
    """The term whose low `hi + 1` bits are those of `x`, looking through
    zero/sign extensions and other concats whose last part is wide enough."""
    while True:
        if x.op is Op.CONCAT and x.args[-1].width > hi:
            x = x.args[-1]
        elif x.op is Op.SEXT and x.args[0].width > hi:
            x = x.args[0]
        else:
            return x


def _splices(ctx: TermContext, parent: Term, y: Term, hi: int) -> bool:
    """Whether narrowing `parent` splices in the operands of its operand `y`."""
    return y.op is parent.op and parent.op is not Op.NEG and hi < y.width - 1 \
        and all(_widened(ctx, z) for z in y.args)


def _low_operands(ctx: TermContext, a: Term, hi: int, out: list[Term]) -> None:
    """The operands of `a`'s low `hi + 1` bits, splicing in the operands of
    widened operands of the same operator. Python's `(a + b + c) & m` is a
    chain of ever wider sums of zero-extended sums; gathering the chain
    builds one n-ary sum, exactly as a fixed-width `a + b + c` does."""
    stack = [a]
    while stack:
        n = stack.pop()
        for x in n.args:
            y = _through_extensions(x, hi)
            if _splices(ctx, n, y, hi):
                stack.append(y)
            else:
                out.append(extract(ctx, x, hi, 0))


def _narrow_inner_first(ctx: TermContext, a: Term, hi: int) -> None:
    """Narrow the widened arithmetic below `a` bottom-up (iteratively), so
    that narrowing `a` itself finds them memoised and stays shallow: long
    unmasked Python-int chains must not exhaust the interpreter stack."""
    memo = ctx._extract_memo
    called: set[int] = set()
    seen = {a.tid}
    order: list[Term] = []
    stack: list[tuple[Term, bool]] = [(a, False)]
    while stack:
        n, done = stack.pop()
        if done:
            order.append(n)
            continue
        stack.append((n, True))
        for x in n.args:
            y = _through_extensions(x, hi)
            if y.op not in _NARROWABLE or hi >= y.width - 1 or (y.tid, hi, 0) in memo \
                    or not all(_widened(ctx, z) for z in y.args):
                continue
            if not _splices(ctx, n, y, hi):
                called.add(y.tid)
            if y.tid not in seen:
                seen.add(y.tid)
                stack.append((y, False))
    for n in order:
        if n.tid in called and n is not a:
            extract(ctx, n, hi, 0)


def _extract_concat(ctx: TermContext, a: Term, hi: int, lo: int) -> Term:
    picked: list[Term] = []
    top = a.width
    for p in a.args:
        low = top - p.width
        if low <= hi and top > lo:
            picked.append(extract(ctx, p, min(hi, top - 1) - low, max(lo, low) - low))
        if low <= lo:
            break
        top = low
    return picked[0] if len(picked) == 1 else concat(ctx, tuple(picked))


# ---- sign extension -------------------------------------------------------------

def sext(ctx: TermContext, a: Term, extra: int) -> Term:
    w = a.width
    if w == 0 or extra < 0:
        raise panic(f"bad sign extension of a {w}-bit term by {extra}")
    if extra == 0:
        return a
    if a.op is Op.CONST:
        v = a.params[0]
        return ctx.const(v - (1 << w) if v >> (w - 1) else v, w + extra)  # type: ignore[operator]
    half = 1 << (w - 1)
    if a.hi < half:
        return concat(ctx, (ctx.const(0, extra), a))
    if a.lo >= half:
        return concat(ctx, (ctx.const(-1, extra), a))
    if a.op is Op.SEXT:
        return sext(ctx, a.args[0], a.params[0] + extra)  # type: ignore[operator]
    if a.op is Op.CONCAT:
        return concat(ctx, (sext(ctx, a.args[0], extra), *a.args[1:]))
    lo, hi = sext_iv(a, extra)
    return ctx.node(Op.SEXT, (a,), (extra,), w + extra, lo, hi)


# ---- concat -------------------------------------------------------------------

def concat(ctx: TermContext, args: tuple[Term, ...]) -> Term:
    if not args:
        raise panic("concat of nothing")
    if len(args) == 1:
        return args[0]
    out: list[Term] = []
    for p in args:
        if p.width == 0:
            raise panic("concat of a Bool term")
        if p.op is Op.CONCAT:
            for q in p.args:
                _push(ctx, out, q)
        else:
            _push(ctx, out, p)
    if len(out) == 1:
        return out[0]
    lo, hi = concat_iv(out)
    return ctx.node(Op.CONCAT, tuple(out), (), sum(p.width for p in out), lo, hi)


def _push(ctx: TermContext, out: list[Term], p: Term) -> None:
    """Append `p` (less significant than `out[-1]`), merging while possible."""
    while out:
        merged = _merge(ctx, out[-1], p)
        if merged is None:
            break
        out.pop()
        if merged.op is Op.CONCAT:
            # A merge may not simplify to one part (e.g. a bitwise function of
            # merged leaves); keep its parts, which cannot merge further.
            out.extend(merged.args)
            return
        p = merged
    out.append(p)


def _slice(t: Term) -> tuple[Term, int, int]:
    if t.op is Op.EXTRACT:
        return t.args[0], t.params[0], t.params[1]  # type: ignore[return-value]
    return t, t.width - 1, 0


def _adjacent(h: Term, l: Term) -> bool:
    """Whether `h ++ l` is one constant or one slice of a term."""
    if h.op is Op.CONST:
        return l.op is Op.CONST
    hb, _, hl = _slice(h)
    lb, lh, _ = _slice(l)
    return hb is lb and hl == lh + 1


def _join(ctx: TermContext, h: Term, l: Term) -> Term:
    """`h ++ l` for `_adjacent` parts."""
    if h.op is Op.CONST:
        v = (h.params[0] << l.width) | l.params[0]  # type: ignore[operator]
        return ctx.const(v, h.width + l.width)
    hb, hh, _ = _slice(h)
    return extract(ctx, hb, hh, _slice(l)[2])


def _sign_bit(t: Term) -> tuple[Term, int]:
    """The most significant bit of `t`, as (term, bit index)."""
    while t.op is Op.SEXT:
        t = t.args[0]
    if t.op is Op.EXTRACT:
        return t.args[0], t.params[0]  # type: ignore[return-value]
    return t, t.width - 1


def _replicated_bit(t: Term) -> tuple[Term, int] | None:
    """The bit that `t` repeats, when `t` is copies of one bit."""
    if t.op is Op.SEXT and t.args[0].width == 1:
        t = t.args[0]
    if t.width != 1:
        return None
    if t.op is Op.EXTRACT:
        return t.args[0], t.params[0]  # type: ignore[return-value]
    return t, 0


_WORDWISE = (Op.BITFUN, Op.BVAND, Op.BVOR, Op.BVXOR)


def _merge(ctx: TermContext, h: Term, l: Term) -> Term | None:
    if _adjacent(h, l):
        return _join(ctx, h, l)
    if h.op is Op.CONST and h.params[0] == 0 and l.op is Op.EXTRACT and l.params[1] == 0:
        # Zeros above a low slice that drops only zeros: a wider slice of the
        # same word. Python ints are narrowed to their range (`sim/pyint.py`),
        # so `x & c` is cut to c's width and widened again later; this keeps
        # one word however often that happens.
        t, k = l.args[0], l.width
        if t.op in _WORDWISE and t.hi >> k == 0:
            wide = k + h.width
            return t if wide == t.width else extract(ctx, t, wide - 1, 0) if wide < t.width \
                else ctx.zext(t, wide - t.width)
    rep = _replicated_bit(h)
    if rep is not None:
        sb = _sign_bit(l)
        if sb[0] is rep[0] and sb[1] == rep[1]:
            return sext(ctx, l, h.width)
    if h.op is Op.BITFUN and l.op is Op.BITFUN and h.params == l.params \
            and len(h.args) == len(l.args):
        return _merge_bitfun(ctx, h, l)
    if h.op is Op.ITE and l.op is Op.ITE and h.args[0] is l.args[0] \
            and all(t.op is Op.CONST for t in (*h.args[1:], *l.args[1:])):
        return ctx.ite(h.args[0], _join(ctx, h.args[1], l.args[1]), _join(ctx, h.args[2], l.args[2]))
    return None


def _merge_bitfun(ctx: TermContext, h: Term, l: Term) -> Term | None:
    """One function of joined leaves, when `h` and `l` are its two slices."""
    tt: int = h.params[0]  # type: ignore[assignment]
    n = len(h.args)
    hargs, largs = h.args, l.args
    for perm in permutations(range(n)):
        # Leaf i of `h` pairs with leaf perm[i] of `l`.
        if not all(_adjacent(hargs[i], largs[perm[i]]) for i in range(n)):
            continue
        # `l`'s table read with `h`'s leaf order must be `h`'s table.
        inverse = [0] * n
        for i, p in enumerate(perm):
            inverse[p] = i
        if remap(l.params[0], n, tuple(inverse), n) == tt:  # type: ignore[arg-type]
            return ctx.bitfun(tt, *(_join(ctx, hargs[i], largs[perm[i]]) for i in range(n)))
    return None
