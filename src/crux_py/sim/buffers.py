"""`memoryview`: views of format 'B' (one dimension, items ints in [0, 256))
over bytes, a bytearray or another view.

A view is a heap object (`MemoryViewObj`: its base, first position, step,
length and flags) behind a `Ref`, because `release()` changes it. The items
are always read from the base (`sequences.view_items`, the one place every
bytes-like consumer goes through), so a view of a bytearray sees later
writes to it and writes through a view (`mv[i] = v`, `mv[a:b] = data`) go
to the bytearray. A slice of a view is another view of the same base. A
bytearray a view may still export cannot be resized (`sequences.check_resizable`).
Formats other than 'B' (`cast('I')`, say) are unsupported, never guessed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import objects, pyint, sequences
from crux_py.sim.goals import GoalKind
from crux_py.sim.merge import make_bytes, merge_values
from crux_py.sim.state import State
from crux_py.sim.type_models import exact_type
from crux_py.sim.values import (
    ByteArrayObj,
    BytesVal,
    MemoryViewObj,
    Ref,
    SymBool,
    SymInt,
)
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

Args = list[object]
Kwargs = dict[str, object]

READ_ONLY = "TypeError: cannot modify read-only memory"
OUT_OF_BOUNDS = "IndexError: index out of bounds on dimension 1"
_NOT_BUFFERS = (int, bool, float, str, list, tuple, dict, set, frozenset, type(None), range)
"""Classes CPython's memoryview() refuses with a TypeError (a C extension class may export a buffer)."""


def heap_view(sim: Simulator, st: State, v: object) -> MemoryViewObj | None:
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        if isinstance(obj, MemoryViewObj):
            return obj
    return None


def _live(sim: Simulator, st: State, view: MemoryViewObj, span: SourceSpan) -> None:
    if view.released:
        sim.fail(st, GoalKind.PANIC, sequences.RELEASED, span, "ValueError")


def _not_bytes_like(sim: Simulator, st: State, v: object, prefix: str, span: SourceSpan) -> None:
    cls = exact_type(sim, st, v)
    if cls is not None and (issubclass(cls, _NOT_BUFFERS) or objects.is_user_class(cls)):
        sim.fail(st, GoalKind.PANIC, f"TypeError: {prefix}a bytes-like object is required, not '{cls.__name__}'",
                 span, "TypeError")
    raise UnsupportedFeature(f"a buffer of type {cls.__name__ if cls else type(v).__name__} "
                             "(bytes, bytearray and memoryview are modelled)", span)


def model_memoryview(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """`memoryview(object)`."""
    given = list(args) + [kwargs[k] for k in kwargs if k == "object"]
    if set(kwargs) - {"object"} or len(given) != 1:
        raise UnsupportedFeature("memoryview() with other than one argument", span)
    source = given[0]
    if isinstance(source, (bytes, BytesVal)):
        return sim.alloc(st, MemoryViewObj(source, 0, 1, len(sequences.sequence_items(sim, st, source)), True))  # type: ignore[arg-type]
    if isinstance(source, Ref):
        obj = sim.heap_obj(st, source)
        if isinstance(obj, ByteArrayObj):
            sim.exported.add(source.rid)
            return sim.alloc(st, MemoryViewObj(source, 0, 1, len(obj.items), False))
        if isinstance(obj, MemoryViewObj):
            _live(sim, st, obj, span)
            return sim.alloc(st, MemoryViewObj(obj.base, obj.start, obj.step, obj.length, obj.readonly))
    _not_bytes_like(sim, st, source, "memoryview: ", span)
    raise AssertionError("unreachable")


def _index(sim: Simulator, st: State, index: object, span: SourceSpan) -> pyint.IntVal:
    if isinstance(index, (bool, SymBool)):
        return pyint.from_bool(sim.ctx, index)
    if isinstance(index, (int, SymInt)):
        return index
    if isinstance(index, tuple):
        raise UnsupportedFeature("indexing a memoryview with a tuple (multi-dimensional views)", span)
    sim.fail(st, GoalKind.PANIC, "TypeError: memoryview: invalid slice key", span, "TypeError")
    raise AssertionError("unreachable")


def getitem(sim: Simulator, st: State, view: MemoryViewObj, index: object, span: SourceSpan) -> object:
    _live(sim, st, view, span)
    i = _index(sim, st, index, span)
    items = sequences.view_items(sim, st, view)
    return sequences.select(sim, items, sequences.positions(sim, st, len(items), i, span, OUT_OF_BOUNDS))


def _write(sim: Simulator, st: State, view: MemoryViewObj, updates: list[tuple[int, pyint.BoolVal, object]]) -> None:
    """Store `value` at view position k where `cond` holds, for each `(k, cond, value)`, into the bytearray."""
    base = view.base
    assert isinstance(base, Ref)
    obj = sim.heap_obj(st, base)
    assert isinstance(obj, ByteArrayObj)
    items = list(obj.items)
    for k, cond, value in updates:
        at = view.start + k * view.step
        items[at] = value if cond is True else merge_values(sim.ctx, cond.term, value, items[at])  # type: ignore[union-attr]
    sim.write(st, base, ByteArrayObj(tuple(items)))


def setitem(sim: Simulator, st: State, view: MemoryViewObj, index: object, value: object, span: SourceSpan) -> None:
    """`mv[i] = value` (CPython checks: released, read-only, the index, then the value)."""
    _live(sim, st, view, span)
    sequences.view_items(sim, st, view)  # a base that differs between merged paths splits now, before any check
    if view.readonly:
        sim.fail(st, GoalKind.PANIC, READ_ONLY, span, "TypeError")
    i = _index(sim, st, index, span)
    places = sequences.positions(sim, st, view.length, i, span, OUT_OF_BOUNDS)
    if not isinstance(value, (int, SymInt, SymBool)):
        sim.fail(st, GoalKind.PANIC, "TypeError: memoryview: invalid type for format 'B'", span, "TypeError")
    ctx = sim.ctx
    x = pyint.from_bool(ctx, value) if isinstance(value, (bool, SymBool)) else value
    ok = pyint.compare(ctx, ">=", x, 0), pyint.compare(ctx, "<", x, 256)
    in_range = ok[1] if ok[0] is True else ok[0] if ok[1] is True else (
        False if False in ok else pyint.bool_of(ctx, ctx.and_(ok[0].term, ok[1].term)))  # type: ignore[union-attr]
    sim.check(st, in_range, GoalKind.PANIC, "ValueError: memoryview: invalid value for format 'B'", span,
              "ValueError")
    x = pyint.refine(ctx, x, 0, 255)
    _write(sim, st, view, [(k, cond, x) for k, cond in places])


def _sliced(sim: Simulator, st: State, view: MemoryViewObj, lower: object, upper: object, step: object,
            span: SourceSpan) -> range:
    """The positions of the view that a slice selects."""
    return range(view.length)[sequences.concrete_slice(sim, st, lower, upper, step, span)]


def getslice(sim: Simulator, st: State, view: MemoryViewObj, lower: object, upper: object, step: object,
             span: SourceSpan) -> Ref:
    """`mv[a:b:c]`: a view of the same memory."""
    _live(sim, st, view, span)
    r = _sliced(sim, st, view, lower, upper, step, span)
    return sim.alloc(st, MemoryViewObj(view.base, view.start + r.start * view.step, view.step * r.step, len(r),
                                       view.readonly))


def setslice(sim: Simulator, st: State, view: MemoryViewObj, lower: object, upper: object, step: object,
             value: object, span: SourceSpan) -> None:
    """`mv[a:b:c] = data`: data is bytes-like, of the slice's length (CPython reads it all first)."""
    _live(sim, st, view, span)
    sequences.view_items(sim, st, view)  # a base that differs between merged paths splits now, before any check
    if view.readonly:
        sim.fail(st, GoalKind.PANIC, READ_ONLY, span, "TypeError")
    kind = sequences.sequence_kind(sim, st, value)
    if kind not in ("bytes", "memoryview"):
        _not_bytes_like(sim, st, value, "", span)
    data = sequences.sequence_items(sim, st, value)
    r = _sliced(sim, st, view, lower, upper, step, span)
    if len(data) != len(r):  # type: ignore[arg-type]
        sim.fail(st, GoalKind.PANIC, "ValueError: memoryview assignment: lvalue and rvalue have different "
                 "structures", span, "ValueError")
    _write(sim, st, view, [(k, True, x) for k, x in zip(r, data)])  # type: ignore[arg-type]


def _receiver(sim: Simulator, st: State, args: Args, span: SourceSpan) -> tuple[Ref, MemoryViewObj]:
    ref = args[0]
    view = heap_view(sim, st, ref)
    assert isinstance(ref, Ref) and view is not None
    return ref, view


def model_tobytes(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    _ref, view = _receiver(sim, st, args, span)
    order = args[1] if len(args) > 1 else kwargs.get("order")
    if order not in (None, "C", "F", "A"):  # one dimension: every order is the same
        raise UnsupportedFeature(f"memoryview.tobytes(order={order!r})", span)
    _live(sim, st, view, span)
    return make_bytes(sequences.view_items(sim, st, view))


def model_tolist(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    _ref, view = _receiver(sim, st, args, span)
    _live(sim, st, view, span)
    return sequences.new_list(sim, st, sequences.view_items(sim, st, view))


def model_release(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """`mv.release()`: later uses fail; releasing twice is allowed. (Views sliced
    from it are separate views of the same buffer and stay usable, as in CPython.)"""
    ref, view = _receiver(sim, st, args, span)
    if not view.released:
        sim.write(st, ref, MemoryViewObj(view.base, view.start, view.step, view.length, view.readonly, True))
    return None


def _contiguous(view: MemoryViewObj) -> bool:
    return view.length <= 1 or view.step == 1


def model_cast(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    _ref, view = _receiver(sim, st, args, span)
    fmt = args[1] if len(args) > 1 else kwargs.get("format")
    if len(args) > 2 or set(kwargs) - {"format"} or fmt != "B":
        raise UnsupportedFeature(f"memoryview.cast to format {fmt!r} or with a shape (only 'B' is modelled)", span)
    _live(sim, st, view, span)
    if not _contiguous(view):
        sim.fail(st, GoalKind.PANIC, "TypeError: memoryview: casts are restricted to C-contiguous views", span,
                 "TypeError")
    return sim.alloc(st, MemoryViewObj(view.base, view.start, view.step, view.length, view.readonly))


def model_toreadonly(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    _ref, view = _receiver(sim, st, args, span)
    _live(sim, st, view, span)
    return sim.alloc(st, MemoryViewObj(view.base, view.start, view.step, view.length, True))


def model_attribute(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """The data attributes of a view (`mv.nbytes`, ...); methods are found before this."""
    _ref, view = _receiver(sim, st, args, span)
    name = args[1]
    values = {"nbytes": view.length, "itemsize": 1, "format": "B", "ndim": 1, "shape": (view.length,),
              "strides": (view.step,), "suboffsets": (), "readonly": view.readonly, "contiguous": _contiguous(view),
              "c_contiguous": _contiguous(view), "f_contiguous": _contiguous(view)}
    if name == "obj":
        _live(sim, st, view, span)
        return view.base
    if name in values:
        _live(sim, st, view, span)
        return values[name]  # type: ignore[index]
    if hasattr(memoryview, name):  # type: ignore[arg-type]
        raise UnsupportedFeature(f"memoryview.{name}", span)
    sim.fail(st, GoalKind.PANIC, f"AttributeError: 'memoryview' object has no attribute '{name}'", span,
             "AttributeError")
    raise AssertionError("unreachable")


BUFFER_MODELS: dict[object, object] = {
    memoryview: model_memoryview,
    (memoryview, "tobytes"): model_tobytes,
    (memoryview, "tolist"): model_tolist,
    (memoryview, "release"): model_release,
    (memoryview, "cast"): model_cast,
    (memoryview, "toreadonly"): model_toreadonly,
    (memoryview, "__getattr__"): model_attribute,
}
