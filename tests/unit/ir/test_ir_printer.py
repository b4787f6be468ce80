"""IR: the text form printed by `crux_py.ir.printer`."""

from __future__ import annotations

import pytest

from crux_py.frontend import translate_source
from crux_py.ir import (
    Assign,
    BinOp,
    Branch,
    BuildDict,
    BuildList,
    BuildSet,
    BuildTuple,
    Call,
    Compare,
    DelItem,
    Const,
    GetAttr,
    GetItem,
    GetIter,
    GetSlice,
    InplaceOp,
    IterNext,
    Jump,
    LoadDeref,
    LoadGlobal,
    Param,
    ParamKind,
    Raise,
    Reg,
    Return,
    SetItem,
    StoreDeref,
    Truth,
    UnaryOp,
    Unpack,
)
from crux_py.ir.printer import format_function, format_params, format_stmt, format_terminator
from crux_py.source import SourceSpan

S = SourceSpan("<p>", 1)
a, b, t = Reg("a"), Reg("b"), Reg("%0")


@pytest.mark.parametrize(
    "stmt, text",
    [
        (Assign(t, Const("s"), S), "%0 = 's'"),
        (BinOp(t, "//", a, Const(2), S), "%0 = a // 2"),
        (InplaceOp(a, "+", a, b, S), "a = inplace a += b"),
        (UnaryOp(t, "-", a, S), "%0 = -a"),
        (UnaryOp(t, "not", a, S), "%0 = not a"),
        (Compare(t, "not in", a, b, S), "%0 = a not in b"),
        (Truth(t, a, S), "%0 = truth a"),
        (BuildList(t, (a, Const(None)), S), "%0 = [a, None]"),
        (BuildTuple(t, (a,), S), "%0 = (a,)"),
        (BuildTuple(t, (), S), "%0 = ()"),
        (BuildDict(t, (Const("k"), a), (b, Const(1)), S), "%0 = {'k': b, a: 1}"),
        (BuildDict(t, (), (), S), "%0 = {}"),
        (BuildSet(t, (a, Const(2)), S), "%0 = set({a, 2})"),
        (DelItem(a, Const("k"), S), "del a['k']"),
        (Unpack((a, b), t, S), "a, b = unpack %0"),
        (GetItem(t, a, Const(0), S), "%0 = a[0]"),
        (SetItem(a, Const(0), b, S), "a[0] = b"),
        (GetSlice(t, a, Const(1), Const(None), Const(None), S), "%0 = a[1:None:None]"),
        (GetAttr(t, a, "append", S), "%0 = a.append"),
        (Call(t, a, (b, Const(b"x")), (("key", Const(1)),), S), "%0 = call a(b, b'x', key=1)"),
        (LoadGlobal(t, "len", S), "%0 = global len"),
        (LoadDeref(t, "k", S), "%0 = deref k"),
        (StoreDeref("k", a, S), "deref k = a"),
        (GetIter(t, a, S), "%0 = iter a"),
        (IterNext(Reg("%1"), Reg("%2"), t, S), "%1, %2 = next %0"),
    ],
)
def test_statement_text(stmt, text: str) -> None:  # type: ignore[no-untyped-def]
    assert format_stmt(stmt) == text


@pytest.mark.parametrize(
    "term, text",
    [
        (Jump("L1", S), "jump L1"),
        (Branch(t, "then1", "else2", S), "branch %0 ? then1 : else2"),
        (Return(Reg("%ret"), S), "return %ret"),
        (Raise(a, None, S), "raise a"),
        (Raise(Const(None), "x > 0", S), "assert_fail 'x > 0' msg=None"),
    ],
)
def test_terminator_text(term, text: str) -> None:  # type: ignore[no-untyped-def]
    assert format_terminator(term) == text


def test_params_text() -> None:
    params = (
        Param("a", ParamKind.POSITIONAL_ONLY, False),
        Param("b", ParamKind.POSITIONAL_OR_KEYWORD, True),
        Param("c", ParamKind.KEYWORD_ONLY, False),
        Param("kw", ParamKind.VAR_KEYWORD, False),
    )
    assert format_params(params) == "a, /, b=?, *, c, **kw"


def test_function_text_has_line_comments_and_nested_functions_last() -> None:
    src = "def f(k):\n    def g(x):\n        return x + k\n    y = g(1)\n    return y\n"
    text = format_function(translate_source(src, "f"))
    assert text == (
        "def f(k):\n"
        "  cellvars: k\n"
        "entry:\n"
        "    deref k = k  # 1\n"
        "    g = function f.<locals>.g closure=(k)  # 2\n"
        "    y = call g(1)  # 4\n"
        "    %ret = y  # 5\n"
        "    jump exit\n"
        "exit:\n"
        "    return %ret  # 1\n"
        "\n"
        "def f.<locals>.g(x):\n"
        "  freevars: k\n"
        "entry:\n"
        "    %0 = deref k  # 3\n"
        "    %ret = x + %0\n"
        "    jump exit\n"
        "exit:\n"
        "    return %ret  # 2\n"
    )


def test_printing_is_deterministic() -> None:
    src = "def f(xs):\n    return [x for x in xs if x] + [y * 2 for y in xs]\n"
    assert format_function(translate_source(src, "f")) == format_function(translate_source(src, "f"))
