"""Entry points of the frontend: a function object or a source string → FunctionIR.

`translate_function` caches by code object, so each function is translated
once per process. The work itself is `translator.FunctionTranslator`;
finding and parsing the source is `source_loader.py`, name scopes are
`scopes.py`.
"""

from __future__ import annotations

import ast
import inspect
import symtable
import types

from crux_py.errors import UserError
from crux_py.frontend import functions
from crux_py.frontend.scopes import find_function_table, function_scope, walk_tables
from crux_py.frontend.source_loader import (
    ParsedSource,
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
    if path is None:
        raise UserError(f"no Python source for function {fn.__qualname__}", where)
    parsed = load_source_file(path, fn.__globals__)
    if code.co_name == "<lambda>":
        node, table = _find_lambda(parsed, code, where)
    else:
        node = find_function_def(parsed, code.co_name, code.co_firstlineno)
        if node is None:
            raise UserError(
                f"cannot find `def {code.co_name}` at line {code.co_firstlineno} of {path}"
                " (was the file changed after import?)",
                where,
            )
        table = find_function_table(parsed.table, node)
    scope = function_scope(table, code.co_freevars)
    module_globals = fn.__globals__
    translator = FunctionTranslator(
        parsed, node, scope, fn.__qualname__, lambda name: name in module_globals
    )
    fir = translator.translate()
    _BY_CODE[id(code)] = (code, fir)
    return fir


def _find_lambda(
    parsed: ParsedSource, code: types.CodeType, where: SourceSpan
) -> tuple[ast.FunctionDef, symtable.SymbolTable]:
    """The lambda a code object was compiled from, as a `def`, with its symbol table.

    Code objects of lambdas record only their first line: the lambda must be
    the only one on that line with these parameter names.
    """
    n_params = code.co_argcount + code.co_kwonlyargcount
    n_params += bool(code.co_flags & inspect.CO_VARARGS) + bool(code.co_flags & inspect.CO_VARKEYWORDS)
    params = set(code.co_varnames[:n_params])
    nodes = [
        node
        for node in ast.walk(parsed.tree)
        if isinstance(node, ast.Lambda)
        and node.lineno == code.co_firstlineno
        and functions.param_names(node.args) == params
    ]
    tables = [
        table
        for table in walk_tables(parsed.table)
        if table.get_name() == "lambda"
        and table.get_lineno() == code.co_firstlineno
        and set(table.get_parameters()) == params
    ]
    if len(nodes) != 1 or len(tables) != 1:
        raise unsupported("lambda defined on a line with other lambdas of the same parameters", where)
    return functions.lambda_as_def(nodes[0]), tables[0]


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
