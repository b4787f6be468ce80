"""Schemes and instances of top-level declarations (monomorphisation).

* `scheme_of(d)`: the type scheme of a top-level definition: read from its
  signature (a wildcard `_` in it is solved by checking the body once), or,
  without a signature, inferred from the body and generalised over the metas
  left in its type (recursion inside one definition is monomorphic).
* `instance(d, targs)`: the definition checked at concrete type arguments,
  with constraint guards resolved, as core (`core.py`); memoised per
  definition and type arguments. Uses of other definitions inside it become
  `InstanceKey`s, elaborated on demand (`instance_closure` forces them all).
* `check_module(m)`: load-time checking: monomorphic definitions are
  elaborated, polymorphic ones checked once with rigid type parameters,
  functor-instantiation constraints verified.
"""

from __future__ import annotations

from dataclasses import dataclass

from crux_py.cryptol import core as C
from crux_py.cryptol import syntax as S
from crux_py.cryptol.finalize import Finalizer
from crux_py.cryptol.modules import LoadedModule, TopDef
from crux_py.cryptol.sizes import compare, is_concrete, norm
from crux_py.cryptol.tc_decls import Checker
from crux_py.cryptol.tc_expr import Env, Use
from crux_py.cryptol.tc_types import TypeEnv, scheme_from_signature, to_preds
from crux_py.cryptol.types import (
    INF,
    Pred,
    Scheme,
    SzMeta,
    SzOp,
    SzRigid,
    TParam,
    Ty,
    TyFun,
    TyMeta,
    TyOption,
    TyRigid,
    TySeq,
    TyTuple,
    is_ty,
    show_size,
    show_ty,
    subst_pred,
    subst_ty,
)
from crux_py.cryptol.unify import Solver, collect_metas
from crux_py.errors import CryptolTypeError
from crux_py.source import SourceSpan


@dataclass(frozen=True, slots=True, eq=False)
class InstanceKey:
    defn: TopDef
    targs: tuple

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InstanceKey) and other.defn is self.defn and other.targs == self.targs

    def __hash__(self) -> int:
        return hash((id(self.defn), self.targs))


@dataclass(eq=False)
class Instance:
    """One definition at concrete type arguments, elaborated to core."""

    defn: TopDef
    targs: tuple
    params: tuple[C.CPat, ...]
    body: C.CExpr
    ty: Ty

    @property
    def name(self) -> str:
        return self.defn.name

    @property
    def arity(self) -> int:
        return len(self.params)

    def __repr__(self) -> str:
        return f"<Instance {self.defn.name}{show_targs(self.defn, self.targs)}>"


def show_targs(d: TopDef, targs: tuple) -> str:
    if not targs or not isinstance(d.scheme, Scheme):
        return ""
    parts = [f"{tp.name} = {show_ty(a) if is_ty(a) else show_size(a)}" for tp, a in zip(d.scheme.tparams, targs)]
    return "`{" + ", ".join(parts) + "}"


_inferring: dict[int, tuple[Solver, Ty]] = {}


def _make_key(use: Use, targs: tuple) -> InstanceKey:
    return InstanceKey(use.defn, targs)


def _oracle_for(solver: Solver):
    def oracle(d: TopDef, span: SourceSpan | None) -> Scheme | Ty:
        pending = _inferring.get(id(d))
        if pending is not None:
            if pending[0] is not solver:
                raise CryptolTypeError(f"`{d.name}` is part of a mutually recursive group without type "
                                       "signatures; give it a signature", span)
            return pending[1]
        return scheme_of(d, span)
    return oracle


def _checker(solver: Solver, d: TopDef, local: dict[str, object]) -> tuple[Checker, Env]:
    checker = Checker(solver, d.module, _oracle_for(solver))
    checker.root_types = local
    return checker, Env({}, None, TypeEnv(d.module, local, None, solver))


def scheme_of(d: TopDef, span: SourceSpan | None = None) -> Scheme:
    if d.scheme is not None:
        return d.scheme
    if d.signature is not None:
        solver = Solver(generic=True)
        scheme = scheme_from_signature(d.signature, TypeEnv(d.module, solver=solver))
        if solver.info:  # wildcards: solve them from the body
            d.scheme = scheme
            _check_generic(d, solver)
            ty = solver.zty(scheme.ty)
            if collect_metas(ty, []):
                raise CryptolTypeError(f"the `_` in the signature of `{d.name}` cannot be determined",
                                       d.signature.span)
            scheme = Scheme(scheme.tparams, scheme.props, ty)
        d.scheme = scheme
        return scheme
    assert d.binding is not None
    if isinstance(d.binding.body, S.Guarded):
        raise CryptolTypeError(f"`{d.name}` uses constraint guards and needs a type signature", d.span)
    solver = Solver(generic=True)
    ty = solver.fresh_ty(f"type of `{d.name}`", d.span)
    _inferring[id(d)] = (solver, ty)
    try:
        checker, env = _checker(solver, d, {})
        checker.check_function(d.binding.params, d.binding.body, ty, env, d.span)  # type: ignore[arg-type]
        solver.finish()
    finally:
        del _inferring[id(d)]
    d.scheme = _generalise(solver, ty)
    return d.scheme


def _replace(t: object, m: dict) -> object:
    k = type(t)
    if k in (TyMeta, SzMeta):
        return m.get(t, t)
    if k is TySeq:
        return TySeq(_replace(t.length, m), _replace(t.elem, m))
    if k is TyTuple:
        return TyTuple(tuple(_replace(x, m) for x in t.items))
    if k is TyFun:
        return TyFun(_replace(t.arg, m), _replace(t.res, m))
    if k is TyOption:
        return TyOption(_replace(t.elem, m))
    if k is SzOp:
        return SzOp(t.op, tuple(_replace(a, m) for a in t.args))
    return t


def _generalise(solver: Solver, ty: Ty) -> Scheme:
    zt = solver.zty(ty)
    metas = collect_metas(zt, [])
    m: dict = {}
    tparams = []
    counts = {"#": 0, "*": 0}
    for x in metas:
        kind = "#" if type(x) is SzMeta else "*"
        name = ("n", "a")[kind == "*"] + str(counts[kind])
        counts[kind] += 1
        var = SzRigid(name, 10**9 + x.id) if kind == "#" else TyRigid(name, 10**9 + x.id)
        m[x] = var
        tparams.append(TParam(name, kind, var))
    wanted = set(metas)
    props: list[Pred] = []

    def keep(args: tuple) -> tuple | None:
        z = tuple(solver.zty(a) if is_ty(a) else solver.zsize(a) for a in args)
        found = [x for a in z for x in collect_metas(a, [])]
        if not found or not set(found) <= wanted:
            return None
        return tuple(_replace(a, m) for a in z)

    for g in solver.goals:
        args = keep(g.args)
        if args is not None:
            props.append(Pred(g.cls, args))
    for p in solver.preds:
        args = keep(p.args)
        if args is not None:
            props.append(Pred(p.name, args))
    for eq in solver.eqs:
        args = keep((eq.a, eq.b))
        if args is not None:
            props.append(Pred("==", args))
    return Scheme(tuple(tparams), tuple(props), _replace(zt, m))  # type: ignore[arg-type]


def _check_generic(d: TopDef, solver: Solver | None = None) -> None:
    """Check a polymorphic definition once, its type parameters as rigid skolems."""
    scheme = scheme_of(d) if d.scheme is None else d.scheme
    solver = solver or Solver(generic=True)
    sub: dict[int, object] = {}
    for p in scheme.props:  # schema equalities such as `b == m / 16` define b
        if p.name == "==" and type(p.args[0]) is SzRigid and p.args[0].uid not in sub:
            if any(tp.var.uid == p.args[0].uid for tp in scheme.tparams):
                sub[p.args[0].uid] = p.args[1]
    local = {tp.name: sub.get(tp.var.uid, tp.var) for tp in scheme.tparams}
    for p in scheme.props:
        if type(p.args[-1]) is TyRigid:
            solver.assumed.add((p.name, p.args[-1].uid))
    ty = subst_ty(scheme.ty, sub)
    checker, env = _checker(solver, d, local)
    assert d.binding is not None
    body = d.binding.body
    bodies = [g.body for g in body.guards] if isinstance(body, S.Guarded) else [body]
    for b in bodies:
        checker.check_function(d.binding.params, b, ty, env, d.span)
    solver.finish()


def _choose_guard(d: TopDef, guarded: S.Guarded, env: Env, solver: Solver) -> S.Expr:
    for g in guarded.guards:
        ok = True
        for p in g.props:
            for pred in to_preds(p, env.tenv):
                args = [solver.zsize(a, g.span) for a in pred.args]
                if not all(is_concrete(a) for a in args):
                    raise CryptolTypeError("a constraint guard must only mention type parameters", g.span)
                holds = args[0] is not INF if pred.name == "fin" else compare(pred.name, args[0], args[1])
                ok = ok and holds
        if ok:
            return g.body
    raise CryptolTypeError(f"no constraint guard of `{d.name}` holds for "
                           f"{show_targs(d, tuple(env.tenv.local.values()))[2:-1] or 'these types'}",
                           guarded.span)


def instance(d: TopDef, targs: tuple = ()) -> Instance:
    inst = d.instances.get(targs)
    if inst is not None:
        return inst
    try:
        inst = _elaborate(d, targs)
    except CryptolTypeError as e:
        if targs and "(in `" not in e.message:
            raise CryptolTypeError(f"{e.message} (in `{d.name}{show_targs(d, targs)}`)", e.span) from None
        raise
    d.instances[targs] = inst
    return inst


def _elaborate(d: TopDef, targs: tuple) -> Instance:
    scheme = scheme_of(d)
    if len(targs) != len(scheme.tparams):
        raise CryptolTypeError(f"`{d.name}` expects {len(scheme.tparams)} type argument(s)", d.span)
    if d.binding is None:
        raise CryptolTypeError(f"`{d.name}` is a parameter of an uninstantiated module", d.span)
    solver = Solver(generic=False)
    m = {tp.var.uid: a for tp, a in zip(scheme.tparams, targs)}
    ty = subst_ty(scheme.ty, m)
    for p in scheme.props:
        solver.add_pred(subst_pred(p, m), d.span, f"`{d.name}`")
    local: dict[str, object] = {tp.name: a for tp, a in zip(scheme.tparams, targs)} if d.signature else {}
    checker, env = _checker(solver, d, local)
    body = d.binding.body
    if isinstance(body, S.Guarded):
        body = _choose_guard(d, body, env, solver)
    params, cbody = checker.check_function(d.binding.params, body, ty, env, d.span)
    solver.finish()
    fin = Finalizer(solver, _make_key)
    return Instance(d, targs, tuple(fin.pat(p) for p in params), fin.expr(cbody), solver.concrete_ty(ty, d.span))


def get_instance(key: InstanceKey) -> Instance:
    return instance(key.defn, key.targs)


def globals_of(e: object, out: list) -> list:
    """The instance keys referenced by a core expression."""
    out.extend(x.key for x in C.walk(e) if type(x) is C.CGlobal)  # type: ignore[attr-defined]
    return out


def instance_closure(inst: Instance) -> list[Instance]:
    """Elaborate every instance reachable from `inst` (so type errors surface now)."""
    seen: dict[InstanceKey, Instance] = {}
    work = [inst]
    while work:
        i = work.pop()
        for key in globals_of(i.body, []):
            if key not in seen:
                seen[key] = get_instance(key)
                work.append(seen[key])
    return list(seen.values())


def check_module(mod: LoadedModule) -> None:
    """Type check every definition of a loaded (non-functor) module once."""
    if mod.checked or mod.is_functor:
        return
    mod.checked = True
    for imported, _ in mod.imports:
        check_module(imported)
    if mod.param_constraints:
        tenv = TypeEnv(mod)
        for p in mod.param_constraints:
            for pred in to_preds(p, tenv):
                args = [norm(a, lambda _m: None) for a in pred.args]
                if not all(is_concrete(a) for a in args):
                    raise CryptolTypeError("a parameter constraint must be decided by the instantiation", p.span)
                holds = args[0] is not INF if pred.name == "fin" else compare(pred.name, *args)
                if not holds:
                    raise CryptolTypeError(f"the instantiation `{mod.name}` violates the constraint of its "
                                           f"parameters", p.span)
    for d in list(mod.values.values()):
        if d.binding is None:
            continue
        scheme = scheme_of(d)
        if scheme.is_mono:
            instance(d, ())
        elif d.signature is not None and d.scheme is scheme:
            _check_generic(d)
