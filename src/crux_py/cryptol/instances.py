"""The class instances of the Cryptol subset: which types support which operators.

`step(solver, goal)` advances one class constraint (`Ring a`, `Literal 5 a`,
...): it returns True when the constraint is discharged (possibly after adding
simpler ones, such as `fin n` for `Ring [n]`), False while its type is still
unknown, and raises `CryptolTypeError` when the type cannot support it. The
solver that calls it is `unify.Solver`; the evaluator relies on exactly these
instances when it lifts operators over sequences, tuples and functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crux_py.cryptol.types import (
    BIT,
    SzOp,
    TyBit,
    TyFun,
    TyInteger,
    TyMeta,
    TyOption,
    TyRigid,
    TySeq,
    TyTuple,
)
from crux_py.errors import CryptolTypeError

if TYPE_CHECKING:
    from crux_py.cryptol.unify import Goal, Solver


_WHAT = {"Ring": "arithmetic", "Integral": "integral arithmetic", "Logic": "logical operations",
         "Cmp": "comparison", "SignedCmp": "signed comparison", "Eq": "equality", "Literal": "literals",
         "LiteralLessThan": "literals"}
# A constraint on a type variable holds when the signature assumes it or a stronger class.
_IMPLIED_BY = {"Eq": ("Eq", "Cmp", "SignedCmp"), "Cmp": ("Cmp", "SignedCmp"), "Ring": ("Ring", "Integral"),
               "Literal": ("Literal", "LiteralLessThan")}


def _fail(solver: Solver, goal: Goal, t: object) -> CryptolTypeError:
    what = _WHAT.get(goal.cls, goal.cls)
    shown = solver.show(t)  # type: ignore[arg-type]
    if goal.cls in ("Literal", "LiteralLessThan"):
        return CryptolTypeError(f"a literal cannot have type {shown}", goal.span)
    return CryptolTypeError(f"type {shown} does not support {what} ({goal.origin})", goal.span)


def _sub(solver: Solver, goal: Goal, cls: str, t: object) -> None:
    solver.add_goal(cls, (t,), goal.span, goal.origin)


def step(solver: Solver, goal: Goal) -> bool:
    cls = goal.cls
    if cls == "Zero":
        return True
    t = solver.shallow(goal.args[-1])
    k = type(t)
    if k is TyMeta:
        return False
    if k is TyRigid:
        if solver.generic and any((c, t.uid) in solver.assumed for c in _IMPLIED_BY.get(cls, (cls,))):
            return True
        raise CryptolTypeError(f"type variable `{t.name}` is not known to support {_WHAT.get(cls, cls)} "
                               f"({goal.origin}); add `{cls} {t.name}` to the signature", goal.span)
    if cls in ("Literal", "LiteralLessThan"):
        value = goal.args[0]
        if k is TyInteger:
            return True
        if k is TySeq:
            solver.unify(t.elem, BIT, goal.span)
            n = t.length
            solver.add_num("fin", (n,), goal.span)
            shown = solver.show_size(value) if not isinstance(value, int) else str(value)
            if cls == "Literal":
                def message() -> str:
                    return f"literal {solver.show_size(value)} does not fit in [{solver.show_size(n)}]"
                solver.add_num(">=", (n, SzOp("width", (value,))), goal.span, message)
            else:
                def message() -> str:
                    return f"values below {shown} do not fit in [{solver.show_size(n)}]"
                solver.add_num(">=", (SzOp("^^", (2, n)), value), goal.span, message)
            return True
        raise _fail(solver, goal, t)
    if cls == "Logic":
        if k is TyBit:
            return True
        if k is TySeq:
            _sub(solver, goal, "Logic", t.elem)
            return True
        if k is TyTuple:
            for x in t.items:
                _sub(solver, goal, "Logic", x)
            return True
        if k is TyFun:
            _sub(solver, goal, "Logic", t.res)
            return True
        raise _fail(solver, goal, t)
    if cls == "Ring":
        if k is TyInteger:
            return True
        if k is TySeq:
            elem = solver.shallow(t.elem)
            if type(elem) is TyMeta:
                return False
            if elem is BIT:
                solver.add_num("fin", (t.length,), goal.span)
            else:
                _sub(solver, goal, "Ring", elem)
            return True
        if k is TyTuple:
            for x in t.items:
                _sub(solver, goal, "Ring", x)
            return True
        if k is TyFun:
            _sub(solver, goal, "Ring", t.res)
            return True
        raise _fail(solver, goal, t)
    if cls == "Integral":
        if k is TyInteger:
            return True
        if k is TySeq:
            elem = solver.shallow(t.elem)
            if type(elem) is TyMeta:
                solver.unify(elem, BIT, goal.span)
            elif elem is not BIT:
                raise _fail(solver, goal, t)
            solver.add_num("fin", (t.length,), goal.span)
            return True
        raise _fail(solver, goal, t)
    if cls in ("Cmp", "Eq", "SignedCmp"):
        if k is TyBit or (k is TyInteger and cls != "SignedCmp"):
            return True
        if k is TySeq:
            elem = solver.shallow(t.elem)
            if cls == "SignedCmp" and elem is BIT:
                solver.add_num("fin", (t.length,), goal.span)
                solver.add_num(">=", (t.length, 1), goal.span)
                return True
            solver.add_num("fin", (t.length,), goal.span)
            _sub(solver, goal, cls, elem)
            return True
        if k is TyTuple:
            for x in t.items:
                _sub(solver, goal, cls, x)
            return True
        if k is TyOption and cls == "Eq":
            _sub(solver, goal, cls, t.elem)
            return True
        raise _fail(solver, goal, t)
    raise CryptolTypeError(f"unknown class `{cls}`", goal.span)
