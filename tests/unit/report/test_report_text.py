"""Rendering of outcomes: values as Python literals, failures as compiler-style text."""

from __future__ import annotations

from pathlib import Path

from crux_py.driver.outcome import Counterexample, GoalResult, InputValue, Replay, Status, TestOutcome
from crux_py.report import format_outcome, format_summary_line
from crux_py.report.values import format_value, nonzero_elements
from crux_py.shapes import BOOL, i8, u32
from crux_py.sim.goals import GoalKind
from crux_py.source import SourceSpan


def test_values_are_python_literals_in_hex() -> None:
    assert format_value(u32, 255) == "0xff"
    assert format_value(i8, -128) == "-0x80"
    assert format_value(u32[3], [0, 1, 4294967295]) == "[0x0, 0x1, 0xffffffff]"
    assert format_value(BOOL, True) == "True"
    assert eval(format_value(u32[2][2], [[1, 2], [3, 0]])) == [[1, 2], [3, 0]]


def test_nonzero_elements_name_list_positions() -> None:
    assert nonzero_elements("a", u32[4], [0, 0, 7, 0]) == ["a[2] = 0x7"]
    assert nonzero_elements("m", u32[2][2], [[0, 1], [0, 0]]) == ["m[0][1] = 0x1"]


def outcome(tmp_path: Path, replay: Replay, status: Status = Status.REFUTED) -> TestOutcome:
    source = tmp_path / "t.py"
    source.write_text("def t():\n    x = f()\n    assert x < 3\n")
    span = SourceSpan(str(source), 3, 4)
    cex = Counterexample((InputValue("a", u32[4], [0, 0, 9, 0]),), replay) if status is Status.REFUTED else None
    goal = GoalResult(GoalKind.ASSERTION, "assertion failed: x < 3", span, (SourceSpan(str(source), 1),), status,
                      reason="timeout after 1.0 s" if status is Status.UNKNOWN else "", counterexample=cex)
    return TestOutcome("t", SourceSpan(str(source), 1), status, (goal,), 0.5, "z3", 2, 0.25)


def test_refutation_text(tmp_path: Path) -> None:
    text = format_outcome(outcome(tmp_path, Replay(True, "AssertionError at t.py:3")))
    lines = text.splitlines()
    assert lines[0] == "t: refuted: 1 of 1 goals fail, 0.50 s, z3 (2 queries, 0.25 s)"
    assert lines[2].endswith("t.py:3:5: error: assertion failed: x < 3")
    assert lines[3] == "      3 |     assert x < 3"
    assert lines[4] == "        |     ^"
    assert "    a = [0x0, 0x0, 0x9, 0x0]" in lines
    assert "    non-zero elements: a[2] = 0x9" in lines
    assert lines[-1] == "  replayed in CPython: reproduced (AssertionError at t.py:3)"


def test_a_counterexample_that_does_not_replay_is_called_an_engine_bug(tmp_path: Path) -> None:
    text = format_outcome(outcome(tmp_path, Replay(False, "the test passed in CPython")))
    assert "NOT REPRODUCED -- this is a crux_py engine bug" in text


def test_unknown_says_why(tmp_path: Path) -> None:
    o = outcome(tmp_path, Replay(True, ""), Status.UNKNOWN)
    assert format_summary_line(o).startswith("unknown: 1 of 1 goals not proved")
    assert "  not proved: timeout after 1.0 s" in format_outcome(o).splitlines()
