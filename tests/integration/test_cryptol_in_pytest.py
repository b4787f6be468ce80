"""Cryptol in pytest: properties collected from .cry/.md files, and Cryptol
functions called from symbolic tests."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

MODULE = '''
module Props where

double : [8] -> [8]
double x = x + x

property doubleExample = double 3 == 6

property doubleIsEven (x : [8]) = (double x) @ 7 == False

property doubleWrong (x : [8]) = double x != 2

property tableInRange (i : [4]) = ([1, 2, 3] : [3][8]) @ i > 0
'''


def test_properties_are_items_proved_or_refuted(pytester: pytest.Pytester) -> None:
    pytester.makefile(".cry", Props=MODULE)
    result = pytester.runpytest("--crux", "-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines([
        "*Props.cry::doubleExample PROVED*",
        "*Props.cry::doubleIsEven PROVED*",
        "*Props.cry:*: error: property doubleWrong does not hold",
        "*x = 0x1*",
        "*replayed in CPython: reproduced (the property is False for these arguments)*",
        "*Props.cry:12:56: error: index may be out of range (length 3)",
        "*i = 0xf",
        "*replayed in CPython: reproduced (the property raises CryptolEvalError*",
    ])


def test_properties_are_sampled_without_crux(pytester: pytest.Pytester) -> None:
    pytester.makefile(".cry", Props=MODULE)
    result = pytester.runpytest("-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(["*failed on sampled inputs: x = 1*"])


def test_literate_markdown_named_on_the_command_line(pytester: pytest.Pytester) -> None:
    pytester.makefile(".md", Notes="# Notes\n\nSome prose.\n\n```cryptol\nmodule Notes where\n\n"
                      "property addCommutes (a : [16]) (b : [16]) = a + b == b + a\n```\n")
    result = pytester.runpytest("--crux", "-v", "Notes.md")
    result.assert_outcomes(passed=1)
    assert pytester.runpytest("--crux", "--collect-only", "-q").ret == 5  # not collected from a directory


def test_syntax_errors_are_collection_errors_with_a_location(pytester: pytest.Pytester) -> None:
    pytester.makefile(".cry", Bad="module Bad where\n\nf : [8] -> [8]\nf x = (x + \n")
    result = pytester.runpytest("--crux")
    result.stdout.fnmatch_lines(["*Bad.cry:4:11: unexpected end of input*"])
    result.stdout.no_fnmatch_line("*Traceback*")
    assert result.ret == 2


def test_cryptol_arguments_are_checked_in_symbolic_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_calls='''
from crux_py import crux_test, cryptol_fn, symbolic, u8, u16

add8 = cryptol_fn(r"\\(a : [8]) (b : [8]) -> a + b")
rev = cryptol_fn(r"\\(xs : [4][8]) -> reverse xs")

@crux_test
def wraps_like_a_byte():
    a = symbolic(u8, "a")
    b = symbolic(u8, "b")
    assert add8(a, b) == (a + b) & 0xFF
    assert rev([a, b, 1, 2]) == [2, 1, b, a]

@crux_test
def too_wide_for_a_byte():
    x = symbolic(u16, "x")
    add8(x, 0)

@crux_test
def wrong_length():
    rev([1, 2, 3])
''')
    result = pytester.runpytest("--crux")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines([
        "*error: ValueError: argument 1 of `it` does not fit ?8?",
        "*x = 0x100*",
        "*replayed in CPython: reproduced (ValueError*",
        "*error: ValueError: argument `#1` of `it`*",
        "*replayed in CPython: reproduced (ValueError*",
    ])
