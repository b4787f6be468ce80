"""Shared by the mutation tests of the examples: load a mutated copy of an
example module beside a file of proofs that import it, and check that a
proof refutes the mutant with a counterexample that fails in plain Python."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import pytest

from crux_py import intrinsics
from crux_py.driver import ProofSettings, Status, run_symbolic_test
from crux_py.driver.replay import RecordedInputs

ROOT = Path(__file__).resolve().parents[2]


def load(tmp_path: Path, module_name: str, source: str, tests: str) -> types.ModuleType:
    """The proofs `tests`, importing `source` as `module_name`, as a module."""
    (tmp_path / f"{module_name}.py").write_text(source)
    (tmp_path / "mutant_tests.py").write_text(tests)
    sys.path.insert(0, str(tmp_path))
    try:
        sys.modules.pop(module_name, None)
        spec = importlib.util.spec_from_file_location("mutant_tests", tmp_path / "mutant_tests.py")
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        return module
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop(module_name, None)


def mutate(source: str, old: str, new: str) -> str:
    assert source.count(old) == 1, f"{old!r} must occur once"
    return source.replace(old, new)


def assert_proved(module: types.ModuleType, proof: str) -> None:
    outcome = run_symbolic_test(getattr(module, proof), ProofSettings())
    assert outcome.status is Status.PROVED, outcome


def assert_refuted_and_replays(module: types.ModuleType, proof: str) -> None:
    """`proof` is refuted, its replay reproduced the failure, and running the
    test in plain Python on the counterexample fails too (an assertion, or
    the exception the program raises: `raised DecodeError(...)`)."""
    outcome = run_symbolic_test(getattr(module, proof), ProofSettings())
    assert outcome.status is Status.REFUTED, outcome
    goal = outcome.failures[0]
    assert goal.counterexample is not None and goal.counterexample.replay is not None
    assert goal.counterexample.replay.reproduced, goal.counterexample.replay.detail
    values = {i.name: i.value for i in goal.counterexample.inputs}
    expected = goal.message.split("raised ", 1)[1].split("(", 1)[0] if goal.message.startswith("raised ") \
        else "AssertionError"
    with pytest.raises(BaseException) as info, intrinsics.input_source(RecordedInputs(values)):
        getattr(module, proof)()
    assert type(info.value).__name__ == expected, info.value
