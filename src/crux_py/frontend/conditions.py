"""Tests and the expressions that branch: comparisons, `and`/`or`, `x if c else y`.

`transform_condition` lowers an expression used only for its truth (the test
of `if`, `while`, `assert`, comprehension `if`s, `all`/`any` elements)
straight into branches: `not` swaps the targets, `and`/`or` short-circuit
by jumping, chained comparisons stop at the first false link. Every
`Branch` gets its own `Truth` just before it (`builder.branch`); constant
tests become jumps. The value forms keep Python's semantics (`x and y` is
`x` when `x` is falsy, else `y`) by assigning one temporary on each path.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from crux_py.frontend.expressions import compare_operator, literal_value
from crux_py.ir.nodes import Assign, Compare, Operand, Reg

if TYPE_CHECKING:
    from crux_py.frontend.translator import FunctionTranslator


def static_truth(node: ast.expr) -> bool | None:
    """The truth of a test known without running it (`True`, `1`, `not 0`), else None."""
    if isinstance(node, ast.Name) and node.id == "__debug__":
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = static_truth(node.operand)
        return None if inner is None else not inner
    ok, value = literal_value(node)
    return bool(value) if ok else None


def transform_condition(tr: FunctionTranslator, node: ast.expr, then: str, orelse: str) -> None:
    """Branch to `then` if `node` is truthy, else to `orelse`."""
    span = tr.span(node)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        transform_condition(tr, node.operand, orelse, then)
    elif isinstance(node, ast.BoolOp):
        is_and = isinstance(node.op, ast.And)
        for index, value in enumerate(node.values[:-1]):
            next_label = tr.builder.new_label("and" if is_and else "or")
            if is_and:
                transform_condition(tr, value, next_label, orelse)
            else:
                transform_condition(tr, value, then, next_label)
            tr.open(next_label, node.values[index + 1])
        transform_condition(tr, node.values[-1], then, orelse)
    elif isinstance(node, ast.Compare) and len(node.ops) > 1:
        _chained_compare(tr, node, then, orelse, None)
    else:
        tr.builder.branch(tr.accept_expr(node), then, orelse, span)


def transform_compare(tr: FunctionTranslator, node: ast.Compare, dst: Reg | None) -> Operand:
    if len(node.ops) == 1:
        lhs, rhs = tr.accept_operands([node.left, node.comparators[0]])
        result = tr.dst_or_temp(dst)
        tr.emit(Compare(result, compare_operator(node.ops[0]), lhs, rhs, tr.span(node)))
        return result
    result = tr.temp()
    end_label = tr.builder.new_label("cmp_end")
    _chained_compare(tr, node, end_label, end_label, result)
    tr.open(end_label, node)
    return result


def _chained_compare(
    tr: FunctionTranslator, node: ast.Compare, then: str, orelse: str, result: Reg | None
) -> None:
    """`a < b < c`: each middle operand is evaluated once; stop at the first false link.

    With `result`, each link's value is left in it (the value of the chain is
    the last link evaluated) and both targets are normally the same label.
    """
    lhs = tr.snapshot(tr.accept_expr(node.left), node.comparators)
    last = len(node.ops) - 1
    for index, (op, comparator) in enumerate(zip(node.ops, node.comparators)):
        rhs = tr.snapshot(tr.accept_expr(comparator), node.comparators[index + 1 :])
        link = result if result is not None else tr.temp()
        tr.emit(Compare(link, compare_operator(op), lhs, rhs, tr.span(node)))
        if index == last:
            if result is None:
                tr.builder.branch(link, then, orelse, tr.span(node))
            else:
                tr.builder.jump(then, tr.span(node))
            return
        next_label = tr.builder.new_label("cmp_next")
        tr.builder.branch(link, next_label, orelse, tr.span(node))
        tr.open(next_label, node.comparators[index + 1])
        lhs = rhs


def transform_boolop_value(tr: FunctionTranslator, node: ast.BoolOp, dst: Reg | None) -> Operand:
    is_and = isinstance(node.op, ast.And)
    result = tr.temp()
    end_label = tr.builder.new_label("bool_end")
    for index, value in enumerate(node.values[:-1]):
        operand = tr.accept_expr(value, result)
        if operand != result:
            tr.emit(Assign(result, operand, tr.span(value)))
        next_label = tr.builder.new_label("and" if is_and else "or")
        if is_and:
            tr.builder.branch(result, next_label, end_label, tr.span(value))
        else:
            tr.builder.branch(result, end_label, next_label, tr.span(value))
        tr.open(next_label, node.values[index + 1])
    last = node.values[-1]
    operand = tr.accept_expr(last, result)
    if operand != result:
        tr.emit(Assign(result, operand, tr.span(last)))
    tr.builder.jump(end_label, tr.span(node))
    tr.open(end_label, node)
    return result


def transform_ifexp_value(tr: FunctionTranslator, node: ast.IfExp, dst: Reg | None) -> Operand:
    result = tr.temp()
    then_label = tr.builder.new_label("ifexp_then")
    else_label = tr.builder.new_label("ifexp_else")
    end_label = tr.builder.new_label("ifexp_end")
    transform_condition(tr, node.test, then_label, else_label)
    for label, branch in ((then_label, node.body), (else_label, node.orelse)):
        tr.open(label, branch)
        operand = tr.accept_expr(branch, result)
        if operand != result:
            tr.emit(Assign(result, operand, tr.span(branch)))
        tr.builder.jump(end_label, tr.span(node))
    tr.open(end_label, node)
    return result
