"""Models of `functools.partial`, `functools.wraps`, `functools.update_wrapper` and
`functools.reduce`, `functools.lru_cache` and `functools.cache` (calls of
the lru_cache wrappers are in `lru.py`).

* `partial(func, *args, **keywords)` is a `PartialValue`; calling it calls
  `func(*args, *more, **{**keywords, **more_keywords})`, reading the
  keywords dict when called (it is `p.keywords`, which code may change).
  As in CPython a partial of an exact partial is flattened. Its attributes
  `func`, `args` and `keywords` are modelled; assigning others is not.
  A partial built at import becomes a `PartialValue` once (`Simulator.to_value`).
* `update_wrapper(wrapper, wrapped, assigned, updated)` runs CPython's
  steps: copy each attribute of `assigned` that `wrapped` has, update
  `wrapper.__dict__` from `wrapped.__dict__`, set `wrapper.__wrapped__`.
  The wrapper may be a function (attributes in `funcattrs.py`) or an
  instance of a user class; `wrapped` a function or an lru_cache wrapper.
* `wraps(wrapped, ...)` is what CPython returns: `partial(update_wrapper,
  wrapped=wrapped, assigned=..., updated=...)`.
* `lru_cache(...)` and `cache` run by simulated code (on a nested function)
  make a `CachedFunction` (calls in `lru.py`) and `update_wrapper` it.
* `reduce(function, iterable[, initial])` pulls the items one at a time, as
  CPython does (a call may change a list still being iterated).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import attributes, dicts, funcattrs, lru, objects
from crux_py.sim.compare import truth
from crux_py.sim.goals import GoalKind
from crux_py.sim.iteration import get_iter, iter_next
from crux_py.sim.state import State
from crux_py.sim.values import (
    UNBOUND, BytesVal, CachedFunction, DictObj, InstanceObj, ListObj, PartialValue, Ref, SymBool, SymInt,
)
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

Args = list[object]
Kwargs = dict[str, object]

_NOT_CALLABLE = (int, str, bytes, tuple, type(None), SymInt, SymBool, BytesVal)


def _callable(sim: Simulator, st: State, v: object) -> bool:
    if isinstance(v, _NOT_CALLABLE):
        return False
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        if isinstance(obj, InstanceObj):
            return objects.class_attribute(obj.cls, "__call__") is not objects.MISSING
        return False
    return True


def make_partial(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> PartialValue:
    if not args:
        sim.fail(st, GoalKind.PANIC, "TypeError: type 'partial' takes at least one argument", span, "TypeError")
    func, *rest = args
    if not _callable(sim, st, func):
        sim.fail(st, GoalKind.PANIC, "TypeError: the first argument must be callable", span, "TypeError")
    pairs: list[tuple[object, object]] = list(kwargs.items())
    if isinstance(func, PartialValue):
        inner = sim.heap_obj(st, func.keywords)
        assert isinstance(inner, DictObj)
        rest = [*func.args, *rest]
        pairs = [*zip(inner.keys, inner.values), *pairs]
        func = func.func
    keywords = dicts.new_dict(sim, st, pairs, span)
    return PartialValue(func, tuple(rest), keywords)


def model_partial(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    return make_partial(sim, st, args, kwargs, span)


def model_call_partial(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    p, *rest = args
    assert isinstance(p, PartialValue)
    stored = sim.heap_obj(st, p.keywords)
    assert isinstance(stored, DictObj)
    if not all(isinstance(k, str) for k in stored.keys):  # code changed p.keywords
        sim.fail(st, GoalKind.PANIC, "TypeError: keywords must be strings", span, "TypeError")
    merged: dict[str, object] = dict(zip(stored.keys, stored.values))  # type: ignore[arg-type]
    merged.update(kwargs)
    return sim.call(st, p.func, [*p.args, *rest], merged, span)  # type: ignore[arg-type]


def model_partial_getattr(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    p, name = args
    assert isinstance(p, PartialValue)
    if name == "func":
        return p.func
    if name == "args":
        return p.args
    if name == "keywords":
        return p.keywords
    raise UnsupportedFeature(f"attribute `.{name}` of a functools.partial", span)


def _bind(sim: Simulator, st: State, name: str, names: tuple[str, ...], required: int, defaults: tuple[object, ...],
          args: Args, kwargs: Kwargs, span: SourceSpan) -> list[object]:
    """Python's binding of a pure-Python stdlib function's parameters."""
    if len(args) > len(names):
        sim.fail(st, GoalKind.PANIC, f"TypeError: {name}() takes from {required} to {len(names)} positional "
                 f"arguments but {len(args)} were given", span, "TypeError")
    bound: dict[str, object] = dict(zip(names, args))
    for key, value in kwargs.items():
        if key not in names:
            sim.fail(st, GoalKind.PANIC, f"TypeError: {name}() got an unexpected keyword argument '{key}'", span,
                     "TypeError")
        if key in bound:
            sim.fail(st, GoalKind.PANIC, f"TypeError: {name}() got multiple values for argument '{key}'", span,
                     "TypeError")
        bound[key] = value
    for i, key in enumerate(names):
        if key not in bound:
            if i < required:
                sim.fail(st, GoalKind.PANIC, f"TypeError: {name}() missing 1 required positional argument: "
                         f"'{key}'", span, "TypeError")
            bound[key] = defaults[i - required]
    return [bound[key] for key in names]


def _names(value: object, what: str, span: SourceSpan) -> tuple[str, ...]:
    if not (isinstance(value, tuple) and all(isinstance(x, str) for x in value)):
        raise UnsupportedFeature(f"update_wrapper() with `{what}` other than a tuple of names", span)
    return value  # type: ignore[return-value]


def _wrapped_attribute(sim: Simulator, st: State, wrapped: object, name: str, span: SourceSpan) -> object:
    """`getattr(wrapped, name)`, or UNBOUND where CPython's raises AttributeError."""
    if funcattrs.is_function(wrapped):
        return funcattrs.lookup(sim, st, wrapped, name, span)
    if isinstance(wrapped, lru.LRU_WRAPPER):
        return sim.to_value(st, getattr(wrapped, name), span) if hasattr(wrapped, name) else UNBOUND
    raise UnsupportedFeature(f"update_wrapper() of a wrapped {objects.python_type(sim, st, wrapped).__name__}", span)


def _wrapped_dict(sim: Simulator, st: State, wrapped: object, span: SourceSpan) -> list[tuple[str, object]]:
    if funcattrs.is_function(wrapped):
        return funcattrs.dict_items(sim, st, wrapped, span)
    if isinstance(wrapped, lru.LRU_WRAPPER):
        return [(k, sim.to_value(st, v, span)) for k, v in vars(wrapped).items()]
    raise UnsupportedFeature(f"update_wrapper() of a wrapped {objects.python_type(sim, st, wrapped).__name__}", span)


def _set(sim: Simulator, st: State, wrapper: object, name: str, value: object, span: SourceSpan) -> None:
    if funcattrs.is_function(wrapper) or (isinstance(wrapper, Ref) and isinstance(sim.heap_obj(st, wrapper),
                                                                                  InstanceObj)):
        attributes.set_attribute(sim, st, wrapper, name, value, span)
        return
    raise UnsupportedFeature(f"update_wrapper() of a {objects.python_type(sim, st, wrapper).__name__} wrapper", span)


def model_update_wrapper(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    wrapper, wrapped, assigned, updated = _bind(
        sim, st, "update_wrapper", ("wrapper", "wrapped", "assigned", "updated"), 2,
        (functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES), args, kwargs, span)
    for name in _names(assigned, "assigned", span):
        value = _wrapped_attribute(sim, st, wrapped, name, span)
        if value is not UNBOUND:
            _set(sim, st, wrapper, name, value, span)
    for name in _names(updated, "updated", span):
        if name != "__dict__":
            raise UnsupportedFeature(f"update_wrapper() updating `{name}` (only `__dict__` is modelled)", span)
        for key, value in _wrapped_dict(sim, st, wrapped, span):
            _set(sim, st, wrapper, key, value, span)
    _set(sim, st, wrapper, "__wrapped__", wrapped, span)
    return wrapper


def model_wraps(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    wrapped, assigned, updated = _bind(sim, st, "wraps", ("wrapped", "assigned", "updated"), 1,
                                       (functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES), args, kwargs, span)
    return make_partial(sim, st, [functools.update_wrapper],
                        {"wrapped": wrapped, "assigned": assigned, "updated": updated}, span)


def model_reduce(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    if kwargs:
        sim.fail(st, GoalKind.PANIC, "TypeError: reduce() takes no keyword arguments", span, "TypeError")
    if not 2 <= len(args) <= 3:
        sim.fail(st, GoalKind.PANIC, f"TypeError: reduce expected at least 2 arguments, got {len(args)}"
                 if len(args) < 2 else f"TypeError: reduce expected at most 3 arguments, got {len(args)}",
                 span, "TypeError")
    function, iterable = args[0], args[1]
    it = get_iter(sim, st, iterable, span)
    if len(args) == 3:
        acc = args[2]
    else:
        has, acc = _next(sim, st, it, span)
        if not has:
            sim.fail(st, GoalKind.PANIC, "TypeError: reduce() of empty iterable with no initial value", span,
                     "TypeError")
    while True:
        has, item = _next(sim, st, it, span)
        if not has:
            return acc
        acc = sim.call(st, function, [acc, item], {}, span)


def _next(sim: Simulator, st: State, it: Ref, span: SourceSpan) -> tuple[bool, object]:
    has, item = iter_next(sim, st, it, span)
    if isinstance(has, SymBool):
        raise UnsupportedFeature("reduce() over an iterable of symbolic length", span)
    return has, item


def _make_cached(sim: Simulator, st: State, func: object, maxsize: int | None, typed: object,
                 span: SourceSpan) -> object:
    """`_lru_cache_wrapper(func, maxsize, typed)` then `update_wrapper(wrapper, func)`, as `lru_cache` does."""
    if not _callable(sim, st, func):
        sim.fail(st, GoalKind.PANIC, "TypeError: the first argument must be callable", span, "TypeError")
    typed = truth(sim, st, typed)
    if isinstance(typed, SymBool):
        raise UnsupportedFeature("lru_cache() with a symbolic `typed`", span)
    wrapper = CachedFunction(func, maxsize, typed, sim.alloc(st, ListObj(())))
    return model_update_wrapper(sim, st, [wrapper, func], {}, span)


def decorating_function(user_function: object, *, maxsize: int | None, typed: object) -> object:
    """Stands for the decorator `lru_cache(maxsize, typed)` returns (only its model runs)."""
    raise NotImplementedError


def model_decorating_function(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    (func,) = args
    return _make_cached(sim, st, func, kwargs["maxsize"], kwargs["typed"], span)  # type: ignore[arg-type]


def model_lru_cache(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """`functools.lru_cache(maxsize=128, typed=False)` run by simulated code (CPython 3.11's logic)."""
    maxsize, typed = _bind(sim, st, "lru_cache", ("maxsize", "typed"), 0, (128, False), args, kwargs, span)
    if isinstance(maxsize, (SymInt, SymBool)):
        raise UnsupportedFeature("lru_cache() with a symbolic maxsize", span)
    if isinstance(maxsize, int):
        maxsize = max(int(maxsize), 0)  # a negative maxsize is 0
    elif _callable(sim, st, maxsize) and isinstance(typed, bool):  # bare `@lru_cache`
        return _make_cached(sim, st, maxsize, 128, typed, span)
    elif maxsize is not None:
        sim.fail(st, GoalKind.PANIC, "TypeError: Expected first argument to be an integer, a callable, or None",
                 span, "TypeError")
    return make_partial(sim, st, [decorating_function], {"maxsize": maxsize, "typed": typed}, span)


def model_cache(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """`functools.cache(user_function)`: `lru_cache(maxsize=None)(user_function)`."""
    if kwargs or len(args) != 1:
        sim.fail(st, GoalKind.PANIC, f"TypeError: cache() takes 1 positional argument but {len(args)} were given",
                 span, "TypeError")
    return _make_cached(sim, st, args[0], None, False, span)


FUNCTOOLS_MODELS: dict[object, object] = {
    functools.lru_cache: model_lru_cache,
    functools.cache: model_cache,
    decorating_function: model_decorating_function,
    functools.partial: model_partial,
    PartialValue: model_call_partial,
    (functools.partial, "__getattr__"): model_partial_getattr,
    functools.update_wrapper: model_update_wrapper,
    functools.wraps: model_wraps,
    functools.reduce: model_reduce,
}


def partial_value(sim: Simulator, st: State, obj: functools.partial[object], span: SourceSpan) -> PartialValue:
    """A partial of the running program: one `PartialValue` for it (its identity is kept)."""
    if vars(obj):
        raise UnsupportedFeature("a functools.partial with attributes of its own", span)
    value = sim.partials.get(id(obj))
    if value is None:
        keywords = sim.to_value(st, obj.keywords, span)
        assert isinstance(keywords, Ref)
        value = PartialValue(sim.to_value(st, obj.func, span), sim.to_value(st, obj.args, span), keywords)
        sim.partials[id(obj)] = value
        sim.keep_alive.append(obj)
    return value
