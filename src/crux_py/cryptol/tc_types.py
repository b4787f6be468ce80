"""From written types to internal ones: type scopes, synonyms, kinds, signatures.

`TypeEnv` resolves type names: scoped type variables and local `type`
synonyms first, then the module (`modules.LoadedModule.lookup_type`: module
synonyms, a functor's parameters as bound by its instantiation, imports) and
the Prelude types (`Bit`, `Bool`, `Integer`, `Option`, `String n`, `Word n`,
`Char`). `to_ty`/`to_size`/`to_preds` convert surface syntax (`syntax.py`)
into `types.py` values, expanding synonyms (with parameters) and constraint
synonyms. `scheme_from_signature` builds a `Scheme` from a signature,
inferring each parameter's kind from where it is used and quantifying
implicitly over free type variables, as Cryptol does.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from crux_py.cryptol import syntax as S
from crux_py.cryptol.modules import ConstraintSynDef, ParamTypeDef, SynDef
from crux_py.cryptol.types import (
    BIT,
    INF,
    INTEGER,
    Pred,
    Scheme,
    Size,
    SzOp,
    SzRigid,
    TParam,
    Ty,
    TyFun,
    TyOption,
    TyRigid,
    TySeq,
    TyTuple,
    is_ty,
    word,
)
from crux_py.errors import CryptolTypeError

if TYPE_CHECKING:
    from crux_py.cryptol.modules import LoadedModule
    from crux_py.cryptol.unify import Solver

SIZE_OPS = {"+": 2, "-": 2, "*": 2, "/": 2, "%": 2, "/^": 2, "%^": 2, "^^": 2, "width": 1, "lg2": 1,
            "min": 2, "max": 2}
CLASS_NAMES = {"Zero", "Logic", "Ring", "Integral", "Cmp", "SignedCmp", "Eq", "Literal", "LiteralLessThan"}
RELATIONS = {"==", "!=", ">=", "<=", ">", "<"}
_uids = itertools.count(1)


class LazyArg:
    """A synonym argument, converted when its kind is known."""

    __slots__ = ("env", "syntax")

    def __init__(self, syntax: S.Type, env: TypeEnv) -> None:
        self.syntax = syntax
        self.env = env


class LocalSyn:
    """A `type` synonym declared in a `where`."""

    __slots__ = ("body", "env", "params")

    def __init__(self, params: tuple[str, ...], body: S.Type, env: TypeEnv) -> None:
        self.params = params
        self.body = body
        self.env = env


class TypeEnv:
    """Type names in scope: a chain of local frames over one module."""

    def __init__(self, module: LoadedModule, local: dict[str, object] | None = None,
                 parent: TypeEnv | None = None, solver: Solver | None = None,
                 bind_unknown: dict[str, object] | None = None) -> None:
        self.module = module
        self.local = local if local is not None else {}
        self.parent = parent
        self.solver = solver if solver is not None else (parent.solver if parent else None)
        # When set, unknown names in a pattern annotation become new scoped type variables here.
        self.bind_unknown = bind_unknown

    def child(self, local: dict[str, object] | None = None) -> TypeEnv:
        return TypeEnv(self.module, local or {}, self)

    def lookup_local(self, name: str) -> object | None:
        env: TypeEnv | None = self
        while env is not None:
            if name in env.local:
                return env.local[name]
            env = env.parent
        return None

    def fresh_ty(self, hint: str, span) -> Ty:
        if self.solver is None:
            raise CryptolTypeError("`_` is not allowed here", span)
        return self.solver.fresh_ty(hint, span)

    def fresh_size(self, hint: str, span) -> Size:
        if self.solver is None:
            raise CryptolTypeError("`_` is not allowed here", span)
        return self.solver.fresh_size(hint, span)


def _expect_kind(value: object, want: str, name: str, span) -> object:
    if want == "#" and is_ty(value):
        raise CryptolTypeError(f"`{name}` is a type, but a number is expected here", span)
    if want == "*" and not is_ty(value):
        raise CryptolTypeError(f"`{name}` is a number, but a type is expected here", span)
    return value


def _resolve(name: str, args: tuple[S.Type, ...], want: str, env: TypeEnv, span) -> object:
    """The meaning of a (possibly applied) type name, as a type (`*`) or a size (`#`)."""
    local = env.lookup_local(name)
    if local is not None:
        if isinstance(local, LazyArg):
            if args:
                raise CryptolTypeError(f"`{name}` does not take arguments", span)
            return _convert(local.syntax, want, local.env)
        if isinstance(local, LocalSyn):
            return _expand(name, local.params, local.body, local.env, args, want, env, span)
        if args:
            raise CryptolTypeError(f"`{name}` does not take arguments", span)
        return _expect_kind(local, want, name, span)
    d = env.module.lookup_type(name, span)
    if isinstance(d, SynDef):
        return _expand(name, d.params, d.body, TypeEnv(d.scope), args, want, env, span)
    if isinstance(d, ParamTypeDef):
        raise CryptolTypeError(f"`{name}` is a parameter of module `{env.module.name}`, which must be "
                               "instantiated before use", span)
    if isinstance(d, ConstraintSynDef):
        raise CryptolTypeError(f"`{name}` is a constraint, not a type", span)
    if isinstance(d, str):
        return _prelude_type(name, args, want, env, span)
    if env.bind_unknown is not None and not args:
        v = env.fresh_size(f"size `{name}`", span) if want == "#" else env.fresh_ty(f"type `{name}`", span)
        env.bind_unknown[name] = v
        return v
    raise CryptolTypeError(f"unknown type `{name}`", span)


def _prelude_type(name: str, args: tuple[S.Type, ...], want: str, env: TypeEnv, span) -> object:
    arity = {"Option": 1, "String": 1, "Word": 1}.get(name, 0)
    if len(args) != arity:
        raise CryptolTypeError(f"type `{name}` expects {arity} argument(s), got {len(args)}", span)
    if want == "#":
        raise CryptolTypeError(f"`{name}` is a type, but a number is expected here", span)
    if name in ("Bit", "Bool"):
        return BIT
    if name == "Integer":
        return INTEGER
    if name == "Char":
        return word(8)
    if name == "Option":
        return TyOption(to_ty(args[0], env))
    if name == "String":
        return TySeq(to_size(args[0], env), word(8))
    return word(to_size(args[0], env))


def _expand(name: str, params: tuple[str, ...], body: S.Type, def_env: TypeEnv, args: tuple[S.Type, ...],
            want: str, use_env: TypeEnv, span) -> object:
    if len(args) != len(params):
        raise CryptolTypeError(f"type synonym `{name}` expects {len(params)} argument(s), got {len(args)}",
                               span)
    local = {p: LazyArg(a, use_env) for p, a in zip(params, args)}
    return _convert(body, want, TypeEnv(def_env.module, local, def_env))


def _convert(t: S.Type, want: str, env: TypeEnv) -> object:
    return to_size(t, env) if want == "#" else to_ty(t, env)


def to_ty(t: S.Type, env: TypeEnv) -> Ty:
    k = type(t)
    if k is S.TBit:
        return BIT
    if k is S.TSeq:
        return TySeq(to_size(t.length, env), to_ty(t.elem, env))
    if k is S.TTuple:
        return TyTuple(tuple(to_ty(x, env) for x in t.items))
    if k is S.TFun:
        return TyFun(to_ty(t.arg, env), to_ty(t.result, env))
    if k is S.TWild:
        return env.fresh_ty("type `_`", t.span)
    if k is S.TVar:
        return _resolve(t.name, (), "*", env, t.span)  # type: ignore[return-value]
    if k is S.TApp:
        if t.name in SIZE_OPS:
            raise CryptolTypeError(f"a number (`{t.name}`) is used where a type is expected", t.span)
        return _resolve(t.name, t.args, "*", env, t.span)  # type: ignore[return-value]
    raise CryptolTypeError("a number is used where a type is expected", t.span)


def to_size(t: S.Type, env: TypeEnv) -> Size:
    k = type(t)
    if k is S.TNum:
        return t.value
    if k is S.TInf:
        return INF
    if k is S.TWild:
        return env.fresh_size("size `_`", t.span)
    if k is S.TVar:
        return _resolve(t.name, (), "#", env, t.span)  # type: ignore[return-value]
    if k is S.TApp:
        if t.name in SIZE_OPS:
            if len(t.args) != SIZE_OPS[t.name]:
                raise CryptolTypeError(f"`{t.name}` expects {SIZE_OPS[t.name]} argument(s)", t.span)
            return SzOp(t.name, tuple(to_size(a, env) for a in t.args))
        return _resolve(t.name, t.args, "#", env, t.span)  # type: ignore[return-value]
    raise CryptolTypeError("a type is used where a number is expected", t.span)


def to_preds(p: S.Prop, env: TypeEnv) -> list[Pred]:
    name, args = p.name, p.args
    if name == "fin":
        return [Pred("fin", (to_size(args[0], env),))]
    if name in RELATIONS:
        return [Pred(name, (to_size(args[0], env), to_size(args[1], env)))]
    if name in ("Literal", "LiteralLessThan"):
        return [Pred(name, (to_size(args[0], env), to_ty(args[1], env)))]
    if name in CLASS_NAMES:
        return [Pred(name, (to_ty(args[0], env),))]
    d = env.module.lookup_type(name, p.span)
    if isinstance(d, ConstraintSynDef):
        if len(args) != len(d.params):
            raise CryptolTypeError(f"constraint `{name}` expects {len(d.params)} argument(s)", p.span)
        inner = TypeEnv(d.scope, {q: LazyArg(a, env) for q, a in zip(d.params, args)})
        return [x for q in d.props for x in to_preds(q, inner)]
    raise CryptolTypeError(f"unknown constraint `{name}`", p.span)


# ---- kinds and signatures -----------------------------------------------------------------------

def _syn_param_kinds(params: tuple[str, ...], body: S.Type | tuple[S.Prop, ...], module: LoadedModule,
                     seen: frozenset) -> list[str]:
    out: dict[str, str] = {}
    cands = set(params)
    if isinstance(body, tuple):
        for p in body:
            _prop_kinds(p, out, cands, module, seen)
    else:
        _kinds(body, "*", out, cands, module, seen)
    return [out.get(p, "#") for p in params]


def _kinds(t: S.Type, want: str, out: dict[str, str], cands: set[str], module: LoadedModule,
           seen: frozenset) -> None:
    k = type(t)
    if k is S.TVar:
        if t.name in cands:
            out.setdefault(t.name, want)
    elif k is S.TSeq:
        _kinds(t.length, "#", out, cands, module, seen)
        _kinds(t.elem, "*", out, cands, module, seen)
    elif k is S.TTuple:
        for x in t.items:
            _kinds(x, "*", out, cands, module, seen)
    elif k is S.TFun:
        _kinds(t.arg, "*", out, cands, module, seen)
        _kinds(t.result, "*", out, cands, module, seen)
    elif k is S.TApp:
        if t.name in SIZE_OPS or t.name in ("String", "Word"):
            kinds = ["#"] * len(t.args)
        elif t.name == "Option":
            kinds = ["*"]
        else:
            d = module.lookup_type(t.name)
            if isinstance(d, SynDef) and t.name not in seen:
                kinds = _syn_param_kinds(d.params, d.body, d.scope, seen | {t.name})
            else:
                kinds = ["#"] * len(t.args)
        for a, kind in zip(t.args, kinds):
            _kinds(a, kind, out, cands, module, seen)


def _prop_kinds(p: S.Prop, out: dict[str, str], cands: set[str], module: LoadedModule, seen: frozenset) -> None:
    if p.name == "fin" or p.name in RELATIONS:
        kinds = ["#"] * len(p.args)
    elif p.name in ("Literal", "LiteralLessThan"):
        kinds = ["#", "*"]
    elif p.name in CLASS_NAMES:
        kinds = ["*"]
    else:
        d = module.lookup_type(p.name)
        if isinstance(d, ConstraintSynDef) and p.name not in seen:
            kinds = _syn_param_kinds(d.params, d.props, d.scope, seen | {p.name})
        else:
            kinds = ["#"] * len(p.args)
    for a, kind in zip(p.args, kinds):
        _kinds(a, kind, out, cands, module, seen)


def _free_names(t: S.Type, env: TypeEnv, out: list[str]) -> None:
    k = type(t)
    if k is S.TVar:
        # Like Cryptol, a signature quantifies its free type variables; only lower-case names
        # count as variables, so a misspelt type name is still reported as unknown.
        if env.lookup_local(t.name) is None and env.module.lookup_type(t.name) is None \
                and t.name not in out and "::" not in t.name and t.name[:1].islower():
            out.append(t.name)
    elif k is S.TSeq:
        _free_names(t.length, env, out)
        _free_names(t.elem, env, out)
    elif k is S.TTuple:
        for x in t.items:
            _free_names(x, env, out)
    elif k is S.TFun:
        _free_names(t.arg, env, out)
        _free_names(t.result, env, out)
    elif k is S.TApp:
        for a in t.args:
            _free_names(a, env, out)


def scheme_from_signature(sig: S.Schema, env: TypeEnv, implicit: bool = True) -> Scheme:
    """The scheme of a signature; free type variables are quantified when `implicit`."""
    names = list(sig.tparams)
    if implicit:
        free: list[str] = []
        for p in sig.props:
            for a in p.args:
                _free_names(a, env, free)
        _free_names(sig.type, env, free)
        names += [n for n in free if n not in names]
    kinds: dict[str, str] = {}
    cands = set(names)
    _kinds(sig.type, "*", kinds, cands, env.module, frozenset())
    for p in sig.props:
        _prop_kinds(p, kinds, cands, env.module, frozenset())
    tparams = []
    local: dict[str, object] = {}
    for n in names:
        kind = kinds.get(n, "#")
        var = SzRigid(n, next(_uids)) if kind == "#" else TyRigid(n, next(_uids))
        tparams.append(TParam(n, kind, var))
        local[n] = var
    inner = TypeEnv(env.module, local, env, env.solver)
    props = tuple(x for p in sig.props for x in to_preds(p, inner))
    return Scheme(tuple(tparams), props, to_ty(sig.type, inner))
