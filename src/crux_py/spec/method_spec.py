"""`MethodSpec`: what a proved `@crux_spec_for` test says about its function.

This is the "most general implementation" of the Crux paper §4.4: for
arguments matching `args`, whenever the preconditions hold, the function
returns some value shaped like `result` and leaves the lists in `changed`
with some contents, such that the postconditions hold. Terms live in the
spec's own proof context `ctx` and are moved into a caller's context when
the spec is applied (`override.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from crux_py.shapes import Shape
from crux_py.source import SourceSpan
from crux_py.spec.templates import Mutable, Template
from crux_py.term.context import TermContext
from crux_py.term.nodes import Term


@dataclass(frozen=True, slots=True)
class MethodSpec:
    name: str
    target: object
    ctx: TermContext
    args: tuple[Template, ...]
    kwargs: tuple[tuple[str, Template], ...]
    input_shapes: dict[str, Shape]
    """The shape of each scalar input variable (its range is a precondition)."""
    preconditions: tuple[Term, ...]
    result: Template
    changed: tuple[Mutable, ...]
    """Argument lists and objects the call changed, with templates of their new contents (same rid)."""
    postconditions: tuple[Term, ...]
    span: SourceSpan
