"""Size arithmetic and the constraint solver."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crux_py.cryptol import sizes
from crux_py.cryptol.sizes import SizeError, eval_op, norm, solve_eq, unique_solution
from crux_py.cryptol.types import (
    BIT,
    INF,
    INTEGER,
    SzMeta,
    SzOp,
    SzRigid,
    TySeq,
    TyTuple,
    word,
)
from crux_py.cryptol.unify import Solver
from crux_py.errors import CryptolTypeError

nat = st.integers(0, 10**6)
pos = st.integers(1, 10**4)


@given(nat, pos)
def test_ceiling_division_and_padding(a: int, b: int) -> None:
    q, r = eval_op("/^", (a, b)), eval_op("%^", (a, b))
    assert q * b == a + r and 0 <= r < b
    assert eval_op("/", (a, b)) * b + eval_op("%", (a, b)) == a


@given(nat)
def test_width_and_lg2(n: int) -> None:
    w, lg = eval_op("width", (n,)), eval_op("lg2", (n,))
    assert n < 2 ** w and (w == 0 or n >= 2 ** (w - 1))
    assert 2 ** lg >= n and (lg == 0 or 2 ** (lg - 1) < n)


def test_infinity_rules_and_undefined_operations() -> None:
    assert eval_op("+", (INF, 3)) is INF and eval_op("*", (INF, 0)) == 0 and eval_op("*", (INF, 2)) is INF
    assert eval_op("min", (INF, 7)) == 7 and eval_op("max", (INF, 7)) is INF
    assert eval_op("-", (INF, 5)) is INF and eval_op("/", (INF, 4)) is INF
    for op, args in [("-", (3, 5)), ("-", (3, INF)), ("/", (3, 0)), ("%", (INF, 2))]:
        with pytest.raises(SizeError):
            eval_op(op, args)
    assert eval_op("lenFromThenTo", (10, 7, 1)) == 4 and eval_op("lenFromThenTo", (1, 3, 0)) == 0


def test_normalisation_folds_and_keeps_unknowns() -> None:
    m = SzMeta(1)
    assert norm(SzOp("+", (SzOp("*", (2, 3)), 4)), lambda x: None) == 10
    assert norm(SzOp("+", (m, INF)), lambda x: None) is INF
    assert norm(SzOp("*", (m, 1)), lambda x: None) == m
    assert norm(SzOp("+", (m, 4)), lambda x: 6 if x == m else None) == 10


def test_equations_are_decided_or_solved_for_one_unknown() -> None:
    m, n = SzMeta(1), SzMeta(2)
    l = SzRigid("l", 7)
    assert solve_eq(SzOp("+", (m, 16)), 48) == ("bind", m, 32)
    assert solve_eq(SzOp("*", (8, m)), 20) == sizes.FALSE  # 20 is not a multiple of 8
    assert solve_eq(SzOp("-", (m, 3)), 0) == ("bind", m, 3)
    assert solve_eq(SzOp("*", (8, l)), SzOp("*", (l, 8))) == sizes.TRUE
    assert solve_eq(SzOp("*", (m, n)), 12) == sizes.UNKNOWN  # two unknowns wait
    assert solve_eq(SzOp("^^", (2, m)), 256) == ("bind", m, 8)
    assert solve_eq(SzOp("^^", (m, 3)), 27) == ("bind", m, 3)
    assert solve_eq(SzOp("+", (m, 1)), m) == ("bind", m, INF)  # a stream defined from its own tail
    assert solve_eq(SzOp("*", (m, 2)), INF) == ("bind", m, INF)
    assert solve_eq(SzOp("*", (m, INF)), INF) == sizes.UNKNOWN  # any m >= 1 works
    assert solve_eq(SzOp("+", (m, l)), SzOp("+", (l, 4))) == ("bind", m, 4)


def test_unique_solutions_through_min_and_max() -> None:
    m = SzMeta(3)
    assert unique_solution(SzOp("+", (1, SzOp("min", (m, 3000)))), m) == (m, 3001)
    assert unique_solution(SzOp("+", (2, SzOp("min", (m, SzOp("-", (m, 1)))))), m) == (m, INF)
    assert unique_solution(SzOp("min", (m, 5)), m) is None  # every m <= 5 works


def test_solver_unifies_and_reports_mismatches() -> None:
    s = Solver()
    a, n = s.fresh_ty("type `a`", None), s.fresh_size("size `n`", None)
    s.unify(TySeq(n, a), TySeq(8, BIT), None)
    assert s.concrete_ty(TySeq(n, a), None) == word(8)
    with pytest.raises(CryptolTypeError, match=r"type mismatch: expected \(\[8\], Integer\), found \(\[8\], Bit\)"):
        s.unify(TyTuple((word(8), BIT)), TyTuple((word(8), INTEGER)), None)
    k = s.fresh_size("size `k`", None)
    s.unify(TySeq(SzOp("*", (k, 4)), BIT), word(32), None)
    assert s.concrete_size(k, None) == 8
    left = s.fresh_size("size `left` of `take`", None)
    with pytest.raises(CryptolTypeError, match="size `left` of `take` cannot be determined"):
        s.concrete_ty(word(left), None)


def test_solver_defaults_literals_and_checks_predicates() -> None:
    s = Solver()
    a = s.fresh_ty("type of literal 5", None)
    s.add_goal("Literal", (5, a), None, "literal 5")
    n = s.fresh_size("size `n`", None)
    b = s.fresh_ty("type of literal 300", None)
    s.unify(b, word(n), None)
    s.add_goal("Literal", (300, b), None, "literal 300")
    s.finish()
    assert s.concrete_ty(a, None) == INTEGER  # an unconstrained literal is an Integer
    assert s.concrete_size(n, None) == 9  # the least width that holds 300
    s2 = Solver()
    s2.add_goal("Literal", (300, word(8)), None, "literal 300")
    with pytest.raises(CryptolTypeError, match=r"literal 300 does not fit in \[8\]"):
        s2.finish()
