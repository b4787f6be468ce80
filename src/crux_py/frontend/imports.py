"""Lowering of `import` and `from ... import` inside a function body.

Each imported name becomes an `Import` statement whose result is stored in
the name the statement binds, at that point of the function, as CPython's
IMPORT_NAME / IMPORT_FROM do: `import a.b` binds `a` (the top-level
package), `import a.b as c` binds the submodule `a.b`, `from m import x as
y` binds `y` to `m.x` (or to the submodule `m.x`). The import itself runs
in CPython when the statement is simulated (`sim/step.py`).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from crux_py.frontend.unsupported import unsupported
from crux_py.ir.nodes import Import, Reg

if TYPE_CHECKING:
    from crux_py.frontend.translator import FunctionTranslator


def _bind(tr: FunctionTranslator, name: str, node: ast.alias, module: str, fromlist: tuple[str, ...], level: int,
          attrs: tuple[str, ...]) -> None:
    """Emit the `Import` into the register of `name` (or a temporary) and store it there."""
    reg = tr.direct_register(name)
    dst: Reg = reg if reg is not None else tr.temp()
    tr.emit(Import(dst, module, fromlist, level, attrs, tr.span(node)))
    if reg is None:
        tr.store_name(name, dst, node)


def transform_import(tr: FunctionTranslator, node: ast.Import) -> None:
    """`import a.b.c [as d], ...`."""
    for alias in node.names:
        parts = alias.name.split(".")
        if alias.asname is None:
            _bind(tr, parts[0], alias, alias.name, (), 0, ())
        else:
            _bind(tr, alias.asname, alias, alias.name, (), 0, tuple(parts[1:]))


def transform_import_from(tr: FunctionTranslator, node: ast.ImportFrom) -> None:
    """`from [.]m import x [as y], ...`: the module once per name (imports are cached)."""
    fromlist = tuple(alias.name for alias in node.names)
    for alias in node.names:
        if alias.name == "*":  # a SyntaxError inside a function; kept for robustness
            raise unsupported("`from ... import *`", tr.span(node))
        _bind(tr, alias.asname or alias.name, alias, node.module or "", fromlist, node.level, (alias.name,))
