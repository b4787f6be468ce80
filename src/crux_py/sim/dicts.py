"""Dicts and sets with concrete keys: displays, `d[k]`, `d[k] = v`, `del d[k]`,
their methods, iteration, and the builtins `dict` and `set`.

A dict is a `DictObj` heap object (keys in insertion order, as CPython
keeps them), a set a `SetObj`; both are referred to by `Ref`, so aliasing
and mutation behave as for lists. Values may be symbolic; keys and set
elements must be concrete (`dictkeys.py`): storing a symbolic key is
`UnsupportedFeature`, never a guess, while looking one up is exact (an
`ite` over the keys it may equal, after the obligation that it is one of
them). A missing key is a KeyError goal like any Python exception.
Membership and `==` are in `compare.py`; merging in `merge.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import compare, dictkeys, pyint
from crux_py.sim.goals import GoalKind
from crux_py.sim.iteration import materialize
from crux_py.sim.merge import merge_values
from crux_py.sim.state import State
from crux_py.sim.values import DictObj, DictView, Ref, SetObj, is_concrete
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

_MISSING = object()

DICT_METHODS = frozenset({"keys", "values", "items", "get", "pop", "popitem", "setdefault", "update", "copy",
                          "clear"})
SET_METHODS = frozenset({"add", "discard", "remove", "copy", "clear"})


def heap_dict(sim: Simulator, st: State, v: object) -> DictObj | None:
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        if isinstance(obj, DictObj):
            return obj
    return None


def heap_set(sim: Simulator, st: State, v: object) -> SetObj | None:
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        if isinstance(obj, SetObj):
            return obj
    return None


def _key_repr(key: object) -> str:
    return repr(key) if is_concrete(key) else "<symbolic>"


def storable_key(sim: Simulator, st: State, key: object, span: SourceSpan, what: str = "dict key") -> None:
    """Fail or reject unless `key` can be stored: concrete and hashable."""
    kind = dictkeys.classify(sim, st, key)
    if kind == dictkeys.CONCRETE:
        return
    if kind == dictkeys.SYMBOLIC:
        raise UnsupportedFeature(f"a symbolic {what} (the set of keys would depend on the inputs)", span,
                                 "use concrete keys; values may be symbolic")
    if kind == dictkeys.OTHER:
        raise UnsupportedFeature(f"a {what} of type {type(key).__name__} (only ints, strings, bytes, None and "
                                 "tuples of these are modelled as keys)", span)
    sim.fail(st, GoalKind.PANIC, f"TypeError: unhashable type: '{kind}'", span, "TypeError")


def _lookable_key(sim: Simulator, st: State, key: object, span: SourceSpan) -> str:
    """Like `storable_key` for a lookup, where a symbolic key is fine: its kind."""
    kind = dictkeys.classify(sim, st, key)
    if kind == dictkeys.OTHER:
        raise UnsupportedFeature(f"a dict key of type {type(key).__name__}", span)
    if kind not in (dictkeys.CONCRETE, dictkeys.SYMBOLIC):
        sim.fail(st, GoalKind.PANIC, f"TypeError: unhashable type: '{kind}'", span, "TypeError")
    return kind


def stored(obj: DictObj, key: object, value: object) -> DictObj:
    """`obj` with `key` (concrete) bound to `value`; an existing key keeps its place (and its object)."""
    i = dictkeys.find(obj.keys, key)
    if i is None:
        return DictObj(obj.keys + (key,), obj.values + (value,))
    return DictObj(obj.keys, obj.values[:i] + (value,) + obj.values[i + 1:])


def _removed(obj: DictObj, i: int) -> DictObj:
    return DictObj(obj.keys[:i] + obj.keys[i + 1:], obj.values[:i] + obj.values[i + 1:])


def new_dict(sim: Simulator, st: State, pairs: list[tuple[object, object]], span: SourceSpan) -> Ref:
    obj = DictObj((), ())
    for key, value in pairs:
        storable_key(sim, st, key, span)
        obj = stored(obj, key, value)
    return sim.alloc(st, obj)


def new_set(sim: Simulator, st: State, items: list[object], span: SourceSpan) -> Ref:
    out: tuple[object, ...] = ()
    for x in items:
        storable_key(sim, st, x, span, "set element")
        if dictkeys.find(out, x) is None:
            out += (x,)
    return sim.alloc(st, SetObj(out))


# ---- lookup ----------------------------------------------------------------------------

def _candidates(sim: Simulator, st: State, obj: DictObj, key: object,
                span: SourceSpan) -> list[tuple[int, pyint.BoolVal]]:
    """The positions `key` may denote, each with its condition (exclusive: keys are distinct)."""
    if _lookable_key(sim, st, key, span) == dictkeys.CONCRETE:
        i = dictkeys.find(obj.keys, key)
        return [] if i is None else [(i, True)]
    out = []
    for i, k in enumerate(obj.keys):
        cond = compare.eq(sim, st, key, k)
        if cond is True:
            return [(i, True)]
        if cond is not False:
            out.append((i, cond))
    return out


def _select(sim: Simulator, obj: DictObj, found: list[tuple[int, pyint.BoolVal]], default: object) -> object:
    """The value at the position whose condition holds, else `default`."""
    result = default
    for i, cond in reversed(found):
        if cond is True:
            return obj.values[i]
        result = obj.values[i] if result is _MISSING else merge_values(sim.ctx, cond.term, obj.values[i], result)  # type: ignore[union-attr]
    return result


def getitem(sim: Simulator, st: State, obj: DictObj, key: object, span: SourceSpan) -> object:
    found = _candidates(sim, st, obj, key, span)
    present = compare.any_of(sim, [c for _, c in found])
    sim.check(st, present, GoalKind.PANIC, f"KeyError: {_key_repr(key)}", span, "KeyError")
    return _select(sim, obj, found, _MISSING)


def setitem(sim: Simulator, st: State, ref: Ref, obj: DictObj, key: object, value: object,
            span: SourceSpan) -> None:
    storable_key(sim, st, key, span)
    sim.write(st, ref, stored(obj, key, value))


def delitem(sim: Simulator, st: State, ref: Ref, obj: DictObj, key: object, span: SourceSpan) -> None:
    storable_key(sim, st, key, span)
    i = dictkeys.find(obj.keys, key)
    if i is None:
        sim.fail(st, GoalKind.PANIC, f"KeyError: {key!r}", span, "KeyError")
    sim.write(st, ref, _removed(obj, i))  # type: ignore[arg-type]


# ---- construction from iterables (dict(), d.update(), set()) -------------------------------

def _update(sim: Simulator, st: State, obj: DictObj, args: list[object], kwargs: dict[str, object],
            name: str, span: SourceSpan) -> DictObj:
    if len(args) > 1:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {name} expected at most 1 argument, got {len(args)}", span,
                 "TypeError")
    if args:
        other = heap_dict(sim, st, args[0])
        if other is not None:
            pairs = list(zip(other.keys, other.values))
        else:
            pairs = []
            for n, item in enumerate(materialize(sim, st, args[0], span)):
                parts = materialize(sim, st, item, span)
                if len(parts) != 2:
                    sim.fail(st, GoalKind.PANIC, f"ValueError: dictionary update sequence element #{n} has length "
                             f"{len(parts)}; 2 is required", span, "ValueError")
                pairs.append((parts[0], parts[1]))
        for key, value in pairs:
            storable_key(sim, st, key, span)
            obj = stored(obj, key, value)
    for key, value in kwargs.items():
        obj = stored(obj, key, value)
    return obj


def model_dict(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    return sim.alloc(st, _update(sim, st, DictObj((), ()), args, kwargs, "dict", span))


def model_set(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    if kwargs:
        sim.fail(st, GoalKind.PANIC, "TypeError: set() takes no keyword arguments", span, "TypeError")
    if len(args) > 1:
        sim.fail(st, GoalKind.PANIC, f"TypeError: set expected at most 1 argument, got {len(args)}", span,
                 "TypeError")
    return new_set(sim, st, materialize(sim, st, args[0], span) if args else [], span)


# ---- methods ---------------------------------------------------------------------------

def _arity(sim: Simulator, st: State, what: str, args: list[object], kwargs: dict[str, object], lo: int, hi: int,
           span: SourceSpan) -> None:
    if kwargs:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {what}() takes no keyword arguments", span, "TypeError")
    if not lo <= len(args) <= hi:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {what}() takes from {lo} to {hi} arguments ({len(args)} given)",
                 span, "TypeError")


def call_method(sim: Simulator, st: State, ref: Ref, name: str, args: list[object], kwargs: dict[str, object],
                span: SourceSpan) -> object:
    """`ref.name(*args, **kwargs)` for a dict or a set behind `ref`."""
    obj = sim.heap_obj(st, ref)
    if isinstance(obj, DictObj):
        return _dict_method(sim, st, ref, obj, name, args, kwargs, span)
    assert isinstance(obj, SetObj)
    return _set_method(sim, st, ref, obj, name, args, kwargs, span)


def _dict_method(sim: Simulator, st: State, ref: Ref, obj: DictObj, name: str, args: list[object],
                 kwargs: dict[str, object], span: SourceSpan) -> object:
    what = f"dict.{name}"
    if name == "update":
        sim.write(st, ref, _update(sim, st, obj, args, kwargs, "update", span))
        return None
    if name in ("keys", "values", "items", "copy", "clear", "popitem"):
        _arity(sim, st, what, args, kwargs, 0, 0, span)
    if name in ("keys", "values", "items"):
        return DictView(ref, name)
    if name == "copy":
        return sim.alloc(st, obj)
    if name == "clear":
        sim.write(st, ref, DictObj((), ()))
        return None
    if name == "popitem":  # LIFO, as CPython guarantees
        if not obj.keys:
            sim.fail(st, GoalKind.PANIC, "KeyError: 'popitem(): dictionary is empty'", span, "KeyError")
        sim.write(st, ref, _removed(obj, len(obj.keys) - 1))
        return (obj.keys[-1], obj.values[-1])
    if name == "get":
        _arity(sim, st, what, args, kwargs, 1, 2, span)
        default = args[1] if len(args) == 2 else None
        return _select(sim, obj, _candidates(sim, st, obj, args[0], span), default)
    # pop and setdefault change the key set: concrete keys only.
    _arity(sim, st, what, args, kwargs, 1, 2, span)
    key = args[0]
    storable_key(sim, st, key, span)
    i = dictkeys.find(obj.keys, key)
    if name == "setdefault":
        if i is not None:
            return obj.values[i]
        value = args[1] if len(args) == 2 else None
        sim.write(st, ref, stored(obj, key, value))
        return value
    assert name == "pop"
    if i is None:
        if len(args) == 2:
            return args[1]
        sim.fail(st, GoalKind.PANIC, f"KeyError: {key!r}", span, "KeyError")
    sim.write(st, ref, _removed(obj, i))  # type: ignore[arg-type]
    return obj.values[i]  # type: ignore[index]


def _set_method(sim: Simulator, st: State, ref: Ref, obj: SetObj, name: str, args: list[object],
                kwargs: dict[str, object], span: SourceSpan) -> object:
    what = f"set.{name}"
    if name in ("copy", "clear"):
        _arity(sim, st, what, args, kwargs, 0, 0, span)
        if name == "copy":  # a copy re-inserts the elements into a fresh table
            return sim.alloc(st, SetObj(obj.items))
        sim.write(st, ref, SetObj(()))  # CPython starts over with a fresh table
        return None
    _arity(sim, st, what, args, kwargs, 1, 1, span)
    x = args[0]
    storable_key(sim, st, x, span, "set element")
    i = dictkeys.find(obj.items, x)
    if name == "add":
        if i is None:
            history = "fresh" if obj.history == "fresh" else "removed"
            sim.write(st, ref, SetObj(obj.items + (x,), history))
        return None
    if i is None:
        if name == "remove":
            sim.fail(st, GoalKind.PANIC, f"KeyError: {x!r}", span, "KeyError")
        return None
    # A removal leaves a dummy slot behind: the iteration order is no longer known.
    sim.write(st, ref, SetObj(obj.items[:i] + obj.items[i + 1:], "removed"))
    return None


def view_items(sim: Simulator, st: State, view: DictView) -> tuple[object, ...]:
    """The current contents of a dict view."""
    obj = sim.heap_obj(st, view.ref)
    assert isinstance(obj, DictObj)
    if view.kind == "keys":
        return obj.keys
    if view.kind == "values":
        return obj.values
    return tuple(zip(obj.keys, obj.values))
