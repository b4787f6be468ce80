"""Make elaborated core concrete: substitute the solved metas of one declaration.

After `Solver.finish`, `Finalizer` rewrites the pre-core produced by the
checkers (`tc_expr.py`, `tc_decls.py`): every type becomes concrete (an
unsolved meta is reported as "... cannot be determined" at the place it was
created), each `Use` of a top-level declaration becomes the key of the
instance it needs, demoted sizes become numbers and enumerations become
first/step/count triples.
"""

from __future__ import annotations

from collections.abc import Callable

from crux_py.cryptol import core as C
from crux_py.cryptol.sizes import len_from_then_to
from crux_py.cryptol.tc_expr import Use
from crux_py.cryptol.types import INF, is_ty
from crux_py.cryptol.unify import Solver
from crux_py.errors import CryptolTypeError

# Turns a solved use into the key of the instance it denotes (see elaborate.py).
KeyMaker = Callable[[Use, tuple], object]


class Finalizer:
    def __init__(self, solver: Solver, make_key: KeyMaker) -> None:
        self.s = solver
        self.make_key = make_key

    def targs(self, targs: list | tuple, span) -> tuple:
        return tuple(self.s.concrete_ty(a, span) if is_ty(a) else self.s.concrete_size(a, span) for a in targs)

    def expr(self, e: C.CExpr) -> C.CExpr:
        k = type(e)
        s = self.s
        if k is C.CVar:
            return e
        if k is C.CApp:
            return C.CApp(self.expr(e.fn), tuple(self.expr(a) for a in e.args))
        if k is C.CGlobal:
            use = e.key
            if isinstance(use, Use):
                return C.CGlobal(self.make_key(use, self.targs(use.targs, use.span)), e.name)
            return e
        if k is C.CPrim:
            return C.CPrim(e.name, self.targs(e.targs, e.span), e.span)
        if k is C.CLit:
            ty = s.concrete_ty(e.ty, None)
            value = e.value if type(e.value) is int else s.concrete_size(e.value, None)
            if value is INF:
                raise CryptolTypeError("cannot use `inf` as a value", None)
            return C.CLit(value, ty)  # type: ignore[arg-type]
        if k is C.CLam:
            return C.CLam(tuple(self.pat(p) for p in e.params), self.expr(e.body))
        if k is C.CIf:
            return C.CIf(self.expr(e.cond), self.expr(e.then), self.expr(e.orelse), s.concrete_ty(e.ty, None))
        if k is C.CCase:
            alts = tuple((self.pat(p), self.expr(b)) for p, b in e.alts)
            return C.CCase(self.expr(e.scrutinee), alts, s.concrete_ty(e.ty, e.span), e.span)
        if k is C.CTuple:
            return C.CTuple(tuple(self.expr(x) for x in e.items))
        if k is C.CSeq:
            return C.CSeq(tuple(self.expr(x) for x in e.items), s.concrete_ty(e.ty, None))
        if k is C.CComp:
            branches = tuple(tuple(C.CGen(self.pat(g.pat), self.expr(g.src), s.concrete_ty(g.src_ty, None))
                                   for g in b) for b in e.branches)
            return C.CComp(self.expr(e.head), branches, s.concrete_ty(e.ty, None))
        if k is C.CLet:
            binds = tuple(C.CBind(self.pat(b.pat), self.expr(b.rhs)) for b in e.binds)
            return C.CLet(binds, self.expr(e.body))
        if k is C.CEnum:
            ty = s.concrete_ty(e.ty, None)
            first = s.concrete_size(e.first, None)
            last = s.concrete_size(e.count, None)  # pre-core keeps `last` in the count slot
            if e.step is None:
                return C.CEnum(first, 1, last - first + 1, ty)  # type: ignore[operator]
            then = s.concrete_size(e.step, None)
            return C.CEnum(first, then - first, len_from_then_to(first, then, last), ty)  # type: ignore
        if k is C.CInfFrom:
            then = self.expr(e.then) if e.then is not None else None
            return C.CInfFrom(self.expr(e.first), then, s.concrete_ty(e.ty, None))
        raise TypeError(f"unexpected core node {k.__name__}")

    def pat(self, p: C.CPat) -> C.CPat:
        k = type(p)
        if k is C.CPTuple:
            return C.CPTuple(tuple(self.pat(q) for q in p.items))
        if k is C.CPSeq:
            return C.CPSeq(tuple(self.pat(q) for q in p.items), self.s.concrete_ty(p.ty, None))
        if k is C.CPCon and p.arg is not None:
            return C.CPCon(p.name, self.pat(p.arg))
        return p
