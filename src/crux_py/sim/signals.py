"""Control signals of the simulator (never exceptions of the simulated program).

Both derive from BaseException so that no `except Exception` in the engine
can swallow them.
"""

from __future__ import annotations

from collections.abc import Callable

from crux_py.sim.state import State
from crux_py.sim.values import Mux


class PathAbort(BaseException):
    """The current path ends here; any failure on it is already a recorded goal."""


class Split(BaseException):
    """An operation met a `Mux`: rerun the statement once per alternative.

    `install(state, value)` puts one alternative where the Mux was (a
    register or a heap object) in a forked state.
    """

    def __init__(self, mux: Mux, install: Callable[[State, object], None]) -> None:
        super().__init__()
        self.mux = mux
        self.install = install
