"""Symbolic simulator over the IR: values, state, merging, operations, models.

Entry point: `Simulator` (`simulator.py`). Models of builtins and of the
crux intrinsics are in `builtins.py` and `inputs.py`; failures are `Goal`s
(`goals.py`).
"""

from crux_py.sim.builtins import BUILTIN_MODELS
from crux_py.sim.bytes_models import BYTES_MODELS
from crux_py.sim.cryptol_models import CRYPTOL_MODELS
from crux_py.sim.goals import Cover, Decision, Goal, GoalKind
from crux_py.sim.inputs import INTRINSIC_MODELS, SymbolicInput, decode, input_variables, make_input
from crux_py.sim.simulator import SimSettings, SimStats, Simulator

__all__ = [
    "BUILTIN_MODELS", "BYTES_MODELS", "CRYPTOL_MODELS", "Cover", "Decision", "Goal", "GoalKind", "INTRINSIC_MODELS", "SimSettings", "SimStats", "Simulator",
    "SymbolicInput", "decode", "input_variables", "make_input",
]
