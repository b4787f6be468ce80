"""Lowering of calls: `f(args, key=value)` and `obj.method(args)`.

A method call is a `GetAttr` of the bound method followed by the `Call`,
evaluated in Python's order (callee, then arguments left to right, then
keyword values). A generator expression passed as the only positional
argument of the builtin all/any/sum/min/max/list/tuple is handed to
`comprehensions.py`; `*args`/`**kwargs` at call sites are rejected.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from crux_py.frontend import comprehensions
from crux_py.frontend.unsupported import unsupported
from crux_py.ir.nodes import Call, GetAttr, Operand, Reg

if TYPE_CHECKING:
    from crux_py.frontend.translator import FunctionTranslator


def transform_call(tr: FunctionTranslator, node: ast.Call, dst: Reg | None) -> Operand:
    for arg in node.args:
        if isinstance(arg, ast.Starred):
            raise unsupported("`*args` unpacking in a call", tr.span(arg))
    for keyword in node.keywords:
        if keyword.arg is None:
            raise unsupported("`**kwargs` unpacking in a call", tr.span(keyword.value))
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


def _callee(tr: FunctionTranslator, func: ast.expr) -> Operand:
    if isinstance(func, ast.Attribute):
        obj = tr.accept_expr(func.value)
        method = tr.temp()
        tr.emit(GetAttr(method, obj, func.attr, tr.span(func)))
        return method
    return tr.accept_expr(func)
