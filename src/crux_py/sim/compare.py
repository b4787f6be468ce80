"""Truth, equality and comparisons of simulator values.

`truth` is Python's `bool(x)`, `eq` its `==` (element-wise on sequences),
`compare` dispatches every comparison operator including `in` and `is`.
On builtin values these are pure and Bool-valued, so they are lifted over
`Mux` operands instead of splitting the path. Instances of user classes go
to their special methods (`richcompare`, `special_truth`, `special_len`,
`__contains__`), which run code: each alternative of a Mux then runs in its
own fork. Tuples and lists holding instances compare item by item up to the
first difference (`sequence_eq`), as CPython does; where no call can be made
(`eq` inside a dict, `truth` without a span, ordering of such sequences) a
user-defined method is unsupported.
"""

from __future__ import annotations

import operator
import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import dictkeys, dunders, objects, pyint, sequences, text
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.typeerrors import type_error_or_unsupported
from crux_py.sim.values import (
    ByteArrayObj, BytesVal, DictObj, DictView, InstanceObj, ListObj, MemoryViewObj, Mux, RangeValue, Ref, SetObj,
    SymBool, SymbolicText, SymInt, TextVal, is_concrete,
)
from crux_py.source import SourceSpan
from crux_py.term.nodes import Term

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

_PY_COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def is_intlike(v: object) -> bool:
    return isinstance(v, (int, SymInt, SymBool))


def as_int(sim: Simulator, v: object) -> pyint.IntVal:
    if isinstance(v, (SymBool, bool)):
        return pyint.from_bool(sim.ctx, v)
    return v  # type: ignore[return-value]


def bool_term(sim: Simulator, v: pyint.BoolVal) -> Term:
    return v.term if isinstance(v, SymBool) else sim.ctx.bool_const(v)


def truth(sim: Simulator, st: State, v: object, span: SourceSpan | None = None) -> pyint.BoolVal:
    """Python's `bool(v)`. With a `span`, an instance's `__bool__` or `__len__` is called
    (`special_truth`); without one (where a call cannot be made) it is unsupported."""
    if isinstance(v, bool):
        return v
    if isinstance(v, SymBool):
        return v
    if isinstance(v, (int, SymInt)):
        return pyint.truth(sim.ctx, v)
    if v is None:
        return False
    if isinstance(v, (str, bytes, tuple)):
        return len(v) > 0
    if isinstance(v, BytesVal):
        return len(v.items) > 0
    if isinstance(v, TextVal):
        return len(v.codes) > 0
    if isinstance(v, Mux):
        if span is not None and any(dunders.user_class(sim, st, x) is not None for _, x in v.alts):
            return sim.lift(st, v, lambda side, x: truth(sim, side, x, span))  # type: ignore[return-value]
        return _lift_bool(sim, v, lambda x: truth(sim, st, x))
    if isinstance(v, RangeValue):
        return pyint.compare(sim.ctx, ">", sequences.length(sim, st, v), 0)  # type: ignore[arg-type]
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        if isinstance(obj, InstanceObj):
            for dunder in ("__bool__", "__len__"):
                if objects.class_attribute(obj.cls, dunder) is not objects.MISSING:
                    if span is None:
                        raise UnsupportedFeature(f"truth of {obj.cls.__qualname__} objects (a user-defined "
                                                 f"{dunder}) inside another operation")
                    return special_truth(sim, st, v, obj.cls, span)
        if isinstance(obj, DictObj):
            return len(obj.keys) > 0
        if isinstance(obj, MemoryViewObj):
            return len(sequences.view_items(sim, st, obj)) > 0
        return len(obj.items) > 0 if isinstance(obj, (ListObj, ByteArrayObj, SetObj)) else True
    if isinstance(v, DictView):
        return sequences.length(sim, st, v) != 0
    if isinstance(v, (type, types.FunctionType, types.BuiltinFunctionType, types.ModuleType)):
        return bool(v)  # pure for these (an empty Enum class is falsy)
    return True


def _lift_bool(sim: Simulator, mux: Mux, f: Callable[[object], pyint.BoolVal]) -> pyint.BoolVal:
    ctx = sim.ctx
    parts = [ctx.and_(g, bool_term(sim, f(v))) for g, v in mux.alts]
    return pyint.bool_of(ctx, ctx.or_(*parts))


def eq(sim: Simulator, st: State, a: object, b: object) -> pyint.BoolVal:
    """Python `a == b`."""
    if a is b and not isinstance(a, (Mux, Ref)):
        return True
    if isinstance(a, Mux):
        return _lift_bool(sim, a, lambda x: eq(sim, st, x, b))
    if isinstance(b, Mux):
        return _lift_bool(sim, b, lambda y: eq(sim, st, a, y))
    for v in (a, b):
        cls = dunders.user_class(sim, st, v)
        if cls is not None and dunders.defines(cls, "__eq__") and a != b:
            # Top-level `==` calls it (`richcompare`); inside a list or a membership test it is not modelled.
            raise UnsupportedFeature(f"`==` on {cls.__qualname__} objects (a user-defined __eq__) inside "
                                     "another operation")
    if is_intlike(a) and is_intlike(b):
        if isinstance(a, (bool, SymBool)) and isinstance(b, (bool, SymBool)):
            if isinstance(a, bool) and isinstance(b, bool):
                return a == b
            return pyint.bool_of(sim.ctx, sim.ctx.eq(bool_term(sim, a), bool_term(sim, b)))
        return pyint.compare(sim.ctx, "==", as_int(sim, a), as_int(sim, b))
    if isinstance(a, (str, TextVal, SymbolicText)) or isinstance(b, (str, TextVal, SymbolicText)):
        return text.eq(sim, a, b)
    ka, kb = sequences.sequence_kind(sim, st, a), sequences.sequence_kind(sim, st, b)
    if ka is not None or kb is not None:
        if "memoryview" in (ka, kb) and ka in ("bytes", "memoryview") and kb in ("bytes", "memoryview"):
            if any(isinstance(v, Ref) and getattr(sim.heap_obj(st, v), "released", False) for v in (a, b)):
                return a == b  # a released view equals only itself
            ka = kb = "bytes"  # views of format 'B' equal bytes-like objects by content
        if ka != kb:  # a list never equals a tuple; bytes equal bytearrays by content
            return False
        xs, ys = sequences.sequence_items(sim, st, a), sequences.sequence_items(sim, st, b)
        if len(xs) != len(ys):  # type: ignore[arg-type]
            return False
        return all_of(sim, [eq(sim, st, x, y) for x, y in zip(xs, ys)])  # type: ignore[arg-type]
    if isinstance(a, DictView) or isinstance(b, DictView):
        raise UnsupportedFeature("`==` on dict views (keys views compare as sets, values views by identity)")
    if isinstance(a, Ref) and isinstance(b, Ref):
        keyed = _keyed_eq(sim, st, sim.heap_obj(st, a), sim.heap_obj(st, b))
        return keyed if keyed is not None else identical_refs(sim, st, a, b)
    if isinstance(a, RangeValue) and isinstance(b, RangeValue):
        if is_concrete((a.start, a.stop)) and is_concrete((b.start, b.stop)):
            return range(a.start, a.stop, a.step) == range(b.start, b.stop, b.step)  # type: ignore[arg-type]
        raise UnsupportedFeature("comparing ranges with symbolic bounds")
    if is_concrete(a) and is_concrete(b):
        return bool(a == b)
    if isinstance(a, (SymInt, SymBool)) or isinstance(b, (SymInt, SymBool)):
        return False  # a symbolic number never equals a non-number
    return a is b


def _keyed_eq(sim: Simulator, st: State, x: object, y: object) -> pyint.BoolVal | None:
    """`==` of dicts (same keys, in any order, and equal values) and of sets; None for other objects."""
    if not isinstance(x, (DictObj, SetObj)) and not isinstance(y, (DictObj, SetObj)):
        return None
    for other in (x, y):
        if isinstance(other, InstanceObj) and objects.class_attribute(other.cls, "__eq__") is not object.__eq__:
            raise UnsupportedFeature(f"`==` on {other.cls.__qualname__} objects (a user-defined __eq__)")
    if isinstance(x, SetObj) or isinstance(y, SetObj):
        return isinstance(x, SetObj) and isinstance(y, SetObj) and set(x.items) == set(y.items)
    if not (isinstance(x, DictObj) and isinstance(y, DictObj)):
        return False
    if len(x.keys) != len(y.keys):
        return False
    conds = []
    for key, value in zip(x.keys, x.values):
        i = dictkeys.find(y.keys, key)
        if i is None:
            return False
        conds.append(eq(sim, st, value, y.values[i]))
    return all_of(sim, conds)


def identical_refs(sim: Simulator, st: State, a: Ref, b: Ref) -> pyint.BoolVal:
    """`==` of heap objects other than sequences: identity, unless a class defines `__eq__`."""
    if a == b:
        return True
    obj = sim.heap_obj(st, a)
    if isinstance(obj, InstanceObj) and objects.class_attribute(obj.cls, "__eq__") is not object.__eq__:
        raise UnsupportedFeature(f"`==` on {obj.cls.__qualname__} objects (a user-defined __eq__)")
    return a == b


def all_of(sim: Simulator, conds: list[pyint.BoolVal]) -> pyint.BoolVal:
    terms = []
    for c in conds:
        if c is False:
            return False
        if c is not True:
            terms.append(c.term)  # type: ignore[union-attr]
    return pyint.bool_of(sim.ctx, sim.ctx.and_(*terms)) if terms else True


def any_of(sim: Simulator, conds: list[pyint.BoolVal]) -> pyint.BoolVal:
    terms = []
    for c in conds:
        if c is True:
            return True
        if c is not False:
            terms.append(c.term)  # type: ignore[union-attr]
    return pyint.bool_of(sim.ctx, sim.ctx.or_(*terms)) if terms else False


def negate(sim: Simulator, c: pyint.BoolVal) -> pyint.BoolVal:
    if isinstance(c, bool):
        return not c
    return pyint.bool_of(sim.ctx, sim.ctx.not_(c.term))


def _has_instance(sim: Simulator, st: State, v: object) -> bool:
    if isinstance(v, Mux):
        return any(dunders.user_class(sim, st, x) is not None for _, x in v.alts)
    return dunders.user_class(sim, st, v) is not None


def compare(sim: Simulator, st: State, op: str, a: object, b: object, span: SourceSpan) -> object:
    if op in _RICH_METHODS and (_has_instance(sim, st, a) or _has_instance(sim, st, b)):
        if isinstance(a, Mux):
            return sim.lift(st, a, lambda side, x: compare(sim, side, op, x, b, span))
        if isinstance(b, Mux):
            return sim.lift(st, b, lambda side, y: compare(sim, side, op, a, y, span))
        return richcompare(sim, st, op, a, b, span)
    if op in ("==", "!=") and (_holds_instance(sim, st, a) or _holds_instance(sim, st, b)):
        if isinstance(a, Mux):
            return sim.lift(st, a, lambda side, x: compare(sim, side, op, x, b, span))
        if isinstance(b, Mux):
            return sim.lift(st, b, lambda side, y: compare(sim, side, op, a, y, span))
        same = sequence_eq(sim, st, a, b, span)
        return same if op == "==" else negate(sim, same)
    if op not in ("==", "!=", "is", "is not"):
        if isinstance(a, Mux):
            return sim.lift(st, a, lambda side, x: compare(sim, side, op, x, b, span))
        if isinstance(b, Mux):
            return sim.lift(st, b, lambda side, y: compare(sim, side, op, a, y, span))
    if op == "==":
        return eq(sim, st, a, b)
    if op == "!=":
        return negate(sim, eq(sim, st, a, b))
    if op in ("in", "not in"):
        found = contains(sim, st, b, a, span)
        return found if op == "in" else negate(sim, found)
    if op in ("is", "is not"):
        same = identical(sim, a, b, span)
        return same if op == "is" else negate(sim, same)
    if is_intlike(a) and is_intlike(b):
        return pyint.compare(sim.ctx, op, as_int(sim, a), as_int(sim, b))
    if "memoryview" in (sequences.sequence_kind(sim, st, a), sequences.sequence_kind(sim, st, b)):
        names = [objects.python_type(sim, st, v).__name__ for v in (a, b)]
        sim.fail(st, GoalKind.PANIC, f"TypeError: '{op}' not supported between instances of '{names[0]}' and "
                 f"'{names[1]}'", span, "TypeError")
    if isinstance(a, (tuple, Ref)) and isinstance(b, (tuple, Ref)) and type(a) is type(b):
        return lexicographic(sim, st, op, a, b, span)
    if is_concrete(a) and is_concrete(b):
        return sim.run_concrete(st, _PY_COMPARE[op], (a, b), span)
    return type_error_or_unsupported(sim, st, f"comparison {op}", _PY_COMPARE[op], (a, b), span)


def identical(sim: Simulator, a: object, b: object, span: SourceSpan) -> pyint.BoolVal:
    if isinstance(a, Mux):
        return _lift_bool(sim, a, lambda x: identical(sim, x, b, span))
    if isinstance(b, Mux):
        return _lift_bool(sim, b, lambda y: identical(sim, a, y, span))
    if a is None or b is None or isinstance(a, bool) and isinstance(b, bool):
        return a is b
    if isinstance(a, (SymInt, SymBool)) or isinstance(b, (SymInt, SymBool)):
        if not (is_intlike(a) and is_intlike(b)):  # a number is never an object of another type
            return False
        if isinstance(a, (bool, SymBool)) and isinstance(b, (bool, SymBool)):
            # True and False are singletons: identity is equality
            return pyint.bool_of(sim.ctx, sim.ctx.eq(bool_term(sim, a), bool_term(sim, b)))  # type: ignore[arg-type]
        if isinstance(a, (bool, SymBool)) or isinstance(b, (bool, SymBool)):
            return False  # a bool is never an int that is not a bool
        raise UnsupportedFeature("`is` on symbolic numbers (identity of ints is not defined by Python)", span)
    if isinstance(a, Ref) or isinstance(b, Ref):
        return a == b
    return a is b


def contains(sim: Simulator, st: State, container: object, item: object, span: SourceSpan) -> pyint.BoolVal:
    if isinstance(container, TextVal) or (isinstance(container, str) and isinstance(item, TextVal)):
        if not text.is_text(item):
            sim.fail(st, GoalKind.PANIC, f"TypeError: 'in <string>' requires string as left operand, not "
                     f"{objects.python_type(sim, st, item).__name__}", span, "TypeError")
        return text.contains(sim, container, item)  # type: ignore[arg-type]
    if isinstance(container, Mux) or isinstance(item, Mux):
        mux, other = (container, item) if isinstance(container, Mux) else (item, container)
        return sim.lift(st, mux, lambda side, alt: contains(sim, side, *((alt, other) if mux is container else  # type: ignore[arg-type]
                                                                              (other, alt)), span))
    cls = dunders.user_class(sim, st, container)
    if cls is not None:
        return _special_contains(sim, st, container, cls, item, span)  # type: ignore[arg-type]
    kind = sequences.sequence_kind(sim, st, container)
    if kind in ("list", "tuple") and (_holds_instance(sim, st, container) or _holds_instance(sim, st, item)):
        # list_contains: item by item, stopping at the first equal one (their __eq__ runs)
        items = sequences.sequence_items(sim, st, container)
        return _short_circuit(sim, st, [lambda side, x=x: rich_bool_eq(sim, side, x, item, span)
                                        for x in items], True)  # type: ignore[union-attr]
    if is_concrete(item) and isinstance(container, (str, bytes)):
        return sim.run_concrete(st, lambda a, b: a in b, (item, container), span)  # type: ignore[return-value]
    if isinstance(container, str):
        raise UnsupportedFeature("`in` on a string with a symbolic operand", span)
    if _bytes_like(sim, st, container):
        return _bytes_contains(sim, st, container, item, span)
    keyed = _keyed_contains(sim, st, container, item, span)
    if keyed is not None:
        return keyed
    if isinstance(container, RangeValue) and sequences.concrete_range(container) is None:
        raise UnsupportedFeature("`in` on a range with symbolic bounds", span)
    items = sequences.sequence_items(sim, st, container)
    if items is None:
        sim.fail(st, GoalKind.PANIC,
                 f"TypeError: argument of type '{type(container).__name__}' is not iterable", span, "TypeError")
    return any_of(sim, [eq(sim, st, item, x) for x in items])  # type: ignore[union-attr]


def _bytes_like(sim: Simulator, st: State, v: object) -> bool:
    return isinstance(v, (bytes, BytesVal)) or (isinstance(v, Ref) and isinstance(sim.heap_obj(st, v),
                                                                               (ByteArrayObj, MemoryViewObj)))


def _bytes_contains(sim: Simulator, st: State, container: object, item: object, span: SourceSpan) -> pyint.BoolVal:
    """`item in data` for bytes-like data: a byte value, or a contiguous run of bytes."""
    items = sequences.sequence_items(sim, st, container)
    assert items is not None
    if is_intlike(item):
        x = as_int(sim, item)
        ctx = sim.ctx
        sim.check(st, all_of(sim, [pyint.compare(ctx, ">=", x, 0), pyint.compare(ctx, "<", x, 256)]),
                  GoalKind.PANIC, "ValueError: byte must be in range(0, 256)", span, "ValueError")
        return any_of(sim, [eq(sim, st, x, y) for y in items])
    if not _bytes_like(sim, st, item):
        sim.fail(st, GoalKind.PANIC, f"TypeError: a bytes-like object is required, not "
                 f"'{objects.python_type(sim, st, item).__name__}'", span, "TypeError")
    sub = sequences.sequence_items(sim, st, item)
    assert sub is not None
    return any_of(sim, [all_of(sim, [eq(sim, st, a, b) for a, b in zip(items[i:i + len(sub)], sub)])
                        for i in range(len(items) - len(sub) + 1)])


def _keyed_contains(sim: Simulator, st: State, container: object, item: object,
                    span: SourceSpan) -> pyint.BoolVal | None:
    """`item in container` for dicts, sets and dict views (None for other containers).

    A symbolic item is in a dict or set when it equals one of the keys: a
    disjunction of equalities (the keys themselves are concrete)."""
    if isinstance(container, DictView):
        if container.kind != "keys":
            return any_of(sim, [eq(sim, st, item, x) for x in _view_tuple(sim, st, container)])
        container = container.ref
    if not isinstance(container, Ref):
        return None
    obj = sim.heap_obj(st, container)
    if not isinstance(obj, (DictObj, SetObj)):
        return None
    keys = obj.keys if isinstance(obj, DictObj) else obj.items
    kind = dictkeys.classify(sim, st, item)
    if kind == dictkeys.CONCRETE:
        return dictkeys.find(keys, item) is not None
    if kind == dictkeys.SYMBOLIC:
        return any_of(sim, [eq(sim, st, item, k) for k in keys])
    if kind == dictkeys.OTHER:
        raise UnsupportedFeature(f"`in` on a dict or set with a {type(item).__name__} operand", span)
    sim.fail(st, GoalKind.PANIC, f"TypeError: unhashable type: '{kind}'", span, "TypeError")
    raise AssertionError("unreachable")


def _view_tuple(sim: Simulator, st: State, view: DictView) -> tuple[object, ...]:
    obj = sim.heap_obj(st, view.ref)
    assert isinstance(obj, DictObj)
    return obj.values if view.kind == "values" else tuple(zip(obj.keys, obj.values))


def lexicographic(sim: Simulator, st: State, op: str, a: object, b: object, span: SourceSpan) -> pyint.BoolVal:
    xs, ys = sequences.items_for_compare(sim, st, a), sequences.items_for_compare(sim, st, b)
    if xs is None or ys is None:
        raise UnsupportedFeature(f"comparison {op} on these sequences", span)
    for v in xs + ys:
        cls = dunders.user_class(sim, st, v)
        if cls is not None:
            # CPython compares only up to the first unequal pair (calling __eq__, then one ordering method).
            raise UnsupportedFeature(f"ordering sequences that hold {cls.__qualname__} objects", span)
    strict = op in ("<", ">")
    if op in (">", ">="):
        xs, ys = ys, xs
    n = min(len(xs), len(ys))
    result: pyint.BoolVal = len(xs) < len(ys) if strict else len(xs) <= len(ys)
    ctx = sim.ctx
    for x, y in reversed(list(zip(xs[:n], ys[:n]))):
        same = eq(sim, st, x, y)
        less = truth(sim, st, compare(sim, st, "<", x, y, span))
        if same is True:
            continue
        if same is False:
            result = less
            continue
        r_t = result.term if isinstance(result, SymBool) else ctx.bool_const(result)
        l_t = less.term if isinstance(less, SymBool) else ctx.bool_const(less)
        result = pyint.bool_of(ctx, ctx.ite(same.term, r_t, l_t))  # type: ignore[union-attr]
    return result


# ---- special methods of user classes -------------------------------------------------

_RICH_METHODS = {"==": "__eq__", "!=": "__ne__", "<": "__lt__", "<=": "__le__", ">": "__gt__", ">=": "__ge__"}
_SWAPPED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _type_name(sim: Simulator, st: State, v: object) -> str:
    return objects.python_type(sim, st, v).__name__


def _rich(sim: Simulator, st: State, op: str, x: object, y: object, span: SourceSpan) -> object:
    """`type(x).tp_richcompare(x, y, op)`: builtin values decline (NotImplemented) against
    instances of user classes; `object`'s own methods are modelled here."""
    cls = dunders.user_class(sim, st, x)
    if cls is None:
        return NotImplemented
    name = _RICH_METHODS[op]
    if dunders.defines(cls, name):
        return dunders.call_special(sim, st, x, cls, name, [y], span)  # type: ignore[arg-type]
    if op == "==":
        return True if x == y else NotImplemented  # object.__eq__: identity
    if op == "!=":
        # object.__ne__ inverts __eq__ unless that declined.
        return dunders.then(sim, st, dunders.per_value(
            sim, st, _rich(sim, st, "==", x, y, span),
            lambda side, r: r if r is NotImplemented else negate(sim, truth(sim, side, r, span))),
            lambda side: NotImplemented)
    return NotImplemented


def richcompare(sim: Simulator, st: State, op: str, a: object, b: object, span: SourceSpan) -> object:
    """CPython's `do_richcompare` where an operand is an instance of a user class: the right
    operand's reflected method first if its class is a proper subclass of the left's, then the
    left's method, then the reflected one; `==`/`!=` fall back to identity, orderings to TypeError."""
    ta, tb = objects.python_type(sim, st, a), objects.python_type(sim, st, b)
    reverse_first = ta is not tb and issubclass(tb, ta)

    def fallback(side: State) -> object:
        if op in ("==", "!="):
            same = a == b if isinstance(a, Ref) and isinstance(b, Ref) else False
            return same if op == "==" else not same
        sim.fail(side, GoalKind.PANIC, f"TypeError: '{op}' not supported between instances of "
                 f"'{ta.__name__}' and '{tb.__name__}'", span, "TypeError")

    def reflected(side: State) -> object:
        return dunders.then(sim, side, _rich(sim, side, _SWAPPED[op], b, a, span), fallback)

    def forward(side: State) -> object:
        return dunders.then(sim, side, _rich(sim, side, op, a, b, span),
                            fallback if reverse_first else reflected)

    if reverse_first:
        return dunders.then(sim, st, _rich(sim, st, _SWAPPED[op], b, a, span), forward)
    return forward(st)


def special_truth(sim: Simulator, st: State, v: Ref, cls: type, span: SourceSpan) -> pyint.BoolVal:
    """`bool(v)` by `__bool__` (which must return a bool), else by `__len__` (CPython's `nb_bool`, then `sq_length`)."""
    if objects.class_attribute(cls, "__bool__") is objects.MISSING:
        n = special_len(sim, st, v, cls, span)
        return pyint.compare(sim.ctx, "!=", n, 0)

    def checked(side: State, r: object) -> object:
        if not isinstance(r, (bool, SymBool)):
            sim.fail(side, GoalKind.PANIC, f"TypeError: __bool__ should return bool, returned "
                     f"{_type_name(sim, side, r)}", span, "TypeError")
        return r

    result = dunders.call_special(sim, st, v, cls, "__bool__", [], span)
    return dunders.per_value(sim, st, result, checked)  # type: ignore[return-value]


def special_len(sim: Simulator, st: State, v: Ref, cls: type, span: SourceSpan) -> pyint.IntVal:
    """`len(v)` by `__len__`, with CPython's checks of its result (`slot_sq_length`)."""
    if not dunders.defines(cls, "__len__"):
        sim.fail(st, GoalKind.PANIC, f"TypeError: object of type '{cls.__name__}' has no len()", span, "TypeError")
    ctx = sim.ctx

    def checked(side: State, r: object) -> object:
        rcls = dunders.user_class(sim, side, r)
        if rcls is not None and dunders.defines(rcls, "__index__"):
            raise UnsupportedFeature(f"__len__ returning a {rcls.__qualname__} object (its __index__)", span)
        if not is_intlike(r):
            sim.fail(side, GoalKind.PANIC, f"TypeError: '{_type_name(sim, side, r)}' object cannot be interpreted "
                     "as an integer", span, "TypeError")
        n = as_int(sim, r)
        sim.check(side, pyint.compare(ctx, ">=", n, 0), GoalKind.PANIC, "ValueError: __len__() should return >= 0",
                  span, "ValueError")
        sim.check(side, pyint.compare(ctx, "<=", n, sys.maxsize), GoalKind.PANIC,
                  "OverflowError: cannot fit 'int' into an index-sized integer", span, "OverflowError")
        return pyint.refine(ctx, n, 0, sys.maxsize)

    result = dunders.call_special(sim, st, v, cls, "__len__", [], span)
    return dunders.per_value(sim, st, result, checked)  # type: ignore[return-value]


def _special_contains(sim: Simulator, st: State, container: Ref, cls: type, item: object,
                      span: SourceSpan) -> pyint.BoolVal:
    """`item in container` by `__contains__` (its result's truth), else by iterating with `__iter__`."""
    if dunders.defines(cls, "__contains__"):
        result = dunders.call_special(sim, st, container, cls, "__contains__", [item], span)
        return dunders.per_value(sim, st, result, lambda side, r: truth(sim, side, r, span))  # type: ignore[return-value]
    if dunders.defines(cls, "__iter__"):
        from crux_py.sim import iteration  # iteration uses this module

        # Per iterator and per heap alternative, so the number of items may differ between paths.
        return dunders.per_value(sim, st, iteration.get_iter(sim, st, container, span), lambda side, it: any_of(
            sim, [eq(sim, side, item, x) for x in iteration.drain(sim, side, it, span)]))  # type: ignore[return-value]
    if dunders.defines(cls, "__getitem__"):
        raise UnsupportedFeature(f"`in` on {cls.__qualname__} objects (iteration by __getitem__)", span)
    sim.fail(st, GoalKind.PANIC, f"TypeError: argument of type '{cls.__name__}' is not iterable", span, "TypeError")


# ---- sequences holding instances: CPython's item-by-item comparisons -----------------

def _holds_instance(sim: Simulator, st: State, v: object) -> bool:
    """Whether `v` is, or (in tuples and lists, at any depth) holds, an instance of a user class."""
    if isinstance(v, Mux):
        return any(_holds_instance(sim, st, x) for _, x in v.alts)
    if dunders.user_class(sim, st, v) is not None:
        return True
    if sequences.sequence_kind(sim, st, v) in ("list", "tuple"):
        return any(_holds_instance(sim, st, x) for x in sequences.sequence_items(sim, st, v))  # type: ignore[union-attr]
    return False


def _short_circuit(sim: Simulator, st: State, tests: list[Callable[[State], pyint.BoolVal]],
                   stop: bool) -> pyint.BoolVal:
    """Run the tests in order until one gives `stop` (then `stop`, else `not stop`): a test that
    runs special methods runs only on the paths where every earlier one gave `not stop`."""
    ctx = sim.ctx
    for i, test in enumerate(tests):
        result = dunders.settled(sim, st, test)
        if result is stop:
            return stop
        if isinstance(result, SymBool):
            stops = result.term if stop else ctx.not_(result.term)
            rest = tests[i + 1:]
            return sim.choose(st, [(stops, lambda side: stop),  # type: ignore[return-value]
                                   (ctx.not_(stops), lambda side, rest=rest: _short_circuit(sim, side, rest, stop))])
    return not stop


def rich_bool_eq(sim: Simulator, st: State, x: object, y: object, span: SourceSpan) -> pyint.BoolVal:
    """CPython's `PyObject_RichCompareBool(x, y, Py_EQ)`: identity first, then `==` and its truth."""
    if isinstance(x, Mux):
        return sim.lift(st, x, lambda side, v: rich_bool_eq(sim, side, v, y, span))  # type: ignore[return-value]
    if isinstance(y, Mux):
        return sim.lift(st, y, lambda side, v: rich_bool_eq(sim, side, x, v, span))  # type: ignore[return-value]
    if x is y or isinstance(x, Ref) and x == y:
        return True
    if _has_instance(sim, st, x) or _has_instance(sim, st, y):
        return dunders.per_value(sim, st, richcompare(sim, st, "==", x, y, span),  # type: ignore[return-value]
                                 lambda side, r: truth(sim, side, r, span))
    if _holds_instance(sim, st, x) or _holds_instance(sim, st, y):
        return sequence_eq(sim, st, x, y, span)
    return eq(sim, st, x, y)


def sequence_eq(sim: Simulator, st: State, a: object, b: object, span: SourceSpan) -> pyint.BoolVal:
    """`a == b` for tuples and lists holding instances: items compared in order up to the first
    unequal pair (lists of other lengths are unequal at once, tuples only after their items)."""
    kind = sequences.sequence_kind(sim, st, a)
    if kind not in ("list", "tuple") or kind != sequences.sequence_kind(sim, st, b):
        return eq(sim, st, a, b)  # a list never equals a tuple, nor a sequence anything else (neither is an instance)
    xs, ys = sequences.sequence_items(sim, st, a), sequences.sequence_items(sim, st, b)
    if kind == "list" and len(xs) != len(ys):  # type: ignore[arg-type]
        return False
    same = _short_circuit(sim, st, [lambda side, x=x, y=y: rich_bool_eq(sim, side, x, y, span)
                                    for x, y in zip(xs, ys)], False)  # type: ignore[arg-type]
    return same if len(xs) == len(ys) else False  # type: ignore[arg-type]
