"""Rewrite rules of bitwise operators: and, or, xor, not, truth-table
functions (BITFUN) and shifts.

`TermContext` (`term/context.py`) forwards to these functions; the table
helpers are in `term/truthtable.py`. A *leaf* is a maximal non-bitwise
subterm (the arguments of a BITFUN are leaves). Every bitwise function of at
most four leaves is one canonical node: `BITFUN` with `params=(tt,)` and as
arguments exactly the leaves it depends on, sorted by tid (none: a constant;
one leaf under the identity table: the leaf itself). Functions of more
leaves fall back to flattened (up to `arith.MAX_FLAT` operands), sorted
n-ary BVAND/BVOR/BVXOR nodes and BVNOT; those have more than four leaves.

Before that, an operation whose operands include a constant other than
0/~0, or a concat with a constant part, is split at the union of those
operands' segment boundaries (when that gives at most eight segments) and
rebuilt as a concat of per-segment results; `term/slices.py` joins adjacent
segments that are one function of contiguous slices again. Constant shifts
become concat/extract/sign_extend forms.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from crux_py.errors import panic
from crux_py.term.arith import MAX_FLAT, common_width
from crux_py.term.intervals import (
    ashr_iv,
    bitfun_iv,
    bvand_iv,
    bvnot_iv,
    bvor_iv,
    bvxor_iv,
    lshr_iv,
    shl_iv,
)
from crux_py.term.nodes import Op, Term
from crux_py.term.truthtable import MAX_LEAVES, formula, full_mask, remap

if TYPE_CHECKING:
    from crux_py.term.context import TermContext

MAX_SEGMENTS = 8
IDENTITY = 0b10  # the table of one leaf, unchanged
NOT = 0b01
_BIG = (Op.BVAND, Op.BVOR, Op.BVXOR, Op.BVNOT)
_PARITY = tuple(sum(1 << m for m in range(1 << n) if m.bit_count() % 2)
                for n in range(MAX_LEAVES + 1))

Rep = tuple[tuple[Term, ...], int]  # (leaves, table over them)


def _tid(t: Term) -> int:
    return t.tid


# ---- tables -------------------------------------------------------------------

# Tables have at most 16 bits, so these caches see few distinct keys; the
# bound only guards against pathological inputs.
_CACHE = 1 << 16
_lift = lru_cache(maxsize=_CACHE)(remap)


@lru_cache(maxsize=_CACHE)
def _canon(tt: int, n: int, by_tid: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
    """Drop the leaves `tt` ignores and order the rest as `by_tid` does.

    Returns the new table and, for each new leaf, its old index.
    """
    keep = []
    for i in by_tid:
        bit = 1 << i
        if any(((tt >> m) & 1) != ((tt >> (m | bit)) & 1) for m in range(1 << n) if not m & bit):
            keep.append(i)
    new = 0
    for m in range(1 << len(keep)):
        old = 0
        for j, i in enumerate(keep):
            old |= ((m >> j) & 1) << i
        new |= ((tt >> old) & 1) << m
    return new, tuple(keep)


@lru_cache(maxsize=_CACHE)
def _compose(tt: int, tables: tuple[int, ...], n: int) -> int:
    """The table of `tt` applied to operands whose tables (over n leaves) are given."""
    out = 0
    for m in range(1 << n):
        idx = 0
        for i, t in enumerate(tables):
            idx |= ((t >> m) & 1) << i
        out |= ((tt >> idx) & 1) << m
    return out


def _rep(t: Term, mask: int) -> Rep | None:
    """`t` as a table over its leaves; None for a node with too many leaves."""
    op = t.op
    if op is Op.CONST:
        v = t.params[0]
        if v == 0:
            return (), 0
        if v == mask:
            return (), 1
        return (t,), IDENTITY
    if op is Op.BITFUN:
        return t.args, t.params[0]  # type: ignore[return-value]
    if op in _BIG:
        return None
    return (t,), IDENTITY


def gather(args: Sequence[Term], mask: int, constants: int = 0) -> tuple[list[Term], list[int]] | None:
    """The union of the operands' leaves (at most four, plus at most
    `constants` constant ones), and each operand's table over that union."""
    leaves: list[Term] = []
    index: dict[int, int] = {}
    positions: list[tuple[int, ...]] = []
    tables: list[int] = []
    words = 0
    for a in args:
        r = _rep(a, mask)
        if r is None:
            return None
        for leaf in r[0]:
            if leaf.tid not in index:
                index[leaf.tid] = len(leaves)
                leaves.append(leaf)
                words += leaf.op is not Op.CONST
        if words > MAX_LEAVES or len(leaves) > MAX_LEAVES + constants:
            return None
        positions.append(tuple(index[leaf.tid] for leaf in r[0]))
        tables.append(r[1])
    n = len(leaves)
    return leaves, [_lift(tt, len(pos), pos, n) for tt, pos in zip(tables, positions)]


def canonical(ctx: TermContext, tt: int, leaves: Sequence[Term], width: int) -> Term:
    """The canonical term of table `tt` over distinct, non-bitwise `leaves`."""
    if any(x.op is Op.CONST for x in leaves):
        r = _constant_form(ctx, tt, leaves, width)
        if r is not None:
            return r
    return _node(ctx, tt, leaves, width)


def _node(ctx: TermContext, tt: int, leaves: Sequence[Term], width: int) -> Term:
    n = len(leaves)
    by_tid = tuple(sorted(range(n), key=lambda i: leaves[i].tid))
    new, keep = _canon(tt, n, by_tid)
    if not keep:
        return ctx.const(-(new & 1), width)
    args = tuple(leaves[i] for i in keep)
    if new == IDENTITY and len(args) == 1:
        return args[0]
    lo, hi = bitfun_iv(new, args, width)
    return ctx.node(Op.BITFUN, args, (new,), width, lo, hi)


# ---- constant operands ----------------------------------------------------------
#
# With constant leaves, one function has many tables: Ch(x, c1, c2) is
# c2 ^ (x & (c1 ^ c2)) as well, over other constants. What is unique is the
# table each bit position applies to the word leaves. A function of one word
# leaf is `(x & m) ^ n` (every bit is 0, 1, x or ~x); one whose positions use
# only two tables selects between them with a constant mask.

@lru_cache(maxsize=_CACHE)
def _bit_tables(tt: int, words: tuple[int, ...], constants: tuple[tuple[int, int], ...],
                width: int) -> tuple[tuple[int, int], ...]:
    """(table over the word leaves, mask of the positions applying it)."""
    groups: dict[int, int] = {}
    for bit in range(width):
        base = 0
        for i, c in constants:
            base |= ((c >> bit) & 1) << i
        table = 0
        for m in range(1 << len(words)):
            idx = base
            for j, i in enumerate(words):
                idx |= ((m >> j) & 1) << i
            table |= ((tt >> idx) & 1) << m
        groups[table] = groups.get(table, 0) | (1 << bit)
    return tuple(groups.items())


def _constant_form(ctx: TermContext, tt: int, leaves: Sequence[Term], width: int) -> Term | None:
    words = tuple(i for i, x in enumerate(leaves) if x.op is not Op.CONST)
    constants = tuple((i, x.params[0]) for i, x in enumerate(leaves) if x.op is Op.CONST)
    groups = _bit_tables(tt, words, constants, width)  # type: ignore[arg-type]
    v = [leaves[i] for i in words]
    if len(groups) == 1:
        return _node(ctx, groups[0][0], v, width)
    if len(v) == 1:
        by_table = dict(groups)
        m = by_table.get(IDENTITY, 0) | by_table.get(NOT, 0)
        n = by_table.get(0b11, 0) | by_table.get(NOT, 0)
        return _masked(ctx, v[0], m, n, width)
    if len(groups) == 2 and len(v) < MAX_LEAVES:
        (first, _), (second, mask) = sorted(groups, key=lambda g: not g[1] & 1)
        k = len(v)
        table = 0
        for idx in range(1 << (k + 1)):
            chosen = second if idx >> k else first
            table |= ((chosen >> (idx & ((1 << k) - 1))) & 1) << idx
        return _node(ctx, table, [*v, ctx.const(mask, width)], width)
    return None


def _masked(ctx: TermContext, x: Term, m: int, n: int, width: int) -> Term:
    """`(x & m) ^ n` as one node."""
    full = (1 << width) - 1
    leaves = [x]
    where: dict[int, int] = {}  # constant value -> leaf index
    for c in (m, n):
        if c not in (0, full) and c not in where:
            where[c] = len(leaves)
            leaves.append(ctx.const(c, width))

    def bit(c: int, idx: int) -> int:
        return (idx >> where[c]) & 1 if c in where else int(c == full)

    table = 0
    for idx in range(1 << len(leaves)):
        table |= ((idx & 1 & bit(m, idx)) ^ bit(n, idx)) << idx
    return _node(ctx, table, leaves, width)


# ---- splitting at constant boundaries -----------------------------------------

def _transitions(v: int, width: int) -> int:
    """Bit b (0 < b < width) set where bit b of `v` differs from bit b-1."""
    return (v ^ (v << 1)) & ((1 << width) - 2)


def segments(args: Sequence[Term], width: int) -> list[tuple[int, int]] | None:
    """The (hi, lo) segments to split a bitwise operation into, if any."""
    mask = (1 << width) - 1
    cuts = 0
    for a in args:
        if a.op is Op.CONST:
            v = a.params[0]
            if v == 0 or v == mask:
                continue
            cuts |= _transitions(v, width)  # type: ignore[arg-type]
        elif a.op is Op.CONCAT:
            own = 0
            has_const = False
            pos = width
            for p in a.args:
                pos -= p.width
                own |= 1 << pos
                if p.op is Op.CONST:
                    has_const = True
                    own |= _transitions(p.params[0], p.width) << pos  # type: ignore[arg-type]
            if not has_const:
                continue
            cuts |= own & ~1
        else:
            continue
        if cuts.bit_count() >= MAX_SEGMENTS:
            return None
    if not cuts:
        return None
    bounds = [width]
    while cuts:
        top = cuts.bit_length() - 1
        bounds.append(top)
        cuts ^= 1 << top
    bounds.append(0)
    return [(hi - 1, lo) for hi, lo in zip(bounds, bounds[1:])]


def _split(ctx: TermContext, segs: list[tuple[int, int]], args: Sequence[Term],
           build: Callable[[tuple[Term, ...]], Term]) -> Term:
    parts = [build(tuple(ctx.extract(a, hi, lo) for a in args)) for hi, lo in segs]
    return ctx.concat(*parts)


# ---- and / or / xor -----------------------------------------------------------

def bitop(ctx: TermContext, op: Op, args: tuple[Term, ...]) -> Term:
    """`op` (BVAND, BVOR or BVXOR) of `args`."""
    w = common_width(args)
    if len(args) == 1:
        return args[0]
    lifted = _on_whole_words(ctx, op, args)
    if lifted is not None:
        return lifted
    segs = segments(args, w)
    if segs is not None:
        return _split(ctx, segs, args, lambda parts: bitop(ctx, op, parts))
    r = _table_path(ctx, op, args, w)
    if r is not None:
        return r
    return _fallback(ctx, op, args, w)


def _on_whole_words(ctx: TermContext, op: Op, args: Sequence[Term]) -> Term | None:
    """`op` of low slices of bitwise words, that only drop zero bits, and
    constants: the low slice of `op` of the whole words. Python ints are
    narrowed to their range (`sim/pyint.py`), so `(x & c1) ^ (~x & c2)` meets
    slices of different widths than `c2 ^ (x & (c1 ^ c2))` does; on whole
    words the two are one function."""
    whole = 0
    for a in args:
        if a.op is Op.CONST:
            continue
        if a.op is not Op.EXTRACT or a.params[1] != 0:
            return None
        t = a.args[0]
        if t.op not in (Op.BITFUN, *_BIG) or t.hi >> a.width or whole not in (0, t.width):
            return None
        whole = t.width
    if not whole:
        return None
    words = tuple(ctx.const(a.params[0], whole) if a.op is Op.CONST else a.args[0] for a in args)  # type: ignore[arg-type]
    if segments(words, whole) is not None:
        return None  # split, its low segment would be lifted again
    return ctx.extract(bitop(ctx, op, words), args[0].width - 1, 0)


def _table_path(ctx: TermContext, op: Op, args: Sequence[Term], w: int) -> Term | None:
    g = gather(args, (1 << w) - 1) or gather(args, (1 << w) - 1, MAX_LEAVES)
    if g is None:
        return None
    leaves, lifted = g
    if op is Op.BVAND:
        acc = full_mask(len(leaves))
        for t in lifted:
            acc &= t
    elif op is Op.BVOR:
        acc = 0
        for t in lifted:
            acc |= t
    else:
        acc = 0
        for t in lifted:
            acc ^= t
    if len(leaves) > MAX_LEAVES:  # constants beyond four leaves: only if they can be folded away
        return _constant_form(ctx, acc, leaves, w)
    return canonical(ctx, acc, leaves, w)


def _complement(t: Term) -> Term | None:
    if t.op is Op.BVNOT:
        return t.args[0]
    if t.op is Op.BITFUN and t.params[0] == NOT and len(t.args) == 1:
        return t.args[0]
    return None


def _literals(ctx: TermContext, op: Op, t: Term) -> tuple[list[Term], bool] | None:
    """A BITFUN of 2+ leaves that is `op` of literals: (literals, negate result)."""
    n = len(t.args)
    if n < 2:
        return None
    tt: int = t.params[0]  # type: ignore[assignment]
    full = full_mask(n)
    if op is Op.BVXOR:
        if tt in (_PARITY[n], _PARITY[n] ^ full):
            return list(t.args), tt != _PARITY[n]
        return None
    m = tt if op is Op.BVAND else tt ^ full
    if m & (m - 1):
        return None
    m = m.bit_length() - 1
    positive = 1 if op is Op.BVAND else 0
    return [x if (m >> i) & 1 == positive else bvnot(ctx, x) for i, x in enumerate(t.args)], False


def _fallback(ctx: TermContext, op: Op, args: Sequence[Term], w: int) -> Term:
    mask = (1 << w) - 1
    is_xor = op is Op.BVXOR
    unit = mask if op is Op.BVAND else 0
    const = unit
    terms: dict[int, Term] = {}
    stack = list(args)
    while stack:
        t = stack.pop()
        top = t.op
        if top is op and len(t.args) <= MAX_FLAT:
            stack.extend(t.args)
        elif top is Op.CONST:
            v: int = t.params[0]  # type: ignore[assignment]
            const = const ^ v if is_xor else const & v if op is Op.BVAND else const | v
        elif is_xor and _complement(t) is not None:
            const ^= mask
            stack.append(_complement(t))  # type: ignore[arg-type]
        else:
            lits = _literals(ctx, op, t) if top is Op.BITFUN else None
            if lits is not None:
                stack.extend(lits[0])
                if lits[1]:
                    const ^= mask
            elif is_xor and t.tid in terms:
                del terms[t.tid]
            else:
                terms[t.tid] = t
    if is_xor:
        if const == mask:
            return bvnot(ctx, _xor_node(ctx, list(terms.values()), 0, w))
        return _xor_node(ctx, list(terms.values()), const, w)
    absorbing = mask ^ unit
    if const == absorbing:
        return ctx.const(absorbing, w)
    for t in terms.values():
        c = _complement(t)
        if c is not None and c.tid in terms:
            return ctx.const(absorbing, w)
    ops = list(terms.values())
    if const != unit:
        ops.append(ctx.const(const, w))
    if not ops:
        return ctx.const(unit, w)
    if len(ops) == 1:
        return ops[0]
    r = _table_path(ctx, op, ops, w)
    if r is not None:
        return r
    ops.sort(key=_tid)
    lo, hi = bvand_iv(ops) if op is Op.BVAND else bvor_iv(ops)
    return ctx.node(op, tuple(ops), (), w, lo, hi)


def _xor_node(ctx: TermContext, ops: list[Term], const: int, w: int) -> Term:
    if const:
        ops.append(ctx.const(const, w))
    if not ops:
        return ctx.const(0, w)
    if len(ops) == 1:
        return ops[0]
    r = _table_path(ctx, Op.BVXOR, ops, w)
    if r is not None:
        return r
    ops.sort(key=_tid)
    lo, hi = bvxor_iv(ops)
    return ctx.node(Op.BVXOR, tuple(ops), (), w, lo, hi)


# ---- not and general tables -----------------------------------------------------

def bvnot(ctx: TermContext, a: Term) -> Term:
    w = common_width((a,))
    op = a.op
    if op is Op.CONST:
        return ctx.const(~a.params[0], w)  # type: ignore[operator]
    if op is Op.BVNOT:
        return a.args[0]
    if op is Op.BITFUN:
        return canonical(ctx, a.params[0] ^ full_mask(len(a.args)), a.args, w)  # type: ignore[operator]
    if op in _BIG:
        lo, hi = bvnot_iv(a, w)
        return ctx.node(Op.BVNOT, (a,), (), w, lo, hi)
    segs = segments((a,), w)
    if segs is not None:
        return _split(ctx, segs, (a,), lambda parts: bvnot(ctx, parts[0]))
    lo, hi = bitfun_iv(NOT, (a,), w)
    return ctx.node(Op.BITFUN, (a,), (NOT,), w, lo, hi)


def apply_table(ctx: TermContext, tt: int, args: tuple[Term, ...]) -> Term:
    """The bitwise function with table `tt` (see `term/truthtable.py`) of `args`."""
    n = len(args)
    if not 1 <= n <= MAX_LEAVES:
        raise panic(f"a truth table needs 1..{MAX_LEAVES} operands, not {n}")
    w = common_width(args)
    tt &= full_mask(n)
    segs = segments(args, w)
    if segs is not None:
        return _split(ctx, segs, args, lambda parts: apply_table(ctx, tt, parts))
    g = gather(args, (1 << w) - 1)
    if g is not None:
        leaves, lifted = g
        return canonical(ctx, _compose(tt, tuple(lifted), len(leaves)), leaves, w)
    return _build_formula(ctx, formula(tt, n), args, w)


def _build_formula(ctx: TermContext, f: tuple, args: tuple[Term, ...], w: int) -> Term:
    kind = f[0]
    if kind == "leaf":
        return args[f[1]]
    if kind == "const":
        return ctx.const(-f[1], w)
    if kind == "not":
        return bvnot(ctx, _build_formula(ctx, f[1], args, w))
    x = _build_formula(ctx, f[1], args, w)
    y = _build_formula(ctx, f[2], args, w)
    op = Op.BVAND if kind == "and" else Op.BVOR if kind == "or" else Op.BVXOR
    return bitop(ctx, op, (x, y))


# ---- shifts -------------------------------------------------------------------

def shl(ctx: TermContext, a: Term, b: Term) -> Term:
    w = common_width((a, b))
    if b.op is Op.CONST:
        k: int = b.params[0]  # type: ignore[assignment]
        if k >= w:
            return ctx.const(0, w)
        if k == 0:
            return a
        if a.op in (Op.ADD, Op.MUL, Op.NEG):
            return ctx.mul(a, ctx.const(1 << k, w))  # one form for x << k and x * 2**k
        return ctx.concat(ctx.extract(a, w - k - 1, 0), ctx.const(0, k))
    if b.lo >= w:
        return ctx.const(0, w)
    lo, hi = shl_iv(a, b, w)
    return ctx.node(Op.SHL, (a, b), (), w, lo, hi)


def lshr(ctx: TermContext, a: Term, b: Term) -> Term:
    w = common_width((a, b))
    if b.op is Op.CONST:
        k: int = b.params[0]  # type: ignore[assignment]
        if k >= w:
            return ctx.const(0, w)
        if k == 0:
            return a
        return ctx.concat(ctx.const(0, k), ctx.extract(a, w - 1, k))
    lo, hi = lshr_iv(a, b, w)
    return ctx.node(Op.LSHR, (a, b), (), w, lo, hi)


def ashr(ctx: TermContext, a: Term, b: Term) -> Term:
    w = common_width((a, b))
    if b.op is Op.CONST:
        k: int = min(b.params[0], w - 1)  # type: ignore[type-var, assignment]
        if k == 0:
            return a
        return ctx.sext(ctx.extract(a, w - 1, k), k)
    if a.hi < 1 << (w - 1):
        return lshr(ctx, a, b)
    lo, hi = ashr_iv(a, b, w)
    return ctx.node(Op.ASHR, (a, b), (), w, lo, hi)
