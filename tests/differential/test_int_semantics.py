"""Differential test of the engine's Python `int` semantics against CPython.

For every operator and builtin on ints, random operands of both signs and
widths 1..130 bits (each symbolic or concrete) go through the simulator's
operations; the symbolic result, evaluated under the operands' values, must
equal CPython's result (same value, same type, inside the result's interval),
an operation CPython makes raise must leave a failing obligation, and the
solver must agree that the result term equals CPython's constant.
"""

from __future__ import annotations

import builtins
import operator
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crux_py.sim import BUILTIN_MODELS, SimSettings, Simulator
from crux_py.sim import compare, ops, pyint
from crux_py.sim.signals import PathAbort
from crux_py.sim.state import State
from crux_py.sim.values import SymBool, SymInt
from crux_py.solver import CheckStatus, get_backend
from crux_py.source import SourceSpan
from crux_py.term.concrete import evaluate
from crux_py.term.context import TermContext

EXAMPLES = 2000
SPAN = SourceSpan("<differential>", 1)
SOLVER = get_backend("z3")


@dataclass(frozen=True)
class Operand:
    name: str
    width: int
    signed: bool
    value: int
    symbolic: bool

    @property
    def bounds(self) -> tuple[int, int]:
        if self.signed:
            return -(1 << (self.width - 1)), (1 << (self.width - 1)) - 1
        return 0, (1 << self.width) - 1


@st.composite
def operands(draw: st.DrawFn, name: str, max_width: int = 130) -> Operand:
    width = draw(st.integers(1, max_width))
    signed = draw(st.booleans())
    lo, hi = Operand(name, width, signed, 0, True).bounds
    edges = sorted({lo, hi, 0, 1, -1, lo + 1, hi - 1} & set(range(lo, hi + 1)) if width < 16 else
                   {v for v in (lo, hi, 0, 1, -1, lo + 1, hi - 1) if lo <= v <= hi})
    value = draw(st.one_of(st.sampled_from(edges), st.integers(lo, hi)))
    symbolic = draw(st.integers(0, 3)) > 0
    return Operand(name, width, signed, value, symbolic)


class Harness:
    """A simulator and a state to apply operations to, plus the operands' assignment."""

    def __init__(self) -> None:
        self.ctx = TermContext()
        self.sim = Simulator(self.ctx, translate=lambda fn: None, feasible=lambda pc: True,  # type: ignore[arg-type,return-value]
                             settings=SimSettings(), models=BUILTIN_MODELS)
        self.state = State({}, {}, (), {})
        self.assignment: dict[str, int | bool] = {}

    def value(self, op: Operand) -> object:
        if not op.symbolic:
            return op.value
        lo, hi = op.bounds
        self.assignment[op.name] = op.value % (1 << op.width)
        return SymInt(self.ctx.var(op.name, op.width), lo, hi)

    def bool_value(self, name: str, value: bool, symbolic: bool) -> object:
        if not symbolic:
            return value
        self.assignment[name] = value
        return SymBool(self.ctx.var(name, 0))

    def observe(self, v: object) -> object:
        if isinstance(v, SymInt):
            bits = evaluate(v.term, self.assignment)
            assert v.term.width == pyint.width_for(v.lo, v.hi)
            got = pyint.decode(int(bits), v.term.width, v.lo < 0)
            assert v.lo <= got <= v.hi, f"{got} outside the result interval [{v.lo}, {v.hi}]"
            return got
        if isinstance(v, SymBool):
            return bool(evaluate(v.term, self.assignment))
        assert isinstance(v, int), v
        return v

    def check(self, compute, expected_fn) -> None:  # type: ignore[no-untyped-def]
        """Run the engine's `compute()` and compare with CPython's `expected_fn()`."""
        try:
            expected = expected_fn()
            raised: type[BaseException] | None = None
        except (ZeroDivisionError, ValueError) as e:
            expected, raised = None, type(e)
        try:
            result = compute()
            aborted = False
        except PathAbort:
            result, aborted = None, True
        failing = [g for g in self.sim.goals if not evaluate(self.ctx.and_(*g.assumptions, g.condition), self.assignment)
                   and evaluate(self.ctx.and_(*g.assumptions), self.assignment)]
        if raised is not None:
            assert failing, f"CPython raises {raised.__name__} but no obligation fails"
            assert failing[0].exception == raised.__name__
            return
        assert not failing, f"spurious failure: {failing[0].message}"
        assert not aborted
        got = self.observe(result)
        assert got == expected and type(got) is type(expected), f"engine {got!r}, CPython {expected!r}"
        self.solver_agrees(result, expected)

    def solver_agrees(self, result: object, expected: object) -> None:
        if not isinstance(result, (SymInt, SymBool)):
            return
        ctx = self.ctx
        pins = [ctx.eq(var, ctx.bv_const(self.assignment[name], var.width)) if var.width
                else (var if self.assignment[name] else ctx.not_(var))
                for name, var in ctx.variables().items()]
        if isinstance(result, SymInt):
            want = ctx.bv_const(int(expected), result.term.width)  # type: ignore[call-overload]
            differs = ctx.ne(result.term, want)
        else:
            differs = ctx.ne(result.term, ctx.bool_const(bool(expected)))
        answer = SOLVER.check(pins + [differs], 30.0)
        assert answer.status is CheckStatus.UNSAT, f"solver: {answer.status} {answer.reason}"


BINARY = ["+", "-", "*", "//", "%", "&", "|", "^"]
PY_BINARY = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "//": operator.floordiv, "%": operator.mod,
    "&": operator.and_, "|": operator.or_, "^": operator.xor, "<<": operator.lshift, ">>": operator.rshift,
    "**": operator.pow,
}
COMPARISONS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
               "!=": operator.ne}
EXAMPLE_SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("op", BINARY)
@EXAMPLE_SETTINGS
@given(x=operands("x"), y=operands("y"))
def test_binary_operator(op: str, x: Operand, y: Operand) -> None:
    h = Harness()
    a, b = h.value(x), h.value(y)
    h.check(lambda: ops.binop(h.sim, h.state, op, a, b, SPAN), lambda: PY_BINARY[op](x.value, y.value))


@pytest.mark.parametrize("op", ["<<", ">>"])
@EXAMPLE_SETTINGS
@given(x=operands("x"), k=operands("k", max_width=9))
def test_shift(op: str, x: Operand, k: Operand) -> None:
    h = Harness()
    a, b = h.value(x), h.value(k)
    h.check(lambda: ops.binop(h.sim, h.state, op, a, b, SPAN), lambda: PY_BINARY[op](x.value, k.value))


@EXAMPLE_SETTINGS
@given(x=operands("x", max_width=40), e=st.integers(0, 6), e_symbolic=st.booleans())
def test_power(x: Operand, e: int, e_symbolic: bool) -> None:
    h = Harness()
    exponent = Operand("e", 3, False, e, e_symbolic) if e < 8 else None
    a, b = h.value(x), h.value(exponent)  # type: ignore[arg-type]
    h.check(lambda: ops.binop(h.sim, h.state, "**", a, b, SPAN), lambda: x.value ** e)


@pytest.mark.parametrize("op", list(COMPARISONS))
@EXAMPLE_SETTINGS
@given(x=operands("x"), y=operands("y"))
def test_comparison(op: str, x: Operand, y: Operand) -> None:
    h = Harness()
    a, b = h.value(x), h.value(y)
    h.check(lambda: compare.compare(h.sim, h.state, op, a, b, SPAN), lambda: COMPARISONS[op](x.value, y.value))


@pytest.mark.parametrize("op", ["-", "+", "~", "not"])
@EXAMPLE_SETTINGS
@given(x=operands("x"))
def test_unary_operator(op: str, x: Operand) -> None:
    h = Harness()
    a = h.value(x)
    py = {"-": operator.neg, "+": operator.pos, "~": operator.invert, "not": operator.not_}[op]
    h.check(lambda: ops.unaryop(h.sim, h.state, op, a, SPAN), lambda: py(x.value))


@pytest.mark.parametrize("name", ["abs", "int", "bool"])
@EXAMPLE_SETTINGS
@given(x=operands("x"))
def test_unary_builtin(name: str, x: Operand) -> None:
    h = Harness()
    a = h.value(x)
    fn = getattr(builtins, name)
    h.check(lambda: BUILTIN_MODELS[fn](h.sim, h.state, [a], {}, SPAN), lambda: fn(x.value))


@pytest.mark.parametrize("name", ["min", "max"])
@EXAMPLE_SETTINGS
@given(x=operands("x"), y=operands("y"), z=operands("z"))
def test_min_max(name: str, x: Operand, y: Operand, z: Operand) -> None:
    h = Harness()
    args = [h.value(x), h.value(y), h.value(z)]
    fn = getattr(builtins, name)
    h.check(lambda: BUILTIN_MODELS[fn](h.sim, h.state, args, {}, SPAN), lambda: fn(x.value, y.value, z.value))


@pytest.mark.parametrize("op", ["+", "-", "*", "&", "|", "^", "<", "==", "//"])
@EXAMPLE_SETTINGS
@given(p=st.booleans(), p_sym=st.booleans(), y=operands("y", max_width=8))
def test_bool_operands(op: str, p: bool, p_sym: bool, y: Operand) -> None:
    """bool is an int subclass: `True + 1`, `True & x`, `False < x` follow int rules (`&|^` of two bools stay bool)."""
    h = Harness()
    a = h.bool_value("p", p, p_sym)
    other = h.bool_value("q", bool(y.value % 2), y.symbolic) if op in "&|^" and y.width == 1 else h.value(y)
    other_py = bool(y.value % 2) if op in "&|^" and y.width == 1 else y.value
    py = {**PY_BINARY, **COMPARISONS}[op]
    if op in COMPARISONS:
        h.check(lambda: compare.compare(h.sim, h.state, op, a, other, SPAN), lambda: py(p, other_py))
    else:
        h.check(lambda: ops.binop(h.sim, h.state, op, a, other, SPAN), lambda: py(p, other_py))


def test_harness_detects_a_wrong_result() -> None:
    """The comparison machinery itself must catch an engine that is off by one."""
    h = Harness()
    a = h.value(Operand("x", 8, False, 5, True))
    with pytest.raises(AssertionError, match="engine 6, CPython 5"):
        h.check(lambda: ops.binop(h.sim, h.state, "+", a, 1, SPAN), lambda: 5)
