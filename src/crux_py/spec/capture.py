"""Recording the one call of a spec's function while the spec is proved.

During the proof of `@crux_spec_for(f)`, calls of `f` go through
`SpecCapture.model`: it checks the call is made once, directly by the spec
test and outside branches, runs `f`'s real code, then replaces what the call
produced (its result, and the contents of argument lists it changed) by
fresh variables assumed equal to the real values. Everything asserted after
the call is then stated about those variables, which is what `extract` turns
into the postconditions of a `MethodSpec`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from crux_py.errors import SpecError
from crux_py.sim.calls import call
from crux_py.sim.inputs import SymbolicInput
from crux_py.sim.state import State
from crux_py.shapes import BytesShape, BytesUpTo, IntShape, ListShape, ListUpTo, Shape, u8
from crux_py.sim.values import InstanceObj, ListObj, Ref, SymBool, SymInt, is_concrete
from crux_py.source import SourceSpan
from crux_py.spec.method_spec import MethodSpec
from crux_py.spec.templates import (
    ConstLeaf, InstanceTemplate, ListTemplate, Mutable, Template, TupleTemplate, VarLeaf, leaves, mutable_templates,
    template_of,
)
from crux_py.term.nodes import Term
from crux_py.term.rebuild import variables_of

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator


@dataclass(frozen=True, slots=True)
class CallRecord:
    args: tuple[Template, ...]
    kwargs: tuple[tuple[str, Template], ...]
    pc_at_call: tuple[Term, ...]
    result: Template
    changed: tuple[Mutable, ...]
    goals_before_return: int
    pc_after_call: tuple[Term, ...]
    span: SourceSpan


class SpecCapture:
    """The model that stands for the spec's own function during its proof."""

    def __init__(self, name: str, target: object) -> None:
        self.name = name
        self.target = target
        self.record: CallRecord | None = None

    def __call__(self, sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                 span: SourceSpan) -> object:
        target = getattr(self.target, "__qualname__", repr(self.target))
        if self.record is not None:
            raise SpecError(f"spec {self.name} calls {target} more than once; a spec must call it exactly once",
                            span)
        if len(sim.stack) != 1:
            raise SpecError(f"spec {self.name} must call {target} directly, not from a helper function", span)
        if sim.fork_depth:
            raise SpecError(f"spec {self.name} must call {target} outside branches and loops", span)
        arg_templates = tuple(template_of(st, a, f"argument {i + 1} of {target}", span) for i, a in enumerate(args))
        kw_templates = tuple((k, template_of(st, v, f"argument {k} of {target}", span)) for k, v in kwargs.items())
        mutable = [t for a in (*arg_templates, *(t for _, t in kw_templates)) for t in mutable_templates(a)]
        before = {t.rid: st.heap[t.rid] for t in mutable}
        pc_at_call = st.pc
        result = call(sim, st, self.target, args, kwargs, span, use_models=False)
        equalities: list[Term] = []
        fresh = _Freshener(sim, st, f"{self.name}:", equalities, span)
        new_result, result_template = fresh.value(result, "result", set(before))
        changed: list[Mutable] = []
        for rid, old in before.items():
            new = st.heap[rid]
            if new is old:
                continue  # the call left this list or object alone on every path
            if isinstance(new, ListObj):
                items = [fresh.value(x, f"arg@{rid}[{i}]", set(before)) for i, x in enumerate(new.items)]
                st.heap[rid] = ListObj(tuple(v for v, _ in items))
                changed.append(ListTemplate(rid, tuple(t for _, t in items)))
            elif isinstance(new, InstanceObj):
                attrs = [(k, fresh.value(x, f"arg@{rid}.{k}", set(before))) for k, x in new.attrs]
                st.heap[rid] = InstanceObj(new.cls, tuple((k, v) for k, (v, _) in attrs))
                changed.append(InstanceTemplate(rid, new.cls, tuple((k, t) for k, (_, t) in attrs)))
            else:
                raise SpecError(f"{target} leaves an argument in different shapes on different paths", span)
        for eq in equalities:
            sim.definitions.add(eq)
            st.assume(eq)
        self.record = CallRecord(arg_templates, kw_templates, pc_at_call, result_template, tuple(changed),
                                 len(sim.goals), st.pc, span)
        return new_result


class _Freshener:
    """Replaces the symbolic parts of a value by fresh variables equal to them."""

    def __init__(self, sim: Simulator, st: State, prefix: str, equalities: list[Term], span: SourceSpan) -> None:
        self.sim, self.st, self.prefix, self.equalities, self.span = sim, st, prefix, equalities, span

    def value(self, v: object, path: str, argument_lists: set[int]) -> tuple[object, Template]:
        ctx = self.sim.ctx
        if isinstance(v, SymInt):
            var = ctx.var(self.prefix + path, v.term.width)
            self.equalities.append(ctx.eq(var, v.term))
            return SymInt(var, v.lo, v.hi), VarLeaf(var.name, var.width, v.lo, v.hi, False)
        if isinstance(v, SymBool):
            var = ctx.var(self.prefix + path, 0)
            self.equalities.append(ctx.eq(var, v.term))
            return SymBool(var), VarLeaf(var.name, 0, 0, 1, True)
        if isinstance(v, tuple):
            parts = [self.value(x, f"{path}[{i}]", argument_lists) for i, x in enumerate(v)]
            return tuple(p for p, _ in parts), TupleTemplate(tuple(t for _, t in parts))
        if isinstance(v, Ref) and v.rid in argument_lists:  # returns one of its arguments
            obj = self.st.heap[v.rid]
            if isinstance(obj, InstanceObj):
                return v, InstanceTemplate(v.rid, obj.cls, ())
            return v, ListTemplate(v.rid, ())
        if isinstance(v, Ref) and isinstance(self.st.heap.get(v.rid), InstanceObj):
            obj = self.st.heap[v.rid]
            parts = [(k, self.value(x, f"{path}.{k}", argument_lists)) for k, x in obj.attrs]  # type: ignore[union-attr]
            self.st.heap[v.rid] = InstanceObj(obj.cls, tuple((k, p) for k, (p, _) in parts))  # type: ignore[union-attr]
            return v, InstanceTemplate(v.rid, obj.cls, tuple((k, t) for k, (_, t) in parts))  # type: ignore[union-attr]
        if isinstance(v, Ref) and isinstance(self.st.heap.get(v.rid), ListObj):
            obj = self.st.heap[v.rid]
            parts = [self.value(x, f"{path}[{i}]", argument_lists) for i, x in enumerate(obj.items)]  # type: ignore[union-attr]
            self.st.heap[v.rid] = ListObj(tuple(p for p, _ in parts))
            return v, ListTemplate(v.rid, tuple(t for _, t in parts))
        if is_concrete(v):
            return v, ConstLeaf(v)
        raise SpecError(f"the result of the spec's call has a kind specs do not support ({type(v).__name__}); "
                        "it may differ between paths", self.span)


def input_shapes(inputs: list[SymbolicInput]) -> dict[str, Shape]:
    """The shape of every scalar input variable, by variable name."""
    shapes: dict[str, Shape] = {}

    def walk(shape: Shape, template: object) -> None:
        if isinstance(shape, BytesShape):
            for item in template:  # type: ignore[attr-defined]
                shapes[item.term.name] = u8
        elif isinstance(shape, (BytesUpTo, ListUpTo)):
            length, items = template  # type: ignore[misc]
            shapes[length.term.name] = IntShape(length.term.width, False)
            for item in items:
                walk(u8 if isinstance(shape, BytesUpTo) else shape.elem, item)
        elif isinstance(shape, ListShape):
            for item in template:  # type: ignore[attr-defined]
                walk(shape.elem, item)
        else:
            shapes[template.term.name] = shape  # type: ignore[attr-defined]

    for inp in inputs:
        walk(inp.shape, inp.template)
    return shapes


def extract(capture: SpecCapture, sim: Simulator, span: SourceSpan) -> MethodSpec:
    """The MethodSpec of a spec whose proof (the run in `sim`) succeeded."""
    record = capture.record
    target = getattr(capture.target, "__qualname__", repr(capture.target))
    if record is None:
        raise SpecError(f"spec {capture.name} never calls {target}", span)
    ctx = sim.ctx
    n = len(record.pc_after_call)
    posts = []
    for goal in sim.goals[record.goals_before_return:]:
        if goal.assumptions[:n] != record.pc_after_call:
            raise SpecError(f"spec {capture.name}: an assertion after the call of {target} is not on the "
                            "call's path", goal.span)
        posts.append(ctx.implies(ctx.and_(*goal.assumptions[n:]), goal.condition))
    shapes = input_shapes(sim.inputs)
    argument_vars = {leaf.name for t in (*record.args, *(t for _, t in record.kwargs)) for leaf in leaves(t)}
    for term in record.pc_at_call:
        for var in variables_of(term):
            if var.name not in argument_vars:
                raise SpecError(f"spec {capture.name}: a precondition mentions `{var.name}`, which is not an "
                                f"argument of {target}", record.span)
    return MethodSpec(capture.name, capture.target, ctx, record.args, record.kwargs, shapes, record.pc_at_call,
                      record.result, record.changed, tuple(posts), record.span)

