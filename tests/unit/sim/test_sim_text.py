"""Hex text of symbolic data (`TextVal`): bytes.hex(), hex formats of
symbolic ints, decimal text (`str(x)`, `%d`, `format(x, "d")`), and the ways back (fromhex, int(text, 16), encode); a
hashlib-style hexdigest proved against a `"%08x"` reference, mutants and
Python errors refuted with replaying counterexamples, what is not modelled
unsupported."""

from __future__ import annotations

import random
import zlib

import pytest
import sim_text_programs as P
import sim_outcomes

from crux_py.driver import ProofSettings, Status, run_symbolic_test
from crux_py.report.text import format_outcome

SETTINGS = ProofSettings(timeout=60.0)


def test_the_toy_checksum_is_adler32() -> None:
    rng = random.Random(7)
    for n in range(12):
        data = bytes(rng.randrange(256) for _ in range(n))
        assert P.Checksum32().update(data).hexdigest() == f"{zlib.adler32(data):08x}"
        assert P.adler32_reference(data) == zlib.adler32(data)


def test_fromhex_of_concrete_strings_is_cpythons() -> None:
    outcome = run_symbolic_test(P.concrete_fromhex, SETTINGS)
    assert outcome.status is Status.PROVED, [g.message for g in outcome.failures] or outcome.error


@pytest.mark.parametrize("fn", [P.hexdigest_matches_reference, P.hex_text_operations, P.hex_text_merges_on_branches,
                                P.hex_separators_where_cpython_puts_them, P.decimal_text_of_symbolic_ints],
                         ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.proved(fn, SETTINGS)


@pytest.mark.parametrize("fn, message", [
    (P.wrong_digit_count, "assertion failed: len(str(x)) < 5"),
    (P.decimal_text_of_symbolic_int, 'assertion failed: format(x, "d") != "7"'),
    (P.decimal_percent_format, 'assertion failed: "%d" % x != "7"'),
    (P.wrong_byte_order_in_hexdigest, ('assertion failed: LittleEndianChecksum32().update(data).hexdigest() == '
                                       '"%08x" % adler32_reference(data)')),
    (P.fromhex_of_an_odd_length, "ValueError: non-hexadecimal number found in fromhex() arg at position 3"),
    (P.wrong_claim_about_hex_text, 'assertion failed: f"{x:08x}" != "00c0ffee"'),
    (P.hex_text_index_out_of_range, "IndexError: string index out of range"),
    (P.too_few_format_arguments, "TypeError: not enough arguments for format string"),
    (P.format_method_with_a_missing_field, "IndexError: Replacement index 1 out of range for positional args tuple"),
    (P.wrong_claim_about_substrings, 'assertion failed: "0f0" not in data.hex()'),
    (P.non_ascii_text_encoded_as_ascii,
     "UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 4: ordinal not in range(128)"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_refuted_and_replayed(fn, message: str) -> None:  # type: ignore[no-untyped-def]
    outcome = run_symbolic_test(fn, SETTINGS)
    assert outcome.status is Status.REFUTED, outcome.error
    (goal,) = outcome.failures
    assert goal.message == message
    assert goal.counterexample.replay.reproduced, goal.counterexample.replay.detail  # type: ignore[union-attr]
    assert "data" in format_outcome(outcome) or "x" in format_outcome(outcome)


def test_a_refuted_hexdigest_names_the_bytes() -> None:
    outcome = run_symbolic_test(P.wrong_claim_about_hex_text, SETTINGS)
    (goal,) = outcome.failures
    (x,) = [i.value for i in goal.counterexample.inputs]  # type: ignore[union-attr]
    assert x == 0xC0FFEE and "0xc0ffee" in format_outcome(outcome)


@pytest.mark.parametrize("fn, construct", [
    (P.variable_length_hex_text, "`==` on a string formatted from symbolic values in a way that is not modelled"),
    (P.int_of_arbitrary_symbolic_text, "int(text, 16) of a symbolic string that may not be all hex digits"),
    (P.decimal_int_of_hex_text, "int() with base 10 of a str with symbolic characters (base 16 is modelled)"),
    (P.format_method_with_a_decimal_field, "str.format() of a symbolic int with spec 'd'"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_unsupported(fn, construct: str) -> None:  # type: ignore[no-untyped-def]
    outcome = run_symbolic_test(fn, SETTINGS)
    assert outcome.status is Status.ERROR
    assert construct in outcome.error


def test_an_f_string_message_is_exact_text() -> None:
    # x > 200 on the failing path: three digits, each symbolic (shown as ?)
    outcome = run_symbolic_test(P.message_with_a_number, SETTINGS)
    assert outcome.status is Status.REFUTED
    (goal,) = outcome.failures
    assert goal.message == "raised ValueError('value ??? too large')"
    assert goal.counterexample.replay.reproduced, goal.counterexample.replay.detail  # type: ignore[union-attr]
