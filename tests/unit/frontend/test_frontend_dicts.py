"""Frontend: dict and set displays, dict/set comprehensions and `del obj[key]`."""

from __future__ import annotations

import pytest
from ir_walk import of_type, registers_written

from crux_py.errors import UnsupportedFeature
from crux_py.frontend import translate_source
from crux_py.ir import BuildDict, BuildSet, Call, Const, DelItem, GetAttr, Reg, SetItem


def test_dict_display_keeps_keys_and_values_in_source_order() -> None:
    fir = translate_source("def f(a, b):\n    return {'k': a, b: 1, 'k': 2}\n", "f")
    (build,) = of_type(fir, BuildDict)
    assert build.keys == (Const("k"), Reg("b"), Const("k"))  # duplicates are resolved when it runs
    assert build.values == (Reg("a"), Const(1), Const(2))


def test_dict_display_operands_are_evaluated_interleaved() -> None:
    # k1, v1, k2, v2: the walrus in the second key must not see the first value changed.
    fir = translate_source("def f(a):\n    return {a: 1, (a := 2): a}\n", "f")
    (build,) = of_type(fir, BuildDict)
    assert build.keys[0] != Reg("a")  # snapshotted before `a := 2`
    assert build.values[1] == Reg("a")


def test_set_display() -> None:
    fir = translate_source("def f(a):\n    return {a, 2}\n", "f")
    (build,) = of_type(fir, BuildSet)
    assert build.items == (Reg("a"), Const(2))


def test_dict_comprehension_stores_key_then_value() -> None:
    fir = translate_source("def f(xs):\n    return {x: x * 2 for x in xs}\n", "f")
    (build,) = of_type(fir, BuildDict)
    assert build.keys == () and build.values == ()
    (store,) = of_type(fir, SetItem)
    assert store.obj == build.dst and store.index == Reg("x#1")
    assert "x" not in registers_written(fir)


def test_set_comprehension_adds_each_element() -> None:
    fir = translate_source("def f(xs):\n    return {x for x in xs if x}\n", "f")
    (build,) = of_type(fir, BuildSet)
    (add,) = of_type(fir, GetAttr)
    assert add.name == "add" and add.obj == build.dst
    (call,) = of_type(fir, Call)
    assert call.func == add.dst


def test_del_item() -> None:
    fir = translate_source("def f(d, k):\n    del d[k], d['x']\n", "f")
    assert [(s.obj, s.index) for s in of_type(fir, DelItem)] == [(Reg("d"), Reg("k")), (Reg("d"), Const("x"))]


@pytest.mark.parametrize("body", ["del d", "del d.x", "del d[1:2]"])
def test_other_del_targets_are_unsupported(body: str) -> None:
    with pytest.raises(UnsupportedFeature) as info:
        translate_source(f"def f(d):\n    {body}\n", "f", filename="m.py")
    assert info.value.span is not None and info.value.span.line == 2
    assert "`del`" in info.value.construct
