"""Rebuilding a term DAG through a `TermContext`: substitution and transplanting.

`rebuild(term, ctx, leaf)` reconstructs `term` bottom-up with `ctx`'s smart
constructors, replacing each variable by `leaf(var)` (or the same-named
variable of `ctx` when `leaf` returns None). With a different `ctx` this
moves a term into another proof context; with a mapping it substitutes
values for variables. Iterative and memoised, so deep shared DAGs are fine.
"""

from __future__ import annotations

from collections.abc import Callable

from crux_py.term.context import TermContext
from crux_py.term.nodes import Op, Term

_Build = Callable[[TermContext, list[Term], tuple[object, ...]], Term]

_BUILD: dict[Op, _Build] = {
    Op.NOT: lambda c, a, p: c.not_(a[0]),
    Op.AND: lambda c, a, p: c.and_(*a),
    Op.OR: lambda c, a, p: c.or_(*a),
    Op.XOR: lambda c, a, p: c.xor(a[0], a[1]),
    Op.EQ: lambda c, a, p: c.eq(a[0], a[1]),
    Op.ULT: lambda c, a, p: c.ult(a[0], a[1]),
    Op.ULE: lambda c, a, p: c.ule(a[0], a[1]),
    Op.SLT: lambda c, a, p: c.slt(a[0], a[1]),
    Op.SLE: lambda c, a, p: c.sle(a[0], a[1]),
    Op.ITE: lambda c, a, p: c.ite(a[0], a[1], a[2]),
    Op.ADD: lambda c, a, p: c.add(*a),
    Op.MUL: lambda c, a, p: c.mul(*a),
    Op.NEG: lambda c, a, p: c.neg(a[0]),
    Op.BVAND: lambda c, a, p: c.bvand(*a),
    Op.BVOR: lambda c, a, p: c.bvor(*a),
    Op.BVXOR: lambda c, a, p: c.bvxor(*a),
    Op.BVNOT: lambda c, a, p: c.bvnot(a[0]),
    Op.BITFUN: lambda c, a, p: c.bitfun(p[0], *a),  # type: ignore[arg-type]
    Op.SHL: lambda c, a, p: c.shl(a[0], a[1]),
    Op.LSHR: lambda c, a, p: c.lshr(a[0], a[1]),
    Op.ASHR: lambda c, a, p: c.ashr(a[0], a[1]),
    Op.UDIV: lambda c, a, p: c.udiv(a[0], a[1]),
    Op.UREM: lambda c, a, p: c.urem(a[0], a[1]),
    Op.SDIV: lambda c, a, p: c.sdiv(a[0], a[1]),
    Op.SREM: lambda c, a, p: c.srem(a[0], a[1]),
    Op.EXTRACT: lambda c, a, p: c.extract(a[0], p[0], p[1]),  # type: ignore[arg-type]
    Op.CONCAT: lambda c, a, p: c.concat(*a),
    Op.SEXT: lambda c, a, p: c.sext(a[0], p[0]),  # type: ignore[arg-type]
}


def build_node(ctx: TermContext, op: Op, args: list[Term], params: tuple[object, ...]) -> Term:
    """The node `op(args)` with `params`, through `ctx`'s smart constructors."""
    return _BUILD[op](ctx, args, params)


def rebuild(term: Term, ctx: TermContext, leaf: Callable[[Term], Term | None] = lambda v: None,
            memo: dict[int, Term] | None = None) -> Term:
    """`term` rebuilt in `ctx` with variables replaced by `leaf(var)` (same width/sort).

    Pass one `memo` (keyed by the source term's id) to rebuild several terms
    of one DAG consistently and without repeated work.
    """
    done: dict[int, Term] = {} if memo is None else memo
    stack: list[tuple[Term, bool]] = [(term, False)]
    while stack:
        t, expanded = stack.pop()
        if t.tid in done:
            continue
        if t.op is Op.CONST:
            done[t.tid] = ctx.const(t.value, t.width)
        elif t.op is Op.VAR:
            new = leaf(t)
            if new is None:
                new = ctx.var(t.name, t.width)
            elif new.width != t.width:
                raise ValueError(f"substitute for {t.name} has width {new.width}, not {t.width}")
            done[t.tid] = new
        elif expanded:
            done[t.tid] = build_node(ctx, t.op, [done[a.tid] for a in t.args], t.params)
        else:
            stack.append((t, True))
            stack.extend((a, False) for a in t.args if a.tid not in done)
    return done[term.tid]


def variables_of(term: Term) -> set[Term]:
    """The variables occurring in `term`."""
    seen: set[int] = set()
    found: set[Term] = set()
    stack = [term]
    while stack:
        t = stack.pop()
        if t.tid in seen:
            continue
        seen.add(t.tid)
        if t.op is Op.VAR:
            found.add(t)
        stack.extend(t.args)
    return found
