"""SHA-256 (FIPS 180-4), written the way an optimised library writes it.

Like ring's `block_data_order`: `compress_blocks` processes any number of
64-byte blocks per call, keeps a rolling 16-word message schedule, writes Ch
and Maj in their fewest-operation forms, and loads words with
`struct.unpack`. `SHA256` is a `hashlib`-like object (`update`, `digest`,
`hexdigest`) that buffers partial blocks and pads at the end. The round
helpers `t1`/`t2` are separate functions so that proofs can give them specs
(the paper's Figure 8); nothing else here knows it is being verified.
"""

from __future__ import annotations

import struct

MASK = 0xFFFFFFFF
BLOCK_BYTES = 64

K = (
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
    0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
    0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
    0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
)

INITIAL_STATE = (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)


def _rotr(x: int, n: int) -> int:
    return ((x >> n) | (x << (32 - n))) & MASK


def t1(e: int, f: int, g: int, h: int, k: int, w: int) -> int:
    """h + Σ1(e) + Ch(e, f, g) + K[t] + W[t], with Ch as g ^ (e & (f ^ g))."""
    big_sigma1 = _rotr(e, 6) ^ _rotr(e, 11) ^ _rotr(e, 25)
    return (h + big_sigma1 + (g ^ (e & (f ^ g))) + k + w) & MASK


def t2(a: int, b: int, c: int) -> int:
    """Σ0(a) + Maj(a, b, c), with Maj as (a & b) | (c & (a | b))."""
    big_sigma0 = _rotr(a, 2) ^ _rotr(a, 13) ^ _rotr(a, 22)
    return (big_sigma0 + ((a & b) | (c & (a | b)))) & MASK


def compress(state: list[int], block: bytes) -> list[int]:
    """The state after one 64-byte block (including the final addition)."""
    w = list(struct.unpack(">16I", block))
    a, b, c, d, e, f, g, h = state
    for t in range(64):
        if t >= 16:
            # The schedule rolls in place: w[t % 16] holds W[t-16] and becomes W[t].
            w15 = w[(t - 15) % 16]
            w2 = w[(t - 2) % 16]
            s0 = _rotr(w15, 7) ^ _rotr(w15, 18) ^ (w15 >> 3)
            s1 = _rotr(w2, 17) ^ _rotr(w2, 19) ^ (w2 >> 10)
            w[t % 16] = (w[t % 16] + s0 + w[(t - 7) % 16] + s1) & MASK
        temp1 = t1(e, f, g, h, K[t], w[t % 16])
        temp2 = t2(a, b, c)
        h, g, f, e = g, f, e, (d + temp1) & MASK
        d, c, b, a = c, b, a, (temp1 + temp2) & MASK
    return [(x + y) & MASK for x, y in zip(state, (a, b, c, d, e, f, g, h))]


def compress_blocks(state: list[int], data: bytes) -> list[int]:
    """Process every whole 64-byte block of `data` (ring's block_data_order)."""
    for offset in range(0, len(data) - len(data) % BLOCK_BYTES, BLOCK_BYTES):
        state = compress(state, data[offset:offset + BLOCK_BYTES])
    return state


def padding(length: int) -> bytes:
    """What follows a message of `length` bytes: 0x80, zeros, the bit length (§5.1.1)."""
    zeros = (55 - length) % BLOCK_BYTES
    return b"\x80" + bytes(zeros) + (8 * length).to_bytes(8, "big")


class SHA256:
    """A hashlib-like SHA-256 object."""

    digest_size = 32
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
        tail = self._buffer + padding(self._length)
        state = compress_blocks(self._state, tail)
        return struct.pack(">8I", *state)

    def hexdigest(self) -> str:
        return self.digest().hex()
