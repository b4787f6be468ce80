"""Classification of the names of one function scope (from `symtable`).

A name used in a function is LOCAL (a register named after it), CELL (a
local captured by a nested `def`: LoadDeref/StoreDeref), FREE (captured from
an enclosing function, including `nonlocal` names: LoadDeref/StoreDeref) or
GLOBAL (global or builtin: LoadGlobal, resolved at run time).

Comprehensions are inlined by the frontend (`comprehensions.py`), so their
symtable scopes are transparent here: a local that only a comprehension
reads stays a plain register (CPython would make it a cell), and a
comprehension's iteration variables are renamed registers chosen by the
translator, not names of this scope.
"""

from __future__ import annotations

import ast
import symtable
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum

from crux_py.errors import panic

COMPREHENSION_SCOPES = frozenset({"listcomp", "genexpr", "setcomp", "dictcomp"})


class NameKind(Enum):
    LOCAL = "local"
    CELL = "cell"
    FREE = "free"
    GLOBAL = "global"


@dataclass(frozen=True, slots=True, eq=False)
class FunctionScope:
    """The names of one function: their kinds, its cells and free variables."""

    table: symtable.SymbolTable
    kinds: Mapping[str, NameKind]
    cellvars: tuple[str, ...]
    freevars: tuple[str, ...]

    def kind(self, name: str) -> NameKind:
        # Names only a comprehension mentions are absent from the function's
        # table; when they are not free (propagated by symtable) they are global.
        return self.kinds.get(name, NameKind.GLOBAL)

    def child(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> FunctionScope:
        """The scope of a `def` nested directly in this function."""
        name = node.name if not isinstance(node, ast.Lambda) else "lambda"
        for table in self.table.get_children():
            if table.get_name() == name and table.get_lineno() == node.lineno:
                return function_scope(table)
        raise panic(f"no symbol table for nested function {name} at line {node.lineno}")


    def lambda_child(self, node: ast.Lambda) -> FunctionScope | None:
        """The scope of a lambda nested directly in this function; None if ambiguous.

        Symbol tables only record a lambda's line: lambdas sharing a line are
        told apart by their parameters, and identical scopes are interchangeable.
        """
        params = {a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)}
        params |= {a.arg for a in (node.args.vararg, node.args.kwarg) if a is not None}
        scopes = [
            function_scope(table)
            for table in self.table.get_children()
            if table.get_name() == "lambda"
            and table.get_lineno() == node.lineno
            and set(table.get_parameters()) == params
        ]
        if not scopes:
            raise panic(f"no symbol table for the lambda at line {node.lineno}")
        first = scopes[0]
        same = all(
            (dict(s.kinds), s.cellvars, s.freevars) == (dict(first.kinds), first.cellvars, first.freevars)
            for s in scopes
        )
        return first if same else None


def function_scope(
    table: symtable.SymbolTable, freevars_order: tuple[str, ...] | None = None
) -> FunctionScope:
    """Classify the names of `table` (a function scope).

    `freevars_order` is the real function's `co_freevars` when there is one;
    otherwise free variables are sorted by name, which is CPython's order.
    """
    if table.get_type() != "function":
        raise panic(f"{table.get_name()} is not a function scope")
    captured = _captured_by_nested_functions(table)
    kinds: dict[str, NameKind] = {}
    for sym in table.get_symbols():
        name = sym.get_name()
        if sym.is_free():
            kinds[name] = NameKind.FREE
        elif sym.is_local():
            kinds[name] = NameKind.CELL if name in captured else NameKind.LOCAL
        else:
            kinds[name] = NameKind.GLOBAL
    frees = sorted(n for n, k in kinds.items() if k is NameKind.FREE)
    if freevars_order is not None:
        missing = set(frees) - set(freevars_order)
        if missing:
            raise panic(f"free variables {sorted(missing)} not in co_freevars {freevars_order}")
        for name in freevars_order:
            kinds[name] = NameKind.FREE
        freevars = tuple(freevars_order)
    else:
        freevars = tuple(frees)
    cellvars = tuple(sorted(n for n, k in kinds.items() if k is NameKind.CELL))
    return FunctionScope(table, kinds, cellvars, freevars)


def _captured_by_nested_functions(table: symtable.SymbolTable) -> set[str]:
    """Names free in functions nested in `table`, looking through comprehensions."""
    captured: set[str] = set()
    for child in table.get_children():
        if child.get_type() == "function" and child.get_name() in COMPREHENSION_SCOPES:
            own = {s.get_name() for s in child.get_symbols() if s.is_local()}
            captured |= _captured_by_nested_functions(child) - own
        elif child.get_type() == "function":
            captured |= {s.get_name() for s in child.get_symbols() if s.is_free()}
        else:
            # A class body does not bind names for the functions inside it.
            captured |= _captured_by_nested_functions(child)
    return captured


def find_function_table(
    root: symtable.SymbolTable, node: ast.FunctionDef | ast.AsyncFunctionDef
) -> symtable.SymbolTable:
    """The symbol table of `def node` anywhere in the module `root`."""
    for table in walk_tables(root):
        if (
            table.get_type() == "function"
            and table.get_name() == node.name
            and table.get_lineno() == node.lineno
        ):
            return table
    raise panic(f"no symbol table for function {node.name} at line {node.lineno}")


def walk_tables(table: symtable.SymbolTable) -> Iterator[symtable.SymbolTable]:
    yield table
    for child in table.get_children():
        yield from walk_tables(child)
