"""Frontend: list comprehensions and generator expressions in builtins."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ir_eval import compile_both, outcome
from ir_walk import of_type, registers_written

from crux_py.errors import UnsupportedFeature
from crux_py.frontend import translate_source
from crux_py.ir import BuildList, Call, GetAttr, LoadGlobal, Reg

XS = st.lists(st.integers(-4, 4), max_size=5)


def test_list_comprehension_shape() -> None:
    fir = translate_source("def f(xs):\n    return [x * 2 for x in xs]\n", "f")
    (build,) = of_type(fir, BuildList)
    assert build.items == ()
    (append,) = of_type(fir, GetAttr)
    assert append.name == "append" and append.obj == build.dst
    (call,) = of_type(fir, Call)
    assert call.func == append.dst
    assert "x#1" in registers_written(fir) and "x" not in registers_written(fir)


def test_comprehension_variable_does_not_clobber_local() -> None:
    src = "def f(xs):\n    x = 'kept'\n    ys = [x for x in xs]\n    return x, ys\n"
    py, ir = compile_both(src, "f")
    assert ir([1, 2]) == py([1, 2]) == ("kept", [1, 2])


def test_first_iterable_is_evaluated_in_the_enclosing_scope() -> None:
    src = "def f(x):\n    return [x * 2 for x in x]\n"
    py, ir = compile_both(src, "f")
    assert ir([1, 2]) == py([1, 2]) == [2, 4]


def test_comprehension_variables_are_unique_per_comprehension() -> None:
    src = "def f(xs):\n    a = [x for x in xs]\n    b = [[x + y for y in xs] for x in xs]\n    return a, b\n"
    fir = translate_source(src, "f")
    renamed = {r for r in registers_written(fir) if "#" in r}
    assert renamed == {"x#1", "x#2", "y#3"}
    py, ir = compile_both(src, "f")
    assert ir([1, 2]) == py([1, 2])


@given(xs=XS, ys=XS)
def test_multiple_for_and_if_clauses(xs: list[int], ys: list[int]) -> None:
    src = (
        "def f(xs, ys):\n"
        "    return [(x, y) for x in xs if x > -2 for y in ys if y != x if x + y < 3]\n"
    )
    py, ir = compile_both(src, "f")
    assert ir(xs, ys) == py(xs, ys)


@given(xs=XS)
def test_tuple_targets_and_walrus_in_comprehension(xs: list[int]) -> None:
    src = (
        "def f(xs):\n"
        "    last = None\n"
        "    out = [i * v for i, v in enumerate(xs) if (last := v) is not None]\n"
        "    return out, last\n"
    )
    py, ir = compile_both(src, "f")
    assert ir(xs) == py(xs)


@given(xs=XS, bound=st.integers(-4, 4))
def test_all_and_any(xs: list[int], bound: int) -> None:
    src = (
        "def f(xs, bound):\n"
        "    return (all(x < bound for x in xs), any(x > bound for x in xs),\n"
        "            all(x for x in xs if x), any(x == y for x in xs for y in xs if x != y))\n"
    )
    py, ir = compile_both(src, "f")
    assert ir(xs, bound) == py(xs, bound)


def test_all_any_are_inline_loops_without_calls() -> None:
    fir = translate_source("def f(xs):\n    return all(x > 0 for x in xs)\n", "f")
    assert not of_type(fir, Call) and not of_type(fir, LoadGlobal)


def test_all_short_circuits() -> None:
    src = "def f(xs):\n    return all(10 // x for x in xs)\n"
    py, ir = compile_both(src, "f")
    assert ir([20, 0, 1]) == py([20, 0, 1]) is False
    assert outcome(lambda: ir([1, 0])) == outcome(lambda: py([1, 0]))


@given(xs=XS)
def test_consuming_builtins(xs: list[int]) -> None:
    src = (
        "def f(xs):\n"
        "    return (sum(x * x for x in xs), min((x for x in xs), default=99),\n"
        "            max((-x for x in xs if x), default=None), list(x for x in xs if x % 2),\n"
        "            tuple(x + 1 for x in xs), sum(x for x in xs))\n"
    )
    py, ir = compile_both(src, "f")
    assert ir(xs) == py(xs)


def test_consuming_builtins_call_the_builtin_with_a_list_and_keywords() -> None:
    fir = translate_source("def f(xs):\n    return max((x for x in xs), default=0)\n", "f")
    (load,) = of_type(fir, LoadGlobal)
    assert load.name == "max"
    calls = [c for c in of_type(fir, Call) if c.func == load.dst]
    (call,) = calls
    assert len(call.args) == 1 and isinstance(call.args[0], Reg)
    assert [k for k, _ in call.kwargs] == ["default"]


def test_empty_min_raises_like_python() -> None:
    src = "def f(xs):\n    return min(x for x in xs)\n"
    py, ir = compile_both(src, "f")
    assert outcome(lambda: ir([])) == outcome(lambda: py([])) == ("raise", ("ValueError", ()))


@pytest.mark.parametrize(
    "body",
    [
        "return set(x for x in xs)",
        "return sorted((x for x in xs), key=abs)",
        "return sum(x for x in xs) + (x for x in xs)",
        "g = (x for x in xs)\n    return g",
        "sum = 0\n    return sum(x for x in xs)",
        "return sum((x for x in xs), 5)",
        "return all((x for x in xs), key=None)",
    ],
)
def test_generator_expressions_elsewhere_are_unsupported(body: str) -> None:
    with pytest.raises(UnsupportedFeature) as info:
        translate_source(f"def f(xs):\n    {body}\n", "f")
    assert "generator expression" in info.value.construct
    assert info.value.span.line in (2, 3)


def test_module_level_binding_shadows_builtin_for_generators() -> None:
    src = "def any(x):\n    return x\n\ndef f(xs):\n    return any(x for x in xs)\n"
    with pytest.raises(UnsupportedFeature, match="generator expression"):
        translate_source(src, "f")


def test_sorted_of_a_generator_matches_cpython() -> None:
    src = "def f(xs):\n    return sorted(-x for x in xs if x)\n"
    py, ir = compile_both(src, "f")
    for xs in ([], [3, 0, 1, 2], [5, 5, -1]):
        assert outcome(lambda xs=xs: ir(xs)) == outcome(lambda xs=xs: py(xs))
