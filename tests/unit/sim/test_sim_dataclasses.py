"""Dataclasses in the simulator: the generated __init__ (defaults, default_factory,
kw_only, init=False, InitVar and __post_init__), __eq__, order methods and frozen
assignment, dataclasses.replace/astuple/asdict, proved and refuted with counterexamples that replay in CPython; the
generated methods not modelled are UnsupportedFeature with file:line."""

from __future__ import annotations

import inspect

import pytest
import sim_dataclass_programs as P
import sim_outcomes

from crux_py.driver import ProofSettings, Status, run_symbolic_test

SETTINGS = ProofSettings(timeout=30.0)


def _line_of(where: object, text: str) -> int:
    lines, first = inspect.getsourcelines(where)  # type: ignore[arg-type]
    return first + next(i for i, line in enumerate(lines) if text in line)


@pytest.mark.parametrize("fn", [P.record_round_trip, P.frozen_and_ordered, P.replace_astuple_asdict],
                         ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.proved(fn, SETTINGS)


@pytest.mark.parametrize("fn, message, where, text", [
    (P.record_buggy_parser, 'assertion failed: parse_record_buggy(data).length == int.from_bytes(data[1:3], "big")',
     P.record_buggy_parser, "assert parse_record_buggy"),
    (P.record_length_mismatch, "raised DecodeError('length does not match the value')", P.Record,
     "raise DecodeError"),
    (P.record_missing_argument, "TypeError: Record.__init__() missing 1 required positional argument: 'length'",
     P.record_missing_argument, "Record(n)"),
    (P.frozen_assignment, "FrozenInstanceError: cannot assign to field 'patch'", P.frozen_assignment,
     "v.patch = 1"),
    (P.replace_of_an_init_false_field,
     "ValueError: field sent is declared with init=False, it cannot be specified with replace()",
     P.replace_of_an_init_false_field, "dataclasses.replace(env, sent=n)"),
    (P.ordering_seeded_bug, "assertion failed: Version(0, a) < Version(0, b) or a >= b + 1", P.ordering_seeded_bug,
     "assert Version"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_refuted_and_replayed(fn, message: str, where: object, text: str) -> None:  # type: ignore[no-untyped-def]
    goal = sim_outcomes.refuted(fn, SETTINGS, message)
    assert goal.span.line == _line_of(where, text)


def test_argument_binding_errors_are_cpythons() -> None:
    outcome = run_symbolic_test(P.record_argument_errors, SETTINGS)
    assert outcome.status is Status.REFUTED, outcome.error
    assert [g.message for g in outcome.failures] == [
        "TypeError: Record.__init__() takes from 3 to 6 positional arguments but 7 were given",
        "TypeError: Record.__init__() got multiple values for argument 'kind'",
        "TypeError: Record.__init__() got an unexpected keyword argument 'bogus'",
        "TypeError: Record.__init__() missing 2 required positional arguments: 'kind' and 'length'",
    ]
    for goal in outcome.failures:
        assert goal.counterexample.replay.reproduced, goal.counterexample.replay.detail  # type: ignore[union-attr]


@pytest.mark.parametrize("fn, words, text", [
    (P.repr_of_a_dataclass, "formatting a Point object (its own __repr__)", 'raise ValueError(f"unexpected'),
    (P.generated_method_from_the_class, "calling Point.__eq__ from its class (it was generated without source",
     "return Point.__eq__"),
    (P.typing_namedtuple, "creating an instance of Coord, a subclass of tuple", "return Coord(1, 2)"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_unsupported_is_an_error_with_location(fn, words: str, text: str) -> None:  # type: ignore[no-untyped-def]
    outcome = run_symbolic_test(fn, SETTINGS)
    assert outcome.status is Status.ERROR
    assert words in outcome.error
    assert f"sim_dataclass_programs.py:{_line_of(fn, text)}" in outcome.error
