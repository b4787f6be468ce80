"""Exceptions caught by the simulated program's `try` statements.

While the body of a `Try` runs (`Simulator._try`), a `Catch` is on the
simulator's stack. A Python exception raised on a path, by an explicit
`raise`, a failed `assert` or an operation that fails (an index out of
range, a division by zero), is then not a failed goal: the path's state is
captured with the exception value and ends there; the handler code runs it
afterwards. The captured state has the locals of the `try`'s own frame as
they were when the exception left it (the exception may come from a callee)
and the heap and path condition of the raising path. An operation that only
*may* fail forks: the failing side is captured, the other goes on.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature, panic
from crux_py.intrinsics import raises
from crux_py.sim.goals import GoalKind
from crux_py.sim.values import ExceptionValue
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator
    from crux_py.sim.state import State


@dataclass
class Catch:
    frame: object
    caught: list[tuple[State, ExceptionValue]] = field(default_factory=list)


def exception_for(name: str, message: str) -> ExceptionValue | None:
    """The exception an engine-detected failure stands for (`IndexError: ...`),
    or None when `name` is not a builtin exception class."""
    cls = getattr(builtins, name, None)
    if not (isinstance(cls, type) and issubclass(cls, BaseException)):
        return None
    prefix = f"{name}: "
    return ExceptionValue(cls, (message[len(prefix):] if message.startswith(prefix) else message,))


def exception_matches(exc: ExceptionValue, types: type | tuple[type, ...]) -> bool:
    """Whether an `except types` clause catches `exc` (the IR calls this)."""
    classes = types if isinstance(types, tuple) else (types,)
    if not all(isinstance(c, type) and issubclass(c, BaseException) for c in classes):
        raise TypeError("catching classes that do not inherit from BaseException is not allowed")
    return issubclass(exc.cls, classes)


def model_exception_matches(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                            span: SourceSpan) -> object:
    exc, types = args
    if not isinstance(exc, ExceptionValue):
        raise panic(f"an except clause tested {exc!r}, not an exception")
    try:
        return exception_matches(exc, types)  # type: ignore[arg-type]
    except TypeError as e:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {e}", span, "TypeError")
        return False


def enter_raises(manager: raises) -> tuple[type[BaseException], ...]:
    """The classes a `with raises(...)` statement lets out of its body (the IR calls this)."""
    return manager.exceptions


def model_enter_raises(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                       span: SourceSpan) -> object:
    (manager,) = args
    if not isinstance(manager, raises):
        raise UnsupportedFeature(f"`with` over a {type(manager).__name__} value (only crux_py.raises is modelled)",
                                 span)
    return manager.exceptions


def model_raises(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                 span: SourceSpan) -> object:
    return sim.run_concrete(st, raises, tuple(args), span)


CATCHING_MODELS = {exception_matches: model_exception_matches, enter_raises: model_enter_raises,
                   raises: model_raises}
