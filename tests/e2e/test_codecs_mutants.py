"""The codecs example: a seeded bug in the LEB128 decoder (the continuation
bit tested one bit off) is refuted, with a counterexample that replays; the
shipped decoder is proved over every input of up to 16 bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from mutation_lib import ROOT, assert_proved, assert_refuted_and_replays, load, mutate

SOURCE = (ROOT / "examples" / "codecs" / "leb128.py").read_text()

TESTS = '''
from crux_py import Bytes, crux_test, raises, symbolic, u64

from mutant_leb128 import DecodeError, decode, encode


@crux_test
def round_trip():
    x = symbolic(u64, "x")
    data = encode(x)
    assert decode(data) == (x, len(data))


@crux_test
def decode_raises_only_decode_error():
    data = symbolic(Bytes[:16], "data")
    with raises(DecodeError):
        value, used = decode(data)
        assert encode(value) == data[:used]
'''

MUTANTS = {
    "continuation_bit": ("if not byte & 0x80:", "if not byte & 0x40:"),
    "shift_step": ("shift += 7", "shift += 8"),
}


@pytest.mark.parametrize("proof", ["round_trip", "decode_raises_only_decode_error"])
def test_the_shipped_codec_is_proved(tmp_path: Path, proof: str) -> None:
    assert_proved(load(tmp_path, "mutant_leb128", SOURCE, TESTS), proof)


@pytest.mark.parametrize("mutant", sorted(MUTANTS))
@pytest.mark.parametrize("proof", ["round_trip", "decode_raises_only_decode_error"])
def test_mutant_is_refuted_and_the_counterexample_replays(tmp_path: Path, mutant: str, proof: str) -> None:
    source = mutate(SOURCE, *MUTANTS[mutant])
    assert_refuted_and_replays(load(tmp_path, "mutant_leb128", source, TESTS), proof)
