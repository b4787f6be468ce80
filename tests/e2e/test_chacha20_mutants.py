"""The ChaCha20 example: every seeded bug is refuted, and its counterexample
makes the plain-Python test fail (issue: rotation amounts, a diagonal index,
the block counter, the final addition)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mutation_lib import ROOT, assert_proved, assert_refuted_and_replays, load, mutate
SOURCE = (ROOT / "examples" / "chacha20" / "chacha.py").read_text()

MUTANTS = {
    "rotation_16": ("((x[d] << 16) & MASK) | (x[d] >> 16)", "((x[d] << 17) & MASK) | (x[d] >> 15)"),
    "rotation_12": ("((x[b] << 12) & MASK) | (x[b] >> 20)", "((x[b] << 13) & MASK) | (x[b] >> 19)"),
    "rotation_8": ("((x[d] << 8) & MASK) | (x[d] >> 24)", "((x[d] << 9) & MASK) | (x[d] >> 23)"),
    "rotation_7": ("((x[b] << 7) & MASK) | (x[b] >> 25)", "((x[b] << 6) & MASK) | (x[b] >> 26)"),
    "diagonal_index": ("quarter_round(x, 1, 6, 11, 12)", "quarter_round(x, 1, 6, 11, 13)"),
    "counter_off_by_one": ("state[12] = counter & MASK", "state[12] = (counter + 1) & MASK"),
    "no_final_addition": ("return [(a + b) & MASK for a, b in zip(x, state)]", "return x"),
}

TESTS = '''
from pathlib import Path

from crux_py import Bytes, crux_test, load_cryptol, symbolic, u32

from mutant_chacha import ChaCha20

spec = load_cryptol({spec!r})


@crux_test
def block_equiv():
    key = symbolic(Bytes[32], "key")
    nonce = symbolic(Bytes[12], "nonce")
    counter = symbolic(u32, "counter")
    out = bytearray(64)
    ChaCha20.new(key, nonce).generate(counter, out)
    assert bytes(out) == bytes(spec.block(key, counter, nonce))
'''.format(spec=str(ROOT / "specs" / "cryptol" / "ChaCha20.cry"))


def test_the_shipped_implementation_is_proved(tmp_path: Path) -> None:
    assert_proved(load(tmp_path, "mutant_chacha", SOURCE, TESTS), "block_equiv")


@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_mutant_is_refuted_and_the_counterexample_replays(tmp_path: Path, mutant: str) -> None:
    source = mutate(SOURCE, *MUTANTS[mutant])
    assert_refuted_and_replays(load(tmp_path, "mutant_chacha", source, TESTS), "block_equiv")
