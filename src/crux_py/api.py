"""The decorators of the public API.

`@crux_test` marks a symbolic test and `@crux_spec_for(f)` a symbolic test
that, once proved, can stand in for `f` (`spec.enable()`); the pytest plugin
collects both whatever their names and either proves them (`--crux`) or
samples them (plain pytest). `symbolic`, `assume` and the spec handle live in
`intrinsics.py`, shapes in `shapes.py`.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Sequence
from typing import overload

from crux_py.intrinsics import CRUX_ATTRIBUTE, CruxTestOptions, SpecHandle, crux_test_function


@overload
def crux_test(fn: types.FunctionType) -> types.FunctionType: ...


@overload
def crux_test(*, unwind: int | None = None, timeout: float | None = None, solver: str | None = None,
              uses: Sequence[SpecHandle] = ()) -> Callable[[types.FunctionType], types.FunctionType]: ...


def crux_test(fn: types.FunctionType | None = None, *, unwind: int | None = None, timeout: float | None = None,
              solver: str | None = None, uses: Sequence[SpecHandle] = ()) -> object:
    """Mark a symbolic test; options override the command line for this test."""
    for spec in uses:
        if not isinstance(spec, SpecHandle):
            raise TypeError(f"uses= takes specs made with @crux_spec_for, not {spec!r}")
    options = CruxTestOptions(unwind, timeout, solver, tuple(uses))

    def mark(f: types.FunctionType) -> types.FunctionType:
        if not isinstance(f, types.FunctionType):
            raise TypeError("@crux_test decorates a plain function")
        setattr(f, CRUX_ATTRIBUTE, options)
        return f

    return mark(fn) if fn is not None else mark


def crux_spec_for(target: object, *, unwind: int | None = None, timeout: float | None = None,
                  solver: str | None = None, uses: Sequence[SpecHandle] = ()) -> Callable[[types.FunctionType], SpecHandle]:
    """Mark a symbolic test as the spec of `target` (a function or method)."""
    if not callable(target):
        raise TypeError(f"@crux_spec_for takes the function the spec is for, not {target!r}")

    def mark(f: types.FunctionType) -> SpecHandle:
        crux_test(unwind=unwind, timeout=timeout, solver=solver, uses=uses)(f)
        return SpecHandle(target, f)

    return mark


def replay_counterexample(test: object, values: dict[str, object]) -> None:
    """Run a symbolic test (or spec) in CPython with `symbolic()` returning `values`.

    The files `pytest --crux` writes for counterexamples call this.
    """
    from crux_py.driver.replay import run_with_inputs  # keeps `import crux_py` free of the engine
    from crux_py.driver.run import parameter_shapes

    fn = crux_test_function(test)
    if fn is None:
        raise TypeError(f"{test!r} is not a @crux_test or @crux_spec_for test")
    run_with_inputs(fn, values, [name for name, _ in parameter_shapes(fn)])


def load_cryptol(path: object, search_path: Sequence[object] | None = None) -> object:
    """Load a Cryptol module (`.cry` or literate `.md`): its definitions become
    attributes callable from Python, concretely and inside symbolic tests."""
    from crux_py.cryptol.pyapi import load_cryptol as load  # keeps `import crux_py` light

    return load(path, search_path)  # type: ignore[arg-type]


def cryptol_fn(source: str, name: str | None = None) -> object:
    """Bind inline Cryptol (an expression such as a lambda, or declarations) as a Python callable."""
    from crux_py.cryptol.pyapi import cryptol_fn as bind  # keeps `import crux_py` light

    return bind(source, name)
