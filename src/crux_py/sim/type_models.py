"""Models of the builtins that inspect classes: `super`, `object.__init__`,
`object.__setattr__`, `isinstance`, `issubclass` and one-argument `type(obj)`. (The simulator keys
models of calls to a class's instances by the class; `calls.py` never
takes `type`, the class of every class, for such a key.)

`super()` without arguments is rewritten by the frontend into
`super(__class__, first_argument)` (what CPython does through the
`__class__` cell), so the model only sees the two-argument form. Type tests
are decided from the exact class of a value, which the simulator knows for
every value it creates; when it does not (an iterator, say), or when a
metaclass could answer an `isinstance` its own way, the model refuses
instead of guessing.
"""

from __future__ import annotations

import abc
import builtins
import types
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import objects
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.values import (
    BoundMethod, ExceptionValue, InstanceObj, Ref, SuperObject, SymInt,
)
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

Args = list[object]
Kwargs = dict[str, object]

_SIMULATOR_MODULE = SymInt.__module__


def exact_type(sim: Simulator, st: State, v: object) -> type | None:
    """The class of the Python object `v` stands for, or None when the simulator does not know it."""
    if type(v) in objects.VALUE_CLASSES:
        return objects.VALUE_CLASSES[type(v)]
    if isinstance(v, ExceptionValue):
        return v.cls
    if isinstance(v, BoundMethod):
        # A Python method bound to an object; modelled methods are builtin methods of many kinds.
        return types.MethodType if isinstance(v.func, types.FunctionType) and v.obj is not None else None
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        if isinstance(obj, InstanceObj):
            return obj.cls
        return objects.HEAP_CLASSES.get(type(obj))
    if type(v).__module__ == _SIMULATOR_MODULE:
        return None
    return type(v)  # a plain Python object: int, str, bytes, None, tuple, class, function, module


def _class_list(info: object) -> list[type] | None:
    """The classes of an `isinstance` class-info (a class or nested tuples); None if invalid.

    (A union `int | str` cannot reach here: `|` on classes is not modelled.)"""
    if isinstance(info, type):
        return [info]
    if isinstance(info, tuple):
        found: list[type] = []
        for item in info:
            sub = _class_list(item)
            if sub is None:
                return None
            found.extend(sub)
        return found
    return None


def _checked_classes(sim: Simulator, st: State, name: str, info: object, span: SourceSpan) -> list[type]:
    classes = _class_list(info)
    if classes is None:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {name}() arg 2 must be a type, a tuple of types, or a union",
                 span, "TypeError")
    for cls in classes:
        # A metaclass may answer isinstance/issubclass by its own code, seeing the real object;
        # ABCMeta decides from the class alone (registrations and __subclasshook__).
        if type(cls) not in (type, abc.ABCMeta):
            raise UnsupportedFeature(f"{name}() with {cls.__qualname__}, whose metaclass is "
                                     f"{type(cls).__qualname__}", span)
    return classes


def _arity(sim: Simulator, st: State, name: str, args: Args, kwargs: Kwargs, n: int, span: SourceSpan) -> None:
    if kwargs:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {name}() takes no keyword arguments", span, "TypeError")
    if len(args) != n:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {name} expected {n} arguments, got {len(args)}", span,
                 "TypeError")


def model_isinstance(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    _arity(sim, st, "isinstance", args, kwargs, 2, span)
    classes = _checked_classes(sim, st, "isinstance", args[1], span)
    cls = exact_type(sim, st, args[0])
    if cls is None:
        raise UnsupportedFeature("isinstance() of a value whose exact class the simulator does not track", span)
    return any(issubclass(cls, c) for c in classes)


def model_issubclass(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    _arity(sim, st, "issubclass", args, kwargs, 2, span)
    if not isinstance(args[0], type):
        sim.fail(st, GoalKind.PANIC, "TypeError: issubclass() arg 1 must be a class", span, "TypeError")
    classes = _checked_classes(sim, st, "issubclass", args[1], span)
    return any(issubclass(args[0], c) for c in classes)


def model_super(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """`super(start, obj)`; the frontend supplies both arguments for a zero-argument `super()`."""
    if kwargs or len(args) != 2:
        raise UnsupportedFeature("super() other than `super()` in a method or `super(C, obj)`", span)
    start, obj = args
    if not isinstance(start, type):
        sim.fail(st, GoalKind.PANIC, f"TypeError: super() argument 1 must be a type, not "
                 f"{type(start).__name__}", span, "TypeError")
    if isinstance(obj, type):
        owner = obj
    elif isinstance(obj, Ref) and isinstance(sim.heap_obj(st, obj), InstanceObj):
        owner = objects.python_type(sim, st, obj)
    else:
        raise UnsupportedFeature("super() bound to a value that is not an instance of a user class or a class",
                                 span)
    if not issubclass(owner, start):
        sim.fail(st, GoalKind.PANIC, "TypeError: super(type, obj): obj must be an instance or subtype of type",
                 span, "TypeError")
    return SuperObject(start, obj)


def model_object_init(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """`object.__init__(self)`, reached through `super().__init__()`: it takes no other arguments."""
    if kwargs or len(args) != 1:
        sim.fail(st, GoalKind.PANIC, "TypeError: object.__init__() takes exactly one argument (the instance to "
                 "initialize)", span, "TypeError")
    return None


def model_type(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """`type(obj)`: the exact class of obj (the three-argument form makes a class: not modelled)."""
    if len(args) == 3 and not kwargs:
        raise UnsupportedFeature("type() with three arguments (creating a class)", span)
    if kwargs or len(args) != 1:
        sim.fail(st, GoalKind.PANIC, "TypeError: type() takes 1 or 3 arguments", span, "TypeError")
    cls = exact_type(sim, st, args[0])
    if cls is None:
        raise UnsupportedFeature("type() of a value whose exact class the simulator does not track", span)
    return cls


def model_object_setattr(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """`object.__setattr__(obj, name, value)` (from a class's own `__setattr__` through `super()`, or a
    frozen dataclass's `__post_init__`): the assignment without the class's `__setattr__`."""
    if kwargs or len(args) != 3:
        sim.fail(st, GoalKind.PANIC, f"TypeError: expected 3 arguments, got {len(args)}", span, "TypeError")
    obj, name, value = args
    heap_obj = sim.heap_obj(st, obj) if isinstance(obj, Ref) else None
    if not isinstance(heap_obj, InstanceObj) or not isinstance(name, str):
        raise UnsupportedFeature("object.__setattr__ other than on an instance of a user class with a concrete "
                                 "name", span)
    objects.set_instance_attribute(sim, st, obj, heap_obj, name, value, span)  # type: ignore[arg-type]
    return None


TYPE_MODELS: dict[object, object] = {
    builtins.type: model_type,
    builtins.isinstance: model_isinstance,
    builtins.issubclass: model_issubclass,
    builtins.super: model_super,
    object.__init__: model_object_init,
    object.__setattr__: model_object_setattr,
}
