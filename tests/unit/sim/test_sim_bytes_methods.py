"""Bytes methods with symbolic operands (`sim/stdlib/bytesmethods.py`, run by
the simulator): the plain-Python versions agree with CPython's on random
inputs, errors included; proofs over symbolic bytes hold, wrong claims and
Python errors are refuted with counterexamples that replay; `in` on bytes,
repetition by a symbolic count, and generator expressions consumed by
bytes(), bytearray() and .join (items checked in CPython's order)."""

from __future__ import annotations

import pytest
import sim_bytes_method_programs as P
import sim_outcomes
from hypothesis import given, settings
from hypothesis import strategies as st

from crux_py.driver import ProofSettings, Status, run_symbolic_test
from crux_py.sim.stdlib import bytesmethods

SETTINGS = ProofSettings(timeout=60.0)

small = st.binary(max_size=8).map(lambda b: bytes(x % 4 + 43 for x in b))  # few distinct bytes: many matches
index = st.one_of(st.none(), st.integers(-10, 10))
odd = st.sampled_from(["x", 3, 300, None, (b",", 1), (b"+", b","), 1.5])


def outcome_of(fn, *args):  # type: ignore[no-untyped-def]
    try:
        return ("ok", fn(*args))
    except Exception as e:  # noqa: BLE001 - the exception is what is compared
        return (type(e).__name__, str(e))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(bytesmethods.METHODS), small, st.one_of(small, odd, st.integers(0, 255)), index, index)
def test_standins_agree_with_cpython(method, data, arg, start, end) -> None:  # type: ignore[no-untyped-def]
    name = method.__name__
    if name in ("lstrip", "rstrip", "strip", "partition", "rpartition"):
        args = (arg,)
    elif name == "split":
        args = (arg if arg is not None else None, -1 if start is None else start)
    else:
        args = (arg, start, end)
    assert outcome_of(method, data, *args) == outcome_of(getattr(data, name), *args)


@settings(max_examples=100, deadline=None)
@given(small, st.integers(-1, 3))
def test_whitespace_split_agrees(data, maxsplit) -> None:  # type: ignore[no-untyped-def]
    data = data.replace(b"+", b" ").replace(b",", b"\t")
    assert bytesmethods.split(data, None, maxsplit) == data.split(None, maxsplit)
    assert bytesmethods.strip(data) == data.strip()


@pytest.mark.parametrize("fn", [P.strip_and_split_round_trip, P.lstrip_removes_a_prefix_run, P.find_and_index_agree,
                                P.membership_of_a_symbolic_byte, P.partition_is_exhaustive, P.parse_of_any_line,
                                P.generator_into_bytes],
                         ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.proved(fn, SETTINGS)


@pytest.mark.parametrize("fn, message", [
    (P.wrong_split_claim, "assertion failed: len(data.split(b\",\")) <= 2"),
    (P.index_may_fail, "raised ValueError('subsection not found')"),
    (P.byte_out_of_range, "ValueError: byte must be in range(0, 256)"),
    (P.repeat_a_symbolic_number_of_times, "assertion failed: len(pad) != 6"),
    (P.generator_item_out_of_range, "ValueError: bytes must be in range(0, 256)"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_refuted_and_replayed(fn, message: str) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.refuted_everywhere(fn, SETTINGS, message)


def test_join_of_a_generator_on_another_object_is_unsupported() -> None:
    outcome = run_symbolic_test(P.join_on_another_object, SETTINGS)
    assert outcome.status is Status.ERROR
    assert "`.join` of a generator expression on something other than a str" in outcome.error


def test_generator_items_are_checked_as_they_are_made() -> None:
    # Built first and checked after, the second item's IndexError would come
    # first and `raises(ValueError)` would fail; CPython checks the first item
    # before it makes the second.
    outcome = run_symbolic_test(P.generator_items_checked_in_order, SETTINGS)
    assert outcome.status is Status.PROVED, [g.message for g in outcome.failures] or outcome.error
