"""Attributes of function objects: `f.calls += 1`, `f.__name__`, `f.__wrapped__`.

A function is a plain Python function of the running program or a `Closure`
made by simulated code; neither is ever changed itself. What simulated code
assigns to a function lives in an `InstanceObj` shadowing it in the heap
(`Simulator.shadow`), starting from the real function's `__dict__` (empty
for a closure), so it forks and merges with the paths. A name found there
wins; otherwise the function's own attribute is read (`__name__`,
`__qualname__`, `__module__`, `__doc__`, `__annotations__`, `__defaults__`).

CPython keeps `__name__`, `__doc__`, ... in slots of the function and
everything else in its `__dict__`; one table holds both here, told apart
by `SLOT_NAMES`. Assigning a slot is checked as CPython checks it (a
`__name__` must be a str); slots not listed are unsupported.
"""

from __future__ import annotations

import functools
import types
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.values import UNBOUND, CachedFunction, Closure, DictObj, InstanceObj, Mux, Ref
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

_ROLE = "function attributes"
_READABLE = ("__name__", "__qualname__", "__module__", "__doc__", "__annotations__", "__defaults__")
_STRING_SLOTS = ("__name__", "__qualname__")
SLOT_NAMES = frozenset(("__name__", "__qualname__", "__module__", "__doc__", "__annotations__", "__defaults__",
                        "__kwdefaults__", "__code__", "__globals__", "__closure__", "__dict__", "__builtins__"))


def is_function(v: object) -> bool:
    """A function, or an lru_cache wrapper made by simulated code (whose attributes live in its `__dict__`)."""
    return isinstance(v, (types.FunctionType, Closure, CachedFunction))


def _table(sim: Simulator, st: State, fn: object, span: SourceSpan) -> tuple[object, InstanceObj]:
    def initial() -> InstanceObj:
        if isinstance(fn, types.FunctionType):
            return InstanceObj(types.FunctionType,
                               tuple((k, sim.to_value(st, v, span)) for k, v in vars(fn).items()))
        return InstanceObj(types.FunctionType, ())

    ref = sim.shadow(st, fn, _ROLE, initial)
    obj = sim.heap_obj(st, ref)
    assert isinstance(obj, InstanceObj)
    return ref, obj


def get(sim: Simulator, st: State, fn: object, name: str, span: SourceSpan) -> object:
    """`fn.name`; AttributeError as CPython's on the paths where the function has no such attribute."""
    def own(side: State) -> object:
        found = _own(sim, side, fn, name, span)
        if found is UNBOUND:
            sim.fail(side, GoalKind.PANIC, f"AttributeError: 'function' object has no attribute '{name}'", span,
                     "AttributeError")
        return found

    _, table = _table(sim, st, fn, span)
    value = table.get(name)
    if isinstance(value, Mux) and any(alt is UNBOUND for _, alt in value.alts):
        return sim.lift(st, value, lambda side, alt: alt if alt is not UNBOUND else own(side))
    return own(st) if value is UNBOUND else value


def lookup(sim: Simulator, st: State, fn: object, name: str, span: SourceSpan) -> object:
    """`fn.name`, or UNBOUND where it has none (a Mux with UNBOUND alternatives when
    that depends on the path: what `getattr(fn, name, default)` tells apart)."""
    _, table = _table(sim, st, fn, span)
    value = table.get(name)
    if isinstance(value, Mux) and any(alt is UNBOUND for _, alt in value.alts):
        raise UnsupportedFeature(f"copying `.{name}` of a function that has it on some paths only", span)
    return _own(sim, st, fn, name, span) if value is UNBOUND else value


def _own(sim: Simulator, st: State, fn: object, name: str, span: SourceSpan) -> object:
    """An attribute the function has from its definition."""
    if isinstance(fn, types.FunctionType):
        if name in _READABLE:
            return sim.to_value(st, getattr(fn, name), span)
        if not hasattr(fn, name):
            return UNBOUND
        raise UnsupportedFeature(f"attribute `.{name}` of a function", span)
    if isinstance(fn, CachedFunction):
        if hasattr(functools._lru_cache_wrapper, name):  # type: ignore[attr-defined]
            raise UnsupportedFeature(f"attribute `.{name}` of an lru_cache wrapper", span)
        return UNBOUND
    assert isinstance(fn, Closure)
    fir = fn.fir
    if name == "__name__":
        return fir.name
    if name == "__qualname__":
        return fir.qualname
    if name == "__module__":
        return fn.globals.get("__name__")
    if name == "__doc__":
        return fir.doc
    if name == "__defaults__":
        return fn.defaults or None
    if name == "__annotations__":
        if fir.annotated:
            raise UnsupportedFeature("`__annotations__` of a nested function with annotations", span)
        # CPython makes an empty dict on first access and keeps it.
        empty = sim.alloc(st, DictObj((), ()))
        set_(sim, st, fn, name, empty, span)
        return empty
    if hasattr(_sample, name):  # __code__, __closure__, __kwdefaults__, __call__, ...
        raise UnsupportedFeature(f"attribute `.{name}` of a nested function", span)
    return UNBOUND


def _sample() -> None:
    """A function, to tell which names every function has."""


def set_(sim: Simulator, st: State, fn: object, name: str, value: object, span: SourceSpan) -> None:
    """`fn.name = value`."""
    if isinstance(value, Mux) and name in (*_STRING_SLOTS, "__annotations__"):  # checked path by path
        sim.lift(st, value, lambda side, alt: set_(sim, side, fn, name, alt, span))
        return
    if name in _STRING_SLOTS and not isinstance(value, str):
        sim.fail(st, GoalKind.PANIC, f"TypeError: {name} must be set to a string object", span, "TypeError")
    if name == "__annotations__":
        if not (isinstance(value, Ref) and isinstance(sim.heap_obj(st, value), DictObj)):
            sim.fail(st, GoalKind.PANIC, "TypeError: __annotations__ must be set to a dict object", span,
                     "TypeError")
    elif name in SLOT_NAMES and name not in ("__module__", "__doc__", "__name__", "__qualname__"):
        raise UnsupportedFeature(f"assigning `.{name}` of a function", span)
    ref, table = _table(sim, st, fn, span)
    sim.write(st, ref, table.set(name, value))


def dict_items(sim: Simulator, st: State, fn: object, span: SourceSpan) -> list[tuple[str, object]]:
    """The items of `fn.__dict__`, in insertion order."""
    _, table = _table(sim, st, fn, span)
    items = [(k, v) for k, v in table.attrs if k not in SLOT_NAMES]
    if any(isinstance(v, Mux) and any(alt is UNBOUND for _, alt in v.alts) for _, v in items):
        raise UnsupportedFeature("the `__dict__` of a function whose attributes were set on some paths only", span)
    return items
