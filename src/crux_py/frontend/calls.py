"""Lowering of calls: `f(args, key=value)` and `obj.method(args)`.

A method call is a `GetAttr` of the bound method followed by the `Call`,
evaluated in Python's order (callee, then arguments left to right, then
keyword values). A generator expression passed as the only positional
argument of the builtin all/any/sum/min/max/list/tuple is handed to
`comprehensions.py`. `*args` at call sites becomes a `CallUnpacked`;
`**kwargs` is rejected.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from crux_py.frontend import comprehensions
from crux_py.frontend.unsupported import unsupported
from crux_py.ir.nodes import Call, CallUnpacked, GetAttr, Operand, Reg

if TYPE_CHECKING:
    from crux_py.frontend.translator import FunctionTranslator


def transform_call(tr: FunctionTranslator, node: ast.Call, dst: Reg | None) -> Operand:
    for keyword in node.keywords:
        if keyword.arg is None:
            raise unsupported("`**kwargs` unpacking in a call", tr.span(keyword.value))
    if any(isinstance(arg, ast.Starred) for arg in node.args):
        return _transform_unpacked_call(tr, node, dst)
    if comprehensions.is_builtin_generator_call(tr, node):
        return comprehensions.transform_builtin_generator_call(tr, node, dst)
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


def _transform_unpacked_call(tr: FunctionTranslator, node: ast.Call, dst: Reg | None) -> Operand:
    """`f(a, *xs, b, k=v)`: each `*xs` contributes the items of `xs`."""
    values = [arg.value if isinstance(arg, ast.Starred) else arg for arg in node.args]
    func = tr.snapshot(_callee(tr, node.func), [*values, *(k.value for k in node.keywords)])
    operands = tr.accept_operands([*values, *(k.value for k in node.keywords)])
    parts = tuple((isinstance(arg, ast.Starred), op) for arg, op in zip(node.args, operands))
    kwargs = tuple((k.arg, v) for k, v in zip(node.keywords, operands[len(values):]) if k.arg is not None)
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
