"""Lowering of value expressions: names, literals, operators, subscripts, attributes.

Each `transform_<node>(tr, node, dst)` returns an operand; when `dst` is
given the final statement writes it (so `x = a + b` is one `BinOp`).
Comparisons, boolean operators and conditional expressions (which may need
branches) are in `conditions.py`, calls in `calls.py`, list
comprehensions in `comprehensions.py`.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from crux_py.frontend.unsupported import UNSUPPORTED_OPERATORS, constant_problem, unsupported
from crux_py.ir.nodes import (
    BinOp,
    BuildDict,
    BuildList,
    BuildSet,
    BuildTuple,
    Const,
    FormatString,
    GetAttr,
    GetItem,
    GetSlice,
    Operand,
    Reg,
    UnaryOp,
)

if TYPE_CHECKING:
    from crux_py.frontend.translator import FunctionTranslator

BINARY_OPERATORS: dict[type[ast.operator], str] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.MatMult: "@",  # no builtin type has it: it reaches user classes' __matmul__
}

UNARY_OPERATORS: dict[type[ast.unaryop], str] = {
    ast.USub: "-",
    ast.UAdd: "+",
    ast.Invert: "~",
    ast.Not: "not",
}

COMPARE_OPERATORS: dict[type[ast.cmpop], str] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}


def binary_operator(tr: FunctionTranslator, op: ast.operator, node: ast.AST) -> str:
    name = BINARY_OPERATORS.get(type(op))
    if name is None:
        construct = UNSUPPORTED_OPERATORS.get(type(op), f"operator {type(op).__name__}")
        raise unsupported(construct, tr.span(node))
    return name


def compare_operator(op: ast.cmpop) -> str:
    return COMPARE_OPERATORS[type(op)]


def literal_value(node: ast.expr) -> tuple[bool, object]:
    """`(True, v)` when `node` is a literal the IR holds as `Const(v)`.

    Besides plain constants this folds signs on integer literals (`-1`) and
    tuples of literals, as CPython's compiler does.
    """
    if isinstance(node, ast.Constant):
        return constant_problem(node.value) is None, node.value
    if (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, (ast.USub, ast.UAdd, ast.Invert))
        and isinstance(node.operand, ast.Constant)
        and type(node.operand.value) is int
    ):
        value = node.operand.value
        folded = {ast.USub: -value, ast.UAdd: +value, ast.Invert: ~value}[type(node.op)]
        return True, folded
    if isinstance(node, ast.Tuple) and isinstance(node.ctx, ast.Load):
        items = []
        for elt in node.elts:
            ok, value = literal_value(elt)
            if not ok:
                return False, None
            items.append(value)
        return True, tuple(items)
    return False, None


def transform_constant(tr: FunctionTranslator, node: ast.Constant, dst: Reg | None) -> Operand:
    problem = constant_problem(node.value)
    if problem is not None:
        raise unsupported(problem, tr.span(node))
    return Const(node.value)


def transform_name(tr: FunctionTranslator, node: ast.Name, dst: Reg | None) -> Operand:
    return tr.load_name(node.id, node, dst)


def transform_named_expr(tr: FunctionTranslator, node: ast.NamedExpr, dst: Reg | None) -> Operand:
    name = node.target.id
    reg = tr.direct_register(name)
    value = tr.accept_expr(node.value, reg)
    tr.store_name(name, value, node.target)
    return reg if reg is not None else value


def transform_binop(tr: FunctionTranslator, node: ast.BinOp, dst: Reg | None) -> Operand:
    op = binary_operator(tr, node.op, node)
    lhs, rhs = tr.accept_operands([node.left, node.right])
    result = tr.dst_or_temp(dst)
    tr.emit(BinOp(result, op, lhs, rhs, tr.span(node)))
    return result


def transform_unaryop(tr: FunctionTranslator, node: ast.UnaryOp, dst: Reg | None) -> Operand:
    ok, value = literal_value(node)
    if ok:
        return Const(value)
    operand = tr.accept_expr(node.operand)
    result = tr.dst_or_temp(dst)
    tr.emit(UnaryOp(result, UNARY_OPERATORS[type(node.op)], operand, tr.span(node)))
    return result


def transform_tuple(tr: FunctionTranslator, node: ast.Tuple, dst: Reg | None) -> Operand:
    ok, value = literal_value(node)
    if ok:
        return Const(value)
    items = tr.accept_operands(node.elts)
    result = tr.dst_or_temp(dst)
    tr.emit(BuildTuple(result, tuple(items), tr.span(node)))
    return result


def transform_list(tr: FunctionTranslator, node: ast.List, dst: Reg | None) -> Operand:
    items = tr.accept_operands(node.elts)
    result = tr.dst_or_temp(dst)
    tr.emit(BuildList(result, tuple(items), tr.span(node)))
    return result


def transform_dict(tr: FunctionTranslator, node: ast.Dict, dst: Reg | None) -> Operand:
    """`{k: v, ...}`: keys and values are evaluated in source order, k1, v1, k2, v2, ..."""
    for key, value in zip(node.keys, node.values):
        if key is None:
            raise unsupported("`**` unpacking in a dict display", tr.span(value))
    interleaved = [e for pair in zip(node.keys, node.values) for e in pair]
    operands = tr.accept_operands(interleaved)  # type: ignore[arg-type]
    result = tr.dst_or_temp(dst)
    tr.emit(BuildDict(result, tuple(operands[0::2]), tuple(operands[1::2]), tr.span(node)))
    return result


def transform_set(tr: FunctionTranslator, node: ast.Set, dst: Reg | None) -> Operand:
    for elt in node.elts:
        if isinstance(elt, ast.Starred):
            raise unsupported("`*` unpacking in a set display", tr.span(elt))
    items = tr.accept_operands(node.elts)
    result = tr.dst_or_temp(dst)
    tr.emit(BuildSet(result, tuple(items), tr.span(node)))
    return result


def slice_operands(tr: FunctionTranslator, target: ast.Subscript) -> tuple[Operand, Operand, Operand, Operand]:
    """The object and the lower/upper/step operands of `obj[a:b:c]` (absent parts are None)."""
    sl = target.slice
    assert isinstance(sl, ast.Slice)
    parts = [sl.lower, sl.upper, sl.step]
    present = [p for p in parts if p is not None]
    obj, *values = tr.accept_operands([target.value, *present])
    it = iter(values)
    lower, upper, step = (next(it) if p is not None else Const(None) for p in parts)
    return obj, lower, upper, step


def transform_subscript(tr: FunctionTranslator, node: ast.Subscript, dst: Reg | None) -> Operand:
    span = tr.span(node)
    index = node.slice
    if isinstance(index, ast.Slice):
        obj, lower, upper, step = slice_operands(tr, node)
        result = tr.dst_or_temp(dst)
        tr.emit(GetSlice(result, obj, lower, upper, step, span))
        return result
    if isinstance(index, ast.Tuple) and any(isinstance(e, ast.Slice) for e in index.elts):
        raise unsupported("extended slicing (a tuple of slices)", span)
    obj, key = tr.accept_operands([node.value, index])
    result = tr.dst_or_temp(dst)
    tr.emit(GetItem(result, obj, key, span))
    return result


def transform_attribute(tr: FunctionTranslator, node: ast.Attribute, dst: Reg | None) -> Operand:
    obj = tr.accept_expr(node.value)
    result = tr.dst_or_temp(dst)
    tr.emit(GetAttr(result, obj, node.attr, tr.span(node)))
    return result


def transform_joined_str(tr: FunctionTranslator, node: ast.JoinedStr, dst: Reg | None) -> Operand:
    """An f-string: literal parts and formatted values, evaluated left to right."""
    parts: list[Const | tuple[Operand, str, Operand]] = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(Const(value.value))
            continue
        assert isinstance(value, ast.FormattedValue)
        operand = tr.accept_expr(value.value)
        spec = Const("") if value.format_spec is None else transform_joined_str(tr, value.format_spec, None)  # type: ignore[arg-type]
        conversion = "" if value.conversion == -1 else chr(value.conversion)
        parts.append((operand, conversion, spec))
    result = tr.dst_or_temp(dst)
    tr.emit(FormatString(result, tuple(parts), tr.span(node)))
    return result
