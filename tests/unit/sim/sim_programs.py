"""Small symbolic tests run by test_sim_*.py through the driver (not collected by pytest)."""

from crux_py import assume, crux_test, i8, symbolic, u8, u32, u64

# ---- branch merging --------------------------------------------------------------------------


def count_big(xs):
    n = 0
    for x in xs:
        if x > 100:
            n += 1
    return n


@crux_test
def merging_counts():
    xs = symbolic(u8[12], "xs")
    assert count_big(xs) == sum(1 for x in xs if x >= 101)


@crux_test
def merging_counts_wrong():
    xs = symbolic(u8[12], "xs")
    assert count_big(xs) < 12


# ---- values that cannot be merged -----------------------------------------------------------

@crux_test
def mux_strings():
    x = symbolic(u32, "x")
    s = "big" if x > 3 else "small"
    assert s in ("big", "small")
    assert len(s) >= 3
    t = s + "!"
    assert t == "big!" or x <= 3


@crux_test
def mux_strings_wrong():
    x = symbolic(u32, "x")
    s = "big" if x > 3 else "small"
    assert s == "big"


@crux_test
def mux_lists_of_different_length():
    x = symbolic(u8, "x")
    xs = [1, 2]
    if x > 7:
        xs.append(3)
    assert len(xs) == (3 if x > 7 else 2)
    assert xs[-1] == len(xs)


# ---- lists: aliasing, symbolic indices, slices ------------------------------------------------

@crux_test
def aliasing():
    a = symbolic(u32[4], "a")
    b = a
    b[2] = 7
    assert a[2] == 7


@crux_test
def symbolic_index_in_range():
    a = symbolic(u32[8], "a")
    i = symbolic(u8, "i")
    assume(i < 8)
    a[i] = 5
    assert a[i] == 5
    assert a[-1] == a[7]


@crux_test
def symbolic_index_out_of_range():
    a = symbolic(u32[8], "a")
    i = symbolic(u8, "i")
    return a[i]


@crux_test
def slices_and_membership():
    a = symbolic(u8[6], "a")
    head, tail = a[:2], a[2:]
    assert len(head) + len(tail) == 6
    assert head + tail == a
    assert a[0] in a
    assert a[::2] == [a[0], a[2], a[4]]


# ---- Python int semantics in context ----------------------------------------------------------

@crux_test
def floor_division_signs():
    x = symbolic(i8, "x")
    y = symbolic(i8, "y")
    assume(y != 0)
    assert (x // y) * y + x % y == x
    assert x % y == 0 or (x % y > 0) == (y > 0)


@crux_test
def rotation_is_canonical():
    x = symbolic(u32, "x")
    r = ((x << 7) | (x >> 25)) & 0xFFFFFFFF
    assert ((r >> 7) | (r << 25)) & 0xFFFFFFFF == x


@crux_test
def wrapping_add_wrong():
    a = symbolic(u32, "a")
    b = symbolic(u32, "b")
    assert (a + b) & 0xFFFFFFFF >= a


# ---- control flow and exceptions ----------------------------------------------------------------

def check(x):
    if x == 12345:
        raise ValueError("bad value")
    return x


@crux_test
def raise_reachable():
    x = symbolic(u32, "x")
    check(x)


@crux_test
def raise_unreachable():
    x = symbolic(u32, "x")
    assume(x < 1000)
    assert check(x) == x


def maybe_unbound(x):
    if x > 5:
        y = 1
    return y


@crux_test
def unbound_local():
    x = symbolic(u8, "x")
    maybe_unbound(x)


@crux_test
def bounded_while():
    n = symbolic(u8, "n")
    assume(n <= 10)
    i = total = 0
    while i < n:
        total += i
        i += 1
    assert total == n * (n - 1) // 2


@crux_test
def unbounded_while():
    n = symbolic(u32, "n")
    i = 0
    while i < n:
        i += 1


@crux_test
def break_in_symbolic_loop():
    xs = symbolic(u8[10], "xs")
    found = -1
    for i, x in enumerate(xs):
        if x == 0:
            found = i
            break
    assert found == -1 or xs[found] == 0
    assert all(x != 0 for x in xs) or found >= 0


# ---- calls ----------------------------------------------------------------------------------------

def scaled(x, factor=2, *, offset=0):
    return x * factor + offset


@crux_test
def keywords_and_defaults():
    x = symbolic(u8, "x")
    assert scaled(x) == 2 * x
    assert scaled(x, 3) == 3 * x
    assert scaled(x, offset=1, factor=1) == x + 1


@crux_test
def nested_helper_with_closure():
    k = symbolic(u8, "k")

    def add_k(v):
        return v + k

    assert add_k(1) == k + 1
    total = 0

    def bump():
        nonlocal total
        total += k

    bump()
    bump()
    assert total == 2 * k


@crux_test
def generators_and_comprehensions():
    a = symbolic(u8[5], "a")
    assert all(v < 256 for v in a)
    assert sum(v for v in a) == a[0] + a[1] + a[2] + a[3] + a[4]
    assert max(a) >= min(a)
    doubled = [2 * v for v in a if v > 3]
    assert all(d > 6 for d in doubled)
    assert any(v == a[2] for v in a)
    assert list(zip(a, reversed(a)))[0] == (a[0], a[4])


@crux_test
def hard_goal():
    x = symbolic(u64, "x")
    y = symbolic(u64, "y")
    assert x * x - y * y == (x + y) * (x - y)


def uses_with(x):
    with open("f") as f:
        return f.read()


@crux_test
def unsupported_construct():
    x = symbolic(u8, "x")
    uses_with(x)


@crux_test
def annotated_parameters(x: u8, ys: u8[3]):
    assert x + ys[0] <= 510


@crux_test
def division_unguarded():
    x = symbolic(u32, "x")
    y = symbolic(u32, "y")
    assert x // y <= x


@crux_test
def division_guarded():
    x = symbolic(u32, "x")
    y = symbolic(u32, "y")
    assume(y != 0)
    assert x // y <= x


def fail_with(x):
    error = ValueError if x > 5 else KeyError
    raise error("no")


@crux_test
def exception_differs_by_path():
    x = symbolic(u8, "x")
    fail_with(x)


@crux_test
def merged_values_inside_lists():
    x = symbolic(u8, "x")
    items = [1, "two" if x > 9 else 2, 3]
    if x <= 9:
        assert sum(items) == 6
        assert max(items) == 3
    assert items[1] in (2, "two")
    assert (items[1] == "two") == (x > 9)
