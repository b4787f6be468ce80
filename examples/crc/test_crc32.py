"""Symbolic tests of the CRC-32 example.

* the table-driven CRC equals the bit-at-a-time one for every message of
  64 bytes (the table is looked up as the xor of its entries for the index's
  bits, and the proof is linear algebra over GF(2): see solver/affine.py);
* CRCs compose: the CRC of a message equals the CRC of its tail continued
  from the CRC of its head, and the streaming object agrees;
* ordinary tests against zlib.
"""

import random
import zlib

from crux_py import Bytes, crux_test, symbolic

from crc.crc32 import CRC32, crc32_bitwise, crc32_table


@crux_test
def table_equals_bitwise_64_bytes():
    data = symbolic(Bytes[64], "data")
    assert crc32_table(data) == crc32_bitwise(data)


@crux_test
def crc_continues_across_a_split():
    data = symbolic(Bytes[24], "data")
    assert crc32_table(data[10:], crc32_table(data[:10])) == crc32_table(data)


@crux_test
def streaming_object_equals_one_shot():
    data = symbolic(Bytes[16], "data")
    h = CRC32(data[:5])
    copy = h.copy()
    copy.update(data[5:])
    assert copy.digest() == crc32_bitwise(data).to_bytes(4, "big")


def test_matches_zlib():
    rng = random.Random(7)
    for n in (0, 1, 3, 64, 100):
        data = bytes(rng.randrange(256) for _ in range(n))
        assert crc32_table(data) == zlib.crc32(data) == crc32_bitwise(data)
