"""Functions of C modules (`sim/library_models.py`): operator's functions,
zlib/binascii checksums and hex conversion on symbolic data through
plain-Python stand-ins that agree with CPython (errors included), pure math
functions on concrete arguments, and UnsupportedFeature for the rest."""

from __future__ import annotations

import binascii
import zlib

import pytest
import sim_library_programs as P
import sim_outcomes
from hypothesis import given, settings
from hypothesis import strategies as st

from crux_py.driver import ProofSettings, Status, run_symbolic_test
from crux_py.sim.stdlib import binascii_checksums as B

SETTINGS = ProofSettings(timeout=60.0)


def outcome_of(fn, *args):  # type: ignore[no-untyped-def]
    try:
        return ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001 - the exception is what is compared
        return (type(e).__name__, str(e))


start = st.one_of(st.integers(-2**40, 2**40), st.sampled_from([0, 1, 0xFFFFFFFF, 65521, 65520 << 16]), st.just("x"))
data = st.one_of(st.binary(max_size=40), st.text(max_size=3), st.integers())


@settings(max_examples=300, deadline=None)
@given(data, start)
def test_checksums_agree_with_cpython(d, value) -> None:  # type: ignore[no-untyped-def]
    assert outcome_of(B.crc32, d, value) == outcome_of(zlib.crc32, d, value) == outcome_of(binascii.crc32, d, value)
    assert outcome_of(B.adler32, d, value) == outcome_of(zlib.adler32, d, value)
    assert outcome_of(B.hexlify, d) == outcome_of(binascii.hexlify, d)


hexish = st.one_of(st.text(alphabet="0123456789abcdefABCDEFgé ", max_size=6),
                   st.binary(max_size=6), st.integers(), st.none())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=10), st.booleans())
def test_base64_agrees_with_cpython(d, newline) -> None:  # type: ignore[no-untyped-def]
    assert B.b2a_base64(d, newline=newline) == binascii.b2a_base64(d, newline=newline)


@settings(max_examples=300, deadline=None)
@given(hexish)
def test_unhexlify_agrees_with_cpython(s) -> None:  # type: ignore[no-untyped-def]
    assert outcome_of(B.unhexlify, s) == outcome_of(binascii.unhexlify, s)


@pytest.mark.parametrize("fn", [P.zlib_crc32_of_symbolic_bytes, P.adler32_splits, P.hex_round_trip,
                                P.operators_as_functions, P.concrete_calls_run_in_cpython,
                                P.base64_by_hand_equals_the_library, P.decode_latin1_round_trip,
                                P.unpack_from_a_moving_offset, P.bit_lengths_and_minimal_encodings],
                         ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.proved(fn, SETTINGS)


@pytest.mark.parametrize("fn, message", [
    (P.unhexlify_of_any_text, "raised Error('Non-hexadecimal digit found')"),
    (P.decode_ascii_of_any_bytes, "UnicodeDecodeError: 'ascii' codec can't decode the byte in position 1: ordinal "
                                  "not in range(128)"),
    (P.wrong_bit_length_claim, "assertion failed: x.bit_length() < 8"),
    (P.wrong_crc_claim, "assertion failed: zlib.crc32(data) != %s" % hex(zlib.crc32(b"hi"))),
], ids=lambda v: getattr(v, "__name__", ""))
def test_refuted_and_replayed(fn, message: str) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.refuted_everywhere(fn, SETTINGS, message)


def test_other_symbolic_calls_are_unsupported() -> None:
    outcome = run_symbolic_test(P.gcd_of_symbolic, SETTINGS)
    assert outcome.status is Status.ERROR
    assert "math.gcd() of symbolic arguments" in outcome.error
    assert "sim_library_programs.py:" in outcome.error
