"""The internal types of the Cryptol elaborator: sizes, value types and schemes.

Sizes are natural numbers (`int`), `INF`, size metavariables (`SzMeta`,
solved by `unify.py`), rigid size variables (`SzRigid`: the parameters of a
scheme, or the skolems of a generic check) and applications of the
type-level operators (`SzOp`). Value types are `Bit`, `Integer`, sequences
(a word `[n]` is `TySeq(n, BIT)`), tuples, functions, `Option`, type
metavariables and rigid type variables. After elaboration every type left in
the core IR (`core.py`) is *concrete*: no metas, no rigids, sizes `int | INF`.

Conversion from the surface syntax lives in `tc_types.py`; size arithmetic in
`sizes.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


class _Inf:
    """The size `inf` (a singleton)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "inf"


INF = _Inf()


@dataclass(frozen=True, slots=True)
class SzMeta:
    """A size metavariable, solved by unification; `id` is unique per solver run."""

    id: int


@dataclass(frozen=True, slots=True)
class SzRigid:
    """A rigid size variable: a scheme parameter (replaced on instantiation) or a skolem."""

    name: str
    uid: int


@dataclass(frozen=True, slots=True)
class SzOp:
    """A type-level operator applied to sizes: `+ - * / % /^ %^ ^^ width lg2 min max`
    (and `lenFromThenTo` for enumerations)."""

    op: str
    args: tuple[Size, ...]


Size = Union[int, _Inf, SzMeta, SzRigid, SzOp]


@dataclass(frozen=True, slots=True)
class TyBit:
    pass


@dataclass(frozen=True, slots=True)
class TyInteger:
    pass


BIT = TyBit()
INTEGER = TyInteger()


@dataclass(frozen=True, slots=True)
class TySeq:
    length: Size
    elem: Ty


@dataclass(frozen=True, slots=True)
class TyTuple:
    items: tuple[Ty, ...]


@dataclass(frozen=True, slots=True)
class TyFun:
    arg: Ty
    res: Ty


@dataclass(frozen=True, slots=True)
class TyOption:
    elem: Ty


@dataclass(frozen=True, slots=True)
class TyMeta:
    id: int


@dataclass(frozen=True, slots=True)
class TyRigid:
    name: str
    uid: int


Ty = Union[TyBit, TyInteger, TySeq, TyTuple, TyFun, TyOption, TyMeta, TyRigid]


def word(n: Size) -> TySeq:
    return TySeq(n, BIT)


def is_word(t: Ty) -> bool:
    """A finite sequence of bits (the caller has resolved metas)."""
    return type(t) is TySeq and t.elem is BIT and type(t.length) is int


def fun_type(params: list[Ty], res: Ty) -> Ty:
    for p in reversed(params):
        res = TyFun(p, res)
    return res


def split_fun(t: Ty) -> tuple[list[Ty], Ty]:
    """Argument types and final result of a (concrete) function type."""
    args = []
    while type(t) is TyFun:
        args.append(t.arg)
        t = t.res
    return args, t


# ---- predicates and schemes ---------------------------------------------------------------------

NUMERIC_RELS = frozenset({"==", "!=", ">=", "<=", ">", "<"})
CLASSES = frozenset({"Zero", "Logic", "Ring", "Integral", "Cmp", "SignedCmp", "Eq", "Literal",
                     "LiteralLessThan"})


@dataclass(frozen=True, slots=True)
class Pred:
    """A constraint: `fin n`, a numeric relation (`name` in NUMERIC_RELS, two size args),
    or a class constraint (`Literal` has a size and a type arg, the others one type)."""

    name: str
    args: tuple[Size | Ty, ...]


@dataclass(frozen=True, slots=True)
class TParam:
    """A scheme parameter: `kind` is `#` (size) or `*` (type); `var` the rigid it binds."""

    name: str
    kind: str
    var: SzRigid | TyRigid


@dataclass(frozen=True, slots=True)
class Scheme:
    tparams: tuple[TParam, ...]
    props: tuple[Pred, ...]
    ty: Ty

    @property
    def is_mono(self) -> bool:
        return not self.tparams


def mono(ty: Ty) -> Scheme:
    return Scheme((), (), ty)


# ---- substitution of rigid variables ------------------------------------------------------------

def subst_size(s: Size, m: dict[int, object]) -> Size:
    t = type(s)
    if t is SzRigid:
        return m.get(s.uid, s)  # type: ignore[return-value]
    if t is SzOp:
        return SzOp(s.op, tuple(subst_size(a, m) for a in s.args))
    return s


def subst_ty(ty: Ty, m: dict[int, object]) -> Ty:
    t = type(ty)
    if t is TyRigid:
        return m.get(ty.uid, ty)  # type: ignore[return-value]
    if t is TySeq:
        return TySeq(subst_size(ty.length, m), subst_ty(ty.elem, m))
    if t is TyTuple:
        return TyTuple(tuple(subst_ty(x, m) for x in ty.items))
    if t is TyFun:
        return TyFun(subst_ty(ty.arg, m), subst_ty(ty.res, m))
    if t is TyOption:
        return TyOption(subst_ty(ty.elem, m))
    return ty


def subst_pred(p: Pred, m: dict[int, object]) -> Pred:
    return Pred(p.name, tuple(subst_ty(a, m) if _is_ty(a) else subst_size(a, m) for a in p.args))


def _is_ty(x: object) -> bool:
    return isinstance(x, (TyBit, TyInteger, TySeq, TyTuple, TyFun, TyOption, TyMeta, TyRigid))


is_ty = _is_ty


# ---- printing -----------------------------------------------------------------------------------

_PREC = {"+": 6, "-": 6, "*": 7, "/": 7, "%": 7, "/^": 7, "%^": 7, "^^": 8}


def show_size(s: Size, names: dict[object, str] | None = None, prec: int = 0) -> str:
    t = type(s)
    if t is int:
        return str(s)
    if s is INF:
        return "inf"
    if t is SzMeta:
        return (names or {}).get(s, f"?n{s.id}")
    if t is SzRigid:
        return s.name
    assert t is SzOp
    if s.op in _PREC and len(s.args) == 2:
        p = _PREC[s.op]
        text = (f"{show_size(s.args[0], names, p)} {s.op} "
                f"{show_size(s.args[1], names, p + (0 if s.op == '^^' else 1))}")
        return f"({text})" if p < prec else text
    text = " ".join([s.op] + [show_size(a, names, 10) for a in s.args])
    return f"({text})" if prec >= 10 else text


def show_ty(ty: Ty, names: dict[object, str] | None = None, prec: int = 0) -> str:
    t = type(ty)
    if t is TyBit:
        return "Bit"
    if t is TyInteger:
        return "Integer"
    if t is TySeq:
        n = show_size(ty.length, names)
        if ty.elem is BIT:
            return f"[{n}]"
        return f"[{n}]{show_ty(ty.elem, names, 10)}"
    if t is TyTuple:
        return "(" + ", ".join(show_ty(x, names) for x in ty.items) + ")"
    if t is TyFun:
        text = f"{show_ty(ty.arg, names, 1)} -> {show_ty(ty.res, names, 0)}"
        return f"({text})" if prec >= 1 else text
    if t is TyOption:
        text = f"Option {show_ty(ty.elem, names, 10)}"
        return f"({text})" if prec >= 10 else text
    if t is TyMeta:
        return (names or {}).get(ty, f"?a{ty.id}")
    assert t is TyRigid
    return ty.name


def show_pred(p: Pred) -> str:
    if p.name in NUMERIC_RELS:
        return f"{show_size(p.args[0])} {p.name} {show_size(p.args[1])}"  # type: ignore[arg-type]
    parts = [p.name]
    for a in p.args:
        parts.append(show_ty(a, prec=10) if _is_ty(a) else show_size(a, prec=10))  # type: ignore[arg-type]
    return " ".join(parts)
