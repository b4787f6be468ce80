"""`sorted(iterable, *, key=None, reverse=False)` and `list.sort(*, key=None, reverse=False)`.

CPython's sort is stable and only asks `<` of the keys (`key(item)`, or the
item itself), each key computed once, in order, before sorting. Here:

* keys that are all concrete: CPython sorts the positions by them (the same
  stable order, and the same TypeError for keys that do not compare), and
  the items, concrete or not, are permuted accordingly;
* keys that are all ints, some symbolic: an odd-even transposition network
  whose compare-exchange swaps two neighbours only when the later key is
  strictly less (greater, for `reverse`): only out-of-order neighbours
  ever swap, so equal keys keep their order and the result is exactly
  the stable sort. Items move with their keys (merged with `ite`s);
* any other keys (strings mixed with symbolic ints, ...): unsupported,
  since which pair CPython compares first (and so which error it gives)
  depends on timsort's order.

`sorted` of a set takes its elements in any order when that cannot change
the result (no key, and elements all ints, all strings or all bytes: all
distinct, so no ties): CPython's iteration order of a set is often not
known. `list.sort` empties the list while the keys are computed, as CPython does,
and fails with CPython's ValueError if a key function changed it.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import pyint
from crux_py.sim.compare import truth
from crux_py.sim.goals import GoalKind
from crux_py.sim.iteration import materialize
from crux_py.sim.merge import merge_values
from crux_py.sim.sequences import new_list
from crux_py.sim.state import State
from crux_py.sim.values import ListObj, Mux, Ref, SetObj, SymBool, SymInt, is_concrete
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

Args = list[object]
Kwargs = dict[str, object]


def _options(sim: Simulator, st: State, name: str, kwargs: Kwargs, span: SourceSpan) -> tuple[object, bool]:
    for k in kwargs:
        if k not in ("key", "reverse"):
            sim.fail(st, GoalKind.PANIC, f"TypeError: '{k}' is an invalid keyword argument for {name}()", span,
                     "TypeError")
    reverse = truth(sim, st, kwargs.get("reverse", False))
    if isinstance(reverse, SymBool):
        raise UnsupportedFeature(f"{name}() with a symbolic `reverse`", span)
    return kwargs.get("key"), reverse


def _is_int(v: object) -> bool:
    return isinstance(v, (SymInt, SymBool, int))


def sort_items(sim: Simulator, st: State, items: list[object], key: object, reverse: bool,
               span: SourceSpan) -> list[object]:
    keys = items if key is None else [sim.call(st, key, [x], {}, span) for x in items]
    if all(is_concrete(k) for k in keys):
        order = sim.run_concrete(
            st, lambda: tuple(sorted(range(len(keys)), key=keys.__getitem__, reverse=reverse)), (), span)
        assert isinstance(order, tuple)
        return [items[i] for i in order]
    if not all(_is_int(k) for k in keys):
        raise UnsupportedFeature("sorting keys that are not all ints when some are symbolic", span)
    return _network(sim, [pyint.from_bool(sim.ctx, k) if isinstance(k, (bool, SymBool)) else k for k in keys],
                    items, reverse)


def _network(sim: Simulator, keys: list[object], items: list[object], reverse: bool) -> list[object]:
    ctx = sim.ctx
    keys, items = list(keys), list(items)
    n = len(keys)
    for round_ in range(n):
        for i in range(round_ % 2, n - 1, 2):
            a, b = keys[i], keys[i + 1]
            swap = pyint.compare(ctx, ">" if reverse else "<", b, a)  # type: ignore[arg-type]
            if swap is False:
                continue
            if swap is True:
                keys[i], keys[i + 1] = b, a
                items[i], items[i + 1] = items[i + 1], items[i]
                continue
            keys[i], keys[i + 1] = merge_values(ctx, swap.term, b, a), merge_values(ctx, swap.term, a, b)
            x, y = items[i], items[i + 1]
            items[i], items[i + 1] = merge_values(ctx, swap.term, y, x), merge_values(ctx, swap.term, x, y)
    return items


def model_sorted(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    if len(args) != 1:
        sim.fail(st, GoalKind.PANIC, f"TypeError: sorted expected 1 argument, got {len(args)}", span, "TypeError")
    key, reverse = _options(sim, st, "sort", kwargs, span)
    elements = _set_elements(sim, st, args[0]) if key is None else None
    items = elements if elements is not None else tuple(materialize(sim, st, args[0], span))
    return _sort_list(sim, st, new_list(sim, st, items), key, reverse, span)


def _set_elements(sim: Simulator, st: State, v: object) -> tuple[object, ...] | None:
    """The elements of a set whose sorted order does not depend on the order CPython iterates it
    in (distinct ints, or distinct strings, or distinct bytes: no ties, no TypeError), else None."""
    obj = sim.heap_obj(st, v) if isinstance(v, Ref) else None
    if not isinstance(obj, SetObj):
        return None
    for kinds in ((int,), (str,), (bytes,)):
        if all(isinstance(x, kinds) for x in obj.items):
            return obj.items
    return None


def model_list_sort(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    ref, *rest = args
    if rest:
        sim.fail(st, GoalKind.PANIC, "TypeError: sort() takes no positional arguments", span, "TypeError")
    assert isinstance(ref, Ref)
    key, reverse = _options(sim, st, "sort", kwargs, span)
    _sort_list(sim, st, ref, key, reverse, span)
    return None


def _sort_list(sim: Simulator, st: State, ref: Ref, key: object, reverse: bool, span: SourceSpan) -> Ref:
    obj = sim.heap_obj(st, ref)
    assert isinstance(obj, ListObj)
    empty = ListObj(())
    sim.write(st, ref, empty)  # CPython's list looks empty while it is sorted
    result = sort_items(sim, st, list(obj.items), key, reverse, span)
    def check_untouched(side: State, now: object) -> None:
        if not (isinstance(now, ListObj) and not now.items):
            sim.fail(side, GoalKind.PANIC, "ValueError: list modified during sort", span, "ValueError")

    now = st.heap[ref.rid]
    if isinstance(now, Mux):  # a key function changed it on some paths only
        sim.lift(st, now, check_untouched)
    else:
        check_untouched(st, now)
    sim.write(st, ref, ListObj(tuple(result)))
    return ref


SORTING_MODELS: dict[object, object] = {
    builtins.sorted: model_sorted,
    (builtins.list, "sort"): model_list_sort,
}
