"""Cryptol from Python: `load_cryptol`, `cryptol_fn` and the objects they return.

* `load_cryptol(path, search_path=None)` loads and type checks a module (its
  imports are found under the search path, the file's directory and the root
  implied by its module name) and returns a `CryptolModuleProxy` whose
  attributes are the module's public definitions as `CryptolFunction`s
  (`proxy["a'"]` for names that are not Python identifiers). A constant is a
  function of no arguments: `proxy.K()`.
* `cryptol_fn(source, name=None)` binds inline Cryptol: an expression (often a
  lambda), or declarations of which `name` picks one (default: the last).
* `CryptolFunction(*args)` runs concretely, converting by the parameter types
  (`ctype.py` documents the Python representations); sizes of polymorphic
  functions come from the arguments, or from `f.instantiate(n=...)`.
* `f.resolve(probes)` gives a `CryptolInstance` (alias `Instance`) for the
  symbolic simulator: `param_types`, `result_type` (`CType`s),
  `call_concrete(*values)` and `call_symbolic(ctx, args, obligations=None)`.
  Side conditions of a symbolic call (a divisor or an index that may be out of
  range) are appended to `obligations`; without that list such a call raises.
* `proxy.properties()` lists `CryptolProperty`s: `check(*args)` evaluates
  concretely, `symbolic(ctx, args)` gives the Bool term.

Nothing here runs at import time; the parser (and lark) load on first use.
"""

from __future__ import annotations

import os
import sys
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crux_py.cryptol import syntax as S
from crux_py.cryptol.backends import CONCRETE, Obligation, SymbolicBackend
from crux_py.cryptol.ctype import CType, ctype_of, show_ctype, to_internal, to_python
from crux_py.cryptol.elaborate import Instance as CoreInstance
from crux_py.cryptol.elaborate import check_module, scheme_of
from crux_py.cryptol.eval import Evaluator, concrete_evaluator, evaluator_for
from crux_py.cryptol.modules import LoadedModule, TopDef, get_env, implied_root
from crux_py.cryptol.resolve import param_names, probe_key, probe_of, resolve
from crux_py.cryptol.types import Scheme, show_pred, show_ty
from crux_py.errors import CryptolError, CryptolEvalError, CryptolTypeError
from crux_py.source import SourceSpan
from crux_py.term.context import TermContext

_RECURSION_LIMIT = 200_000
_backends: weakref.WeakKeyDictionary[TermContext, SymbolicBackend] = weakref.WeakKeyDictionary()


def symbolic_backend(ctx: TermContext) -> SymbolicBackend:
    """The (cached) symbolic backend of a term context."""
    be = _backends.get(ctx)
    if be is None:
        be = _backends[ctx] = SymbolicBackend(ctx)
    return be


def _guarded(run: Any) -> Any:
    """Run an evaluation with room for Cryptol's deep laziness."""
    old = sys.getrecursionlimit()
    if old < _RECURSION_LIMIT:
        sys.setrecursionlimit(_RECURSION_LIMIT)
    try:
        return run()
    except RecursionError:
        raise CryptolEvalError("evaluation nested too deeply (unbounded recursion?)") from None
    finally:
        sys.setrecursionlimit(old)


def _apply(ev: Evaluator, inst: CoreInstance, args: list) -> Any:
    cell = ev.cell_of(inst)
    if cell.arity == len(args):
        return cell.call(args) if args else cell.value()
    v = cell.value()
    for a in args:
        v = v(a)
    return v


class CryptolInstance:
    """One function at concrete sizes: what the simulator calls."""

    def __init__(self, name: str, inst: CoreInstance, params: list, result: Any, names: list[str]) -> None:
        self.name = name
        self.instance = inst
        self.param_types: list[CType] = [ctype_of(t) for t in params]
        self.result_type: CType = ctype_of(result)
        self._names = names

    @property
    def type_args(self) -> dict[str, Any]:
        scheme = self.instance.defn.scheme
        assert scheme is not None
        return {tp.name: a for tp, a in zip(scheme.tparams, self.instance.targs)}

    def _what(self, i: int) -> str:
        name = self._names[i] if i < len(self._names) else f"#{i + 1}"
        return f"argument `{name}` of `{self.name}`"

    def _convert(self, values: Sequence[Any], symbolic: bool) -> list:
        if len(values) != len(self.param_types):
            raise TypeError(f"`{self.name}` takes {len(self.param_types)} argument(s), got {len(values)}")
        return [to_internal(ct, v, self._what(i), symbolic) for i, (ct, v) in enumerate(zip(self.param_types,
                                                                                            values))]

    def call_concrete(self, *values: Any) -> Any:
        args = self._convert(values, False)
        return _guarded(lambda: to_python(self.result_type, _apply(concrete_evaluator(), self.instance, args)))

    def call_symbolic(self, ctx: TermContext, args: Sequence[Any],
                      obligations: list[Obligation] | None = None) -> Any:
        """Apply to values in the symbolic backend's representation; the result is fully forced."""
        internal = self._convert(args, True)
        be = symbolic_backend(ctx)
        ev = evaluator_for(be)
        be.obligations, be.path = [], True

        def run() -> Any:
            return to_python(self.result_type, _apply(ev, self.instance, internal), symbolic=True)
        result = _guarded(run)
        found, be.obligations = be.obligations, []
        if found:
            if obligations is None:
                first = found[0]
                raise CryptolEvalError(f"{first.message} for some inputs (pass obligations=[] to receive "
                                       "the side conditions)", first.span)
            obligations.extend(found)
        return result

    def __repr__(self) -> str:
        params = ", ".join(show_ctype(c) for c in self.param_types)
        return f"<CryptolInstance {self.name}({params}) -> {show_ctype(self.result_type)}>"



class CryptolFunction:
    """A top-level Cryptol definition callable from Python."""

    def __init__(self, defn: TopDef, fixed: dict[str, Any] | None = None) -> None:
        self.defn = defn
        self.name = defn.name
        self.fixed = dict(fixed or {})
        self._resolved: dict[Any, CryptolInstance] = {}

    @property
    def __doc__(self) -> str | None:  # type: ignore[override]
        return self.defn.doc

    @property
    def signature(self) -> str:
        scheme = scheme_of(self.defn)
        return _show_scheme(scheme)

    def instantiate(self, **sizes: int | None) -> CryptolFunction:
        """This function with the named size parameters fixed (`None` means `inf`)."""
        return CryptolFunction(self.defn, {**self.fixed, **sizes})

    def resolve(self, probes: Sequence[Any]) -> CryptolInstance:
        key = probe_key(list(probes))
        got = self._resolved.get(key)
        if got is None:
            inst, params, result = resolve(self.defn, self.fixed, list(probes))
            got = self._resolved[key] = CryptolInstance(self.name, inst, params, result, param_names(self.defn))
        return got

    def __call__(self, *args: Any) -> Any:
        return self.resolve([probe_of(a) for a in args]).call_concrete(*args)

    def __repr__(self) -> str:
        return f"<CryptolFunction {self.name} : {self.signature}>"


@dataclass
class CryptolProperty:
    name: str
    span: SourceSpan
    param_types: list[CType] | None
    closed: bool
    function: CryptolFunction

    def instantiate(self, **sizes: int | None) -> CryptolProperty:
        return _property(self.function.instantiate(**sizes))

    def check(self, *args: Any) -> bool:
        """Evaluate concretely (a closed property needs no arguments)."""
        return bool(self.function(*args))

    def symbolic(self, ctx: TermContext, args: Sequence[Any] = (),
                 obligations: list[Obligation] | None = None) -> Any:
        """The property applied to symbolic arguments: a Bool term or a bool."""
        inst = self.function.resolve([probe_of(a) for a in args])
        return inst.call_symbolic(ctx, list(args), obligations)


def _show_scheme(scheme: Scheme) -> str:
    head = ""
    if scheme.tparams:
        head = "{" + ", ".join(tp.name for tp in scheme.tparams) + "} "
    if scheme.props:
        head += "(" + ", ".join(show_pred(p) for p in scheme.props) + ") => "
    return head + show_ty(scheme.ty)


def _property(fn: CryptolFunction) -> CryptolProperty:
    d = fn.defn
    scheme = scheme_of(d)
    param_types: list[CType] | None = None
    if scheme.is_mono or fn.fixed:
        try:
            param_types = fn.resolve(_blank_probes(d)).param_types
        except CryptolTypeError as e:
            if not scheme.tparams or "cannot determine" not in e.message:
                raise
    return CryptolProperty(d.name, d.span, param_types, param_types == [], fn)


def _blank_probes(d: TopDef) -> list:
    from crux_py.cryptol.types import TyFun

    t = scheme_of(d).ty
    n = 0
    while isinstance(t, TyFun):
        n, t = n + 1, t.res
    return [None] * n  # `None` probes constrain nothing: the types come from the signature


class CryptolModuleProxy:
    """The public definitions of a loaded module, as attributes."""

    def __init__(self, module: LoadedModule) -> None:
        self._module = module
        self._fns: dict[str, CryptolFunction] = {}

    @property
    def module(self) -> LoadedModule:
        return self._module

    def names(self) -> list[str]:
        return sorted(d.name for d in self._module.exported_values() if d.binding is not None)

    def __getitem__(self, name: str) -> CryptolFunction:
        fn = self._fns.get(name)
        if fn is None:
            d = self._module.values.get(name)
            if d is None or name not in self._module.public or d.binding is None:
                raise AttributeError(f"Cryptol module `{self._module.name}` has no public definition `{name}`")
            fn = self._fns[name] = CryptolFunction(d)
        return fn

    def __getattr__(self, name: str) -> CryptolFunction:
        if name.startswith("__"):
            raise AttributeError(name)
        return self[name]

    def __dir__(self) -> list[str]:
        return self.names()

    def properties(self) -> list[CryptolProperty]:
        """Every property of the module (private ones too), in source order."""
        if self._module.is_functor:
            raise CryptolTypeError(f"module `{self._module.name}` is parameterized; load an instantiation "
                                   f"(`module X = {self._module.name} where ...`) to check its properties")
        defs = [d for d in self._module.values.values() if d.is_property]
        defs.sort(key=lambda d: (d.span.line, d.span.col))
        return [_property(self._fns.get(d.name) or CryptolFunction(d)) for d in defs]

    def __repr__(self) -> str:
        return f"<Cryptol module {self._module.name} ({self._module.path})>"


def load_cryptol(path: str | Path, search_path: Sequence[str | Path] | None = None) -> CryptolModuleProxy:
    """Load a Cryptol module file (`.cry` or literate `.md`), or a module by name under `search_path`."""
    roots = [str(Path(p).resolve()) for p in (search_path or [])]
    p = Path(path)
    if not p.exists() and ("::" in str(path) or not p.suffix) and roots:
        env = get_env(tuple(roots))
        mod = env.load_name(str(path))
    else:
        if not p.is_file():
            raise FileNotFoundError(f"no Cryptol file {path}")
        full = str(p.resolve())
        roots.append(os.path.dirname(full))
        name = _peek_module_name(full)
        root = implied_root(full, name) if name else None
        if root:
            roots.append(root)
        env = get_env(tuple(dict.fromkeys(roots)))
        mod = env.load_path(full)
    check_module(mod)
    return CryptolModuleProxy(mod)


def _peek_module_name(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                words = line.split()
                if len(words) >= 2 and words[0] == "module":
                    return words[1]
    except OSError:
        return None
    return None


_inline: dict[tuple[str, str | None], CryptolFunction] = {}


def cryptol_fn(source: str, name: str | None = None) -> CryptolFunction:
    """A function (or constant) from inline Cryptol: an expression, or declarations."""
    key = (source, name)
    got = _inline.get(key)
    if got is not None:
        return got
    from crux_py.cryptol.parser import parse_decls, parse_expr

    span = SourceSpan("<cryptol_fn>", 1, 0)
    try:
        expr = parse_expr(source, "<cryptol_fn>")
        decls: tuple[S.Decl, ...] = (S.Binding(name or "it", (), expr, expr.span),)
    except CryptolError:
        decls = parse_decls(source, "<cryptol_fn>")
    syn = S.Module("Inline", (), (), tuple(S.TopDecl(d, False) for d in decls), None, span)
    mod = get_env(()).build(syn, "<cryptol_fn>")
    check_module(mod)
    bindings = [d.name for d in decls if isinstance(d, S.Binding)]
    if not bindings:
        raise ValueError("the Cryptol source defines nothing")
    chosen = name if name is not None else bindings[-1]
    if chosen not in mod.values:
        raise ValueError(f"the Cryptol source has no definition `{chosen}` (it defines {', '.join(bindings)})")
    got = _inline[key] = CryptolFunction(mod.values[chosen])
    return got


Instance = CryptolInstance  # the name used by the simulator's interface

__all__ = [
    "CONCRETE",
    "CryptolFunction",
    "CryptolInstance",
    "CryptolModuleProxy",
    "CryptolProperty",
    "Instance",
    "cryptol_fn",
    "load_cryptol",
    "symbolic_backend",
]
