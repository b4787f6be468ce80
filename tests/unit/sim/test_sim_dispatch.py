"""Differential test of special-method dispatch: for operand classes related in every way
(same class, a subclass that overrides the reflections, one that inherits them, an
unrelated class, a class without methods, an int), every operator, and methods that
answer or decline at random, the simulator must prove exactly what CPython computes."""

from __future__ import annotations

import itertools

import sim_dispatch_programs as P
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from crux_py.driver import ProofSettings, Status, run_symbolic_test

OPERATORS = ("+", "+=", "<", ">", "<=", "==", "!=")
_answers = st.tuples(*[st.sampled_from([None, "yes", "no"]) for _ in range(6)])


def _prove(cases: tuple[tuple[object, ...], ...]) -> Status:
    P.CASES = cases
    try:
        return run_symbolic_test(P.dispatch_cases, ProofSettings(timeout=60.0)).status
    finally:
        P.CASES = ()


# No shrinking: each step would prove the whole table again; the failing cases are listed instead.
@settings(max_examples=12, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate))
@given(answers=st.lists(_answers, min_size=len(P.CLASSES), max_size=len(P.CLASSES)))
def test_dispatch_agrees_with_cpython(answers: list[tuple[object, ...]]) -> None:
    operands: list[object] = [7, *[(cls, *a) for cls, a in zip(P.CLASSES, answers)]]
    cases = tuple((left, right, op, P.outcome(left, right, op))
                  for left, right in itertools.product(operands, operands) if left != 7 or right != 7
                  for op in OPERATORS)
    if _prove(cases) is not Status.PROVED:
        wrong = [case for case in cases if _prove((case,)) is not Status.PROVED]
        raise AssertionError(f"the simulator disagrees with CPython on {wrong[:3]}")
