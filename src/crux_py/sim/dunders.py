"""Special methods of user classes: finding, calling, and operator dispatch.

CPython looks a special method up on the class of an instance, never on
the instance itself (`objects.class_attribute`), and calls it with the
instance first. This module owns that, the `NotImplemented` protocol of the
binary, reflected and in-place operators (CPython's `binary_op1` and
`slot_nb_*`, reflected method first when the right operand's class is a
subclass that overrides it) and the unary operators. Comparisons, truth and
membership, which need `compare.py`, are in `compare.py` and
`special_protocols.py`; the methods `@dataclass` generates are modelled in
`dataclass_models.py`.

A special method may return different kinds of values on merged paths (a
Mux of `NotImplemented` and a value): `then` continues the dispatch on
each alternative in its own fork, so no guess is made.
"""

from __future__ import annotations

import operator
import types
from collections.abc import Callable
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import objects, pyint
from crux_py.sim.goals import GoalKind
from crux_py.sim.signals import Split
from crux_py.sim.state import State
from crux_py.sim.typeerrors import type_error_or_unsupported
from crux_py.sim.values import (
    BoundMethod,
    ByteArrayObj,
    BytesVal,
    InstanceObj,
    Mux,
    Ref,
    SymbolicText,
    SymBool,
    SymInt,
    TextVal,
)
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

BINARY_METHODS: dict[str, tuple[str, str, str]] = {
    "+": ("__add__", "__radd__", "__iadd__"),
    "-": ("__sub__", "__rsub__", "__isub__"),
    "*": ("__mul__", "__rmul__", "__imul__"),
    "//": ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
    "%": ("__mod__", "__rmod__", "__imod__"),
    "**": ("__pow__", "__rpow__", "__ipow__"),
    "<<": ("__lshift__", "__rlshift__", "__ilshift__"),
    ">>": ("__rshift__", "__rrshift__", "__irshift__"),
    "&": ("__and__", "__rand__", "__iand__"),
    "|": ("__or__", "__ror__", "__ior__"),
    "^": ("__xor__", "__rxor__", "__ixor__"),
    "@": ("__matmul__", "__rmatmul__", "__imatmul__"),
}

UNARY_METHODS = {"-": "__neg__", "+": "__pos__", "~": "__invert__"}

PY_OPERATORS: dict[str, Callable[[object, object], object]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "//": operator.floordiv,
    "%": operator.mod, "**": operator.pow, "<<": operator.lshift, ">>": operator.rshift,
    "&": operator.and_, "|": operator.or_, "^": operator.xor, "@": operator.matmul,
}


def user_class(sim: Simulator, st: State, v: object) -> type | None:
    """The class of `v` when it is an instance of a user class, else None."""
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        if isinstance(obj, InstanceObj):
            return obj.cls
    return None


def defines(cls: type, name: str) -> bool:
    """Whether `cls` has `name` other than `object`'s own (which has no operator slots)."""
    attr = objects.class_attribute(cls, name)
    return attr is not objects.MISSING and attr is not object.__dict__.get(name, objects.MISSING)


def call_special(sim: Simulator, st: State, obj: Ref, cls: type, name: str, args: list[object],
                 span: SourceSpan) -> object:
    """`type(obj).name(obj, *args)`, found on the class as CPython's special lookup does."""
    attr = objects.class_attribute(cls, name)
    if isinstance(attr, types.FunctionType):
        return sim.call(st, BoundMethod(obj, name, attr), args, {}, span)
    if isinstance(attr, (staticmethod, classmethod)):
        return sim.call(st, objects.bind(sim, st, attr, obj, cls, name, span), args, {}, span)
    raise UnsupportedFeature(f"{cls.__qualname__}.{name} of type {type(attr).__name__} (only a Python function "
                             "is modelled as a special method)", span)


def maybe_call(sim: Simulator, st: State, obj: object, cls: type | None, name: str, args: list[object],
               span: SourceSpan) -> object:
    """The special method's result, or NotImplemented when `obj`'s class does not define it (`vectorcall_maybe`)."""
    if cls is None or not defines(cls, name):
        return NotImplemented
    return call_special(sim, st, obj, cls, name, args, span)  # type: ignore[arg-type]


def settled(sim: Simulator, st: State, k: Callable[[State], object]) -> object:
    """`k(st)` where `k` runs after a special method ran in this statement: a Mux it meets (in
    the heap) is resolved in place, each alternative in its own fork, since rerunning the
    statement (what `Split` does) would run the method again."""
    try:
        return k(st)
    except Split as split:
        install, alts = split.install, split.mux.alts

    def arm(alt: object) -> Callable[[State], object]:
        def run(side: State) -> object:
            install(side, alt)
            return settled(sim, side, k)
        return run

    return sim.choose(st, [(guard, arm(alt)) for guard, alt in alts])


def per_value(sim: Simulator, st: State, value: object, k: Callable[[State, object], object]) -> object:
    """`k(st, value)` after a special method returned `value`, once per alternative (each in
    its own fork) when `value` is a Mux."""
    if isinstance(value, Mux):
        return sim.lift(st, value, lambda side, alt: settled(sim, side, lambda s: k(s, alt)))
    return settled(sim, st, lambda s: k(s, value))


def then(sim: Simulator, st: State, result: object, k: Callable[[State], object]) -> object:
    """`result`, or `k(st)` on the paths where it is NotImplemented."""
    if isinstance(result, Mux) and any(alt is NotImplemented for _, alt in result.alts):
        return sim.lift(st, result, lambda side, alt: settled(sim, side, k) if alt is NotImplemented else alt)
    return settled(sim, st, k) if result is NotImplemented else result


def involves_user(sim: Simulator, st: State, *values: object) -> bool:
    return any(user_class(sim, st, v) is not None for v in values)


# ---- binary operators ----------------------------------------------------------------

def _has_slot(cls: type | None, op: str) -> bool:
    """Whether CPython gives the class its `nb_*` slot: it defines the method or its reflection."""
    name, rname, _ = BINARY_METHODS[op]
    return cls is not None and (defines(cls, name) or defines(cls, rname))


def _overloaded(left: type, right: type, name: str) -> bool:
    """CPython's `method_is_overloaded`: the right class's `name` differs from the left's."""
    b = objects.class_attribute(right, name)
    if b is objects.MISSING:
        return False
    a = objects.class_attribute(left, name)
    return a is objects.MISSING or a is not b


def _slot(sim: Simulator, st: State, op: str, a: object, b: object, ca: type | None, cb: type | None,
          span: SourceSpan) -> object:
    """CPython's `slot_nb_<op>(a, b)` (SLOT1BINFULL); builtin operands' own slots return
    NotImplemented for instances of user classes, so this is all of `binary_op1`."""
    name, rname, _ = BINARY_METHODS[op]
    ta, tb = objects.python_type(sim, st, a), objects.python_type(sim, st, b)
    do_other = ta is not tb and _has_slot(cb, op)

    def reflected(side: State) -> object:
        return maybe_call(sim, side, b, cb, rname, [a], span)

    def forward(side: State, do_other: bool) -> object:
        result = maybe_call(sim, side, a, ca, name, [b], span)
        if ta is tb:
            return result
        return then(sim, side, result, lambda s: reflected(s) if do_other else NotImplemented)

    if _has_slot(ca, op):
        if do_other and issubclass(tb, ta) and _overloaded(ta, tb, rname):
            return then(sim, st, reflected(st), lambda s: forward(s, False))
        return forward(st, do_other)
    if do_other:
        return reflected(st)
    return NotImplemented


def binary(sim: Simulator, st: State, op: str, a: object, b: object, span: SourceSpan,
           inplace: bool = False) -> object:
    """`a <op> b` where at least one operand is an instance of a user class (`inplace`:
    the fallback of `a <op>= b`, whose TypeError names the in-place operator)."""
    ca, cb = user_class(sim, st, a), user_class(sim, st, b)
    if ca is None and op == "%" and _is_text(sim, st, a):
        raise UnsupportedFeature(f"`%` formatting with a {cb.__name__} operand", span)  # type: ignore[union-attr]
    result = _slot(sim, st, op, a, b, ca, cb, span)
    return then(sim, st, result, lambda side: _no_operator(sim, side, op, a, b, ca, cb, span, inplace))


def _is_text(sim: Simulator, st: State, v: object) -> bool:
    return isinstance(v, (str, bytes, BytesVal, SymbolicText, TextVal)) or (
        isinstance(v, Ref) and isinstance(sim.heap_obj(st, v), ByteArrayObj))


def _no_operator(sim: Simulator, st: State, op: str, a: object, b: object, ca: type | None, cb: type | None,
                 span: SourceSpan, inplace: bool) -> object:
    """Every method returned NotImplemented: CPython's TypeError (for `+` and `*` after a sequence's
    concatenation or repetition had its turn, which for `*` may call `__index__`)."""
    if op == "*" and any(c is not None and defines(c, "__index__") for c in (ca, cb)):
        raise UnsupportedFeature("`*` of a sequence by an object with __index__", span)
    fn = getattr(operator, f"i{PY_OPERATORS[op].__name__.rstrip('_')}") if inplace else PY_OPERATORS[op]
    return type_error_or_unsupported(sim, st, f"operator {op}", fn, (a, b), span)


def inplace(sim: Simulator, st: State, op: str, a: object, b: object, span: SourceSpan) -> object:
    """`a <op>= b` where at least one operand is an instance of a user class."""
    ca = user_class(sim, st, a)
    if ca is None and isinstance(a, Ref):
        # list += obj extends by iterating obj after obj.__radd__ declined; sets and dicts have their own.
        raise UnsupportedFeature(f"in-place `{op}=` on a {objects.python_type(sim, st, a).__name__} with a "
                                 f"{user_class(sim, st, b).__name__} operand", span)  # type: ignore[union-attr]
    _, _, iname = BINARY_METHODS[op]
    result = maybe_call(sim, st, a, ca, iname, [b], span)
    return then(sim, st, result, lambda side: binary(sim, side, op, a, b, span, inplace=True))


def unary(sim: Simulator, st: State, op: str, a: Ref, cls: type, span: SourceSpan) -> object:
    name = UNARY_METHODS[op]
    if defines(cls, name):
        return call_special(sim, st, a, cls, name, [], span)
    sim.fail(st, GoalKind.PANIC, f"TypeError: bad operand type for unary {op}: '{cls.__name__}'", span, "TypeError")



# ---- items, calls ----------------------------------------------------------------------

def make_slice(sim: Simulator, st: State, lower: object, upper: object, step: object, span: SourceSpan) -> slice:
    """The `slice` object `obj[lower:upper:step]` passes to `__getitem__` (concrete bounds only)."""
    for part in (lower, upper, step):
        if part is not None and not isinstance(part, int):
            raise UnsupportedFeature("slicing an object of a user class with a bound that is not a concrete int "
                                     "or None", span)
    return slice(lower, upper, step)


def item_method(sim: Simulator, st: State, obj: Ref, cls: type, name: str, args: list[object],
                span: SourceSpan) -> object:
    """`obj[k]`, `obj[k] = v`, `del obj[k]` by `__getitem__`, `__setitem__`, `__delitem__`."""
    if not defines(cls, name):
        what = {"__getitem__": "is not subscriptable", "__setitem__": "does not support item assignment",
                "__delitem__": "does not support item deletion"}[name]
        sim.fail(st, GoalKind.PANIC, f"TypeError: '{cls.__name__}' object {what}", span, "TypeError")
    return call_special(sim, st, obj, cls, name, args, span)


def call_instance(sim: Simulator, st: State, obj: Ref, cls: type, args: list[object], kwargs: dict[str, object],
                  span: SourceSpan) -> object:
    """`obj(*args, **kwargs)` by `__call__`."""
    if not defines(cls, "__call__"):
        sim.fail(st, GoalKind.PANIC, f"TypeError: '{cls.__name__}' object is not callable", span, "TypeError")
    attr = objects.class_attribute(cls, "__call__")
    if not isinstance(attr, types.FunctionType):
        raise UnsupportedFeature(f"{cls.__qualname__}.__call__ of type {type(attr).__name__}", span)
    return sim.call(st, BoundMethod(obj, "__call__", attr), args, kwargs, span)


def check_formattable(sim: Simulator, st: State, cls: type, conversion: str, spec: object, span: SourceSpan) -> None:
    """An instance in an f-string: with `object`'s own `__format__`, `__str__` and `__repr__` its
    text (which holds its address) stays symbolic; a class's own methods are not modelled."""
    for name in ("__format__", "__str__", "__repr__"):
        if defines(cls, name):
            raise UnsupportedFeature(f"formatting a {cls.__qualname__} object (its own {name})", span)
    if not conversion and spec != "":
        if not isinstance(spec, str):
            raise UnsupportedFeature("a format spec that is not a concrete string", span)
        sim.fail(st, GoalKind.PANIC, f"TypeError: unsupported format string passed to {cls.__name__}.__format__",
                 span, "TypeError")


def index(sim: Simulator, st: State, v: Ref, cls: type, span: SourceSpan) -> object:
    """`operator.index(v)` by `__index__`, whose result must be an int (CPython's `_PyNumber_Index`);
    an object without `__index__` is the caller's TypeError."""
    def checked(side: State, r: object) -> object:
        if isinstance(r, (int, SymInt)):
            return int(r) if isinstance(r, bool) else r
        if isinstance(r, SymBool):
            return pyint.from_bool(sim.ctx, r)
        sim.fail(side, GoalKind.PANIC, f"TypeError: __index__ returned non-int (type "
                 f"{objects.python_type(sim, side, r).__name__})", span, "TypeError")

    return per_value(sim, st, call_special(sim, st, v, cls, "__index__", [], span), checked)
