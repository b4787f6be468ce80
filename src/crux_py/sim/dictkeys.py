"""Keys of dicts and elements of sets: which values may be keys, finding them,
and the order in which CPython iterates a set.

Only concrete hashable values (ints, bools, strings, bytes, None and tuples
of these) are stored as keys, so a dict's key set never depends on the
inputs; a concrete key is found with Python's own `==` (for these types
`==` implies equal hashes, so this is exactly dict lookup). A symbolic key
may be looked up (a disjunction of equalities, in `compare.py` and
`dicts.py`) but never stored: that would make the key set symbolic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crux_py.sim.values import ByteArrayObj, DictObj, ListObj, Ref, SetObj, SymBool, SymInt, is_concrete

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator
    from crux_py.sim.state import State

CONCRETE = "concrete"
SYMBOLIC = "symbolic"
OTHER = "other"

_UNHASHABLE = {ListObj: "list", ByteArrayObj: "bytearray", DictObj: "dict", SetObj: "set"}

SMALL_INTS = 8
"""Every CPython set table has at least 8 slots and an int `i` hashes to `i`:
distinct ints in range(8) added to a set that never lost an element each sit
in their own home slot, so the set iterates them in increasing order."""


def classify(sim: Simulator, st: State, key: object) -> str:
    """CONCRETE, SYMBOLIC (an int, bool or tuple with symbolic parts), OTHER
    (hashable in CPython, but not modelled as a key), or the name of the
    unhashable type (a list, say)."""
    if is_concrete(key):
        return CONCRETE
    if isinstance(key, (SymInt, SymBool)):
        return SYMBOLIC
    if isinstance(key, tuple):
        kinds = [classify(sim, st, x) for x in key]
        for kind in kinds:
            if kind not in (CONCRETE, SYMBOLIC):
                return kind
        return SYMBOLIC
    if isinstance(key, Ref):
        obj = sim.heap_obj(st, key)
        name = _UNHASHABLE.get(type(obj))
        if name is not None:
            return name
    return OTHER


def find(keys: tuple[object, ...], key: object) -> int | None:
    """The position of a concrete key (Python's `==`, as dict lookup), or None."""
    for i, k in enumerate(keys):
        if k == key:
            return i
    return None


def _ident(k: object) -> object:
    """Distinguishes keys that are equal but print differently (`1` and `True`)."""
    if isinstance(k, tuple):
        return tuple(_ident(x) for x in k)
    return (type(k), k)


def same_keys(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    """The same keys, of the same types, in the same order."""
    return len(a) == len(b) and all(_ident(x) == _ident(y) for x, y in zip(a, b))


def set_order(obj: SetObj) -> tuple[object, ...] | None:
    """The elements of a set in CPython's iteration order, when that is determined; else None."""
    if obj.history == "cpython":
        return obj.items
    if obj.history == "fresh" and all(type(x) in (int, bool) and 0 <= x < SMALL_INTS for x in obj.items):  # type: ignore[operator]
        return tuple(sorted(obj.items))  # type: ignore[type-var]
    return None
