"""Model values as valid Python literals in the user's shapes (hex for ints)."""

from __future__ import annotations

from crux_py.shapes import BytesShape, BytesUpTo, IntShape, ListShape, ListUpTo, Shape


def format_value(shape: Shape | None, value: object) -> str:
    if shape is None:
        return format_python(value)
    if isinstance(shape, (BytesShape, BytesUpTo)) and isinstance(value, bytes):
        return f"bytes.fromhex({value.hex()!r})"
    if isinstance(shape, (ListShape, ListUpTo)) and isinstance(value, list):
        return "[" + ", ".join(format_value(shape.elem, v) for v in value) + "]"
    if isinstance(shape, IntShape) and isinstance(value, int):
        return f"-{-value:#x}" if value < 0 else f"{value:#x}"
    return repr(value)


def nonzero_elements(name: str, shape: Shape | None, value: object) -> list[str]:
    """`a[3] = 0x1` lines for the non-zero scalars inside a list or bytes input."""
    if isinstance(shape, BytesUpTo) and isinstance(value, bytes):
        return [f"len({name}) = {len(value)}"] + nonzero_elements(name, BytesShape(len(value)), value)
    if isinstance(shape, ListUpTo) and isinstance(value, list):
        return [f"len({name}) = {len(value)}"] + nonzero_elements(name, ListShape(shape.elem, len(value)), value)
    if isinstance(shape, BytesShape) and isinstance(value, bytes):
        return [f"{name}[{i}] = {v:#x}" for i, v in enumerate(value) if v]
    if isinstance(shape, ListShape) and isinstance(value, list):
        out = []
        for i, v in enumerate(value):
            out += nonzero_elements(f"{name}[{i}]", shape.elem, v)
        return out
    return [f"{name} = {format_value(shape, value)}"] if value else []


def format_python(value: object) -> str:
    """Any value observed in CPython, with ints in hex when that reads better."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return repr(value) if -10 < value < 10 else (f"-{-value:#x}" if value < 0 else f"{value:#x}")
    if isinstance(value, list):
        return "[" + ", ".join(format_python(v) for v in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(format_python(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."
