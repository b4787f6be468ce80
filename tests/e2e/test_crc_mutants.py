"""The CRC-32 example: bugs seeded into the table-driven or the bitwise CRC
are refuted, with counterexamples that replay, by the same proof that shows
the shipped pair equal (a linear table, decided over GF(2))."""

from __future__ import annotations

from pathlib import Path

import pytest
from mutation_lib import ROOT, assert_proved, assert_refuted_and_replays, load, mutate

SOURCE = (ROOT / "examples" / "crc" / "crc32.py").read_text()

TESTS = '''
from crux_py import Bytes, crux_test, symbolic

from mutant_crc32 import crc32_bitwise, crc32_table


@crux_test
def table_equals_bitwise():
    data = symbolic(Bytes[4], "data")
    assert crc32_table(data) == crc32_bitwise(data)
'''

MUTANTS = {
    "index_mask": ("TABLE[(crc ^ byte) & 0xFF]", "TABLE[(crc ^ byte) & 0x7F]"),
    "table_shift": ("^ (crc >> 8)", "^ (crc >> 7)"),
    "feedback_bit": ("(POLY & -(crc & 1))", "(POLY & -(crc & 2))"),
    "table_entry": ("        table.append(c)", "        table.append(c ^ (n & 0x10))"),
}


def test_the_shipped_pair_is_proved(tmp_path: Path) -> None:
    assert_proved(load(tmp_path, "mutant_crc32", SOURCE, TESTS), "table_equals_bitwise")


@pytest.mark.parametrize("mutant", sorted(MUTANTS))
def test_mutant_is_refuted_and_the_counterexample_replays(tmp_path: Path, mutant: str) -> None:
    source = mutate(SOURCE, *MUTANTS[mutant])
    assert_refuted_and_replays(load(tmp_path, "mutant_crc32", source, TESTS), "table_equals_bitwise")
