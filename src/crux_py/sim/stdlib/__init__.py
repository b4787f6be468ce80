"""Pure-Python stand-ins for parts of the standard library implemented in C
(`io.BytesIO`, methods of `bytes`): the simulator runs their source, as it
runs the user's, where the program calls the real thing (the models that
dispatch to them are in `bytes_models.py`). Exceptions they raise are
reported where the program called them, as CPython reports its own."""

from __future__ import annotations

from pathlib import Path

from crux_py.source import SourceSpan

_HERE = str(Path(__file__).resolve().parent)


def caller_span(span: SourceSpan, stack: list[SourceSpan]) -> SourceSpan:
    """Where an exception raised at `span` shows in CPython: a stand-in's own
    lines are C code there, so its `raise` is reported at the innermost call
    from outside the stand-ins (what a replay in CPython sees too)."""
    if not span.file.startswith(_HERE):
        return span
    return next((s for s in reversed(stack) if not s.file.startswith(_HERE)), span)
