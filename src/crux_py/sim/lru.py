"""`functools.lru_cache` and `functools.cache`: calls of their wrappers.

A decorated function of the running program is a `functools._lru_cache_wrapper`
that CPython built at import. Its cache is simulated state: a `ListObj` in
the heap (one `(key, result)` tuple per entry, least recently used first),
shadowing the wrapper (`Simulator.shadow`), so it forks and merges with the
paths. It starts EMPTY in every symbolic test: the real process's cache is
not imported (CPython's C cache cannot be read), which is exact for a
replay in a fresh process and for functions whose results do not depend on
when they were first computed.

Calls follow CPython's C wrapper (`Modules/_functoolsmodule.c`):

* the key is `_make_key`'s: the positional arguments; then, with keywords, a
  marker object and the keyword names and values in call order; with
  `typed=True` then the classes of the positional and keyword values. A
  lone `int` or `str` argument (exact class, untyped, no keywords) is its own
  key, so `f(1)` and `f(True)` are different entries, as in CPython.
* hashing the key fails with CPython's `TypeError: unhashable type: 'list'`;
* a hit is a stored key EQUAL to the key (`==` of the values: with
  symbolic arguments a symbolic condition, each case on its own fork); it
  returns the stored object itself, so aliasing of mutable results is kept;
* a miss calls `__wrapped__`; the bounded wrapper then stores the result
  unless the call itself stored the key meanwhile, evicting the least
  recently used entry when full; the unbounded one stores it (replacing
  the value of an equal key stored meanwhile); `maxsize=0` never hashes nor
  stores anything.

Merging caches of different lengths gives a `Mux` heap object: each
alternative is looked up on its own fork (`_with_entries`), so a merge
never loses entries. `cache_clear()` is modelled; `cache_info()` (hit and
miss counts) is not. A wrapper made by simulated code (`@lru_cache` on a
nested function, see `functools_models.py`) is a `CachedFunction` whose
cache is a heap list from the start.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import dicts, funcattrs, objects
from crux_py.sim.compare import bool_term, eq
from crux_py.sim.goals import GoalKind
from crux_py.sim.merge import merge_values
from crux_py.sim.state import State
from crux_py.sim.type_models import exact_type
from crux_py.sim.values import (
    ByteArrayObj, BytesVal, CachedFunction, Closure, DictObj, InstanceObj, ListObj, Mux, Ref, SetObj, SymBool, SymInt,
)
from crux_py.source import SourceSpan
from crux_py.term.nodes import Term

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

Args = list[object]
Kwargs = dict[str, object]
LRU_WRAPPER = functools._lru_cache_wrapper  # type: ignore[attr-defined]
_ROLE = "lru_cache"


class _KwdMark:
    """The marker `_make_key` puts between positional and keyword arguments (equal to itself only)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<kwd_mark>"


KWD_MARK = _KwdMark()
_UNHASHABLE = {ListObj: "list", ByteArrayObj: "bytearray", DictObj: "dict", SetObj: "set"}


def make_key(sim: Simulator, st: State, args: Args, kwargs: Kwargs, typed: bool, span: SourceSpan) -> object:
    if not typed and not kwargs and len(args) == 1:
        arg = args[0]
        if isinstance(arg, (str, SymInt)) or (isinstance(arg, int) and not isinstance(arg, bool)):
            return arg
    key: list[object] = list(args)
    if kwargs:
        key.append(KWD_MARK)
        for name, value in kwargs.items():
            key.extend((name, value))
    if typed:
        for value in [*args, *kwargs.values()]:
            cls = exact_type(sim, st, value)
            if cls is None:
                raise UnsupportedFeature("lru_cache(typed=True) key with a value whose class is not tracked", span)
            key.append(cls)
    return tuple(key)


def check_hashable(sim: Simulator, st: State, v: object, span: SourceSpan) -> None:
    """CPython's `hash(key)`: the first unhashable part fails with its TypeError."""
    if isinstance(v, tuple):
        for item in v:
            check_hashable(sim, st, item, span)
        return
    if isinstance(v, Mux):
        sim.lift(st, v, lambda side, alt: check_hashable(sim, side, alt, span))
        return
    if isinstance(v, (int, str, bytes, SymInt, SymBool, BytesVal, type, types.FunctionType, Closure, CachedFunction,
                      _KwdMark)) \
            or v is None:
        return
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        if type(obj) in _UNHASHABLE:
            sim.fail(st, GoalKind.PANIC, f"TypeError: unhashable type: '{_UNHASHABLE[type(obj)]}'", span,
                     "TypeError")
        if isinstance(obj, InstanceObj):
            hash_ = objects.class_attribute(obj.cls, "__hash__")
            if hash_ is None:
                sim.fail(st, GoalKind.PANIC, f"TypeError: unhashable type: '{obj.cls.__qualname__}'", span,
                         "TypeError")
            if hash_ is not object.__hash__ or objects.class_attribute(obj.cls, "__eq__") is not object.__eq__:
                raise UnsupportedFeature(f"lru_cache key with a {obj.cls.__qualname__} object (its own __hash__ "
                                         "or __eq__)", span)
            return
    raise UnsupportedFeature(f"lru_cache key with a {objects.python_type(sim, st, v).__name__} value", span)


def _with_entries(sim: Simulator, st: State, ref: Ref,
                  f: Callable[[State, tuple[object, ...]], object]) -> object:
    """`f(state, entries)`; a cache merged from paths with different entries is
    handled one alternative at a time, each on its own fork."""
    obj = st.heap[ref.rid]
    if isinstance(obj, Mux):
        def run(side: State, alt: object) -> object:
            side.heap[ref.rid] = alt  # type: ignore[assignment]
            return _with_entries(sim, side, ref, f)

        return sim.lift(st, obj, run)
    assert isinstance(obj, ListObj)
    return f(st, obj.items)


def _exclusive(sim: Simulator, st: State, key: object, entries: tuple[object, ...]) -> list[tuple[int, Term]]:
    """For each entry (and -1: none), the condition that it is the first entry whose key equals `key`.
    (A dict holds no two equal keys; taking the first keeps the conditions exclusive regardless.)"""
    ctx = sim.ctx
    found: list[tuple[int, Term]] = []
    none_before = ctx.true
    for i, entry in enumerate(entries):
        assert isinstance(entry, tuple)
        same = bool_term(sim, eq(sim, st, key, entry[0]))
        found.append((i, ctx.and_(none_before, same)))
        none_before = ctx.and_(none_before, ctx.not_(same))
    found.append((-1, none_before))
    return [(i, g) for i, g in found if not (g.is_const and not g.value)]


def cached_call(sim: Simulator, st: State, func: object, maxsize: int | None, ref: Ref, args: Args,
                kwargs: Kwargs, typed: bool, span: SourceSpan) -> object:
    if maxsize == 0:
        return sim.call(st, func, args, kwargs, span)
    key = make_key(sim, st, args, kwargs, typed, span)
    check_hashable(sim, st, key, span)

    def lookup(side: State, entries: tuple[object, ...]) -> object:
        found = _exclusive(sim, side, key, entries)
        arms: list[tuple[Term, Callable[[State], object]]] = []
        miss = next(g for i, g in found if i < 0) if found[-1][0] < 0 else None
        # Running the function on a path no input reaches would only cost time.
        if miss is not None and (miss.is_const or sim.feasible(side.pc + (miss,))):
            arms.append((miss, lambda s: _miss(sim, s, func, maxsize, ref, key, args, kwargs, span)))
        hits = [(i, g) for i, g in found if i >= 0]
        if maxsize is None and len(hits) > 1:
            # A hit of the unbounded cache changes nothing: one arm whose value is the stored result selected
            # by the (exclusive) hit conditions, instead of one fork per entry.
            hit_guard = sim.ctx.or_(*(g for _, g in hits))
            value = _result(entries, hits[-1][0])
            for i, g in reversed(hits[:-1]):
                value = merge_values(sim.ctx, g, _result(entries, i), value)
            arms.append((hit_guard, lambda s, v=value: v))
        else:
            arms += [(g, lambda s, i=i: _hit(sim, s, maxsize, ref, entries, i)) for i, g in hits]
        if len(arms) == 1:
            return arms[0][1](side)  # the only possibility on this path (the others are infeasible)
        return sim.choose(side, arms)

    return _with_entries(sim, st, ref, lookup)


def _result(entries: tuple[object, ...], i: int) -> object:
    entry = entries[i]
    assert isinstance(entry, tuple)
    return entry[1]


def _hit(sim: Simulator, st: State, maxsize: int | None, ref: Ref, entries: tuple[object, ...], i: int) -> object:
    entry = entries[i]
    assert isinstance(entry, tuple)
    if maxsize is not None:  # the bounded cache moves the entry to the most recently used end
        sim.write(st, ref, ListObj(entries[:i] + entries[i + 1:] + (entry,)))
    return entry[1]


def _miss(sim: Simulator, st: State, func: object, maxsize: int | None, ref: Ref, key: object, args: Args,
          kwargs: Kwargs, span: SourceSpan) -> object:
    result = sim.call(st, func, args, kwargs, span)

    def store(side: State, entries: tuple[object, ...]) -> object:
        arms: list[tuple[Term, Callable[[State], object]]] = []
        for i, guard in _exclusive(sim, side, key, entries):
            arms.append((guard, lambda s, i=i: _store(sim, s, maxsize, ref, entries, i, key, result)))
        if len(arms) == 1 and arms[0][0].is_const:
            return arms[0][1](side)
        return sim.choose(side, arms)

    _with_entries(sim, st, ref, store)
    return result


def _store(sim: Simulator, st: State, maxsize: int | None, ref: Ref, entries: tuple[object, ...], i: int,
           key: object, result: object) -> None:
    """After a miss: the key is the `i`th entry's now (-1: it is not stored)."""
    if i >= 0:
        if maxsize is None:  # dict[key] = result keeps the stored key and its place
            old = entries[i]
            assert isinstance(old, tuple)
            sim.write(st, ref, ListObj(entries[:i] + ((old[0], result),) + entries[i + 1:]))
        return  # the bounded cache keeps what the reentrant call stored
    if maxsize is not None and len(entries) >= maxsize:
        entries = entries[1:]
    sim.write(st, ref, ListObj(entries + ((key, result),)))


def _cache_of(sim: Simulator, st: State, wrapper: object) -> tuple[object, int | None, bool, Ref]:
    """The wrapped function, maxsize, typed and the cache entries of a wrapper (built at import or simulated)."""
    if isinstance(wrapper, CachedFunction):
        return wrapper.func, wrapper.maxsize, wrapper.typed, wrapper.cache
    params = wrapper.cache_parameters()  # type: ignore[attr-defined]
    cache = sim.shadow(st, wrapper, _ROLE, lambda: ListObj(()))
    return wrapper.__wrapped__, params["maxsize"], params["typed"], cache  # type: ignore[attr-defined]


def model_call(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """`wrapper(*args, **kwargs)` for an lru_cache wrapper."""
    wrapper, *rest = args
    func, maxsize, typed, cache = _cache_of(sim, st, wrapper)
    return cached_call(sim, st, func, maxsize, cache, rest, kwargs, typed, span)


def model_cache_clear(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    wrapper, *rest = args
    if rest or kwargs:
        sim.fail(st, GoalKind.PANIC, "TypeError: _lru_cache_wrapper.cache_clear() takes no arguments "
                 f"({len(rest) + len(kwargs)} given)", span, "TypeError")
    sim.write(st, _cache_of(sim, st, wrapper)[3], ListObj(()))
    return None


def model_cache_info(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    raise UnsupportedFeature("cache_info() of an lru_cache wrapper (hit and miss counts are not modelled)", span)


def model_cache_parameters(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    wrapper, *rest = args
    if rest or kwargs:
        raise UnsupportedFeature("cache_parameters() with arguments", span)
    _, maxsize, typed, _ = _cache_of(sim, st, wrapper)
    return dicts.new_dict(sim, st, [("maxsize", maxsize), ("typed", typed)], span)


_ATTRIBUTES = ("__wrapped__", "__name__", "__qualname__", "__module__", "__doc__")


def model_getattr(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """Attributes of an lru_cache wrapper: what `update_wrapper` copied when it was made."""
    wrapper, name = args
    assert isinstance(name, str)
    if isinstance(wrapper, CachedFunction):
        return funcattrs.get(sim, st, wrapper, name, span)
    if name not in _ATTRIBUTES:
        raise UnsupportedFeature(f"attribute `.{name}` of an lru_cache wrapper", span)
    return sim.to_value(st, getattr(wrapper, name), span)


LRU_MODELS: dict[object, object] = {
    LRU_WRAPPER: model_call,
    CachedFunction: model_call,
    (LRU_WRAPPER, "cache_clear"): model_cache_clear,
    (LRU_WRAPPER, "cache_info"): model_cache_info,
    (LRU_WRAPPER, "cache_parameters"): model_cache_parameters,
    (LRU_WRAPPER, "__getattr__"): model_getattr,
}
