"""ChaCha20 proved equal to our Cryptol specification (specs/cryptol/ChaCha20.cry).

* `rounds_equiv` (the paper's Figure 6): `_rounds` equals ten double rounds of
  the spec plus the final addition; a spec that stands in for `_rounds`.
* `block_equiv` (Figure 7): `new` + `generate` equals the spec's `block`,
  using `rounds_equiv`; `block_equiv_monolithic` proves the same without it.
* `encrypt_equiv_*`: `encrypt` equals the spec's `encrypt` for messages of 1,
  64, 65 and 256 symbolic bytes.
* RFC 8439 test vectors, as ordinary tests.
"""

from pathlib import Path

from crux_py import Bytes, assume, crux_spec_for, crux_test, load_cryptol, symbolic, u32

from chacha20.chacha import ChaCha20, Core, encrypt

spec = load_cryptol(Path(__file__).resolve().parents[2] / "specs" / "cryptol" / "ChaCha20.cry")


@crux_spec_for(Core._rounds)
def rounds_equiv():
    core = ChaCha20(symbolic(u32[16], "core"))
    state = symbolic(u32[16], "state")
    out = core._rounds(state)
    assert out == [(a + b) & 0xFFFFFFFF for a, b in zip(spec.rounds(state), state)]


@crux_test
def block_equiv():
    rounds_equiv.enable()
    key = symbolic(Bytes[32], "key")
    nonce = symbolic(Bytes[12], "nonce")
    counter = symbolic(u32, "counter")
    out = bytearray(64)
    ChaCha20.new(key, nonce).generate(counter, out)
    assert bytes(out) == bytes(spec.block(key, counter, nonce))


@crux_test
def block_equiv_monolithic():
    key = symbolic(Bytes[32], "key")
    nonce = symbolic(Bytes[12], "nonce")
    counter = symbolic(u32, "counter")
    out = bytearray(64)
    ChaCha20.new(key, nonce).generate(counter, out)
    assert bytes(out) == bytes(spec.block(key, counter, nonce))


def check_encrypt(n):
    key = symbolic(Bytes[32], "key")
    nonce = symbolic(Bytes[12], "nonce")
    counter = symbolic(u32, "counter")
    data = symbolic(Bytes[n], "data")
    assume_no_wrap(counter, n)
    assert encrypt(key, counter, nonce, data) == bytes(spec.encrypt(key, counter, nonce, data))


def assume_no_wrap(counter, n):
    # encrypt uses Python ints for counter + i; the spec wraps at 2**32. Both
    # agree while the block counter does not pass 2**32 - 1 (RFC 8439 §2.4).
    assume(counter + (n - 1) // 64 < 2**32)


@crux_test
def encrypt_equiv_1():
    check_encrypt(1)


@crux_test
def encrypt_equiv_64():
    check_encrypt(64)


@crux_test
def encrypt_equiv_65():
    check_encrypt(65)


@crux_test
def encrypt_equiv_256():
    check_encrypt(256)


RFC_KEY = bytes(range(32))


def test_rfc8439_block_vector():
    """RFC 8439 §2.3.2."""
    out = bytearray(64)
    ChaCha20.new(RFC_KEY, bytes.fromhex("000000090000004a00000000")).generate(1, out)
    assert out.hex() == ("10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                         "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e")


def test_rfc8439_encryption_vector():
    """RFC 8439 §2.4.2."""
    plaintext = (b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
                 b"future, sunscreen would be it.")
    ciphertext = encrypt(RFC_KEY, 1, bytes.fromhex("000000000000004a00000000"), plaintext)
    assert ciphertext.hex() == (
        "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b357"
        "1639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
        "5af90bbf74a35be6b40b8eedf2785e42874d")
    assert encrypt(RFC_KEY, 1, bytes.fromhex("000000000000004a00000000"), ciphertext) == plaintext


def test_rfc8439_appendix_a1_vectors():
    """RFC 8439 Appendix A.1, test vectors 1 and 2 (all-zero key and nonce)."""
    out = bytearray(64)
    ChaCha20.new(bytes(32), bytes(12)).generate(0, out)
    assert out.hex() == ("76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                         "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586")
    ChaCha20.new(bytes(32), bytes(12)).generate(1, out)
    assert out.hex() == ("9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
                         "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f")
