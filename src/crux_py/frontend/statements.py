"""Lowering of statements: assignments, `if`, loops, `return`, `assert`, `raise`.

Expressions are lowered by `expressions.py` (and `conditions.py` for tests),
assignment targets by `targets.py`, nested `def`s by `functions.py`. Loops
push their `break`/`continue` targets on `control.LoopStack`.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from crux_py.errors import UserError
from crux_py.frontend.builder import RET_REG
from crux_py.frontend.exceptions import leave
from crux_py.frontend.conditions import static_truth
from crux_py.frontend.expressions import binary_operator, slice_operands
from crux_py.frontend.targets import assign_to
from crux_py.frontend.unsupported import unsupported
from crux_py.ir.nodes import (
    Assign,
    Const,
    DelItem,
    GetAttr,
    GetItem,
    GetIter,
    GetSlice,
    InplaceOp,
    IterNext,
    Raise,
    Reg,
    SetAttr,
    SetItem,
    SetSlice,
)

if TYPE_CHECKING:
    from crux_py.frontend.translator import FunctionTranslator


def transform_expr_stmt(tr: FunctionTranslator, node: ast.Expr) -> None:
    # Evaluated for effect; a constant (e.g. a docstring) emits nothing.
    tr.accept_expr(node.value)


def transform_pass(tr: FunctionTranslator, node: ast.stmt) -> None:
    """`pass`, and `global`/`nonlocal` declarations (already in the scope)."""


def transform_assign(tr: FunctionTranslator, node: ast.Assign) -> None:
    hint = _target_register(tr, node.targets[0]) if len(node.targets) == 1 else None
    value = tr.accept_expr(node.value, hint)
    for target in node.targets:
        assign_to(tr, target, value)


def transform_ann_assign(tr: FunctionTranslator, node: ast.AnnAssign) -> None:
    # Annotations of locals are never evaluated inside a function body.
    if node.value is None:
        return
    value = tr.accept_expr(node.value, _target_register(tr, node.target))
    assign_to(tr, node.target, value)


def _target_register(tr: FunctionTranslator, target: ast.expr) -> Reg | None:
    if isinstance(target, ast.Name):
        return tr.direct_register(target.id)
    return None


def transform_aug_assign(tr: FunctionTranslator, node: ast.AugAssign) -> None:
    span = tr.span(node)
    op = binary_operator(tr, node.op, node)
    target = node.target
    if isinstance(target, ast.Name):
        reg = tr.direct_register(target.id)
        if reg is not None:
            lhs = tr.snapshot(reg, [node.value])
            rhs = tr.accept_expr(node.value)
            tr.emit(InplaceOp(reg, op, lhs, rhs, span))
            return
        current = tr.load_name(target.id, target)
        rhs = tr.accept_expr(node.value)
        result = tr.temp()
        tr.emit(InplaceOp(result, op, current, rhs, span))
        tr.store_name(target.id, result, target)
        return
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Slice):
        obj, lower, upper, step = slice_operands(tr, target)
        obj, lower, upper, step = (tr.snapshot(x, [node.value]) for x in (obj, lower, upper, step))
        current = tr.temp()
        tr.emit(GetSlice(current, obj, lower, upper, step, tr.span(target)))
        rhs = tr.accept_expr(node.value)
        result = tr.temp()
        tr.emit(InplaceOp(result, op, current, rhs, span))
        tr.emit(SetSlice(obj, lower, upper, step, result, span))
        return
    if isinstance(target, ast.Subscript):
        obj, index = tr.accept_operands([target.value, target.slice])
        obj = tr.snapshot(obj, [node.value])
        index = tr.snapshot(index, [node.value])
        current = tr.temp()
        tr.emit(GetItem(current, obj, index, tr.span(target)))
        rhs = tr.accept_expr(node.value)
        result = tr.temp()
        tr.emit(InplaceOp(result, op, current, rhs, span))
        tr.emit(SetItem(obj, index, result, span))
        return
    if isinstance(target, ast.Attribute):
        obj = tr.snapshot(tr.accept_expr(target.value), [node.value])
        current = tr.temp()
        tr.emit(GetAttr(current, obj, target.attr, tr.span(target)))
        rhs = tr.accept_expr(node.value)
        result = tr.temp()
        tr.emit(InplaceOp(result, op, current, rhs, span))
        tr.emit(SetAttr(obj, target.attr, result, span))
        return
    raise unsupported("augmented assignment to this target", tr.span(target))


def transform_return(tr: FunctionTranslator, node: ast.Return) -> None:
    span = tr.span(node)
    value = Const(None) if node.value is None else tr.accept_expr(node.value, RET_REG)
    if value != RET_REG:
        tr.emit(Assign(RET_REG, value, span))
    leave(tr, "return", span)


def transform_if(tr: FunctionTranslator, node: ast.If) -> None:
    span = tr.span(node)
    truth = static_truth(node.test)
    if truth is not None:
        # `if True:` / `if 0:`: only one suite can run; it needs no block of its own.
        tr.accept_block(node.body if truth else node.orelse)
        return
    then_label = tr.builder.new_label("then")
    join_label = tr.builder.new_label("endif")
    else_label = tr.builder.new_label("else") if node.orelse else join_label
    tr.accept_cond(node.test, then_label, else_label)
    tr.open(then_label, node.body[0])
    tr.accept_block(node.body)
    tr.builder.jump(join_label, span)
    if node.orelse:
        tr.open(else_label, node.orelse[0])
        tr.accept_block(node.orelse)
        tr.builder.jump(join_label, span)
    tr.open(join_label, node)


def transform_while(tr: FunctionTranslator, node: ast.While) -> None:
    span = tr.span(node)
    truth = static_truth(node.test)
    if truth is False:
        # The body can never run; the `else` suite runs once.
        tr.accept_block(node.orelse)
        return
    body_label = tr.builder.new_label("while_body")
    end_label = tr.builder.new_label("while_end")
    if truth is True:
        # `while True:` has no test block; the body is the loop header and
        # the `else` suite can never run.
        tr.builder.jump(body_label, span)
        with tr.loops.loop(end_label, body_label):
            tr.open(body_label, node.body[0])
            tr.accept_block(node.body)
            tr.builder.jump(body_label, span)
        tr.open(end_label, node)
        return
    head_label = tr.builder.new_label("while_head")
    else_label = tr.builder.new_label("while_else") if node.orelse else end_label
    tr.builder.jump(head_label, span)
    tr.open(head_label, node.test)
    tr.accept_cond(node.test, body_label, else_label)
    with tr.loops.loop(end_label, head_label):
        tr.open(body_label, node.body[0])
        tr.accept_block(node.body)
        tr.builder.jump(head_label, span)
    if node.orelse:
        tr.open(else_label, node.orelse[0])
        tr.accept_block(node.orelse)
        tr.builder.jump(end_label, span)
    tr.open(end_label, node)


def transform_for(tr: FunctionTranslator, node: ast.For) -> None:
    span = tr.span(node)
    iterable = tr.accept_expr(node.iter)
    iterator = tr.temp()
    tr.emit(GetIter(iterator, iterable, tr.span(node.iter)))
    head_label = tr.builder.new_label("for_head")
    body_label = tr.builder.new_label("for_body")
    end_label = tr.builder.new_label("for_end")
    else_label = tr.builder.new_label("for_else") if node.orelse else end_label
    tr.builder.jump(head_label, span)
    tr.open(head_label, node)
    has, value = tr.temp(), tr.temp()
    tr.emit(IterNext(has, value, iterator, span))
    tr.builder.branch(has, body_label, else_label, span)
    with tr.loops.loop(end_label, head_label):
        tr.open(body_label, node.body[0])
        assign_to(tr, node.target, value)
        tr.accept_block(node.body)
        tr.builder.jump(head_label, span)
    if node.orelse:
        tr.open(else_label, node.orelse[0])
        tr.accept_block(node.orelse)
        tr.builder.jump(end_label, span)
    tr.open(end_label, node)


def transform_break(tr: FunctionTranslator, node: ast.Break) -> None:
    loop = tr.loops.innermost
    if loop is None:
        raise UserError("'break' outside loop", tr.span(node))
    leave(tr, "break", tr.span(node))


def transform_continue(tr: FunctionTranslator, node: ast.Continue) -> None:
    loop = tr.loops.innermost
    if loop is None:
        raise UserError("'continue' not properly in loop", tr.span(node))
    leave(tr, "continue", tr.span(node))


def transform_assert(tr: FunctionTranslator, node: ast.Assert) -> None:
    span = tr.span(node)
    fail_label = tr.builder.new_label("assert_fail")
    ok_label = tr.builder.new_label("assert_ok")
    tr.accept_cond(node.test, ok_label, fail_label)
    tr.open(fail_label, node)
    # The message is evaluated only when the assertion fails, as in Python.
    message = Const(None) if node.msg is None else tr.accept_expr(node.msg)
    tr.builder.terminate(Raise(message, tr.source.segment(node.test), span))
    tr.open(ok_label, node)


def transform_raise(tr: FunctionTranslator, node: ast.Raise) -> None:
    span = tr.span(node)
    if node.exc is None:
        if not tr.tries.handling:
            raise unsupported("bare `raise` outside an `except` clause", span)
        tr.builder.terminate(Raise(tr.tries.handling[-1], None, span))
        return
    if node.cause is not None:
        raise unsupported("`raise ... from ...` (exception chaining)", span)
    exc = tr.accept_expr(node.exc)
    tr.builder.terminate(Raise(exc, None, span))


def transform_delete(tr: FunctionTranslator, node: ast.Delete) -> None:
    """`del obj[key]` (dicts, lists); other targets stay unsupported."""
    for target in node.targets:
        span = tr.span(target)
        if not isinstance(target, ast.Subscript) or isinstance(target.slice, ast.Slice):
            raise unsupported(f"`del` of a {type(target).__name__.lower()} target (only `del obj[key]` is "
                              "modelled)", span)
        obj, index = tr.accept_operands([target.value, target.slice])
        tr.emit(DelItem(obj, index, span))
