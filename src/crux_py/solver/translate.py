"""Backend-independent pieces of term translation: the iterative memoised
walk, the expansion of BITFUN truth tables, and the variables of a query.

Each backend (`*_backend.py`) supplies one build rule per `Op` that makes a
native term from the already translated arguments; this module decides the
order. Nothing here knows a solver library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from crux_py.errors import panic
from crux_py.term.nodes import Op, Term
from crux_py.term.truthtable import Formula, formula

N = TypeVar("N")

Rule = Callable[[Term, list[N]], N]


class Translator(Generic[N]):
    """Translates terms with `rules`, remembering every translated node.

    The memo is keyed by the `Term` object (interned, hashed by identity),
    so it may outlive one query and be shared by the queries of a proof;
    it keeps those terms alive as long as the translator lives.
    """

    __slots__ = ("_rules", "memo")

    def __init__(self, rules: Mapping[Op, Rule[N]]) -> None:
        missing = set(Op) - set(rules)
        if missing:
            raise panic(f"translator lacks rules for {sorted(o.name for o in missing)}")
        self._rules = dict(rules)
        self.memo: dict[Term, N] = {}

    def translate(self, roots: Sequence[Term]) -> list[N]:
        memo, rules = self.memo, self._rules
        # Post-order with an explicit stack: DAGs are far deeper than
        # Python's recursion limit. A node is pushed again as "ready" below
        # its arguments, so all of them are in the memo when it is built.
        stack: list[tuple[Term, bool]] = [(r, False) for r in reversed(roots)]
        while stack:
            t, ready = stack.pop()
            if t in memo:
                continue
            if ready or not t.args:
                memo[t] = rules[t.op](t, [memo[a] for a in t.args])
            else:
                stack.append((t, True))
                stack.extend((a, False) for a in reversed(t.args) if a not in memo)
        return [memo[r] for r in roots]


def cone_variables(roots: Iterable[Term]) -> list[Term]:
    """The distinct variables reachable from `roots`, in first-seen order."""
    seen: set[Term] = set()
    out: list[Term] = []
    stack = list(roots)
    while stack:
        t = stack.pop()
        if t in seen:
            continue
        seen.add(t)
        if t.op is Op.VAR:
            out.append(t)
        else:
            stack.extend(t.args)
    return out


def require_bool(assertions: Sequence[Term]) -> None:
    for a in assertions:
        if not isinstance(a, Term) or a.width != 0:
            raise panic(f"solver assertions must be Bool terms, got {type(a).__name__} "
                        f"of width {getattr(a, 'width', '?')}")


@dataclass(frozen=True, slots=True)
class BitwiseOps(Generic[N]):
    """A backend's bit-vector connectives, for expanding truth tables."""

    not_: Callable[[N], N]
    and_: Callable[[N, N], N]
    or_: Callable[[N, N], N]
    xor: Callable[[N, N], N]
    zeros: Callable[[int], N]   # width -> the all-zeros constant
    ones: Callable[[int], N]    # width -> the all-ones constant


def expand_bitfun(term: Term, leaves: Sequence[N], ops: BitwiseOps[N]) -> N:
    """The BITFUN `term` over translated `leaves`, following `truthtable.formula`.

    Equal subformulas (the mux shape reuses one cofactor) are built once.
    Formulas over at most four leaves are a few levels deep, so plain
    recursion is safe here.
    """
    if term.op is not Op.BITFUN:
        raise panic(f"expand_bitfun on {term.op}")
    tt = term.params[0]
    assert isinstance(tt, int)
    built: dict[Formula, N] = {}

    def go(f: Formula) -> N:
        node = built.get(f)
        if node is not None:
            return node
        kind = f[0]
        if kind == "leaf":
            node = leaves[f[1]]
        elif kind == "const":
            node = ops.ones(term.width) if f[1] else ops.zeros(term.width)
        elif kind == "not":
            node = ops.not_(go(f[1]))
        elif kind == "and":
            node = ops.and_(go(f[1]), go(f[2]))
        elif kind == "or":
            node = ops.or_(go(f[1]), go(f[2]))
        elif kind == "xor":
            node = ops.xor(go(f[1]), go(f[2]))
        else:
            raise panic(f"unknown truth-table formula {kind!r}")
        built[f] = node
        return node

    return go(formula(tt, len(leaves)))
