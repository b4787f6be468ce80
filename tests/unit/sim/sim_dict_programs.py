"""Symbolic tests of dicts and sets with concrete keys, run by test_sim_dicts.py (not collected by pytest)."""

from crux_py import assume, crux_test, symbolic, u8

OPCODES = {"add": 1, "sub": 2, "xor": 3}
SMALL = {3, 1, 2}


# ---- proved ---------------------------------------------------------------------------------

@crux_test
def dict_operations():
    x = symbolic(u8, "x")
    d = {"a": x, 1: 2}
    assert d["a"] == x and d[1] == 2
    d["b"] = x + 1
    d[True] = 5  # the same key as 1: the value changes, the key stays 1
    assert len(d) == 3 and list(d) == ["a", 1, "b"] and d[1] == 5
    assert "b" in d and "c" not in d and 2 not in d
    del d[1]
    assert list(d.keys()) == ["a", "b"]
    assert d.get("zz") is None and d.get("zz", 7) == 7 and d.get("a") == x
    assert sum(d.values()) == 2 * x + 1
    assert d.pop("b") == x + 1 and d.pop("b", 5) == 5
    assert d.setdefault("a", 9) == x and d.setdefault("q", 9) == 9
    d.update({"r": 1}, s=2)
    d.update([("t", 3)])
    assert list(d.items()) == [("a", x), ("q", 9), ("r", 1), ("s", 2), ("t", 3)]
    assert d.popitem() == ("t", 3)
    assert d == {"s": 2, "r": 1, "q": 9, "a": x}  # order does not matter for ==
    assert d != {"s": 2, "r": 1, "q": 9, "a": x + 1}
    assert d != [("a", x)]
    e = d.copy()
    d.clear()
    assert not d and len(e) == 4 and e


@crux_test
def dict_constructors_and_comprehensions():
    x = symbolic(u8, "x")
    assert dict() == {}
    z = dict(zip(["p", "q"], [x, 3]))
    assert z["p"] == x and z["q"] == 3
    assert dict([(1, x), (2, 3)], k=4) == {1: x, 2: 3, "k": 4}
    assert dict(z) == z
    squares = {i: i * x for i in range(4) if i != 2}
    assert list(squares) == [0, 1, 3] and squares[3] == 3 * x
    assert {k: v for k, v in z.items()} == z


@crux_test
def dict_iteration_in_insertion_order():
    x = symbolic(u8, "x")
    d = {"c": 0, "a": 1, "b": 2}
    del d["c"]
    d["c"] = x  # re-inserted at the end
    keys = []
    for k in d:
        keys.append(k)
        d[k] = 7  # changing values while iterating is fine
    assert keys == ["a", "b", "c"]
    assert [v for v in d.values()] == [7, 7, 7]
    assert [k for k, _ in d.items()] == keys


def count_into(table, key):
    table[key] = table.get(key, 0) + 1


@crux_test
def dicts_are_shared_like_lists():
    x = symbolic(u8, "x")
    counts = {}
    alias = counts
    count_into(counts, "a")
    count_into(alias, "a")
    alias["b"] = x
    assert counts == {"a": 2, "b": x}
    copy = dict(counts)
    copy["a"] = 0
    assert counts["a"] == 2
    nested = {"inner": counts}
    nested["inner"]["c"] = 1
    assert len(counts) == 3


@crux_test
def dicts_merge_across_branches():
    x = symbolic(u8, "x")
    d = {"k": 0, "n": 1}
    if x > 10:
        d["k"] = x
    else:
        d["k"] = x + 100
    assert d["k"] > 10
    if x > 20:
        d["extra"] = 1  # key sets differ between the paths
    assert ("extra" in d) == (x > 20)
    assert len(d) == (3 if x > 20 else 2)
    assert d.get("extra", 0) == (1 if x > 20 else 0)


@crux_test
def symbolic_keys_are_looked_up_exactly():
    x = symbolic(u8, "x")
    assume(x < 3)
    d = {0: 10, 1: 20, 2: 30, "s": 1}
    assert d[x] == 10 * x + 10
    assert x in d and (x + 5) not in d
    assert d.get(x + 2, 0) == (30 if x == 0 else 0)
    assert (x in OPCODES.values()) == (x != 0)


def opcode(name):
    return OPCODES[name]


@crux_test
def module_level_tables():
    assert opcode("sub") == 2
    assert list(OPCODES) == ["add", "sub", "xor"] and "xor" in OPCODES
    assert [e for e in SMALL] == list(SMALL)  # CPython's own order for a set of the program


@crux_test
def set_operations():
    x = symbolic(u8, "x")
    s = {1, 2, 5}
    assert (x in s) == (x == 1 or x == 2 or x == 5)
    assert x + 10 not in {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
    s.add(7)
    s.add(1)
    assert len(s) == 4 and 7 in s and 4 not in s
    assert [e for e in s] == [1, 2, 5, 7]  # small ints: CPython iterates them in increasing order
    assert {c for c in range(3)} == {2, 1, 0} == set([0, 1, 2, 2])
    assert set() == set() and not set() and s
    s.discard(5)
    s.discard(6)
    s.remove(7)
    assert s == {1, 2}
    assert {3, 2, 1, 0} != {1, 2}
    words = {"x", "y"}
    assert "x" in words and len(words) == 2


@crux_test
def sets_are_shared_and_merged():
    x = symbolic(u8, "x")
    seen = set()
    also = seen
    if x > 100:
        seen.add(1)
    else:
        also.add(2)
    assert (1 in seen) == (x > 100) and len(also) == 1


@crux_test
def del_list_item():
    x = symbolic(u8, "x")
    xs = [x, 1, 2]
    del xs[0]
    del xs[-1]
    assert xs == [1]


def configure(a, /, *rest, scale=1, **options):
    return a * scale, rest, options


@crux_test
def keyword_arguments_collect_into_a_dict():
    x = symbolic(u8, "x")
    value, rest, options = configure(x, 1, scale=2, a=3, rest=x, mode="fast")
    assert value == 2 * x and rest == (1,)
    assert options == {"a": 3, "rest": x, "mode": "fast"} and list(options) == ["a", "rest", "mode"]
    assert configure(1)[2] == {}


@crux_test
def keyword_argument_bug():
    x = symbolic(u8, "x")
    _, _, options = configure(x, flag=x > 3)
    assert options["flag"]


# ---- refuted: seeded bugs -------------------------------------------------------------------

@crux_test
def missing_key_on_some_paths():
    x = symbolic(u8, "x")
    d = {"a": 1}
    if x == 7:
        d["b"] = 2
    return d["b"]


@crux_test
def symbolic_key_may_be_missing():
    x = symbolic(u8, "x")
    d = {1: 10, 2: 20}
    assume(x < 3)
    return d[x]


@crux_test
def merged_value_wrong():
    x = symbolic(u8, "x")
    d = {"k": 0}
    if x > 10:
        d["k"] = x
    assert d["k"] > 10


@crux_test
def membership_wrong():
    x = symbolic(u8, "x")
    assume(x < 4)
    assert x in {1, 2, 3}


@crux_test
def order_assumed_sorted():
    x = symbolic(u8, "x")
    d = {"b": x, "a": 1}
    assert list(d) == ["a", "b"]


@crux_test
def dict_grows_while_iterating():
    x = symbolic(u8, "x")
    d = {"a": 1}
    for k in d:
        if x > 3:
            d["b"] = 2


@crux_test
def remove_missing_element():
    x = symbolic(u8, "x")
    s = {1, 2}
    if x > 3:
        s.remove(1)
    s.remove(1)


@crux_test
def unhashable_key():
    x = symbolic(u8, "x")
    d = {}
    d[[x]] = 1


@crux_test
def dict_pop_missing():
    x = symbolic(u8, "x")
    d = {"a": x}
    d.pop("a")
    return d.pop("a") if x > 5 else 0


# ---- unsupported ----------------------------------------------------------------------------

@crux_test
def symbolic_key_stored():
    x = symbolic(u8, "x")
    d = {}
    d[x] = 1


@crux_test
def iterating_a_set_of_strings():
    for c in {"a", "b"}:
        pass


@crux_test
def iterating_a_set_after_removal():
    s = {1, 2, 3}
    s.discard(2)
    s.add(2)
    for c in s:
        pass


@crux_test
def comparing_dict_views():
    d = {"a": 1}
    assert d.keys() == {"a"}


@crux_test
def keys_replaced_while_iterating():
    d = {"a": 1, "b": 2}
    for k in d:
        del d["b"]
        d["c"] = 3


@crux_test
def set_of_symbolic_values():
    x = symbolic(u8, "x")
    return {x, 1}
