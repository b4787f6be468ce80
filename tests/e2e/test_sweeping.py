"""The driver hands goals the solver does not decide at once to the
equivalence engine: SHA-1 of one symbolic byte (the first block mixes the
byte, the padding and the constant initial value, so the two sides' terms
differ in shape) is proved by sweeping, and a wrong length encoding in the
padding is still refuted."""

from __future__ import annotations

from pathlib import Path

from mutation_lib import ROOT, assert_refuted_and_replays, load, mutate

from crux_py.driver import ProofSettings, Status, run_symbolic_test

SOURCE = (ROOT / "examples" / "sha1" / "sha1.py").read_text()

TESTS = '''
from crux_py import Bytes, crux_test, load_cryptol, symbolic

from mutant_sha1 import SHA1

spec = load_cryptol({spec!r})


@crux_test
def hash_equiv_1():
    msg = symbolic(Bytes[1], "msg")
    assert SHA1(msg).digest() == bytes(spec.hash(msg))
'''.format(spec=str(ROOT / "specs" / "cryptol" / "SHA1.cry"))


def test_a_goal_of_differently_shaped_terms_is_proved_by_sweeping(tmp_path: Path) -> None:
    outcome = run_symbolic_test(load(tmp_path, "mutant_sha1", SOURCE, TESTS).hash_equiv_1, ProofSettings())
    assert outcome.status is Status.PROVED
    (goal,) = outcome.goals
    assert goal.reason.startswith("sweeping:"), goal.reason
    merged = int(goal.reason.split(" merged by rewriting, ")[1].split(" proved equal")[0])
    assert merged > 0


def test_a_wrong_length_encoding_is_refuted(tmp_path: Path) -> None:
    source = mutate(SOURCE, "(8 * length).to_bytes", "(8 * length + 8).to_bytes")
    assert_refuted_and_replays(load(tmp_path, "mutant_sha1", source, TESTS), "hash_equiv_1")
