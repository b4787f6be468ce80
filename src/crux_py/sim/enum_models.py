"""Enumerations (`enum.Enum`, `IntEnum`, ...): members are the real member
objects (concrete, compared by identity or, for IntEnum, as ints); calling
the class looks a value up among the members. A symbolic value selects a
member on each path where it equals that member's value, and raises
CPython's ValueError where it equals none. Enums with their own `_missing_`
(Flag and friends, or user hooks) or with a symbolic non-int value are
`UnsupportedFeature`."""

from __future__ import annotations

import enum
import types
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import objects, pyint
from crux_py.sim.compare import as_int, is_intlike
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.values import BoundMethod, Mux, is_concrete
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator


def is_enum_class(obj: object) -> bool:
    return isinstance(obj, enum.EnumMeta)


def lookup(sim: Simulator, st: State, cls: enum.EnumMeta, args: list[object], kwargs: dict[str, object],
           span: SourceSpan) -> object:
    """`cls(value)`: the member with that value."""
    if kwargs or len(args) != 1:
        raise UnsupportedFeature(f"calling the enum {cls.__qualname__} other than with one value (the functional "
                                 "API creates a class)", span)
    (value,) = args
    if isinstance(value, Mux):
        return sim.lift(st, value, lambda side, alt: lookup(sim, side, cls, [alt], {}, span))
    if is_concrete(value):
        return sim.run_concrete(st, cls, (value,), span)
    if cls._missing_.__func__ is not enum.Enum._missing_.__func__:  # type: ignore[attr-defined]
        raise UnsupportedFeature(f"{cls.__qualname__}(<symbolic>): its _missing_ hook is not modelled", span)
    if not is_intlike(value):
        raise UnsupportedFeature(f"{cls.__qualname__}(<symbolic {type(value).__name__}>)", span)
    ctx, x = sim.ctx, as_int(sim, value)
    arms = []
    no_member = []
    for member in cls:  # canonical members; an alias has its canonical member's value
        if not isinstance(member.value, int):
            continue
        hit = pyint.compare(ctx, "==", x, member.value)
        if hit is False:
            continue
        guard = ctx.true() if hit is True else hit.term  # type: ignore[union-attr]
        arms.append((guard, lambda side, m=member: m))
        no_member.append(ctx.not_(guard))
    name = cls.__qualname__

    def invalid(side: State) -> object:
        sim.fail(side, GoalKind.PANIC, f"ValueError: the value is not a valid {name}", span, "ValueError")

    arms.append((ctx.and_(*no_member) if no_member else ctx.true(), invalid))
    return sim.choose(st, arms)


def member_attribute(sim: Simulator, st: State, member: enum.Enum, name: str, span: SourceSpan) -> object:
    """`member.name`: its name, value, or what its class defines (methods, properties)."""
    if name in ("name", "value", "_name_", "_value_"):
        return sim.to_value(st, getattr(member, name), span)
    cls = type(member)
    attr = objects.class_attribute(cls, name)
    if isinstance(attr, types.FunctionType):
        return BoundMethod(member, name, attr)
    if isinstance(attr, property) and isinstance(attr.fget, types.FunctionType):
        return sim.call(st, attr.fget, [member], {}, span)
    if attr is objects.MISSING:
        sim.fail(st, GoalKind.PANIC, f"AttributeError: '{cls.__qualname__}' object has no attribute '{name}'",
                 span, "AttributeError")
    if isinstance(attr, (int, str, bytes, tuple)) or isinstance(attr, cls):
        return sim.to_value(st, attr, span)
    raise UnsupportedFeature(f"attribute `.{name}` of a {cls.__qualname__} member", span)
