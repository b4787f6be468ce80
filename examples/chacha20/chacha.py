"""The ChaCha stream cipher (RFC 8439), written the way a Python library would.

Structured like RustCrypto's `chacha20` core (the Crux paper's Figure 5): a
`Core` holds the state words and is parameterised by its number of rounds
(`ChaCha8`, `ChaCha12`, `ChaCha20`), `Core.new(key, iv)` loads the key and
nonce, `generate(counter, output)` fills a 64-byte keystream block, and the
private `_rounds` runs the rounds and the final addition. `encrypt` XORs a
message of any length with the keystream. Plain Python: nothing here knows
it is being verified.
"""

from __future__ import annotations

import struct

STATE_WORDS = 16
BLOCK_SIZE = 64
KEY_SIZE = 32
NONCE_SIZE = 12
CONSTANTS = (0x61707865, 0x3320646E, 0x79622D32, 0x6B206574)  # "expand 32-byte k"
MASK = 0xFFFFFFFF


def quarter_round(x: list[int], a: int, b: int, c: int, d: int) -> None:
    x[a] = (x[a] + x[b]) & MASK
    x[d] ^= x[a]
    x[d] = ((x[d] << 16) & MASK) | (x[d] >> 16)
    x[c] = (x[c] + x[d]) & MASK
    x[b] ^= x[c]
    x[b] = ((x[b] << 12) & MASK) | (x[b] >> 20)
    x[a] = (x[a] + x[b]) & MASK
    x[d] ^= x[a]
    x[d] = ((x[d] << 8) & MASK) | (x[d] >> 24)
    x[c] = (x[c] + x[d]) & MASK
    x[b] ^= x[c]
    x[b] = ((x[b] << 7) & MASK) | (x[b] >> 25)


class Core:
    """A ChaCha core: the 16 state words; `ROUNDS` says which variant it is."""

    ROUNDS = 20

    def __init__(self, state: list[int]) -> None:
        self.state = state

    @classmethod
    def new(cls, key: bytes, iv: bytes) -> Core:
        if len(key) != KEY_SIZE:
            raise ValueError(f"key must be {KEY_SIZE} bytes")
        if len(iv) != NONCE_SIZE:
            raise ValueError(f"nonce must be {NONCE_SIZE} bytes")
        state = list(CONSTANTS) + list(struct.unpack("<8I", key)) + [0] + list(struct.unpack("<3I", iv))
        return cls(state)

    def _rounds(self, state: list[int]) -> list[int]:
        """The rounds, then the addition of the input state (RFC 8439 §2.3)."""
        x = list(state)
        for _ in range(self.ROUNDS // 2):
            quarter_round(x, 0, 4, 8, 12)
            quarter_round(x, 1, 5, 9, 13)
            quarter_round(x, 2, 6, 10, 14)
            quarter_round(x, 3, 7, 11, 15)
            quarter_round(x, 0, 5, 10, 15)
            quarter_round(x, 1, 6, 11, 12)
            quarter_round(x, 2, 7, 8, 13)
            quarter_round(x, 3, 4, 9, 14)
        return [(a + b) & MASK for a, b in zip(x, state)]

    def generate(self, counter: int, output: bytearray) -> None:
        """Fill `output` with the keystream block for block counter `counter`."""
        state = list(self.state)
        state[12] = counter & MASK
        for i, word in enumerate(self._rounds(state)):
            output[4 * i:4 * i + 4] = word.to_bytes(4, "little")


class ChaCha8(Core):
    ROUNDS = 8


class ChaCha12(Core):
    ROUNDS = 12


class ChaCha20(Core):
    ROUNDS = 20


def encrypt(key: bytes, counter: int, nonce: bytes, data: bytes) -> bytes:
    """ChaCha20 encryption (and decryption) of `data`, starting at block `counter`."""
    core = ChaCha20.new(key, nonce)
    out = bytearray(len(data))
    block = bytearray(BLOCK_SIZE)
    for offset in range(0, len(data), BLOCK_SIZE):
        core.generate(counter + offset // BLOCK_SIZE, block)
        chunk = data[offset:offset + BLOCK_SIZE]
        out[offset:offset + len(chunk)] = bytes([x ^ y for x, y in zip(chunk, block)])
    return bytes(out)
