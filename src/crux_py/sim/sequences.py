"""Sequences: lists, tuples, strings, bytes, bytearrays and ranges: length,
indexing, slicing, slice assignment, `+` and `*`.

Lists and bytearrays are heap objects (`ListObj`, `ByteArrayObj` behind a
`Ref`) of concrete length; bytes are Python `bytes` or, with symbolic items,
`BytesVal`; strings are `str` or, with symbolic characters, `TextVal`.
`sequence_items` is the one place that reads the items of any of them,
memoryviews included (`view_items`: the items a view shows now), so every
consumer of bytes-like values accepts views. A symbolic index selects with
an `ite` chain after the obligation that it is in range. Membership and
ordering are in `compare.py`, list methods in `listmethods.py`, bytes
methods in `bytes_models.py`, memoryview indexing and slicing in `buffers.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.shapes import BoolShape, BytesFamily, IntShape, ListShape
from crux_py.sim import dunders, pyint, tables
from crux_py.sim.goals import GoalKind
from crux_py.sim.merge import make_bytes, make_text, merge_values, text_codes
from crux_py.sim.state import State
from crux_py.sim.signals import Split
from crux_py.sim.values import (
    ByteArrayObj, BytesVal, DictObj, DictView, ListObj, MemoryViewObj, Mux, RangeValue, Ref, SetObj, SymBool, SymInt,
    TextVal, is_concrete,
)
from crux_py.source import SourceSpan
from crux_py.term.context import TermContext
from crux_py.term.nodes import Term

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator


def list_items(sim: Simulator, st: State, ref: Ref) -> tuple[object, ...] | None:
    """The items of a list or bytearray behind `ref` (None for other heap objects)."""
    obj = sim.heap_obj(st, ref)
    return obj.items if isinstance(obj, (ListObj, ByteArrayObj)) else None


def sequence_kind(sim: Simulator, st: State, v: object) -> str | None:
    """What `==` compares by items: "list", "tuple", "bytes" (bytes and bytearray
    are equal by content) or "memoryview" (equal to those by content too)."""
    if isinstance(v, tuple):
        return "tuple"
    if isinstance(v, (bytes, BytesVal)):
        return "bytes"
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        if isinstance(obj, MemoryViewObj):
            return "memoryview"
        return "list" if isinstance(obj, ListObj) else "bytes" if isinstance(obj, ByteArrayObj) else None
    return None


def items_for_compare(sim: Simulator, st: State, v: object) -> tuple[object, ...] | None:
    """The items `<` compares lexicographically (None for memoryviews, which have no order)."""
    if sequence_kind(sim, st, v) in (None, "memoryview"):
        return None
    return sequence_items(sim, st, v)


RELEASED = "ValueError: operation forbidden on released memoryview object"


def view_items(sim: Simulator, st: State, view: MemoryViewObj) -> tuple[object, ...]:
    """The items a memoryview shows now (its base is read live); a released view fails."""
    if view.released:
        sim.fail(st, GoalKind.PANIC, RELEASED, sim.current_span, "ValueError")
    base = view.base
    if isinstance(base, Ref):
        base_items = list_items(sim, st, base)
        assert base_items is not None  # a view's bytearray cannot be resized while the view is alive
    else:
        base_items = base.items if isinstance(base, BytesVal) else tuple(base)  # type: ignore[arg-type]
    return tuple(base_items[view.start + k * view.step] for k in range(view.length))


def concrete_range(r: RangeValue) -> range | None:
    if isinstance(r.start, int) and isinstance(r.stop, int):
        return range(r.start, r.stop, r.step)
    return None


def sequence_items(sim: Simulator, st: State, v: object) -> tuple[object, ...] | None:
    """The items of a list, tuple, str, bytes, bytearray or concrete range; None for other values."""
    if isinstance(v, tuple):
        return v
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        if isinstance(obj, MemoryViewObj):
            return view_items(sim, st, obj)
        return list_items(sim, st, v)
    if isinstance(v, BytesVal):
        return v.items
    if isinstance(v, TextVal):
        return tuple(make_text((c,)) for c in v.codes)
    if isinstance(v, (str, bytes)):
        return tuple(v)
    if isinstance(v, RangeValue):
        r = concrete_range(v)
        return tuple(r) if r is not None else None
    return None


def length(sim: Simulator, st: State, v: object) -> pyint.IntVal | None:
    if isinstance(v, (tuple, str, bytes)):
        return len(v)
    if isinstance(v, BytesVal):
        return len(v.items)
    if isinstance(v, TextVal):
        return len(v.codes)
    if isinstance(v, DictView):
        v = v.ref
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        if isinstance(obj, DictObj):
            return len(obj.keys)
        if isinstance(obj, SetObj):
            return len(obj.items)
        if isinstance(obj, MemoryViewObj):
            return len(view_items(sim, st, obj))
        items = list_items(sim, st, v)
        return None if items is None else len(items)
    if isinstance(v, RangeValue):
        ctx = sim.ctx
        start, stop = _as_int(sim, v.start), _as_int(sim, v.stop)
        if isinstance(start, int) and isinstance(stop, int):
            return len(range(start, stop, v.step))
        if v.step > 0:
            span = pyint.sub(ctx, stop, start)
            raw = pyint.floordiv(ctx, pyint.add(ctx, span, v.step - 1), v.step)
        else:
            span = pyint.sub(ctx, start, stop)
            raw = pyint.floordiv(ctx, pyint.add(ctx, span, -v.step - 1), -v.step)
        return pyint.ite(ctx, pyint.compare(ctx, ">", raw, 0), raw, 0)
    return None


def _as_int(sim: Simulator, v: object) -> pyint.IntVal:
    if isinstance(v, (bool, SymBool)):
        return pyint.from_bool(sim.ctx, v)
    return v  # type: ignore[return-value]


def new_list(sim: Simulator, st: State, items: tuple[object, ...]) -> Ref:
    return sim.alloc(st, ListObj(tuple(items)))


def check_bytes(sim: Simulator, st: State, items: tuple[object, ...], span: SourceSpan) -> tuple[object, ...]:
    """Items that must be ints in range(256) to go into bytes or a bytearray (as CPython checks)."""
    out = []
    for x in items:
        if isinstance(x, (bool, SymBool)):
            x = pyint.from_bool(sim.ctx, x)
        if not isinstance(x, (int, SymInt)):
            sim.fail(st, GoalKind.PANIC, f"TypeError: '{type(x).__name__}' object cannot be interpreted as an "
                     "integer", span, "TypeError")
        ctx = sim.ctx
        ok = _both(ctx, pyint.compare(ctx, ">=", x, 0), pyint.compare(ctx, "<", x, 256))
        sim.check(st, ok, GoalKind.PANIC, "ValueError: byte must be in range(0, 256)", span, "ValueError")
        out.append(pyint.refine(ctx, x, 0, 255))
    return tuple(out)


# ---- indexing ---------------------------------------------------------------------

def _index_value(sim: Simulator, st: State, index: object, span: SourceSpan, what: str) -> pyint.IntVal:
    if isinstance(index, (int, SymInt, SymBool)):
        return _as_int(sim, index)
    kind = type(index).__name__
    cls = dunders.user_class(sim, st, index)
    if cls is not None:
        if dunders.defines(cls, "__index__"):
            return dunders.index(sim, st, index, cls, span)  # type: ignore[arg-type,return-value]
        kind = cls.__name__
    what = what.removesuffix(" assignment")
    message = f"string indices must be integers, not '{kind}'" if what == "string" else \
        f"{'byte' if what == 'bytes' else what} indices must be integers or slices, not {kind}"
    sim.fail(st, GoalKind.PANIC, f"TypeError: {message}", span, "TypeError")
    raise AssertionError("unreachable")


def _both(ctx: TermContext, a: pyint.BoolVal, b: pyint.BoolVal) -> pyint.BoolVal:
    if a is False or b is False:
        return False
    if a is True:
        return b
    if b is True:
        return a
    return SymBool(ctx.and_(a.term, b.term))


def _positions(sim: Simulator, st: State, n: int, i: pyint.IntVal, span: SourceSpan,
               what: str) -> list[tuple[int, pyint.BoolVal]]:
    return positions(sim, st, n, i, span, f"IndexError: {what} index out of range")


def check_index(sim: Simulator, st: State, n: int, i: pyint.IntVal, span: SourceSpan, message: str) -> None:
    """The obligation that an index is in range of a sequence of length `n` (failing with `message`)."""
    ctx = sim.ctx
    ok = _both(ctx, pyint.compare(ctx, ">=", i, -n), pyint.compare(ctx, "<", i, n))
    sim.check(st, ok, GoalKind.PANIC, message, span, "IndexError")


def positions(sim: Simulator, st: State, n: int, i: pyint.IntVal, span: SourceSpan,
              message: str) -> list[tuple[int, pyint.BoolVal]]:
    """The positions an index may denote in a sequence of length `n`, each with
    its condition, after the obligation (failing with `message`) that it is in range."""
    check_index(sim, st, n, i, span, message)
    return _conditions(sim.ctx, n, i)


def _conditions(ctx: TermContext, n: int, i: pyint.IntVal) -> list[tuple[int, pyint.BoolVal]]:
    if isinstance(i, int):
        return [(i % n, True)]
    lo, hi = pyint.bounds(i)
    out: list[tuple[int, pyint.BoolVal]] = []
    for k in range(n):
        conds = []
        if lo <= k <= hi:
            conds.append(pyint.compare(ctx, "==", i, k))
        if lo <= k - n <= hi:
            conds.append(pyint.compare(ctx, "==", i, k - n))
        terms = [c.term for c in conds if isinstance(c, SymBool)]
        if any(c is True for c in conds):
            out.append((k, True))
        elif terms:
            out.append((k, SymBool(ctx.or_(*terms))))
    return out


def select(sim: Simulator, items: tuple[object, ...], positions: list[tuple[int, pyint.BoolVal]]) -> object:
    result = items[positions[-1][0]]
    for k, cond in reversed(positions[:-1]):
        if cond is True:
            return items[k]
        result = merge_values(sim.ctx, cond.term, items[k], result)  # type: ignore[union-attr]
    return result


def getitem(sim: Simulator, st: State, obj: object, index: object, span: SourceSpan) -> object:
    if isinstance(obj, (str, bytes)) and isinstance(index, int):
        return sim.run_concrete(st, lambda o, i: o[i], (obj, index), span)
    if isinstance(obj, RangeValue) and concrete_range(obj) is not None and isinstance(index, int):
        return sim.run_concrete(st, lambda o, i: o[i], (concrete_range(obj), index), span)
    items = sequence_items(sim, st, obj)
    if items is None:
        if isinstance(obj, (SymInt, SymBool, Ref)):
            kind = "int" if isinstance(obj, SymInt) else "bool" if isinstance(obj, SymBool) else "iterator"
            sim.fail(st, GoalKind.PANIC, f"TypeError: '{kind}' object is not subscriptable", span, "TypeError")
        if isinstance(obj, RangeValue) or not is_concrete(index):
            raise UnsupportedFeature(f"indexing a {type(obj).__name__} value with {type(index).__name__}", span)
        # An opaque Python object (a shape such as u32[8], a class): CPython decides.
        return sim.run_concrete(st, lambda o, i: o[i], (obj, index), span)
    what = _kind_name(sim, st, obj)
    i = _index_value(sim, st, index, span, what)
    if not items:
        sim.fail(st, GoalKind.PANIC, f"IndexError: {what} index out of range", span, "IndexError")
    check_index(sim, st, len(items), i, span, f"IndexError: {what} index out of range")
    if not isinstance(i, int) and isinstance(obj, (str, TextVal)):
        # One character with a symbolic code point (an alphabet lookup), not a Mux of strings.
        return make_text((select(sim, text_codes(obj), _conditions(sim.ctx, len(items), i)),))
    if not isinstance(i, int):
        linear = tables.linear_lookup(sim.ctx, items, i)  # no equality per entry for a CRC table
        if linear is not None:
            return linear
    return select(sim, items, _conditions(sim.ctx, len(items), i))


def _kind_name(sim: Simulator, st: State, obj: object) -> str:
    """How CPython names the sequence in its IndexError message."""
    if isinstance(obj, Ref):
        return "bytearray" if isinstance(sim.heap_obj(st, obj), ByteArrayObj) else "list"
    if isinstance(obj, (bytes, BytesVal)):
        return "bytes"
    if isinstance(obj, TextVal):
        return "string"
    return {tuple: "tuple", str: "string"}.get(type(obj), type(obj).__name__)


def setitem(sim: Simulator, st: State, obj: object, index: object, value: object, span: SourceSpan) -> None:
    if not isinstance(obj, Ref):
        sim.fail(st, GoalKind.PANIC,
                 f"TypeError: '{type(obj).__name__}' object does not support item assignment", span, "TypeError")
    heap_obj = sim.heap_obj(st, obj)  # type: ignore[arg-type]
    if not isinstance(heap_obj, (ListObj, ByteArrayObj)):
        raise UnsupportedFeature("item assignment on this object", span)
    items = heap_obj.items
    what = "list" if isinstance(heap_obj, ListObj) else "bytearray"
    i = _index_value(sim, st, index, span, f"{what} assignment")
    if isinstance(heap_obj, ByteArrayObj):
        (value,) = check_bytes(sim, st, (value,), span)
    if not items:
        sim.fail(st, GoalKind.PANIC, f"IndexError: {what} assignment index out of range", span, "IndexError")
    new = list(items)
    for k, cond in _positions(sim, st, len(items), i, span, f"{what} assignment"):
        new[k] = value if cond is True else merge_values(sim.ctx, cond.term, value, items[k])  # type: ignore[union-attr]
    sim.write(st, obj, type(heap_obj)(tuple(new)))  # type: ignore[arg-type]


MAX_BOUND_CASES = 64
"""Most values a symbolic slice bound is split into (`split_bound`)."""


def split_bound(sim: Simulator, register: str, bound: SymInt, n: int, span: SourceSpan) -> None:
    """Rerun the slicing statement once per value of a symbolic, non-negative
    bound of a slice of a length-`n` sequence: each value below n, and the
    bound itself known to be >= n (Python clamps it to n; `getslice`). Each
    case has its own path, like a Mux; the register keeps its value."""
    if bound.lo < 0:
        raise UnsupportedFeature("slice with a bound that may be negative and is symbolic", span)
    top = min(bound.hi, n)
    if top - bound.lo + 1 > MAX_BOUND_CASES:
        raise UnsupportedFeature("slice with a symbolic bound", span, "use a concrete bound or index elements one by one")
    ctx, w = sim.ctx, bound.term.width
    alts = [(ctx.eq(bound.term, ctx.bv_const(v, w)), v) for v in range(bound.lo, top)]
    alts.append((ctx.ule(ctx.bv_const(top, w), bound.term), pyint.refine(ctx, bound, top, bound.hi)))

    def install(side: State, value: object) -> None:
        side.regs[register] = value

    raise Split(Mux(tuple(alts)), install)


def concrete_slice(sim: Simulator, st: State, lower: object, upper: object, step: object,
                    span: SourceSpan) -> slice:
    for part in (lower, upper, step):
        if part is not None and not isinstance(part, int):
            if isinstance(part, (SymInt, SymBool)):
                raise UnsupportedFeature("slice with a symbolic bound", span,
                                         "use a concrete bound or index elements one by one")
            sim.fail(st, GoalKind.PANIC, "TypeError: slice indices must be integers or None", span, "TypeError")
    if step == 0:
        sim.fail(st, GoalKind.PANIC, "ValueError: slice step cannot be zero", span, "ValueError")
    return slice(lower, upper, step)  # type: ignore[arg-type]


def check_resizable(sim: Simulator, st: State, ref: Ref, old: int, new: int, span: SourceSpan) -> None:
    """Before a bytearray changes size: CPython raises BufferError while a
    memoryview of it is alive. Whether it is alive depends on reference
    counts, which are not modelled: a view not yet released is unsupported."""
    if old == new or ref.rid not in sim.exported:
        return
    for obj in st.heap.values():
        for _, alt in obj.alts if isinstance(obj, Mux) else ((None, obj),):
            if isinstance(alt, MemoryViewObj) and alt.base == ref and not alt.released:
                raise UnsupportedFeature("resizing a bytearray while a memoryview of it may be alive (CPython "
                                         "raises BufferError until the view is released)", span,
                                         "call the view's release() first")


def getslice(sim: Simulator, st: State, obj: object, lower: object, upper: object, step: object,
             span: SourceSpan) -> object:
    n = length(sim, st, obj)
    if isinstance(n, int):  # a bound known to be past the end is the end
        lower, upper = (n if isinstance(b, SymInt) and b.lo >= n else b for b in (lower, upper))
    sl = concrete_slice(sim, st, lower, upper, step, span)
    if isinstance(obj, (str, bytes, tuple)):
        return obj[sl]
    if isinstance(obj, BytesVal):
        return make_bytes(obj.items[sl])
    if isinstance(obj, TextVal):
        return make_text(obj.codes[sl])
    if isinstance(obj, Ref):
        heap_obj = sim.heap_obj(st, obj)
        if isinstance(heap_obj, (ListObj, ByteArrayObj)):
            return sim.alloc(st, type(heap_obj)(heap_obj.items[sl]))
    if isinstance(obj, RangeValue) and concrete_range(obj) is not None:
        r = concrete_range(obj)[sl]  # type: ignore[index]
        return RangeValue(r.start, r.stop, r.step)
    if isinstance(obj, (BytesFamily, IntShape, BoolShape, ListShape)):  # `Bytes[:n]`, `u8[:n]`: shapes
        return sim.run_concrete(st, lambda o: o[sl], (obj,), span)
    sim.fail(st, GoalKind.PANIC, f"TypeError: '{type(obj).__name__}' object is not subscriptable", span,
             "TypeError")
    raise AssertionError("unreachable")


def setslice(sim: Simulator, st: State, obj: object, lower: object, upper: object, step: object, value: object,
             span: SourceSpan) -> None:
    """`obj[lower:upper:step] = value` for lists and bytearrays (concrete bounds)."""
    sl = concrete_slice(sim, st, lower, upper, step, span)
    heap_obj = sim.heap_obj(st, obj) if isinstance(obj, Ref) else None
    if not isinstance(heap_obj, (ListObj, ByteArrayObj)):
        sim.fail(st, GoalKind.PANIC, f"TypeError: '{type(obj).__name__}' object does not support slice assignment",
                 span, "TypeError")
    from crux_py.sim.iteration import materialize  # iteration imports this module

    new_items = tuple(materialize(sim, st, value, span))
    if isinstance(heap_obj, ByteArrayObj):
        if isinstance(value, int):
            sim.fail(st, GoalKind.PANIC, "TypeError: can assign only bytes, buffers, or iterables of ints in "
                     "range(0, 256)", span, "TypeError")
        new_items = check_bytes(sim, st, new_items, span)
    items = list(heap_obj.items)  # type: ignore[union-attr]
    try:
        items[sl] = new_items
    except ValueError as e:  # an extended slice of another length
        sim.fail(st, GoalKind.PANIC, f"ValueError: {e}", span, "ValueError")
    if isinstance(heap_obj, ByteArrayObj):
        check_resizable(sim, st, obj, len(heap_obj.items), len(items), span)  # type: ignore[arg-type]
    sim.write(st, obj, type(heap_obj)(tuple(items)))  # type: ignore[arg-type]


# ---- concatenation and repetition ---------------------------------------------

def binop(sim: Simulator, st: State, op: str, a: object, b: object, span: SourceSpan) -> object:
    """`+` and `*` on lists, tuples, bytes and bytearrays; NotImplemented for anything else."""
    if op == "+":
        ka, kb = sequence_kind(sim, st, a), sequence_kind(sim, st, b)
        if ka == "bytes" and kb == "memoryview":  # bytes and bytearray take any buffer; a view takes nothing
            kb = ka
        if ka is None or ka != kb or ka == "memoryview":
            return NotImplemented
        xs, ys = sequence_items(sim, st, a), sequence_items(sim, st, b)
        if ka == "tuple":
            return a + b  # type: ignore[operator]
        if ka == "list":
            return new_list(sim, st, xs + ys)  # type: ignore[operator]
        if isinstance(a, Ref):  # bytearray + bytes-like is a new bytearray
            return sim.alloc(st, ByteArrayObj(xs + ys))  # type: ignore[operator]
        return make_bytes(xs + ys)  # type: ignore[operator]
    if op == "*":
        if sequence_kind(sim, st, b) is not None and sequence_kind(sim, st, a) is None:
            a, b = b, a
        kind = sequence_kind(sim, st, a)
        if kind not in (None, "memoryview") and isinstance(b, (int, SymInt, SymBool)):
            if not isinstance(b, int):
                return _repeat_symbolic(sim, st, a, b, span)
            items = sequence_items(sim, st, a)
            if kind == "tuple":
                return a * b  # type: ignore[operator]
            if isinstance(a, Ref):
                return sim.alloc(st, type(sim.heap_obj(st, a))(items * b))  # type: ignore[call-arg,operator]
            return make_bytes(items * b)  # type: ignore[operator]
    return NotImplemented


def _repeat_symbolic(sim: Simulator, st: State, seq: object, count: SymInt | SymBool, span: SourceSpan) -> object:
    """`seq * count` for a symbolic count (every count <= 0 gives the empty sequence)."""
    return each_value(sim, st, count, lambda side, k: binop(sim, side, "*", seq, k, span), span,
                      "repeating a sequence a symbolic number of times", floor=0)


def each_value(sim: Simulator, st: State, n: SymInt | SymBool, run: Callable[[State, int], object],
               span: SourceSpan, what: str, floor: int | None = None) -> object:
    """`run(side, k)` on a fork for each value `k` the symbolic int `n` may take
    (with `floor`, all values at or below it are one case, `k == floor`)."""
    ctx = sim.ctx
    x = pyint.from_bool(ctx, n) if isinstance(n, SymBool) else n
    lo, hi = pyint.bounds(x)
    first = lo if floor is None else max(lo, floor)
    if hi - first + 1 > MAX_BOUND_CASES:
        raise UnsupportedFeature(what, span, f"bound it (it may take more than {MAX_BOUND_CASES} values)")

    def guard(cond: pyint.BoolVal) -> Term:
        return cond.term if isinstance(cond, SymBool) else ctx.bool_const(cond)

    arms = [(guard(pyint.compare(ctx, "<=", x, floor)), floor)] if floor is not None and lo <= floor else []
    arms += [(guard(pyint.compare(ctx, "==", x, k)), k) for k in range(first + (len(arms) > 0), hi + 1)]
    return sim.choose(st, [(g, lambda side, k=k: run(side, k)) for g, k in arms])
