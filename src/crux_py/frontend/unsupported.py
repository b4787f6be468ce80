"""The Python constructs the frontend rejects, named in plain words.

Every rejection is an `UnsupportedFeature` carrying the span of the offending
node: the engine never approximates what it does not model. The supported
subset is what `statements.py`, `expressions.py` and their siblings handle.
"""

from __future__ import annotations

import ast

from crux_py.errors import UnsupportedFeature
from crux_py.source import SourceSpan

UNSUPPORTED_STATEMENTS: dict[type[ast.stmt], str] = {
    ast.AsyncFunctionDef: "async function",
    ast.ClassDef: "class definition inside a function",
    ast.AsyncFor: "`async for` statement",
    ast.AsyncWith: "`async with` statement",
    ast.Match: "`match` statement",
    ast.TryStar: "`try`/`except*` statement",
}

UNSUPPORTED_EXPRESSIONS: dict[type[ast.expr], str] = {
    ast.Await: "`await` expression",
    ast.Yield: "`yield` expression (generator functions)",
    ast.YieldFrom: "`yield from` expression (generator functions)",
    ast.FormattedValue: "formatted value outside an f-string",
    ast.Starred: "starred expression",
    ast.GeneratorExp: (
        "generator expression (supported only as the sole argument of the builtin"
        " all, any, sum, min, max, list, tuple, sorted, bytes or bytearray, or of a .join)"
    ),
    ast.Slice: "slice outside a subscript",
}

UNSUPPORTED_OPERATORS: dict[type[ast.operator], str] = {
    ast.Div: "true division `/` (floats are not modelled)",
}


def unsupported(construct: str, span: SourceSpan, hint: str = "") -> UnsupportedFeature:
    """The error to raise for `construct` at `span`."""
    return UnsupportedFeature(construct, span, hint)


def constant_problem(value: object) -> str | None:
    """Why a literal cannot be a `Const`, or None if it can."""
    if value is None or isinstance(value, (bool, int, str, bytes)):
        return None
    if isinstance(value, float):
        return "float literal (floats are not modelled)"
    if isinstance(value, complex):
        return "complex literal (complex numbers are not modelled)"
    if value is Ellipsis:
        return "`...` (Ellipsis)"
    if isinstance(value, tuple):
        for item in value:
            problem = constant_problem(item)
            if problem is not None:
                return problem
        return None
    return f"literal of type {type(value).__name__}"
