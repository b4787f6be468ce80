"""Unsigned LEB128 (the varint of protobuf, WebAssembly and DWARF), written
the way a small pure-Python library writes it.

`encode(n)` gives seven bits per byte, least significant group first, with
the high bit set on every byte but the last. `decode(data)` returns the value
and the number of bytes read; it raises `DecodeError` (a `ValueError`) for
truncated input, for more than `MAX_BYTES` bytes, and for encodings that are
not the shortest one or overflow 64 bits, so that every value has exactly one
encoding.
"""

from __future__ import annotations

MAX_BYTES = 10  # ceil(64 / 7)


class DecodeError(ValueError):
    """Input that is not a canonical LEB128 encoding of a 64-bit value."""


def encode(n: int) -> bytes:
    if n < 0 or n >= 1 << 64:
        raise ValueError("LEB128 encodes integers in [0, 2**64)")
    out = bytearray()
    while True:
        group = n & 0x7F
        n >>= 7
        if n:
            out.append(group | 0x80)
        else:
            out.append(group)
            return bytes(out)


def decode(data: bytes, offset: int = 0) -> tuple[int, int]:
    """The value encoded at `data[offset:]` and how many bytes it takes."""
    value = 0
    shift = 0
    for i in range(offset, len(data)):
        if i - offset == MAX_BYTES:
            raise DecodeError("varint longer than 10 bytes")
        byte = data[i]
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            if byte == 0 and i > offset:
                raise DecodeError("varint with a redundant zero byte")
            if value >> 64:
                raise DecodeError("varint above 2**64 - 1")
            return value, i - offset + 1
        shift += 7
    raise DecodeError("truncated varint")
