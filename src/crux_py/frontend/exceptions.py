"""`try`/`except`/`else`/`finally`, re-raising and `with` statements
(context managers, `crux_py.raises(...)` among them), lowered to the `Try`
terminator.

The simulator runs a `Try`'s body as a region that ends at `body_end` and
hands every exception raised inside it to the handler code (`sim/catching.py`).
So that the body is a region, a `return`, `break` or `continue` inside the
statement does not jump out directly: it sets a flag of the statement and
goes to the region's end; after the statement has joined, the flags send the
path on to where it was going (through enclosing `try` statements the same
way). The handler code tests the except clauses in order with
`exception_matches` and re-raises when none matches.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crux_py.frontend.builder import EXIT_LABEL
from crux_py.frontend.targets import assign_to
from crux_py.ir.nodes import Assign, Call, Const, Operand, Raise, Reg, Try
from crux_py.intrinsics import exception_matches, with_enter, with_exit, with_exit_ok
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.frontend.translator import FunctionTranslator

EXITS = ("return", "break", "continue")


@dataclass
class TryContext:
    loop_depth: int
    """Loops enclosing the statement: a `break` of a deeper loop stays inside."""
    flags: dict[str, Reg]
    exit_label: str
    """Where a flagged exit goes now: the body's end, later the join."""
    used: set[str] = field(default_factory=set)


@dataclass
class TryStack:
    contexts: list[TryContext] = field(default_factory=list)
    handling: list[Reg] = field(default_factory=list)
    """The exceptions of the handlers being translated (for a bare `raise`)."""

    @contextmanager
    def entered(self, ctx: TryContext) -> Iterator[None]:
        self.contexts.append(ctx)
        try:
            yield
        finally:
            self.contexts.pop()

    @contextmanager
    def handler(self, exc: Reg) -> Iterator[None]:
        self.handling.append(exc)
        try:
            yield
        finally:
            self.handling.pop()


def leave(tr: FunctionTranslator, kind: str, span: SourceSpan) -> None:
    """Jump for `return` (its value already in `%ret`), `break` or `continue`,
    through the innermost `try` statement it leaves."""
    ctx = tr.tries.contexts[-1] if tr.tries.contexts else None
    loop = tr.loops.innermost
    if ctx is not None and (kind == "return" or tr.loops.depth <= ctx.loop_depth):
        ctx.used.add(kind)
        tr.emit(Assign(ctx.flags[kind], Const(True), span))
        tr.builder.jump(ctx.exit_label, span)
    elif kind == "return":
        tr.builder.jump(EXIT_LABEL, span)
    else:
        assert loop is not None  # checked by the caller
        tr.builder.jump(loop.break_label if kind == "break" else loop.continue_label, span)


@dataclass(frozen=True)
class Clause:
    """An except clause: the classes it catches (an expression evaluated when
    an exception reaches it, an operand computed before, or None for all)."""

    types: ast.expr | Operand | None
    name: str | None
    body: list[ast.stmt]
    node: ast.AST


def transform_try(tr: FunctionTranslator, node: ast.Try) -> None:
    if node.finalbody:
        _lower_finally(tr, node)
        return
    clauses = [Clause(h.type, h.name, h.body, h) for h in node.handlers]
    _lower(tr, node, node.body, node.orelse, clauses)


def _lower_finally(tr: FunctionTranslator, node: ast.Try) -> None:
    """`try ... finally: F` as a region around the rest of the statement whose
    only clause catches everything, runs F and re-raises; paths that complete
    or leave by return/break/continue run F at the join, before going on."""
    body: list[ast.stmt] = node.body
    if node.handlers or node.orelse:
        body = [ast.copy_location(ast.Try(node.body, node.handlers, node.orelse, []), node)]
    reraise = ast.copy_location(ast.Raise(None, None), node.finalbody[-1])
    _lower(tr, node, body, [], [Clause(None, None, [*node.finalbody, reraise], node)], node.finalbody)


def transform_with(tr: FunctionTranslator, node: ast.With) -> None:
    """`with M as T: body` as CPython runs it: `__enter__` (its value bound to T),
    the body as a region whose exceptions go to `__exit__(type, exc, tb)` (re-raised
    unless it returns true), and `__exit__(None, None, None)` for paths that
    complete or leave by return/break/continue. Several items nest.
    `with crux_py.raises(E)` is one such manager (its `__exit__` suppresses E)."""
    span = tr.span(node)
    if len(node.items) > 1:
        inner = ast.copy_location(ast.With(node.items[1:], node.body), node)
        node = ast.copy_location(ast.With(node.items[:1], [inner]), node)
    item = node.items[0]
    manager = tr.temp()  # the body may rebind the name the manager came from
    tr.emit(Assign(manager, tr.accept_expr(item.context_expr), span))
    entered = tr.temp()
    tr.emit(Call(entered, Const(with_enter), (manager,), (), span))
    if item.optional_vars is not None:
        assign_to(tr, item.optional_vars, entered)
    suppressed = tr.temp()
    tr.emit(Assign(suppressed, Const(False), span))
    b = tr.builder

    def handler(exc: Reg, end: str) -> None:
        verdict, keep, reraise = tr.temp(), b.new_label("with_suppress"), b.new_label("with_reraise")
        tr.emit(Call(verdict, Const(with_exit), (manager, exc), (), span))
        b.branch(verdict, keep, reraise, span)
        tr.open(keep, node)
        tr.emit(Assign(suppressed, Const(True), span))
        b.jump(end, span)
        tr.open(reraise, node)
        b.terminate(Raise(exc, None, span))

    def after() -> None:
        call, done = b.new_label("with_exit"), b.new_label("with_done")
        b.branch(suppressed, done, call, span)
        tr.open(call, node)
        tr.emit(Call(tr.temp(), Const(with_exit_ok), (manager,), (), span))
        b.jump(done, span)
        tr.open(done, node)

    _lower(tr, node, node.body, [], [], handler=handler, after=after)


def _lower(tr: FunctionTranslator, node: ast.stmt, body_stmts: list[ast.stmt], orelse: list[ast.stmt],
           clauses: list[Clause], final: list[ast.stmt] = (),  # type: ignore[assignment]
           handler: Callable[[Reg, str], None] | None = None, after: Callable[[], None] | None = None) -> None:
    """The statement as a `Try`: `clauses` (or `handler`, given the exception and
    the join's label) handle what the body raises; `final` (or `after`) runs at
    the join for every path that reaches it, before flagged exits leave."""
    span = tr.span(node)
    exc = tr.temp()
    b = tr.builder
    body, body_end, handler_label, end = (b.new_label(k) for k in ("try", "try_else", "except", "try_end"))
    ctx = TryContext(tr.loops.depth, {k: tr.temp() for k in EXITS}, body_end)
    for flag in ctx.flags.values():
        tr.emit(Assign(flag, Const(False), span))
    b.terminate(Try(body, body_end, handler_label, end, exc, span))
    with tr.tries.entered(ctx):
        tr.open(body, body_stmts[0])
        tr.accept_block(body_stmts)
        b.jump(body_end, span)
        tr.open(body_end, orelse[0] if orelse else node)
        ctx.exit_label = end
        _skip_if_leaving(tr, ctx, end, span)
        tr.accept_block(orelse)
        b.jump(end, span)
        tr.open(handler_label, clauses[0].node if clauses else node)
        if handler is not None:
            handler(exc, end)
        else:
            for clause in clauses:
                _clause(tr, clause, exc, end)
            b.terminate(Raise(exc, None, span))  # no clause matched: the exception goes on
    tr.open(end, node)
    tr.accept_block(final)
    if after is not None:
        after()
    for kind in EXITS:
        if kind in ctx.used:
            go, stay = b.new_label(f"try_{kind}"), b.new_label("try_on")
            b.branch(ctx.flags[kind], go, stay, span)
            tr.open(go, node)
            leave(tr, kind, span)
            tr.open(stay, node)


def _skip_if_leaving(tr: FunctionTranslator, ctx: TryContext, end: str, span: SourceSpan) -> None:
    """At the body's end: paths that are leaving skip the `else` suite."""
    for kind in EXITS:
        if kind in ctx.used:
            on = tr.builder.new_label("try_else")
            tr.builder.branch(ctx.flags[kind], end, on, span)
            tr.builder.open(on, span)


def _clause(tr: FunctionTranslator, clause: Clause, exc: Reg, end: str) -> None:
    span = tr.span(clause.node)
    b = tr.builder
    run, rest = b.new_label("except_body"), b.new_label("except_next")
    if clause.types is None:
        b.jump(run, span)
    else:
        types = tr.accept_expr(clause.types) if isinstance(clause.types, ast.expr) else clause.types
        hit = tr.temp()
        tr.emit(Call(hit, Const(exception_matches), (exc, types), (), span))
        b.branch(hit, run, rest, span)
    tr.open(run, clause.body[0] if clause.body else clause.node)
    if clause.name is not None:
        tr.store_name(clause.name, exc, clause.node)
    with tr.tries.handler(exc):
        tr.accept_block(clause.body)
    b.jump(end, span)
    tr.open(rest, clause.node)
