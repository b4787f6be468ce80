"""`crux_py.solver`: backend lookup by name, lazy imports, result invariants."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crux_py.errors import InternalError, UserError
from crux_py.solver import BACKEND_NAMES, DEFAULT_BACKEND, CheckResult, CheckStatus, SolverBackend, get_backend
from crux_py.solver.result import error_reason, timeout_reason

SRC = Path(__file__).resolve().parents[3] / "src"
LIBRARIES = ("z3", "bitwuzla", "pysmt", "cvc5")


def test_backend_names() -> None:
    assert BACKEND_NAMES == ("z3", "bitwuzla", "cvc5")
    assert DEFAULT_BACKEND == "z3"


@pytest.mark.parametrize("name", BACKEND_NAMES)
def test_get_backend_returns_a_protocol_instance_named_as_asked(name: str) -> None:
    backend = get_backend(name)
    assert isinstance(backend, SolverBackend)
    assert backend.name == name
    assert get_backend(name) is not backend


def test_unknown_backend_is_a_user_error_listing_the_choices() -> None:
    with pytest.raises(UserError) as info:
        get_backend("yices")
    message = str(info.value)
    assert "yices" in message
    for name in BACKEND_NAMES:
        assert name in message


def _modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(m for m in {LIBRARIES!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(SRC)},
                         capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_the_solver_layer_loads_no_solver_library() -> None:
    assert _modules_after("import crux_py.solver, crux_py.solver.smtlib") == set()


@pytest.mark.parametrize(("name", "required", "allowed"), [
    ("z3", {"z3"}, {"z3"}),
    ("bitwuzla", {"bitwuzla"}, {"bitwuzla"}),
    # pysmt.constants itself imports z3 when it is installed (for algebraic
    # numbers); crux_py's cvc5 backend does not.
    ("cvc5", {"pysmt", "cvc5"}, {"pysmt", "cvc5", "z3"}),
])
def test_each_backend_loads_only_its_own_library(name: str, required: set[str], allowed: set[str]) -> None:
    loaded = _modules_after(f"import crux_py.solver as s; s.get_backend({name!r}).check([])")
    assert required <= loaded <= allowed


def test_check_result_invariants() -> None:
    sat = CheckResult.sat({"x": 3, "b": True}, 0.1)
    assert sat.status is CheckStatus.SAT and sat.is_sat and sat.model == {"x": 3, "b": True}
    with pytest.raises(TypeError):
        sat.model["x"] = 4  # type: ignore[index]
    assert CheckResult.unsat(0.2).model is None
    unknown = CheckResult.unknown(timeout_reason(1.0), 1.0)
    assert unknown.is_unknown and unknown.reason == "timeout after 1.0 s"
    with pytest.raises(InternalError):
        CheckResult(CheckStatus.UNSAT, {"x": 1}, "", 0.0)
    with pytest.raises(InternalError):
        CheckResult(CheckStatus.SAT, None, "", 0.0)
    with pytest.raises(InternalError):
        CheckResult(CheckStatus.UNKNOWN, None, "", 0.0)


def test_error_reason_names_the_exception() -> None:
    assert error_reason(ValueError("bad sort\nmore detail")) == "solver error: ValueError: bad sort"
    assert error_reason(RuntimeError()) == "solver error: RuntimeError"
