"""The elaborated, fully sized core language: what the evaluator runs.

Elaboration (`typecheck.py` and friends) turns one instance of a declaration
(a declaration at concrete type arguments) into these nodes. Every type here
is concrete (sizes are `int` or `INF`), local variables carry a unique id,
references to other top-level declarations name the exact instance they use
(`CGlobal`), and Prelude functions are `CPrim`s carrying their concrete type
arguments, so the evaluator (`eval.py`) never consults the type checker.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterator
from typing import Any, Union

from crux_py.cryptol.types import Ty
from crux_py.source import SourceSpan


@dataclass(frozen=True, slots=True)
class CVar:
    name: str
    uid: int


@dataclass(frozen=True, slots=True)
class CGlobal:
    """The instance `key` (see `elaborate.InstanceKey`) of a top-level declaration."""

    key: Any
    name: str


@dataclass(frozen=True, slots=True)
class CPrim:
    """A Prelude primitive at concrete type arguments (in its scheme's order)."""

    name: str
    targs: tuple
    span: SourceSpan | None


@dataclass(frozen=True, slots=True)
class CLit:
    """A constant of a word type (`value` in range) or of `Integer`."""

    value: int
    ty: Ty


@dataclass(frozen=True, slots=True)
class CApp:
    fn: CExpr
    args: tuple[CExpr, ...]


@dataclass(frozen=True, slots=True)
class CLam:
    params: tuple[CPat, ...]
    body: CExpr


@dataclass(frozen=True, slots=True)
class CIf:
    cond: CExpr
    then: CExpr
    orelse: CExpr
    ty: Ty


@dataclass(frozen=True, slots=True)
class CCase:
    scrutinee: CExpr
    alts: tuple[tuple[CPat, CExpr], ...]
    ty: Ty
    span: SourceSpan | None


@dataclass(frozen=True, slots=True)
class CTuple:
    items: tuple[CExpr, ...]


@dataclass(frozen=True, slots=True)
class CSeq:
    """A sequence literal; `ty` is the sequence type (a word when its elements are bits)."""

    items: tuple[CExpr, ...]
    ty: Ty


@dataclass(frozen=True, slots=True)
class CGen:
    pat: CPat
    src: CExpr
    src_ty: Ty


@dataclass(frozen=True, slots=True)
class CComp:
    """`[head | branch | ...]`; each branch is a tuple of cartesian generators."""

    head: CExpr
    branches: tuple[tuple[CGen, ...], ...]
    ty: Ty


@dataclass(frozen=True, slots=True)
class CBind:
    pat: CPat
    rhs: CExpr


@dataclass(frozen=True, slots=True)
class CLet:
    """A `where` group: recursive, lazy bindings."""

    binds: tuple[CBind, ...]
    body: CExpr


@dataclass(frozen=True, slots=True)
class CEnum:
    """A finite arithmetic sequence `first, first + step, ...` of `count` elements."""

    first: int
    step: int
    count: int
    ty: Ty


@dataclass(frozen=True, slots=True)
class CInfFrom:
    first: CExpr
    then: CExpr | None
    ty: Ty


CExpr = Union[CVar, CGlobal, CPrim, CLit, CApp, CLam, CIf, CCase, CTuple, CSeq, CComp, CLet, CEnum, CInfFrom]


@dataclass(frozen=True, slots=True)
class CPVar:
    name: str
    uid: int


@dataclass(frozen=True, slots=True)
class CPWild:
    pass


@dataclass(frozen=True, slots=True)
class CPTuple:
    items: tuple[CPat, ...]


@dataclass(frozen=True, slots=True)
class CPSeq:
    """A sequence pattern; `ty` is the matched sequence type (a word or not)."""

    items: tuple[CPat, ...]
    ty: Ty


@dataclass(frozen=True, slots=True)
class CPCon:
    """`Some p`, `None`, `True`, `False` in a `case`."""

    name: str
    arg: CPat | None


CPat = Union[CPVar, CPWild, CPTuple, CPSeq, CPCon]


def pattern_vars(p: CPat) -> list[CPVar]:
    if type(p) is CPVar:
        return [p]
    if type(p) in (CPTuple, CPSeq):
        return [v for q in p.items for v in pattern_vars(q)]  # type: ignore[union-attr]
    if type(p) is CPCon and p.arg is not None:
        return pattern_vars(p.arg)
    return []


def walk(e: object) -> Iterator[object]:
    """Every node of a core expression (each shared node as often as it is reached)."""
    stack = [e]
    while stack:
        x = stack.pop()
        yield x
        k = type(x)
        if k is CApp:
            stack.append(x.fn)  # type: ignore[attr-defined]
            stack.extend(x.args)  # type: ignore[attr-defined]
        elif k is CLam:
            stack.append(x.body)  # type: ignore[attr-defined]
        elif k is CIf:
            stack.extend((x.cond, x.then, x.orelse))  # type: ignore[attr-defined]
        elif k is CCase:
            stack.append(x.scrutinee)  # type: ignore[attr-defined]
            stack.extend(b for _, b in x.alts)  # type: ignore[attr-defined]
        elif k in (CTuple, CSeq):
            stack.extend(x.items)  # type: ignore[attr-defined]
        elif k is CComp:
            stack.append(x.head)  # type: ignore[attr-defined]
            stack.extend(g.src for b in x.branches for g in b)  # type: ignore[attr-defined]
        elif k is CLet:
            stack.append(x.body)  # type: ignore[attr-defined]
            stack.extend(b.rhs for b in x.binds)  # type: ignore[attr-defined]
        elif k is CInfFrom:
            stack.append(x.first)  # type: ignore[attr-defined]
            if x.then is not None:  # type: ignore[attr-defined]
                stack.append(x.then)  # type: ignore[attr-defined]
