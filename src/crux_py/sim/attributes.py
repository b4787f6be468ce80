"""Attribute access and method calls (`obj.name`, `obj.name = v`, `obj.m(...)`).

Lookup order for `obj.name`: attributes of modules; methods modelled for
obj's class (`METHOD_MODELS`-style keys `(cls, name)` in the simulator's
models: list, bytes, int methods, spec handles); attributes of functions
(`funcattrs.py`); attributes and methods of
user-class instances and of user classes (`objects.py`); methods of
immutable concrete values (run in CPython). Anything else is unsupported.
"""

from __future__ import annotations

import enum
import functools
import types
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import dicts, enum_models, funcattrs, listmethods, objects
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.values import (
    BoundMethod, DictObj, ExceptionValue, InstanceObj, ListObj, Ref, SetObj, SuperObject, is_concrete,
)
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

_IMMUTABLE = (str, bytes, int, tuple)


def _no_attribute(sim: Simulator, st: State, what: str, name: str, span: SourceSpan) -> None:
    sim.fail(st, GoalKind.PANIC, f"AttributeError: {what} has no attribute '{name}'", span, "AttributeError")


def get_attribute(sim: Simulator, st: State, obj: object, name: str, span: SourceSpan) -> object:
    if isinstance(obj, types.ModuleType):
        if not hasattr(obj, name):
            _no_attribute(sim, st, f"module '{obj.__name__}'", name, span)
        return sim.to_value(st, getattr(obj, name), span)
    if isinstance(obj, ExceptionValue) and name == "args":
        return obj.args
    if isinstance(obj, SuperObject):
        return objects.super_attribute(sim, st, obj, name, span)
    if obj is object and name in ("__init__", "__setattr__"):
        return getattr(object, name)  # modelled (`type_models.py`)
    if isinstance(obj, slice) and name in ("start", "stop", "step", "indices"):  # given to __getitem__
        return BoundMethod(obj, name) if name == "indices" else getattr(obj, name)
    if isinstance(obj, enum.Enum):
        return enum_models.member_attribute(sim, st, obj, name, span)
    receiver = obj if isinstance(obj, type) else objects.python_type(sim, st, obj)
    if sim.has_model((receiver, name)):  # a modelled method (int.to_bytes, bytes.hex, spec.enable, ...)
        return BoundMethod(obj, name)
    if sim.has_model((receiver, "__getattr__")):
        return sim.models[(receiver, "__getattr__")](sim, st, [obj, name], {}, span)
    if funcattrs.is_function(obj):
        return funcattrs.get(sim, st, obj, name, span)
    if isinstance(obj, Ref):
        heap_obj = sim.heap_obj(st, obj)
        if isinstance(heap_obj, InstanceObj):
            return objects.instance_attribute(sim, st, obj, heap_obj, name, span)
        if isinstance(heap_obj, ListObj):
            if name in listmethods.LIST_METHODS:
                return BoundMethod(obj, name)
            if not hasattr([], name):
                _no_attribute(sim, st, "'list' object", name, span)
        for kind, methods, python in ((DictObj, dicts.DICT_METHODS, dict), (SetObj, dicts.SET_METHODS, set)):
            if isinstance(heap_obj, kind):
                if name in methods:
                    return BoundMethod(obj, name)
                if not hasattr(python, name):
                    _no_attribute(sim, st, f"'{python.__name__}' object", name, span)
    if isinstance(obj, type) and name in ("__name__", "__qualname__"):
        return getattr(obj, name)  # `type(x).__name__`: type slots, not in the class's __dict__
    if objects.is_user_class(obj):
        return objects.class_level_attribute(sim, st, obj, name, span)  # type: ignore[arg-type]
    if isinstance(obj, _IMMUTABLE) and is_concrete(obj) and not name.startswith("_"):
        if not hasattr(obj, name):
            _no_attribute(sim, st, f"'{type(obj).__name__}' object", name, span)
        if callable(getattr(obj, name)):
            return BoundMethod(obj, name)
        return sim.to_value(st, getattr(obj, name), span)
    raise UnsupportedFeature(f"attribute `.{name}` of a {receiver.__name__} value", span)


def set_attribute(sim: Simulator, st: State, obj: object, name: str, value: object, span: SourceSpan) -> None:
    if funcattrs.is_function(obj):
        funcattrs.set_(sim, st, obj, name, value, span)
        return
    if isinstance(obj, Ref):
        heap_obj = sim.heap_obj(st, obj)
        if isinstance(heap_obj, InstanceObj):
            setter = objects.class_attribute(heap_obj.cls, "__setattr__")
            if setter is not object.__setattr__:  # a frozen dataclass's, or the user's
                if not isinstance(setter, types.FunctionType):
                    raise UnsupportedFeature(f"{heap_obj.cls.__qualname__}.__setattr__ of type "
                                             f"{type(setter).__name__}", span)
                sim.call(st, BoundMethod(obj, "__setattr__", setter), [name, value], {}, span)
                return
            objects.set_instance_attribute(sim, st, obj, heap_obj, name, value, span)
            return
    if isinstance(obj, type) or isinstance(obj, types.ModuleType):
        raise UnsupportedFeature(f"assigning `.{name}` of {getattr(obj, '__name__', obj)} (changing a class or "
                                 "module is not modelled)", span)
    cls = objects.python_type(sim, st, obj)
    if cls in (functools.partial, functools._lru_cache_wrapper):  # type: ignore[attr-defined]
        raise UnsupportedFeature(f"assigning `.{name}` of a {cls.__name__} (its `__dict__` is not modelled)", span)
    sim.fail(st, GoalKind.PANIC, f"AttributeError: '{cls.__name__}' object attribute '{name}' is read-only", span,
             "AttributeError")


def call_method(sim: Simulator, st: State, method: BoundMethod, args: list[object], kwargs: dict[str, object],
                span: SourceSpan) -> object:
    obj = method.obj
    if method.func is not None:  # a Python method of a user class (or a classmethod)
        return sim.call(st, method.func, [obj, *args], kwargs, span)
    receiver = obj if isinstance(obj, type) else objects.python_type(sim, st, obj)
    if sim.has_model((receiver, method.name)):
        return sim.models[(receiver, method.name)](sim, st, [obj, *args], kwargs, span)
    if isinstance(obj, Ref) and isinstance(sim.heap_obj(st, obj), (DictObj, SetObj)):
        return dicts.call_method(sim, st, obj, method.name, args, kwargs, span)
    if isinstance(obj, Ref):
        return listmethods.call_list_method(sim, st, obj, method.name, args, kwargs, span)
    # Methods of str, bytes, int and tuple are pure: run them in CPython.
    if all(is_concrete(a) for a in args) and all(is_concrete(v) for v in kwargs.values()):
        bound = getattr(obj, method.name)
        return sim.run_concrete(st, lambda *a: bound(*a, **kwargs), tuple(args), span)
    raise UnsupportedFeature(f"{type(obj).__name__}.{method.name}() with symbolic arguments", span)
