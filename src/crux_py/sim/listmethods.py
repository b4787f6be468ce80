"""The methods of lists (`append`, `pop`, ...) and the in-place operators `+=`, `*=` of lists and bytearrays."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import pyint
from crux_py.sim.compare import any_of, eq, truth
from crux_py.sim.goals import GoalKind
from crux_py.sim.iteration import materialize
from crux_py.sim.sequences import check_resizable, list_items, new_list, sequence_items, sequence_kind
from crux_py.sim.state import State
from crux_py.sim.values import ByteArrayObj, ListObj, Ref
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator


def inplace(sim: Simulator, st: State, op: str, a: Ref, b: object, span: SourceSpan) -> object:
    xs = list_items(sim, st, a)
    if xs is None:
        return NotImplemented
    if isinstance(sim.heap_obj(st, a), ByteArrayObj):
        return _bytearray_inplace(sim, st, op, a, xs, b, span)
    if op == "+":
        ys = sequence_items(sim, st, b)
        if ys is None:
            ys = tuple(materialize(sim, st, b, span))
        sim.write(st, a, ListObj(xs + ys))
        return a
    if op == "*" and isinstance(b, int):
        sim.write(st, a, ListObj(xs * b))
        return a
    return NotImplemented


def _bytearray_inplace(sim: Simulator, st: State, op: str, a: Ref, xs: tuple[object, ...], b: object,
                       span: SourceSpan) -> object:
    """`ba += buffer` and `ba *= n`: the bytearray itself grows (while no view exports it)."""
    if op == "+":
        if sequence_kind(sim, st, b) not in ("bytes", "memoryview"):
            return NotImplemented  # `+` then fails with CPython's TypeError
        new = xs + sequence_items(sim, st, b)  # type: ignore[operator]
    elif op == "*" and isinstance(b, int):
        new = xs * b
    else:
        return NotImplemented
    check_resizable(sim, st, a, len(xs), len(new), span)
    sim.write(st, a, ByteArrayObj(new))
    return a


LIST_METHODS = frozenset({"append", "extend", "pop", "insert", "index", "count", "copy", "reverse", "clear"})


def call_list_method(sim: Simulator, st: State, ref: Ref, name: str, args: list[object],
                     kwargs: dict[str, object], span: SourceSpan) -> object:
    if not isinstance(sim.heap_obj(st, ref), ListObj) or kwargs:
        raise UnsupportedFeature(f".{name}() with these arguments on this object", span)
    xs = list_items(sim, st, ref)
    assert xs is not None
    arity = {"append": (1, 1), "extend": (1, 1), "pop": (0, 1), "insert": (2, 2), "index": (1, 1),
             "count": (1, 1), "copy": (0, 0), "reverse": (0, 0), "clear": (0, 0)}[name]
    if not arity[0] <= len(args) <= arity[1]:
        sim.fail(st, GoalKind.PANIC, f"TypeError: list.{name}() takes {arity[1]} arguments", span, "TypeError")
    if name == "append":
        sim.write(st, ref, ListObj(xs + (args[0],)))
        return None
    if name == "extend":
        return None if inplace(sim, st, "+", ref, args[0], span) is ref else None
    if name == "pop":
        if not xs:
            sim.fail(st, GoalKind.PANIC, "IndexError: pop from empty list", span, "IndexError")
        index = args[0] if args else -1
        if not isinstance(index, int):
            raise UnsupportedFeature("list.pop at a symbolic index", span)
        if not -len(xs) <= index < len(xs):
            sim.fail(st, GoalKind.PANIC, "IndexError: pop index out of range", span, "IndexError")
        index %= len(xs)
        sim.write(st, ref, ListObj(xs[:index] + xs[index + 1:]))
        return xs[index]
    if name == "insert":
        index = args[0]
        if not isinstance(index, int):
            raise UnsupportedFeature("list.insert at a symbolic index", span)
        new = list(xs)
        new.insert(index, args[1])
        sim.write(st, ref, ListObj(tuple(new)))
        return None
    if name == "count":
        total: pyint.IntVal = 0
        for x in xs:
            total = pyint.add(sim.ctx, total, pyint.from_bool(sim.ctx, truth(sim, st, eq(sim, st, x, args[0]))))
        return total
    if name == "index":
        conds = [eq(sim, st, x, args[0]) for x in xs]
        sim.check(st, any_of(sim, conds), GoalKind.PANIC, "ValueError: value is not in list", span, "ValueError")
        result: pyint.IntVal = len(xs) - 1
        for k in range(len(xs) - 2, -1, -1):
            result = pyint.ite(sim.ctx, conds[k], k, result)  # type: ignore[arg-type]
        return result
    if name == "copy":
        return new_list(sim, st, xs)
    if name == "reverse":
        sim.write(st, ref, ListObj(tuple(reversed(xs))))
        return None
    sim.write(st, ref, ListObj(()))
    return None
