"""Specs in the driver: proving each on demand, once, and enabling them in a run.

`SpecProver` proves a `@crux_spec_for` test the first time a test needs it
(or when pytest runs the spec itself) and keeps the outcome and the
extracted `MethodSpec` for the rest of the process; each pytest-xdist worker
has its own, so nothing stale is ever read. Cycles are refused.
`EnabledSpecs` is the `spec.enable()` model of one run: it installs the
override of `spec/override.py` for the spec's function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from crux_py.driver.outcome import Status, TestOutcome
from crux_py.driver.settings import ProofSettings
from crux_py.errors import SpecError
from crux_py.intrinsics import SpecHandle
from crux_py.sim import Simulator
from crux_py.sim.state import State
from crux_py.source import SourceSpan
from crux_py.spec import MethodSpec, SpecCapture, SpecOverride


@dataclass(frozen=True, slots=True)
class ProvedSpec:
    outcome: TestOutcome
    method: MethodSpec | None
    """The extracted spec, when the proof succeeded."""


SpecRunner = Callable[[SpecHandle, "SpecProver"], ProvedSpec]


def target_name(handle: SpecHandle) -> str:
    return getattr(handle.target, "__qualname__", repr(handle.target))


class SpecProver:
    def __init__(self, settings: ProofSettings, runner: SpecRunner) -> None:
        self.settings = settings
        self._runner = runner
        self._proved: dict[int, tuple[SpecHandle, ProvedSpec]] = {}
        self._active: list[SpecHandle] = []

    def prove(self, handle: SpecHandle) -> ProvedSpec:
        hit = self._proved.get(id(handle))
        if hit is not None:
            return hit[1]
        if handle in self._active:
            cycle = " -> ".join(h.__qualname__ for h in (*self._active[self._active.index(handle):], handle))
            raise SpecError(f"specs enable each other in a cycle: {cycle}")
        self._active.append(handle)
        try:
            proved = self._runner(handle, self)
        finally:
            self._active.pop()
        self._proved[id(handle)] = (handle, proved)  # the handle is kept alive, so its id stays unique
        return proved


class EnabledSpecs:
    """The specs enabled so far in one run, and the `spec.enable()` model."""

    def __init__(self, prover: SpecProver, sim: Simulator) -> None:
        self.prover = prover
        self.sim = sim
        self.used: list[str] = []
        self._by_target: dict[int, list[MethodSpec]] = {}

    def enable(self, handle: SpecHandle, span: SourceSpan) -> None:
        if isinstance(self.sim.models.get(handle.target), SpecCapture):
            raise SpecError(f"a spec of {target_name(handle)} cannot enable a spec of the same function", span)
        proved = self.prover.prove(handle)
        if proved.method is None:
            outcome = proved.outcome
            why = outcome.error or next((f"{g.span.short}: {g.message}" for g in outcome.failures), "")
            raise SpecError(f"this test relies on spec {handle.__qualname__} for {target_name(handle)}, whose proof "
                            f"{'failed' if outcome.status is not Status.PROVED else 'gave no spec'}: "
                            f"{outcome.status.value}{': ' + why if why else ''}", span)
        specs = self._by_target.setdefault(id(handle.target), [])
        if proved.method not in specs:
            specs.append(proved.method)
            self.sim.models[handle.target] = SpecOverride(specs)
        if handle.__qualname__ not in self.used:
            self.used.append(handle.__qualname__)

    def model(self, sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
              span: SourceSpan) -> object:
        if sim.fork_depth:
            raise SpecError("spec.enable() must be called outside branches and loops", span)
        self.enable(args[0], span)  # type: ignore[arg-type]
        return None
