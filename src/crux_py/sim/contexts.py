"""Context managers in `with` statements (the frontend lowers `with` to calls
of `intrinsics.with_enter`/`with_exit`/`with_exit_ok` around a `Try`):
`__enter__` and `__exit__` are looked up on the manager's class, as CPython
does, and run as simulated Python; `crux_py.raises` is a manager whose exit
suppresses the exceptions it names, a memoryview releases itself. Managers whose methods are not Python
functions (files, locks, C objects) are `UnsupportedFeature`."""

from __future__ import annotations

import types
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.intrinsics import raises, with_enter, with_exit, with_exit_ok
from crux_py.sim import compare, objects
from crux_py.sim.catching import model_exception_matches
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.values import ExceptionValue, Mux
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator


def _methods(sim: Simulator, st: State, manager: object, span: SourceSpan) -> tuple[object, object]:
    cls = objects.python_type(sim, st, manager)
    enter, exit_ = objects.class_attribute(cls, "__enter__"), objects.class_attribute(cls, "__exit__")
    if enter is objects.MISSING or exit_ is objects.MISSING:
        missed = " (missed __exit__ method)" if enter is not objects.MISSING else ""
        sim.fail(st, GoalKind.PANIC, f"TypeError: '{cls.__name__}' object does not support the context manager "
                 f"protocol{missed}", span, "TypeError")
    if not isinstance(enter, types.FunctionType) or not isinstance(exit_, types.FunctionType):
        raise UnsupportedFeature(f"`with` over a {cls.__qualname__} (its __enter__/__exit__ are not Python "
                                 "functions)", span)
    return enter, exit_


def model_with_enter(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                     span: SourceSpan) -> object:
    (manager,) = args
    if isinstance(manager, Mux):
        return sim.lift(st, manager, lambda side, alt: model_with_enter(sim, side, [alt], {}, span))
    if isinstance(manager, raises):
        return None
    if objects.python_type(sim, st, manager) is memoryview:  # its __exit__ releases it
        return manager
    enter, _ = _methods(sim, st, manager, span)
    return sim.call(st, enter, [manager], {}, span)


def model_with_exit(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                    span: SourceSpan) -> object:
    """Whether the manager's `__exit__` suppresses the exception that left the body."""
    manager, exc = args
    if isinstance(manager, Mux):
        return sim.lift(st, manager, lambda side, alt: model_with_exit(sim, side, [alt, exc], {}, span))
    if isinstance(exc, Mux):  # different exceptions on merged paths
        return sim.lift(st, exc, lambda side, alt: model_with_exit(sim, side, [manager, alt], {}, span))
    assert isinstance(exc, ExceptionValue)
    if isinstance(manager, raises):
        return model_exception_matches(sim, st, [exc, manager.exceptions], {}, span)
    if objects.python_type(sim, st, manager) is memoryview:
        return model_with_exit_ok(sim, st, [manager], {}, span)
    _, exit_ = _methods(sim, st, manager, span)
    return compare.truth(sim, st, sim.call(st, exit_, [manager, exc.cls, exc, None], {}, span))


def model_with_exit_ok(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                       span: SourceSpan) -> object:
    (manager,) = args
    if isinstance(manager, Mux):
        return sim.lift(st, manager, lambda side, alt: model_with_exit_ok(sim, side, [alt], {}, span))
    if objects.python_type(sim, st, manager) is memoryview:
        sim.models[(memoryview, "release")](sim, st, [manager], {}, span)
    elif not isinstance(manager, raises):
        _, exit_ = _methods(sim, st, manager, span)
        sim.call(st, exit_, [manager, None, None, None], {}, span)
    return None


CONTEXT_MODELS = {with_enter: model_with_enter, with_exit: model_with_exit, with_exit_ok: model_with_exit_ok}
