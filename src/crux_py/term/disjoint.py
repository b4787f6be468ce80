"""Sums of bitwise functions that never carry: `x + y` is `x | y` when no
bit is set in both.

Optimised code adds bit fields that cannot overlap: Ch as
`(e & f) + (~e & g)`, Maj as `(a & b) + (c & (a ^ b))`, masks recombined
with `+`. Inside a flattened sum those summands would otherwise stay apart
from the spec's single Ch node and no later rewrite could relate them. So
`arith.add` hands its collected summands here: two bitwise functions over
at most four common leaves (`term/bitwise.py`) with the same coefficient and
disjoint truth tables become one function (their or); with opposite
coefficients, `k*x - k*y` with `y` implying `x` becomes `k*(x & ~y)`. A
summand may also be such a function shifted left (`concat(0^e, f)` is how a
multiple `2^e * f` appears after low-bits narrowing; see `term/arith.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crux_py.term.bitwise import canonical, gather
from crux_py.term.nodes import Op, Term
from crux_py.term.truthtable import full_mask

if TYPE_CHECKING:
    from crux_py.term.context import TermContext

Summand = tuple[Term, int]  # (base, coefficient modulo 2**w)


def _view(t: Term) -> tuple[Term, int] | None:
    """`(f, e)` when `t` is the bitwise function `f` zero-extended by `e` bits."""
    if t.op is Op.BITFUN:
        return t, 0
    if t.op is Op.CONCAT and len(t.args) == 2 and t.args[0].op is Op.CONST and t.args[0].params[0] == 0 \
            and t.args[1].op is Op.BITFUN:
        return t.args[1], t.args[0].width
    return None


def _combine(ctx: TermContext, a: Summand, b: Summand, mask: int) -> Summand | None:
    va, vb = _view(a[0]), _view(b[0])
    if va is None or vb is None or va[1] != vb[1]:
        return None
    (fa, ext), (fb, _) = va, vb
    ka, kb = a[1], b[1]
    if ka != kb and ka != -kb & mask:
        return None
    g = gather((fa, fb), (1 << fa.width) - 1)
    if g is None:
        return None
    leaves, (ta, tb) = g
    everything = full_mask(len(leaves))
    if ka == kb and not ta & tb:
        table, k = ta | tb, ka
    elif ka != kb and not tb & ~ta & everything:
        table, k = ta & ~tb & everything, ka
    elif ka != kb and not ta & ~tb & everything:
        table, k = tb & ~ta & everything, kb
    else:
        return None
    f = canonical(ctx, table, leaves, fa.width)
    return (ctx.zext(f, ext) if ext else f), k


def merge_disjoint(ctx: TermContext, summands: list[Summand], width: int) -> list[Summand] | None:
    """`summands` with combinable pairs combined, or None if there are none."""
    candidates = [i for i, (base, _) in enumerate(summands) if _view(base) is not None]
    if len(candidates) < 2:
        return None
    by_leaf: dict[int, list[int]] = {}
    for i in candidates:
        f = _view(summands[i][0])[0]  # type: ignore[index]
        for leaf in f.args:
            by_leaf.setdefault(leaf.tid, []).append(i)
    mask = (1 << width) - 1
    out = list(summands)
    alive = [True] * len(out)
    changed = False
    for group in by_leaf.values():
        for x in range(len(group)):
            i = group[x]
            for j in group[x + 1:]:
                if not (alive[i] and alive[j]):
                    continue
                merged = _combine(ctx, out[i], out[j], mask)
                if merged is not None:
                    # Later pairs see the merged summand; a function it can
                    # still absorb is found when `add` collects the result.
                    out[i], alive[j], changed = merged, False, True
    return [s for s, keep in zip(out, alive) if keep] if changed else None
