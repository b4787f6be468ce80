"""Reading and parsing the Python source a function was defined in.

Each file is parsed once (`ast` tree plus `symtable` module table) and the
result cached; `find_function_def` locates a `def` by name and first line
(the first decorator's line for decorated functions, as in
`co_firstlineno`). Scope classification of names lives in `scopes.py`.
"""

from __future__ import annotations

import ast
import linecache
import symtable
from dataclasses import dataclass
from typing import Union

from crux_py.errors import UserError
from crux_py.source import SourceSpan

FunctionNode = Union[ast.FunctionDef, ast.AsyncFunctionDef]


@dataclass(frozen=True, slots=True, eq=False)
class ParsedSource:
    """One parsed file (or source string): text, AST and module symbol table."""

    path: str
    text: str
    tree: ast.Module
    table: symtable.SymbolTable
    lines: tuple[str, ...]

    def span(self, node: ast.AST) -> SourceSpan:
        """The SourceSpan of a statement or expression node (columns in characters)."""
        line = getattr(node, "lineno", 0)
        end_line = getattr(node, "end_lineno", None)
        col = self._char_col(line, getattr(node, "col_offset", 0))
        end_col = getattr(node, "end_col_offset", None)
        if end_line is not None and end_col is not None:
            end_col = self._char_col(end_line, end_col)
        return SourceSpan(self.path, line, col, end_line, end_col)

    def _char_col(self, line: int, byte_col: int) -> int:
        # ast columns count UTF-8 bytes; spans count characters.
        if not 1 <= line <= len(self.lines):
            return byte_col
        text = self.lines[line - 1]
        if text.isascii():
            return byte_col
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="replace"))

    def segment(self, node: ast.AST) -> str:
        """The exact source text of `node` (empty if positions are missing)."""
        return ast.get_source_segment(self.text, node) or ""


_PARSED: dict[tuple[str, str], ParsedSource] = {}


def parse_source(text: str, path: str) -> ParsedSource:
    """Parse `text` as the module `path`; syntax errors become UserError."""
    key = (path, text)
    cached = _PARSED.get(key)
    if cached is not None:
        return cached
    try:
        tree = ast.parse(text, filename=path)
        table = symtable.symtable(text, path, "exec")
    except SyntaxError as err:
        span = SourceSpan(path, err.lineno or 0, max((err.offset or 1) - 1, 0))
        raise UserError(f"syntax error: {err.msg}", span) from err
    parsed = ParsedSource(path, text, tree, table, tuple(text.splitlines()))
    _PARSED[key] = parsed
    return parsed


def load_source_file(path: str, module_globals: dict[str, object] | None) -> ParsedSource:
    """The parsed current contents of `path` (via linecache, so loaders work)."""
    linecache.checkcache(path)
    lines = linecache.getlines(path, module_globals)
    if not lines:
        raise UserError(f"cannot read the source file {path}")
    return parse_source("".join(lines), path)


def first_line(node: FunctionNode) -> int:
    """The line CPython records as `co_firstlineno` for this `def`."""
    if node.decorator_list:
        return node.decorator_list[0].lineno
    return node.lineno


def find_function_def(parsed: ParsedSource, name: str, line: int) -> FunctionNode | None:
    """The `def name` (at any nesting depth) whose first line is `line`."""
    for node in ast.walk(parsed.tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.name == name and first_line(node) == line:
                return node
    return None


def find_top_level_def(parsed: ParsedSource, name: str) -> FunctionNode | None:
    """The last module-level `def name` (the one a name lookup would see)."""
    found: FunctionNode | None = None
    for node in parsed.tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            found = node
    return found


def module_bindings(parsed: ParsedSource) -> frozenset[str]:
    """Names bound at module level (assigned, imported, def'd or class'd)."""
    return frozenset(
        sym.get_name()
        for sym in parsed.table.get_symbols()
        if sym.is_assigned() or sym.is_imported() or sym.is_namespace()
    )
