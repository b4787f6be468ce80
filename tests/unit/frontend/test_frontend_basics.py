"""Frontend: function shape, registers, constants, assignments, dead code."""

from __future__ import annotations

import re

import pytest
from ir_eval import compile_both
from ir_walk import of_type, registers_written, stmts

from crux_py.frontend import translate_source
from crux_py.ir import (
    Assign,
    BinOp,
    BuildTuple,
    Const,
    GetItem,
    InplaceOp,
    Jump,
    ParamKind,
    Reg,
    Return,
    SetItem,
    Unpack,
)


def test_single_exit_block_returns_ret_register() -> None:
    fir = translate_source("def f(a):\n    if a:\n        return 1\n    return 2\n", "f")
    returns = [b for b in fir.blocks.values() if isinstance(b.term, Return)]
    assert [b.label for b in returns] == [fir.exit]
    exit_block = fir.blocks[fir.exit]
    assert exit_block.stmts == ()
    assert exit_block.term.value == Reg("%ret") == fir.ret
    ret_assigns = [s for s in of_type(fir, Assign) if s.dst == Reg("%ret")]
    assert sorted(s.src.value for s in ret_assigns) == [1, 2]


def test_return_jumps_to_exit() -> None:
    fir = translate_source("def f(a):\n    return a\n", "f")
    entry = fir.blocks[fir.entry]
    assert entry.stmts[-1] == Assign(Reg("%ret"), Reg("a"), entry.stmts[-1].span)
    assert isinstance(entry.term, Jump) and entry.term.target == fir.exit


def test_falling_off_the_end_returns_none() -> None:
    fir = translate_source("def f(a):\n    b = a\n", "f")
    entry = fir.blocks[fir.entry]
    assert entry.stmts[-1].dst == Reg("%ret") and entry.stmts[-1].src == Const(None)
    assert entry.term == Jump(fir.exit, entry.term.span)


def test_bare_return_returns_none() -> None:
    fir = translate_source("def f(a):\n    return\n", "f")
    assert of_type(fir, Assign)[0].src == Const(None)


def test_docstring_and_pass_produce_nothing() -> None:
    fir = translate_source('def f():\n    """Doc."""\n    pass\n    return 3\n', "f")
    assert [type(s) for s in stmts(fir)] == [Assign]


def test_expression_statement_is_evaluated() -> None:
    fir = translate_source("def f(xs):\n    xs.append(1)\n", "f")
    names = [type(s).__name__ for s in stmts(fir)]
    assert names[:2] == ["GetAttr", "Call"]


def test_temporaries_are_numbered_and_locals_keep_names() -> None:
    fir = translate_source("def f(a, b):\n    c = a * b + a\n    return c\n", "f")
    written = registers_written(fir)
    temps = {r for r in written if r.startswith("%") and r != "%ret"}
    assert all(re.fullmatch(r"%\d+", t) for t in temps)
    assert "c" in written


def test_assignment_writes_the_local_directly() -> None:
    fir = translate_source("def f(a, b):\n    c = a + b\n    return c\n", "f")
    binops = of_type(fir, BinOp)
    assert binops[0].dst == Reg("c") and binops[0].op == "+"


def test_parameters_with_kinds_and_defaults() -> None:
    src = "def f(a, /, b, c=1, *args, d, e=2, **kw):\n    return a\n"
    fir = translate_source(src, "f")
    assert [(p.name, p.kind, p.has_default) for p in fir.params] == [
        ("a", ParamKind.POSITIONAL_ONLY, False),
        ("b", ParamKind.POSITIONAL_OR_KEYWORD, False),
        ("c", ParamKind.POSITIONAL_OR_KEYWORD, True),
        ("args", ParamKind.VAR_POSITIONAL, False),
        ("d", ParamKind.KEYWORD_ONLY, False),
        ("e", ParamKind.KEYWORD_ONLY, True),
        ("kw", ParamKind.VAR_KEYWORD, False),
    ]


@pytest.mark.parametrize(
    "literal, value",
    [("7", 7), ("True", True), ("'s'", "s"), ("b'\\x01'", b"\x01"), ("None", None),
     ("(1, 'a', (None, b''))", (1, "a", (None, b""))), ("-5", -5), ("~0", -1), ("(-1, 2)", (-1, 2))],
)
def test_constants(literal: str, value: object) -> None:
    fir = translate_source(f"def f():\n    return {literal}\n", "f")
    (assign,) = of_type(fir, Assign)
    assert assign.src == Const(value) and type(assign.src.value) is type(value)


def test_tuple_with_variables_is_built() -> None:
    fir = translate_source("def f(a):\n    return (a, 1)\n", "f")
    (build,) = of_type(fir, BuildTuple)
    assert build.items == (Reg("a"), Const(1))


def test_swap_goes_through_a_tuple() -> None:
    fir = translate_source("def f(a, b):\n    a, b = b, a\n    return a, b\n", "f")
    build, unpack = stmts(fir)[:2]
    assert isinstance(build, BuildTuple) and build.items == (Reg("b"), Reg("a"))
    assert isinstance(unpack, Unpack) and unpack.dsts == (Reg("a"), Reg("b"))
    assert unpack.src == build.dst
    py, ir = compile_both("def f(a, b):\n    a, b = b, a\n    return a, b\n", "f")
    assert ir(1, 2) == py(1, 2) == (2, 1)


def test_nested_unpacking() -> None:
    src = "def f(t):\n    a, (b, c) = t\n    return a + b + c\n"
    fir = translate_source(src, "f")
    unpacks = of_type(fir, Unpack)
    assert len(unpacks) == 2
    assert unpacks[1].dsts == (Reg("b"), Reg("c"))
    py, ir = compile_both(src, "f")
    assert ir((1, (2, 3))) == py((1, (2, 3))) == 6


def test_unpacking_into_subscripts_keeps_python_order() -> None:
    src = (
        "def f():\n"
        "    x = [0, 0, 0]\n"
        "    i, x[i] = 2, 5\n"
        "    x[i], i = 7, 0\n"
        "    return x, i\n"
    )
    py, ir = compile_both(src, "f")
    assert ir() == py() == ([0, 0, 7], 0)


def test_repeated_name_in_unpacking_keeps_the_last() -> None:
    py, ir = compile_both("def f():\n    a, a = 1, 2\n    return a\n", "f")
    assert ir() == py() == 2


def test_chained_assignment_assigns_the_same_object() -> None:
    src = "def f():\n    a = b = []\n    a.append(1)\n    return b\n"
    py, ir = compile_both(src, "f")
    assert ir() == py() == [1]


def test_subscript_assignment_and_annotated_assignment() -> None:
    src = "def f(xs: list, i: int):\n    y: int = 3\n    z: int\n    xs[i] = y\n    return xs\n"
    fir = translate_source(src, "f")
    (setitem,) = of_type(fir, SetItem)
    assert setitem.obj == Reg("xs") and setitem.index == Reg("i") and setitem.value == Reg("y")
    py, ir = compile_both(src, "f")
    assert ir([0, 0], 1) == py([0, 0], 1) == [0, 3]


def test_augmented_assignment_to_a_local() -> None:
    fir = translate_source("def f(x, y):\n    x += y\n    return x\n", "f")
    (op,) = of_type(fir, InplaceOp)
    assert (op.dst, op.op, op.lhs, op.rhs) == (Reg("x"), "+", Reg("x"), Reg("y"))


def test_augmented_assignment_to_a_subscript_evaluates_once() -> None:
    src = (
        "def f(xs):\n"
        "    calls = []\n"
        "    def idx():\n"
        "        calls.append(1)\n"
        "        return 0\n"
        "    xs[idx()] += 5\n"
        "    return xs, len(calls)\n"
    )
    fir = translate_source(src, "f")
    assert len(of_type(fir, GetItem)) == 1 and len(of_type(fir, SetItem)) == 1
    (op,) = of_type(fir, InplaceOp)
    assert op.dst.name.startswith("%")
    py, ir = compile_both(src, "f")
    assert ir([1, 2]) == py([1, 2]) == ([6, 2], 1)


def test_list_inplace_add_mutates() -> None:
    src = "def f(a):\n    b = a\n    b += [1]\n    return a\n"
    py, ir = compile_both(src, "f")
    assert ir([0]) == py([0]) == [0, 1]


def test_walrus_assigns_and_yields_the_value() -> None:
    src = "def f(xs):\n    if (n := len(xs)) > 2:\n        return n\n    return -n\n"
    py, ir = compile_both(src, "f")
    for xs in ([], [1, 2, 3]):
        assert ir(xs) == py(xs)


def test_walrus_later_in_an_expression_does_not_change_earlier_operands() -> None:
    src = "def f(x):\n    y = x + (x := 10)\n    z = [x, (x := 1), x]\n    return y, z, x\n"
    py, ir = compile_both(src, "f")
    assert ir(3) == py(3) == (13, [10, 1, 1], 1)


def test_code_after_return_is_dropped() -> None:
    src = "def f(a):\n    return a\n    b = a + 1\n    return b\n"
    fir = translate_source(src, "f")
    assert not of_type(fir, BinOp)
    assert set(fir.blocks) == {fir.entry, fir.exit}


def test_code_after_if_that_always_returns_is_dropped() -> None:
    src = "def f(a):\n    if a:\n        return 1\n    else:\n        return 2\n    c = a * 3\n"
    fir = translate_source(src, "f")
    assert not of_type(fir, BinOp)


def test_function_that_always_raises_keeps_an_unreached_exit() -> None:
    fir = translate_source("def f(a):\n    raise ValueError(a)\n", "f")
    assert fir.exit in fir.blocks
    assert all(fir.exit not in fir.successors(label) for label in fir.blocks)


def test_spans_are_absolute_and_carry_the_file() -> None:
    src = "\n\n\ndef f(a):\n    b = a  + 1\n    return b\n"
    fir = translate_source(src, "f", filename="some/file.py")
    binop = of_type(fir, BinOp)[0]
    assert binop.span.file == "some/file.py"
    assert (binop.span.line, binop.span.col, binop.span.end_line, binop.span.end_col) == (5, 8, 5, 14)
    assert fir.span.line == 4


def test_columns_count_characters_not_bytes() -> None:
    src = "def f(a):\n    s = 'é'; b = a + 1\n    return b\n"
    fir = translate_source(src, "f")
    binop = of_type(fir, BinOp)[0]
    assert binop.span.col == src.splitlines()[1].index("a + 1")


ASSIGNMENT_FORMS = '''
class Box:
    pass

def g(*args, **kw):
    return (args, sorted(kw.items()))

def f(xs, b):
    xs[1:3] = [7, 8, 9]
    xs[::2] = [0] * len(xs[::2])
    xs[0:2] += [5]
    b.value = len(xs)
    b.value += 2
    return g(1, *xs, *(4, 5), 6, k=3), b.value, xs
'''


def test_slice_and_attribute_assignment_and_star_arguments() -> None:
    ns: dict = {}
    exec(compile(ASSIGNMENT_FORMS, "<forms>", "exec"), ns)
    import ir_eval

    python, ir = ir_eval.compile_both(ASSIGNMENT_FORMS, "f")
    box_py, box_ir = ns["Box"](), ns["Box"]()
    expected = python([1, 2, 3, 4, 5], box_py)
    got = ir([1, 2, 3, 4, 5], box_ir)
    assert got[0] == expected[0] and got[2] == expected[2]
    assert box_ir.value == box_py.value == got[1]
