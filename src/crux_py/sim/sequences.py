"""Lists, tuples, strings and ranges: length, indexing, slicing, `+` and `*`.

Lists are heap objects (`ListObj` behind a `Ref`) of concrete length; a
symbolic index selects with an `ite` chain after the obligation that it is
in range. Strings and bytes are concrete Python values. Membership and
ordering are in `compare.py`, list methods in `listmethods.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import pyint
from crux_py.sim.goals import GoalKind
from crux_py.sim.merge import merge_values
from crux_py.sim.state import State
from crux_py.sim.values import ListObj, RangeValue, Ref, SymBool, SymInt, is_concrete
from crux_py.source import SourceSpan
from crux_py.term.context import TermContext

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator


def list_items(sim: Simulator, st: State, ref: Ref) -> tuple[object, ...] | None:
    obj = sim.heap_obj(st, ref)
    return obj.items if isinstance(obj, ListObj) else None


def items_for_compare(sim: Simulator, st: State, v: object) -> tuple[object, ...] | None:
    if isinstance(v, tuple):
        return v
    if isinstance(v, Ref):
        return list_items(sim, st, v)
    return None


def concrete_range(r: RangeValue) -> range | None:
    if isinstance(r.start, int) and isinstance(r.stop, int):
        return range(r.start, r.stop, r.step)
    return None


def sequence_items(sim: Simulator, st: State, v: object) -> tuple[object, ...] | None:
    """The items of a list, tuple, str, bytes or concrete range; None for other values."""
    if isinstance(v, tuple):
        return v
    if isinstance(v, Ref):
        return list_items(sim, st, v)
    if isinstance(v, str):
        return tuple(v)
    if isinstance(v, bytes):
        return tuple(v)
    if isinstance(v, RangeValue):
        r = concrete_range(v)
        return tuple(r) if r is not None else None
    return None


def length(sim: Simulator, st: State, v: object) -> pyint.IntVal | None:
    if isinstance(v, (tuple, str, bytes)):
        return len(v)
    if isinstance(v, Ref):
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


# ---- indexing ---------------------------------------------------------------------

def _index_value(sim: Simulator, st: State, index: object, span: SourceSpan, what: str) -> pyint.IntVal:
    if isinstance(index, (int, SymInt, SymBool)):
        return _as_int(sim, index)
    sim.fail(st, GoalKind.PANIC, f"TypeError: {what} indices must be integers, not {type(index).__name__}",
             span, "TypeError")
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
    """The positions a (checked) index may denote, each with its condition."""
    ctx = sim.ctx
    ok = _both(ctx, pyint.compare(ctx, ">=", i, -n), pyint.compare(ctx, "<", i, n))
    sim.check(st, ok, GoalKind.PANIC, f"IndexError: {what} index out of range", span, "IndexError")
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
    what = "tuple" if isinstance(obj, tuple) else "list" if isinstance(obj, Ref) else type(obj).__name__
    i = _index_value(sim, st, index, span, what)
    if not items:
        sim.fail(st, GoalKind.PANIC, f"IndexError: {what} index out of range", span, "IndexError")
    return select(sim, items, _positions(sim, st, len(items), i, span, what))


def setitem(sim: Simulator, st: State, obj: object, index: object, value: object, span: SourceSpan) -> None:
    if not isinstance(obj, Ref):
        sim.fail(st, GoalKind.PANIC,
                 f"TypeError: '{type(obj).__name__}' object does not support item assignment", span, "TypeError")
    items = list_items(sim, st, obj)  # type: ignore[arg-type]
    if items is None:
        raise UnsupportedFeature("item assignment on this object", span)
    i = _index_value(sim, st, index, span, "list assignment")
    if not items:
        sim.fail(st, GoalKind.PANIC, "IndexError: list assignment index out of range", span, "IndexError")
    new = list(items)
    for k, cond in _positions(sim, st, len(items), i, span, "list assignment"):
        new[k] = value if cond is True else merge_values(sim.ctx, cond.term, value, items[k])  # type: ignore[union-attr]
    sim.write(st, obj, ListObj(tuple(new)))  # type: ignore[arg-type]


def getslice(sim: Simulator, st: State, obj: object, lower: object, upper: object, step: object,
             span: SourceSpan) -> object:
    for part in (lower, upper, step):
        if part is not None and not isinstance(part, int):
            if isinstance(part, (SymInt, SymBool)):
                raise UnsupportedFeature("slice with a symbolic bound", span,
                                         "use a concrete bound or index elements one by one")
            sim.fail(st, GoalKind.PANIC, "TypeError: slice indices must be integers or None", span, "TypeError")
    sl = slice(lower, upper, step)
    if step == 0:
        sim.fail(st, GoalKind.PANIC, "ValueError: slice step cannot be zero", span, "ValueError")
    if isinstance(obj, (str, bytes, tuple)):
        return obj[sl]
    if isinstance(obj, Ref):
        items = list_items(sim, st, obj)
        if items is not None:
            return new_list(sim, st, items[sl])
    if isinstance(obj, RangeValue) and concrete_range(obj) is not None:
        r = concrete_range(obj)[sl]  # type: ignore[index]
        return RangeValue(r.start, r.stop, r.step)
    sim.fail(st, GoalKind.PANIC, f"TypeError: '{type(obj).__name__}' object is not subscriptable", span,
             "TypeError")
    raise AssertionError("unreachable")


# ---- concatenation and repetition ---------------------------------------------

def binop(sim: Simulator, st: State, op: str, a: object, b: object, span: SourceSpan) -> object:
    """`+` and `*` on lists and tuples; NotImplemented for anything else."""
    if op == "+":
        if isinstance(a, Ref) and isinstance(b, Ref):
            xs, ys = list_items(sim, st, a), list_items(sim, st, b)
            if xs is not None and ys is not None:
                return new_list(sim, st, xs + ys)
        if isinstance(a, tuple) and isinstance(b, tuple):
            return a + b
        return NotImplemented
    if op == "*":
        if isinstance(b, (Ref, tuple)) and not isinstance(a, (Ref, tuple)):
            a, b = b, a
        if isinstance(a, (Ref, tuple)) and isinstance(b, (int, SymInt, SymBool)):
            if not isinstance(b, int):
                raise UnsupportedFeature("repeating a sequence a symbolic number of times", span)
            if isinstance(a, tuple):
                return a * b
            xs = list_items(sim, st, a)
            if xs is not None:
                return new_list(sim, st, xs * b)
    return NotImplemented
