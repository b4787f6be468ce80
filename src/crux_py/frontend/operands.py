"""The operands of an assertion's condition, as source text.

A counterexample report shows the values of an assertion's parts
(`merge_vc(a, b) = [...]`): this finds those parts in the condition's text.
"""

from __future__ import annotations

import ast


def condition_operands(text: str) -> list[str]:
    """Source segments of the direct operands of a condition (empty if it has none worth showing)."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return []
    source = text.strip()
    if isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.Not):
        tree = tree.operand
    if isinstance(tree, ast.Compare):
        parts = [tree.left, *tree.comparators]
    elif isinstance(tree, ast.BoolOp):
        parts = list(tree.values)
    elif isinstance(tree, ast.Call):
        parts = [*tree.args, *(k.value for k in tree.keywords)]
    else:
        return []
    # Literals and generators say nothing about the counterexample.
    parts = [p for p in parts if not isinstance(p, (ast.Constant, ast.GeneratorExp))]
    segments = [ast.get_source_segment(source, p) for p in parts]
    return [s for s in segments if s is not None]
