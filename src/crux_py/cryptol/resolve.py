"""Choosing the instance of a Cryptol function from the shapes of its arguments.

A *probe* describes one argument: `None` an int of unknown width, `bool`
(the type) a bit, an int `k` a word of k bits, a list of probes a sequence
of that length, a tuple of probes a tuple (or a sequence, when the parameter
is one), `NONE_OPTION` a Python `None` passed for an `Option`. `resolve`
unifies the probes with the function's instantiated scheme (plus any type
parameters fixed by name), solves, and elaborates the instance (and every
instance it reaches, so type errors surface here). Used by `pyapi.py`.
"""

from __future__ import annotations

from typing import Any

from crux_py.cryptol.elaborate import Instance, instance, instance_closure, scheme_of
from crux_py.cryptol.modules import TopDef
from crux_py.cryptol.types import (
    BIT,
    INF,
    Ty,
    TyFun,
    TyOption,
    TySeq,
    TyTuple,
    split_fun,
    subst_pred,
    subst_ty,
    word,
)
from crux_py.cryptol.unify import Solver
from crux_py.errors import CryptolTypeError
from crux_py.term.nodes import Term


class _NoneOption:
    def __repr__(self) -> str:
        return "NONE_OPTION"


NONE_OPTION = _NoneOption()


def probe_of(v: Any) -> Any:
    """The probe describing a Python (or symbolic) argument value."""
    if v is None:
        return NONE_OPTION
    if type(v) is bool:
        return bool
    if isinstance(v, int):
        return None
    if isinstance(v, Term):
        return bool if v.width == 0 else v.width
    if isinstance(v, (bytes, bytearray)):
        return [8] * len(v)
    if isinstance(v, list):
        return [probe_of(x) for x in v]
    if isinstance(v, tuple):
        return tuple(probe_of(x) for x in v)
    raise TypeError(f"cannot pass a {type(v).__name__} to Cryptol")


def probe_key(p: Any) -> Any:
    if isinstance(p, list):
        return ("L",) + tuple(probe_key(x) for x in p)
    if isinstance(p, tuple):
        return ("T",) + tuple(probe_key(x) for x in p)
    return p


def _unify_probe(s: Solver, ty: Ty, p: Any) -> None:
    t = s.shallow(ty)
    if type(t) is TyOption:
        if p is NONE_OPTION or p is None:
            return
        if isinstance(p, tuple) and len(p) == 2 and p[0] is bool:  # the symbolic (tag, payload)
            p = p[1]
        _unify_probe(s, t.elem, p)
        return
    if p is None:
        return
    if p is NONE_OPTION:
        s.unify(TyOption(s.fresh_ty("option type", None)), t, None)
    elif p is bool:
        s.unify(BIT, t, None)
    elif type(p) is int:
        s.unify(word(p), t, None)
    elif isinstance(p, list) or (isinstance(p, tuple) and type(t) is TySeq):
        elem = s.fresh_ty("element type", None)
        s.unify(TySeq(len(p), elem), t, None)
        for x in p:
            _unify_probe(s, elem, x)
    elif isinstance(p, tuple):
        items = tuple(s.fresh_ty("component type", None) for _ in p)
        s.unify(TyTuple(items), t, None)
        for x, it in zip(p, items):
            _unify_probe(s, it, x)
    else:
        raise TypeError(f"unknown probe {p!r}")


def param_names(d: TopDef) -> list[str]:
    from crux_py.cryptol import syntax as S

    names = []
    for i, p in enumerate(d.binding.params if d.binding else ()):
        while isinstance(p, S.PTyped):
            p = p.pattern
        names.append(p.name if isinstance(p, S.PVar) else f"#{i + 1}")
    return names


def resolve(d: TopDef, fixed: dict[str, Any], probes: list | None) -> tuple[Instance, list[Ty], Ty]:
    """The instance of `d` for these fixed type parameters and argument probes."""
    scheme = scheme_of(d)
    s = Solver(generic=False)
    m: dict[int, object] = {}
    metas = []
    for tp in scheme.tparams:
        hint = f"{'size' if tp.kind == '#' else 'type'} `{tp.name}` of `{d.name}`"
        v = s.fresh_size(hint, d.span) if tp.kind == "#" else s.fresh_ty(hint, d.span)
        metas.append(v)
        m[tp.var.uid] = v
    for name, value in fixed.items():
        idx = next((i for i, tp in enumerate(scheme.tparams) if tp.name == name), -1)
        if idx < 0:
            known = ", ".join(tp.name for tp in scheme.tparams) or "none"
            raise ValueError(f"`{d.name}` has no type parameter `{name}` (its parameters: {known})")
        if scheme.tparams[idx].kind != "#":
            raise ValueError(f"type parameter `{name}` of `{d.name}` is a type, not a size")
        if value is not None and (type(value) is not int or value < 0):
            raise ValueError(f"type parameter `{name}` of `{d.name}` must be a natural number (or None for inf)")
        size = INF if value is None else value
        s.unify_size(metas[idx], size, d.span,
                     lambda name=name, value=value: f"`{name}` of `{d.name}` cannot be {value}")
    for p in scheme.props:
        s.add_pred(subst_pred(p, m), d.span, f"`{d.name}`")
    ty = subst_ty(scheme.ty, m)
    if probes is not None:
        names = param_names(d)
        t = ty
        for i, p in enumerate(probes):
            t = s.shallow(t)
            if type(t) is not TyFun:
                raise TypeError(f"`{d.name}` takes {i} argument(s), but {len(probes)} were given")
            what = names[i] if i < len(names) else f"#{i + 1}"
            try:
                _unify_probe(s, t.arg, p)
            except CryptolTypeError as e:
                raise ValueError(f"argument `{what}` of `{d.name}`: {e.message}") from None
            t = t.res
        if type(s.shallow(t)) is TyFun:
            total = len(split_fun(s.zty(ty))[0])
            raise TypeError(f"`{d.name}` takes {total} argument(s), but {len(probes)} were given")
    s.finish()
    targs = []
    for tp, v in zip(scheme.tparams, metas):
        try:
            targs.append(s.concrete_size(v, d.span) if tp.kind == "#" else s.concrete_ty(v, d.span))
        except CryptolTypeError:
            raise CryptolTypeError(
                f"cannot determine {'size' if tp.kind == '#' else 'type'} `{tp.name}` of `{d.name}` from "
                f"the arguments; fix it with `{d.name}.instantiate({tp.name}=...)`", d.span) from None
    inst = instance(d, tuple(targs))
    instance_closure(inst)
    params, res = split_fun(inst.ty)
    return inst, params, res
