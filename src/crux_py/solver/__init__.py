"""Solver backends behind one protocol (`backend.py`), chosen by name.

`get_backend("z3" | "bitwuzla" | "cvc5")` returns a fresh backend; the
answer types are in `result.py`, the SMT-LIB writer for `--crux-dump-smt`
in `smtlib.py`. This layer is the only place a solver library is imported,
each in its own `*_backend.py`.
"""

from __future__ import annotations

import importlib

from crux_py.errors import SolverError, UserError
from crux_py.solver.backend import SolverBackend
from crux_py.solver.result import CheckResult, CheckStatus

__all__ = [
    "BACKEND_NAMES",
    "DEFAULT_BACKEND",
    "CheckResult",
    "CheckStatus",
    "SolverBackend",
    "get_backend",
]

# name -> (module, class). Backend modules are imported only when asked
# for: `import crux_py` must stay free of z3, bitwuzla, pysmt and cvc5,
# which are slow to load and, for a user who picks one solver, unneeded.
_BACKENDS: dict[str, tuple[str, str]] = {
    "z3": ("crux_py.solver.z3_backend", "Z3Backend"),
    "bitwuzla": ("crux_py.solver.bitwuzla_backend", "BitwuzlaBackend"),
    "cvc5": ("crux_py.solver.pysmt_backend", "PysmtBackend"),
}

BACKEND_NAMES: tuple[str, ...] = tuple(_BACKENDS)
DEFAULT_BACKEND = "z3"


def get_backend(name: str = DEFAULT_BACKEND) -> SolverBackend:
    """A new backend instance for the solver called `name`."""
    entry = _BACKENDS.get(name)
    if entry is None:
        raise UserError(f"unknown solver {name!r}; choose one of: {', '.join(BACKEND_NAMES)}")
    module_name, class_name = entry
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise SolverError(f"solver {name!r} is not available: {exc}") from exc
    backend: SolverBackend = getattr(module, class_name)()
    return backend
