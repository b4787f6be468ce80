"""Prelude indexing, updating, shifting and rotating (`@ ! @@ !! update << >> <<< >>> >>$`).

Kept in this module's `PRIMS` table (merged by `prelude.all_primitives`). A concrete index out of range is a
run-time failure (`Backend.fail`). A symbolic index selects through a mux
(a binary tree of merges over the index bits); when the index type can hold
values past the end, the backend records the obligation `index < length`
(concrete evaluation never gets here). A symbolic shift or rotation amount
is handled as a barrel shifter: one merge per bit of the amount. Shifting
by a negative `Integer` shifts the other way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crux_py.cryptol.prelude import primitive_table, width_of
from crux_py.cryptol.seqs import view
from crux_py.cryptol.types import INF, TySeq
from crux_py.cryptol.values import FnSeq, force
from crux_py.errors import CryptolEvalError

PRIMS, prim = primitive_table()

_MAX_INF_MUX_BITS = 16


def _mux(ev, elem_ty: Any, idx: Any, iw: int, count: int | None, leaf: Callable[[int], Any], span: Any) -> Any:
    """Select `leaf(i)` for the symbolic index word `idx` of width `iw`."""
    be, merge = ev.be, ev.ops.merge(elem_ty)
    if count is None:
        if iw > _MAX_INF_MUX_BITS:
            raise CryptolEvalError(f"symbolic index of {iw} bits into an infinite sequence", span)
        count = 1 << iw
    if count == 0:
        be.fail("index out of range (empty sequence)", span)
        return ev.ops.zero(elem_ty)
    if (1 << iw) > count:
        in_range = be.word_op("ult", iw)(idx, count)
        be.require(in_range, f"index may be out of range (length {count})", span)
    bits = min(iw, max(1, (count - 1).bit_length()))

    def tree(level: int, base: int) -> Any:
        if level == 0:
            return leaf(min(base, count - 1))
        half = 1 << (level - 1)
        if base + half >= count:  # the upper half is out of range: only the lower can be selected
            return tree(level - 1, base)
        bit = be.w_bit(idx, iw, iw - level)
        return merge(bit, tree(level - 1, base + half), tree(level - 1, base))
    return tree(bits, 0)


def _indexer(ev, n: Any, a: Any, ix: Any, span: Any, from_end: bool) -> Callable[[Any, Any], Any]:
    v = view(ev, TySeq(n, a))
    count = None if n is INF else n
    iw = width_of(ix)
    be, zero = ev.be, ev.ops.zero(a)

    def index(xs: Any, i: Any) -> Any:
        k = i if iw is None else be.word_value(i)
        if k is not None:
            if k < 0 or (count is not None and k >= count):
                be.fail(f"index {k} out of range (length {count})", span)
                return zero
            return v.get(force(xs), count - 1 - k if from_end else k)
        s = force(xs)
        pick = (lambda j: v.get(s, count - 1 - j)) if from_end else (lambda j: v.get(s, j))
        return _mux(ev, a, i, iw, count, pick, span)  # type: ignore[arg-type]
    return index


@prim("@")
def _at(ev, t, span):
    return _indexer(ev, t["n"], t["a"], t["ix"], span, False)


@prim("!")
def _bang(ev, t, span):
    return _indexer(ev, t["n"], t["a"], t["ix"], span, True)


def _multi(ev, t, span, from_end: bool):
    index = _indexer(ev, t["n"], t["a"], t["ix"], span, from_end)
    vis, vout = view(ev, TySeq(t["k"], t["ix"])), view(ev, TySeq(t["k"], t["a"]))
    return lambda xs, iis: vout.build(lambda j: index(xs, vis.get(force(iis), j)))


@prim("@@")
def _at_at(ev, t, span):
    return _multi(ev, t, span, False)


@prim("!!")
def _bang_bang(ev, t, span):
    return _multi(ev, t, span, True)


def _updater(ev, n: Any, a: Any, ix: Any, span: Any, from_end: bool) -> Callable[[Any, Any, Any], Any]:
    v = view(ev, TySeq(n, a))
    count = None if n is INF else n
    iw = width_of(ix)
    be, merge = ev.be, ev.ops.merge(a)

    def update(xs: Any, i: Any, x: Any) -> Any:
        k = i if iw is None else be.word_value(i)
        if k is not None:
            if k < 0 or (count is not None and k >= count):
                be.fail(f"index {k} out of range (length {count})", span)
                return force(xs)
            pos = count - 1 - k if from_end else k
            if count is not None:
                items = v.items(force(xs))
                items[pos] = x
                return v.from_items(items)
            return FnSeq(None, lambda j: force(x) if j == pos else force(xs).at(j))
        if count is not None and (1 << iw) > count:  # type: ignore[operator]
            be.require(be.word_op("ult", iw)(i, count), f"index may be out of range (length {count})", span)
        eq = be.word_op("eq", iw)  # type: ignore[arg-type]

        def elem(j: int) -> Any:
            pos = count - 1 - j if from_end else j  # type: ignore[operator]
            hit = eq(i, pos) if pos < (1 << iw) else False  # type: ignore[operator]
            old = v.get(force(xs), j)
            return force(x) if hit is True else old if hit is False else merge(hit, x, old)
        return v.build(elem)
    return update


@prim("update")
def _update(ev, t, span):
    return _updater(ev, t["n"], t["a"], t["ix"], span, False)


@prim("updateEnd")
def _update_end(ev, t, span):
    return _updater(ev, t["n"], t["a"], t["ix"], span, True)


def _updates(ev, t, span, from_end: bool):
    upd = _updater(ev, t["n"], t["a"], t["ix"], span, from_end)
    k = t["k"]
    vis, vxs = view(ev, TySeq(k, t["ix"])), view(ev, TySeq(k, t["a"]))

    def updates(xs: Any, iis: Any, vals: Any) -> Any:
        acc = force(xs)
        for j in range(k):
            acc = upd(acc, vis.get(force(iis), j), vxs.lazy(force(vals), j))
        return acc
    return updates


@prim("updates")
def _updates_prim(ev, t, span):
    return _updates(ev, t, span, False)


@prim("updatesEnd")
def _updates_end(ev, t, span):
    return _updates(ev, t, span, True)


# ---- shifts and rotations -----------------------------------------------------------------------

_OPPOSITE = {"shl": "lshr", "lshr": "shl", "rotl": "rotr", "rotr": "rotl"}


def _seq_shift(ev, op: str, v: Any, a: Any) -> Callable[[Any, int], Any]:
    """Shift or rotate a non-word sequence by a concrete amount."""
    n = v.n
    zero = ev.ops.zero(a)

    def shift(xs: Any, k: int) -> Any:
        if k == 0:
            return force(xs)
        if op == "shl":
            return v.build(lambda i: v.get(force(xs), i + k) if n is None or i + k < n else zero)
        if op == "lshr":
            return v.build(lambda i: v.get(force(xs), i - k) if i >= k else zero)
        if op == "rotl":
            return v.build(lambda i: v.get(force(xs), (i + k) % n))
        return v.build(lambda i: v.get(force(xs), (i - k) % n))
    return shift


def _shifter(ev, op: str, n: Any, a: Any, ix: Any) -> Callable[[Any, Any], Any]:
    v = view(ev, TySeq(n, a))
    be = ev.be
    iw = width_of(ix)
    if v.word:
        def concrete(xs: Any, k: int) -> Any:
            return be.w_shift(op, xs, n, k)
        conc = concrete
    else:
        conc = _seq_shift(ev, op, v, a)
    other: list = []  # the opposite shift, built on first use (for negative Integer amounts)
    merge = ev.ops.merge(TySeq(n, a))

    def shift(xs: Any, k: Any) -> Any:
        amount = k if iw is None else be.word_value(k)
        if amount is not None:
            if amount < 0:
                if op not in _OPPOSITE:
                    raise CryptolEvalError("negative shift amount", None)
                if not other:
                    other.append(_shifter(ev, _OPPOSITE[op], n, a, ix))
                return other[0](xs, -amount)
            return conc(xs, amount)
        acc = force(xs)  # barrel shifter over the bits of a symbolic amount
        for j in range(iw):  # type: ignore[arg-type]
            step = 1 << j
            bit = be.w_bit(k, iw, iw - 1 - j)
            if op in ("rotl", "rotr"):
                step %= n if n else 1
            acc = merge(bit, conc(acc, step), acc)
        return acc
    return shift


@prim("<<")
def _shl(ev, t, span):
    return _shifter(ev, "shl", t["n"], t["a"], t["ix"])


@prim(">>")
def _shr(ev, t, span):
    return _shifter(ev, "lshr", t["n"], t["a"], t["ix"])


@prim("<<<")
def _rotl(ev, t, span):
    return _shifter(ev, "rotl", t["n"], t["a"], t["ix"])


@prim(">>>")
def _rotr(ev, t, span):
    return _shifter(ev, "rotr", t["n"], t["a"], t["ix"])


@prim(">>$")
def _ashr(ev, t, span):
    from crux_py.cryptol.types import BIT

    return _shifter(ev, "ashr", t["n"], BIT, t["ix"])

