"""Cryptol `property` declarations as pytest items' work: a closed property is
evaluated; a property with arguments is proved for all arguments of its
(monomorphic) types, with its side conditions (indexes in range, no division
by zero) as goals; without `--crux` it is checked on sampled arguments.
"""

from __future__ import annotations

import random
import time

from crux_py.cryptol.ctype import CBit, CSeq, CTuple, CType, CWord
from crux_py.cryptol.pyapi import CryptolProperty
from crux_py.cryptol.resolve import param_names
from crux_py.driver.outcome import Counterexample, GoalResult, InputValue, Replay, Status, TestOutcome
from crux_py.driver.sampling import SampleFailure
from crux_py.driver.settings import ProofSettings
from crux_py.driver.solving import CountingSolver
from crux_py.errors import CruxError, UnsupportedFeature
from crux_py.shapes import BOOL, IntShape, ListShape, Shape
from crux_py.sim.goals import GoalKind
from crux_py.solver import CheckStatus, get_backend
from crux_py.term.context import TermContext
from crux_py.term.nodes import Term


def _symbolic(ctx: TermContext, ct: CType, name: str) -> object:
    if isinstance(ct, CWord):
        return 0 if ct.width == 0 else ctx.var(name, ct.width)
    if isinstance(ct, CBit):
        return ctx.var(name, 0)
    if isinstance(ct, CSeq) and ct.length is not None:
        return [_symbolic(ctx, ct.elem, f"{name}[{i}]") for i in range(ct.length)]
    if isinstance(ct, CTuple):
        return tuple(_symbolic(ctx, c, f"{name}.{i}") for i, c in enumerate(ct.items))
    raise UnsupportedFeature(f"a property argument of type {ct}")


def _decode(template: object, model: dict[str, object]) -> object:
    if isinstance(template, Term):
        value = model.get(template.name, False if template.is_bool else 0)
        return bool(value) if template.is_bool else int(value)  # type: ignore[call-overload]
    if isinstance(template, list):
        return [_decode(t, model) for t in template]
    if isinstance(template, tuple):
        return tuple(_decode(t, model) for t in template)
    return template


def _shape(ct: CType) -> Shape | None:
    """The input shape that prints a value of this type (None: print it as Python)."""
    if isinstance(ct, CWord) and ct.width > 0:
        return IntShape(ct.width, False)
    if isinstance(ct, CBit):
        return BOOL
    if isinstance(ct, CSeq) and ct.length is not None:
        elem = _shape(ct.elem)
        return None if elem is None else ListShape(elem, ct.length)
    return None


def _replay(prop: CryptolProperty, values: list[object], main: bool) -> Replay:
    try:
        holds = prop.check(*values)
    except CruxError as e:
        return Replay(not main, f"the property raises {type(e).__name__}: {e}")
    if main and not holds:
        return Replay(True, "the property is False for these arguments")
    return Replay(False, "the property holds for these arguments" if holds else "the property is False")


def prove_property(prop: CryptolProperty, settings: ProofSettings) -> TestOutcome:
    start = time.perf_counter()
    name = prop.name
    if prop.param_types is None:
        return TestOutcome(name, prop.span, Status.ERROR, error=f"{prop.span}: property `{name}` is polymorphic; "
                           "give it a monomorphic signature to prove it", solver=settings.solver)
    if prop.closed:
        try:
            holds = prop.check()
        except CruxError as e:
            return TestOutcome(name, prop.span, Status.ERROR, error=str(e), solver=settings.solver)
        goal = GoalResult(GoalKind.ASSERTION, f"property {name} does not hold", prop.span, (),
                          Status.PROVED if holds else Status.REFUTED, reason="evaluated")
        return TestOutcome(name, prop.span, goal.status, (goal,), time.perf_counter() - start, settings.solver)
    ctx = TermContext()
    solver = CountingSolver(get_backend(settings.solver), settings.timeout, settings.dump_smt, name)
    names = param_names(prop.function.defn)
    names += [f"arg{i}" for i in range(len(names), len(prop.param_types))]
    args = [_symbolic(ctx, ct, n) for ct, n in zip(prop.param_types, names)]
    obligations: list = []
    try:
        result = prop.symbolic(ctx, args, obligations)
    except CruxError as e:
        return TestOutcome(name, prop.span, Status.ERROR, error=str(e), solver=settings.solver)
    goals = [(GoalKind.ASSERTION, f"property {name} does not hold", prop.span, result)]
    goals += [(GoalKind.PANIC, ob.message, ob.span or prop.span, ob.cond) for ob in obligations]
    results = []
    for kind, message, span, cond in goals:
        term = cond if isinstance(cond, Term) else ctx.bool_const(bool(cond))
        if term.is_const and term.value:
            results.append(GoalResult(kind, message, span, (), Status.PROVED, reason="simplified to true"))
            continue
        answer = solver.check([ctx.not_(term)])
        if answer.status is CheckStatus.UNSAT:
            results.append(GoalResult(kind, message, span, (), Status.PROVED, seconds=answer.seconds))
        elif answer.status is CheckStatus.SAT and answer.model is not None:
            values = [_decode(a, dict(answer.model)) for a in args]
            shown = tuple(InputValue(n, _shape(ct), v) for n, ct, v in zip(names, prop.param_types, values))  # type: ignore[arg-type]
            cex = Counterexample(shown, _replay(prop, values, kind is GoalKind.ASSERTION))
            results.append(GoalResult(kind, message, span, (), Status.REFUTED, seconds=answer.seconds,
                                      counterexample=cex))
        else:
            results.append(GoalResult(kind, message, span, (), Status.UNKNOWN, reason=answer.reason,
                                      seconds=answer.seconds))
    solver.close()
    status = (Status.REFUTED if any(r.status is Status.REFUTED for r in results) else
              Status.UNKNOWN if any(r.status is Status.UNKNOWN for r in results) else Status.PROVED)
    return TestOutcome(name, prop.span, status, tuple(results), time.perf_counter() - start, settings.solver,
                       solver.calls, solver.seconds)


def _sample(ct: CType, rng: random.Random, edge: int | None) -> object:
    if isinstance(ct, CWord):
        top = (1 << ct.width) - 1
        return [0, top, 1, top - 1][edge % 4] & top if edge is not None else rng.randint(0, top)
    if isinstance(ct, CBit):
        return bool(edge % 2) if edge is not None else rng.random() < 0.5
    if isinstance(ct, CSeq) and ct.length is not None:
        return [_sample(ct.elem, rng, edge) for _ in range(ct.length)]
    if isinstance(ct, CTuple):
        return tuple(_sample(c, rng, edge) for c in ct.items)
    raise UnsupportedFeature(f"sampling a property argument of type {ct}")


def sample_property(prop: CryptolProperty, samples: int, seed: int = 0) -> int:
    """Check a property on sampled arguments in CPython; returns how many ran."""
    if prop.closed:
        if not prop.check():
            raise SampleFailure({}, AssertionError(f"property {prop.name} does not hold"))
        return 1
    if prop.param_types is None:
        raise UnsupportedFeature(f"sampling the polymorphic property `{prop.name}`")
    rng = random.Random(seed)
    names = param_names(prop.function.defn)
    for i in range(samples):
        values = [_sample(ct, rng, i if i < 4 else None) for ct in prop.param_types]
        if not prop.check(*values):
            raise SampleFailure(dict(zip(names, values)), AssertionError(f"property {prop.name} does not hold"))
    return samples
