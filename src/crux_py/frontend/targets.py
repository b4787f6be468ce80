"""Assignment targets: names, subscripts, slices, attributes and (nested)
tuple/list unpacking.

Used by `=` statements, `for` loops and comprehension clauses
(`statements.py`, `comprehensions.py`). Starred targets are rejected. Python evaluates a subscript target's object and index only when
it assigns to it, left to right after the whole value was unpacked.
"""

from __future__ import annotations

import ast
from collections import Counter
from typing import TYPE_CHECKING

from crux_py.frontend.expressions import slice_operands
from crux_py.frontend.unsupported import unsupported
from crux_py.ir.nodes import Operand, Reg, SetAttr, SetItem, SetSlice, Unpack

if TYPE_CHECKING:
    from crux_py.frontend.translator import FunctionTranslator


def assign_to(tr: FunctionTranslator, target: ast.expr, value: Operand) -> None:
    """Store `value` into `target` (an assignment target of any supported form)."""
    span = tr.span(target)
    if isinstance(target, ast.Name):
        tr.store_name(target.id, value, target)
    elif isinstance(target, ast.Subscript):
        if isinstance(target.slice, ast.Slice):
            obj, lower, upper, step = slice_operands(tr, target)
            tr.emit(SetSlice(obj, lower, upper, step, value, span))
            return
        obj, index = tr.accept_operands([target.value, target.slice])
        tr.emit(SetItem(obj, index, value, span))
    elif isinstance(target, (ast.Tuple, ast.List)):
        _unpack_to(tr, target, value)
    elif isinstance(target, ast.Attribute):
        tr.emit(SetAttr(tr.accept_expr(target.value), target.attr, value, span))
    elif isinstance(target, ast.Starred):
        raise unsupported("starred assignment target", span)
    else:
        raise unsupported(f"assignment to {type(target).__name__}", span)


def _unpack_to(tr: FunctionTranslator, target: ast.Tuple | ast.List, value: Operand) -> None:
    """`Unpack` into registers, then assign the non-register targets in order.

    A plain local is unpacked into directly unless an earlier target reads
    registers when it is assigned (a subscript) or the name repeats; then it
    goes through a temporary so the assignments keep Python's order.
    """
    for elt in target.elts:
        if isinstance(elt, ast.Starred):
            raise unsupported("starred assignment target", tr.span(elt))
    names = Counter(elt.id for elt in target.elts if isinstance(elt, ast.Name))
    dsts: list[Reg] = []
    deferred: list[tuple[ast.expr, Reg]] = []
    earlier_reads = False
    for elt in target.elts:
        reg = tr.direct_register(elt.id) if isinstance(elt, ast.Name) else None
        if reg is not None and names[elt.id] == 1 and not earlier_reads:  # type: ignore[attr-defined]
            dsts.append(reg)
            continue
        temp = tr.temp()
        dsts.append(temp)
        deferred.append((elt, temp))
        if not isinstance(elt, ast.Name):
            earlier_reads = True
    tr.emit(Unpack(tuple(dsts), value, tr.span(target)))
    for elt, temp in deferred:
        assign_to(tr, elt, temp)
