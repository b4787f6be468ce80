"""The Cryptol evaluator: core (`core.py`) compiled to Python closures over a backend.

Written once for every backend (`backends.py`). An `Evaluator` owns one
backend; each instance (`elaborate.Instance`) is compiled on its first call
into closures taking a *frame* (a Python list: slot 0 is the enclosing frame,
then one slot per local variable). Evaluation is lazy where Cryptol needs it
and eager where it is cheap and safe:

* `where` bindings are thunks in their frame (a recursive group, evaluated at
  most once), as are non-scalar arguments, tuple components and sequence
  elements; comprehensions and lifted operators build `FnSeq`s whose
  elements are computed on demand (so infinite and self-referential streams
  work);
* scalar values (bits, words, integers) passed as arguments or put in
  tuples and sequence literals are evaluated at once: no thunk per word.

A symbolic `if` evaluates both branches (each under its path condition) and
merges them by type (`Ops.merge`). Top-level constants of non-function type
are evaluated once by the concrete evaluator and shared (they cannot depend
on symbolic inputs). Prelude primitives come from `prelude.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crux_py.cryptol import core as C
from crux_py.cryptol.backends import CONCRETE, Backend
from crux_py.cryptol.bindings import binder, compile_case, compile_let
from crux_py.cryptol.elaborate import Instance, InstanceKey, get_instance
from crux_py.cryptol.frames import Code, Scope, curry
from crux_py.cryptol.ops import Ops, is_scalar
from crux_py.cryptol.types import BIT, Ty, TyFun, TySeq, TyTuple, split_fun
from crux_py.cryptol.values import FnSeq, ListSeq, RangeSeq, Thunk


def _has_fun(t: Ty) -> bool:
    k = type(t)
    if k is TyFun:
        return True
    if k is TySeq:
        return _has_fun(t.elem)
    if k is TyTuple:
        return any(_has_fun(x) for x in t.items)
    return False


class InstCode:
    """The compiled form of one instance for one evaluator (compiled on first use)."""

    __slots__ = ("_caf", "_fun", "arity", "binders", "body", "ev", "inst", "size", "strict")

    def __init__(self, ev: Evaluator, inst: Instance) -> None:
        self.ev = ev
        self.inst = inst
        self.arity = inst.arity
        params, _ = split_fun(inst.ty)
        self.strict = [is_scalar(t) for t in params[:self.arity]]
        self.body: Code | None = None
        self._caf: Thunk | None = None
        self._fun: Any = None

    def _compile(self) -> None:
        sc = Scope(None)
        self.binders = [self.ev.binder(p, sc) for p in self.inst.params]
        self.size = sc.size
        self.body = self.ev.compile(self.inst.body, sc)

    def call(self, args: list) -> Any:
        if self.body is None:
            self._compile()
        fr = [None] * self.size
        for b, a in zip(self.binders, args):
            b(fr, a)
        return self.body(fr)  # type: ignore[misc]

    def value(self) -> Any:
        if self.arity:
            if self._fun is None:
                self._fun = curry(self.arity, self.call)
            return self._fun
        if self._caf is None:
            ev = self.ev
            if ev.be.symbolic and not _has_fun(self.inst.ty):
                cell = concrete_evaluator().cell_of(self.inst)
                self._caf = Thunk(lambda _: cell.value(), None)
            else:
                self._caf = Thunk(lambda _: self.call([]), None)
        return self._caf.force()


class Evaluator:
    def __init__(self, be: Backend) -> None:
        self.be = be
        self.ops = Ops(be)
        self.cells: dict[InstanceKey, InstCode] = {}
        from crux_py.cryptol.prelude import (
            Prims,  # the Prelude builds on this module's helpers
        )

        self.prims = Prims(self)

    # ---- instances ------------------------------------------------------------------------------
    def cell(self, key: InstanceKey) -> InstCode:
        c = self.cells.get(key)
        if c is None:
            c = self.cells[key] = InstCode(self, get_instance(key))
        return c

    def cell_of(self, inst: Instance) -> InstCode:
        return self.cell(InstanceKey(inst.defn, inst.targs))

    # ---- patterns -------------------------------------------------------------------------------
    def binder(self, p: C.CPat, sc: Scope) -> Callable[[list, Any], None]:
        return binder(self, p, sc)

    # ---- expressions ----------------------------------------------------------------------------
    def compile_arg(self, e: C.CExpr, sc: Scope, strict: bool) -> Code:
        """Code giving a value (when `strict`, or when cheap) or a thunk."""
        k = type(e)
        if strict or k in (C.CLit, C.CLam, C.CEnum) or (k is C.CPrim and e.name != "undefined"):
            return self.compile(e, sc)
        if k is C.CVar:
            depth, idx = sc.find(e.uid)
            if depth == 0:
                return lambda fr: fr[idx]
            if depth == 1:
                return lambda fr: fr[0][idx]
            return self._var(depth, idx, False)
        if k is C.CGlobal and self.cell(e.key).arity:
            return self.compile(e, sc)
        code = self.compile(e, sc)
        return lambda fr: Thunk(code, fr)

    def _var(self, depth: int, idx: int, strict: bool) -> Code:
        if depth == 0 and strict:
            def var0(fr: list) -> Any:
                v = fr[idx]
                if type(v) is Thunk:
                    v = v.force()
                    fr[idx] = v
                return v
            return var0
        if depth == 1 and strict:
            def var1(fr: list) -> Any:
                f = fr[0]
                v = f[idx]
                if type(v) is Thunk:
                    v = v.force()
                    f[idx] = v
                return v
            return var1

        def var_n(fr: list) -> Any:
            for _ in range(depth):
                fr = fr[0]
            v = fr[idx]
            if strict and type(v) is Thunk:
                v = v.force()
                fr[idx] = v
            return v
        return var_n

    def compile(self, e: C.CExpr, sc: Scope) -> Code:
        """Code giving the (forced) value of `e` in a frame laid out by `sc`."""
        return getattr(self, "_c_" + type(e).__name__)(e, sc)

    def _c_CVar(self, e: C.CVar, sc: Scope) -> Code:
        depth, idx = sc.find(e.uid)
        return self._var(depth, idx, True)

    def _c_CLit(self, e: C.CLit, sc: Scope) -> Code:
        v = e.value
        return lambda fr: v

    def _c_CGlobal(self, e: C.CGlobal, sc: Scope) -> Code:
        cell = self.cell(e.key)
        if cell.arity:
            return lambda fr: cell.value()
        return lambda fr: cell.value()

    def _c_CPrim(self, e: C.CPrim, sc: Scope) -> Code:
        impl = self.prims.impl(e.name, e.targs, e.span)
        if impl.arity == 0:
            const = impl.fn
            return lambda fr: const()
        v = self.prims.value(e.name, e.targs, e.span)
        return lambda fr: v

    def _c_CApp(self, e: C.CApp, sc: Scope) -> Code:
        fn, args = e.fn, e.args
        if type(fn) is C.CGlobal:
            cell = self.cell(fn.key)
            k = cell.arity
            if 0 < k <= len(args):
                codes = [self.compile_arg(a, sc, s) for a, s in zip(args[:k], cell.strict)]
                return self._then_apply(lambda fr: cell.call([c(fr) for c in codes]), args[k:], sc)
        if type(fn) is C.CPrim:
            impl = self.prims.impl(fn.name, fn.targs, fn.span)
            k = impl.arity
            if 0 < k <= len(args):
                codes = [self.compile_arg(a, sc, s) for a, s in zip(args[:k], impl.strict)]
                f = impl.fn
                if k == 1:
                    c0 = codes[0]
                    head: Code = lambda fr: f(c0(fr))
                elif k == 2:
                    c0, c1 = codes
                    head = lambda fr: f(c0(fr), c1(fr))
                else:
                    head = lambda fr: f(*[c(fr) for c in codes])
                return self._then_apply(head, args[k:], sc)
        return self._then_apply(self.compile(fn, sc), args, sc)

    def _then_apply(self, head: Code, rest: tuple, sc: Scope) -> Code:
        if not rest:
            return head
        codes = [self.compile_arg(a, sc, False) for a in rest]

        def apply(fr: list) -> Any:
            v = head(fr)
            for c in codes:
                v = v(c(fr))
            return v
        return apply

    def _c_CLam(self, e: C.CLam, sc: Scope) -> Code:
        inner = Scope(sc)
        binders = [self.binder(p, inner) for p in e.params]
        body = self.compile(e.body, inner)
        size, arity = inner.size, len(e.params)

        def make(fr: list) -> Any:
            def run(args: list) -> Any:
                f2 = [None] * size
                f2[0] = fr
                for b, a in zip(binders, args):
                    b(f2, a)
                return body(f2)
            return curry(arity, run)
        return make

    def _c_CIf(self, e: C.CIf, sc: Scope) -> Code:
        cond, then, orelse = self.compile(e.cond, sc), self.compile(e.then, sc), self.compile(e.orelse, sc)
        if not self.be.symbolic:
            return lambda fr: then(fr) if cond(fr) else orelse(fr)
        merge, ops, be = self.ops.merge(e.ty), self.ops, self.be

        def sym_if(fr: list) -> Any:
            c = cond(fr)
            if c is True:
                return then(fr)
            if c is False:
                return orelse(fr)
            nc = be.b_not(c)
            if not be.feasible(c):
                return orelse(fr)
            if not be.feasible(nc):
                return then(fr)
            a = ops.under(c, lambda: then(fr))
            b = ops.under(nc, lambda: orelse(fr))
            return merge(c, a, b)
        return sym_if

    def _c_CTuple(self, e: C.CTuple, sc: Scope) -> Code:
        codes = [self.compile_arg(x, sc, _static_scalar(x)) for x in e.items]
        return lambda fr: tuple([c(fr) for c in codes])

    def _c_CSeq(self, e: C.CSeq, sc: Scope) -> Code:
        ty = e.ty
        if all(type(x) is C.CLit for x in e.items):
            values = [x.value for x in e.items]  # type: ignore[union-attr]
            if ty.elem is BIT:
                w = self.be.w_from_bits(values)
                return lambda fr: w
            shared = ListSeq(values)
            return lambda fr: shared
        if ty.elem is BIT:
            bits = [self.compile(x, sc) for x in e.items]
            pack = self.be.w_from_bits
            return lambda fr: pack([c(fr) for c in bits])
        codes = [self.compile_arg(x, sc, is_scalar(ty.elem)) for x in e.items]
        return lambda fr: ListSeq([c(fr) for c in codes])

    def _c_CEnum(self, e: C.CEnum, sc: Scope) -> Code:
        elem = e.ty.elem
        modulus = 1 << elem.length if type(elem) is TySeq else None
        seq = RangeSeq(e.first, e.step, e.count, modulus)
        if modulus is not None:
            seq = ListSeq([seq.at(i) for i in range(e.count)]) if e.count <= 4096 else seq
        return lambda fr: seq

    def _c_CInfFrom(self, e: C.CInfFrom, sc: Scope) -> Code:
        first = self.compile(e.first, sc)
        then = self.compile(e.then, sc) if e.then is not None else None
        elem = e.ty.elem
        if type(elem) is not TySeq:  # Integer
            return lambda fr: RangeSeq(first(fr), (then(fr) - first(fr)) if then else 1, None, None)
        n = elem.length
        modulus = 1 << n  # type: ignore[operator]
        add, mul, sub = (self.be.word_op(op, n) for op in ("add", "mul", "sub"))  # type: ignore[arg-type]

        def inf(fr: list) -> Any:
            a = first(fr)
            step = sub(then(fr), a) if then is not None else 1 % modulus
            if type(a) is int and type(step) is int:
                return RangeSeq(a, step, None, modulus)
            return FnSeq(None, lambda i: add(a, mul(step, i % modulus)))
        return inf

    def _c_CLet(self, e: C.CLet, sc: Scope) -> Code:
        return compile_let(self, e, sc)

    def _c_CCase(self, e: C.CCase, sc: Scope) -> Code:
        return compile_case(self, e, sc)

    def _c_CComp(self, e: C.CComp, sc: Scope) -> Code:
        from crux_py.cryptol.comprehension import compile_comprehension

        return compile_comprehension(self, e, sc)


def _static_scalar(e: C.CExpr) -> bool:
    """Whether a tuple component is cheap and safe to evaluate eagerly (literals only)."""
    return type(e) is C.CLit


_CONCRETE_EVAL: Evaluator | None = None


def concrete_evaluator() -> Evaluator:
    global _CONCRETE_EVAL
    if _CONCRETE_EVAL is None:
        _CONCRETE_EVAL = Evaluator(CONCRETE)
    return _CONCRETE_EVAL


def evaluator_for(be: Backend) -> Evaluator:
    if be is CONCRETE:
        return concrete_evaluator()
    ev = be.cache.get("evaluator")
    if ev is None:
        ev = be.cache["evaluator"] = Evaluator(be)
    return ev
