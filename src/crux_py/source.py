"""Source locations: frozen data naming a region of a user's file.

Every IR node, term-level obligation and user-facing error carries a
`SourceSpan`; rendering a span with its source line lives in `report/`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """A region of a source file; lines are 1-based, columns 0-based."""

    file: str
    line: int
    col: int = 0
    end_line: int | None = None
    end_col: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col + 1}"

    @property
    def short(self) -> str:
        """`file:line`, the form used in messages about whole statements."""
        return f"{self.file}:{self.line}"


UNKNOWN_SPAN = SourceSpan("<unknown>", 0)
