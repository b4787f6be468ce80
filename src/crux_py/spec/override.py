"""Applying proved specs at a call: the override model of an enabled spec.

At a call of `f` with specs enabled, `SpecOverride`:
1. matches each spec's argument templates against the actual arguments,
   giving the spec's input variables their actual values (input ranges and
   repeated or constant arguments become conditions);
2. checks, as an obligation of the caller, that some spec's preconditions
   hold ("precondition of spec S may not hold");
3. for the first spec whose preconditions hold, makes fresh variables for the
   result and for the contents of lists the call changes, moves the spec's
   postconditions into the caller's context and assumes them; a postcondition
   `result == g(args)` defines the result as `g(args)` instead.
Each call gets its own fresh variables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crux_py.shapes import IntShape
from crux_py.sim import pyint
from crux_py.sim.compare import bool_term, eq
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.values import InstanceObj, ListObj, Ref, SymBool, SymInt
from crux_py.source import SourceSpan
from crux_py.spec.method_spec import MethodSpec
from crux_py.spec.templates import (
    ConstLeaf, InstanceTemplate, ListTemplate, Mutable, Template, TupleTemplate, VarLeaf, leaves,
)
from crux_py.term.context import TermContext
from crux_py.term.nodes import Op, Term
from crux_py.term.rebuild import rebuild, variables_of

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator


@dataclass
class _Match:
    conditions: list[Term] = field(default_factory=list)
    bound: dict[str, Term] = field(default_factory=dict)
    lists: dict[int, Ref] = field(default_factory=dict)


class SpecOverride:
    """The model of a function for which `specs` are enabled (first match wins)."""

    def __init__(self, specs: Sequence[MethodSpec]) -> None:
        self.specs = list(specs)
        self.calls = 0

    def __call__(self, sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                 span: SourceSpan) -> object:
        ctx = sim.ctx
        matches = [_match(sim, st, spec, args, kwargs) for spec in self.specs]
        pres = [ctx.and_(*m.conditions, *(rebuild(p, ctx, lambda v, m=m: m.bound.get(v.name))
                                          for p in spec.preconditions))
                for spec, m in zip(self.specs, matches)]
        names = ", ".join(s.name for s in self.specs)
        sim.check(st, pyint.bool_of(ctx, ctx.or_(*pres)), GoalKind.PRECONDITION,
                  f"precondition of spec {names} may not hold", span)
        self.calls += 1
        if len(self.specs) == 1:
            return self._instantiate(sim, st, self.specs[0], matches[0], span)
        arms = []
        earlier: list[Term] = []
        for spec, match, pre in zip(self.specs, matches, pres):
            guard = ctx.and_(pre, *(ctx.not_(p) for p in earlier))
            arms.append((guard, lambda side, spec=spec, match=match: self._instantiate(sim, side, spec, match, span)))
            earlier.append(pre)
        return sim.choose(st, arms)

    def _instantiate(self, sim: Simulator, st: State, spec: MethodSpec, match: _Match, span: SourceSpan) -> object:
        ctx = sim.ctx
        prefix = f"{spec.name}#{sim.fresh_id()}:"
        outputs = {leaf.name for t in (spec.result, *spec.changed) for leaf in leaves(t)}
        fresh: dict[str, Term] = {}

        def named(name: str, width: int) -> Term:
            if name in match.bound:
                return match.bound[name]
            if name not in fresh:  # an output, or an input the call does not pass: universally quantified
                fresh[name] = ctx.var(prefix + name, width)
            return fresh[name]

        def leaf(v: Term) -> Term:
            return named(v.name, v.width)

        memo: dict[int, Term] = {}
        posts = [rebuild(p, ctx, leaf, memo) for p in spec.postconditions]
        output_vars = {fresh[name] for name in outputs if name in fresh}
        definitions = _definitions(ctx, posts, output_vars)
        if definitions:
            posts = [rebuild(p, ctx, lambda v: definitions.get(v)) for p in posts]
        for post in posts:
            st.assume(post)

        def value(t: Template) -> object:
            if isinstance(t, VarLeaf):
                var = named(t.name, t.width)
                term = definitions.get(var, var)
                return pyint.bool_of(ctx, term) if t.is_bool else pyint.make(ctx, term, t.lo, t.hi)
            if isinstance(t, ConstLeaf):
                return t.value
            if isinstance(t, TupleTemplate):
                return tuple(value(x) for x in t.items)
            if t.rid in match.lists:
                return match.lists[t.rid]
            return sim.alloc(st, contents(t))

        def contents(t: Mutable) -> ListObj | InstanceObj:
            if isinstance(t, InstanceTemplate):
                return InstanceObj(t.cls, tuple((k, value(x)) for k, x in t.attrs))
            return ListObj(tuple(value(x) for x in t.items))

        for changed in spec.changed:
            sim.write(st, match.lists[changed.rid], contents(changed))
        return value(spec.result)


def _match(sim: Simulator, st: State, spec: MethodSpec, args: list[object], kwargs: dict[str, object]) -> _Match:
    ctx = sim.ctx
    m = _Match()
    if len(args) != len(spec.args) or set(kwargs) != {k for k, _ in spec.kwargs}:
        m.conditions.append(ctx.false)
        return m
    pairs = list(zip(spec.args, args)) + [(t, kwargs[k]) for k, t in spec.kwargs]

    def walk(t: Template, v: object) -> None:
        if isinstance(t, VarLeaf):
            if t.is_bool:
                if not isinstance(v, (bool, SymBool)):
                    m.conditions.append(ctx.false)
                    return
                term = bool_term(sim, v)
            else:
                if not isinstance(v, (int, SymInt, SymBool)):
                    m.conditions.append(ctx.false)
                    return
                x = pyint.from_bool(ctx, v) if isinstance(v, (bool, SymBool)) else v
                shape = spec.input_shapes.get(t.name)
                if isinstance(shape, IntShape):
                    m.conditions.append(bool_term(sim, pyint.compare(ctx, "<=", shape.lo, x)))
                    m.conditions.append(bool_term(sim, pyint.compare(ctx, "<=", x, shape.hi)))
                term = _to_width(ctx, x, t.width)  # type: ignore[arg-type]
            if t.name in m.bound:
                m.conditions.append(ctx.eq(m.bound[t.name], term))
            else:
                m.bound[t.name] = term
        elif isinstance(t, ConstLeaf):
            m.conditions.append(bool_term(sim, eq(sim, st, v, t.value)))
        elif isinstance(t, TupleTemplate):
            if not isinstance(v, tuple) or len(v) != len(t.items):
                m.conditions.append(ctx.false)
                return
            for x, y in zip(t.items, v):
                walk(x, y)
        elif isinstance(t, InstanceTemplate):
            obj = sim.heap_obj(st, v) if isinstance(v, Ref) else None
            if (not isinstance(obj, InstanceObj) or obj.cls is not t.cls
                    or [k for k, _ in obj.attrs] != [k for k, _ in t.attrs]):
                m.conditions.append(ctx.false)
                return
            m.lists[t.rid] = v  # type: ignore[assignment]
            for (_, x), (_, y) in zip(t.attrs, obj.attrs):
                walk(x, y)
        else:
            assert isinstance(t, ListTemplate)
            obj = sim.heap_obj(st, v) if isinstance(v, Ref) else None
            if not isinstance(obj, ListObj) or len(obj.items) != len(t.items):
                m.conditions.append(ctx.false)
                return
            m.lists[t.rid] = v  # type: ignore[assignment]
            for x, y in zip(t.items, obj.items):
                walk(x, y)

    for t, v in pairs:
        walk(t, v)
    return m


def _to_width(ctx: TermContext, x: pyint.IntVal, width: int) -> Term:
    """`x`'s two's complement in `width` bits (the caller ensures it is in range)."""
    if isinstance(x, int):
        return ctx.bv_const(x, width)
    if x.term.width <= width:
        return pyint.extend(ctx, x, width)
    return ctx.extract(x.term, width - 1, 0)


def _conjuncts(t: Term) -> list[Term]:
    return [c for a in t.args for c in _conjuncts(a)] if t.op is Op.AND else [t]


def _strip_zero_extension(a: Term, b: Term) -> tuple[Term, Term]:
    """`concat(0, x) = concat(0, y)` with equal padding is `x = y`."""
    while (a.op is Op.CONCAT and b.op is Op.CONCAT and len(a.args) == len(b.args) == 2
           and a.args[0].is_const and a.args[0] is b.args[0] and a.args[0].value == 0):
        a, b = a.args[1], b.args[1]
    return a, b


def _definitions(ctx: TermContext, posts: list[Term], outputs: set[Term]) -> dict[Term, Term]:
    """Outputs that a postcondition defines: `output == t` with `t` free of outputs."""
    defs: dict[Term, Term] = {}
    for post in posts:
        for c in _conjuncts(post):
            if c.op is not Op.EQ or c.args[0].is_bool:
                continue
            a, b = _strip_zero_extension(*c.args)
            for x, t in ((a, b), (b, a)):
                if x in outputs and x not in defs and not (variables_of(t) & outputs) and t.width == x.width:
                    defs[x] = t
                    break
    return defs
