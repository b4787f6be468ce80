"""Programs for the spec tests (not collected by pytest: no test_ prefix)."""

from crux_py import assume, crux_spec_for, crux_test, symbolic, u8, u32

N = 8


def merge_clocks(a, b):
    return max(a, b)


def merge_vc(a, b):
    out = [0] * N
    for i in range(N):
        out[i] = merge_clocks(a[i], b[i])
    return out


def later(x, y):
    return x if x > y else y


@crux_spec_for(merge_clocks)
def merge_clocks_spec():
    a = symbolic(u32, "a")
    b = symbolic(u32, "b")
    assert merge_clocks(a, b) == later(a, b)


@crux_test
def merge_vc_with_spec():
    merge_clocks_spec.enable()
    a = symbolic(u32[N], "a")
    b = symbolic(u32[N], "b")
    assert merge_vc(a, b) == [later(x, y) for x, y in zip(a, b)]


@crux_test(uses=[merge_clocks_spec])
def merge_vc_commutes_with_spec():
    a = symbolic(u32[N], "a")
    b = symbolic(u32[N], "b")
    assert merge_vc(a, b) == merge_vc(b, a)


# ---- a wrong postcondition --------------------------------------------------------------------

@crux_spec_for(merge_clocks)
def merge_clocks_wrong_spec():
    a = symbolic(u32, "a")
    b = symbolic(u32, "b")
    assert merge_clocks(a, b) == min(a, b)


@crux_test
def relies_on_wrong_spec():
    merge_clocks_wrong_spec.enable()
    a = symbolic(u32[N], "a")
    b = symbolic(u32[N], "b")
    assert merge_vc(a, b) == merge_vc(b, a)


# ---- preconditions -----------------------------------------------------------------------------

def half(x):
    return x // 2


@crux_spec_for(half)
def half_small_spec():
    x = symbolic(u32, "x")
    assume(x < 100)
    assert half(x) <= 50


@crux_test
def halves_anything():
    half_small_spec.enable()
    x = symbolic(u32, "x")
    assert half(x) <= 50


@crux_test
def halves_small_numbers():
    half_small_spec.enable()
    x = symbolic(u32, "x")
    assume(x < 60)
    assert half(x) <= 50


def clamp(x):
    return x if x < 100 else 100


@crux_spec_for(clamp)
def clamp_low_spec():
    x = symbolic(u32, "x")
    assume(x < 100)
    assert clamp(x) == x


@crux_spec_for(clamp)
def clamp_high_spec():
    x = symbolic(u32, "x")
    assume(x >= 100)
    assert clamp(x) == 100


@crux_test(uses=[clamp_low_spec, clamp_high_spec])
def clamps_with_both_specs():
    x = symbolic(u32, "x")
    y = clamp(x)
    assert y <= 100
    assert y == x or x >= 100


@crux_test(uses=[clamp_low_spec])
def clamps_with_low_spec_only():
    x = symbolic(u32, "x")
    clamp(x)


# ---- functions that change their list argument -------------------------------------------------

def bump_first(xs):
    xs[0] += 1


@crux_spec_for(bump_first)
def bump_first_spec():
    xs = symbolic(u8[4], "xs")
    assume(xs[0] < 255)
    old = xs[0]
    bump_first(xs)
    assert xs[0] == old + 1


@crux_test(uses=[bump_first_spec])
def bumped_first_element():
    ys = symbolic(u8[4], "ys")
    assume(ys[0] < 200)
    before = ys[0]
    bump_first(ys)
    assert ys[0] == before + 1


@crux_test(uses=[bump_first_spec])
def relies_on_unspecified_elements():
    ys = symbolic(u8[4], "ys")
    assume(ys[0] < 200)
    second = ys[1]
    bump_first(ys)
    assert ys[1] == second


# ---- malformed specs ----------------------------------------------------------------------------

@crux_spec_for(half)
def calls_twice_spec():
    x = symbolic(u32, "x")
    assert half(x) + half(x) <= x


@crux_spec_for(half)
def calls_in_branch_spec():
    x = symbolic(u32, "x")
    if x > 5:
        assert half(x) <= x


@crux_spec_for(half)
def never_calls_spec():
    x = symbolic(u32, "x")
    assert x // 2 <= x


@crux_spec_for(half)
def expression_argument_spec():
    x = symbolic(u32, "x")
    assert half(x + 1) <= x + 1


@crux_test
def uses_calls_twice_spec():
    calls_twice_spec.enable()
    x = symbolic(u32, "x")
    half(x)


def ping(x):
    return x


def pong(x):
    return x


@crux_spec_for(ping)
def ping_spec():
    pong_spec.enable()
    x = symbolic(u8, "x")
    assert ping(x) == pong(x)


@crux_spec_for(pong)
def pong_spec():
    ping_spec.enable()
    x = symbolic(u8, "x")
    assert pong(x) == ping(x)


@crux_test
def uses_cyclic_specs():
    ping_spec.enable()
    x = symbolic(u8, "x")
    assert ping(x) == x


# ---- methods: `self` counts as an argument ------------------------------------------------------

class Accumulator:
    def __init__(self, total):
        self.total = total
        self.count = 0

    def add(self, x):
        self.total = self.total + x
        self.count += 1
        return self.total


@crux_spec_for(Accumulator.add)
def add_spec():
    start = symbolic(u8, "start")
    x = symbolic(u8, "x")
    acc = Accumulator(start)
    result = acc.add(x)
    assert result == start + x
    assert acc.total == start + x


@crux_test(uses=[add_spec])
def adds_twice():
    a = symbolic(u8, "a")
    acc = Accumulator(a)
    acc.add(1)
    assert acc.total == a + 1


@crux_test(uses=[add_spec])
def counts_the_addition():
    a = symbolic(u8, "a")
    acc = Accumulator(a)
    acc.add(1)
    assert acc.count == 1  # the spec saw count go from 0 to 1 for every input


@crux_test(uses=[add_spec])
def adds_to_a_used_accumulator():
    acc = Accumulator(3)
    acc.count = 5  # the spec only covers objects whose count is 0
    acc.add(1)
