"""`zlib.crc32`, `zlib.adler32`, `binascii.crc32`, `binascii.hexlify` and
`binascii.unhexlify` in plain Python for the simulator, used when an operand
is symbolic (concrete calls still go to CPython). Each behaves as the C
function does, errors included (tests/unit/sim/test_sim_library_functions.py
compares them on random inputs)."""

from __future__ import annotations

import binascii


def _crc_table() -> list[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC_TABLE = _crc_table()


def _data(data: object) -> bytes:
    if isinstance(data, str) or not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"a bytes-like object is required, not '{type(data).__name__}'")
    return bytes(data)


def _start(value: object) -> int:
    if not isinstance(value, int):
        raise TypeError(f"'{type(value).__name__}' object cannot be interpreted as an integer")
    return value & 0xFFFFFFFF


def crc32(data: object, value: object = 0, /) -> int:
    raw = _data(data)  # checked before the start value, as CPython does
    crc = _start(value) ^ 0xFFFFFFFF
    for byte in raw:
        crc = _CRC_TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def adler32(data: object, value: object = 1, /) -> int:
    # zlib's own order of reductions: a start value whose halves are not
    # reduced below 65521 stays unreduced in some results, as in zlib.
    raw = _data(data)
    start = _start(value)
    a, b = start & 0xFFFF, start >> 16
    if len(raw) == 1:
        a += raw[0]
        if a >= 65521:
            a -= 65521
        b += a
        if b >= 65521:
            b -= 65521
        return (b << 16) | a
    if len(raw) < 16:
        for byte in raw:
            a += byte
            b += a
        if a >= 65521:
            a -= 65521
        return ((b % 65521) << 16) | a
    for block in range(0, len(raw), 5552):
        for byte in raw[block:block + 5552]:
            a += byte
            b += a
        a %= 65521
        b %= 65521
    return (b << 16) | a


def hexlify(data: object, sep: object = None, bytes_per_sep: int = 1) -> bytes:
    raw = _data(data)
    text = raw.hex() if sep is None else raw.hex(sep, bytes_per_sep)  # type: ignore[arg-type]
    return text.encode("ascii")


def _digit(c: int) -> int:
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 102:
        return c - 87
    if 65 <= c <= 70:
        return c - 55
    raise binascii.Error("Non-hexadecimal digit found")


def unhexlify(hexstr: object, /) -> bytes:
    if isinstance(hexstr, str):
        if not hexstr.isascii():
            raise ValueError("string argument should contain only ASCII characters")
        hexstr = hexstr.encode("ascii")
    elif not isinstance(hexstr, (bytes, bytearray, memoryview)):
        raise TypeError(f"argument should be bytes, buffer or ASCII string, not '{type(hexstr).__name__}'")
    raw = bytes(hexstr)
    if len(raw) % 2:
        raise binascii.Error("Odd-length string")
    return bytes([_digit(raw[i]) * 16 + _digit(raw[i + 1]) for i in range(0, len(raw), 2)])
