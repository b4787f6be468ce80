"""Symbolic inputs (`symbolic(shape, name)`) and assumptions (`assume(c)`).

These are the simulator's models of `crux_py.intrinsics`. Each input is
recorded with its shape and the variables standing for it, so that a
solver model can be turned back into Python values of the user's shapes
(`decode`). Variables are named after the input: `x`, `a[3]`, `m[1][0]`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crux_py import intrinsics
from crux_py.errors import UserError
from crux_py.shapes import BoolShape, BytesShape, BytesUpTo, IntShape, ListShape, ListUpTo, Shape, as_shape
from crux_py.sim import pyint
from crux_py.sim.compare import truth
from crux_py.sim.merge import make_bytes
from crux_py.sim.goals import Cover
from crux_py.sim.signals import PathAbort
from crux_py.sim.state import State
from crux_py.sim.values import ListObj, Mux, SymBool, SymInt
from crux_py.source import SourceSpan
from crux_py.term.nodes import Term

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator


@dataclass(frozen=True, slots=True)
class SymbolicInput:
    name: str
    shape: Shape
    template: object
    """SymInt/SymBool for a scalar, a tuple of element templates for a list or bytes."""


def make_input(sim: Simulator, st: State, shape: Shape, name: str) -> object:
    """A fresh symbolic value of `shape`, recorded as an input of the run."""
    unique = intrinsics.unique_input_name(name, sim.input_names)
    template, value = _build(sim, st, shape, unique)
    sim.inputs.append(SymbolicInput(unique, shape, template))
    return value


def _build(sim: Simulator, st: State, shape: Shape, name: str) -> tuple[object, object]:
    if isinstance(shape, IntShape):
        v = SymInt(sim.ctx.var(name, shape.bits), shape.lo, shape.hi)
        return v, v
    if isinstance(shape, BoolShape):
        b = SymBool(sim.ctx.var(name, 0))
        return b, b
    if isinstance(shape, BytesShape):
        items = tuple(SymInt(sim.ctx.var(f"{name}[{i}]", 8), 0, 255) for i in range(shape.length))
        return items, make_bytes(items)
    if isinstance(shape, BytesUpTo):
        return _bytes_up_to(sim, st, shape.bound, name)
    if isinstance(shape, ListUpTo):
        return _list_up_to(sim, st, shape, name)
    parts = [_build(sim, st, shape.elem, f"{name}[{i}]") for i in range(shape.length)]
    template = tuple(t for t, _ in parts)
    return template, sim.alloc(st, ListObj(tuple(v for _, v in parts)))


def _bytes_up_to(sim: Simulator, st: State, bound: int, name: str) -> tuple[object, object]:
    """One value per length, chosen by a symbolic length: the first operation
    on it splits the path by length (`Mux`), so each length is simulated
    with its own concrete `len()` and loops unroll as far as it goes."""
    items = tuple(SymInt(sim.ctx.var(f"{name}[{i}]", 8), 0, 255) for i in range(bound))
    length, guards = _symbolic_length(sim, st, bound, name)
    value = b"" if bound == 0 else Mux(tuple((g, make_bytes(items[:k])) for k, g in enumerate(guards)))
    return (length, items), value


def _symbolic_length(sim: Simulator, st: State, bound: int, name: str) -> tuple[SymInt, list[Term]]:
    """The length variable of a `[:bound]` input, and one guard per length 0..bound."""
    ctx = sim.ctx
    width = max(1, bound.bit_length())
    length = ctx.var(f"len({name})", width)
    st.assume(ctx.ule(length, ctx.bv_const(bound, width)))
    return SymInt(length, 0, (1 << width) - 1), [ctx.eq(length, ctx.bv_const(k, width)) for k in range(bound + 1)]


def _list_up_to(sim: Simulator, st: State, shape: ListUpTo, name: str) -> tuple[object, object]:
    """Like `_bytes_up_to`: one list per length, chosen by the length."""
    parts = [_build(sim, st, shape.elem, f"{name}[{i}]") for i in range(shape.bound)]
    length, guards = _symbolic_length(sim, st, shape.bound, name)
    values = [v for _, v in parts]
    lists = [sim.alloc(st, ListObj(tuple(values[:k]))) for k in range(shape.bound + 1)]
    value = lists[0] if shape.bound == 0 else Mux(tuple(zip(guards, lists)))
    return (length, tuple(t for t, _ in parts)), value


def decode(shape: Shape, template: object, model: Mapping[str, int | bool]) -> object:
    """The Python value of an input under a solver model (absent variables are 0)."""
    if isinstance(shape, IntShape):
        assert isinstance(template, SymInt)
        bits = int(model.get(template.term.name, 0))
        return pyint.decode(bits, shape.bits, shape.signed)
    if isinstance(shape, BoolShape):
        assert isinstance(template, SymBool)
        return bool(model.get(template.term.name, False))
    if isinstance(shape, BytesShape):
        return bytes(int(model.get(t.term.name, 0)) for t in template)  # type: ignore[attr-defined]
    if isinstance(shape, (BytesUpTo, ListUpTo)):
        length, items = template  # type: ignore[misc]
        n = min(int(model.get(length.term.name, 0)), shape.bound)
        if isinstance(shape, BytesUpTo):
            return bytes(int(model.get(t.term.name, 0)) for t in items[:n])
        return [decode(shape.elem, t, model) for t in items[:n]]
    assert isinstance(shape, ListShape) and isinstance(template, tuple)
    return [decode(shape.elem, t, model) for t in template]


def input_variables(template: object) -> list[str]:
    if isinstance(template, (SymInt, SymBool)):
        return [template.term.name]
    assert isinstance(template, tuple)
    return [name for t in template for name in input_variables(t)]


def model_symbolic(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                   span: SourceSpan) -> object:
    if kwargs or len(args) != 2 or not isinstance(args[1], str):
        raise UserError("symbolic() takes a shape and a name string: symbolic(u32, \"x\")", span)
    try:
        shape = as_shape(args[0])
    except TypeError as e:
        raise UserError(str(e), span) from None
    return make_input(sim, st, shape, args[1])


def model_assume(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                 span: SourceSpan) -> object:
    if kwargs or len(args) != 1:
        raise UserError("assume() takes one condition", span)
    cond = truth(sim, st, args[0])
    if cond is False:
        raise PathAbort()  # no input reaches past here on this path: nothing to prove
    if isinstance(cond, SymBool):
        st.assume(cond.term)
    return None


def model_cover(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                span: SourceSpan) -> object:
    message = args[1] if len(args) > 1 else kwargs.get("message", "")
    if len(args) not in (1, 2) or not isinstance(message, str):
        raise UserError("cover() takes a condition and a message string", span)
    cond = truth(sim, st, args[0])
    term = cond.term if isinstance(cond, SymBool) else sim.ctx.bool_const(cond)
    sim.covers.append(Cover(span, message, st.pc, term))
    return None


INTRINSIC_MODELS = {intrinsics.symbolic: model_symbolic, intrinsics.assume: model_assume, intrinsics.cover: model_cover}
