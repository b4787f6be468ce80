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
from dataclasses import replace

from crux_py.driver.outcome import Counterexample, GoalResult, InputValue, Status, TestOutcome
from crux_py.driver.replay import replay
from crux_py.driver.settings import ProofSettings
from crux_py.driver.solving import CountingSolver, minimize_model, refutation_query, trivially_proved
from crux_py.driver.specs import EnabledSpecs, ProvedSpec, SpecProver
from crux_py.intrinsics import crux_test_options
from crux_py.errors import CruxError, UserError
from crux_py.intrinsics import SpecHandle
from crux_py.frontend import translate_function
from crux_py.shapes import Shape, as_shape
from crux_py.sim import BUILTIN_MODELS, INTRINSIC_MODELS, Goal, GoalKind, SimSettings, Simulator, SymbolicInput, decode
from crux_py.solver import CheckStatus, get_backend
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


def run_symbolic_test(fn: types.FunctionType, settings: ProofSettings, prover: SpecProver | None = None) -> TestOutcome:
    """Prove one symbolic test; specs it enables are proved on demand by `prover`."""
    return _run(fn, settings, prover or new_prover(settings), None)[0]


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
         capture: SpecCapture | None) -> tuple[TestOutcome, Simulator | None]:
    start = time.perf_counter()
    span = SourceSpan(fn.__code__.co_filename, fn.__code__.co_firstlineno)
    name = fn.__qualname__
    ctx = TermContext()
    solver = CountingSolver(get_backend(settings.solver), settings.timeout)
    models: dict[object, object] = {**BUILTIN_MODELS, **INTRINSIC_MODELS,
                                    (SpecHandle, "enable"): lambda *call: enabled.model(*call)}
    if capture is not None:
        models[capture.target] = capture
    sim = Simulator(ctx, translate=translate_function, feasible=solver.feasible,
                    settings=SimSettings(unwind=settings.unwind), models=models)  # type: ignore[arg-type]
    enabled = EnabledSpecs(prover, sim)
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, RECURSION_LIMIT))
    try:
        options = crux_test_options(fn)
        for handle in options.uses if options else ():
            enabled.enable(handle, span)
        params = parameter_shapes(fn)
        sim.run_test(fn, params)
    except CruxError as e:
        return TestOutcome(name, span, Status.ERROR, seconds=time.perf_counter() - start, solver=settings.solver,
                           error=str(e), specs=tuple(enabled.used)), None
    finally:
        sys.setrecursionlimit(old_limit)
    results = tuple(_prove(ctx, solver, goal, sim.inputs, fn, [p for p, _ in params], settings, tuple(enabled.used))
                    for goal in _distinct(sim.goals))
    if any(r.status is Status.REFUTED for r in results):
        status = Status.REFUTED
    elif any(r.status is Status.UNKNOWN for r in results):
        status = Status.UNKNOWN
    else:
        status = Status.PROVED
    outcome = TestOutcome(name, span, status, results, time.perf_counter() - start, settings.solver,
                          solver.calls, solver.seconds, stats=vars(sim.stats).copy(), specs=tuple(enabled.used))
    return outcome, sim


def _distinct(goals: list[Goal]) -> list[Goal]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for g in goals:
        key = (g.condition, g.assumptions, g.span, g.message)
        if key not in seen:
            seen.add(key)
            out.append(g)
    return out


def _prove(ctx: TermContext, solver: CountingSolver, goal: Goal, inputs: list[SymbolicInput],
           fn: types.FunctionType, params: list[str], settings: ProofSettings, specs: tuple[str, ...]) -> GoalResult:
    base = dict(kind=goal.kind, message=goal.message, span=goal.span, stack=goal.stack)
    query = refutation_query(ctx, goal)
    if trivially_proved(query):
        return GoalResult(**base, status=Status.PROVED, reason="simplified to true")  # type: ignore[arg-type]
    result = solver.check(query)
    if result.status is CheckStatus.UNSAT:
        return GoalResult(**base, status=Status.PROVED, seconds=result.seconds)  # type: ignore[arg-type]
    if result.status is CheckStatus.UNKNOWN or result.model is None:
        return GoalResult(**base, status=Status.UNKNOWN, reason=result.reason,  # type: ignore[arg-type]
                          seconds=result.seconds)
    model = dict(result.model)
    if settings.minimize:
        model = minimize_model(ctx, solver, query, model, inputs)
    values = {inp.name: decode(inp.shape, inp.template, model) for inp in inputs}
    shown = tuple(InputValue(inp.name, inp.shape, values[inp.name]) for inp in inputs)
    # Unwind and precondition goals are not Python failures: there is nothing to replay.
    replayed = replay(fn, values, params, goal) if goal.kind in (GoalKind.ASSERTION, GoalKind.PANIC) else None
    if replayed is not None and specs:
        replayed = replace(replayed, specs=specs)
    return GoalResult(**base, status=Status.REFUTED, seconds=result.seconds,  # type: ignore[arg-type]
                      counterexample=Counterexample(shown, replayed))
