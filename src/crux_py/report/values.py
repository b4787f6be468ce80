"""Model values as valid Python literals in the user's shapes (hex for ints)."""

from __future__ import annotations

from crux_py.shapes import IntShape, ListShape, Shape


def format_value(shape: Shape, value: object) -> str:
    if isinstance(shape, ListShape) and isinstance(value, list):
        return "[" + ", ".join(format_value(shape.elem, v) for v in value) + "]"
    if isinstance(shape, IntShape) and isinstance(value, int):
        return f"-{-value:#x}" if value < 0 else f"{value:#x}"
    return repr(value)


def nonzero_elements(name: str, shape: Shape, value: object) -> list[str]:
    """`a[3] = 0x1` lines for the non-zero scalars inside a list input."""
    if isinstance(shape, ListShape) and isinstance(value, list):
        out = []
        for i, v in enumerate(value):
            out += nonzero_elements(f"{name}[{i}]", shape.elem, v)
        return out
    return [f"{name} = {format_value(shape, value)}"] if value else []
