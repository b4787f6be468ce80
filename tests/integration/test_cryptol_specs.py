"""Our Cryptol specs (specs/cryptol) against independent implementations, and
the symbolic backend against the concrete one on them."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from hypothesis import given, settings
from hypothesis import strategies as st

from crux_py import load_cryptol
from crux_py.term.concrete import evaluate
from crux_py.term.context import TermContext

SPECS = Path(__file__).resolve().parents[2] / "specs" / "cryptol"
CHACHA = load_cryptol(SPECS / "ChaCha20.cry")
SHA1 = load_cryptol(SPECS / "SHA1.cry")
SHA2 = {name: load_cryptol(SPECS / f"{name.upper()}.cry") for name in ("sha224", "sha256", "sha384", "sha512")}


def chacha_reference(key: bytes, counter: int, nonce: bytes, data: bytes) -> bytes:
    cipher = Cipher(algorithms.ChaCha20(key, counter.to_bytes(4, "little") + nonce), mode=None)
    return cipher.encryptor().update(data)


@settings(max_examples=25, deadline=None)
@given(key=st.binary(min_size=32, max_size=32), nonce=st.binary(min_size=12, max_size=12),
       counter=st.integers(0, 2**32 - 8), data=st.binary(max_size=200))
def test_chacha20_spec_matches_the_cryptography_package(key: bytes, nonce: bytes, counter: int, data: bytes) -> None:
    assert bytes(CHACHA.block(key, counter, nonce)) == chacha_reference(key, counter, nonce, bytes(64))
    assert bytes(CHACHA.encrypt(key, counter, nonce, data)) == chacha_reference(key, counter, nonce, data)


@settings(max_examples=30, deadline=None)
@given(message=st.binary(max_size=300))
def test_sha_specs_match_hashlib(message: bytes) -> None:
    assert bytes(SHA1.hash(message)) == hashlib.sha1(message).digest()
    for name, module in SHA2.items():
        assert bytes(module.hash(message)) == hashlib.new(name, message).digest(), name


def _leaves(ctx: TermContext, prefix: str, widths: list[int]) -> list:
    return [ctx.var(f"{prefix}{i}", w) for i, w in enumerate(widths)]


@pytest.mark.parametrize("seed", range(3))
def test_symbolic_chacha20_block_agrees_with_concrete(seed: int) -> None:
    ctx = TermContext()
    key, nonce, counter = _leaves(ctx, "k", [8] * 32), _leaves(ctx, "n", [8] * 12), ctx.var("c", 32)
    instance = CHACHA.block.resolve([[8] * 32, 32, [8] * 12])
    block = instance.call_symbolic(ctx, [key, counter, nonce], [])
    rng = random.Random(seed)
    values = {v.name: rng.getrandbits(v.width) for v in key + nonce + [counter]}
    concrete = CHACHA.block(bytes(values[f"k{i}"] for i in range(32)), values["c"],
                            bytes(values[f"n{i}"] for i in range(12)))
    assert [evaluate(t, values) if not isinstance(t, int) else t for t in block] == concrete


@pytest.mark.parametrize("seed", range(3))
def test_symbolic_sha256_compress_agrees_with_concrete(seed: int) -> None:
    ctx = TermContext()
    h, m = _leaves(ctx, "h", [32] * 8), _leaves(ctx, "m", [32] * 16)
    out = SHA2["sha256"].compress.resolve([[32] * 8, [32] * 16]).call_symbolic(ctx, [h, m], [])
    rng = random.Random(seed)
    values = {v.name: rng.getrandbits(32) for v in h + m}
    expected = SHA2["sha256"].compress([values[f"h{i}"] for i in range(8)], [values[f"m{i}"] for i in range(16)])
    assert [evaluate(t, values) for t in out] == expected
