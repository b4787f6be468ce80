"""Type inference for patterns, bindings and `where` groups (the other half of `tc_expr.py`).

`Checker` adds to `ExprChecker`: patterns (variables, `_`, tuples, sequences,
constructor patterns in `case`, and annotated patterns `(x : [n][8])` whose
unknown type names become scoped type variables of the declaration), function
bindings checked against a (possibly still unknown) function type, and
`where` groups: recursive, monomorphic (Cryptol's default `mono-binds`), with
local signatures and local `type` synonyms. Choosing among constraint guards
of a top-level declaration is `elaborate.py`'s job.
"""

from __future__ import annotations

import itertools

from crux_py.cryptol import core as C
from crux_py.cryptol import syntax as S
from crux_py.cryptol.tc_expr import Env, ExprChecker
from crux_py.cryptol.tc_types import LocalSyn, TypeEnv, scheme_from_signature, to_ty
from crux_py.cryptol.types import BIT, Ty, TyFun, TyMeta, TySeq, TyTuple
from crux_py.errors import CryptolTypeError

_uids = itertools.count(1)


def fresh_uid() -> int:
    return next(_uids)


class Checker(ExprChecker):
    # ---- patterns -------------------------------------------------------------------------------
    def check_pattern(self, p: S.Pattern, ty: Ty, scope: dict[str, tuple[int, Ty]], env: Env) -> C.CPat:
        k = type(p)
        s = self.solver
        if k is S.PVar:
            if p.name in scope:
                raise CryptolTypeError(f"`{p.name}` is bound twice in the same pattern group", p.span)
            uid = fresh_uid()
            scope[p.name] = (uid, ty)
            return C.CPVar(p.name, uid)
        if k is S.PWild:
            return C.CPWild()
        if k is S.PTuple:
            items = [s.fresh_ty("tuple component type", p.span) for _ in p.items]
            s.unify(ty, TyTuple(tuple(items)), p.span)
            return C.CPTuple(tuple(self.check_pattern(q, t, scope, env) for q, t in zip(p.items, items)))
        if k is S.PSeq:
            elem = s.fresh_ty("element type", p.span)
            s.unify(ty, TySeq(len(p.items), elem), p.span)
            return C.CPSeq(tuple(self.check_pattern(q, elem, scope, env) for q in p.items), ty)
        if k is S.PTyped:
            tenv = TypeEnv(env.tenv.module, {}, env.tenv, s, bind_unknown=self.root_types)
            s.unify(ty, to_ty(p.type, tenv), p.span)
            return self.check_pattern(p.pattern, ty, scope, env)
        if k is S.PCon:
            return self._con_pattern(p, ty, scope, env)
        raise CryptolTypeError(f"unsupported pattern {type(p).__name__}", getattr(p, "span", None))

    def _con_pattern(self, p: S.PCon, ty: Ty, scope: dict[str, tuple[int, Ty]], env: Env) -> C.CPat:
        arity = {"Some": 1, "None": 0, "True": 0, "False": 0}.get(p.name)
        if arity is None:
            raise CryptolTypeError(f"unknown constructor `{p.name}` in a pattern", p.span)
        if len(p.args) != arity:
            raise CryptolTypeError(f"constructor `{p.name}` takes {arity} argument(s)", p.span)
        if p.name in ("True", "False"):
            self.solver.unify(ty, BIT, p.span)
            return C.CPCon(p.name, None)
        inner = self.option_of(ty, p.span)
        if p.name == "None":
            return C.CPCon("None", None)
        return C.CPCon("Some", self.check_pattern(p.args[0], inner, scope, env))

    # ---- bindings -------------------------------------------------------------------------------
    def check_function(self, params: tuple[S.Pattern, ...], body: S.Expr, ty: Ty, env: Env,
                       span) -> tuple[tuple[C.CPat, ...], C.CExpr]:
        """Check `params -> body` against `ty`; returns the core patterns and body."""
        s = self.solver
        scope: dict[str, tuple[int, Ty]] = {}
        inner = env.child(scope)
        pats = []
        t = ty
        for p in params:
            t = s.shallow(t)
            if type(t) is TyMeta:
                a = s.fresh_ty("parameter type", p.span)
                r = s.fresh_ty("result type", p.span)
                s.unify(t, TyFun(a, r), p.span)
                t = TyFun(a, r)
            if type(t) is not TyFun:
                raise CryptolTypeError(f"the definition has more parameters than its type "
                                       f"{s.show(ty)} allows", p.span)
            pats.append(self.check_pattern(p, t.arg, scope, inner))
            t = t.res
        return tuple(pats), self.check(body, t, inner)

    def check_where(self, decls: tuple[S.Decl, ...], env: Env) -> tuple[tuple[C.CBind, ...], Env]:
        s = self.solver
        tlocal: dict[str, object] = {}
        tenv = TypeEnv(env.tenv.module, tlocal, env.tenv, s)
        for d in decls:
            if isinstance(d, S.TypeSynonym):
                if d.name in tlocal:
                    raise CryptolTypeError(f"type `{d.name}` is defined twice", d.span)
                tlocal[d.name] = LocalSyn(d.params, d.type, tenv)
            elif isinstance(d, S.ConstraintSynonym):
                raise CryptolTypeError("local constraint synonyms are not supported", d.span)
        sigs: dict[str, Ty] = {}
        for d in decls:
            if isinstance(d, S.Signature):
                if d.schema.tparams or d.schema.props:
                    raise CryptolTypeError("local polymorphic signatures are not supported; move the "
                                           "definition to the top level", d.span)
                t = scheme_from_signature(d.schema, tenv, implicit=False).ty
                for n in d.names:
                    sigs[n] = t
        scope: dict[str, tuple[int, Ty]] = {}
        inner = Env(scope, env, tenv)
        plan: list[tuple[S.Decl, C.CPat, Ty]] = []
        for d in decls:
            if isinstance(d, S.Binding):
                if d.name in scope:
                    raise CryptolTypeError(f"`{d.name}` is defined twice in this `where`", d.span)
                if isinstance(d.body, S.Guarded):
                    raise CryptolTypeError("constraint guards are only supported on top-level definitions",
                                           d.span)
                t = sigs.pop(d.name, None) or s.fresh_ty(f"type of `{d.name}`", d.span)
                uid = fresh_uid()
                scope[d.name] = (uid, t)
                plan.append((d, C.CPVar(d.name, uid), t))
            elif isinstance(d, S.PatternBinding):
                t = s.fresh_ty("type of the pattern", d.span)
                pat = self.check_pattern(d.pattern, t, scope, inner)
                plan.append((d, pat, t))
        for v in list(scope):
            if v in sigs:
                uid, t = scope[v]
                s.unify(t, sigs.pop(v), None)
        if sigs:
            name = next(iter(sigs))
            span = next(d.span for d in decls if isinstance(d, S.Signature) and name in d.names)
            raise CryptolTypeError(f"type signature for `{name}` has no definition", span)
        binds = []
        for d, pat, t in plan:
            if isinstance(d, S.Binding):
                if d.params:
                    params, body = self.check_function(d.params, d.body, t, inner, d.span)  # type: ignore
                    rhs: C.CExpr = C.CLam(params, body)
                else:
                    rhs = self.check(d.body, t, inner)  # type: ignore[arg-type]
            else:
                rhs = self.check(d.expr, t, inner)  # type: ignore[union-attr]
            binds.append(C.CBind(pat, rhs))
        return tuple(binds), inner
