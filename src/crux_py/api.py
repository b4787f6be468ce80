"""The decorators of the public API.

`@crux_test` marks a symbolic test; the pytest plugin collects it whatever
its name and either proves it (`--crux`) or samples it (plain pytest).
`symbolic` and `assume` live in `intrinsics.py`, shapes in `shapes.py`.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import overload

CRUX_ATTRIBUTE = "__crux_test__"


@dataclass(frozen=True, slots=True)
class CruxTestOptions:
    unwind: int | None = None
    timeout: float | None = None
    solver: str | None = None


@overload
def crux_test(fn: types.FunctionType) -> types.FunctionType: ...


@overload
def crux_test(*, unwind: int | None = None, timeout: float | None = None,
              solver: str | None = None) -> Callable[[types.FunctionType], types.FunctionType]: ...


def crux_test(fn: types.FunctionType | None = None, *, unwind: int | None = None, timeout: float | None = None,
              solver: str | None = None) -> object:
    """Mark a symbolic test; options override the command line for this test."""
    options = CruxTestOptions(unwind, timeout, solver)

    def mark(f: types.FunctionType) -> types.FunctionType:
        if not isinstance(f, types.FunctionType):
            raise TypeError("@crux_test decorates a plain function")
        setattr(f, CRUX_ATTRIBUTE, options)
        return f

    return mark(fn) if fn is not None else mark


def crux_test_options(obj: object) -> CruxTestOptions | None:
    options = getattr(obj, CRUX_ATTRIBUTE, None) if isinstance(obj, types.FunctionType) else None
    return options if isinstance(options, CruxTestOptions) else None
