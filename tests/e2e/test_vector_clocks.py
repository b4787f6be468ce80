"""The vector-clock example end to end: proved as shipped, and every seeded
bug refuted with a counterexample that makes the plain-Python test fail."""

from __future__ import annotations

import types
from pathlib import Path

import pytest
from mutation_lib import load

from crux_py import intrinsics
from crux_py.driver import ProofSettings, Status, run_symbolic_test
from crux_py.driver.replay import RecordedInputs

pytest_plugins = ["pytester"]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CLOCKS = (EXAMPLES / "vector_clocks" / "clocks.py").read_text()
ORIGINAL_CALL = "out[i] = merge_clocks(a[i], b[i])"

MUTANTS = {
    "min_at_index_3": (ORIGINAL_CALL, "out[i] = min(a[i], b[i]) if i == 3 else merge_clocks(a[i], b[i])"),
    "last_clock_dropped": ("for i in range(N):", "for i in range(N - 1):"),
    "left_clock_only": ("return max(a, b)", "return a"),
    "shifted_index": (ORIGINAL_CALL, "out[i] = merge_clocks(a[i], b[i - 1])"),
    "wraps_at_32_bits": ("return max(a, b)", "return max(a, b) + 1 & 0xFFFFFFFF"),
}

TESTS = '''
from crux_py import crux_test, symbolic, u32
from clocks import N, merge_vc

def merge_vc_spec(a, b):
    return [x if x > y else y for x, y in zip(a, b)]

@crux_test
def merge_vc_commutative():
    a = symbolic(u32[N], "a")
    b = symbolic(u32[N], "b")
    assert merge_vc(a, b) == merge_vc(b, a)

@crux_test
def merge_vc_equiv():
    a = symbolic(u32[N], "a")
    b = symbolic(u32[N], "b")
    assert merge_vc(a, b) == merge_vc_spec(a, b)
'''


def load_variant(tmp_path: Path, clocks_source: str) -> types.ModuleType:
    return load(tmp_path, "clocks", clocks_source, TESTS)


@pytest.mark.parametrize("solver", ["z3", "bitwuzla", "cvc5"])
def test_shipped_example_is_proved(tmp_path: Path, solver: str) -> None:
    module = load_variant(tmp_path, CLOCKS)
    for test in (module.merge_vc_commutative, module.merge_vc_equiv):
        outcome = run_symbolic_test(test, ProofSettings(solver=solver))
        assert outcome.status is Status.PROVED and outcome.solver == solver


@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_mutant_is_refuted_with_a_replaying_counterexample(tmp_path: Path, mutant: str) -> None:
    old, new = MUTANTS[mutant]
    assert old in CLOCKS
    module = load_variant(tmp_path, CLOCKS.replace(old, new))
    outcome = run_symbolic_test(module.merge_vc_equiv, ProofSettings())
    assert outcome.status is Status.REFUTED
    goal = outcome.failures[0]
    assert goal.counterexample is not None and goal.counterexample.replay is not None
    assert goal.counterexample.replay.reproduced, goal.counterexample.replay.detail
    values = {i.name: i.value for i in goal.counterexample.inputs}
    # Independently of the engine's own replay: the plain test fails on these values.
    with pytest.raises(AssertionError), intrinsics.input_source(RecordedInputs(values)):
        module.merge_vc_equiv()
    if mutant == "min_at_index_3":
        a, b = values["a"], values["b"]
        assert a[3] != b[3]  # type: ignore[index]
        assert all(x == 0 for k, x in enumerate(a) if k != 3)  # type: ignore[arg-type]
        assert all(x == 0 for k, x in enumerate(b) if k != 3)  # type: ignore[arg-type]


def test_commutativity_catches_an_asymmetric_merge(tmp_path: Path) -> None:
    module = load_variant(tmp_path, CLOCKS.replace(*MUTANTS["shifted_index"]))
    outcome = run_symbolic_test(module.merge_vc_commutative, ProofSettings())
    assert outcome.status is Status.REFUTED
    assert outcome.failures[0].counterexample.replay.reproduced  # type: ignore[union-attr]


def test_readme_main_job(pytester: pytest.Pytester) -> None:
    """`pytest --crux examples/`, the README's first command, proves every symbolic test."""
    result = pytester.runpytest_subprocess("--crux", "-v", "-p", "no:cacheprovider", str(EXAMPLES))
    assert result.ret == 0
    result.stdout.fnmatch_lines(["*::merge_vc_commutative PROVED*", "*::merge_vc_equiv PROVED*"])
    # The paper's Figure 4: the spec is proved, and merge_vc proved with it enabled.
    result.stdout.fnmatch_lines(["*::merge_clocks_equiv PROVED*", "*::merge_vc_equiv_cryptol PROVED*"])
    result.stdout.fnmatch_lines(["*merge_vc_equiv_cryptol: proved: *, using merge_clocks_equiv"])


def test_min_mutant_report_names_index_3(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(clocks=CLOCKS.replace(*MUTANTS["min_at_index_3"]), test_variant=TESTS)
    result = pytester.runpytest("--crux", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)  # min is commutative too; only equivalence fails
    result.stdout.re_match_lines([r".*non-zero elements: (a\[3\] = 0x[0-9a-f]+)?(, )?(b\[3\] = 0x[0-9a-f]+)?$",
                                  r".*replayed in CPython: reproduced \(AssertionError.*"])
