"""What users see: sampling without --crux, counterexamples, replay files,
vacuity, covers, machine-readable output (pytester end to end)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from crux_py.driver import ProofSettings, Status, run_symbolic_test
from crux_py.driver.progress import Progress

pytest_plugins = ["pytester"]


def test_sampling_finds_a_bug_at_an_edge_value(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_edge='''
from crux_py import crux_test, symbolic, u32

def scale(x):
    return 100 // (x + 1 - 2**32) if x == 2**32 - 1 else 0

@crux_test
def scale_never_divides_by_zero():
    x = symbolic(u32, "x")
    scale(x)
''')
    result = pytester.runpytest("-v")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*failed on sampled inputs: x = 4294967295*", "*ZeroDivisionError*"])


def test_sampling_reports_assumptions_that_reject_everything(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_reject='''
from crux_py import assume, crux_test, symbolic, u8

@crux_test
def impossible():
    x = symbolic(u8, "x")
    assume(x > 300)
''')
    result = pytester.runpytest("--crux-samples", "5")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*assume() rejected all 100 sampled inputs*"])


def test_samples_option_sets_the_number_of_runs(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_count='''
from crux_py import crux_test, symbolic, u8

@crux_test
def anything():
    symbolic(u8, "x")
''')
    pytester.runpytest("--crux-samples", "7").stdout.fnmatch_lines(["*anything: sampled: 7 inputs*"])


ONE_IN_2_32 = '''
from crux_py import crux_test, symbolic, u32

def checksum(x):
    return (x * 0x9E3779B1 + 0x7F4A7C15) & 0xFFFFFFFF

@crux_test
def checksum_never_zero():
    x = symbolic(u32, "x")
    assert checksum(x) != 0
'''


def test_one_in_2_32_bug_is_refuted_and_its_replay_file_fails_in_plain_pytest(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_rare=ONE_IN_2_32)
    result = pytester.runpytest("--crux", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*replayed in CPython: reproduced (AssertionError*",
                                 "*reproduce: pytest .crux/replays/replay_test_rare__checksum_never_zero_1.py"])
    # A set: on CI (env CI set) pytest repeats the whole failure text in its short summary.
    (x,) = {int(line.split("= ")[1], 16) for line in result.outlines if line.strip().startswith("x = ")}
    assert (x * 0x9E3779B1 + 0x7F4A7C15) & 0xFFFFFFFF == 0
    replay = pytester.path / ".crux" / "replays" / "replay_test_rare__checksum_never_zero_1.py"
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", str(replay)],
                         cwd=pytester.path, capture_output=True, text=True)
    assert run.returncode == 1, run.stdout
    assert "AssertionError" in run.stdout and "1 failed" in run.stdout


def test_failure_shows_operands_and_path(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_ops='''
from crux_py import crux_test, symbolic, u8

def grade(score):
    if score >= 90:
        return "A"
    if score >= 50:
        return "pass"
    return "fail"

@crux_test
def grades_are_short():
    s = symbolic(u8, "s")
    assert len(grade(s)) <= 3
''')
    result = pytester.runpytest("--crux")
    result.stdout.fnmatch_lines([
        "*error: assertion failed: len(grade(s)) <= 3",
        "*s = 0x0",
        "*where:",
        "*len(grade(s)) = 4",
        "*branches on this path: test_ops.py:4 not taken, test_ops.py:6 not taken",
    ])


def test_contradictory_assumptions_are_vacuous_never_passed(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_vac='''
from crux_py import assume, crux_test, symbolic, u32

@crux_test
def contradiction():
    x = symbolic(u32, "x")
    assume(x > 10)
    assume(x < 5)
    assert x == 7
''')
    result = pytester.runpytest("--crux", "-v")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*contradiction: vacuous: 1 goal*", "*the assumptions contradict each other*"])
    result.stdout.no_fnmatch_line("*PROVED*")


def test_covers_and_unreachable_assertions_are_reported(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_cov='''
from crux_py import assume, cover, crux_test, symbolic, u8

@crux_test
def covered():
    x = symbolic(u8, "x")
    assume(x < 100)
    cover(x == 42, "the answer")
    cover(x == 200, "too big")
    if x > 150:
        cover(True, "never here")
        assert x > 150
    assert x < 100
''')
    result = pytester.runpytest("--crux")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([
        "*test_cov.py:7: cover the answer: satisfied (e.g. x = 0x2a)",
        "*test_cov.py:8: cover too big: unsatisfiable",
        "*test_cov.py:10: cover never here: unreachable",
        "*test_cov.py:11: warning: no feasible path reaches this assertion",
    ])


def test_json_report_and_junit_xml(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_rare=ONE_IN_2_32)
    pytester.runpytest("--crux", "--crux-report", "out.json", "--junitxml", "junit.xml")
    data = json.loads((pytester.path / "out.json").read_text())
    (test,) = data["tests"]
    assert test["test"] == "test_rare.py::checksum_never_zero" and test["outcome"] == "refuted"
    goal = test["goals"][0]
    assert goal["status"] == "refuted" and goal["location"]["line"] == 9
    assert goal["counterexample"]["replay"]["reproduced"] is True
    x = goal["counterexample"]["inputs"]["x"]
    assert (x * 0x9E3779B1 + 0x7F4A7C15) & 0xFFFFFFFF == 0
    junit = (pytester.path / "junit.xml").read_text()
    assert "refuted: 1 of 1 goals fail" in junit and "assertion failed: checksum(x) != 0" in junit


def test_dump_ir_and_smt(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_rare=ONE_IN_2_32)
    result = pytester.runpytest("--crux", "--crux-dump-ir", "--crux-dump-smt", "smt")
    result.stdout.fnmatch_lines(["*crux IR*", "def checksum(x):*"])
    files = sorted((pytester.path / "smt").glob("*.smt2"))
    assert files, "no query was dumped"
    import z3

    assert z3.Solver().from_string  # the dumps are SMT-LIB that z3 reads back
    solver = z3.Solver()
    solver.from_string(files[0].read_text())
    assert solver.check() == z3.sat


def test_progress_reports_long_proofs() -> None:
    import progress_program

    lines: list[str] = []
    outcome = run_symbolic_test(progress_program.long_loop, ProofSettings(), show_progress=lines.append)
    assert outcome.status is Status.PROVED
    assert not lines, "short proofs stay quiet"
    progress = Progress("t", lines.append, delay=0.0, interval=0.0)
    progress.proving(3, 10, 1.25)
    assert lines == ["crux t: goal 3/10, solver 1.2 s"]
