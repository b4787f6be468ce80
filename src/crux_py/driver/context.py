"""What the driver's steps after simulation share about one run."""

from __future__ import annotations

import types
from dataclasses import dataclass

from crux_py.driver.settings import ProofSettings
from crux_py.driver.solving import CountingSolver
from crux_py.sim import Simulator


@dataclass(frozen=True, slots=True)
class RunContext:
    fn: types.FunctionType
    params: tuple[str, ...]
    """Names of the test's parameters (symbolic inputs named after them)."""
    sim: Simulator
    solver: CountingSolver
    settings: ProofSettings
    specs: tuple[str, ...]
    """Specs enabled in the run (their functions did not run for real)."""
