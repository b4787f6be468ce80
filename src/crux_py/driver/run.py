"""One symbolic test end to end: simulate, prove every goal, explain failures.

`run_symbolic_test(fn, settings)` translates and simulates the test,
proves each recorded goal with the chosen solver, and for each refuted goal
builds a counterexample in the user's shapes, minimised, and replays it in
CPython. It knows nothing of pytest.
"""

from __future__ import annotations

import inspect
import sys
import time
import types
from collections.abc import Callable
from dataclasses import replace

from crux_py.driver.outcome import Status, TestOutcome
from crux_py.driver.progress import Progress
from crux_py.driver.settings import ProofSettings
from crux_py.driver.checks import covers, unreachable_assertions, vacuity
from crux_py.driver.context import RunContext
from crux_py.driver.goals import distinct_goals, prove_goal
from crux_py.driver.solving import CountingSolver
from crux_py.driver.specs import EnabledSpecs, ProvedSpec, SpecProver
from crux_py.intrinsics import crux_test_options
from crux_py.errors import CruxError, UserError
from crux_py.intrinsics import SpecHandle
from crux_py.frontend import translate_function
from crux_py.shapes import Shape, as_shape
from crux_py.ir.printer import format_function
from crux_py.sim import BUILTIN_MODELS, BYTES_MODELS, CRYPTOL_MODELS, INTRINSIC_MODELS, SimSettings, Simulator
from crux_py.solver import get_backend
from crux_py.source import SourceSpan
from crux_py.spec import SpecCapture, extract
from crux_py.term.context import TermContext

RECURSION_LIMIT = 20_000
"""Nested symbolic branches recurse in the simulator; deep loops need room."""


def parameter_shapes(fn: types.FunctionType) -> list[tuple[str, Shape]]:
    """Parameters annotated with shapes are symbolic inputs named after them."""
    annotations = inspect.get_annotations(fn, eval_str=True)
    shapes = []
    for name in inspect.signature(fn).parameters:
        if name not in annotations:
            raise UserError(f"parameter '{name}' of {fn.__qualname__} needs a shape annotation (e.g. u32)")
        try:
            shapes.append((name, as_shape(annotations[name])))
        except TypeError as e:
            raise UserError(f"parameter '{name}' of {fn.__qualname__}: {e}") from None
    return shapes


def new_prover(settings: ProofSettings) -> SpecProver:
    """A spec prover for one process (or one pytest-xdist worker)."""
    return SpecProver(settings, _prove_spec)


def run_symbolic_test(fn: types.FunctionType, settings: ProofSettings, prover: SpecProver | None = None,
                      show_progress: Callable[[str], None] | None = None) -> TestOutcome:
    """Prove one symbolic test; specs it enables are proved on demand by `prover`;
    `show_progress` receives status lines while a long proof runs."""
    return _run(fn, settings, prover or new_prover(settings), None, show_progress)[0]


def prove_spec(handle: SpecHandle, prover: SpecProver) -> TestOutcome:
    """The outcome of a spec's own proof (proved once per prover)."""
    return prover.prove(handle).outcome


def _prove_spec(handle: SpecHandle, prover: SpecProver) -> ProvedSpec:
    options = crux_test_options(handle)
    settings = prover.settings.with_overrides(unwind=options.unwind, timeout=options.timeout,  # type: ignore[union-attr]
                                              solver=options.solver)  # type: ignore[union-attr]
    capture = SpecCapture(handle.__qualname__, handle.target)
    outcome, sim = _run(handle.test, settings, prover, capture)  # type: ignore[arg-type]
    if outcome.status is not Status.PROVED or sim is None:
        return ProvedSpec(outcome, None)
    try:
        return ProvedSpec(outcome, extract(capture, sim, outcome.span))
    except CruxError as e:
        return ProvedSpec(replace(outcome, status=Status.ERROR, error=str(e)), None)


def _run(fn: types.FunctionType, settings: ProofSettings, prover: SpecProver,
         capture: SpecCapture | None, show_progress: Callable[[str], None] | None = None,
         ) -> tuple[TestOutcome, Simulator | None]:
    start = time.perf_counter()
    span = SourceSpan(fn.__code__.co_filename, fn.__code__.co_firstlineno)
    name = fn.__qualname__
    ctx = TermContext()
    solver = CountingSolver(get_backend(settings.solver), settings.timeout, settings.dump_smt, name)
    models: dict[object, object] = {**BUILTIN_MODELS, **BYTES_MODELS, **CRYPTOL_MODELS, **INTRINSIC_MODELS,
                                    (SpecHandle, "enable"): lambda *call: enabled.model(*call)}
    if capture is not None:
        models[capture.target] = capture
    sim = Simulator(ctx, translate=translate_function, feasible=solver.feasible,
                    settings=SimSettings(unwind=settings.unwind), models=models)  # type: ignore[arg-type]
    enabled = EnabledSpecs(prover, sim)
    progress = Progress(name, show_progress) if show_progress else None
    if progress is not None:
        sim.on_progress = progress.simulating
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, RECURSION_LIMIT))
    try:
        options = crux_test_options(fn)
        for handle in options.uses if options else ():
            enabled.enable(handle, span)
        params = parameter_shapes(fn)
        final_pc = sim.run_test(fn, params)
    except CruxError as e:
        return TestOutcome(name, span, Status.ERROR, seconds=time.perf_counter() - start, solver=settings.solver,
                           error=str(e), specs=tuple(enabled.used)), None
    finally:
        sys.setrecursionlimit(old_limit)
    run = RunContext(fn, tuple(p for p, _ in params), sim, solver, settings, tuple(enabled.used))
    goals = distinct_goals(sim.goals)
    results = []
    for n, goal in enumerate(goals, 1):
        results.append(prove_goal(run, goal, n))
        if progress is not None:
            progress.proving(n, len(goals), solver.seconds)
    note = ""
    if any(r.status is Status.REFUTED for r in results):
        status = Status.REFUTED
    elif any(r.status is Status.UNKNOWN for r in results):
        status = Status.UNKNOWN
    else:
        status, note = vacuity(run, final_pc, goals, tuple(results))
        status = status or Status.PROVED
    solver.close()
    outcome = TestOutcome(name, span, status, tuple(results), time.perf_counter() - start, settings.solver,
                          solver.calls, solver.seconds, stats=vars(sim.stats).copy(), specs=tuple(enabled.used),
                          covers=covers(run), unreachable=unreachable_assertions(run, goals, results), note=note,
                          ir=_ir_text(sim) if settings.dump_ir else "")
    return outcome, sim


def _ir_text(sim: Simulator) -> str:
    return "\n\n".join(format_function(fir) for fir in sim.functions)
