"""Entry points of the frontend: a function object or a source string → FunctionIR.

`translate_function` caches by code object, so each function is translated
once per process. The work itself is `translator.FunctionTranslator`;
finding and parsing the source is `source_loader.py`, name scopes are
`scopes.py`.
"""

from __future__ import annotations

import inspect
import types

from crux_py.errors import UserError
from crux_py.frontend.scopes import find_function_table, function_scope
from crux_py.frontend.source_loader import (
    find_function_def,
    find_top_level_def,
    load_source_file,
    module_bindings,
    parse_source,
)
from crux_py.frontend.translator import FunctionTranslator
from crux_py.frontend.unsupported import unsupported
from crux_py.ir.function import FunctionIR
from crux_py.source import SourceSpan

# Keyed by identity: code objects compare equal across files with the same
# text (co_filename is not compared), and each must keep its own spans.
_BY_CODE: dict[int, tuple[types.CodeType, FunctionIR]] = {}


def translate_function(fn: types.FunctionType) -> FunctionIR:
    """The IR of `fn`, translated from its source file on first use.

    Raises UnsupportedFeature for Python outside the modelled subset and
    UserError when the source cannot be found.
    """
    if not isinstance(fn, types.FunctionType):
        raise UserError(f"{fn!r} is not a Python function (no source to translate)")
    code = fn.__code__
    cached = _BY_CODE.get(id(code))
    if cached is not None and cached[0] is code:
        return cached[1]
    try:
        path = inspect.getsourcefile(fn)
    except TypeError:
        path = None
    where = SourceSpan(code.co_filename, code.co_firstlineno)
    if code.co_name == "<lambda>":
        raise unsupported("lambda expression", where)
    if path is None:
        raise UserError(f"no Python source for function {fn.__qualname__}", where)
    parsed = load_source_file(path, fn.__globals__)
    node = find_function_def(parsed, code.co_name, code.co_firstlineno)
    if node is None:
        raise UserError(
            f"cannot find `def {code.co_name}` at line {code.co_firstlineno} of {path}"
            " (was the file changed after import?)",
            where,
        )
    scope = function_scope(find_function_table(parsed.table, node), code.co_freevars)
    module_globals = fn.__globals__
    translator = FunctionTranslator(
        parsed, node, scope, fn.__qualname__, lambda name: name in module_globals
    )
    fir = translator.translate()
    _BY_CODE[id(code)] = (code, fir)
    return fir


def translate_source(source: str, name: str, filename: str = "<test>") -> FunctionIR:
    """The IR of the module-level function `name` defined in `source` (for tests).

    Module-level bindings of `source` play the role of the function's globals.
    """
    parsed = parse_source(source, filename)
    node = find_top_level_def(parsed, name)
    if node is None:
        raise UserError(f"no module-level function {name!r} in {filename}")
    scope = function_scope(find_function_table(parsed.table, node))
    bound = module_bindings(parsed)
    translator = FunctionTranslator(parsed, node, scope, name, bound.__contains__)
    return translator.translate()
