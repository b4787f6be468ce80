"""SHA-1 proved equal to its specifications: the Cryptol spec
(specs/cryptol/SHA1.cry) and the functional Python reference.

* `compress_equals_cryptol` / `compress_equals_reference`: one block of the
  optimised `compress` (rolling schedule, short Ch and Maj) equals the spec's.
* `hash_equals_cryptol_*`: the hashlib-like `SHA1` object's digest equals the
  spec's `hash` for messages of 0, 1, 55, 56, 64 and 119 symbolic bytes, the
  lengths where the padding spills into a new block or does not.
* FIPS 180-4 example vectors and a differential test against `hashlib`, as
  ordinary tests.
"""

import hashlib
import random
import struct
from pathlib import Path

from crux_py import Bytes, crux_test, load_cryptol, symbolic, u32

from sha1 import reference
from sha1.sha1 import SHA1, compress

SPECS = Path(__file__).resolve().parents[2] / "specs" / "cryptol"
cryptol = load_cryptol(SPECS / "SHA1.cry")


def words_of(block):
    return list(struct.unpack(">16I", block))


@crux_test
def compress_equals_cryptol():
    state = symbolic(u32[5], "state")
    block = symbolic(Bytes[64], "block")
    assert compress(state, block) == cryptol.compress(state, words_of(block))


@crux_test
def compress_equals_reference():
    state = symbolic(u32[5], "state")
    block = symbolic(Bytes[64], "block")
    assert compress(state, block) == reference.compress(state, words_of(block))


def check_hash(n):
    msg = symbolic(Bytes[n], "msg")
    assert SHA1(msg).digest() == bytes(cryptol.hash(msg))


@crux_test
def hash_equals_cryptol_0():
    check_hash(0)


@crux_test
def hash_equals_cryptol_1():
    check_hash(1)


@crux_test
def hash_equals_cryptol_55():
    check_hash(55)


@crux_test
def hash_equals_cryptol_56():
    check_hash(56)


@crux_test
def hash_equals_cryptol_64():
    check_hash(64)


@crux_test
def hash_equals_cryptol_119():
    check_hash(119)


# FIPS 180-4 examples (NIST CSRC "Cryptographic Standards and Guidelines:
# Examples with Intermediate Values", SHA-1), plus the empty message.
VECTORS = [
    (b"abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
    (b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
    (b"", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
]

MILLION_A = "34aa973cd4c4daa4f61eeb2bdbad27316534016f"


def test_fips_vectors():
    for message, expected in VECTORS:
        assert SHA1(message).hexdigest() == expected
        assert reference.sha1(message).hex() == expected


def test_one_million_a():
    h = SHA1()
    # 1000 is not a multiple of 64, so most updates leave a partial block buffered.
    for _ in range(1000):
        h.update(b"a" * 1000)
    assert h.hexdigest() == MILLION_A
    assert reference.sha1(b"a" * 1_000_000).hex() == MILLION_A


def test_digest_size_and_repeated_digest():
    h = SHA1(b"ab")
    assert (h.digest_size, h.block_size) == (20, 64)
    assert len(h.digest()) == 20
    h.update(b"c")
    assert h.digest() == h.digest() == hashlib.sha1(b"abc").digest()


def test_differential_against_hashlib():
    rng = random.Random(180_4)
    for length in range(301):
        message = rng.randbytes(length)
        expected = hashlib.sha1(message).digest()
        assert SHA1(message).digest() == expected, length
        assert reference.sha1(message) == expected, length
        cut = sorted(rng.randrange(length + 1) for _ in range(2))
        h = SHA1(message[:cut[0]])
        h.update(message[cut[0]:cut[1]])
        h.update(message[cut[1]:])
        assert h.digest() == expected, (length, cut)
