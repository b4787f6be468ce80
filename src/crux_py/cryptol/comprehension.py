"""Compiling sequence comprehensions (`[e | p <- xs, q <- ys | r <- zs]`) for `eval.py`.

Branches separated by `|` run in parallel (zipped; the shortest wins, which
the type checker already turned into the result length); generators inside
one branch, separated by `,`, are cartesian (the last varies fastest). The
result is a lazy `FnSeq`: element `i` binds each generator's pattern to its
source's element in a fresh frame and evaluates the head. A source is
evaluated once per comprehension, unless it mentions a variable of an
earlier generator of its branch, in which case it is evaluated per element.
Comprehensions of bits with a finite length are packed into a word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crux_py.cryptol import core as C
from crux_py.cryptol.frames import Code, Scope
from crux_py.cryptol.types import BIT, INF
from crux_py.cryptol.values import FnSeq

if TYPE_CHECKING:
    from crux_py.cryptol.eval import Evaluator

_UNEVALUATED = object()


def free_uids(e: object, out: set[int]) -> set[int]:
    """Variable ids mentioned in a core expression (an over-approximation of its free ones)."""
    out.update(x.uid for x in C.walk(e) if type(x) is C.CVar)  # type: ignore[attr-defined]
    return out


def _indices(i: int, lens: list[int | None]) -> list[int]:
    """The per-generator indices of element `i` of a cartesian branch (last varies fastest)."""
    out = [0] * len(lens)
    rem = i
    for j in range(len(lens) - 1, -1, -1):
        n = lens[j]
        if n is None:
            out[j] = rem
            rem = 0
        else:
            out[j] = rem % n if n else 0
            rem //= n if n else 1
    return out


def compile_comprehension(ev: Evaluator, e: C.CComp, sc: Scope) -> Code:
    inner = Scope(sc)
    branches = []
    slot_of_source = 0
    for branch in e.branches:
        bound: set[int] = set()
        gens = []
        for g in branch:
            per_element = bool(free_uids(g.src, set()) & bound)
            src = ev.compile(g.src, inner if per_element else sc)
            binder = ev.binder(g.pat, inner)
            bound |= {v.uid for v in C.pattern_vars(g.pat)}
            ty = g.src_ty
            n = None if ty.length is INF else ty.length
            word_n = n if ty.elem is BIT and n is not None else None
            gens.append((binder, src, per_element, word_n, slot_of_source))
            slot_of_source += 1
        branches.append((gens, [None if g.src_ty.length is INF else g.src_ty.length for g in branch]))
    head = ev.compile(e.head, inner)
    size = inner.size
    nsources = slot_of_source
    bit = ev.be.w_bit
    ty = e.ty
    length = None if ty.length is INF else ty.length
    single = len(branches) == 1 and len(branches[0][0]) == 1

    def comp(fr: list) -> Any:
        sources: list[Any] = [_UNEVALUATED] * nsources

        def elem(i: int) -> Any:
            f2 = [None] * size
            f2[0] = fr
            for gens, lens in branches:
                idxs = [i] if single else _indices(i, lens)
                for (binder, src, per_element, word_n, slot), idx in zip(gens, idxs):
                    if per_element:
                        s = src(f2)
                    else:
                        s = sources[slot]
                        if s is _UNEVALUATED:
                            s = sources[slot] = src(fr)
                    binder(f2, bit(s, word_n, idx) if word_n is not None else s.at(idx))
            return head(f2)

        if ty.elem is BIT and length is not None:
            return ev.be.w_from_bits([elem(i) for i in range(length)])
        return FnSeq(length, elem)
    return comp
