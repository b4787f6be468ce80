"""Cryptographic specs through the evaluator: RFC 8439 ChaCha20 and FIPS 180-4 SHA-256/SHA-1,
concretely against the standards and hashlib, symbolically against the concrete backend."""

from __future__ import annotations

import hashlib
import random
import struct

from cryptol_sem_helpers import SPECS, fixture
from hypothesis import given, settings
from hypothesis import strategies as st

from crux_py.cryptol.pyapi import load_cryptol
from crux_py.term.concrete import evaluate
from crux_py.term.context import TermContext

RFC_KEY = list(range(32))
RFC_NONCE_232 = [0, 0, 0, 9, 0, 0, 0, 0x4A, 0, 0, 0, 0]
RFC_BLOCK_232 = bytes.fromhex(
    "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
    "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e")


def chacha_block_py(key: bytes, counter: int, nonce: bytes) -> bytes:
    """RFC 8439 §2.3 in plain Python, the oracle for random inputs."""
    def rotl(x: int, k: int) -> int:
        return ((x << k) | (x >> (32 - k))) & 0xFFFFFFFF

    def qr(s: list[int], a: int, b: int, c: int, d: int) -> None:
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF
        s[d] = rotl(s[d] ^ s[a], 16)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF
        s[b] = rotl(s[b] ^ s[c], 12)
        s[a] = (s[a] + s[b]) & 0xFFFFFFFF
        s[d] = rotl(s[d] ^ s[a], 8)
        s[c] = (s[c] + s[d]) & 0xFFFFFFFF
        s[b] = rotl(s[b] ^ s[c], 7)

    init = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574, *struct.unpack("<8I", key), counter,
            *struct.unpack("<3I", nonce)]
    s = list(init)
    for _ in range(10):
        for a, b, c, d in [(0, 4, 8, 12), (1, 5, 9, 13), (2, 6, 10, 14), (3, 7, 11, 15),
                           (0, 5, 10, 15), (1, 6, 11, 12), (2, 7, 8, 13), (3, 4, 9, 14)]:
            qr(s, a, b, c, d)
    return struct.pack("<16I", *[(x + y) & 0xFFFFFFFF for x, y in zip(s, init)])


def test_own_chacha20_matches_rfc8439() -> None:
    own = fixture("OwnChaCha20.cry")
    assert own.qr((0x11111111, 0x01020304, 0x9B8D6F43, 0x01234567)) == (
        0xEA2A92F4, 0xCB1CF8CE, 0x4581472E, 0x5881C4BB)  # §2.1.1
    assert bytes(own.block(RFC_KEY, 1, RFC_NONCE_232)) == RFC_BLOCK_232  # §2.3.2
    assert chacha_block_py(bytes(RFC_KEY), 1, bytes(RFC_NONCE_232)) == RFC_BLOCK_232
    assert all(p.check() for p in own.properties())


@settings(max_examples=15, deadline=None)
@given(key=st.binary(min_size=32, max_size=32), counter=st.integers(0, 2**32 - 1),
       nonce=st.binary(min_size=12, max_size=12))
def test_both_chacha20_specs_agree_with_python(key: bytes, counter: int, nonce: bytes) -> None:
    expected = chacha_block_py(key, counter, nonce)
    assert bytes(fixture("OwnChaCha20.cry").block(key, counter, nonce)) == expected
    assert bytes(load_cryptol(SPECS / "ChaCha20.cry").block(key, counter, nonce)) == expected


def test_project_chacha20_encrypts_any_length() -> None:
    spec = load_cryptol(SPECS / "ChaCha20.cry")
    key, nonce = bytes(range(32)), bytes(12)
    msg = bytes(range(200))
    stream = b"".join(chacha_block_py(key, 7 + i, nonce) for i in range(4))
    assert bytes(spec.encrypt(key, 7, nonce, msg)) == bytes(m ^ s for m, s in zip(msg, stream))
    assert spec.encrypt(key, 7, nonce, b"") == []


def test_symbolic_chacha20_block_agrees() -> None:
    spec = fixture("OwnChaCha20.cry")
    ctx = TermContext()
    key = [ctx.var(f"k{i}", 8) for i in range(32)]
    nonce = [ctx.var(f"n{i}", 8) for i in range(12)]
    counter = ctx.var("ctr", 32)
    inst = spec.block.resolve([[8] * 32, 32, [8] * 12])
    out = inst.call_symbolic(ctx, [key, counter, nonce])
    rng = random.Random(8439)
    for _ in range(3):
        k, n, c = bytes(rng.randrange(256) for _ in range(32)), bytes(rng.randrange(256) for _ in range(12)), \
            rng.randrange(2**32)
        env = {f"k{i}": k[i] for i in range(32)} | {f"n{i}": n[i] for i in range(12)} | {"ctr": c}
        cache: dict = {}
        assert bytes(evaluate(t, env, cache) for t in out) == chacha_block_py(k, c, n)


def test_own_sha256_computes_its_constants_and_hashes_abc() -> None:
    own = fixture("OwnSHA256.cry")
    spec = load_cryptol(SPECS / "SHA256.cry")
    assert own.K() == spec.K()  # cube roots of primes (own) == the listed constants (spec)
    assert bytes(own.sha256(b"abc")) == hashlib.sha256(b"abc").digest()


@settings(max_examples=12, deadline=None)
@given(msg=st.binary(min_size=0, max_size=130))
def test_sha256_of_random_messages(msg: bytes) -> None:
    expected = hashlib.sha256(msg).digest()
    assert bytes(fixture("OwnSHA256.cry").sha256(msg)) == expected
    assert bytes(load_cryptol(SPECS / "SHA256.cry").hash(msg)) == expected


def test_sha_family_specs_against_hashlib() -> None:
    msg = b"The quick brown fox jumps over the lazy dog" * 3
    for name, algo in [("SHA224.cry", "sha224"), ("SHA384.cry", "sha384"), ("SHA512.cry", "sha512")]:
        assert bytes(load_cryptol(SPECS / name).hash(msg)) == hashlib.new(algo, msg).digest(), name
    assert bytes(load_cryptol(SPECS / "SHA1.cry").hash(msg)) == hashlib.sha1(msg).digest()


def test_sha256_of_one_kibibyte() -> None:
    spec = load_cryptol(SPECS / "SHA256.cry")
    data = bytes(random.Random(1).randrange(256) for _ in range(1024))
    assert bytes(spec.hash(data)) == hashlib.sha256(data).digest()


def test_symbolic_sha256_compression_agrees_with_concrete() -> None:
    spec = load_cryptol(SPECS / "SHA256.cry")
    ctx = TermContext()
    words = [ctx.var(f"m{i}", 32) for i in range(16)]
    h0 = [0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19]
    inst = spec.compress.resolve([[32] * 8, [32] * 16])
    out = inst.call_symbolic(ctx, [h0, words])
    rng = random.Random(180)
    block = [rng.randrange(2**32) for _ in range(16)]
    env = {f"m{i}": block[i] for i in range(16)}
    cache: dict = {}
    assert [evaluate(t, env, cache) for t in out] == inst.call_concrete(h0, block)
