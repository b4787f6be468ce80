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


ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def my_b64(data):
    out = []
    for i in range(0, len(data) - 2, 3):
        n = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]
        out.append(ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63])
    return "".join(out)


@crux_test
def base64_by_hand_equals_the_library():
    import base64

    data = symbolic(Bytes[6], "data")
    assert my_b64(data) == base64.b64encode(data).decode("ascii")
    assert binascii.b2a_base64(data[:4], newline=False) == base64.b64encode(data[:4])


@crux_test
def decode_ascii_of_any_bytes():
    data = symbolic(Bytes[1], "data")
    return (b"A" + data).decode("ascii")


@crux_test
def decode_latin1_round_trip():
    data = symbolic(Bytes[3], "data")
    text = data.decode("latin-1")
    assert len(text) == 3 and [ord(c) for c in text] == list(data)


@crux_test
def unpack_from_a_moving_offset():
    import struct

    data = symbolic(Bytes[:6], "data")
    pos = data[0] % 4 if data else 0
    try:
        (value,) = struct.unpack_from(">H", data, pos)
    except struct.error:
        value = -1
    assert value == -1 or value == (data[pos] << 8 | data[pos + 1])
    assert struct.unpack_from("<B", b"\x01\x02", -1) == (2,)


@crux_test
def bit_lengths_and_minimal_encodings():
    x = symbolic(u32, "x") >> 16
    n = x.bit_length()
    assert n <= 16 and (x == 0 or 2 ** (n - 1) <= x < 2 ** n)  # `**` sees n >= 1 on its path
    assert (-x).bit_length() == n and x.bit_count() == sum((x >> k) & 1 for k in range(16))
    encoded = x.to_bytes((n + 7) // 8, "big")
    assert int.from_bytes(encoded, "big") == x and len(encoded) <= 2
    padding = bytes(symbolic(u8, "k") % 4)
    assert len(padding) < 4 and padding.count(0) == len(padding)


@crux_test
def wrong_bit_length_claim():
    x = symbolic(u8, "x")
    assert x.bit_length() < 8
