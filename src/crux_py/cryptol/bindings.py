"""Compiling binding forms for `eval.py`: patterns, `where` groups and `case`.

* `binder`: binds a parameter, lambda or generator pattern to a (possibly
  lazy) value: variables take the value as it is, tuple and sequence patterns
  force the value to its outer shape and bind the components lazily (the bits
  of a word directly).
* `compile_let`: a `where` group is one new frame whose slots are thunks
  evaluated in that frame, so the bindings are recursive; a pattern binding
  shares one thunk for its right-hand side and selects components lazily.
* `compile_case`: the first matching alternative; under a symbolic tag every
  feasible alternative is evaluated under its path condition and merged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crux_py.cryptol import core as C
from crux_py.cryptol.frames import Code, Scope
from crux_py.cryptol.types import BIT
from crux_py.cryptol.values import Thunk, force
from crux_py.errors import CryptolEvalError

if TYPE_CHECKING:
    from crux_py.cryptol.eval import Evaluator


def binder(ev: Evaluator, p: C.CPat, sc: Scope) -> Callable[[list, Any], None]:
    """Binds a (possibly lazy) value to the variables of a parameter or generator pattern."""
    k = type(p)
    if k is C.CPVar:
        idx = sc.add(p.uid)

        def bind_var(fr: list, v: Any) -> None:
            fr[idx] = v
        return bind_var
    if k is C.CPWild:
        return lambda fr, v: None
    if k is C.CPTuple:
        subs = [binder(ev, q, sc) for q in p.items]

        def bind_tuple(fr: list, v: Any) -> None:
            for b, x in zip(subs, force(v)):
                b(fr, x)
        return bind_tuple
    if k is C.CPSeq:
        subs = [binder(ev, q, sc) for q in p.items]
        ty = p.ty
        if ty.elem is BIT:
            n, bit = ty.length, ev.be.w_bit

            def bind_bits(fr: list, v: Any) -> None:
                w = force(v)
                for i, b in enumerate(subs):
                    b(fr, bit(w, n, i))
            return bind_bits

        def bind_seq(fr: list, v: Any) -> None:
            s = force(v)
            for i, b in enumerate(subs):
                b(fr, s.lazy(i))
        return bind_seq
    raise CryptolEvalError(f"internal: unexpected pattern {k.__name__}")

def _paths(p: C.CPat, path: tuple, out: list) -> None:
    k = type(p)
    if k is C.CPVar:
        out.append((p.uid, path))
    elif k is C.CPTuple:
        for i, q in enumerate(p.items):
            _paths(q, path + (("t", i, None),), out)
    elif k is C.CPSeq:
        n = p.ty.length if p.ty.elem is BIT else None
        for i, q in enumerate(p.items):
            _paths(q, path + (("s", i, n),), out)

def _selector(ev: Evaluator, path: tuple) -> Callable[[Any], Any]:
    bit = ev.be.w_bit

    def select(shared: Any) -> Any:
        v = force(shared)
        for kind, i, n in path:
            if kind == "t":
                v = force(v[i])
            elif n is not None:
                v = bit(v, n, i)
            else:
                v = v.at(i)
        return v
    return select


def compile_let(ev: Evaluator, e: C.CLet, sc: Scope) -> Code:
    inner = Scope(sc)
    plan: list[tuple] = []
    for b in e.binds:
        if type(b.pat) is C.CPVar:
            plan.append(("var", inner.add(b.pat.uid), b.rhs))
        else:
            paths: list = []
            _paths(b.pat, (), paths)
            slots = [(inner.add(uid), _selector(ev, path)) for uid, path in paths]
            plan.append(("pat", slots, b.rhs))
    steps = []
    for kind, where, rhs in plan:
        steps.append((kind, where, ev.compile(rhs, inner), type(rhs) is C.CLam))
    body = ev.compile(e.body, inner)
    size = inner.size

    def let(fr: list) -> Any:
        f2 = [None] * size
        f2[0] = fr
        for kind, where, code, direct in steps:
            if kind == "var":
                f2[where] = code(f2) if direct else Thunk(code, f2)
            else:
                shared = Thunk(code, f2)
                for idx, select in where:
                    f2[idx] = Thunk(select, shared)
        return body(f2)
    return let


def compile_case(ev: Evaluator, e: C.CCase, sc: Scope) -> Code:
    scrut = ev.compile(e.scrutinee, sc)
    alts = []
    for pat, body in e.alts:
        inner = Scope(sc)
        if type(pat) is C.CPCon:
            bind = binder(ev, pat.arg, inner) if pat.arg is not None else None
            alts.append((pat.name, bind, inner, ev.compile(body, inner)))
        else:
            alts.append((None, binder(ev, pat, inner), inner, ev.compile(body, inner)))
    merge, ops, be, span = ev.ops.merge(e.ty), ev.ops, ev.be, e.span

    def run_alt(alt: tuple, fr: list, v: Any) -> Any:
        name, bind, inner, body = alt
        f2 = [None] * inner.size
        f2[0] = fr
        if bind is not None:
            bind(f2, v.payload if name == "Some" else v)
        return body(f2)

    def matches(name: str | None, v: Any) -> Any:
        if name is None:
            return True
        if name in ("True", "False"):
            return v if name == "True" else be.b_not(v)
        return v.tag if name == "Some" else be.b_not(v.tag)

    def case(fr: list) -> Any:
        v = scrut(fr)
        return pick(0, fr, v)

    def pick(i: int, fr: list, v: Any) -> Any:
        if i == len(alts):
            be.fail("no alternative of the `case` matches", span)
            return ops.zero(e.ty)
        c = matches(alts[i][0], v)
        if c is True:
            return run_alt(alts[i], fr, v)
        if c is False or not be.feasible(c):
            return pick(i + 1, fr, v)
        if not be.feasible(be.b_not(c)):
            return run_alt(alts[i], fr, v)
        a = ops.under(c, lambda: run_alt(alts[i], fr, v))
        b = ops.under(be.b_not(c), lambda: pick(i + 1, fr, v))
        return merge(c, a, b)
    return case
