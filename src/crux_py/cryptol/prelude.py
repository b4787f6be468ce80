"""The Prelude's meanings: the registry of primitives and the arithmetic/logic ones.

Each primitive is a factory `f(ev, t, span) -> fn` registered with `@prim`;
`t` maps the primitive's type parameters (as named in
`prelude_types.SIGNATURES`) to concrete types and sizes, so the returned
Python function is specialised to one instance. Arguments of scalar type
(bits, words, integers) arrive evaluated unless the primitive declares them
lazy; others may be thunks (`values.force`). `Prims` (used by `eval.py`)
builds and caches the functions. Sequence primitives are in
`prelude_seq.py`, indexing and shifting in `prelude_index.py`, polynomial
and word-extension primitives in `prelude_words.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crux_py.cryptol.ops import is_scalar
from crux_py.cryptol.prelude_types import prelude_schemes
from crux_py.cryptol.types import (
    BIT,
    INF,
    TyInteger,
    TySeq,
    split_fun,
    subst_ty,
)
from crux_py.cryptol.values import OptVal, force
from crux_py.errors import CryptolEvalError

if TYPE_CHECKING:
    from crux_py.cryptol.eval import Evaluator

Factory = Callable[..., Any]
Table = dict[str, tuple[Factory, tuple[int, ...]]]


def primitive_table() -> tuple[Table, Callable[..., Callable[[Factory], Factory]]]:
    """A module's own table of primitives and the `@prim(name, ..., lazy=...)` decorator
    that fills it. Each Prelude module keeps its own table; `all_primitives` merges
    them when asked, so nothing depends on which modules happen to be imported."""
    table: Table = {}

    def prim(*names: str, lazy: tuple[int, ...] = ()) -> Callable[[Factory], Factory]:
        def register(f: Factory) -> Factory:
            for n in names:
                table[n] = (f, lazy)
            return f
        return register

    return table, prim


PRIMS, prim = primitive_table()


@dataclass(frozen=True, slots=True)
class PrimImpl:
    arity: int
    strict: list[bool]
    fn: Callable


def all_primitives() -> Table:
    # Imported here: those modules import this one for `primitive_table`.
    from crux_py.cryptol import prelude_index, prelude_seq, prelude_words

    return {**PRIMS, **prelude_seq.PRIMS, **prelude_index.PRIMS, **prelude_words.PRIMS}


class Prims:
    def __init__(self, ev: Evaluator) -> None:
        self.factories = all_primitives()
        self.ev = ev
        self._impls: dict[tuple, PrimImpl] = {}
        self._values: dict[tuple, Any] = {}

    def impl(self, name: str, targs: tuple, span: Any) -> PrimImpl:
        key = (name, targs, span)
        got = self._impls.get(key)
        if got is not None:
            return got
        scheme = prelude_schemes()[name]
        m = {tp.var.uid: a for tp, a in zip(scheme.tparams, targs)}
        # The arity is the scheme's own: `zero` at a function type still takes no arguments.
        arity = len(split_fun(scheme.ty)[0])
        params = split_fun(subst_ty(scheme.ty, m))[0][:arity]
        factory, lazy = self.factories[name]
        fn = factory(self.ev, {tp.name: a for tp, a in zip(scheme.tparams, targs)}, span)
        got = PrimImpl(arity, [is_scalar(p) and i not in lazy for i, p in enumerate(params)], fn)
        self._impls[key] = got
        return got

    def value(self, name: str, targs: tuple, span: Any) -> Any:
        """The primitive as a first-class value (a constant, or a curried function)."""
        key = (name, targs, span)
        if key in self._values:
            return self._values[key]
        impl = self.impl(name, targs, span)
        if impl.arity == 0:
            return impl.fn()  # evaluated at each use: `undefined` must fail only when reached
        else:
            from crux_py.cryptol.eval import curry

            fn, strict = impl.fn, impl.strict
            v = curry(impl.arity, lambda args: fn(*[force(a) if s else a for a, s in zip(args, strict)]))
        self._values[key] = v
        return v


def width_of(ty: Any) -> int | None:
    """The width of a finite word type, else None."""
    if type(ty) is TySeq and ty.elem is BIT and ty.length is not INF:
        return ty.length  # type: ignore[return-value]
    return None


# ---- constants and constructors ----------------------------------------------------------------

@prim("True")
def _true(ev, t, span):
    return lambda: True


@prim("False")
def _false(ev, t, span):
    return lambda: False


@prim("Some")
def _some(ev, t, span):
    return lambda x: OptVal(True, x)


@prim("None")
def _none(ev, t, span):
    return lambda: OptVal(False, None)


@prim("zero")
def _zero(ev, t, span):
    z = ev.ops.zero(t["a"])
    return lambda: z


@prim("number")
def _number(ev, t, span):
    v = ev.ops.from_integer(t["a"])(t["val"])
    return lambda: v


@prim("length")
def _length(ev, t, span):
    v = ev.ops.from_integer(t["b"])(t["n"])
    return lambda _xs: v


def chars(v: Any) -> str:
    return "".join(chr(c) if type(c) is int else "?" for c in force(v).values())


@prim("error")
def _error(ev, t, span):
    z = ev.ops.zero(t["a"])

    def error(msg: Any) -> Any:
        ev.be.fail(chars(msg), span)
        return z
    return error


@prim("undefined")
def _undefined(ev, t, span):
    z = ev.ops.zero(t["a"])

    def undefined() -> Any:
        ev.be.fail("undefined", span)
        return z
    return undefined


# ---- arithmetic --------------------------------------------------------------------------------

@prim("+")
def _add(ev, t, span):
    return ev.ops.arith2("add", t["a"])


@prim("-")
def _sub(ev, t, span):
    return ev.ops.arith2("sub", t["a"])


@prim("*")
def _mul(ev, t, span):
    return ev.ops.arith2("mul", t["a"])


@prim("/")
def _div(ev, t, span):
    return ev.ops.arith2("udiv", t["a"], span)


@prim("%")
def _mod(ev, t, span):
    return ev.ops.arith2("urem", t["a"], span)


@prim("/$")
def _sdiv(ev, t, span):
    return ev.be.word_op("sdiv", t["n"], span)


@prim("%$")
def _srem(ev, t, span):
    return ev.be.word_op("srem", t["n"], span)


@prim("negate")
def _negate(ev, t, span):
    return ev.ops.arith1("neg", t["a"])


@prim("fromInteger")
def _from_integer(ev, t, span):
    return ev.ops.from_integer(t["a"])


@prim("toInteger")
def _to_integer(ev, t, span):
    if type(t["a"]) is TyInteger:
        return lambda x: x

    def to_integer(x: Any) -> int:
        if type(x) is not int:
            raise CryptolEvalError("toInteger of a symbolic word: symbolic Integers are not supported", span)
        return x
    return to_integer


@prim("^^")
def _pow(ev, t, span):
    a, e = t["a"], t["e"]
    mul = ev.ops.arith2("mul", a)
    one = ev.ops.from_integer(a)(1)
    merge = ev.ops.merge(a)
    be = ev.be
    ew = width_of(e)

    def power(x: Any, k: Any) -> Any:
        if type(k) is int:
            if k < 0:
                raise CryptolEvalError("negative exponent", span)
            result, base = one, x
            while k:
                if k & 1:
                    result = mul(result, base)
                k >>= 1
                if k:
                    base = mul(base, base)
            return result
        result, base = one, x  # a symbolic exponent word: multiply in base^(2^j) under its bit j
        for j in range(ew):  # type: ignore[arg-type]
            bit = be.w_bit(k, ew, ew - 1 - j)
            result = merge(bit, mul(result, base), result)
            base = mul(base, base)
        return result
    return power


# ---- logic --------------------------------------------------------------------------------------

@prim("&&")
def _and(ev, t, span):
    return ev.ops.logic2("and", t["a"])


@prim("||")
def _or(ev, t, span):
    return ev.ops.logic2("or", t["a"])


@prim("^")
def _xor(ev, t, span):
    return ev.ops.logic2("xor", t["a"])


@prim("~", "complement")
def _complement(ev, t, span):
    return ev.ops.complement(t["a"])


@prim("==>", lazy=(1,))
def _implies(ev, t, span):
    be, ops = ev.be, ev.ops

    def implies(a: Any, b: Any) -> Any:
        if a is False:
            return True
        if a is True:
            return force(b)
        return be.b_or(be.b_not(a), ops.under(a, lambda: force(b)))
    return implies


@prim("/\\", lazy=(1,))
def _land(ev, t, span):
    be, ops = ev.be, ev.ops

    def land(a: Any, b: Any) -> Any:
        if a is False:
            return False
        if a is True:
            return force(b)
        return be.b_and(a, ops.under(a, lambda: force(b)))
    return land


@prim("\\/", lazy=(1,))
def _lor(ev, t, span):
    be, ops = ev.be, ev.ops

    def lor(a: Any, b: Any) -> Any:
        if a is True:
            return True
        if a is False:
            return force(b)
        return be.b_or(a, ops.under(be.b_not(a), lambda: force(b)))
    return lor


# ---- comparison ---------------------------------------------------------------------------------

@prim("==")
def _eq(ev, t, span):
    return ev.ops.eq(t["a"])


@prim("!=")
def _ne(ev, t, span):
    eq, neg = ev.ops.eq(t["a"]), ev.be.b_not
    return lambda a, b: neg(eq(a, b))


def _ordering(ev, ty: Any, op: str, signed: bool) -> Callable:
    lt, neg = ev.ops.less(ty, signed), ev.be.b_not
    if op == "<":
        return lt
    if op == ">":
        return lambda a, b: lt(b, a)
    if op == "<=":
        return lambda a, b: neg(lt(b, a))
    return lambda a, b: neg(lt(a, b))


for _op in ("<", ">", "<=", ">="):
    prim(_op)(lambda ev, t, span, _op=_op: _ordering(ev, t["a"], _op, False))
    prim(_op + "$")(lambda ev, t, span, _op=_op: _ordering(ev, t["a"], _op, True))


def _select(ev, ty: Any, pick_second: Callable[[Any, Any], Any]) -> Callable:
    merge = ev.ops.merge(ty)

    def sel(a: Any, b: Any) -> Any:
        c = pick_second(force(a), force(b))
        if c is True:
            return force(b)
        if c is False:
            return force(a)
        return merge(c, b, a)
    return sel


@prim("min")
def _min(ev, t, span):
    lt = ev.ops.less(t["a"])
    return _select(ev, t["a"], lambda a, b: lt(b, a))


@prim("max")
def _max(ev, t, span):
    lt = ev.ops.less(t["a"])
    return _select(ev, t["a"], lambda a, b: lt(a, b))


@prim("abs")
def _abs(ev, t, span):
    ty = t["a"]
    lt, neg, zero, merge = ev.ops.less(ty), ev.ops.arith1("neg", ty), ev.ops.zero(ty), ev.ops.merge(ty)

    def absolute(x: Any) -> Any:
        x = force(x)
        c = lt(x, zero)
        if c is True:
            return neg(x)
        if c is False:
            return x
        return merge(c, neg(x), x)
    return absolute
