"""Sound unsigned intervals `[lo, hi]` of new bit-vector nodes.

Each function takes the (already interned) operands of a node about to be
built and returns an interval that contains every value the node can take;
the rule modules pass it to `TermContext.node`, which turns a point interval
into a constant. Soundness is the only hard requirement (a property test
checks it against `term/concrete.py`); precision is best effort. The
comparisons that fold from these intervals live in `term/logic.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from crux_py.term.nodes import Term

Interval = tuple[int, int]


def full(width: int) -> Interval:
    return 0, (1 << width) - 1


def add_iv(args: Sequence[Term], width: int) -> Interval:
    lo = sum(a.lo for a in args)
    hi = sum(a.hi for a in args)
    if hi >> width:
        return full(width)  # the sum may wrap
    return lo, hi


def mul_iv(args: Sequence[Term], width: int) -> Interval:
    lo = hi = 1
    for a in args:
        lo *= a.lo
        hi *= a.hi
        if hi >> width:
            return full(width)
    return lo, hi


def neg_iv(a: Term, width: int) -> Interval:
    if a.lo > 0:
        top = 1 << width
        return top - a.hi, top - a.lo
    return full(width)


def extract_iv(a: Term, hi: int, lo: int) -> Interval:
    mask = (1 << (hi - lo + 1)) - 1
    top = hi + 1
    # When every value shares the bits above `hi`, dropping them is monotone.
    if (a.lo >> top) == (a.hi >> top):
        return (a.lo >> lo) & mask, (a.hi >> lo) & mask
    return 0, mask


def concat_iv(args: Sequence[Term]) -> Interval:
    lo = hi = 0
    for a in args:
        lo = (lo << a.width) | a.lo
        hi = (hi << a.width) | a.hi
    return lo, hi


def sext_iv(a: Term, extra: int) -> Interval:
    half = 1 << (a.width - 1)
    fill = ((1 << extra) - 1) << a.width
    if a.hi < half:
        return a.lo, a.hi
    if a.lo >= half:
        return a.lo + fill, a.hi + fill
    return a.lo, a.hi + fill


def ite_iv(a: Term, b: Term) -> Interval:
    return min(a.lo, b.lo), max(a.hi, b.hi)


def _bits(args: Sequence[Term]) -> int:
    return max(a.hi.bit_length() for a in args)


def bitfun_iv(tt: int, leaves: Sequence[Term], width: int) -> Interval:
    if any(x.lo == x.hi for x in leaves):
        return _bitfun_with_constants_iv(tt, leaves, width)
    # Above the highest bit any leaf can set, every leaf bit is 0, so every
    # output bit there is the table's value at minterm 0.
    k = _bits(leaves)
    if k >= width:
        return full(width)
    low = (1 << k) - 1
    if tt & 1:
        return ((1 << width) - 1) ^ low, (1 << width) - 1
    return 0, low


def bvand_iv(args: Sequence[Term]) -> Interval:
    return 0, min(a.hi for a in args)


def bvor_iv(args: Sequence[Term]) -> Interval:
    return max(a.lo for a in args), (1 << _bits(args)) - 1


def bvxor_iv(args: Sequence[Term]) -> Interval:
    return 0, (1 << _bits(args)) - 1


def bvnot_iv(a: Term, width: int) -> Interval:
    mask = (1 << width) - 1
    return mask - a.hi, mask - a.lo


def shl_iv(a: Term, b: Term, width: int) -> Interval:
    if b.hi >= width or (a.hi << b.hi) >> width:
        return full(width)
    return a.lo << b.lo, a.hi << b.hi


def lshr_iv(a: Term, b: Term, width: int) -> Interval:
    return a.lo >> min(b.hi, width), a.hi >> min(b.lo, width)


def ashr_iv(a: Term, b: Term, width: int) -> Interval:
    half = 1 << (a.width - 1)
    if a.hi < half:
        return lshr_iv(a, b, width)
    if a.lo >= half:
        # Negative operands: the unsigned result grows with the operand and
        # with the shift amount (the sign fill moves down).
        mask = (1 << width) - 1

        def sh(v: int, k: int) -> int:
            return ((v - (1 << width)) >> min(k, width)) & mask

        return sh(a.lo, b.lo), sh(a.hi, b.hi)
    return full(width)


def udiv_iv(a: Term, b: Term, width: int) -> Interval:
    mask = (1 << width) - 1
    if b.lo > 0:
        return a.lo // b.hi, a.hi // b.lo
    # b may be 0, where the quotient is all ones.
    return (a.lo // b.hi if b.hi else mask), mask


def urem_iv(a: Term, b: Term) -> Interval:
    # x % y <= x always (x % 0 == x), and x % y < y when y > 0.
    if b.lo > 0:
        return 0, min(a.hi, b.hi - 1)
    return 0, a.hi


def _bitfun_with_constants_iv(tt: int, leaves: Sequence[Term], width: int) -> Interval:
    # Keyed on what the bounds depend on, as this runs for every such node built.
    return _constant_leaves_iv(tt, tuple((True, x.lo) if x.lo == x.hi else (False, x.hi.bit_length())
                                         for x in leaves), width)


@lru_cache(maxsize=1 << 16)
def _constant_leaves_iv(tt: int, leaves: tuple[tuple[bool, int], ...], width: int) -> Interval:
    """Bit by bit: the bits that are 1 for every value of the other leaves
    (a lower bound) and those that may be 1 (an upper bound). A leaf is
    `(True, value)` for a constant, `(False, bits)` for a word below `2**bits`."""
    must = may = 0
    for b in range(width):
        fixed = 0
        free = []
        for i, (const, v) in enumerate(leaves):
            if const:
                fixed |= ((v >> b) & 1) << i
            elif b < v:
                free.append(i)
        outs = set()
        for m in range(1 << len(free)):
            idx = fixed
            for j, i in enumerate(free):
                idx |= ((m >> j) & 1) << i
            outs.add((tt >> idx) & 1)
        if 1 in outs:
            may |= 1 << b
            if 0 not in outs:
                must |= 1 << b
    return must, may
