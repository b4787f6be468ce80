"""Prelude sequence primitives: `#`, `take`, `drop`, `join`, `split`, folds, maps, enumerations.

Kept in this module's `PRIMS` table (merged by `prelude.all_primitives`). Each works on words (as sequences of
bits, index 0 the most significant) and on lazy `Seq`s alike, through
`seqs.SeqView`; results on infinite or non-bit sequences are lazy, so
`take`{n} (join rounds)` over an infinite stream only computes what it takes.
"""

from __future__ import annotations

from typing import Any

from crux_py.cryptol.ops import ConstSeq
from crux_py.cryptol.prelude import primitive_table
from crux_py.cryptol.seqs import view
from crux_py.cryptol.types import BIT, INF, TySeq
from crux_py.cryptol.values import FnSeq, ListSeq, RangeSeq, force

PRIMS, prim = primitive_table()


def _add(a: Any, b: Any) -> Any:
    return INF if a is INF or b is INF else a + b


@prim("#")
def _append(ev, t, span):
    front, back, a = t["front"], t["back"], t["a"]
    be = ev.be
    if a is BIT and back is not INF:
        return lambda x, y: be.w_concat(x, front, y, back)
    vx, vy = view(ev, TySeq(front, a)), view(ev, TySeq(back, a))
    if back is not INF:
        def cat(x: Any, y: Any) -> Any:
            x, y = force(x), force(y)
            return ListSeq(vx.items(x) + vy.items(y))
        return cat

    def stream(x: Any, y: Any) -> Any:
        def elem(i: int) -> Any:
            return vx.get(force(x), i) if i < front else vy.get(force(y), i - front)
        return FnSeq(None, elem)
    return stream


def _take(ev, front: Any, back: Any, a: Any):
    be = ev.be
    vin = view(ev, TySeq(_add(front, back), a))
    if front is INF:
        return force
    if a is BIT and vin.word:
        return lambda x: be.w_extract(x, back, front)
    if a is BIT:
        return lambda x: be.w_from_bits([force(x).at(i) for i in range(front)])

    def take(x: Any) -> Any:
        x = force(x)
        if isinstance(x, ListSeq):
            return ListSeq(x.items[:front])
        return FnSeq(front, x.at)
    return take


def _drop(ev, front: Any, back: Any, a: Any):
    be = ev.be
    vin = view(ev, TySeq(_add(front, back), a))
    if a is BIT and vin.word:
        return lambda x: be.w_extract(x, 0, back)
    n = None if back is INF else back

    def drop(x: Any) -> Any:
        if n is not None and isinstance(force(x), ListSeq):
            return ListSeq(force(x).items[front:])
        return FnSeq(n, lambda i: force(x).at(i + front))
    return drop


@prim("take")
def _take_prim(ev, t, span):
    return _take(ev, t["front"], t["back"], t["a"])


@prim("drop")
def _drop_prim(ev, t, span):
    return _drop(ev, t["front"], t["back"], t["a"])


@prim("splitAt")
def _split_at(ev, t, span):
    tk, dr = _take(ev, t["front"], t["back"], t["a"]), _drop(ev, t["front"], t["back"], t["a"])
    return lambda x: (tk(x), dr(x))


@prim("join")
def _join(ev, t, span):
    parts, each, a = t["parts"], t["each"], t["a"]
    be = ev.be
    vout = view(ev, TySeq(INF if parts is INF else parts * each, a))
    if each == 0:
        return lambda x: vout.from_items([])
    if a is BIT and parts is not INF:
        return lambda x: be.w_concat_many(force(x).values(), each)
    vin = view(ev, TySeq(each, a))
    n = vout.n

    def join(x: Any) -> Any:
        return FnSeq(n, lambda i: vin.get(force(x).at(i // each), i % each))
    return join


def _split(ev, parts: Any, each: int, a: Any):
    be = ev.be
    vin = view(ev, TySeq(INF if parts is INF else parts * each, a))
    velem = view(ev, TySeq(each, a))
    if a is BIT and vin.word:
        return lambda x: ListSeq([be.w_extract(x, (parts - 1 - j) * each, each) for j in range(parts)])
    n = None if parts is INF else parts

    def split(x: Any) -> Any:
        def chunk(j: int) -> Any:
            s = force(x)
            if velem.word:
                return be.w_from_bits([s.at(j * each + k) for k in range(each)])
            if isinstance(s, ListSeq):
                return ListSeq(s.items[j * each:(j + 1) * each])
            return FnSeq(each, lambda k: s.at(j * each + k))
        return FnSeq(n, chunk)
    return split


@prim("split")
def _split_prim(ev, t, span):
    return _split(ev, t["parts"], t["each"], t["a"])


@prim("groupBy")
def _group_by(ev, t, span):
    return _split(ev, t["parts"], t["each"], t["a"])


@prim("reverse")
def _reverse(ev, t, span):
    n, a = t["n"], t["a"]
    v = view(ev, TySeq(n, a))
    if v.word:
        be = ev.be

        def rev_word(x: Any) -> Any:
            if type(x) is int:
                return int(format(x, f"0{n}b")[::-1], 2) if n else 0
            return be.w_from_bits([be.w_bit(x, n, i) for i in range(n - 1, -1, -1)])
        return rev_word
    return lambda x: ListSeq(v.items(force(x))[::-1])


@prim("transpose")
def _transpose(ev, t, span):
    rows, cols, a = t["rows"], t["cols"], t["a"]
    vin, vrow = view(ev, TySeq(rows, TySeq(cols, a))), view(ev, TySeq(cols, a))
    vout, vcol = view(ev, TySeq(cols, TySeq(rows, a))), view(ev, TySeq(rows, a))

    def transpose(x: Any) -> Any:
        return vout.build(lambda j: vcol.build(lambda i: vrow.get(vin.get(force(x), i), j)))
    return transpose


@prim("head")
def _head(ev, t, span):
    v = view(ev, TySeq(_add(1, t["n"]), t["a"]))
    return lambda x: v.get(force(x), 0)


@prim("tail")
def _tail(ev, t, span):
    return _drop(ev, 1, t["n"], t["a"])


@prim("last")
def _last(ev, t, span):
    n = t["n"]
    v = view(ev, TySeq(n + 1, t["a"]))
    return lambda x: v.get(force(x), n)


# ---- higher-order -------------------------------------------------------------------------------

@prim("map")
def _map(ev, t, span):
    vin, vout = view(ev, TySeq(t["n"], t["a"])), view(ev, TySeq(t["n"], t["b"]))
    return lambda f, x: vout.build(lambda i: force(f)(vin.lazy(force(x), i)))


@prim("foldl", "foldl'")
def _foldl(ev, t, span):
    vin, n = view(ev, TySeq(t["n"], t["b"])), t["n"]

    def foldl(f: Any, z: Any, x: Any) -> Any:
        f, acc, x = force(f), force(z), force(x)
        for i in range(n):
            acc = f(acc)(vin.lazy(x, i))
        return acc
    return foldl


@prim("foldr")
def _foldr(ev, t, span):
    vin, n = view(ev, TySeq(t["n"], t["a"])), t["n"]

    def foldr(f: Any, z: Any, x: Any) -> Any:
        f, acc, x = force(f), force(z), force(x)
        for i in range(n - 1, -1, -1):
            acc = f(vin.lazy(x, i))(acc)
        return acc
    return foldr


@prim("scanl")
def _scanl(ev, t, span):
    n = t["n"]
    vin = view(ev, TySeq(n, t["b"]))
    out_n = None if n is INF else n + 1

    def scanl(f: Any, z: Any, x: Any) -> Any:
        seq: FnSeq

        def elem(i: int) -> Any:
            if i == 0:
                return force(z)
            return force(f)(seq.at(i - 1))(vin.lazy(force(x), i - 1))
        seq = FnSeq(out_n, elem)
        return seq
    return scanl


@prim("scanr")
def _scanr(ev, t, span):
    n = t["n"]
    vin = view(ev, TySeq(n, t["a"]))

    def scanr(f: Any, z: Any, x: Any) -> Any:
        f, x = force(f), force(x)
        out = [force(z)]
        for i in range(n - 1, -1, -1):
            out.append(f(vin.lazy(x, i))(out[-1]))
        return ListSeq(out[::-1])
    return scanr


@prim("iterate")
def _iterate(ev, t, span):
    def iterate(f: Any, x: Any) -> Any:
        seq: FnSeq

        def elem(i: int) -> Any:
            return force(x) if i == 0 else force(f)(seq.at(i - 1))
        seq = FnSeq(None, elem)
        return seq
    return iterate


@prim("repeat")
def _repeat(ev, t, span):
    v = view(ev, TySeq(t["n"], t["a"]))
    if v.word:
        return lambda x: v.from_items([x] * v.n)  # type: ignore[operator]
    return lambda x: ConstSeq(force(x), v.n)


@prim("zip")
def _zip(ev, t, span):
    va, vb = view(ev, TySeq(t["n"], t["a"])), view(ev, TySeq(t["n"], t["b"]))
    return lambda x, y: FnSeq(va.n, lambda i: (va.lazy(force(x), i), vb.lazy(force(y), i)))


@prim("zipWith")
def _zip_with(ev, t, span):
    n = t["n"]
    va, vb, vc = view(ev, TySeq(n, t["a"])), view(ev, TySeq(n, t["b"])), view(ev, TySeq(n, t["c"]))
    return lambda f, x, y: vc.build(lambda i: force(f)(va.lazy(force(x), i))(vb.lazy(force(y), i)))


@prim("generate")
def _generate(ev, t, span):
    vout = view(ev, TySeq(t["n"], t["a"]))
    conv = ev.ops.from_integer(t["ix"])
    return lambda f: vout.build(lambda i: force(f)(conv(i)))


# ---- reductions ---------------------------------------------------------------------------------

@prim("and")
def _and_all(ev, t, span):
    n = t["n"]
    eq = ev.be.word_op("eq", n)
    return lambda w: eq(w, (1 << n) - 1)


@prim("or")
def _or_any(ev, t, span):
    n = t["n"]
    eq, neg = ev.be.word_op("eq", n), ev.be.b_not
    return lambda w: neg(eq(w, 0))


def _quantifier(ev, t, every: bool):
    v, n, be = view(ev, TySeq(t["n"], t["a"])), t["n"], ev.be
    combine = be.b_and if every else be.b_or

    def quant(f: Any, x: Any) -> Any:
        f, x = force(f), force(x)
        acc: Any = every
        for i in range(n):
            acc = combine(acc, f(v.lazy(x, i)))
            if acc is (not every):
                return acc
        return acc
    return quant


@prim("all")
def _all(ev, t, span):
    return _quantifier(ev, t, True)


@prim("any")
def _any(ev, t, span):
    return _quantifier(ev, t, False)


@prim("elem")
def _elem(ev, t, span):
    v, n, eq, be = view(ev, TySeq(t["n"], t["a"])), t["n"], ev.ops.eq(t["a"]), ev.be

    def elem(a: Any, x: Any) -> Any:
        a, x = force(a), force(x)
        acc: Any = False
        for i in range(n):
            acc = be.b_or(acc, eq(a, v.get(x, i)))
            if acc is True:
                return True
        return acc
    return elem


def _reduce(ev, t, op: str, unit: int):
    ty, n = t["a"], t["n"]
    v, f, start = view(ev, TySeq(n, ty)), ev.ops.arith2(op, ty), ev.ops.from_integer(ty)(unit)

    def reduce(x: Any) -> Any:
        x = force(x)
        acc = start
        for i in range(n):
            acc = f(acc, v.get(x, i))
        return acc
    return reduce


@prim("sum")
def _sum(ev, t, span):
    return _reduce(ev, t, "add", 0)


@prim("product")
def _product(ev, t, span):
    return _reduce(ev, t, "mul", 1)


# ---- enumerations as functions ------------------------------------------------------------------

def _enum(ev, elem: Any, first: int, step: int, count: int) -> Any:
    modulus = 1 << elem.length if type(elem) is TySeq else None
    seq = RangeSeq(first, step, count, modulus)
    return ListSeq([seq.at(i) for i in range(count)]) if count <= 4096 else seq


@prim("fromTo")
def _from_to(ev, t, span):
    seq = _enum(ev, t["a"], t["first"], 1, t["last"] - t["first"] + 1)
    return lambda: seq


@prim("fromThenTo")
def _from_then_to(ev, t, span):
    seq = _enum(ev, t["a"], t["first"], t["next"] - t["first"], t["len"])
    return lambda: seq


@prim("fromToLessThan")
def _from_to_less_than(ev, t, span):
    seq = _enum(ev, t["a"], t["first"], 1, t["bound"] - t["first"])
    return lambda: seq


def _inf(ev, a: Any, stepped: bool):
    if type(a) is not TySeq:
        return (lambda x, y: RangeSeq(x, y - x, None, None)) if stepped else (lambda x: RangeSeq(x, 1, None, None))
    n = a.length
    add, sub, mul = (ev.be.word_op(op, n) for op in ("add", "sub", "mul"))
    modulus = 1 << n

    def inf(x: Any, y: Any = None) -> Any:
        step = sub(y, x) if stepped else 1 % modulus
        if type(x) is int and type(step) is int:
            return RangeSeq(x, step, None, modulus)
        return FnSeq(None, lambda i: add(x, mul(step, i % modulus)))
    return inf


@prim("infFrom")
def _inf_from(ev, t, span):
    return _inf(ev, t["a"], False)


@prim("infFromThen")
def _inf_from_then(ev, t, span):
    return _inf(ev, t["a"], True)

