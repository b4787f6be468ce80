"""Type inference for Cryptol expressions, producing core nodes (`core.py`).

`ExprChecker.infer` walks one expression, creating metas in the `Solver`
(`unify.py`) and returning a core node whose types may still contain metas;
`finalize.py` makes them concrete once the whole declaration is solved.
References to top-level declarations and Prelude primitives instantiate
their schemes with fresh metas and are recorded as `Use`s (monomorphisation:
each becomes an instance at concrete type arguments). Patterns, `where`
groups and bindings are the other half, in `tc_decls.py` (`Checker`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from crux_py.cryptol import core as C
from crux_py.cryptol import syntax as S
from crux_py.cryptol.modules import LoadedModule, PrimRef, TopDef
from crux_py.cryptol.tc_types import TypeEnv, to_size, to_ty
from crux_py.cryptol.types import (
    BIT,
    INF,
    Scheme,
    Size,
    SzOp,
    Ty,
    TyFun,
    TyMeta,
    TyOption,
    TySeq,
    TyTuple,
    subst_pred,
    subst_ty,
    word,
)
from crux_py.cryptol.unify import Solver
from crux_py.errors import CryptolTypeError
from crux_py.source import SourceSpan


@dataclass(eq=False)
class Use:
    """A use of a top-level declaration at (not yet solved) type arguments."""

    defn: TopDef
    targs: list
    span: SourceSpan | None


class Env:
    """Local value variables (name -> (uid, type)) over a type scope."""

    __slots__ = ("parent", "tenv", "vars")

    def __init__(self, vars: dict[str, tuple[int, Ty]], parent: Env | None, tenv: TypeEnv) -> None:
        self.vars = vars
        self.parent = parent
        self.tenv = tenv

    def lookup(self, name: str) -> tuple[int, Ty] | None:
        env: Env | None = self
        while env is not None:
            v = env.vars.get(name)
            if v is not None:
                return v
            env = env.parent
        return None

    def child(self, vars: dict[str, tuple[int, Ty]] | None = None, tenv: TypeEnv | None = None) -> Env:
        return Env(vars if vars is not None else {}, self, tenv or self.tenv)


# The scheme of a top-level definition, or its monomorphic type while its group is inferred.
SchemeOracle = Callable[[TopDef, SourceSpan | None], "Scheme | Ty"]


class ExprChecker:
    def __init__(self, solver: Solver, module: LoadedModule, oracle: SchemeOracle) -> None:
        self.solver = solver
        self.module = module
        self.oracle = oracle
        self.uses: list[Use] = []
        self.root_types: dict[str, object] = {}

    # ---- to be provided by tc_decls.Checker -----------------------------------------------------
    def check_pattern(self, p: S.Pattern, ty: Ty, scope: dict[str, tuple[int, Ty]], env: Env) -> C.CPat:
        raise NotImplementedError

    def check_where(self, decls: tuple[S.Decl, ...], env: Env) -> tuple[tuple[C.CBind, ...], Env]:
        raise NotImplementedError

    # ---- entry points ---------------------------------------------------------------------------
    def check(self, e: S.Expr, ty: Ty, env: Env) -> C.CExpr:
        c, t = self.infer(e, env)
        self.solver.unify(t, ty, e.span)
        return c

    def infer(self, e: S.Expr, env: Env) -> tuple[C.CExpr, Ty]:
        method = getattr(self, "_" + type(e).__name__)
        return method(e, env)

    # ---- names ----------------------------------------------------------------------------------
    def _Var(self, e: S.Var, env: Env) -> tuple[C.CExpr, Ty]:
        local = env.lookup(e.name)
        if local is not None:
            uid, ty = local
            return C.CVar(e.name, uid), ty
        return self.use_global(e.name, e.span, (), env)

    def _TypeApp(self, e: S.TypeApp, env: Env) -> tuple[C.CExpr, Ty]:
        if not isinstance(e.expr, S.Var) or env.lookup(e.expr.name) is not None:
            raise CryptolTypeError("type arguments can only be given to top-level or Prelude names", e.span)
        return self.use_global(e.expr.name, e.expr.span, e.args, env)

    def use_global(self, name: str, span: SourceSpan | None, targs: tuple[S.TypeArg, ...],
                   env: Env) -> tuple[C.CExpr, Ty]:
        d = self.module.lookup_value(name, span)
        if d is None:
            raise CryptolTypeError(f"unknown name `{name}`", span)
        if isinstance(d, TopDef) and d.binding is None:
            raise CryptolTypeError(f"`{name}` is a parameter of module `{self.module.name}`, which must be "
                                   "instantiated before use", span)
        scheme = d.scheme if isinstance(d, PrimRef) else self.oracle(d, span)
        if not isinstance(scheme, Scheme):  # the monomorphic type of a definition being inferred
            if targs:
                raise CryptolTypeError(f"`{name}` is being defined here and takes no type arguments", span)
            use = Use(d, [], span)  # type: ignore[arg-type]
            self.uses.append(use)
            return C.CGlobal(use, name), scheme
        metas, ty = self.instantiate(scheme, name, span, targs, env)
        if isinstance(d, PrimRef):
            return C.CPrim(d.name, tuple(metas), span), ty
        use = Use(d, metas, span)
        self.uses.append(use)
        return C.CGlobal(use, name), ty

    def instantiate(self, scheme: Scheme, name: str, span: SourceSpan | None,
                    targs: tuple[S.TypeArg, ...], env: Env) -> tuple[list, Ty]:
        s = self.solver
        metas: list = []
        m: dict[int, object] = {}
        for tp in scheme.tparams:
            hint = f"{'size' if tp.kind == '#' else 'type'} `{tp.name}` of `{name}`"
            v = s.fresh_size(hint, span) if tp.kind == "#" else s.fresh_ty(hint, span)
            metas.append(v)
            m[tp.var.uid] = v
        positional = 0
        for ta in targs:
            if ta.name is None:
                if positional >= len(scheme.tparams):
                    raise CryptolTypeError(f"`{name}` takes only {len(scheme.tparams)} type argument(s)",
                                           ta.span)
                idx = positional
                positional += 1
            else:
                idx = next((i for i, tp in enumerate(scheme.tparams) if tp.name == ta.name), -1)
                if idx < 0:
                    raise CryptolTypeError(f"`{name}` has no type parameter `{ta.name}`", ta.span)
            tp = scheme.tparams[idx]
            if isinstance(ta.type, S.TWild):
                continue
            if tp.kind == "#":
                given = to_size(ta.type, env.tenv)
                s.unify_size(metas[idx], given, ta.span, lambda tp=tp, given=given: (
                    f"type argument `{tp.name}` of `{name}` cannot be {s.show_size(given)}"))
            else:
                s.unify(to_ty(ta.type, env.tenv), metas[idx], ta.span)
        for p in scheme.props:
            s.add_pred(subst_pred(p, m), span, f"`{name}`")
        return metas, subst_ty(scheme.ty, m)

    # ---- literals -------------------------------------------------------------------------------
    def _Lit(self, e: S.Lit, env: Env) -> tuple[C.CExpr, Ty]:
        if e.width is not None:
            if e.value >= 1 << e.width:
                raise CryptolTypeError(f"literal {e.value} does not fit in [{e.width}]", e.span)
            return C.CLit(e.value, word(e.width)), word(e.width)
        a = self.solver.fresh_ty(f"type of literal {e.value}", e.span)
        self.solver.add_goal("Literal", (e.value, a), e.span, f"literal {e.value}")
        return C.CLit(e.value, a), a

    def _StrLit(self, e: S.StrLit, env: Env) -> tuple[C.CExpr, Ty]:
        codes = [ord(ch) for ch in e.value]
        if any(c > 255 for c in codes):
            raise CryptolTypeError("string literal has a character outside [8]", e.span)
        ty = TySeq(len(codes), word(8))
        return C.CSeq(tuple(C.CLit(c, word(8)) for c in codes), ty), ty

    def _Demote(self, e: S.Demote, env: Env) -> tuple[C.CExpr, Ty]:
        n = to_size(e.type, env.tenv)
        a = self.solver.fresh_ty("type of the demoted number", e.span)
        self.solver.add_num("fin", (n,), e.span)
        self.solver.add_goal("Literal", (n, a), e.span, "demotion")
        return C.CLit(n, a), a  # type: ignore[arg-type]  # the size becomes a number in finalize

    # ---- application ----------------------------------------------------------------------------
    def _App(self, e: S.App, env: Env) -> tuple[C.CExpr, Ty]:
        args: list[S.Expr] = []
        f: S.Expr = e
        while isinstance(f, S.App):
            args.append(f.arg)
            f = f.fn
        args.reverse()
        fn, fty = self.infer(f, env)
        cargs = []
        for a in args:
            t = self.solver.shallow(fty)
            if type(t) is TyMeta:
                arg_t = self.solver.fresh_ty("argument type", a.span)
                res_t = self.solver.fresh_ty("result type", a.span)
                self.solver.unify(t, TyFun(arg_t, res_t), f.span)
                t = TyFun(arg_t, res_t)
            if type(t) is not TyFun:
                what = f"`{f.name}`" if isinstance(f, S.Var) else "this expression"
                raise CryptolTypeError(f"{what} is applied to too many arguments "
                                       f"(its type is {self.solver.show(fty)})", a.span)
            cargs.append(self.check(a, t.arg, env))
            fty = t.res
        return C.CApp(fn, tuple(cargs)), fty

    # ---- structures -----------------------------------------------------------------------------
    def _Tuple(self, e: S.Tuple, env: Env) -> tuple[C.CExpr, Ty]:
        pairs = [self.infer(x, env) for x in e.items]
        return C.CTuple(tuple(c for c, _ in pairs)), TyTuple(tuple(t for _, t in pairs))

    def _SeqLit(self, e: S.SeqLit, env: Env) -> tuple[C.CExpr, Ty]:
        elem = self.solver.fresh_ty("element type", e.span)
        items = tuple(self.check(x, elem, env) for x in e.items)
        ty = TySeq(len(items), elem)
        return C.CSeq(items, ty), ty

    def _EnumFromTo(self, e: S.EnumFromTo, env: Env) -> tuple[C.CExpr, Ty]:
        s = self.solver
        first, last = to_size(e.first, env.tenv), to_size(e.last, env.tenv)
        then = to_size(e.then, env.tenv) if e.then is not None else None
        a = s.fresh_ty("element type of the enumeration", e.span)
        for bound in (first, last) + ((then,) if then is not None else ()):
            s.add_num("fin", (bound,), e.span)
            s.add_goal("Literal", (bound, a), e.span, "enumeration")
        if then is None:
            def decreasing() -> str:
                return (f"enumeration [{s.show_size(first)} .. {s.show_size(last)}] is decreasing; "
                        "write [a, a - 1 .. b]")
            zf, zl = s.zsize(first, e.span), s.zsize(last, e.span)
            if type(zf) is int and type(zl) is int and zl < zf:
                raise CryptolTypeError(decreasing(), e.span)
            s.add_num(">=", (last, first), e.span, decreasing)
            length: Size = SzOp("+", (1, SzOp("-", (last, first))))
        else:
            length = SzOp("lenFromThenTo", (first, then, last))
        ty = TySeq(length, a)
        return C.CEnum(first, then, last, ty), ty  # type: ignore[arg-type]  # bounds: see finalize

    def _InfFrom(self, e: S.InfFrom, env: Env) -> tuple[C.CExpr, Ty]:
        first, a = self.infer(e.first, env)
        then = self.check(e.then, a, env) if e.then is not None else None
        self.solver.add_goal("Integral", (a,), e.span, "an infinite enumeration")
        ty = TySeq(INF, a)
        return C.CInfFrom(first, then, ty), ty

    def _Comprehension(self, e: S.Comprehension, env: Env) -> tuple[C.CExpr, Ty]:
        s = self.solver
        head_scope: dict[str, tuple[int, Ty]] = {}
        branches = []
        lengths: list[Size] = []
        for branch in e.branches:
            scope: dict[str, tuple[int, Ty]] = {}
            inner = env.child(scope)
            gens = []
            length: Size = 1
            for g in branch:
                n = s.fresh_size("length of a generator", g.span)
                t = s.fresh_ty("element type of a generator", g.span)
                src_ty = TySeq(n, t)
                src = self.check(g.expr, src_ty, inner)
                pat = self.check_pattern(g.pattern, t, scope, inner)
                gens.append(C.CGen(pat, src, src_ty))
                length = SzOp("*", (length, n)) if length != 1 else n
            for name, v in scope.items():
                if name in head_scope:
                    raise CryptolTypeError(f"`{name}` is bound by two branches of a comprehension", e.span)
                head_scope[name] = v
            branches.append(tuple(gens))
            lengths.append(length)
        total = lengths[0]
        for n in lengths[1:]:
            total = SzOp("min", (total, n))
        head, ht = self.infer(e.head, env.child(head_scope))
        ty = TySeq(total, ht)
        return C.CComp(head, tuple(branches), ty), ty

    # ---- control --------------------------------------------------------------------------------
    def _If(self, e: S.If, env: Env) -> tuple[C.CExpr, Ty]:
        cond = self.check(e.cond, BIT, env)
        then, t = self.infer(e.then, env)
        orelse = self.check(e.orelse, t, env)
        return C.CIf(cond, then, orelse, t), t

    def _Case(self, e: S.Case, env: Env) -> tuple[C.CExpr, Ty]:
        scrut, st = self.infer(e.scrutinee, env)
        result = self.solver.fresh_ty("type of the case", e.span)
        alts = []
        for alt in e.alts:
            scope: dict[str, tuple[int, Ty]] = {}
            inner = env.child(scope)
            pat = self.check_pattern(alt.pattern, st, scope, inner)
            alts.append((pat, self.check(alt.body, result, inner)))
        return C.CCase(scrut, tuple(alts), result, e.span), result

    def _Lambda(self, e: S.Lambda, env: Env) -> tuple[C.CExpr, Ty]:
        scope: dict[str, tuple[int, Ty]] = {}
        inner = env.child(scope)
        params, ptys = [], []
        for p in e.params:
            t = self.solver.fresh_ty("parameter type", p.span)
            params.append(self.check_pattern(p, t, scope, inner))
            ptys.append(t)
        body, bt = self.infer(e.body, inner)
        ty = bt
        for t in reversed(ptys):
            ty = TyFun(t, ty)
        return C.CLam(tuple(params), body), ty

    def _Where(self, e: S.Where, env: Env) -> tuple[C.CExpr, Ty]:
        binds, inner = self.check_where(e.decls, env)
        body, t = self.infer(e.expr, inner)
        return (C.CLet(binds, body) if binds else body), t

    def _Typed(self, e: S.Typed, env: Env) -> tuple[C.CExpr, Ty]:
        t = to_ty(e.type, env.tenv)
        return self.check(e.expr, t, env), t

    def option_of(self, ty: Ty, span: SourceSpan | None) -> Ty:
        a = self.solver.fresh_ty("type of the option's value", span)
        self.solver.unify(ty, TyOption(a), span)
        return a
