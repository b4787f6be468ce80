"""Library code written the way pure-Python libraries write it (our own
words): a DER-style TLV reader and bech32's bit regrouping. Each is proved
on symbolic input and a seeded bug is refuted with a counterexample that
replays (the shape of the issue's acceptance for the codec example)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mutation_lib import assert_proved, assert_refuted_and_replays, load, mutate

TLV = '''
class DERError(ValueError):
    pass


def read_length(data, pos):
    if pos >= len(data):
        raise DERError("truncated length")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    n = first & 0x7F
    if n == 0 or n > 2:
        raise DERError("unsupported length form")
    if pos + n > len(data):
        raise DERError("truncated long length")
    length = int.from_bytes(data[pos:pos + n], "big")
    if length < 0x80:
        raise DERError("non-minimal length")
    return length, pos + n


def parse_all(data):
    items = []
    pos = 0
    while pos < len(data):
        tag = data[pos]
        length, pos = read_length(data, pos + 1)
        if pos + length > len(data):
            raise DERError("truncated value")
        items.append((tag, data[pos:pos + length]))
        pos += length
    return items
'''

BECH32 = '''
def convertbits(data, frombits, tobits, pad=True):
    acc = 0
    bits = 0
    ret = []
    maxv = (1 << tobits) - 1
    max_acc = (1 << (frombits + tobits - 1)) - 1
    for value in data:
        if value < 0 or (value >> frombits):
            return None
        acc = ((acc << frombits) | value) & max_acc
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            ret.append((acc >> bits) & maxv)
    if pad:
        if bits:
            ret.append((acc << (tobits - bits)) & maxv)
    elif bits >= frombits or ((acc << (tobits - bits)) & maxv):
        return None
    return ret
'''

TESTS = {
    "mutant_tlv": '''
from crux_py import Bytes, crux_test, raises, symbolic

from mutant_tlv import DERError, parse_all


@crux_test
def proof():
    data = symbolic(Bytes[:6], "data")
    with raises(DERError):
        items = parse_all(data)
        # up to 6 bytes every length is in the short form: two header bytes per item
        assert sum(len(value) + 2 for _, value in items) == len(data)
        assert not items or (items[0][0] == data[0] and len(items[0][1]) == data[1])
''',
    "mutant_bech32": '''
from crux_py import Bytes, crux_test, symbolic

from mutant_bech32 import convertbits


@crux_test
def proof():
    data = symbolic(Bytes[5], "data")
    five = convertbits(data, 8, 5)
    assert five is not None and len(five) == 8 and all(0 <= v < 32 for v in five)
    assert convertbits(five, 5, 8, False) == list(data)
''',
}

CASES = {
    "mutant_tlv": (TLV, ("if pos + length > len(data):", "if pos + length > len(data) + 1:")),
    "mutant_bech32": (BECH32, ("        bits += frombits", "        bits += frombits - 1")),
}


@pytest.mark.parametrize("module", sorted(CASES))
def test_the_library_code_is_proved(tmp_path: Path, module: str) -> None:
    source, _ = CASES[module]
    assert_proved(load(tmp_path, module, source, TESTS[module]), "proof")


@pytest.mark.parametrize("module", sorted(CASES))
def test_a_seeded_bug_is_refuted_and_replays(tmp_path: Path, module: str) -> None:
    source, change = CASES[module]
    assert_refuted_and_replays(load(tmp_path, module, mutate(source, *change), TESTS[module]), "proof")
