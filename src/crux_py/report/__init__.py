"""Rendering of outcomes (text for pytest, JSON for tools); never changes an outcome."""

from crux_py.report.json_report import outcome_to_dict
from crux_py.report.text import format_notes, format_outcome, format_summary_line

__all__ = ["format_notes", "format_outcome", "format_summary_line", "outcome_to_dict"]
