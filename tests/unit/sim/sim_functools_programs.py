"""Programs with functools decorators for test_sim_functools.py (not collected)."""

import functools

from crux_py import assume, crux_test, symbolic, u8

CALLS = []


def clear_caches():
    """The simulator starts each test with empty caches; replays in CPython must too."""
    for f in (crc_entry, fib, pair, logged, typed_logged, keyed):
        f.cache_clear()
    Scaler.scale.cache_clear()


@functools.cache
def crc_entry(n):
    c = n
    for _ in range(8):
        c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
    return c


def crc_entry_iterative(n):
    c = n
    for _ in range(8):
        if c & 1:
            c = (c >> 1) ^ 0xEDB88320
        else:
            c = c >> 1
    return c


@functools.lru_cache(maxsize=None)  # noqa: UP033 - the spelled-out unbounded form is tested
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def fib_iterative(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


@functools.lru_cache(maxsize=2)
def pair(i):
    return [i, i + 1]


@functools.lru_cache
def logged(i):
    CALLS.append(i)
    return i * 3


@functools.lru_cache(maxsize=128, typed=True)
def typed_logged(i):
    CALLS.append(i)
    return i


@functools.lru_cache(maxsize=0)
def never_cached(xs):
    return len(xs)


@functools.lru_cache
def keyed(a, b=0):
    return [a, b]


class Scaler:
    def __init__(self, k):
        self.k = k

    @functools.lru_cache(maxsize=None)  # noqa: UP033, B019 - a cached method is what is tested
    def scale(self, x):
        return [self.k * x]


@crux_test
def crc_table_from_cache():
    clear_caches()
    table = [crc_entry(i) for i in range(16)]
    x = symbolic(u8, "x")
    assume(x < 16)
    assert crc_entry(x) == table[x] == crc_entry_iterative(x)


@crux_test
def memoised_fib_matches_iterative():
    clear_caches()
    for i in range(12):
        fib(i)  # fills the cache: the symbolic call below only hits
    n = symbolic(u8, "n")
    assume(n < 12)
    assert fib(n) == fib_iterative(n)


@crux_test
def memoised_fib_wrong_bound():
    clear_caches()
    for i in range(12):
        fib(i)
    n = symbolic(u8, "n")
    assume(n < 12)
    assert fib(n) < 89


@crux_test
def hits_return_the_same_object():
    clear_caches()
    x, y = symbolic(u8, "x"), symbolic(u8, "y")
    a = pair(x)
    b = pair(y)
    a.append(5)
    assert len(b) == (3 if x == y else 2)


@crux_test
def hits_alias_mutant():
    clear_caches()
    x, y = symbolic(u8, "x"), symbolic(u8, "y")
    a = pair(x)
    b = pair(y)
    a.append(5)
    assert len(b) == 2


@crux_test
def least_recently_used_is_evicted():
    clear_caches()
    x = symbolic(u8, "x")
    assume(x > 10)
    a = pair(1)
    pair(2)
    assert pair(1) is a  # a hit makes 1 the most recently used
    pair(x)  # evicts 2
    assert pair(1) is a
    b = pair(2)  # a miss: evicts x's entry (1 was used more recently)
    assert pair(1) is a and pair(2) is b


@crux_test
def eviction_mutant():
    clear_caches()
    x = symbolic(u8, "x")
    a = pair(1)
    pair(2)
    pair(x)  # evicts 1 unless x is 1 or 2
    assert pair(1) is a


@crux_test
def misses_run_the_function_once_per_key():
    clear_caches()
    CALLS.clear()
    x = symbolic(u8, "x")
    logged(x)
    logged(5)
    logged(x)
    logged(True)  # its own key: (True,) is not the key 1 of logged(1)
    logged(1)
    assert len(CALLS) == 2 + (x != 5) + (x != 1)


@crux_test
def typed_keys_separate_int_and_bool():
    clear_caches()
    CALLS.clear()
    b = symbolic(u8, "b") > 3
    typed_logged(1)
    typed_logged(b)
    assert len(CALLS) == 2


@crux_test
def keyword_arguments_are_separate_keys():
    clear_caches()
    x = symbolic(u8, "x")
    assert keyed(x, 1) is keyed(x, 1)
    assert keyed(x, 1) is not keyed(x, b=1)
    assert keyed(a=x, b=1) is keyed(a=x, b=1)


@crux_test
def cache_clear_forgets():
    clear_caches()
    x = symbolic(u8, "x")
    a = pair(x)
    pair.cache_clear()
    assert pair(x) is not a


@crux_test
def cache_clear_mutant():
    clear_caches()
    x = symbolic(u8, "x")
    a = pair(x)
    pair.cache_clear()
    assert pair(x) is a


@crux_test
def methods_key_on_the_instance():
    clear_caches()
    x = symbolic(u8, "x")
    s, t = Scaler(2), Scaler(3)
    r = s.scale(x)
    assert s.scale(x) is r
    assert t.scale(x) is not r and t.scale(x) == [3 * x]
    assert Scaler.scale(s, x) is r


@crux_test
def unhashable_argument():
    clear_caches()
    x = symbolic(u8, "x")
    xs = [x] if x > 7 else (x,)
    assert logged(xs) == logged(xs)


@crux_test
def uncached_never_hashes():
    clear_caches()
    x = symbolic(u8, "x")
    assert never_cached([x, x]) == 2


@crux_test
def caches_merged_from_paths():
    clear_caches()
    CALLS.clear()
    x = symbolic(u8, "x")
    if x > 5:
        logged(x)  # the cache has one entry on this side, none on the other
    logged(9)
    logged(x)
    assert len(CALLS) == (1 if x == 9 else 2)


@crux_test
def caches_merged_mutant():
    clear_caches()
    CALLS.clear()
    x = symbolic(u8, "x")
    if x > 5:
        logged(x)
    logged(9)
    assert len(CALLS) == 2 if x > 5 else 1


@crux_test
def cache_info_is_unsupported():
    clear_caches()
    fib(3)
    assert fib.cache_info().hits >= 0
