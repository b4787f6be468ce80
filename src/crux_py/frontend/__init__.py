"""Python source → IR, one function at a time, on demand.

The public entry points are `translate_function` (a function object, cached
by code object) and `translate_source` (a source string, for tests), both in
`translate.py`; `condition_operands` splits an assertion's text for reports.
The IR they produce is defined in `crux_py.ir`; its
conventions (register names, the single exit block, `Truth` before every
`Branch`) are checked by `crux_py.ir.verify` after every translation.
"""

from crux_py.frontend.operands import condition_operands
from crux_py.frontend.translate import translate_function, translate_source

__all__ = ["condition_operands", "translate_function", "translate_source"]
