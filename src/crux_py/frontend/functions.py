"""Parameters, the generator check, nested `def` statements and lambdas (`MakeFunction`).

A lambda is lowered as the nested function `def <lambda>(params): return body`:
the same defaults, closure cells and argument binding as a `def`.

The function-level driver (entry block, body, exit block, verification) is
`FunctionTranslator.translate` in `translator.py`; nested functions are
translated recursively through `FunctionTranslator.translate_nested`.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from crux_py.errors import panic
from crux_py.frontend.scopes import NameKind
from crux_py.frontend.source_loader import FunctionNode
from crux_py.frontend.unsupported import unsupported
from crux_py.ir.function import FunctionIR, Param, ParamKind
from crux_py.ir.nodes import Call, MakeFunction, Operand, Reg

if TYPE_CHECKING:
    from crux_py.frontend.translator import FunctionTranslator


def param_list(args: ast.arguments) -> tuple[Param, ...]:
    """The parameters in signature order, with their kinds and whether defaulted."""
    positional = [*args.posonlyargs, *args.args]
    first_default = len(positional) - len(args.defaults)
    params: list[Param] = []
    for index, arg in enumerate(positional):
        kind = ParamKind.POSITIONAL_ONLY if index < len(args.posonlyargs) else (
            ParamKind.POSITIONAL_OR_KEYWORD
        )
        params.append(Param(arg.arg, kind, index >= first_default))
    if args.vararg is not None:
        params.append(Param(args.vararg.arg, ParamKind.VAR_POSITIONAL, False))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        params.append(Param(arg.arg, ParamKind.KEYWORD_ONLY, default is not None))
    if args.kwarg is not None:
        params.append(Param(args.kwarg.arg, ParamKind.VAR_KEYWORD, False))
    return tuple(params)


def param_names(args: ast.arguments) -> set[str]:
    return {param.name for param in param_list(args)}


def reject_generator_body(tr: FunctionTranslator, node: FunctionNode) -> None:
    """A `yield` anywhere in the body (even dead code) makes a generator function."""
    for sub in _own_nodes(node):
        if isinstance(sub, (ast.Yield, ast.YieldFrom)):
            raise unsupported("generator function (`yield`)", tr.span(sub))
        if isinstance(sub, ast.Await):
            raise unsupported("`await` expression", tr.span(sub))


def _own_nodes(node: FunctionNode) -> list[ast.AST]:
    """The nodes of the body that belong to this function, not to nested scopes."""
    found: list[ast.AST] = []
    stack: list[ast.AST] = list(node.body)
    while stack:
        current = stack.pop()
        found.append(current)
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        stack.extend(ast.iter_child_nodes(current))
    return found


def _defaults(tr: FunctionTranslator, args: ast.arguments) -> tuple[tuple[Operand, ...], tuple[tuple[str, Operand], ...]]:
    """Evaluate the default values (positional, then keyword-only), as at `def` time."""
    kw_defaults = [d for d in args.kw_defaults if d is not None]
    operands = tr.accept_operands([*args.defaults, *kw_defaults])
    defaults = tuple(operands[: len(args.defaults)])
    kw_values = iter(operands[len(args.defaults) :])
    kwdefaults = tuple(
        (arg.arg, next(kw_values))
        for arg, default in zip(args.kwonlyargs, args.kw_defaults)
        if default is not None
    )
    return defaults, kwdefaults


def _check_captures(tr: FunctionTranslator, fir: FunctionIR) -> None:
    for name in fir.freevars:
        if tr.scope.kind(name) not in (NameKind.CELL, NameKind.FREE):
            raise panic(f"{fir.qualname} captures {name}, which is not a cell of {tr.qualname}")


def transform_function_def(tr: FunctionTranslator, node: ast.FunctionDef) -> None:
    """`def g(...)` inside a function: defaults now, the body as its own FunctionIR.

    With decorators, CPython evaluates the decorator expressions first (top to
    bottom), then the defaults, makes the function, applies the decorators
    bottom up and only then binds the name (`g = d1(d2(<function>))`)."""
    span = tr.span(node)
    decorators = [tr.snapshot(op, [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)])
                  for op in tr.accept_operands(node.decorator_list)]
    defaults, kwdefaults = _defaults(tr, node.args)
    fir = tr.translate_nested(node)
    _check_captures(tr, fir)
    reg = tr.direct_register(node.name)
    dst = reg if reg is not None and not decorators else tr.temp()
    tr.emit(MakeFunction(dst, fir, defaults, kwdefaults, fir.freevars, span))
    value: Operand = dst
    for decorator, expr in reversed(list(zip(decorators, node.decorator_list))):
        applied = tr.temp()
        tr.emit(Call(applied, decorator, (value,), (), tr.span(expr)))
        value = applied
    if value != reg:
        tr.store_name(node.name, value, node)


def lambda_as_def(node: ast.Lambda) -> ast.FunctionDef:
    """`lambda params: body` as the equivalent `def <lambda>(params): return body`."""
    ret = ast.copy_location(ast.Return(value=node.body), node.body)
    fdef = ast.FunctionDef(name="<lambda>", args=node.args, body=[ret], decorator_list=[], returns=None)
    return ast.copy_location(fdef, node)


def transform_lambda(tr: FunctionTranslator, node: ast.Lambda, dst: Reg | None) -> Operand:
    """A lambda inside a function: a closure over the enclosing function's cells."""
    if tr.in_comprehension:
        # The comprehension's variables are plain registers here, not the cells a lambda would capture.
        raise unsupported("lambda inside a comprehension", tr.span(node))
    defaults, kwdefaults = _defaults(tr, node.args)
    fir = tr.translate_lambda(node)
    _check_captures(tr, fir)
    result = tr.dst_or_temp(dst)
    tr.emit(MakeFunction(result, fir, defaults, kwdefaults, fir.freevars, tr.span(node)))
    return result
