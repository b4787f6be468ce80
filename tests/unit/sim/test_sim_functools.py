"""functools.lru_cache / cache in the simulator: keys, hits, eviction, aliasing, merging."""

from __future__ import annotations

import pytest

import sim_functools_programs as P
import sim_outcomes
from crux_py.driver import ProofSettings, Status, run_symbolic_test

SETTINGS = ProofSettings(timeout=30.0)


@pytest.mark.parametrize("fn", [
    P.crc_table_from_cache, P.memoised_fib_matches_iterative, P.hits_return_the_same_object,
    P.least_recently_used_is_evicted, P.misses_run_the_function_once_per_key, P.typed_keys_separate_int_and_bool,
    P.keyword_arguments_are_separate_keys, P.cache_clear_forgets, P.methods_key_on_the_instance,
    P.uncached_never_hashes, P.caches_merged_from_paths,
], ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.proved(fn, SETTINGS)


@pytest.mark.parametrize("fn, message", [
    (P.memoised_fib_wrong_bound, "assertion failed: fib(n) < 89"),
    (P.hits_alias_mutant, "assertion failed: len(b) == 2"),
    (P.eviction_mutant, "assertion failed: pair(1) is a"),
    (P.cache_clear_mutant, "assertion failed: pair(x) is a"),
    (P.caches_merged_mutant, "assertion failed: len(CALLS) == 2 if x > 5 else 1"),
    (P.unhashable_argument, "TypeError: unhashable type: 'list'"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_refuted_and_replayed(fn, message: str) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.refuted(fn, SETTINGS, message)


def test_cache_info_is_unsupported() -> None:
    outcome = run_symbolic_test(P.cache_info_is_unsupported, SETTINGS)
    assert outcome.status is Status.ERROR
    assert "cache_info() of an lru_cache wrapper (hit and miss counts are not modelled)" in outcome.error
    assert "sim_functools_programs.py:" in outcome.error
