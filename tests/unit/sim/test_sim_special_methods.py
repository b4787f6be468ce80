"""Special methods of user classes in the simulator: operators with NotImplemented and
reflection, comparisons, truth, len, items and slices, membership, calls and iteration;
seeded bugs and Python errors refuted with counterexamples that replay, and the cases
still unsupported reported with file:line."""

from __future__ import annotations

import inspect

import pytest
import sim_special_programs as P
import sim_outcomes

from crux_py.driver import ProofSettings, Status, run_symbolic_test

SETTINGS = ProofSettings(timeout=30.0)


def _line_of(fn, text: str) -> int:  # type: ignore[no-untyped-def]
    """The line holding `text` in the test program `fn`, or else the first line of the module holding it."""
    lines, first = inspect.getsourcelines(fn)
    found = [first + i for i, line in enumerate(lines) if text in line]
    if not found:
        lines, first = inspect.getsourcelines(P)
        found = [first + 1 + i for i, line in enumerate(lines) if text in line]
    return found[0]


@pytest.mark.parametrize("fn", [P.vector_arithmetic, P.reflected_and_inplace_operators, P.comparisons_reflect,
                                P.ring_buffer_keeps_the_latest, P.bitset_membership, P.callable_objects,
                                P.index_and_bytes, P.setattr_hook, P.class_of_instances,
                                P.merged_paths_run_methods_once, P.builtins_run_methods_once,
                                P.sequences_compare_item_by_item, P.total_ordering_fills_in],
                         ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.proved(fn, SETTINGS)


@pytest.mark.parametrize("fn, message, text", [
    (P.vector_seeded_bug, "assertion failed: v - w == Vec(a - c, b - a)", "assert v - w"),
    (P.vector_plus_int, "TypeError: unsupported operand type(s) for +: 'Vec' and 'int'", "v = v + 1"),
    (P.matrix_product_of_ints, "TypeError: unsupported operand type(s) for @: 'int' and 'int'", "return a @ a"),
    (P.declined_on_some_paths_seeded_bug, "assertion failed: Declines(n) + Fallback() == n", "assert Declines"),
    (P.inplace_without_method, "TypeError: unsupported operand type(s) for -=: 'Meters' and 'int'", "m -= 1"),
    (P.ordering_unsupported_operands, "TypeError: '<' not supported between instances of 'Token' and 'Token'",
     "Token() < Token()"),
    (P.comparison_seeded_bug, "assertion failed: Version(a, 0) <= Version(b, 0) or a > b + 1", "assert Version"),
    (P.ring_buffer_index_error, "raised IndexError('ring buffer index out of range')", "raise IndexError"),
    (P.ring_buffer_seeded_bug, "assertion failed: ring[0] == b and ring[-1] == a", "assert ring[0] == b and"),
    (P.bitset_seeded_bug, "assertion failed: (i in (s | t)) == (i in s or i in t)", "assert (i in (s | t))"),
    (P.calling_an_instance_without_call, "TypeError: 'Vec' object is not callable", "v([1])"),
    (P.bool_must_return_bool, "TypeError: __bool__ should return bool, returned int", "not BadBool(a)"),
    (P.len_must_not_be_negative, "ValueError: __len__() should return >= 0", "len(BadLen(a))"),
    (P.setattr_hook_rejects, "raised ValueError('register overflow')", 'raise ValueError("register overflow")'),
    (P.class_of_instances_mixed, "TypeError: unsupported operand type(s) for +: 'Euros' and 'Money'",
     "(m + Money(1))"),
    (P.sequences_compare_seeded_bug,
     "assertion failed: [Noisy(a, log), Noisy(b, log)] != [Noisy(1, []), Noisy(2, [])] or len(log) == 1",
     "assert [Noisy(a, log)"),
    (P.total_ordering_seeded_bug, "assertion failed: (bigger is True) == (a >= b)", "assert (bigger is True)"),
    (P.index_out_of_range, "IndexError: list index out of range", "[1, 2, 3][Small(a)]"),
    (P.index_must_return_int, "TypeError: __index__ returned non-int (type str)", "return range(n)"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_refuted_and_replayed(fn, message: str, text: str) -> None:  # type: ignore[no-untyped-def]
    goal = sim_outcomes.refuted(fn, SETTINGS, message)
    assert goal.span.line == _line_of(fn, text)


@pytest.mark.parametrize("fn, words, text", [
    (P.generator_iter, "generator function", "yield from"),
    (P.formatted_repr, "formatting a Named object (its own __repr__)", 'raise ValueError(f"bad'),
    (P.namedtuple_instance, "creating an instance of Pair, a subclass of tuple", "return Pair(1, 2)"),
    (P.user_iterator, "CountDown.__iter__ returning a CountDown (iterators of user classes", "for k in CountDown"),
    (P.consuming_a_bag_of_symbolic_length, "consuming an iterable whose length is symbolic", "return list(bag)"),
    (P.str_of_an_instance, "str() of a Named value", "return str(Named())"),
    (P.user_eq_in_a_dict, "`==` on Vec objects (a user-defined __eq__) inside another operation", "{1: Vec(a, 1)}"),
    (P.ordering_tuples_of_instances, "ordering sequences that hold Version objects", "(Version(a, 1),) <"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_unsupported_is_an_error_with_location(fn, words: str, text: str) -> None:  # type: ignore[no-untyped-def]
    outcome = run_symbolic_test(fn, SETTINGS)
    assert outcome.status is Status.ERROR
    assert words in outcome.error
    assert f"sim_special_programs.py:{_line_of(fn, text)}" in outcome.error
