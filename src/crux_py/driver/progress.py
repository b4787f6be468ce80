"""Live status of long proofs: what is being simulated or proved right now.

`Progress` is called by the simulator every few thousand statements and by
the driver between solver queries; once a proof has run longer than
`delay` seconds it hands a one-line status to `show` (the pytest plugin
rewrites a terminal line with it), at most every `interval` seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from crux_py.sim import Simulator


class Progress:
    def __init__(self, test: str, show: Callable[[str], None], delay: float = 2.0, interval: float = 0.5) -> None:
        self.test = test
        self.show = show
        self.start = time.perf_counter()
        self.delay = delay
        self.interval = interval
        self._last = 0.0
        self.shown = False

    def _due(self) -> bool:
        now = time.perf_counter()
        if now - self.start < self.delay or now - self._last < self.interval:
            return False
        self._last = now
        self.shown = True
        return True

    def simulating(self, sim: Simulator) -> None:
        if not self._due():
            return
        function = next(reversed(sim.functions)).qualname if sim.functions else self.test
        depth = sim.loop_depth
        self.show(f"crux {self.test}: simulating {function}, loop unrolled {depth}x, "
                  f"{sim.stats.statements} statements, {len(sim.goals)} goals")

    def proving(self, done: int, total: int, solver_seconds: float) -> None:
        if self._due():
            self.show(f"crux {self.test}: goal {done}/{total}, solver {solver_seconds:.1f} s")
