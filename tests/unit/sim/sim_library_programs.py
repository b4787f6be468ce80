"""Programs for test_sim_library_functions.py: operator, zlib, binascii, math."""

import binascii
import functools
import math
import operator
import zlib

from crux_py import Bytes, crux_test, symbolic, u8, u32


def my_crc32(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0xEDB88320 & -(crc & 1))
    return crc ^ 0xFFFFFFFF


@crux_test
def zlib_crc32_of_symbolic_bytes():
    data = symbolic(Bytes[8], "data")
    start = symbolic(u32, "start")
    assert zlib.crc32(data) == my_crc32(data) == binascii.crc32(data)
    assert zlib.crc32(data[4:], zlib.crc32(data[:4], start)) == zlib.crc32(data, start)


@crux_test
def adler32_splits():
    data = symbolic(Bytes[6], "data")
    assert zlib.adler32(data[3:], zlib.adler32(data[:3])) == zlib.adler32(data)


@crux_test
def hex_round_trip():
    data = symbolic(Bytes[3], "data")
    assert binascii.unhexlify(binascii.hexlify(data)) == data
    assert binascii.hexlify(data) == data.hex().encode()


@crux_test
def operators_as_functions():
    data = symbolic(Bytes[4], "data")
    x, y = symbolic(u8, "x"), symbolic(u8, "y")
    assert functools.reduce(operator.xor, data) == data[0] ^ data[1] ^ data[2] ^ data[3]
    assert operator.lt(x, y) == (x < y) and operator.contains(data, x) == (x in data)
    assert operator.not_(x) == (x == 0) and operator.neg(x) == -x


@crux_test
def concrete_calls_run_in_cpython():
    assert math.gcd(84, 36) == 12 and math.isqrt(99) == 9
    assert zlib.crc32(b"123456789") == 0xCBF43926


@crux_test
def unhexlify_of_any_text():
    data = symbolic(Bytes[2], "data")
    return binascii.unhexlify(data)


@crux_test
def wrong_crc_claim():
    data = symbolic(Bytes[2], "data")
    assert zlib.crc32(data) != 0xd8932aac  # the CRC of b"hi"


@crux_test
def gcd_of_symbolic():
    x = symbolic(u8, "x")
    return math.gcd(x, 12)
