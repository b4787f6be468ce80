"""The TypeError CPython raises for ill-typed operands, or an honest "unsupported".

For an operator the simulator does not model on some operand types, CPython
itself is asked, on concrete stand-ins of the same types, whether the
operation is a TypeError: if so the path fails with that error, otherwise
the combination is reported as `UnsupportedFeature`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.values import (
    BoundMethod, ByteArrayObj, BytesVal, Closure, DictObj, DictView, ExceptionValue, InstanceObj, ListObj, MemoryViewObj,
    RangeValue, Ref, SetObj, SymBool, SymInt, SymbolicText, TextVal,
)
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator


def describe(v: object) -> str:
    """The Python type name a user would expect for a simulator value."""
    if isinstance(v, SymInt):
        return "int"
    if isinstance(v, SymBool):
        return "bool"
    if isinstance(v, Ref):
        return "list"
    if isinstance(v, BytesVal):
        return "bytes"
    if isinstance(v, TextVal):
        return "str"
    if isinstance(v, RangeValue):
        return "range"
    if isinstance(v, (Closure, BoundMethod)):
        return "function"
    if isinstance(v, ExceptionValue):
        return v.cls.__name__
    return type(v).__name__


def _representative(sim: Simulator, st: State, v: object) -> object:
    """A concrete value of the same Python type, to ask CPython about typing."""
    if isinstance(v, SymInt):
        return 0
    if isinstance(v, SymBool):
        return False
    if isinstance(v, Ref):
        obj = sim.heap_obj(st, v)
        if isinstance(obj, DictObj):
            return {}
        if isinstance(obj, SetObj):
            return set()
        if isinstance(obj, InstanceObj):
            return stand_in(obj.cls)
        if isinstance(obj, ByteArrayObj):
            return bytearray()
        if isinstance(obj, MemoryViewObj):
            return memoryview(b"")
        return [] if isinstance(obj, ListObj) else iter(())
    if isinstance(v, BytesVal):
        return b""
    if isinstance(v, TextVal):
        return ""
    if isinstance(v, DictView):
        return getattr({}, v.kind)()
    if isinstance(v, RangeValue):
        return range(0)
    if isinstance(v, tuple):
        return tuple(_representative(sim, st, x) for x in v)
    if isinstance(v, (Closure, BoundMethod)):
        return len
    if isinstance(v, ExceptionValue):
        return v.cls()
    if isinstance(v, SymbolicText):
        return ""  # str operations on it are then unsupported, never TypeErrors
    return v


@functools.cache
def stand_in(cls: type) -> object:
    """An object whose class has `cls`'s name and no methods: what CPython does with it is what it
    does with an instance of `cls` once all of that class's special methods have declined."""
    return type(cls.__name__, (), {"__module__": cls.__module__})()


def type_error_or_unsupported(sim: Simulator, st: State, what: str, fn: Callable[..., object],
                              args: tuple[object, ...], span: SourceSpan) -> object:
    """Fail with the TypeError CPython raises for these operand types, or
    report the combination as unsupported when CPython would accept it."""
    reps = tuple(_representative(sim, st, a) for a in args)
    try:
        fn(*reps)
    except TypeError as e:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {e}", span, "TypeError")
    except Exception:  # noqa: BLE001 - any other outcome means typing is fine
        pass
    kinds = " and ".join(describe(a) for a in args)
    raise UnsupportedFeature(f"{what} on {kinds}", span)
