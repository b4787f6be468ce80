"""The equivalence engine (`solver/equivalence.py`): SAT sweeping proves
differently written functions equal, refutes a single differing bit with a
checked model, and never merges on anything but an UNSAT answer."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crux_py.solver import CheckResult, CheckStatus, get_backend
from crux_py.solver.equivalence import decide, sweep
from crux_py.term.concrete import evaluate
from crux_py.term.context import TermContext
from crux_py.term.nodes import Op, Term

W = 32
Fn3 = Callable[[TermContext, Term, Term, Term], Term]


def xor_arith(c: TermContext, x: Term, y: Term) -> Term:
    """x ^ y computed with arithmetic, as some branch-free code does."""
    return c.sub(c.add(x, y), c.mul(c.bv_const(2, W), c.bvand(x, y)))


def ch_select(c: TermContext, e: Term, f: Term, g: Term) -> Term:
    return c.bvxor(c.bvand(e, f), c.bvand(c.bvnot(e), g))


def ch_arith(c: TermContext, e: Term, f: Term, g: Term) -> Term:
    """Ch as g ^ (e & (f ^ g)), both xors in arithmetic."""
    return xor_arith(c, g, c.bvand(e, xor_arith(c, f, g)))


def maj_three(c: TermContext, a: Term, b: Term, d: Term) -> Term:
    return c.bvxor(c.bvand(a, b), c.bvand(a, d), c.bvand(b, d))


def maj_arith(c: TermContext, a: Term, b: Term, d: Term) -> Term:
    """Maj as (a & b) ^ (d & (a ^ b)), both xors in arithmetic."""
    return xor_arith(c, c.bvand(a, b), c.bvand(d, xor_arith(c, a, b)))


def nest(c: TermContext, fn: Fn3, depth: int, flip_at: int | None = None) -> Term:
    """`fn` applied `depth` times, each result the first operand of the next."""
    x = c.var("x", W)
    for i in range(depth):
        y, z = c.var(f"y{i}", W), c.var(f"z{i}", W)
        if i == flip_at:
            y = c.bvor(y, c.bv_const(1 << 9, W))  # one bit of one operand forced to 1
        x = fn(c, x, y, z)
    return x


def negated_equality(c: TermContext, a: Term, b: Term) -> list[Term]:
    return [c.ne(a, b)]


@pytest.mark.parametrize(("first", "second"), [(ch_select, ch_arith), (maj_three, maj_arith)],
                         ids=["ch", "maj"])
def test_64_fold_nestings_of_differently_written_functions_are_equal(first: Fn3, second: Fn3) -> None:
    c = TermContext()
    a, b = nest(c, first, 64), nest(c, second, 64)
    assert a is not b  # the term layer alone does not relate them
    # A long timeout: per-query patience scales with it, so a loaded machine gives the same answer.
    result, stats = decide(c, get_backend("z3"), negated_equality(c, a, b), timeout=600.0)
    assert result.status is CheckStatus.UNSAT
    assert stats.merged_proved >= 64


def test_a_single_differing_bit_deep_inside_is_refuted_with_a_model() -> None:
    c = TermContext()
    a, b = nest(c, ch_select, 64), nest(c, ch_arith, 64, flip_at=40)
    query = negated_equality(c, a, b)
    result, _ = decide(c, get_backend("z3"), query, timeout=600.0)
    assert result.status is CheckStatus.SAT and result.model is not None
    cache: dict[int, int | bool] = {}
    assert evaluate(a, result.model, cache) != evaluate(b, result.model, cache)


def test_nodes_equal_only_under_the_assumptions_merge_only_with_them() -> None:
    c = TermContext()
    x, y = c.var("x", 8), c.var("y", 8)
    goal = c.ne(c.add(x, y), c.bvor(x, y))
    disjoint = c.eq(c.bvand(x, y), c.bv_const(0, 8))
    assert sweep(c, get_backend("z3"), [disjoint], goal)[0] is c.false
    unconditional, _ = sweep(c, get_backend("z3"), [], goal)
    assert unconditional is not c.false
    result, _ = decide(c, get_backend("z3"), [goal], timeout=10.0)
    assert result.status is CheckStatus.SAT


def test_a_node_constant_on_every_input_becomes_that_constant() -> None:
    c = TermContext()
    x = c.var("x", 16)
    bit1_of_square = c.bvand(c.mul(x, x), c.bv_const(2, 16))  # x*x is 0 or 1 modulo 4
    assert not bit1_of_square.is_const
    swept, stats = sweep(c, get_backend("z3"), [], c.eq(bit1_of_square, c.bv_const(0, 16)))
    assert swept is c.true and stats.merged_proved >= 1


def test_arithmetic_that_never_carries_is_learned_as_a_bitwise_function() -> None:
    c = TermContext()
    x, y = c.var("x", W), c.var("y", W)
    arith = xor_arith(c, x, y)
    assert arith.op is Op.ADD
    swept, stats = sweep(c, get_backend("z3"), [], c.eq(arith, c.bvxor(x, y)))
    assert swept is c.true and stats.merged_proved >= 1
    carrying = c.add(x, y)  # bit i depends on lower bits: no table fits
    swept, _ = sweep(c, get_backend("z3"), [], c.eq(carrying, c.bvxor(x, y)))
    assert swept is not c.true


class Undecided:
    """A backend that never decides anything."""

    name = "undecided"

    def close(self) -> None:
        pass

    def check(self, assertions: Sequence[Term], timeout: float | None = None) -> CheckResult:
        return CheckResult.unknown("timeout after 0.0 s", 0.0)


def test_unknown_answers_merge_nothing() -> None:
    c = TermContext()
    a, b = nest(c, ch_select, 4), nest(c, ch_arith, 4)
    goal = c.ne(a, b)
    swept, stats = sweep(c, Undecided(), [], goal)
    assert swept is goal
    assert stats.merged_proved == 0 and stats.unknown > 0
    result, _ = decide(c, Undecided(), [goal], timeout=1.0)
    assert result.status is CheckStatus.UNKNOWN


_UNARY = ["bvnot", "neg"]
_BINARY = ["add", "sub", "mul", "bvand", "bvor", "bvxor"]


@st.composite
def expressions(draw: st.DrawFn, c: TermContext, depth: int = 4) -> Term:
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from([c.var("p", 4), c.var("q", 4), c.bv_const(draw(st.integers(0, 15)), 4)]))
    if draw(st.booleans()):
        return getattr(c, draw(st.sampled_from(_UNARY)))(draw(expressions(c, depth - 1)))
    op = draw(st.sampled_from(_BINARY))
    return getattr(c, op)(draw(expressions(c, depth - 1)), draw(expressions(c, depth - 1)))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_sweeping_preserves_the_meaning_of_every_goal(data: st.DataObject) -> None:
    c = TermContext()
    goal = c.eq(data.draw(expressions(c)), data.draw(expressions(c)))
    swept, _ = sweep(c, get_backend("z3"), [], goal, samples=4)
    for p in range(16):
        for q in range(16):
            env = {"p": p, "q": q}
            assert evaluate(swept, env, {}) == evaluate(goal, env, {}), env
