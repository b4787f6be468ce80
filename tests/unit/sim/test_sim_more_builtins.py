"""Builtins added for real code: sorted/list.sort, type, divmod, pow, round, ord, chr,
bin/oct/hex, min/max with key, lazy map/filter, zip(strict=)."""

from __future__ import annotations

import pytest

import sim_builtin_programs as P
import sim_outcomes
from crux_py.driver import ProofSettings, Status, run_symbolic_test

SETTINGS = ProofSettings(timeout=30.0)


@pytest.mark.parametrize("fn", [
    P.sorting_network, P.sorting_is_stable_with_a_key, P.numbers, P.types, P.extremes_with_keys,
    P.lazy_map_and_filter, P.zip_strict, P.sorted_set_of_ints,
], ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.proved(fn, SETTINGS)


@pytest.mark.parametrize("fn, message", [
    (P.sorting_mutant, "assertion failed: tagged[0][0] >= tagged[1][0]"),
    (P.sort_key_modifies_the_list, "ValueError: list modified during sort"),
    (P.divmod_by_zero, "ZeroDivisionError: integer division or modulo by zero"),
    (P.pow_mutant, "assertion failed: pow(x, 3, 8) == x % 8"),
    (P.ord_of_an_int, "TypeError: ord() expected string of length 1, but int found"),
    (P.type_mutant, "assertion failed: type(v) is int"),
    (P.extremes_mutant, "assertion failed: max([x, y], key=lambda v: v % 4) == max(x, y)"),
    (P.map_mutant, "ZeroDivisionError: integer division or modulo by zero"),
    (P.zip_strict_lengths_differ, "ValueError: zip() argument 2 is longer than argument 1"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_refuted_and_replayed(fn, message: str) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.refuted(fn, SETTINGS, message)


@pytest.mark.parametrize("fn, words", [
    (P.chr_of_a_symbolic_int, "chr() of a symbolic int (a string with symbolic characters)"),
    (P.sorting_mixed_keys, "sorting keys that are not all ints when some are symbolic"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_unsupported(fn, words: str) -> None:  # type: ignore[no-untyped-def]
    outcome = run_symbolic_test(fn, SETTINGS)
    assert outcome.status is Status.ERROR
    assert words in outcome.error and "sim_builtin_programs.py:" in outcome.error
