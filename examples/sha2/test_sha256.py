"""SHA-256 proved equal to its specifications: the Cryptol spec
(specs/cryptol/SHA256.cry) and the functional Python reference.

* `compress_equals_cryptol` / `compress_equals_reference`: one block of the
  optimised `compress` (rolling schedule, short Ch and Maj, no
  factorisation) equals the spec's, monolithically.
* `compress_compositional` (the paper's Figure 8): the same with the
  per-round specs `t1_spec` and `t2_spec` standing in for `t1` and `t2`.
* `hash_equals_cryptol_*`: the hashlib-like `SHA256` object's digest equals
  the spec's `hash` for messages of 0, 1, 55, 56, 64 and 119 symbolic bytes,
  the lengths where the padding spills into a new block or does not.
* FIPS 180-4 example vectors and a differential test against `hashlib`, as
  ordinary tests.
"""

import hashlib
import random
import struct
from pathlib import Path

from crux_py import Bytes, crux_spec_for, crux_test, load_cryptol, symbolic, u32

from sha2 import reference
from sha2.sha256 import MASK, SHA256, compress, t1, t2

SPECS = Path(__file__).resolve().parents[2] / "specs" / "cryptol"
cryptol = load_cryptol(SPECS / "SHA256.cry")


def words_of(block):
    return list(struct.unpack(">16I", block))


@crux_test
def compress_equals_cryptol():
    state = symbolic(u32[8], "state")
    block = symbolic(Bytes[64], "block")
    assert compress(state, block) == cryptol.compress(state, words_of(block))


@crux_test
def compress_equals_reference():
    state = symbolic(u32[8], "state")
    block = symbolic(Bytes[64], "block")
    assert compress(state, block) == reference.compress(state, words_of(block))


@crux_spec_for(t1)
def t1_spec():
    e, f, g, h = symbolic(u32, "e"), symbolic(u32, "f"), symbolic(u32, "g"), symbolic(u32, "h")
    k, w = symbolic(u32, "k"), symbolic(u32, "w")
    assert t1(e, f, g, h, k, w) == (h + cryptol.BigSigma1(e) + cryptol.Ch(e, f, g) + k + w) & MASK


@crux_spec_for(t2)
def t2_spec():
    a, b, c = symbolic(u32, "a"), symbolic(u32, "b"), symbolic(u32, "c")
    assert t2(a, b, c) == (cryptol.BigSigma0(a) + cryptol.Maj(a, b, c)) & MASK


@crux_test(uses=[t1_spec, t2_spec])
def compress_compositional():
    state = symbolic(u32[8], "state")
    block = symbolic(Bytes[64], "block")
    assert compress(state, block) == cryptol.compress(state, words_of(block))


def check_hash(n):
    msg = symbolic(Bytes[n], "msg")
    assert SHA256(msg).digest() == bytes(cryptol.hash(msg))


@crux_test
def hash_equals_cryptol_0():
    check_hash(0)


# The one proof here that needs the equivalence engine (its 400-odd small
# queries take about 25 s); room for a loaded machine.
@crux_test(timeout=300)
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


@crux_test
def hash_equals_reference_56():
    msg = symbolic(Bytes[56], "msg")
    assert SHA256(msg).digest() == reference.sha256(msg)


# FIPS 180-4 examples (NIST CSRC "Examples with Intermediate Values",
# SHA-256), plus the empty message.
VECTORS = [
    (b"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    (b"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
]

MILLION_A = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"


def test_fips_vectors():
    for message, expected in VECTORS:
        assert SHA256(message).hexdigest() == expected
        assert reference.sha256(message).hex() == expected
        assert bytes(cryptol.hash(message)).hex() == expected


def test_one_million_a():
    h = SHA256()
    # 1000 is not a multiple of 64, so most updates leave a partial block buffered.
    for _ in range(1000):
        h.update(b"a" * 1000)
    assert h.hexdigest() == MILLION_A


def test_digest_size_and_repeated_digest():
    h = SHA256(b"ab")
    assert (h.digest_size, h.block_size) == (32, 64)
    h.update(b"c")
    assert h.digest() == h.digest() == hashlib.sha256(b"abc").digest()


def test_differential_against_hashlib():
    rng = random.Random(180_4)
    for length in range(301):
        message = rng.randbytes(length)
        expected = hashlib.sha256(message).digest()
        assert SHA256(message).digest() == expected, length
        assert reference.sha256(message) == expected, length
        cut = sorted(rng.randrange(length + 1) for _ in range(2))
        h = SHA256(message[:cut[0]])
        h.update(message[cut[0]:cut[1]])
        h.update(message[cut[1]:])
        assert h.digest() == expected, (length, cut)
