"""The shapes of Cryptol values as seen from Python (`CType`), and conversions.

`CType` is what the symbolic simulator needs to know about a parameter or
result of a Cryptol function instance: `CBit()`, `CWord(width)`,
`CSeq(length, elem)` (`length` None when infinite; a sequence of bits is
always a `CWord`, never a `CSeq` of `CBit`), `CTuple(items)`,
`COption(elem)` and `CInteger()`.

Python representations:

* concrete (`to_internal`/`to_python` with `symbolic=False`): `CWord` an
  `int` in `[0, 2**width)`, `CBit` a `bool`, `CInteger` an `int`, `CSeq` a
  `list` (arguments may also be tuples, and `bytes`/`bytearray` for `[k][8]`),
  `CTuple` a `tuple`, `COption` `None` for `None` and the bare value for
  `Some v` (so an `Option (Option a)` is rejected as ambiguous);
* symbolic (`symbolic=True`, the `SymbolicBackend`'s own representation):
  `CWord` an `int` or a BV `Term` of exactly `width` bits (a 0-bit word is
  `0`), `CBit` a `bool` or a Bool `Term`, `CSeq` a `list`, `CTuple` a
  `tuple`, `COption` a pair `(tag, payload)` with `tag` a bit (True for
  `Some`) and `payload` the value (`zero` of its type when `tag` is False).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

from crux_py.cryptol.types import (
    BIT,
    INF,
    Ty,
    TyBit,
    TyFun,
    TyInteger,
    TyOption,
    TySeq,
    TyTuple,
    show_ty,
)
from crux_py.cryptol.values import ListSeq, OptVal, force
from crux_py.errors import CryptolEvalError
from crux_py.term.nodes import Op, Term


@dataclass(frozen=True, slots=True)
class CBit:
    pass


@dataclass(frozen=True, slots=True)
class CWord:
    width: int


@dataclass(frozen=True, slots=True)
class CSeq:
    length: int | None
    elem: CType


@dataclass(frozen=True, slots=True)
class CTuple:
    items: tuple[CType, ...]


@dataclass(frozen=True, slots=True)
class COption:
    elem: CType


@dataclass(frozen=True, slots=True)
class CInteger:
    pass


CType = Union[CBit, CWord, CSeq, CTuple, COption, CInteger]


def ctype_of(ty: Ty) -> CType:
    """The `CType` of a concrete, first-order type."""
    k = type(ty)
    if k is TyBit:
        return CBit()
    if k is TyInteger:
        return CInteger()
    if k is TySeq:
        if ty.elem is BIT and ty.length is not INF:
            return CWord(ty.length)  # type: ignore[arg-type]
        return CSeq(None if ty.length is INF else ty.length, ctype_of(ty.elem))  # type: ignore[arg-type]
    if k is TyTuple:
        return CTuple(tuple(ctype_of(t) for t in ty.items))
    if k is TyOption:
        return COption(ctype_of(ty.elem))
    if k is TyFun:
        raise CryptolEvalError(f"a function ({show_ty(ty)}) cannot be passed between Python and Cryptol")
    raise CryptolEvalError(f"type {show_ty(ty)} has no Python representation")


def show_ctype(ct: CType) -> str:
    if isinstance(ct, CBit):
        return "Bit"
    if isinstance(ct, CInteger):
        return "Integer"
    if isinstance(ct, CWord):
        return f"[{ct.width}]"
    if isinstance(ct, CSeq):
        return f"[{'inf' if ct.length is None else ct.length}]{show_ctype(ct.elem)}"
    if isinstance(ct, CTuple):
        return "(" + ", ".join(show_ctype(c) for c in ct.items) + ")"
    return f"Option {show_ctype(ct.elem)}"  # type: ignore[union-attr]


# ---- Python -> internal -------------------------------------------------------------------------

def to_internal(ct: CType, v: Any, what: str, symbolic: bool = False) -> Any:
    """The evaluator's value for a Python value of shape `ct`; `what` names it in errors."""
    if isinstance(ct, CWord):
        return _word(ct.width, v, what, symbolic)
    if isinstance(ct, CBit):
        if type(v) is bool:
            return v
        if symbolic and isinstance(v, Term) and v.width == 0:
            return v.params[0] if v.op is Op.CONST else v
        raise TypeError(f"{what}: expected a bool for Bit, got {type(v).__name__}")
    if isinstance(ct, CInteger):
        if type(v) is int:
            return v
        raise TypeError(f"{what}: expected an int for Integer, got {type(v).__name__}")
    if isinstance(ct, CSeq):
        if ct.length is None:
            raise ValueError(f"{what}: an infinite sequence cannot be passed from Python")
        if isinstance(v, (bytes, bytearray)) and ct.elem == CWord(8):
            v = list(v)
        if not isinstance(v, (list, tuple)):
            raise TypeError(f"{what}: expected a list of {ct.length} elements, got {type(v).__name__}")
        if len(v) != ct.length:
            raise ValueError(f"{what}: expected {ct.length} elements, got {len(v)}")
        return ListSeq([to_internal(ct.elem, x, f"{what}[{i}]", symbolic) for i, x in enumerate(v)])
    if isinstance(ct, CTuple):
        if not isinstance(v, tuple) or len(v) != len(ct.items):
            raise TypeError(f"{what}: expected a tuple of {len(ct.items)} components")
        return tuple(to_internal(c, x, f"{what}[{i}]", symbolic) for i, (c, x) in enumerate(zip(ct.items, v)))
    if isinstance(ct, COption):
        if symbolic:
            if not isinstance(v, tuple) or len(v) != 2:
                raise TypeError(f"{what}: a symbolic Option is a pair (tag, payload)")
            return OptVal(to_internal(CBit(), v[0], f"{what} tag", True),
                          to_internal(ct.elem, v[1], f"{what} payload", True))
        if isinstance(ct.elem, COption):
            raise TypeError(f"{what}: nested Option values cannot be passed from Python")
        return OptVal(False, None) if v is None else OptVal(True, to_internal(ct.elem, v, what))
    raise TypeError(f"{what}: unsupported shape {ct}")


def _word(n: int, v: Any, what: str, symbolic: bool) -> Any:
    if symbolic and isinstance(v, Term):
        if v.width != n:
            raise ValueError(f"{what}: expected a term of {n} bits, got {v.width}")
        return v.params[0] if v.op is Op.CONST else v
    if isinstance(v, (list, tuple)) and all(type(b) is bool for b in v) and len(v) == n:
        out = 0
        for b in v:
            out = (out << 1) | b
        return out
    if type(v) is not int:
        raise TypeError(f"{what}: expected an int for [{n}], got {type(v).__name__}")
    if not 0 <= v < (1 << n):
        raise ValueError(f"{what}: {v} does not fit in [{n}] (0 <= value < 2**{n})")
    return v


# ---- internal -> Python -------------------------------------------------------------------------

def to_python(ct: CType, v: Any, symbolic: bool = False) -> Any:
    """Fully evaluate an evaluator value of shape `ct` into its Python representation."""
    v = force(v)
    if isinstance(ct, (CWord, CBit, CInteger)):
        if not symbolic and not isinstance(v, (int, bool)):
            raise CryptolEvalError("internal: a symbolic value reached concrete conversion")
        return v
    if isinstance(ct, CSeq):
        if ct.length is None:
            raise CryptolEvalError("the result is an infinite sequence; take a finite prefix in Cryptol")
        return [to_python(ct.elem, v.at(i), symbolic) for i in range(ct.length)]
    if isinstance(ct, CTuple):
        return tuple(to_python(c, x, symbolic) for c, x in zip(ct.items, v))
    if isinstance(ct, COption):
        if symbolic:
            if v.payload is None:
                return (v.tag, python_zero(ct.elem))
            return (v.tag, to_python(ct.elem, v.payload, True))
        if v.tag is False:
            return None
        return to_python(ct.elem, v.payload, False)
    raise CryptolEvalError(f"internal: unsupported shape {ct}")


def python_zero(ct: CType) -> Any:
    """The symbolic-representation value of `zero` at shape `ct`."""
    if isinstance(ct, CBit):
        return False
    if isinstance(ct, (CWord, CInteger)):
        return 0
    if isinstance(ct, CSeq):
        if ct.length is None:
            raise CryptolEvalError("the result is an infinite sequence")
        return [python_zero(ct.elem) for _ in range(ct.length)]
    if isinstance(ct, CTuple):
        return tuple(python_zero(c) for c in ct.items)
    return (False, python_zero(ct.elem))  # type: ignore[union-attr]
