"""What symbolic tests are made of: `symbolic`, `assume`, spec handles, test options.

Under `pytest --crux` these are never executed: the simulator recognises
them by identity and applies its models (`sim/intrinsics.py`). When a test
runs in CPython (plain pytest sampling, counterexample replay) they consult
the `InputSource` installed for the run.
"""

from __future__ import annotations

import contextlib
import contextvars
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from crux_py.shapes import Shape, as_shape


class AssumptionRejected(BaseException):
    """Raised in CPython runs when `assume(c)` sees a false `c`: the run is discarded.

    A BaseException so that user code catching `Exception` cannot swallow it.
    """


class InputSource(Protocol):
    """Supplies concrete values for `symbolic()` in a CPython run."""

    def value_for(self, shape: Shape, name: str) -> object: ...


_SOURCE: contextvars.ContextVar[InputSource | None] = contextvars.ContextVar("crux_input_source", default=None)


@contextlib.contextmanager
def input_source(source: InputSource) -> Iterator[None]:
    token = _SOURCE.set(source)
    try:
        yield
    finally:
        _SOURCE.reset(token)


def symbolic(shape: object, name: str) -> object:
    """A symbolic input of the given shape, named `name` in counterexamples."""
    source = _SOURCE.get()
    if source is None:
        raise RuntimeError("symbolic() called outside a crux test run (use @crux_test and pytest)")
    return source.value_for(as_shape(shape), name)


def assume(condition: object) -> None:
    """Restrict the inputs: paths where `condition` is false are not considered."""
    if not condition:
        raise AssumptionRejected()


def cover(condition: object, message: str = "") -> None:
    """Ask whether `condition` can be true here: `pytest --crux` reports each
    cover as satisfied (with an example), unsatisfiable or unreachable."""
    return None


class raises:  # noqa: N801 - used like a function, as pytest.raises is
    """`with raises(ValueError): body` states that the body raises nothing,
    or one of these exceptions (so "the decoder raises only ValueError" is
    provable); any other exception escapes and fails the test."""

    def __init__(self, *exceptions: type[BaseException]) -> None:
        if not exceptions or not all(isinstance(e, type) and issubclass(e, BaseException) for e in exceptions):
            raise TypeError("raises() takes one or more exception classes")
        self.exceptions = exceptions

    def __enter__(self) -> None:
        return None

    def __exit__(self, cls: type[BaseException] | None, exc: object, tb: object) -> bool:
        return cls is not None and issubclass(cls, self.exceptions)


def no_panic(f: object, *args: object, allowed: tuple[type[BaseException], ...] = ()) -> object:
    """`f(*args)`, or None if it raises one of `allowed`: as an assertion that
    `f` returns or raises only the exceptions it documents."""
    try:
        return f(*args)  # type: ignore[operator]
    except allowed:
        return None


def exception_matches(exc: object, types: type | tuple[type, ...]) -> bool:
    """Whether an `except types` clause catches `exc`, the simulator's value of
    an exception (its class in `.cls`); the IR of a `try` calls this."""
    classes = types if isinstance(types, tuple) else (types,)
    if not all(isinstance(c, type) and issubclass(c, BaseException) for c in classes):
        raise TypeError("catching classes that do not inherit from BaseException is not allowed")
    return issubclass(exc.cls, classes)  # type: ignore[attr-defined]


def with_enter(manager: object) -> object:
    """`type(manager).__enter__(manager)`: the start of a `with` statement (the IR calls this)."""
    return type(manager).__enter__(manager)  # type: ignore[attr-defined]


def with_exit(manager: object, exc: object) -> bool:
    """Whether `type(manager).__exit__` suppresses `exc` (the simulator's value of an exception)."""
    return bool(type(manager).__exit__(manager, exc.cls, exc, None))  # type: ignore[attr-defined]


def with_exit_ok(manager: object) -> None:
    """`type(manager).__exit__(manager, None, None, None)`: a `with` body left without an exception."""
    type(manager).__exit__(manager, None, None, None)  # type: ignore[attr-defined]


def unique_input_name(name: str, seen: dict[str, int]) -> str:
    """`name`, or `name#k` for its k-th reuse; the simulator and CPython runs agree on this."""
    k = seen.get(name, 0)
    seen[name] = k + 1
    return name if k == 0 else f"{name}#{k}"


class SpecHandle:
    """What `@crux_spec_for(f)` makes of a symbolic test: the test itself, plus
    `enable()`, which turns the proved spec on for calls of `f` in the
    current test. In CPython `enable()` does nothing: the real `f` runs."""

    def __init__(self, target: object, test: object) -> None:
        self.target = target
        self.test = test
        self.__name__ = getattr(test, "__name__", "spec")
        self.__qualname__ = getattr(test, "__qualname__", self.__name__)
        self.__module__ = getattr(test, "__module__", "")
        self.__doc__ = getattr(test, "__doc__", None)

    def enable(self) -> None:
        return None

    def __repr__(self) -> str:
        target = getattr(self.target, "__qualname__", repr(self.target))
        return f"<spec {self.__qualname__} for {target}>"


CRUX_ATTRIBUTE = "__crux_test__"


@dataclass(frozen=True, slots=True)
class CruxTestOptions:
    unwind: int | None = None
    timeout: float | None = None
    solver: str | None = None
    uses: tuple[SpecHandle, ...] = ()
    """Specs enabled from the start of the test, as if it began with `s.enable()`."""


def crux_test_function(obj: object) -> types.FunctionType | None:
    """The symbolic test function behind a collected object (a test or a spec), if any."""
    if isinstance(obj, SpecHandle):
        obj = obj.test
    if isinstance(obj, types.FunctionType) and isinstance(getattr(obj, CRUX_ATTRIBUTE, None), CruxTestOptions):
        return obj
    return None


def crux_test_options(obj: object) -> CruxTestOptions | None:
    fn = crux_test_function(obj)
    return getattr(fn, CRUX_ATTRIBUTE) if fn is not None else None


@dataclass(frozen=True)
class EagerConsumer:
    """What a builtin consumer of a generator expression does as it pulls each
    item: the frontend lowers `bytes(<genexp>)`, `bytearray(<genexp>)` and
    `sep.join(<genexp>)` to a list built first, and calls this marker where
    CPython would check the item (or, for join, call the method on the list:
    str and bytes join materialise their argument before anything else).
    The simulator models each marker; nothing calls them in CPython."""

    consumer: str


BYTES_ITEM = EagerConsumer("bytes")
BYTEARRAY_ITEM = EagerConsumer("bytearray")
EAGER_JOIN = EagerConsumer("join")
