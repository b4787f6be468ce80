"""The SHA-1 example: every seeded bug is refuted, and its counterexample
makes the plain-Python test fail (rotation amounts in the round and the
message schedule, a round constant, a schedule index, the initial value).

The compression proof catches the bugs inside `compress`; a wrong initial
value only changes the full hash, so that mutant is refuted by the hash
proof of the empty message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mutation_lib import ROOT, assert_proved, assert_refuted_and_replays, load, mutate
SOURCE = (ROOT / "examples" / "sha1" / "sha1.py").read_text()

# mutant: (original text, replacement, the proof that must refute it)
MUTANTS = {
    "rotation_5": ("_rotl(a, 5)", "_rotl(a, 6)", "compress_equiv"),
    "rotation_30": ("_rotl(b, 30)", "_rotl(b, 31)", "compress_equiv"),
    "schedule_rotation_1": ("w[t % 16], 1)", "w[t % 16], 2)", "compress_equiv"),
    "round_constant": ("k = 0x8F1BBCDC", "k = 0x8F1BBCDD", "compress_equiv"),
    "schedule_index": ("w[(t - 8) % 16]", "w[(t - 9) % 16]", "compress_equiv"),
    "initial_value": ("0x98BADCFE", "0x98BADCFF", "hash_equiv_empty"),
}

TESTS = '''
import struct

from crux_py import Bytes, crux_test, load_cryptol, symbolic, u32

from mutant_sha1 import SHA1, compress

spec = load_cryptol({spec!r})


@crux_test
def compress_equiv():
    state = symbolic(u32[5], "state")
    block = symbolic(Bytes[64], "block")
    assert compress(state, block) == spec.compress(state, list(struct.unpack(">16I", block)))


@crux_test
def hash_equiv_empty():
    msg = symbolic(Bytes[0], "msg")
    assert SHA1(msg).digest() == bytes(spec.hash(msg))
'''.format(spec=str(ROOT / "specs" / "cryptol" / "SHA1.cry"))


@pytest.mark.parametrize("proof", ["compress_equiv", "hash_equiv_empty"])
def test_the_shipped_implementation_is_proved(tmp_path: Path, proof: str) -> None:
    assert_proved(load(tmp_path, "mutant_sha1", SOURCE, TESTS), proof)


@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_mutant_is_refuted_and_the_counterexample_replays(tmp_path: Path, mutant: str) -> None:
    old, new, proof = MUTANTS[mutant]
    assert_refuted_and_replays(load(tmp_path, "mutant_sha1", mutate(SOURCE, old, new), TESTS), proof)
