"""The SHA-256 example: every seeded bug is refuted, and its counterexample
makes the plain-Python test fail (a rotation amount in each of Σ0, Σ1, σ0,
σ1, a round constant, a schedule index, an initial value).

The compression proof catches the bugs inside `compress`; a wrong initial
value only changes the full hash, so that mutant is refuted by the hash
proof of the empty message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mutation_lib import ROOT, assert_proved, assert_refuted_and_replays, load, mutate

SOURCE = (ROOT / "examples" / "sha2" / "sha256.py").read_text()

# mutant: (original text, replacement, the proof that must refute it)
MUTANTS = {
    "big_sigma0": ("_rotr(a, 13)", "_rotr(a, 12)", "compress_equiv"),
    "big_sigma1": ("_rotr(e, 25)", "_rotr(e, 26)", "compress_equiv"),
    "small_sigma0": ("_rotr(w15, 18)", "_rotr(w15, 17)", "compress_equiv"),
    "small_sigma1": ("(w2 >> 10)", "(w2 >> 11)", "compress_equiv"),
    "round_constant": ("0x923f82a4", "0x923f82a5", "compress_equiv"),
    "schedule_index": ("w[(t - 7) % 16]", "w[(t - 6) % 16]", "compress_equiv"),
    "initial_value": ("0x5be0cd19)", "0x5be0cd18)", "hash_equiv_empty"),
}

TESTS = '''
import struct

from crux_py import Bytes, crux_test, load_cryptol, symbolic, u32

from mutant_sha256 import SHA256, compress

spec = load_cryptol({spec!r})


@crux_test
def compress_equiv():
    state = symbolic(u32[8], "state")
    block = symbolic(Bytes[64], "block")
    assert compress(state, block) == spec.compress(state, list(struct.unpack(">16I", block)))


@crux_test
def hash_equiv_empty():
    msg = symbolic(Bytes[0], "msg")
    assert SHA256(msg).digest() == bytes(spec.hash(msg))
'''.format(spec=str(ROOT / "specs" / "cryptol" / "SHA256.cry"))


@pytest.mark.parametrize("proof", ["compress_equiv", "hash_equiv_empty"])
def test_the_shipped_implementation_is_proved(tmp_path: Path, proof: str) -> None:
    assert_proved(load(tmp_path, "mutant_sha256", SOURCE, TESTS), proof)


@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_mutant_is_refuted_and_the_counterexample_replays(tmp_path: Path, mutant: str) -> None:
    old, new, proof = MUTANTS[mutant]
    assert_refuted_and_replays(load(tmp_path, "mutant_sha256", mutate(SOURCE, old, new), TESTS), proof)
