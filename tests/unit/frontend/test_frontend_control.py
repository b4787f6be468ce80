"""Frontend: `if`, loops, `break`/`continue`, `assert`, `raise`."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from ir_eval import compile_both, outcome
from ir_walk import of_type, terminators

from crux_py.frontend import translate_source
from crux_py.ir import (
    BinOp,
    Branch,
    Const,
    GetIter,
    IterNext,
    Jump,
    Raise,
    Reg,
    Truth,
)

SMALL = st.integers(min_value=-5, max_value=12)


def _branch_conditions_come_from_truth(fir) -> None:  # type: ignore[no-untyped-def]
    for block, branch in terminators(fir, Branch):
        assert isinstance(block.stmts[-1], Truth)
        assert block.stmts[-1].dst == branch.cond


@given(x=SMALL)
def test_if_elif_else(x: int) -> None:
    src = (
        "def f(x):\n"
        "    if x < 0:\n"
        "        r = 'neg'\n"
        "    elif x == 0:\n"
        "        r = 'zero'\n"
        "    elif x < 5 and x != 3:\n"
        "        r = 'small'\n"
        "    else:\n"
        "        r = 'big'\n"
        "    return r\n"
    )
    py, ir = compile_both(src, "f")
    assert ir(x) == py(x)
    _branch_conditions_come_from_truth(translate_source(src, "f"))


@given(n=SMALL, stop=SMALL)
def test_while_else_with_break(n: int, stop: int) -> None:
    src = (
        "def f(n, stop):\n"
        "    i = 0\n"
        "    total = 0\n"
        "    while i < n:\n"
        "        i += 1\n"
        "        if i == stop:\n"
        "            break\n"
        "        if i % 2:\n"
        "            continue\n"
        "        total += i\n"
        "    else:\n"
        "        total = -total\n"
        "    return i, total\n"
    )
    py, ir = compile_both(src, "f")
    assert ir(n, stop) == py(n, stop)


def test_while_true_is_a_plain_jump() -> None:
    src = "def f(n):\n    while True:\n        n -= 1\n        if n < 0:\n            break\n    return n\n"
    fir = translate_source(src, "f")
    entry = fir.blocks[fir.entry]
    assert isinstance(entry.term, Jump)
    assert len(terminators(fir, Branch)) == 1
    py, ir = compile_both(src, "f")
    assert ir(3) == py(3) == -1


def test_if_false_body_is_dropped() -> None:
    src = "def f(n):\n    if False:\n        n = n + 1\n    while 0:\n        n = n * 2\n    return n\n"
    fir = translate_source(src, "f")
    assert not terminators(fir, Branch)
    assert not of_type(fir, BinOp)
    assert not any(label.startswith("while") for label in fir.blocks)


def test_while_false_runs_only_the_else_suite() -> None:
    src = "def f(n):\n    while False:\n        n = 0\n    else:\n        n = n + 1\n    return n\n"
    py, ir = compile_both(src, "f")
    assert ir(1) == py(1) == 2


@given(xs=st.lists(SMALL, max_size=6), stop=SMALL)
def test_for_else_with_break_and_continue(xs: list[int], stop: int) -> None:
    src = (
        "def f(xs, stop):\n"
        "    seen = []\n"
        "    for x in xs:\n"
        "        if x == stop:\n"
        "            break\n"
        "        if x < 0:\n"
        "            continue\n"
        "        seen.append(x)\n"
        "    else:\n"
        "        seen.append('done')\n"
        "    return seen, x if xs else None\n"
    )
    py, ir = compile_both(src, "f")
    assert ir(xs, stop) == py(xs, stop)


def test_for_loop_shape() -> None:
    fir = translate_source("def f(xs):\n    t = 0\n    for x in xs:\n        t += x\n    return t\n", "f")
    (get_iter,) = of_type(fir, GetIter)
    assert get_iter.iterable == Reg("xs")
    heads = [b for b in fir.blocks.values() if any(isinstance(s, IterNext) for s in b.stmts)]
    (head,) = heads
    next_stmt, truth = head.stmts
    assert isinstance(next_stmt, IterNext) and next_stmt.iterator == get_iter.dst
    assert isinstance(truth, Truth) and truth.operand == next_stmt.has
    assert isinstance(head.term, Branch)
    body = fir.blocks[head.term.then]
    assert body.stmts[0].dst == Reg("x") and body.stmts[0].src == next_stmt.value


@given(n=st.integers(0, 6), xs=st.lists(SMALL, max_size=5))
def test_for_over_builtin_iterables(n: int, xs: list[int]) -> None:
    src = (
        "def f(n, xs):\n"
        "    out = []\n"
        "    for i in range(n):\n"
        "        out.append(i)\n"
        "    for i, x in enumerate(xs):\n"
        "        out.append(i * x)\n"
        "    for a, b in zip(xs, reversed(xs)):\n"
        "        out.append(a - b)\n"
        "    for x in reversed(xs):\n"
        "        out.append(x)\n"
        "    return out\n"
    )
    py, ir = compile_both(src, "f")
    assert ir(n, xs) == py(n, xs)


def test_nested_loops_break_the_inner_only() -> None:
    src = (
        "def f(n):\n"
        "    pairs = []\n"
        "    for i in range(n):\n"
        "        for j in range(n):\n"
        "            if j > i:\n"
        "                break\n"
        "            pairs.append((i, j))\n"
        "    return pairs\n"
    )
    py, ir = compile_both(src, "f")
    assert ir(4) == py(4)


def test_assert_without_message() -> None:
    src = "def f(x):\n    assert x > 0\n    return x\n"
    fir = translate_source(src, "f")
    ((block, fail),) = terminators(fir, Raise)
    assert fail.assertion == "x > 0" and fail.exc == Const(None)
    assert block.stmts == ()
    assert fail.span.line == 2
    _branch_conditions_come_from_truth(fir)


def test_assert_message_is_computed_only_on_failure() -> None:
    src = "def f(x, xs):\n    assert x, xs[0]\n    return x\n"
    fir = translate_source(src, "f")
    ((block, fail),) = terminators(fir, Raise)
    assert fail.assertion == "x"
    assert isinstance(fail.exc, Reg) and block.stmts[-1].dst == fail.exc
    py, ir = compile_both(src, "f")
    assert ir(1, []) == py(1, []) == 1
    assert outcome(lambda: ir(0, ["boom"])) == outcome(lambda: py(0, ["boom"]))
    assert outcome(lambda: ir(0, ["boom"])) == ("raise", ("AssertionError", ("boom",)))


def test_assert_keeps_the_source_text_of_compound_conditions() -> None:
    src = "def f(a, b):\n    assert a < b  and  b < 10, 'msg'\n"
    fir = translate_source(src, "f")
    ((_, fail),) = terminators(fir, Raise)
    assert fail.assertion == "a < b  and  b < 10" and fail.exc == Const("msg")


def test_assert_false_ends_the_function() -> None:
    fir = translate_source("def f(x):\n    assert False\n    return x\n", "f")
    ((_, fail),) = terminators(fir, Raise)
    assert fail.assertion == "False"
    assert not any(fir.exit in fir.successors(b) for b in fir.blocks)


def test_raise_class_and_instance() -> None:
    src = "def f(x):\n    if x:\n        raise ValueError\n    raise KeyError(x)\n"
    fir = translate_source(src, "f")
    raises = terminators(fir, Raise)
    assert len(raises) == 2 and all(r.assertion is None for _, r in raises)
    py, ir = compile_both(src, "f")
    assert outcome(lambda: ir(1)) == outcome(lambda: py(1)) == ("raise", ("ValueError", ()))
    assert outcome(lambda: ir(0)) == outcome(lambda: py(0)) == ("raise", ("KeyError", ()))


@given(x=SMALL)
def test_early_return_inside_loops(x: int) -> None:
    src = (
        "def f(x):\n"
        "    for i in range(10):\n"
        "        while True:\n"
        "            if i == x:\n"
        "                return i\n"
        "            break\n"
        "    return -1\n"
    )
    py, ir = compile_both(src, "f")
    assert ir(x) == py(x)
