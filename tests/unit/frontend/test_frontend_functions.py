"""Frontend: calls, nested functions and closures, and `translate_function`."""

from __future__ import annotations

import inspect

import frontend_samples as samples
import pytest
from hypothesis import given
from hypothesis import strategies as st
from ir_eval import IRClosure, compile_both
from ir_walk import nested, of_type

from crux_py.errors import UnsupportedFeature, UserError
from crux_py.frontend import translate_function, translate_source
from crux_py.ir import (
    BinOp,
    Call,
    CallUnpacked,
    Const,
    GetAttr,
    Import,
    LoadDeref,
    LoadGlobal,
    MakeFunction,
    Reg,
    StoreDeref,
)


def test_call_with_positional_and_keyword_arguments() -> None:
    fir = translate_source("def f(a, g):\n    return g(a, 1, key=a, other='x')\n", "f")
    (call,) = of_type(fir, Call)
    assert call.func == Reg("g")
    assert call.args == (Reg("a"), Const(1))
    assert call.kwargs == (("key", Reg("a")), ("other", Const("x")))


def test_global_function_is_loaded_at_run_time() -> None:
    fir = translate_source("def f(xs):\n    return len(xs)\n", "f")
    (load,) = of_type(fir, LoadGlobal)
    (call,) = of_type(fir, Call)
    assert load.name == "len" and call.func == load.dst


def test_method_call_is_getattr_then_call() -> None:
    fir = translate_source("def f(xs, v):\n    xs.append(v)\n", "f")
    get, call = of_type(fir, GetAttr)[0], of_type(fir, Call)[0]
    assert get.obj == Reg("xs") and get.name == "append"
    assert call.func == get.dst and call.args == (Reg("v"),)


def test_calls_evaluate_callee_then_arguments_in_order() -> None:
    src = (
        "def f():\n"
        "    log = []\n"
        "    def note(tag, value):\n"
        "        log.append(tag)\n"
        "        return value\n"
        "    def add(a, b, *, c):\n"
        "        return a + b + c\n"
        "    r = note('f', add)(note('a', 1), note('b', 2), c=note('c', 3))\n"
        "    return r, log\n"
    )
    py, ir = compile_both(src, "f")
    assert ir() == py() == (6, ["f", "a", "b", "c"])


def test_nested_helper_with_closure() -> None:
    src = (
        "def f(k, xs):\n"
        "    def scale(x, offset=k + 1):\n"
        "        return x * k + offset\n"
        "    return [scale(x) for x in xs]\n"
    )
    fir = translate_source(src, "f")
    assert fir.cellvars == ("k",)
    entry = fir.blocks[fir.entry]
    assert entry.stmts[0] == StoreDeref("k", Reg("k"), entry.stmts[0].span)
    (make,) = of_type(fir, MakeFunction)
    assert make.closure == ("k",) and make.dst == Reg("scale")
    assert len(make.defaults) == 1
    (inner,) = nested(fir)
    assert inner.freevars == ("k",) and inner.qualname == "f.<locals>.scale"
    assert [s.name for s in of_type(inner, LoadDeref)] == ["k"]
    py, ir = compile_both(src, "f")
    assert ir(3, [1, 2]) == py(3, [1, 2]) == [7, 10]


def test_defaults_are_evaluated_at_definition_time() -> None:
    src = (
        "def f():\n"
        "    n = 1\n"
        "    def g(a=n, *, b=n + 1):\n"
        "        return a, b\n"
        "    n = 5\n"
        "    return g(), g(b=0)\n"
    )
    fir = translate_source(src, "f")
    (make,) = of_type(fir, MakeFunction)
    assert make.defaults == (Reg("n"),) and [k for k, _ in make.kwdefaults] == ["b"]
    py, ir = compile_both(src, "f")
    assert ir() == py() == ((1, 2), (1, 0))


@given(st.lists(st.integers(-3, 3), max_size=5))
def test_nonlocal_counter(xs: list[int]) -> None:
    src = (
        "def f(xs):\n"
        "    total = 0\n"
        "    def add(x):\n"
        "        nonlocal total\n"
        "        total += x\n"
        "        return total\n"
        "    seen = [add(x) for x in xs]\n"
        "    return total, seen\n"
    )
    py, ir = compile_both(src, "f")
    assert ir(xs) == py(xs)


def test_capture_through_two_levels_and_recursion() -> None:
    src = (
        "def f(n):\n"
        "    base = 2\n"
        "    def outer(m):\n"
        "        def fact(k):\n"
        "            if k <= 1:\n"
        "                return base\n"
        "            return k * fact(k - 1)\n"
        "        return fact(m)\n"
        "    return outer(n)\n"
    )
    fir = translate_source(src, "f")
    assert fir.cellvars == ("base",)
    (outer,) = nested(fir)
    assert outer.freevars == ("base",) and outer.cellvars == ("fact",)
    (fact,) = nested(outer)
    assert fact.freevars == ("base", "fact")
    (make,) = of_type(outer, MakeFunction)
    assert make.closure == ("base", "fact")
    py, ir = compile_both(src, "f")
    assert ir(4) == py(4) == 48


def test_lambda_is_a_closure_with_defaults() -> None:
    src = (
        "def f(k, xs):\n"
        "    add = lambda x, step=k + 1, *, scale=2: x * scale + step + k\n"
        "    k = 10\n"
        "    curry = lambda a: lambda b: a - b\n"
        "    return [add(x) for x in xs], add(1, 0, scale=3), curry(k)(4)\n"
    )
    fir = translate_source(src, "f")
    assert fir.cellvars == ("k",)
    add, curry = of_type(fir, MakeFunction)
    assert add.closure == ("k",) and add.defaults and [k for k, _ in add.kwdefaults] == ["scale"]
    assert add.func.name == "<lambda>" and add.func.qualname == "f.<locals>.<lambda>"
    assert curry.closure == ()
    (inner,) = of_type(curry.func, MakeFunction)
    assert inner.closure == ("a",)
    py, ir = compile_both(src, "f")
    assert ir(3, [1, 2]) == py(3, [1, 2]) == ([16, 18], 13, 6)


def test_lambda_passed_to_a_function() -> None:
    src = (
        "def f(n):\n"
        "    def twice(g, v):\n"
        "        return g(g(v))\n"
        "    return twice(lambda v: v * n, 1)\n"
    )
    py, ir = compile_both(src, "f")
    assert ir(3) == py(3) == 9


def test_lambdas_on_one_line_with_different_variables_are_rejected() -> None:
    src = "def f(k):\n    return (lambda x: x), (lambda x: x + k)\n"
    with pytest.raises(UnsupportedFeature, match="lambdas") as info:
        translate_source(src, "f", filename="mod.py")
    assert info.value.span is not None and info.value.span.line == 2


def test_identical_lambdas_on_one_line_are_translated() -> None:
    src = "def f(k):\n    a, b = (lambda x: x + k), (lambda x: x * k)\n    return a(2), b(2)\n"
    py, ir = compile_both(src, "f")
    assert ir(3) == py(3) == (5, 6)


def test_imports_bind_names_where_they_run() -> None:
    src = (
        "def f(n):\n"
        "    import os.path\n"
        "    import os.path as osp\n"
        "    from struct import pack, calcsize as size\n"
        "    return os.path is osp, pack('<H', n), size('<I')\n"
    )
    fir = translate_source(src, "f")
    imports = of_type(fir, Import)
    assert [(i.dst, i.module, i.fromlist, i.level, i.attrs) for i in imports] == [
        (Reg("os"), "os.path", (), 0, ()),
        (Reg("osp"), "os.path", (), 0, ("path",)),
        (Reg("pack"), "struct", ("pack", "calcsize"), 0, ("pack",)),
        (Reg("size"), "struct", ("pack", "calcsize"), 0, ("calcsize",)),
    ]
    assert not of_type(fir, LoadGlobal)
    py, ir = compile_both(src, "f")
    assert ir(258) == py(258) == (True, b"\x02\x01", 4)


def test_import_of_a_captured_name_stores_the_cell() -> None:
    src = "def f():\n    import struct\n    return lambda: struct.calcsize('<H')\n"
    fir = translate_source(src, "f")
    (imp,) = of_type(fir, Import)
    assert fir.cellvars == ("struct",) and StoreDeref("struct", imp.dst, imp.span) in of_type(fir, StoreDeref)
    py, ir = compile_both(src, "f")
    assert ir()() == py()() == 2


def test_zero_argument_super_reads_the_class_cell_and_first_parameter() -> None:
    fir = translate_function(samples.Child.size)
    assert fir.freevars == ("__class__",)
    (load,) = of_type(fir, LoadGlobal)
    (deref,) = of_type(fir, LoadDeref)
    make_super, size_call = of_type(fir, Call)
    assert load.name == "super" and deref.name == "__class__"
    assert make_super.func == load.dst and make_super.args == (deref.dst, Reg("me"))
    assert size_call.args == ()


def test_super_without_a_positional_first_parameter_is_rejected() -> None:
    with pytest.raises(UnsupportedFeature, match="positional first parameter") as info:
        translate_function(samples.Child.no_first_parameter)
    code = samples.Child.no_first_parameter.__code__
    assert info.value.span is not None and info.value.span.line == code.co_firstlineno + 1


def test_comprehension_reads_do_not_make_cells() -> None:
    fir = translate_source("def f(k, xs):\n    return [x + k for x in xs]\n", "f")
    assert fir.cellvars == () and not of_type(fir, StoreDeref)


def test_translate_function_is_cached_by_code_object() -> None:
    fir = translate_function(samples.plain)
    assert translate_function(samples.plain) is fir
    assert fir.name == "plain" and fir.qualname == "plain"
    assert [p.has_default for p in fir.params] == [False, True]


def test_translate_function_spans_are_absolute() -> None:
    fir = translate_function(samples.plain)
    lines, first = inspect.getsourcelines(samples.plain)
    (binop,) = of_type(fir, BinOp)
    assert binop.span.file == inspect.getsourcefile(samples.plain)
    assert binop.span.line == first + 1
    assert lines[1].strip() == "c = a + b"


def test_translate_decorated_function() -> None:
    fir = translate_function(samples.decorated.__wrapped__)
    (binop,) = of_type(fir, BinOp)
    assert binop.op == "*" and binop.rhs == Const(2)
    assert fir.span.line == samples.decorated.__wrapped__.__code__.co_firstlineno + 2


def test_translate_closure_uses_co_freevars_order() -> None:
    fir = translate_function(samples.counter)
    assert fir.freevars == samples.counter.__code__.co_freevars == ("step", "total")
    assert fir.qualname == "make_counter.<locals>.bump"
    cells = dict(zip(fir.freevars, samples.counter.__closure__))
    # Run the IR against fresh cells holding the real closure's values.
    from ir_eval import Cell

    ir_cells = {}
    for name, cell in cells.items():
        ir_cells[name] = Cell()
        ir_cells[name].contents = cell.cell_contents
    ir = IRClosure(fir, samples.__dict__, closure=ir_cells)
    assert ir(2) == 16 and ir_cells["total"].contents == 16


def test_translate_method() -> None:
    fir = translate_function(samples.Box.get)
    assert [p.name for p in fir.params] == ["self", "i"]
    assert of_type(fir, GetAttr)[0].name == "items"


def test_generator_in_builtin_sum() -> None:
    fir = translate_function(samples.uses_sum)
    assert [s.name for s in of_type(fir, LoadGlobal)] == ["sum"]


def test_generator_in_shadowed_builtin_is_unsupported() -> None:
    with pytest.raises(UnsupportedFeature) as info:
        translate_function(samples.uses_shadowed_max)
    assert "generator expression" in info.value.construct
    assert info.value.span.line == samples.uses_shadowed_max.__code__.co_firstlineno + 1


def test_module_level_lambda_is_translated_as_a_def() -> None:
    fir = translate_function(samples.square)
    assert fir.name == "<lambda>" and [p.name for p in fir.params] == ["x"]
    (mul,) = of_type(fir, BinOp)
    assert mul.op == "*" and mul.lhs == mul.rhs == Reg("x")


def test_lambdas_sharing_a_line_and_non_functions_are_rejected() -> None:
    with pytest.raises(UnsupportedFeature, match="lambda") as info:
        translate_function(samples.twins[0])
    assert info.value.span is not None and info.value.span.line == samples.twins[0].__code__.co_firstlineno
    with pytest.raises(UserError):
        translate_function(len)  # type: ignore[arg-type]


def test_function_without_source_file_is_a_user_error() -> None:
    namespace: dict[str, object] = {}
    exec("def g(x):\n    return x\n", namespace)
    with pytest.raises(UserError):
        translate_function(namespace["g"])  # type: ignore[arg-type]


def test_nested_decorators_are_evaluated_first_and_applied_bottom_up() -> None:
    src = ("def f(d1, d2, v):\n"
           "    @d1\n"
           "    @d2\n"
           "    def g(x=v()):\n"
           "        return x\n"
           "    return g\n")
    fir = translate_source(src, "f")
    calls = of_type(fir, Call)
    (make,) = of_type(fir, MakeFunction)
    default_call, apply_d2, apply_d1 = calls
    assert default_call.func == Reg("v") and make.defaults == (default_call.dst,)
    assert apply_d2.func == Reg("d2") and apply_d2.args == (make.dst,)
    assert apply_d1.func == Reg("d1") and apply_d1.args == (apply_d2.dst,)
    order = [s for block in fir.blocks.values() for s in block.stmts]
    assert order.index(default_call) < order.index(make) < order.index(apply_d2) < order.index(apply_d1)
    assert make.dst != Reg("g")  # the name is bound to the decorated value only


def test_call_with_double_star_mapping() -> None:
    fir = translate_source("def f(g, m):\n    return g(1, k=2, **m)\n", "f")
    (call,) = of_type(fir, CallUnpacked)
    assert call.kwargs == (("k", Const(2)), (None, Reg("m")))
