"""Frontend: arithmetic, comparisons, `and`/`or`, conditional expressions, subscripts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ir_eval import compile_both, outcome
from ir_walk import of_type, terminators

from crux_py.frontend import translate_source
from crux_py.ir import (
    BinOp,
    Branch,
    Compare,
    Const,
    GetAttr,
    GetItem,
    GetSlice,
    Reg,
    Truth,
    UnaryOp,
)

BINARY = ["+", "-", "*", "//", "%", "**", "<<", ">>", "&", "|", "^"]
COMPARE = ["<", "<=", ">", ">=", "==", "!=", "in", "not in", "is", "is not"]


@pytest.mark.parametrize("op", BINARY)
def test_binary_operator(op: str) -> None:
    fir = translate_source(f"def f(a, b):\n    return a {op} b\n", "f")
    (binop,) = of_type(fir, BinOp)
    assert (binop.op, binop.lhs, binop.rhs, binop.dst) == (op, Reg("a"), Reg("b"), Reg("%ret"))


@pytest.mark.parametrize("op", BINARY)
def test_augmented_operator(op: str) -> None:
    from crux_py.ir import InplaceOp

    fir = translate_source(f"def f(a, b):\n    a {op}= b\n    return a\n", "f")
    (inplace,) = of_type(fir, InplaceOp)
    assert inplace.op == op


@pytest.mark.parametrize("op, text", [("-", "-a"), ("+", "+a"), ("~", "~a"), ("not", "not a")])
def test_unary_operator(op: str, text: str) -> None:
    fir = translate_source(f"def f(a):\n    return {text}\n", "f")
    (unary,) = of_type(fir, UnaryOp)
    assert unary.op == op and unary.operand == Reg("a")


@pytest.mark.parametrize("op", COMPARE)
def test_single_comparison_needs_no_branch(op: str) -> None:
    fir = translate_source(f"def f(a, b):\n    return a {op} b\n", "f")
    (cmp,) = of_type(fir, Compare)
    assert cmp.op == op
    assert not terminators(fir, Branch)


OPERANDS = st.integers(min_value=-40, max_value=40)


@given(a=OPERANDS, b=OPERANDS)
def test_arithmetic_matches_python(a: int, b: int) -> None:
    src = (
        "def f(a, b):\n"
        "    r = [a + b, a - b, a * b, a & b, a | b, a ^ b, -a, ~b, +a, not a]\n"
        "    if b:\n"
        "        r = r + [a // b, a % b]\n"
        "    if 0 <= b < 8:\n"
        "        r = r + [a << b, a >> b, a ** b]\n"
        "    return r\n"
    )
    py, ir = compile_both(src, "f")
    assert ir(a, b) == py(a, b)


def test_chained_comparison_evaluates_the_middle_once() -> None:
    src = (
        "def f(a, c):\n"
        "    seen = []\n"
        "    def mid():\n"
        "        seen.append(1)\n"
        "        return 5\n"
        "    r = a < mid() < c\n"
        "    return r, len(seen)\n"
    )
    py, ir = compile_both(src, "f")
    for a, c in [(1, 9), (7, 9), (1, 2)]:
        assert ir(a, c) == py(a, c)
    assert ir(1, 9) == (True, 1)


def test_chained_comparison_short_circuits() -> None:
    src = "def f(a, b, xs):\n    return a < b < xs[0]\n"
    py, ir = compile_both(src, "f")
    assert ir(5, 1, []) == py(5, 1, []) is False
    assert outcome(lambda: ir(1, 5, [])) == outcome(lambda: py(1, 5, [])) == ("raise", ("IndexError", ()))
    fir = translate_source(src, "f")
    assert len(of_type(fir, Compare)) == 2 and len(terminators(fir, Branch)) == 1


VALUES = st.one_of(st.integers(-2, 2), st.sampled_from(["", "x", None, (), (0,), []]))


@given(a=VALUES, b=VALUES, c=VALUES)
def test_and_or_keep_python_values(a: object, b: object, c: object) -> None:
    src = "def f(a, b, c):\n    return (a and b, a or b, a and b or c, a or b and c, (a or b) and c)\n"
    py, ir = compile_both(src, "f")
    assert ir(a, b, c) == py(a, b, c)


def test_and_short_circuits_and_branches_on_truth() -> None:
    src = "def f(a, xs):\n    return a and xs[0]\n"
    py, ir = compile_both(src, "f")
    assert ir(0, []) == py(0, []) == 0
    fir = translate_source(src, "f")
    for block, branch in terminators(fir, Branch):
        assert isinstance(block.stmts[-1], Truth) and block.stmts[-1].dst == branch.cond


@given(a=VALUES, b=st.integers(), c=st.integers())
def test_conditional_expression(a: object, b: int, c: int) -> None:
    src = "def f(a, b, c):\n    return b if a else c\n"
    py, ir = compile_both(src, "f")
    assert ir(a, b, c) == py(a, b, c)


def test_conditional_expression_evaluates_one_side() -> None:
    src = "def f(a, xs):\n    return xs[0] if a else 0\n"
    py, ir = compile_both(src, "f")
    assert ir(False, []) == py(False, []) == 0


def test_not_in_a_test_swaps_the_targets_without_a_unary_op() -> None:
    fir = translate_source("def f(a):\n    if not a:\n        return 1\n    return 2\n", "f")
    assert not of_type(fir, UnaryOp)
    (block, branch) = terminators(fir, Branch)[0]
    then_block = fir.blocks[branch.orelse]
    assert then_block.stmts[0].src == Const(1)


def test_indexing_and_slicing() -> None:
    src = "def f(xs, i):\n    return xs[i], xs[1:], xs[:i], xs[::2], xs[1:i:-1]\n"
    fir = translate_source(src, "f")
    assert len(of_type(fir, GetItem)) == 1
    slices = of_type(fir, GetSlice)
    assert [(s.lower, s.upper, s.step) for s in slices] == [
        (Const(1), Const(None), Const(None)),
        (Const(None), Reg("i"), Const(None)),
        (Const(None), Const(None), Const(2)),
        (Const(1), Reg("i"), Const(-1)),
    ]
    py, ir = compile_both(src, "f")
    assert ir(list(range(6)), 4) == py(list(range(6)), 4)


def test_tuple_index_and_attribute() -> None:
    src = "def f(m, x):\n    return m[1, 2], x.real\n"
    fir = translate_source(src, "f")
    (get,) = of_type(fir, GetItem)
    assert get.index == Const((1, 2))
    (attr,) = of_type(fir, GetAttr)
    assert attr.name == "real" and attr.obj == Reg("x")


def test_string_and_none_operations() -> None:
    src = (
        "def f(s, x):\n"
        "    t = s + 'b' * 2\n"
        "    return t, x is None, x is not None, 'b' in t, s[0] not in 'xyz'\n"
    )
    py, ir = compile_both(src, "f")
    assert ir("ab", None) == py("ab", None)
    assert ir("xa", 3) == py("xa", 3)
