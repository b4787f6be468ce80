"""The functions a symbolic test calls: `symbolic`, `assume`.

Under `pytest --crux` these are never executed: the simulator recognises
them by identity and applies its models (`sim/intrinsics.py`). When a test
runs in CPython (plain pytest sampling, counterexample replay) they consult
the `InputSource` installed for the run.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
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


def unique_input_name(name: str, seen: dict[str, int]) -> str:
    """`name`, or `name#k` for its k-th reuse; the simulator and CPython runs agree on this."""
    k = seen.get(name, 0)
    seen[name] = k + 1
    return name if k == 0 else f"{name}#{k}"
