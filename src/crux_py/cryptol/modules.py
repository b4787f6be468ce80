"""Cryptol modules: loading files, imports, scopes, functors and their instantiation.

A `ModuleEnv` (one per search path, cached) loads module files (`.cry`, or
literate `.md`) by path or by name (`A::B::C` is `A/B/C.cry|.md` under a
search root), parses them with `parser.py` (imported lazily) and builds a
`LoadedModule`: its own top-level value definitions (`TopDef`) and type
definitions (`SynDef`, `ConstraintSynDef`), its imports, and name
resolution (own names, then unqualified imports, then the Prelude;
`Q::x` through `import M as Q` or a full module name). A functor
(`parameter` block) cannot be used directly; `module X = F where ...`
builds a new `LoadedModule` whose definitions are F's, re-scoped so that F's
parameters mean the given bindings. Type checking and instances of a
`TopDef` are computed and cached by `elaborate.py`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crux_py.cryptol import syntax as S
from crux_py.cryptol.prelude_types import TYPE_NAMES, prelude_schemes
from crux_py.cryptol.types import Scheme
from crux_py.errors import CryptolTypeError
from crux_py.source import SourceSpan


@dataclass(eq=False)
class TopDef:
    """A top-level value definition of one (possibly instantiated) module."""

    name: str
    module: LoadedModule
    binding: S.Binding | None
    signature: S.Schema | None
    span: SourceSpan
    private: bool = False
    param_of: LoadedModule | None = None  # set for a functor's value parameter (no binding)
    sig_doc: str | None = None
    # filled by elaborate.py
    scheme: Scheme | None = None
    state: str = "new"
    instances: dict[Any, Any] = field(default_factory=dict)

    @property
    def is_property(self) -> bool:
        return self.binding is not None and self.binding.is_property

    @property
    def doc(self) -> str | None:
        """The docstring, from the definition or else from its signature."""
        own = self.binding.doc if self.binding is not None else None
        return own or self.sig_doc

    def __repr__(self) -> str:
        return f"<TopDef {self.module.name}::{self.name}>"


@dataclass(frozen=True, eq=False)
class PrimRef:
    name: str
    scheme: Scheme


@dataclass(eq=False)
class SynDef:
    """`type Name params = body`, resolved in `scope`."""

    name: str
    params: tuple[str, ...]
    body: S.Type
    scope: LoadedModule
    span: SourceSpan


@dataclass(eq=False)
class ConstraintSynDef:
    name: str
    params: tuple[str, ...]
    props: tuple[S.Prop, ...]
    scope: LoadedModule
    span: SourceSpan


@dataclass(eq=False)
class ParamTypeDef:
    """A functor's type parameter seen from inside the (uninstantiated) functor."""

    name: str
    kind: str
    span: SourceSpan


TypeDef = SynDef | ConstraintSynDef | ParamTypeDef


class LoadedModule:
    def __init__(self, name: str, path: str, env: ModuleEnv) -> None:
        self.name = name
        self.path = path
        self.env = env
        self.values: dict[str, TopDef] = {}
        self.types: dict[str, TypeDef] = {}
        self.imports: list[tuple[LoadedModule, str | None]] = []
        self.public: set[str] = set()
        self.is_functor = False
        self.param_constraints: tuple[S.Prop, ...] = ()
        self.param_sigs: dict[str, S.Signature] = {}
        self.param_types: dict[str, S.ParamType] = {}
        self.syntax: S.Module | None = None
        self.checked = False

    def __repr__(self) -> str:
        return f"<LoadedModule {self.name}>"

    # ---- name resolution ------------------------------------------------------------------------
    def _qualified(self, name: str) -> tuple[list[LoadedModule], str] | None:
        if "::" not in name:
            return None
        qual, base = name.rsplit("::", 1)
        found = [m for m, alias in self.imports if (alias or m.name) == qual or m.name == qual]
        return found, base

    def lookup_value(self, name: str, span: SourceSpan | None = None) -> TopDef | PrimRef | None:
        q = self._qualified(name)
        if q is not None:
            mods, base = q
            for m in mods:
                d = m.values.get(base)
                if d is not None and base in m.public:
                    return d
            if name.startswith("Cryptol::"):
                return self._prim(base)
            return None
        d = self.values.get(name)
        if d is not None:
            return d
        hits = [m.values[name] for m, alias in self.imports if alias is None and name in m.public
                and name in m.values]
        if len(hits) > 1:
            raise CryptolTypeError(f"`{name}` is ambiguous: it is exported by "
                                   + " and ".join(h.module.name for h in hits), span)
        if hits:
            return hits[0]
        return self._prim(name)

    @staticmethod
    def _prim(name: str) -> PrimRef | None:
        scheme = prelude_schemes().get(name)
        return None if scheme is None else PrimRef(name, scheme)

    def lookup_type(self, name: str, span: SourceSpan | None = None) -> TypeDef | str | None:
        """A type definition, the name of a Prelude type (`TYPE_NAMES`), or None."""
        q = self._qualified(name)
        if q is not None:
            mods, base = q
            for m in mods:
                d = m.types.get(base)
                if d is not None and base in m.public:
                    return d
            return None
        d = self.types.get(name)
        if d is not None:
            return d
        hits = [m.types[name] for m, alias in self.imports if alias is None and name in m.public
                and name in m.types]
        if len(hits) > 1:
            raise CryptolTypeError(f"type `{name}` is ambiguous between imports", span)
        if hits:
            return hits[0]
        return name if name in TYPE_NAMES else None

    def exported_values(self) -> list[TopDef]:
        return [d for n, d in self.values.items() if n in self.public]

    # ---- building -------------------------------------------------------------------------------
    def add_decls(self, decls: tuple[S.TopDecl, ...]) -> None:
        """Enter top-level declarations (order-independent; signatures matched by name)."""
        sigs: dict[str, tuple[S.Signature, bool]] = {}
        for td in decls:
            d = td.decl
            if isinstance(d, S.Signature):
                for n in d.names:
                    if n in sigs:
                        raise CryptolTypeError(f"`{n}` has more than one type signature", d.span)
                    sigs[n] = (d, td.private)
        for td in decls:
            d = td.decl
            if isinstance(d, S.Binding):
                if d.name in self.values:
                    raise CryptolTypeError(f"`{d.name}` is defined more than once", d.span)
                sig = sigs.pop(d.name, None)
                self.values[d.name] = TopDef(d.name, self, d, sig[0].schema if sig else None, d.span,
                                             private=td.private, sig_doc=sig[0].doc if sig else None)
                if not td.private:
                    self.public.add(d.name)
            elif isinstance(d, S.TypeSynonym):
                self._add_type(d.name, SynDef(d.name, d.params, d.type, self, d.span), td.private)
            elif isinstance(d, S.ConstraintSynonym):
                self._add_type(d.name, ConstraintSynDef(d.name, d.params, d.props, self, d.span), td.private)
            elif isinstance(d, S.PatternBinding):
                raise CryptolTypeError("top-level pattern bindings are not supported; bind a name and "
                                       "use a `where`", d.span)
            elif not isinstance(d, S.Signature):
                raise CryptolTypeError(f"unexpected declaration at top level: {type(d).__name__}",
                                       getattr(d, "span", None))
        for n, (sig, _) in sigs.items():
            if n not in self.param_sigs:
                raise CryptolTypeError(f"type signature for `{n}` has no definition", sig.span)

    def _add_type(self, name: str, d: TypeDef, private: bool) -> None:
        if name in self.types:
            raise CryptolTypeError(f"type `{name}` is defined more than once", d.span)
        self.types[name] = d
        if not private:
            self.public.add(name)

    def add_params(self, params: tuple[S.Decl, ...]) -> None:
        for d in params:
            if isinstance(d, S.ParamType):
                self.param_types[d.name] = d
                self.types[d.name] = ParamTypeDef(d.name, d.kind, d.span)
            elif isinstance(d, S.ParamConstraint):
                self.param_constraints += d.props
            elif isinstance(d, S.Signature):
                for n in d.names:
                    self.param_sigs[n] = d
                    self.values[n] = TopDef(n, self, None, d.schema, d.span, param_of=self)
        self.is_functor = bool(params)


class ModuleEnv:
    """Loaded modules for one search path; `get_env` caches one per path."""

    def __init__(self, search_path: tuple[str, ...]) -> None:
        self.search_path = search_path
        self._by_path: dict[str, tuple[float, LoadedModule]] = {}
        self._loading: set[str] = set()

    def find(self, name: str, span: SourceSpan | None) -> str:
        rel = name.replace("::", os.sep)
        for root in self.search_path:
            for ext in (".cry", ".md"):
                cand = os.path.join(root, rel + ext)
                if os.path.isfile(cand):
                    return os.path.abspath(cand)
        raise CryptolTypeError(f"cannot find module `{name}` (looked for {rel}.cry or {rel}.md under "
                               f"{', '.join(self.search_path) or 'no search path'})", span)

    def load_name(self, name: str, span: SourceSpan | None = None) -> LoadedModule:
        return self.load_path(self.find(name, span), span)

    def load_path(self, path: str, span: SourceSpan | None = None) -> LoadedModule:
        path = os.path.abspath(path)
        mtime = os.path.getmtime(path)
        cached = self._by_path.get(path)
        if cached is not None and cached[0] == mtime:
            return cached[1]
        if path in self._loading:
            raise CryptolTypeError(f"import cycle through {path}", span)
        self._loading.add(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
            mod = self.load_text(text, path)
        finally:
            self._loading.discard(path)
        self._by_path[path] = (mtime, mod)
        return mod

    def load_text(self, text: str, filename: str) -> LoadedModule:
        from crux_py.cryptol.parser import (
            parse_module,  # lark stays unloaded until needed
        )

        return self.build(parse_module(text, filename), filename)

    def build(self, syn: S.Module, filename: str) -> LoadedModule:
        if syn.instance_of is not None:
            return self._instantiate(syn, filename)
        mod = LoadedModule(syn.name, filename, self)
        mod.syntax = syn
        mod.imports = self._imports(syn)
        mod.add_params(syn.params)
        mod.add_decls(syn.decls)
        return mod

    def _imports(self, syn: S.Module) -> list[tuple[LoadedModule, str | None]]:
        out = []
        for imp in syn.imports:
            m = self.load_name(imp.module, imp.span)
            if m.is_functor:
                raise CryptolTypeError(f"module `{imp.module}` is parameterized; instantiate it with "
                                       "`module X = F where ...` and import that", imp.span)
            out.append((m, imp.alias))
        return out

    def _instantiate(self, syn: S.Module, filename: str) -> LoadedModule:
        assert syn.instance_of is not None
        functor = self.load_name(syn.instance_of, syn.span)
        if not functor.is_functor:
            raise CryptolTypeError(f"module `{syn.instance_of}` has no parameters to instantiate", syn.span)
        args = LoadedModule(f"{syn.name}$args", filename, self)
        args.imports = self._imports(syn)
        args.add_decls(syn.decls)
        args.public = set(args.values) | set(args.types)
        mod = LoadedModule(syn.name, filename, self)
        assert functor.syntax is not None
        mod.syntax = functor.syntax
        mod.imports = functor.imports
        for name in functor.param_types:
            d = args.types.get(name)
            if not isinstance(d, SynDef) or d.params:
                raise CryptolTypeError(f"instantiation of `{functor.name}` must define `type {name}`",
                                       syn.span)
            mod.types[name] = d
        for name, sig in functor.param_sigs.items():
            d = args.values.get(name)
            if d is None or d.binding is None:
                raise CryptolTypeError(f"instantiation of `{functor.name}` must define `{name}`", syn.span)
            # The argument is checked against the parameter's signature, read in the instance.
            mod.values[name] = TopDef(name, args, d.binding, d.signature or sig.schema, d.span,
                                      private=True, param_of=mod)
        extra = set(args.values) - set(functor.param_sigs)
        extra |= set(args.types) - set(functor.param_types)
        if extra:
            raise CryptolTypeError(f"`{min(extra)}` is not a parameter of `{functor.name}`", syn.span)
        mod.param_constraints = functor.param_constraints
        mod.add_decls(functor.syntax.decls)
        mod.param_sigs = functor.param_sigs
        return mod


_ENVS: dict[tuple[str, ...], ModuleEnv] = {}


def get_env(search_path: tuple[str, ...]) -> ModuleEnv:
    env = _ENVS.get(search_path)
    if env is None:
        env = _ENVS[search_path] = ModuleEnv(search_path)
    return env


def implied_root(path: str, module_name: str) -> str | None:
    """The search root implied by a file's module name: `/r/A/B/C.cry` named `A::B::C` gives `/r`."""
    parts = module_name.split("::")
    p = Path(os.path.abspath(path))
    segs = list(p.with_suffix("").parts)
    if len(segs) > len(parts) and segs[-len(parts):] == parts:
        return str(Path(*segs[:-len(parts)]))
    return None
