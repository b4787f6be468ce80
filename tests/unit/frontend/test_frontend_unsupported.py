"""Frontend: every construct outside the subset is an UnsupportedFeature at its line."""

from __future__ import annotations

import pytest

from crux_py.errors import UnsupportedFeature
from crux_py.frontend import translate_source

# (body placed on line 3 of the function source, words expected in the construct)
CASES = [
    ("try:\n        pass\n    except* ValueError:\n        pass", "`try`/`except*` statement"),
    ("return [lambda: y for y in x]", "lambda inside a comprehension"),
    ("return [super() for y in x]", "`super()` inside a comprehension"),
    ("return super()", "`super()` outside a method"),
    ("class C:\n        pass", "class definition"),
    ("yield x", "generator function"),
    ("del x", "`del` of a name target"),
    ("del x[1:2]", "`del` of a subscript target"),
    ("match x:\n        case 1:\n            pass", "`match` statement"),
    ("return {**x}", "`**` unpacking in a dict display"),
    ("return {*x}", "`*` unpacking in a set display"),
    ("return x / 2", "true division `/`"),
    ("x /= 2", "true division `/`"),
    ("return 1.5", "float literal"),
    ("return 2j", "complex literal"),
    ("return ...", "`...` (Ellipsis)"),
    ("return [*x]", "starred expression"),
    ("a, *b = x", "starred assignment target"),
    ("raise", "bare `raise`"),
    ("raise ValueError() from None", "`raise ... from ...`"),
    ("global G\n    G = 1", "assignment to global variable `G`"),
    ("async def h():\n        pass", "async function"),
    ("return x[1:2, 3]", "extended slicing"),
    ("return (y for y in x)", "generator expression"),
]


@pytest.mark.parametrize("body, words", CASES, ids=[w for _, w in CASES])
def test_unsupported_construct(body: str, words: str) -> None:
    src = f"def f(x):\n    y = 0\n    {body}\n    return y\n"
    with pytest.raises(UnsupportedFeature) as info:
        translate_source(src, "f", filename="mod.py")
    err = info.value
    assert words in err.construct
    assert err.span is not None and err.span.file == "mod.py"
    expected_line = 4 if words in ("global G", "assignment to global variable `G`") else 3
    assert err.span.line == expected_line
    assert f"mod.py:{expected_line}:" in str(err)


def test_unsupported_code_after_return_is_not_translated() -> None:
    src = "def f(x):\n    return x\n    with open(x):\n        pass\n"
    assert translate_source(src, "f").name == "f"


def test_yield_in_dead_code_still_makes_a_generator() -> None:
    src = "def f(x):\n    return x\n    yield 1\n"
    with pytest.raises(UnsupportedFeature, match="generator function") as info:
        translate_source(src, "f")
    assert info.value.span.line == 3


def test_async_top_level_function() -> None:
    src = "async def f(x):\n    return x\n"
    with pytest.raises(UnsupportedFeature, match="async function") as info:
        translate_source(src, "f")
    assert info.value.span.line == 1
