"""SHA-1 (FIPS 180-4 §6.1), written the way an optimised library writes it.

Like ring's `block_data_order`: `compress_blocks` processes any number of
64-byte blocks per call, the message schedule is a rolling window of sixteen
words updated in place rather than the standard's eighty, Ch and Maj are
written in their fewest-operation forms, and words are loaded with
`struct.unpack`. `SHA1` is a `hashlib`-like object (`update`, `digest`,
`hexdigest`) that buffers partial blocks and pads at the end. Nothing here
knows it is being verified.
"""

from __future__ import annotations

import struct

MASK = 0xFFFFFFFF
BLOCK_BYTES = 64

INITIAL_STATE = (0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0)


def _rotl(x: int, n: int) -> int:
    return ((x << n) | (x >> (32 - n))) & MASK


def compress(state: list[int], block: bytes) -> list[int]:
    """The state after one 64-byte block (including the final addition)."""
    w = list(struct.unpack(">16I", block))
    a, b, c, d, e = state
    for t in range(80):
        if t >= 16:
            # Only the last sixteen schedule words are ever read again, so
            # w[t % 16], which holds W[t-16], is overwritten with W[t].
            w[t % 16] = _rotl(w[(t - 3) % 16] ^ w[(t - 8) % 16] ^ w[(t - 14) % 16] ^ w[t % 16], 1)
        if t < 20:
            # Ch with one AND instead of two and a NOT.
            f = d ^ (b & (c ^ d))
            k = 0x5A827999
        elif t < 40:
            f = b ^ c ^ d
            k = 0x6ED9EBA1
        elif t < 60:
            # Maj with two ANDs instead of three.
            f = (b & c) | (d & (b | c))
            k = 0x8F1BBCDC
        else:
            f = b ^ c ^ d
            k = 0xCA62C1D6
        temp = (_rotl(a, 5) + f + e + k + w[t % 16]) & MASK
        e, d, c, b, a = d, c, _rotl(b, 30), a, temp
    return [(x + y) & MASK for x, y in zip(state, (a, b, c, d, e))]


def compress_blocks(state: list[int], data: bytes) -> list[int]:
    """Process every whole 64-byte block of `data` (ring's block_data_order)."""
    for offset in range(0, len(data) - len(data) % BLOCK_BYTES, BLOCK_BYTES):
        state = compress(state, data[offset:offset + BLOCK_BYTES])
    return state


def padding(length: int) -> bytes:
    """What follows a message of `length` bytes: 0x80, zeros, the bit length (§5.1.1)."""
    zeros = (55 - length) % BLOCK_BYTES
    return b"\x80" + bytes(zeros) + (8 * length).to_bytes(8, "big")


class SHA1:
    """A hashlib-like SHA-1 object."""

    digest_size = 20
    block_size = BLOCK_BYTES

    def __init__(self, data: bytes = b"") -> None:
        self._state = list(INITIAL_STATE)
        self._buffer = b""
        self._length = 0
        self.update(data)

    def update(self, data: bytes) -> None:
        self._length += len(data)
        buffered = self._buffer + data
        whole = len(buffered) - len(buffered) % BLOCK_BYTES
        self._state = compress_blocks(self._state, buffered[:whole])
        self._buffer = buffered[whole:]

    def digest(self) -> bytes:
        # Padding a copy leaves the object usable for further updates, as hashlib's is.
        tail = self._buffer + padding(self._length)
        state = compress_blocks(self._state, tail)
        return struct.pack(">5I", *state)

    def hexdigest(self) -> str:
        return self.digest().hex()
