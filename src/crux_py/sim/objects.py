"""Instances of user-defined classes: construction, attributes, class lookup.

An instance lives in the heap as an `InstanceObj` (its class and its
attributes). Classes themselves stay real Python classes: their attributes
are looked up along the MRO without running descriptors' code, and their
methods are Python functions the simulator runs (special methods through
`dunders.py`, the ones `@dataclass` generates through `dataclass_models.py`).
What Python does that is not modelled (custom `__new__`, metaclasses,
`__getattr__`, `__getattribute__`, tuple subclasses such as namedtuples) is
`UnsupportedFeature`, never guessed.
"""

from __future__ import annotations

import abc
import functools
import types
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.values import (
    UNBOUND, BoundMethod, ByteArrayObj, BytesVal, CachedFunction, Closure, DictObj, DictView, InstanceObj, ListObj,
    MemoryViewObj, Mux, PartialValue, RangeValue, Ref, SetObj, SuperObject, SymBool, SymbolicText, SymInt, TextVal,
)
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

MISSING = object()
_LRU_WRAPPER = functools._lru_cache_wrapper  # type: ignore[attr-defined]

_TYPE_ATTRIBUTES = ("__name__", "__qualname__", "__mro__", "__bases__")


VALUE_CLASSES: dict[type, type] = {
    SymInt: int, SymBool: bool, BytesVal: bytes, SymbolicText: str, TextVal: str, RangeValue: range,
    SuperObject: super, Closure: types.FunctionType, PartialValue: functools.partial, CachedFunction: _LRU_WRAPPER,
}
"""Simulator values standing for Python objects of one fixed class."""
HEAP_CLASSES: dict[type, type] = {
    ListObj: list, ByteArrayObj: bytearray, MemoryViewObj: memoryview, DictObj: dict, SetObj: set,
}
"""Heap objects standing for Python objects of one fixed class (instances carry theirs)."""


def python_type(sim: Simulator, st: State, v: object) -> type:
    """The Python class of a simulator value, for messages and dispatch (`object`
    for a heap object of no fixed class; `type_models.exact_type` says None)."""
    if type(v) in VALUE_CLASSES:
        return VALUE_CLASSES[type(v)]
    if isinstance(v, BoundMethod):
        return types.FunctionType
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        return obj.cls if isinstance(obj, InstanceObj) else HEAP_CLASSES.get(type(obj), object)
    if isinstance(v, DictView):
        return type(getattr({}, v.kind)())
    return type(v)


def is_user_class(cls: object) -> bool:
    return isinstance(cls, type) and cls.__module__ != "builtins" and not issubclass(cls, BaseException)


def class_attribute(cls: type, name: str) -> object:
    """`name` in the `__dict__` of the first class of `cls.__mro__` defining it (MISSING if none)."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return klass.__dict__[name]
    return MISSING


def construct(sim: Simulator, st: State, cls: type, args: list[object], kwargs: dict[str, object],
              span: SourceSpan) -> object:
    """`cls(*args, **kwargs)` for a user class: a fresh instance, then its `__init__`."""
    if type(cls) is abc.ABCMeta and cls.__abstractmethods__:  # type: ignore[attr-defined]
        methods = ", ".join(sorted(cls.__abstractmethods__))  # type: ignore[attr-defined]
        sim.fail(st, GoalKind.PANIC, f"TypeError: Can't instantiate abstract class {cls.__name__} with abstract "
                 f"method{'s' if len(cls.__abstractmethods__) > 1 else ''} {methods}", span, "TypeError")  # type: ignore[attr-defined]
    if type(cls) not in (type, abc.ABCMeta):  # ABCMeta only checks abstract methods when instantiating
        raise UnsupportedFeature(f"creating an instance of {cls.__qualname__}, whose metaclass is "
                                 f"{type(cls).__qualname__}", span)
    if issubclass(cls, tuple):
        raise UnsupportedFeature(f"creating an instance of {cls.__qualname__}, a subclass of tuple (namedtuple and "
                                 "typing.NamedTuple classes are not modelled)", span)
    if class_attribute(cls, "__new__") is not MISSING and cls.__new__ is not object.__new__:
        raise UnsupportedFeature(f"class {cls.__qualname__} with its own __new__", span)
    ref = sim.alloc(st, InstanceObj(cls, ()))
    init = class_attribute(cls, "__init__")
    if init is object.__init__:
        if args or kwargs:
            sim.fail(st, GoalKind.PANIC, f"TypeError: {cls.__qualname__}() takes no arguments", span, "TypeError")
        return ref
    if not isinstance(init, types.FunctionType):
        raise UnsupportedFeature(f"{cls.__qualname__}.__init__ of type {type(init).__name__}", span)
    if sim.call(st, BoundMethod(ref, "__init__", init), args, kwargs, span) is not None:
        sim.fail(st, GoalKind.PANIC, "TypeError: __init__() should return None", span, "TypeError")
    return ref


def instance_attribute(sim: Simulator, st: State, ref: Ref, obj: InstanceObj, name: str, span: SourceSpan) -> object:
    if class_attribute(obj.cls, "__getattribute__") is not object.__getattribute__:
        raise UnsupportedFeature(f"{obj.cls.__qualname__}.__getattribute__", span)
    if name == "__class__" and class_attribute(obj.cls, name) is object.__dict__[name]:
        return obj.cls  # object's data descriptor: it comes before the instance's attributes
    value = obj.get(name)
    if isinstance(value, Mux) and any(alt is UNBOUND for _, alt in value.alts):
        # Set on some paths only: the others read the class attribute, or fail.
        return sim.lift(st, value, lambda side, alt: alt if alt is not UNBOUND else
                        _class_fallback(sim, side, ref, obj, name, span))
    if value is not UNBOUND:
        return value
    return _class_fallback(sim, st, ref, obj, name, span)


def _class_fallback(sim: Simulator, st: State, ref: Ref, obj: InstanceObj, name: str, span: SourceSpan) -> object:
    attr = class_attribute(obj.cls, name)
    if attr is MISSING:
        if class_attribute(obj.cls, "__getattr__") is not MISSING:
            raise UnsupportedFeature(f"{obj.cls.__qualname__}.__getattr__", span)
        sim.fail(st, GoalKind.PANIC, f"AttributeError: '{obj.cls.__qualname__}' object has no attribute '{name}'",
                 span, "AttributeError")
    return bind(sim, st, attr, ref, obj.cls, name, span)


def class_level_attribute(sim: Simulator, st: State, cls: type, name: str, span: SourceSpan) -> object:
    attr = class_attribute(cls, name)
    if attr is MISSING and name in _TYPE_ATTRIBUTES:
        return sim.to_value(st, getattr(cls, name), span)  # kept by the class object, not in a __dict__
    if attr is MISSING:
        sim.fail(st, GoalKind.PANIC, f"AttributeError: type object '{cls.__qualname__}' has no attribute '{name}'",
                 span, "AttributeError")
    if isinstance(attr, types.FunctionType):
        return attr  # a plain function when looked up on the class
    return bind(sim, st, attr, None, cls, name, span)


def super_attribute(sim: Simulator, st: State, sup: SuperObject, name: str, span: SourceSpan) -> object:
    """`super(start, obj).name`: the class attribute found after `start` in the MRO of obj's class.

    Like CPython, only class dictionaries are searched (never obj's own
    attributes), and the attribute is bound to obj, not to `start`.
    """
    owner = sup.obj if isinstance(sup.obj, type) else python_type(sim, st, sup.obj)
    mro = owner.__mro__
    attr = MISSING
    for klass in mro[mro.index(sup.start) + 1:]:
        if name in klass.__dict__:
            attr = klass.__dict__[name]
            break
    if attr is MISSING:
        sim.fail(st, GoalKind.PANIC, f"AttributeError: 'super' object has no attribute '{name}'", span,
                 "AttributeError")
    if attr is object.__init__ or attr is object.__setattr__:
        return BoundMethod(sup.obj, name, attr)  # modelled (`type_models.py`)
    if isinstance(sup.obj, type):
        # super() in a classmethod: a plain function comes back unbound, as from the class.
        return attr if isinstance(attr, types.FunctionType) else bind(sim, st, attr, None, owner, name, span)
    assert isinstance(sup.obj, Ref)
    return bind(sim, st, attr, sup.obj, owner, name, span)


def bind(sim: Simulator, st: State, attr: object, ref: Ref | None, cls: type, name: str, span: SourceSpan) -> object:
    """What `obj.name` (or `cls.name` when `ref` is None) gives for a class attribute."""
    if isinstance(attr, staticmethod):
        return attr.__func__
    if isinstance(attr, classmethod):
        return BoundMethod(cls, name, attr.__func__)
    if isinstance(attr, types.FunctionType):
        return BoundMethod(ref, name, attr)
    if isinstance(attr, _LRU_WRAPPER):
        # CPython's lru_cache wrapper binds like a function: the instance becomes part of the key.
        return attr if ref is None else BoundMethod(ref, name, attr)
    if isinstance(attr, property):
        if ref is None:
            return attr
        if not isinstance(attr.fget, types.FunctionType):
            raise UnsupportedFeature(f"property {cls.__qualname__}.{name} without a Python getter", span)
        return sim.call(st, attr.fget, [ref], {}, span)
    if hasattr(type(attr), "__get__") and not isinstance(attr, (int, str, bytes, tuple, type)):
        raise UnsupportedFeature(f"descriptor {type(attr).__name__} as {cls.__qualname__}.{name}", span)
    return sim.to_value(st, attr, span)


def set_instance_attribute(sim: Simulator, st: State, ref: Ref, obj: InstanceObj, name: str, value: object,
                           span: SourceSpan) -> None:
    attr = class_attribute(obj.cls, name)
    if attr is not MISSING and hasattr(type(attr), "__set__") and not isinstance(attr, types.MemberDescriptorType):
        raise UnsupportedFeature(f"assigning {obj.cls.__qualname__}.{name} (a {type(attr).__name__})", span)
    slots = _slots(obj.cls)
    if slots is not None and name not in slots:
        sim.fail(st, GoalKind.PANIC, f"AttributeError: '{obj.cls.__qualname__}' object has no attribute '{name}'",
                 span, "AttributeError")
    sim.write(st, ref, obj.set(name, value))


def _slots(cls: type) -> set[str] | None:
    """The attribute names instances may have, or None when they have a `__dict__`."""
    names: set[str] = set()
    for klass in cls.__mro__[:-1]:
        if "__slots__" not in klass.__dict__:
            return None
        slots = klass.__dict__["__slots__"]
        names.update([slots] if isinstance(slots, str) else slots)
    return None if "__dict__" in names else names
