"""Iterators: `iter()`/`next()` for `for` loops, and consuming whole iterables.

Iterator objects live in the heap so that a loop's progress is part of the
path state. Lists are iterated live by index, as CPython does; a `range`
with a symbolic bound yields a symbolic "has next" condition, which makes the
loop's exit a symbolic branch (bounded by the unwind limit). `map` and
`filter` are lazy, as in CPython: their function runs when the next item is
asked for, and only on the paths where there is one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import compare, dictkeys, dunders, objects, pyint, sequences
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.values import (
    ByteArrayObj, BytesVal, DictObj, DictView, EnumerateIter, FilterIter, InstanceObj, KeyedIter, ListObj, MapIter,
    MemoryViewObj, Mux, RangeIter, RangeValue, ReversedIter, Ref, SeqIter, SetObj, SymBool, SymInt, TextVal, ZipIter,
)
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

_ITERATORS = (SeqIter, RangeIter, ReversedIter, EnumerateIter, ZipIter, KeyedIter, MapIter, FilterIter)


def is_iterator(sim: Simulator, st: State, v: object) -> bool:
    return isinstance(v, Ref) and isinstance(sim.heap_obj(st, v), _ITERATORS)


def single_iter(sim: Simulator, st: State, v: object, span: SourceSpan) -> Ref:
    """`iter(v)` for a model that keeps the iterator inside another (enumerate, zip)."""
    it = get_iter(sim, st, v, span)
    if isinstance(it, Mux):
        raise UnsupportedFeature("an __iter__ returning different iterators on merged paths, inside enumerate(), "
                                 "zip(), map() or filter()", span)
    return it


def get_iter(sim: Simulator, st: State, v: object, span: SourceSpan) -> Ref:
    """`iter(v)`: a heap iterator (a Mux of them when a user class's __iter__ returns different
    iterators on merged paths)."""
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        if isinstance(obj, _ITERATORS):
            return v
        if isinstance(obj, (ListObj, ByteArrayObj, MemoryViewObj)):
            return sim.alloc(st, SeqIter(v, 0))
        if isinstance(obj, DictObj):
            return sim.alloc(st, KeyedIter(v, "keys", 0, obj.keys))
        if isinstance(obj, InstanceObj):
            return _special_iter(sim, st, v, obj.cls, span)
        if isinstance(obj, SetObj):
            order = dictkeys.set_order(obj)
            if order is None:
                raise UnsupportedFeature("iterating over a set whose iteration order CPython does not fix "
                                         "(it depends on hashes and the table's history)", span,
                                         "iterate over sorted(...) of it, or use a dict or a list")
            return sim.alloc(st, KeyedIter(v, "set", 0, order))
    if isinstance(v, DictView):
        obj = sim.heap_obj(st, v.ref)
        assert isinstance(obj, DictObj)
        return sim.alloc(st, KeyedIter(v.ref, v.kind, 0, obj.keys))
    if isinstance(v, (tuple, str, bytes, BytesVal, TextVal)):
        return sim.alloc(st, SeqIter(v, 0))
    if isinstance(v, RangeValue):
        return sim.alloc(st, RangeIter(v.start, v.stop, v.step))  # type: ignore[arg-type]
    if not isinstance(v, (Ref, SymInt, SymBool)):
        try:
            iter(v)  # type: ignore[call-overload]
        except TypeError:
            pass
        else:  # iterable in CPython (an Enum class, say) but not modelled
            raise UnsupportedFeature(f"iterating over a {type(v).__name__}", span)
    sim.fail(st, GoalKind.PANIC, f"TypeError: '{type(v).__name__}' object is not iterable", span, "TypeError")
    raise AssertionError("unreachable")


def _special_iter(sim: Simulator, st: State, v: Ref, cls: type, span: SourceSpan) -> Ref:
    """`iter(v)` by `__iter__`, which must return an iterator; only the iterators the simulator
    has (of lists, tuples, ranges, dicts...) are modelled, not user classes with `__next__`."""
    if not dunders.defines(cls, "__iter__"):
        if dunders.defines(cls, "__getitem__"):
            raise UnsupportedFeature(f"iterating over {cls.__qualname__} objects by __getitem__", span)
        sim.fail(st, GoalKind.PANIC, f"TypeError: '{cls.__name__}' object is not iterable", span, "TypeError")

    def checked(side: State, r: object) -> object:
        if is_iterator(sim, side, r):
            return r
        rcls = dunders.user_class(sim, side, r)
        if rcls is not None and dunders.defines(rcls, "__next__"):
            raise UnsupportedFeature(f"{cls.__qualname__}.__iter__ returning a {rcls.__qualname__} (iterators "
                                     "of user classes are not modelled)", span)
        sim.fail(side, GoalKind.PANIC, f"TypeError: iter() returned non-iterator of type "
                 f"'{objects.python_type(sim, side, r).__name__}'", span, "TypeError")

    result = dunders.call_special(sim, st, v, cls, "__iter__", [], span)
    return dunders.per_value(sim, st, result, checked)  # type: ignore[return-value]


def iter_next(sim: Simulator, st: State, it: Ref, span: SourceSpan) -> tuple[pyint.BoolVal, object]:
    """Advance the iterator: (has a value, the value). Writes the new iterator state."""
    obj = sim.heap_obj(st, it)
    ctx = sim.ctx
    if isinstance(obj, SeqIter):
        items = sequences.sequence_items(sim, st, obj.seq)
        assert items is not None
        if obj.index < len(items):
            sim.write(st, it, SeqIter(obj.seq, obj.index + 1))
            return True, items[obj.index]
        return False, None
    if isinstance(obj, KeyedIter):
        return _keyed_next(sim, st, it, obj, span)
    if isinstance(obj, RangeIter):
        cur = obj.current
        has = pyint.compare(ctx, "<" if obj.step > 0 else ">", cur, obj.stop)  # type: ignore[arg-type]
        if has is False:
            return False, None
        sim.write(st, it, RangeIter(pyint.add(ctx, cur, obj.step), obj.stop, obj.step))  # type: ignore[arg-type]
        return has, cur
    if isinstance(obj, ReversedIter):
        if obj.index < 0:
            return False, None
        items = sequences.sequence_items(sim, st, obj.seq)
        assert items is not None
        sim.write(st, it, ReversedIter(obj.seq, obj.index - 1))
        return (True, items[obj.index]) if obj.index < len(items) else (False, None)
    if isinstance(obj, EnumerateIter):
        has, value = iter_next(sim, st, obj.inner, span)
        if has is False:
            return False, None
        sim.write(st, it, EnumerateIter(obj.inner, obj.count + 1))
        return has, (obj.count, value)
    if isinstance(obj, ZipIter):
        conds: list[pyint.BoolVal] = []
        values = []
        for i, inner in enumerate(obj.inners):
            has, value = iter_next(sim, st, inner, span)
            if has is False:
                if obj.strict:
                    _zip_strict_end(sim, st, obj.inners, i, span)
                return False, None
            if obj.strict and has is not True:
                raise UnsupportedFeature("zip(strict=True) over an iterable of symbolic length", span)
            conds.append(has)
            values.append(value)
        terms = [c.term for c in conds if isinstance(c, SymBool)]
        return (pyint.bool_of(ctx, ctx.and_(*terms)) if terms else True), tuple(values)
    if isinstance(obj, MapIter):
        return _map_next(sim, st, obj, span)
    if isinstance(obj, FilterIter):
        return _filter_next(sim, st, obj, span)
    sim.fail(st, GoalKind.PANIC, f"TypeError: '{type(obj).__name__}' object is not an iterator", span, "TypeError")
    raise AssertionError("unreachable")


def _zip_strict_end(sim: Simulator, st: State, inners: tuple[Ref, ...], i: int, span: SourceSpan) -> None:
    """zip(strict=True) when argument i+1 is exhausted: the others must be too (CPython's ValueErrors)."""
    def before(k: int) -> str:
        return f"arguments 1-{k}" if k > 1 else "argument 1"

    if i > 0:
        sim.fail(st, GoalKind.PANIC, f"ValueError: zip() argument {i + 1} is shorter than {before(i)}", span,
                 "ValueError")
    for j in range(1, len(inners)):
        has, _ = iter_next(sim, st, inners[j], span)
        sim.check(st, has is False if isinstance(has, bool) else pyint.bool_of(sim.ctx, sim.ctx.not_(has.term)),
                  GoalKind.PANIC, f"ValueError: zip() argument {j + 1} is longer than {before(j)}", span,
                  "ValueError")


def _map_next(sim: Simulator, st: State, obj: MapIter, span: SourceSpan) -> tuple[pyint.BoolVal, object]:
    values = []
    for i, inner in enumerate(obj.inners):
        has, value = iter_next(sim, st, inner, span)
        if has is False:
            return False, None
        if has is not True and i < len(obj.inners) - 1:
            # CPython stops advancing at the first exhausted iterable; which one that is would depend on the path.
            raise UnsupportedFeature("map() over several iterables, one of symbolic length", span)
        values.append(value)
    if has is True:
        return True, sim.call(st, obj.func, values, {}, span)
    assert isinstance(has, SymBool)
    # The function runs only on the paths that have an item.
    result = sim.choose(st, [(has.term, lambda side: sim.call(side, obj.func, values, {}, span)),
                             (sim.ctx.not_(has.term), lambda side: None)])
    return has, result


def _filter_next(sim: Simulator, st: State, obj: FilterIter, span: SourceSpan) -> tuple[pyint.BoolVal, object]:
    has, value = iter_next(sim, st, obj.inner, span)
    if has is False:
        return False, None
    if has is True:
        return _filter_item(sim, st, obj, value, span)
    assert isinstance(has, SymBool)
    return sim.choose(st, [(has.term, lambda side: _filter_item(sim, side, obj, value, span)),  # type: ignore[return-value]
                           (sim.ctx.not_(has.term), lambda side: (False, None))])


def _filter_item(sim: Simulator, st: State, obj: FilterIter, value: object,
                 span: SourceSpan) -> tuple[pyint.BoolVal, object]:
    keep = compare.truth(sim, st, value if obj.func is None else sim.call(st, obj.func, [value], {}, span))
    if keep is True:
        return True, value
    if keep is False:
        return _filter_next(sim, st, obj, span)
    assert isinstance(keep, SymBool)
    return sim.choose(st, [(keep.term, lambda side: (True, value)),  # type: ignore[return-value]
                           (sim.ctx.not_(keep.term), lambda side: _filter_next(sim, side, obj, span))])


def _keyed_next(sim: Simulator, st: State, it: Ref, obj: KeyedIter, span: SourceSpan) -> tuple[bool, object]:
    """Next of a dict or set iterator: values are read live, the keys must not change (as in CPython)."""
    container = sim.heap_obj(st, obj.ref)
    keys = container.keys if isinstance(container, DictObj) else container.items  # type: ignore[union-attr]
    if len(keys) != len(obj.keys):
        what = "Set" if obj.kind == "set" else "dictionary"
        sim.fail(st, GoalKind.PANIC, f"RuntimeError: {what} changed size during iteration", span, "RuntimeError")
    if obj.kind == "set":
        same = set(keys) == set(obj.keys)
    else:
        same = dictkeys.same_keys(keys, obj.keys)
    if not same:  # CPython may raise, skip or repeat keys here, depending on its table
        raise UnsupportedFeature("changing the keys of a dict or set while iterating over it", span)
    if obj.index >= len(keys):
        return False, None
    sim.write(st, it, KeyedIter(obj.ref, obj.kind, obj.index + 1, obj.keys))
    i = obj.index
    if obj.kind in ("keys", "set"):
        return True, obj.keys[i]
    value = container.values[i]  # type: ignore[union-attr]
    return True, value if obj.kind == "values" else (obj.keys[i], value)


def reversed_iter(sim: Simulator, st: State, v: object, span: SourceSpan) -> Ref:
    if isinstance(v, RangeValue):
        r = sequences.concrete_range(v)
        if r is None:
            raise UnsupportedFeature("reversed() of a range with symbolic bounds", span)
        return sim.alloc(st, SeqIter(tuple(reversed(r)), 0))
    cls = dunders.user_class(sim, st, v)
    if cls is not None:
        if dunders.defines(cls, "__reversed__") or dunders.defines(cls, "__getitem__"):
            raise UnsupportedFeature(f"reversed() of {cls.__qualname__} objects", span)
        sim.fail(st, GoalKind.PANIC, f"TypeError: '{cls.__name__}' object is not reversible", span, "TypeError")
    n = sequences.length(sim, st, v) if sequences.sequence_kind(sim, st, v) or isinstance(v, (str, TextVal)) else None
    if not isinstance(n, int):
        sim.fail(st, GoalKind.PANIC, f"TypeError: '{type(v).__name__}' object is not reversible", span, "TypeError")
    return sim.alloc(st, ReversedIter(v, n - 1))  # type: ignore[operator]


def materialize(sim: Simulator, st: State, v: object, span: SourceSpan) -> list[object]:
    """All the values of a finite iterable, in order (consuming an iterator)."""
    if not is_iterator(sim, st, v):
        items = sequences.sequence_items(sim, st, v)
        if items is not None:
            return list(items)
    called = dunders.user_class(sim, st, v) is not None  # get_iter runs its __iter__
    it = get_iter(sim, st, v, span)
    if called:  # `it` may differ between merged paths (a Mux)
        drained = dunders.per_value(sim, st, it, lambda side, i: tuple(drain(sim, side, i, span)))  # type: ignore[arg-type]
        if isinstance(drained, Mux):  # as many items as the path decides
            raise UnsupportedFeature("consuming an iterable whose length is symbolic", span,
                                     "loop over it with `for` instead, or bound the length")
        return list(drained)  # type: ignore[arg-type]
    return drain(sim, st, it, span)


def drain(sim: Simulator, st: State, it: Ref, span: SourceSpan) -> list[object]:
    """The values left in an iterator, in order (its length must not depend on the path)."""
    out: list[object] = []
    while True:
        has, value = iter_next(sim, st, it, span)
        if has is False:
            return out
        if has is not True:
            raise UnsupportedFeature("consuming an iterable whose length is symbolic", span,
                                     "loop over it with `for` instead, or bound the length")
        out.append(value)

