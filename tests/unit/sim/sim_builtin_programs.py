"""Programs with sorted/list.sort, type, divmod, pow, round, ord, chr, bin/oct/hex,
min/max with key, map, filter and zip(strict=) for test_sim_more_builtins.py (not collected)."""

# ruff: noqa: UP003, PERF402, C417, FURB192 - the builtins themselves (type(), loops over filter, map) are under test

from crux_py import assume, crux_test, symbolic, u8


class Box:
    pass


@crux_test
def sorting_network():
    a, b, c = symbolic(u8, "a"), symbolic(u8, "b"), symbolic(u8, "c")
    s = sorted([a, b, c])
    assert s[0] <= s[1] <= s[2]
    assert s[0] == min(a, b, c) and s[2] == max(a, b, c) and s[0] + s[1] + s[2] == a + b + c
    assert sorted([a, b, c], reverse=True) == s[::-1]
    xs = [c, b, a]
    xs.sort()
    assert xs == s
    assert sorted([3, 1, 2]) == [1, 2, 3] and sorted((a,)) == [a]


@crux_test
def sorting_is_stable_with_a_key():
    a, b = symbolic(u8, "a"), symbolic(u8, "b")
    tagged = sorted([(a, "x"), (b, "y")], key=lambda p: p[0] // 2)
    if a // 2 == b // 2:
        assert tagged[0][1] == "x"
    else:
        assert tagged[0][0] // 2 < tagged[1][0] // 2
    rev = sorted([(a, "x"), (b, "y")], key=lambda p: p[0] // 2, reverse=True)
    if a // 2 == b // 2:
        assert rev[0][1] == "x"  # reverse keeps equal keys in their order too
    pairs = sorted([(1, a), (0, b), (1, c)] if (c := a + 1) else [], key=lambda p: p[0])
    assert pairs == [(0, b), (1, a), (1, a + 1)]


@crux_test
def sorting_mutant():
    a, b = symbolic(u8, "a"), symbolic(u8, "b")
    tagged = sorted([(a, "x"), (b, "y")], key=lambda p: p[0] // 2, reverse=True)
    assert tagged[0][0] >= tagged[1][0]


@crux_test
def sort_key_modifies_the_list():
    x = symbolic(u8, "x")
    xs = [x, 1]
    xs.sort(key=lambda v: xs.append(v) or v if x > 3 else v)
    assert len(xs) == 2


@crux_test
def numbers():
    x, y = symbolic(u8, "x"), symbolic(u8, "y")
    assume(y > 0)
    q, r = divmod(x, y)
    assert q * y + r == x and 0 <= r < y
    assert pow(x, 5, 7) == x ** 5 % 7 and pow(x, 0, 1) == 0 and pow(x, 2) == x * x
    assert round(x) == x and round(x, 2) == x
    assert ord(bytes([x])) == x
    assert hex(255) == "0xff" and bin(5) == "0b101" and oct(8) == "0o10" and chr(65) == "A" and ord("A") == 65
    assert int("ff", 16) == 255 and divmod(-7, 2) == (-4, 1) and pow(3, -1, 7) == 5


@crux_test
def divmod_by_zero():
    x, y = symbolic(u8, "x"), symbolic(u8, "y")
    assert divmod(x, y)[0] <= x


@crux_test
def pow_mutant():
    x = symbolic(u8, "x")
    assert pow(x, 3, 8) == x % 8


@crux_test
def ord_of_an_int():
    x = symbolic(u8, "x")
    c = bytes([x]) if x > 9 else x
    assert ord(c) == x


@crux_test
def types():
    x = symbolic(u8, "x")
    assert type(x) is int and type(x > 1) is bool and type([x]) is list and type(Box()) is Box
    assert type({}) is dict and type((x,)) is tuple and type(b"") is bytes
    assert type(Box()).__name__ == "Box" and type(x).__name__ == "int"


@crux_test
def type_mutant():
    x = symbolic(u8, "x")
    v = x if x > 3 else x > 1
    assert type(v) is int


@crux_test
def extremes_with_keys():
    x, y = symbolic(u8, "x"), symbolic(u8, "y")
    assert max([x, y, 7], key=lambda v: -v) == min(x, y, 7)
    assert min([], default=x, key=None) == x
    assert max([(x, "a"), (x, "b")], key=lambda p: p[0])[1] == "a"  # the first of equal keys


@crux_test
def extremes_mutant():
    x, y = symbolic(u8, "x"), symbolic(u8, "y")
    assert max([x, y], key=lambda v: v % 4) == max(x, y)


@crux_test
def lazy_map_and_filter():
    x, y = symbolic(u8, "x"), symbolic(u8, "y")
    assert list(map(lambda a, b: a + b, [x, 1], [y, 2, 3])) == [x + y, 3]
    kept = []
    for v in filter(lambda v: v > 5, [x, y, 9]):
        kept.append(v)
    assert kept == [v for v in [x, y, 9] if v > 5]
    truthy = []
    for v in filter(None, [x, 0, y]):
        truthy.append(v)
    assert truthy == [v for v in [x, y] if v]
    assume(x < 10)
    total = 0
    for v in map(lambda v: 100 // (5 - v) if v < 5 else v, range(x)):
        total += v  # the division never runs on v == 5: map is lazy
    assert total >= 0
    xs = [1, 2]
    doubled = map(lambda v: 2 * v, xs)
    xs.append(3)  # seen by the lazy map
    assert list(doubled) == [2, 4, 6]


@crux_test
def map_mutant():
    x = symbolic(u8, "x")
    assert list(map(lambda v: 10 // v, [1, x])) == [10, 10 // x]


@crux_test
def zip_strict():
    x = symbolic(u8, "x")
    assert list(zip([x], [1], strict=True)) == [(x, 1)]


@crux_test
def zip_strict_lengths_differ():
    x = symbolic(u8, "x")
    xs = [1, 2] if x > 3 else [1]
    assert len(list(zip([0], xs, strict=True))) == 1


@crux_test
def chr_of_a_symbolic_int():
    x = symbolic(u8, "x")
    assert chr(x) != ""


@crux_test
def sorting_mixed_keys():
    x = symbolic(u8, "x")
    assert sorted([x, "a"]) != []


@crux_test
def sorted_set_of_ints():
    x = symbolic(u8, "x")
    s = {5, 3, 9}
    s.discard(3)
    s.add(1)  # CPython's iteration order is not known after a removal; the sorted order is
    assert sorted(s) == [1, 5, 9] and sorted(s, reverse=True)[0] == 9 + (x - x)
