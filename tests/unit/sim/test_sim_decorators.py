"""Decorators (module-level and nested), function attributes, functools.wraps /
update_wrapper / partial / reduce and `**mapping` arguments in the simulator."""

from __future__ import annotations

import pytest

import sim_decorator_programs as P
import sim_outcomes
from crux_py.driver import ProofSettings, Status, run_symbolic_test

SETTINGS = ProofSettings(timeout=30.0)


@pytest.mark.parametrize("fn", [
    P.module_decorator_with_wraps, P.module_validating_decorator, P.nested_decorators_with_wraps,
    P.decorators_in_cpython_order, P.partial_and_reduce, P.keyword_unpacking, P.nested_lru_cache,
], ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.proved(fn, SETTINGS)


@pytest.mark.parametrize("fn, message", [
    (P.counting_mutant, "assertion failed: double.calls == start + 1"),
    (P.validating_decorator_raises, "raised ValueError('argument too large')"),
    (P.nested_validating_raises, "raised ValueError('argument too large')"),
    (P.reduce_mutant, "assertion failed: functools.reduce(lambda a, b: a - b, [x, 2], 3) == x - 1"),
    (P.reduce_of_nothing, "TypeError: reduce() of empty iterable with no initial value"),
    (P.keyword_given_twice, "TypeError: sim_decorator_programs.add3() got multiple values for keyword argument 'b'"),
    (P.function_name_must_be_a_string, "TypeError: __name__ must be set to a string object"),
    (P.missing_function_attribute, "AttributeError: 'function' object has no attribute 'seen'"),
    (P.nested_lru_cache_mutant, "assertion failed: square(x) is r"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_refuted_and_replayed(fn, message: str) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.refuted(fn, SETTINGS, message)


def test_cache_info_of_a_simulated_wrapper_is_unsupported() -> None:
    outcome = run_symbolic_test(P.nested_cache_info_is_unsupported, SETTINGS)
    assert outcome.status is Status.ERROR
    assert "cache_info() of an lru_cache wrapper (hit and miss counts are not modelled)" in outcome.error
    assert "sim_decorator_programs.py:" in outcome.error


def test_assigning_attributes_of_a_partial_is_unsupported() -> None:
    outcome = run_symbolic_test(P.partial_attribute_assignment_is_unsupported, SETTINGS)
    assert outcome.status is Status.ERROR
    assert "assigning `.tag` of a partial (its `__dict__` is not modelled)" in outcome.error
