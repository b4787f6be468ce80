"""Rendering of outcomes (text for pytest); never changes an outcome."""

from crux_py.report.text import format_outcome, format_summary_line

__all__ = ["format_outcome", "format_summary_line"]
