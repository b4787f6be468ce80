"""Runs one symbolic test end to end (`run.py`) and describes the outcome
(`outcome.py`); knows nothing of pytest."""

from crux_py.driver.outcome import Counterexample, GoalResult, InputValue, Replay, Status, TestOutcome
from crux_py.driver.run import new_prover, prove_spec, run_symbolic_test
from crux_py.driver.settings import ProofSettings

__all__ = [
    "Counterexample", "GoalResult", "InputValue", "ProofSettings", "Replay", "Status", "TestOutcome",
    "new_prover", "prove_spec", "run_symbolic_test",
]
