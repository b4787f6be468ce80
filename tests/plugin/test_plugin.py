"""The pytest plugin, driven through pytester as a user would run it."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

PROGRAM = '''
from crux_py import assume, crux_test, symbolic, u8, u32

def double(x):
    return 2 * x

@crux_test
def doubling_is_even():
    x = symbolic(u32, "x")
    assert double(x) % 2 == 0

@crux_test
def doubling_fits_a_byte():
    x = symbolic(u8, "x")
    assert double(x) < 256

@crux_test
def doubling_fits_when_small():
    x = symbolic(u8, "x")
    assume(x < 128)
    assert double(x) < 256

def test_ordinary():
    assert double(2) == 4
'''


def test_collects_crux_tests_whatever_their_names(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_prog=PROGRAM)
    result = pytester.runpytest("--crux", "--collect-only", "-q")
    result.stdout.fnmatch_lines(["*::doubling_is_even", "*::doubling_fits_a_byte", "*::doubling_fits_when_small",
                                 "*::test_ordinary"])


def test_proves_and_refutes_with_a_counterexample(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_prog=PROGRAM)
    result = pytester.runpytest("--crux", "-v")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines([
        "*::doubling_is_even PROVED (1 goal, *",
        "*::doubling_fits_when_small PROVED (1 goal, *",
        "*test_prog.py:14:5: error: assertion failed: double(x) < 256",
        "*|     assert double(x) < 256",
        "*counterexample:",
        "*x = 0x80",
        "*replayed in CPython: reproduced (AssertionError*",
    ])


def test_plain_pytest_samples_and_finds_the_edge_value(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_prog=PROGRAM)
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*failed on sampled inputs: x = 128*"])


def test_options_reach_the_engine(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_loop='''
from crux_py import crux_test, symbolic, u8, assume

@crux_test
def counts():
    n = symbolic(u8, "n")
    assume(n < 20)
    i = 0
    while i < n:
        i += 1
    assert i == n
''')
    # n < 20 means at most 19 iterations.
    refuted = pytester.runpytest("--crux", "--crux-unwind", "18")
    refuted.assert_outcomes(failed=1)
    refuted.stdout.fnmatch_lines(["*loop at *test_loop.py:8 not unwound after 18 iterations*"])
    pytester.runpytest("--crux", "--crux-unwind", "19").assert_outcomes(passed=1)


def test_per_test_options_override_the_command_line(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_opt='''
from crux_py import crux_test, symbolic, u8, assume

@crux_test(unwind=3)
def short_loop():
    n = symbolic(u8, "n")
    i = 0
    while i < n:
        i += 1
''')
    pytester.runpytest("--crux", "--crux-unwind", "100").stdout.fnmatch_lines(["*not unwound after 3 iterations*"])


def test_timeout_reports_unknown_and_fails(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_hard='''
from crux_py import crux_test, symbolic, u64

@crux_test
def difference_of_squares():
    x = symbolic(u64, "x")
    y = symbolic(u64, "y")
    assert x * x - y * y == (x + y) * (x - y)
''')
    result = pytester.runpytest("--crux", "--crux-timeout", "1")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*unknown: assertion failed*", "*not proved: timeout*"])
    result.stdout.no_fnmatch_line("*PROVED*")


@pytest.mark.parametrize("solver", ["z3", "bitwuzla", "cvc5"])
def test_each_solver(pytester: pytest.Pytester, solver: str) -> None:
    pytester.makepyfile(test_prog=PROGRAM)
    result = pytester.runpytest("--crux", "--crux-solver", solver)
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines([f"*doubling_is_even: proved: 1 goal, *, {solver} *"])


def test_unsupported_python_is_an_error_not_a_pass(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_unsup='''
from crux_py import crux_test, symbolic, u8

def f(x):
    return x / 2

@crux_test
def uses_true_division():
    x = symbolic(u8, "x")
    assert f(x) >= 0
''')
    result = pytester.runpytest("--crux")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*error: *test_unsup.py:4:12: unsupported: true division*"])


def test_junit_xml_carries_the_outcome(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_prog=PROGRAM)
    pytester.runpytest("--crux", "--junitxml=out.xml")
    xml = (pytester.path / "out.xml").read_text()
    assert 'name="crux" value="proved: 1 goal' in xml
    assert 'value="refuted: 1 of 1 goals fail' in xml


def test_summary_works_under_xdist(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_prog=PROGRAM)
    result = pytester.runpytest("--crux", "-n", "2")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*= crux =*", "*doubling_is_even: proved*"])


SPECS = '''
from crux_py import crux_spec_for, crux_test, symbolic, u32

def clock(a, b):
    return max(a, b)

def merge(a, b):
    return [clock(x, y) for x, y in zip(a, b)]

@crux_spec_for(clock)
def clock_spec():
    a = symbolic(u32, "a")
    b = symbolic(u32, "b")
    assert clock(a, b) == (a if a > b else b)

@crux_test
def merge_commutes():
    clock_spec.enable()
    a = symbolic(u32[4], "a")
    b = symbolic(u32[4], "b")
    assert merge(a, b) == merge(b, a)
'''


@pytest.mark.parametrize("workers", [[], ["-n", "2"]])
def test_specs_are_collected_proved_and_reported(pytester: pytest.Pytester, workers: list[str]) -> None:
    pytester.makepyfile(test_specs=SPECS)
    result = pytester.runpytest("--crux", "-v", *workers)
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*test_specs.py::merge_commutes: proved: *, using clock_spec"])
    result.stdout.fnmatch_lines(["*test_specs.py::clock_spec: proved: *"])


def test_specs_run_concretely_without_crux(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_specs=SPECS)
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*::clock_spec PASSED*"])
