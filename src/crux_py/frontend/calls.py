"""Lowering of calls: `f(args, key=value)` and `obj.method(args)`.

A method call is a `GetAttr` of the bound method followed by the `Call`,
evaluated in Python's order (callee, then arguments left to right, then
keyword values). A generator expression passed as the only positional
argument of the builtin all/any/sum/min/max/list/tuple is handed to
`comprehensions.py`. A call with `*args` or `**kwargs` becomes a
`CallUnpacked` (a `**mapping` is a keyword part without a name). A zero-argument `super()` becomes
`super(__class__, first_parameter)`, which is what CPython computes from the
method's `__class__` cell.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from crux_py.frontend import comprehensions
from crux_py.frontend.scopes import NameKind
from crux_py.frontend.unsupported import unsupported
from crux_py.ir.function import ParamKind
from crux_py.ir.nodes import Call, CallUnpacked, GetAttr, LoadGlobal, Operand, Reg

if TYPE_CHECKING:
    from crux_py.frontend.translator import FunctionTranslator


def transform_call(tr: FunctionTranslator, node: ast.Call, dst: Reg | None) -> Operand:
    if any(isinstance(arg, ast.Starred) for arg in node.args) or any(k.arg is None for k in node.keywords):
        return _transform_unpacked_call(tr, node, dst)
    if _is_zero_argument_super(tr, node):
        return _transform_super(tr, node, dst)
    if comprehensions.is_builtin_generator_call(tr, node):
        return comprehensions.transform_builtin_generator_call(tr, node, dst)
    if comprehensions.is_join_of_generator(node):
        return comprehensions.transform_join_of_generator(tr, node, dst)
    arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
    func = _callee(tr, node.func)
    func = tr.snapshot(func, arguments)
    operands = tr.accept_operands(arguments)
    args = tuple(operands[: len(node.args)])
    kwargs = tuple(
        (keyword.arg, value)
        for keyword, value in zip(node.keywords, operands[len(node.args) :])
        if keyword.arg is not None
    )
    result = tr.dst_or_temp(dst)
    tr.emit(Call(result, func, args, kwargs, tr.span(node)))
    return result


def _is_zero_argument_super(tr: FunctionTranslator, node: ast.Call) -> bool:
    return (
        isinstance(node.func, ast.Name)
        and node.func.id == "super"
        and not node.args
        and not node.keywords
        and tr.is_builtin_name("super")
    )


def _transform_super(tr: FunctionTranslator, node: ast.Call, dst: Reg | None) -> Operand:
    """`super()` → `super(__class__, <first parameter>)`, read when the call runs."""
    span = tr.span(node)
    if tr.in_comprehension:
        # CPython runs a comprehension as its own function, whose first argument is the iterator.
        raise unsupported("`super()` inside a comprehension", span)
    if tr.scope.kind("__class__") is not NameKind.FREE:
        raise unsupported("`super()` outside a method defined in a class body", span)
    params = tr.scope_params
    if not params or params[0].kind not in (ParamKind.POSITIONAL_ONLY, ParamKind.POSITIONAL_OR_KEYWORD):
        raise unsupported("`super()` in a function without a positional first parameter", span)
    func = tr.temp()
    tr.emit(LoadGlobal(func, "super", tr.span(node.func)))
    cls = tr.load_name("__class__", node)
    first = tr.load_name(params[0].name, node)
    result = tr.dst_or_temp(dst)
    tr.emit(Call(result, func, (cls, first), (), span))
    return result


def _transform_unpacked_call(tr: FunctionTranslator, node: ast.Call, dst: Reg | None) -> Operand:
    """`f(a, *xs, b, k=v, **m)`: each `*xs` contributes the items of `xs`, each `**m` the items of `m`."""
    values = [arg.value if isinstance(arg, ast.Starred) else arg for arg in node.args]
    func = tr.snapshot(_callee(tr, node.func), [*values, *(k.value for k in node.keywords)])
    operands = tr.accept_operands([*values, *(k.value for k in node.keywords)])
    parts = tuple((isinstance(arg, ast.Starred), op) for arg, op in zip(node.args, operands))
    kwargs = tuple((k.arg, v) for k, v in zip(node.keywords, operands[len(values):]))
    result = tr.dst_or_temp(dst)
    tr.emit(CallUnpacked(result, func, parts, kwargs, tr.span(node)))
    return result


def _callee(tr: FunctionTranslator, func: ast.expr) -> Operand:
    if isinstance(func, ast.Attribute):
        obj = tr.accept_expr(func.value)
        method = tr.temp()
        tr.emit(GetAttr(method, obj, func.attr, tr.span(func)))
        return method
    return tr.accept_expr(func)
