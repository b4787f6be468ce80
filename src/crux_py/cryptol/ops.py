"""Type-directed operations on values: lifting, comparison, `zero`, symbolic merge.

Cryptol's arithmetic, logic and comparison operators work on words and
`Integer` and are lifted pointwise through sequences, tuples and functions
(comparisons lexicographically). `Ops` builds, once per concrete type, a
Python function implementing an operator at that type on top of a backend
(`backends.py`); results on sequences are lazy `FnSeq`s. `merge` is the
shape-directed if-then-else used when a condition is symbolic. `Ops` is
shared by the evaluator (`eval.py`) and the Prelude (`prelude*.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crux_py.cryptol.backends import Backend
from crux_py.cryptol.types import (
    BIT,
    INF,
    Ty,
    TyBit,
    TyFun,
    TyInteger,
    TyOption,
    TySeq,
    TyTuple,
    show_ty,
)
from crux_py.cryptol.values import FnSeq, ListSeq, OptVal, Seq, Thunk, force
from crux_py.errors import CryptolEvalError


def is_scalar(t: Ty) -> bool:
    """Bit, Integer and finite words: values that are evaluated eagerly where possible."""
    k = type(t)
    return k is TyBit or k is TyInteger or (k is TySeq and t.elem is BIT and t.length is not INF)


def seq_len(t: TySeq) -> int | None:
    return None if t.length is INF else t.length  # type: ignore[return-value]


class ConstSeq(Seq):
    """Every element is `value` (`zero` and `repeat`)."""

    __slots__ = ("value",)

    def __init__(self, value: Any, length: int | None) -> None:
        self.value = value
        self.length = length

    def at(self, i: int) -> Any:
        return self.value

    def lazy(self, i: int) -> Any:
        return self.value


_INT_OPS: dict[str, Callable] = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
}


class Ops:
    def __init__(self, be: Backend) -> None:
        self.be = be
        self._memo: dict[tuple, Any] = {}

    def _cached(self, key: tuple, build: Callable[[], Any]) -> Any:
        f = self._memo.get(key)
        if f is None:
            f = self._memo[key] = build()
        return f

    # ---- arithmetic (Ring, Integral) ------------------------------------------------------------
    def arith2(self, op: str, ty: Ty, span=None) -> Callable[[Any, Any], Any]:
        """`op` in add, sub, mul, udiv, urem (words) / div, mod (Integer), lifted over `ty`."""
        return self._cached(("a2", op, ty, span), lambda: self._arith2(op, ty, span))

    def _arith2(self, op: str, ty: Ty, span) -> Callable:
        k = type(ty)
        if k is TySeq and ty.elem is BIT and ty.length is not INF:
            return self.be.word_op(op, ty.length, span)  # type: ignore[arg-type]
        if k is TyInteger:
            if op in ("udiv", "urem"):
                def idiv(a: int, b: int) -> int:
                    if b == 0:
                        self.be.fail("division by zero", span)
                        return 0
                    return a // b if op == "udiv" else a % b
                return idiv
            return _INT_OPS[op]
        return self.lift2(ty, lambda t: self.arith2(op, t, span))

    def arith1(self, op: str, ty: Ty) -> Callable[[Any], Any]:
        """`neg` lifted over `ty`."""
        def build() -> Callable:
            k = type(ty)
            if k is TySeq and ty.elem is BIT and ty.length is not INF:
                return self.be.word_op(op, ty.length)  # type: ignore[arg-type]
            if k is TyInteger:
                return lambda a: -a
            return self.lift1(ty, lambda t: self.arith1(op, t))
        return self._cached(("a1", op, ty), build)

    def from_integer(self, ty: Ty) -> Callable[[int], Any]:
        def build() -> Callable:
            k = type(ty)
            if k is TySeq and ty.elem is BIT and ty.length is not INF:
                mask = (1 << ty.length) - 1  # type: ignore[operator]
                return lambda v: v & mask
            if k is TyInteger:
                return lambda v: v
            if k is TySeq:
                inner = self.from_integer(ty.elem)
                return lambda v: ConstSeq(inner(v), seq_len(ty))
            if k is TyTuple:
                fs = [self.from_integer(t) for t in ty.items]
                return lambda v: tuple(f(v) for f in fs)
            if k is TyFun:
                inner = self.from_integer(ty.res)
                return lambda v: (lambda _x: inner(v))
            raise CryptolEvalError(f"no integer conversion at type {show_ty(ty)}")
        return self._cached(("fromInteger", ty), build)

    # ---- logic ----------------------------------------------------------------------------------
    def logic2(self, op: str, ty: Ty) -> Callable[[Any, Any], Any]:
        """`op` in and, or, xor, lifted over `ty` (bits, words, sequences, tuples, functions)."""
        def build() -> Callable:
            k = type(ty)
            if k is TyBit:
                return {"and": self.be.b_and, "or": self.be.b_or, "xor": self.be.b_xor}[op]
            if k is TySeq and ty.elem is BIT and ty.length is not INF:
                return self.be.word_op(op, ty.length)  # type: ignore[arg-type]
            return self.lift2(ty, lambda t: self.logic2(op, t))
        return self._cached(("l2", op, ty), build)

    def complement(self, ty: Ty) -> Callable[[Any], Any]:
        def build() -> Callable:
            k = type(ty)
            if k is TyBit:
                return self.be.b_not
            if k is TySeq and ty.elem is BIT and ty.length is not INF:
                return self.be.word_op("not", ty.length)  # type: ignore[arg-type]
            return self.lift1(ty, self.complement)
        return self._cached(("not", ty), build)

    # ---- lifting --------------------------------------------------------------------------------
    def lift2(self, ty: Ty, elem_op: Callable[[Ty], Callable]) -> Callable[[Any, Any], Any]:
        k = type(ty)
        if k is TySeq:
            f = elem_op(ty.elem)
            n = seq_len(ty)

            def seq2(a: Any, b: Any) -> Seq:
                def elem(i: int) -> Any:
                    return f(force(a).at(i), force(b).at(i))
                return FnSeq(n, elem)
            return seq2
        if k is TyTuple:
            fs = [elem_op(t) for t in ty.items]

            def tup2(a: Any, b: Any) -> tuple:
                a, b = force(a), force(b)
                return tuple(f(force(x), force(y)) for f, x, y in zip(fs, a, b))
            return tup2
        if k is TyFun:
            f = elem_op(ty.res)
            return lambda g, h: (lambda x: f(force(g)(x), force(h)(x)))
        raise CryptolEvalError(f"operation not defined at type {show_ty(ty)}")

    def lift1(self, ty: Ty, elem_op: Callable[[Ty], Callable]) -> Callable[[Any], Any]:
        k = type(ty)
        if k is TySeq:
            f = elem_op(ty.elem)
            n = seq_len(ty)
            return lambda a: FnSeq(n, lambda i: f(force(a).at(i)))
        if k is TyTuple:
            fs = [elem_op(t) for t in ty.items]
            return lambda a: tuple(f(force(x)) for f, x in zip(fs, force(a)))
        if k is TyFun:
            f = elem_op(ty.res)
            return lambda g: (lambda x: f(force(g)(x)))
        raise CryptolEvalError(f"operation not defined at type {show_ty(ty)}")

    # ---- comparison -----------------------------------------------------------------------------
    def eq(self, ty: Ty) -> Callable[[Any, Any], Any]:
        def build() -> Callable:
            be = self.be
            k = type(ty)
            if k is TyBit:
                return be.b_eq
            if k is TySeq and ty.elem is BIT and ty.length is not INF:
                return be.word_op("eq", ty.length)  # type: ignore[arg-type]
            if k is TyInteger:
                return lambda a, b: a == b
            if k is TySeq:
                f = self.eq(ty.elem)
                n = _finite(ty)

                def seq_eq(a: Any, b: Any) -> Any:
                    a, b = force(a), force(b)
                    r: Any = True
                    for i in range(n):
                        r = be.b_and(r, f(a.at(i), b.at(i)))
                        if r is False:
                            return False
                    return r
                return seq_eq
            if k is TyTuple:
                fs = [self.eq(t) for t in ty.items]

                def tup_eq(a: Any, b: Any) -> Any:
                    r: Any = True
                    for f, x, y in zip(fs, force(a), force(b)):
                        r = be.b_and(r, f(force(x), force(y)))
                        if r is False:
                            return False
                    return r
                return tup_eq
            if k is TyOption:
                f = self.eq(ty.elem)

                def opt_eq(a: Any, b: Any) -> Any:
                    a, b = force(a), force(b)
                    same_tag = be.b_eq(a.tag, b.tag)
                    if same_tag is False or a.tag is False:
                        return same_tag
                    inner = f(force(a.payload), force(b.payload))
                    return be.b_and(same_tag, be.b_or(be.b_not(a.tag), inner))
                return opt_eq
            raise CryptolEvalError(f"cannot compare values of type {show_ty(ty)}")
        return self._cached(("eq", ty), build)

    def less(self, ty: Ty, signed: bool = False) -> Callable[[Any, Any], Any]:
        """Strict less-than: unsigned (or signed) on words, lexicographic on sequences and tuples."""
        def build() -> Callable:
            be = self.be
            k = type(ty)
            if k is TyBit:
                return lambda a, b: be.b_and(be.b_not(a), b)
            if k is TySeq and ty.elem is BIT and ty.length is not INF:
                return be.word_op("slt" if signed else "ult", ty.length)  # type: ignore[arg-type]
            if k is TyInteger:
                return lambda a, b: a < b
            if k is TySeq or k is TyTuple:
                if k is TySeq:
                    n = _finite(ty)
                    lts = [self.less(ty.elem, signed)] * n
                    eqs = [self.eq(ty.elem)] * n
                    get = _seq_items
                else:
                    lts = [self.less(t, signed) for t in ty.items]
                    eqs = [self.eq(t) for t in ty.items]
                    get = _tuple_items

                def lex(a: Any, b: Any) -> Any:
                    xs, ys = get(force(a)), get(force(b))
                    r: Any = False
                    for i in range(len(lts) - 1, -1, -1):
                        x, y = force(xs[i]), force(ys[i])
                        r = be.b_or(lts[i](x, y), be.b_and(eqs[i](x, y), r))
                    return r
                return lex
            raise CryptolEvalError(f"cannot order values of type {show_ty(ty)}")
        return self._cached(("lt", ty, signed), build)

    # ---- zero and merge -------------------------------------------------------------------------
    def zero(self, ty: Ty) -> Any:
        def build() -> Any:
            k = type(ty)
            if k is TyBit:
                return False
            if k is TyInteger:
                return 0
            if k is TySeq:
                if ty.elem is BIT and ty.length is not INF:
                    return 0
                return ConstSeq(self.zero(ty.elem), seq_len(ty))
            if k is TyTuple:
                return tuple(self.zero(t) for t in ty.items)
            if k is TyFun:
                z = self.zero(ty.res)
                return lambda _x: z
            if k is TyOption:
                return OptVal(False, None)
            raise CryptolEvalError(f"no zero at type {show_ty(ty)}")
        return self._cached(("zero", ty), build)

    def under(self, c: Any, fn: Callable[[], Any]) -> Any:
        """`fn()` evaluated with `c` added to the path condition."""
        tok = self.be.push_path(c)
        try:
            return fn()
        finally:
            self.be.pop_path(tok)

    def merge(self, ty: Ty) -> Callable[[Any, Any, Any], Any]:
        """`if c then a else b` for a symbolic bit `c`; `a`, `b` are values or thunks."""
        def build() -> Callable:
            be = self.be
            k = type(ty)
            if k is TyBit:
                return lambda c, a, b: be.b_ite(c, force(a), force(b))
            if k is TySeq and ty.elem is BIT and ty.length is not INF:
                n = ty.length
                return lambda c, a, b: be.w_ite(c, force(a), force(b), n)
            if k is TyInteger:
                def merge_int(c: Any, a: Any, b: Any) -> Any:
                    a, b = force(a), force(b)
                    if a != b:
                        raise CryptolEvalError("an Integer value depends on a symbolic condition "
                                               "(symbolic Integers are not supported)")
                    return a
                return merge_int
            if k is TySeq:
                f = self.merge(ty.elem)

                def merge_seq(c: Any, a: Any, b: Any) -> Seq:
                    def elem(i: int) -> Any:
                        x = self.under(c, lambda: force(a).at(i))
                        y = self.under(be.b_not(c), lambda: force(b).at(i))
                        return f(c, x, y)
                    return FnSeq(seq_len(ty), elem)
                return merge_seq
            if k is TyTuple:
                fs = [self.merge(t) for t in ty.items]

                def merge_tuple(c: Any, a: Any, b: Any) -> tuple:
                    a, b = force(a), force(b)
                    return tuple(Thunk(lambda arg: arg[0](c, self.under(c, lambda: force(arg[1])),
                                                           self.under(be.b_not(c), lambda: force(arg[2]))),
                                       (f, x, y)) for f, x, y in zip(fs, a, b))
                return merge_tuple
            if k is TyFun:
                f = self.merge(ty.res)
                return lambda c, g, h: (lambda x: f(c, self.under(c, lambda: force(g)(x)),
                                                    self.under(be.b_not(c), lambda: force(h)(x))))
            if k is TyOption:
                f = self.merge(ty.elem)

                def merge_opt(c: Any, a: Any, b: Any) -> OptVal:
                    a, b = force(a), force(b)
                    tag = be.b_ite(c, a.tag, b.tag)
                    if a.payload is None or a.tag is False:
                        return OptVal(tag, b.payload)
                    if b.payload is None or b.tag is False:
                        return OptVal(tag, a.payload)
                    return OptVal(tag, Thunk(lambda _: f(c, a.payload, b.payload), None))
                return merge_opt
            raise CryptolEvalError(f"cannot merge values of type {show_ty(ty)}")
        return self._cached(("merge", ty), build)


def _finite(ty: TySeq) -> int:
    if ty.length is INF:
        raise CryptolEvalError("cannot compare infinite sequences")
    return ty.length  # type: ignore[return-value]


def _seq_items(s: Seq) -> list:
    return s.items if isinstance(s, ListSeq) else [s.lazy(i) for i in range(s.length)]  # type: ignore


def _tuple_items(t: tuple) -> tuple:
    return t
