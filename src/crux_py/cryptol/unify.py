"""The constraint solver of one elaboration: metavariables, unification, a worklist.

A `Solver` owns the substitution of type and size metas created while one
declaration (or one instance of it) is checked. `unify` equates types
structurally; size equalities that cannot be decided at once are deferred and
retried by `solve` whenever another meta is bound (`sizes.solve_eq` solves an
equation as soon as it has one unknown). Class constraints (`Literal`,
`Ring`, ...) wait until their type is known; their rules live in
`instances.py`. Numeric predicates (`fin n`, `a >= b`) are checked once their
sizes are concrete. `finish` applies Cryptol's defaulting (literals to
`Integer`, literal-bounded sizes to their least value) in instance mode.

In *generic* mode (checking a polymorphic declaration once, with its type
parameters as rigid skolems) facts about skolems that cannot be decided are
assumed; only definite contradictions are errors. Instance mode has no
skolems, so every constraint is decided.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from crux_py.cryptol import instances, sizes
from crux_py.cryptol.types import (
    BIT,
    INF,
    INTEGER,
    Pred,
    Size,
    SzMeta,
    SzOp,
    SzRigid,
    Ty,
    TyBit,
    TyFun,
    TyInteger,
    TyMeta,
    TyOption,
    TyRigid,
    TySeq,
    TyTuple,
    is_ty,
    show_size,
    show_ty,
)
from crux_py.errors import CryptolTypeError
from crux_py.source import SourceSpan

_ids = itertools.count()


class Mismatch(Exception):
    """Raised inside structural unification; turned into a message at the top."""


@dataclass(slots=True)
class MetaInfo:
    hint: str
    span: SourceSpan | None


@dataclass(slots=True)
class SizeEq:
    a: Size
    b: Size
    span: SourceSpan | None
    describe: Callable[[], str]


@dataclass(slots=True)
class NumPred:
    name: str
    args: tuple[Size, ...]
    span: SourceSpan | None
    message: Callable[[], str]


@dataclass(slots=True)
class Goal:
    cls: str
    args: tuple
    span: SourceSpan | None
    origin: str


DEFAULTABLE = frozenset({"Literal", "LiteralLessThan", "Ring", "Integral", "Cmp", "Eq"})


class Solver:
    def __init__(self, generic: bool = False) -> None:
        self.generic = generic
        self.tsub: dict[int, Ty] = {}
        self.nsub: dict[int, Size] = {}
        self.info: dict[object, MetaInfo] = {}
        self.eqs: list[SizeEq] = []
        self.preds: list[NumPred] = []
        self.goals: list[Goal] = []
        # Class constraints a generic check may assume: (class, uid of a rigid type variable).
        self.assumed: set[tuple[str, int]] = set()

    # ---- metas ----------------------------------------------------------------------------------
    def fresh_ty(self, hint: str, span: SourceSpan | None) -> TyMeta:
        m = TyMeta(next(_ids))
        self.info[m] = MetaInfo(hint, span)
        return m

    def fresh_size(self, hint: str, span: SourceSpan | None) -> SzMeta:
        m = SzMeta(next(_ids))
        self.info[m] = MetaInfo(hint, span)
        return m

    def _resolve(self, m: SzMeta) -> Size | None:
        return self.nsub.get(m.id)

    def zsize(self, s: Size, span: SourceSpan | None = None) -> Size:
        try:
            return sizes.norm(s, self._resolve)
        except sizes.SizeError as e:
            raise CryptolTypeError(str(e), span) from None

    def shallow(self, t: Ty) -> Ty:
        while type(t) is TyMeta:
            b = self.tsub.get(t.id)
            if b is None:
                return t
            t = b
        return t

    def zty(self, t: Ty, span: SourceSpan | None = None) -> Ty:
        t = self.shallow(t)
        k = type(t)
        if k is TySeq:
            return TySeq(self.zsize(t.length, span), self.zty(t.elem, span))
        if k is TyTuple:
            return TyTuple(tuple(self.zty(x, span) for x in t.items))
        if k is TyFun:
            return TyFun(self.zty(t.arg, span), self.zty(t.res, span))
        if k is TyOption:
            return TyOption(self.zty(t.elem, span))
        return t

    def show(self, t: Ty, names: dict[object, str] | None = None) -> str:
        z = self.zty(t)
        return show_ty(z, names if names is not None else self.names_for([z]))

    def show_size(self, s: Size) -> str:
        z = self.zsize(s)
        return show_size(z, self.names_for([z]))

    def names_for(self, things: list) -> dict[object, str]:
        """Readable names for the unsolved metas of the (zonked) types or sizes in `things`."""
        found: list = []
        for x in things:
            collect_metas(x, found)
        names: dict[object, str] = {}
        used: set[str] = set()
        pools = {TyMeta: iter("abcdefghijk"), SzMeta: iter("nmklpqrs")}
        for m in found:
            info = self.info.get(m)
            name = info.hint.split("`")[1] if info is not None and "`" in info.hint else None
            if name is None or name in used or name == "_":
                name = next((c for c in pools[type(m)] if c not in used), f"?{m.id}")
            used.add(name)
            names[m] = name
        return names

    # ---- unification ----------------------------------------------------------------------------
    def unify(self, actual: Ty, expected: Ty, span: SourceSpan | None) -> None:
        """Make `actual` (found at `span`) equal to `expected`."""
        def describe() -> str:
            e, a = self.zty(expected), self.zty(actual)
            names = self.names_for([e, a])
            return f"type mismatch: expected {show_ty(e, names)}, found {show_ty(a, names)}"
        try:
            self._unify(actual, expected, span, describe)
        except Mismatch as e:
            detail = f" ({e.args[0]})" if e.args and e.args[0] else ""
            raise CryptolTypeError(describe() + detail, span) from None

    def _unify(self, a: Ty, b: Ty, span: SourceSpan | None, describe: Callable[[], str]) -> None:
        a, b = self.shallow(a), self.shallow(b)
        if a is b:
            return
        ka, kb = type(a), type(b)
        if ka is TyMeta:
            self._bind_ty(a, b)
            return
        if kb is TyMeta:
            self._bind_ty(b, a)
            return
        if ka is not kb:
            raise Mismatch("")
        if ka is TySeq:
            self._unify(a.elem, b.elem, span, describe)
            if not self._size_eq(a.length, b.length, span, describe):
                raise Mismatch("")
        elif ka is TyTuple:
            if len(a.items) != len(b.items):
                raise Mismatch("")
            for x, y in zip(a.items, b.items):
                self._unify(x, y, span, describe)
        elif ka is TyFun:
            self._unify(a.arg, b.arg, span, describe)
            self._unify(a.res, b.res, span, describe)
        elif ka is TyOption:
            self._unify(a.elem, b.elem, span, describe)
        elif ka is TyRigid:
            if a.uid != b.uid:
                raise Mismatch("")
        elif ka not in (TyBit, TyInteger):
            raise Mismatch("")

    def _bind_ty(self, m: TyMeta, t: Ty) -> None:
        if self._occurs(m, t):
            raise Mismatch("infinite type")
        self.tsub[m.id] = t

    def _occurs(self, m: TyMeta, t: Ty) -> bool:
        t = self.shallow(t)
        k = type(t)
        if k is TyMeta:
            return t.id == m.id
        if k is TySeq or k is TyOption:
            return self._occurs(m, t.elem)
        if k is TyTuple:
            return any(self._occurs(m, x) for x in t.items)
        if k is TyFun:
            return self._occurs(m, t.arg) or self._occurs(m, t.res)
        return False

    def unify_size(self, a: Size, b: Size, span: SourceSpan | None, describe: Callable[[], str]) -> None:
        if not self._size_eq(a, b, span, describe):
            raise CryptolTypeError(describe(), span)

    def _size_eq(self, a: Size, b: Size, span: SourceSpan | None, describe: Callable[[], str]) -> bool:
        """Equate two sizes: bind, check, or defer. False on a definite contradiction."""
        a, b = self.zsize(a, span), self.zsize(b, span)
        if a == b:
            return True
        if type(a) is SzMeta and a not in sizes.metas_of(b):
            self.nsub[a.id] = b
            return True
        if type(b) is SzMeta and b not in sizes.metas_of(a):
            self.nsub[b.id] = a
            return True
        result = sizes.solve_eq(a, b)
        if result[0] == "true":
            return True
        if result[0] == "false":
            return False
        if result[0] == "bind":
            self.nsub[result[1].id] = result[2]
            return True
        self.eqs.append(SizeEq(a, b, span, describe))
        return True

    # ---- constraints ----------------------------------------------------------------------------
    def add_goal(self, cls: str, args: tuple, span: SourceSpan | None, origin: str) -> None:
        self.goals.append(Goal(cls, args, span, origin))

    def add_num(self, name: str, args: tuple[Size, ...], span: SourceSpan | None,
                message: Callable[[], str] | None = None) -> None:
        if name == "==":
            def describe() -> str:
                return message() if message else \
                    f"constraint `{self.show_size(args[0])} == {self.show_size(args[1])}` does not hold"
            self.unify_size(args[0], args[1], span, describe)
            return
        if message is None:
            def message() -> str:
                shown = " ".join(self.show_size(a) for a in args) if name == "fin" else \
                    f"{self.show_size(args[0])} {name} {self.show_size(args[1])}"
                text = f"fin {shown}" if name == "fin" else shown
                return f"constraint `{text}` does not hold"
        self.preds.append(NumPred(name, args, span, message))

    def add_pred(self, p: Pred, span: SourceSpan | None, origin: str) -> None:
        if p.name == "fin" or p.name in ("==", "!=", ">=", "<=", ">", "<"):
            self.add_num(p.name, p.args, span)  # type: ignore[arg-type]
        else:
            self.add_goal(p.name, p.args, span, origin)

    def _check_num(self, p: NumPred) -> bool:
        """True when discharged; raises when false."""
        args = [self.zsize(a, p.span) for a in p.args]
        if not all(sizes.is_concrete(a) for a in args):
            return False
        ok = args[0] is not INF if p.name == "fin" else sizes.compare(p.name, args[0], args[1])
        if not ok:
            raise CryptolTypeError(p.message(), p.span)
        return True

    def solve(self) -> None:
        progress = True
        while progress:
            progress = False
            for eq in list(self.eqs):
                a, b = self.zsize(eq.a, eq.span), self.zsize(eq.b, eq.span)
                r = ("true",) if a == b else sizes.solve_eq(a, b)
                if r[0] == "unknown":
                    continue
                self.eqs.remove(eq)
                if r[0] == "false":
                    raise CryptolTypeError(eq.describe(), eq.span)
                if r[0] == "bind":
                    self.nsub[r[1].id] = r[2]
                    progress = True
            for g in list(self.goals):
                if instances.step(self, g):
                    self.goals.remove(g)
                    progress = True
            for p in list(self.preds):
                if self._check_num(p):
                    self.preds.remove(p)
            if not progress:
                progress = self._stalled()

    def _stalled(self) -> bool:
        """Last resort when the worklist is stuck: an equation with one unknown whose value is
        unique but not found by inversion (the length of a stream defined from its own tail)."""
        for eq in self.eqs:
            found = sizes.unique_solution(self.zsize(eq.a, eq.span), self.zsize(eq.b, eq.span))
            if found is not None:
                self.nsub[found[0].id] = found[1]
                return True
        return False

    def finish(self) -> None:
        """Solve, default (instance mode) and report definite failures."""
        self.solve()
        if self.generic:
            return
        changed = False
        for g in self.goals:
            t = self.shallow(g.args[-1])
            if type(t) is TyMeta and g.cls in DEFAULTABLE:
                self.tsub[t.id] = INTEGER
                changed = True
        if changed:
            self.solve()
        # A type nothing constrains cannot be observed: any type will do (Cryptol leaves it
        # polymorphic); the unit type keeps the core concrete.
        constrained = set()
        for g in self.goals:
            collect_metas(self.zty(g.args[-1]) if is_ty(g.args[-1]) else g.args[-1], constrained)
        for m in list(self.info):
            if type(m) is TyMeta and m.id not in self.tsub and m not in constrained:
                self.tsub[m.id] = TyTuple(())
        in_eqs: set[SzMeta] = set()
        for eq in self.eqs:
            sizes.metas_of(self.zsize(eq.a), in_eqs)
            sizes.metas_of(self.zsize(eq.b), in_eqs)
        bounds: dict[SzMeta, int] = {}
        for p in self.preds:
            if p.name in (">=", "<="):
                big, small = (p.args[0], p.args[1]) if p.name == ">=" else (p.args[1], p.args[0])
                big, small = self.zsize(big), self.zsize(small)
                if type(big) is SzMeta and type(small) is int and big not in in_eqs:
                    bounds[big] = max(bounds.get(big, 0), small)
        for m, v in bounds.items():
            self.nsub[m.id] = v
        if bounds:
            self.solve()

    # ---- results --------------------------------------------------------------------------------
    def concrete_size(self, s: Size, span: SourceSpan | None) -> int | object:
        s = self.zsize(s, span)
        if type(s) is int or s is INF:
            return s
        raise self._undetermined(s, span)

    def concrete_ty(self, t: Ty, span: SourceSpan | None) -> Ty:
        """`t` with every meta solved; an unsolved one is a 'cannot be determined' error."""
        z = self.zty(t, span)
        bad = self._first_unsolved(z)
        if bad is not None:
            raise self._undetermined(bad, span)
        return z

    def _first_unsolved(self, t: Ty) -> object | None:
        k = type(t)
        if k is TyMeta or k is TyRigid:
            return t
        if k is TySeq:
            if type(t.length) is not int and t.length is not INF:
                return t.length
            return self._first_unsolved(t.elem)
        if k is TyTuple:
            for x in t.items:
                r = self._first_unsolved(x)
                if r is not None:
                    return r
        if k is TyFun:
            return self._first_unsolved(t.arg) or self._first_unsolved(t.res)
        if k is TyOption:
            return self._first_unsolved(t.elem)
        return None

    def _undetermined(self, x: object, span: SourceSpan | None) -> CryptolTypeError:
        if type(x) is SzOp:
            ms = sorted(sizes.metas_of(x), key=lambda m: m.id)
            x = ms[0] if ms else x
        info = self.info.get(x)
        if info is not None:
            return CryptolTypeError(f"{info.hint} cannot be determined", info.span or span)
        if type(x) in (SzRigid, TyRigid):
            return CryptolTypeError(f"type variable `{x.name}` is not known here", span)  # type: ignore
        return CryptolTypeError(f"size `{show_size(x)}` cannot be determined", span)  # type: ignore


def word_of(solver: Solver, t: Ty) -> Size | None:
    """The length of `t` when it is (already known to be) a sequence of bits."""
    t = solver.shallow(t)
    if type(t) is TySeq and solver.shallow(t.elem) is BIT:
        return t.length
    return None


def collect_metas(x: object, out: list) -> list:
    """The type and size metavariables in `x`, appended to `out` once each (returns `out`)."""
    k = type(x)
    if k is TyMeta or k is SzMeta:
        if x not in out:
            out.append(x)
    elif k is TySeq:
        collect_metas(x.length, out)
        collect_metas(x.elem, out)
    elif k is TyTuple:
        for i in x.items:
            collect_metas(i, out)
    elif k is TyFun:
        collect_metas(x.arg, out)
        collect_metas(x.res, out)
    elif k is TyOption:
        collect_metas(x.elem, out)
    elif k is SzOp:
        for a in x.args:
            collect_metas(a, out)
    return out
