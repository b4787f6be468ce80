"""Inline lowering of list, dict and set comprehensions and of generator
expressions in builtins.

A comprehension is not a function here: its clauses become nested loops in
the enclosing CFG and its iteration variables become registers `name#N`
(N unique per function) so they never clobber the enclosing locals. The
first iterable is evaluated (and `iter()` taken) in the enclosing scope
before anything else, as in Python.

Generator expressions are supported only as the sole positional argument of
the builtin all/any/sum/min/max/list/tuple/sorted/bytes/bytearray and of a
`.join`: `all`/`any` become a short-circuiting loop computing True/False
with no call; the others build the list of elements eagerly (the builtin
consumes the whole generator; bytes and bytearray check each item as it is
built, as they do as they pull it) and call the builtin on it, keeping the
call's keyword arguments. The loop/branch targets come from `statements.py`'s conventions.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from crux_py.frontend.targets import assign_to
from crux_py.frontend.unsupported import unsupported
from crux_py.intrinsics import BYTEARRAY_ITEM, BYTES_ITEM, EAGER_JOIN, EagerConsumer
from crux_py.ir.nodes import (
    Assign,
    BuildDict,
    BuildList,
    BuildSet,
    Call,
    Const,
    GetAttr,
    GetIter,
    IterNext,
    LoadGlobal,
    Operand,
    Reg,
    SetItem,
)

if TYPE_CHECKING:
    from crux_py.frontend.translator import FunctionTranslator

SHORT_CIRCUIT_BUILTINS = frozenset({"all", "any"})
CONSUMING_BUILTINS = frozenset({"sum", "min", "max", "list", "tuple", "sorted", "bytes", "bytearray"})
_ITEM_CHECKS = {"bytes": BYTES_ITEM, "bytearray": BYTEARRAY_ITEM}
"""Consumers that check each item as they pull it: the check runs on each
element as it is built, so errors come in CPython's order."""
_KEYWORDS_ALLOWED = frozenset({"sum", "min", "max"})

Comprehension = ast.ListComp | ast.GeneratorExp | ast.DictComp | ast.SetComp

# Called with the label that continues with the next element.
ElementAction = Callable[[str], None]


def transform_listcomp(tr: FunctionTranslator, node: ast.ListComp, dst: Reg | None) -> Operand:
    # Never written straight into `dst`: the elements may still read its old value.
    return _build_list(tr, node)


def transform_dictcomp(tr: FunctionTranslator, node: ast.DictComp, dst: Reg | None) -> Operand:
    """`{k: v for ...}`: each element stores `result[k] = v`, the key evaluated first (Python 3.8+)."""
    span = tr.span(node)
    first = _first_iterator(tr, node)
    result = tr.temp()
    tr.emit(BuildDict(result, (), (), span))

    def add_element(next_label: str) -> None:
        key, value = tr.accept_operands([node.key, node.value])
        tr.emit(SetItem(result, key, value, tr.span(node.key)))
        tr.builder.jump(next_label, span)

    done_label = tr.builder.new_label("comp_end")
    _lower_clauses(tr, node, first, add_element, done_label)
    tr.open(done_label, node)
    return result


def transform_setcomp(tr: FunctionTranslator, node: ast.SetComp, dst: Reg | None) -> Operand:
    """`{e for ...}`: each element is `add`ed to a fresh set."""
    span = tr.span(node)
    first = _first_iterator(tr, node)
    result = tr.temp()
    tr.emit(BuildSet(result, (), span))
    add = tr.temp()
    tr.emit(GetAttr(add, result, "add", span))

    def add_element(next_label: str) -> None:
        element = tr.accept_expr(node.elt)
        tr.emit(Call(tr.temp(), add, (element,), (), tr.span(node.elt)))
        tr.builder.jump(next_label, span)

    done_label = tr.builder.new_label("comp_end")
    _lower_clauses(tr, node, first, add_element, done_label)
    tr.open(done_label, node)
    return result


def is_builtin_generator_call(tr: FunctionTranslator, node: ast.Call) -> bool:
    func = node.func
    return (
        isinstance(func, ast.Name)
        and func.id in SHORT_CIRCUIT_BUILTINS | CONSUMING_BUILTINS
        and len(node.args) == 1
        and isinstance(node.args[0], ast.GeneratorExp)
        and (not node.keywords or func.id in _KEYWORDS_ALLOWED)
        and tr.is_builtin_name(func.id)
    )


def transform_builtin_generator_call(
    tr: FunctionTranslator, node: ast.Call, dst: Reg | None
) -> Operand:
    assert isinstance(node.func, ast.Name)
    gen = node.args[0]
    assert isinstance(gen, ast.GeneratorExp)
    name = node.func.id
    if name in SHORT_CIRCUIT_BUILTINS:
        return _short_circuit(tr, gen, name == "all")
    func = tr.temp()
    tr.emit(LoadGlobal(func, name, tr.span(node.func)))
    elements = _build_list(tr, gen, _ITEM_CHECKS.get(name))
    values = tr.accept_operands([keyword.value for keyword in node.keywords])
    kwargs = tuple(
        (keyword.arg, value)
        for keyword, value in zip(node.keywords, values)
        if keyword.arg is not None
    )
    result = tr.dst_or_temp(dst)
    tr.emit(Call(result, func, (elements,), kwargs, tr.span(node)))
    return result


def is_join_of_generator(node: ast.Call) -> bool:
    return (isinstance(node.func, ast.Attribute) and node.func.attr == "join" and len(node.args) == 1
            and isinstance(node.args[0], ast.GeneratorExp) and not node.keywords)


def transform_join_of_generator(tr: FunctionTranslator, node: ast.Call, dst: Reg | None) -> Operand:
    """`sep.join(<genexp>)`: the method is looked up first, then the list is
    built and handed to the `EAGER_JOIN` marker, whose model calls the method
    only if it is str's or bytes' join (which read the whole argument first)."""
    assert isinstance(node.func, ast.Attribute)
    span = tr.span(node)
    receiver = tr.accept_expr(node.func.value)
    method = tr.temp()
    tr.emit(GetAttr(method, receiver, "join", tr.span(node.func)))
    elements = _build_list(tr, node.args[0])  # type: ignore[arg-type]
    result = tr.dst_or_temp(dst)
    tr.emit(Call(result, Const(EAGER_JOIN), (receiver, method, elements), (), span))
    return result


def _build_list(tr: FunctionTranslator, node: ast.ListComp | ast.GeneratorExp,
                item_check: EagerConsumer | None = None) -> Reg:
    span = tr.span(node)
    first = _first_iterator(tr, node)
    result = tr.temp()
    tr.emit(BuildList(result, (), span))
    append = tr.temp()
    tr.emit(GetAttr(append, result, "append", span))

    def add_element(next_label: str) -> None:
        element = tr.accept_expr(node.elt)
        if item_check is not None:
            checked = tr.temp()
            tr.emit(Call(checked, Const(item_check), (element,), (), tr.span(node.elt)))
            element = checked
        tr.emit(Call(tr.temp(), append, (element,), (), tr.span(node.elt)))
        tr.builder.jump(next_label, span)

    done_label = tr.builder.new_label("comp_end")
    _lower_clauses(tr, node, first, add_element, done_label)
    tr.open(done_label, node)
    return result


def _short_circuit(tr: FunctionTranslator, node: ast.GeneratorExp, is_all: bool) -> Reg:
    """`all(g)` / `any(g)`: stop at the first falsy / truthy element."""
    span = tr.span(node)
    first = _first_iterator(tr, node)
    result = tr.temp()
    tr.emit(Assign(result, Const(is_all), span))
    found_label = tr.builder.new_label("all_false" if is_all else "any_true")
    done_label = tr.builder.new_label("all_end" if is_all else "any_end")

    def test_element(next_label: str) -> None:
        if is_all:
            tr.accept_cond(node.elt, next_label, found_label)
        else:
            tr.accept_cond(node.elt, found_label, next_label)

    _lower_clauses(tr, node, first, test_element, done_label)
    tr.open(found_label, node.elt)
    tr.emit(Assign(result, Const(not is_all), span))
    tr.builder.jump(done_label, span)
    tr.open(done_label, node)
    return result


def _first_iterator(tr: FunctionTranslator, node: Comprehension) -> Reg:
    for clause in node.generators:
        if clause.is_async:
            raise unsupported("asynchronous comprehension", tr.span(node))
    first = node.generators[0].iter
    iterator = tr.temp()
    tr.emit(GetIter(iterator, tr.accept_expr(first), tr.span(first)))
    return iterator


def _lower_clauses(
    tr: FunctionTranslator,
    node: Comprehension,
    first: Reg,
    on_element: ElementAction,
    done_label: str,
) -> None:
    """One loop per `for` clause, nested; `if` clauses skip to the next element."""
    with tr.comprehension_scope(_target_names(tr, node.generators)):
        _lower_clause(tr, node.generators, 0, first, on_element, done_label)


def _lower_clause(
    tr: FunctionTranslator,
    clauses: Sequence[ast.comprehension],
    index: int,
    iterator: Reg,
    on_element: ElementAction,
    done_label: str,
) -> None:
    clause = clauses[index]
    span = tr.span(clause.target)
    head_label = tr.builder.new_label("comp_head")
    body_label = tr.builder.new_label("comp_body")
    tr.builder.jump(head_label, span)
    tr.open(head_label, clause.iter)
    has, value = tr.temp(), tr.temp()
    tr.emit(IterNext(has, value, iterator, span))
    tr.builder.branch(has, body_label, done_label, span)
    tr.open(body_label, clause.target)
    assign_to(tr, clause.target, value)
    for test in clause.ifs:
        pass_label = tr.builder.new_label("comp_if")
        tr.accept_cond(test, pass_label, head_label)
        tr.open(pass_label, test)
    if index + 1 < len(clauses):
        inner = clauses[index + 1].iter
        inner_iterator = tr.temp()
        tr.emit(GetIter(inner_iterator, tr.accept_expr(inner), tr.span(inner)))
        _lower_clause(tr, clauses, index + 1, inner_iterator, on_element, head_label)
    else:
        on_element(head_label)


def _target_names(tr: FunctionTranslator, clauses: Sequence[ast.comprehension]) -> list[str]:
    names: list[str] = []
    for clause in clauses:
        for sub in ast.walk(clause.target):
            if isinstance(sub, (ast.Attribute, ast.Subscript, ast.Starred)):
                raise unsupported("comprehension target other than names", tr.span(sub))
            if isinstance(sub, ast.Name) and sub.id not in names:
                names.append(sub.id)
    return names
