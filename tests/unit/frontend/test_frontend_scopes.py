"""Frontend: name classification (scopes.py) and source loading (source_loader.py)."""

from __future__ import annotations

import inspect

import frontend_samples as samples
import pytest

from crux_py.errors import UserError
from crux_py.frontend.scopes import NameKind, find_function_table, function_scope
from crux_py.frontend.source_loader import (
    find_function_def,
    find_top_level_def,
    first_line,
    load_source_file,
    module_bindings,
    parse_source,
)

SOURCE = '''\
import os
LIMIT = 3

def outer(p, q):
    local = p + LIMIT
    shared = q
    only_in_comp = [local * x for x in range(3)]
    def inner(y):
        nonlocal shared
        shared = shared + y
        return shared + p
    return inner, os, only_in_comp
'''


def _scope(name: str):  # type: ignore[no-untyped-def]
    parsed = parse_source(SOURCE, "<scopes>")
    node = find_top_level_def(parsed, name)
    assert node is not None
    return parsed, node, function_scope(find_function_table(parsed.table, node))


def test_kinds_of_names_in_the_outer_function() -> None:
    _, _, scope = _scope("outer")
    assert scope.kind("local") is NameKind.LOCAL
    assert scope.kind("only_in_comp") is NameKind.LOCAL
    assert scope.kind("q") is NameKind.LOCAL
    assert scope.kind("shared") is NameKind.CELL
    assert scope.kind("p") is NameKind.CELL
    assert scope.kind("LIMIT") is NameKind.GLOBAL
    assert scope.kind("os") is NameKind.GLOBAL
    assert scope.kind("range") is NameKind.GLOBAL  # mentioned only inside the comprehension
    assert scope.kind("x") is NameKind.GLOBAL  # a comprehension variable: never looked up here
    assert scope.cellvars == ("p", "shared")
    assert scope.freevars == ()


def test_kinds_of_names_in_the_inner_function() -> None:
    _, node, scope = _scope("outer")
    inner_node = next(n for n in node.body if getattr(n, "name", None) == "inner")
    inner = scope.child(inner_node)
    assert inner.kind("shared") is NameKind.FREE
    assert inner.kind("p") is NameKind.FREE
    assert inner.kind("y") is NameKind.LOCAL
    assert inner.freevars == ("p", "shared")


def test_module_bindings() -> None:
    parsed = parse_source(SOURCE, "<scopes>")
    assert module_bindings(parsed) == {"os", "LIMIT", "outer"}


def test_parsing_is_cached_per_file_contents() -> None:
    path = inspect.getsourcefile(samples.plain)
    assert path is not None
    first = load_source_file(path, samples.__dict__)
    assert load_source_file(path, samples.__dict__) is first
    assert parse_source(first.text, path) is first


def test_decorated_function_is_found_by_first_decorator_line() -> None:
    path = inspect.getsourcefile(samples.plain)
    parsed = load_source_file(path, samples.__dict__)  # type: ignore[arg-type]
    code = samples.decorated.__wrapped__.__code__
    node = find_function_def(parsed, code.co_name, code.co_firstlineno)
    assert node is not None and node.name == "decorated"
    assert first_line(node) == code.co_firstlineno == node.lineno - 2
    assert find_function_def(parsed, code.co_name, node.lineno) is None


def test_syntax_error_is_a_user_error_with_a_span() -> None:
    with pytest.raises(UserError) as info:
        parse_source("def f(:\n    pass\n", "bad.py")
    assert info.value.span is not None and info.value.span.file == "bad.py"
    assert info.value.span.line == 1
