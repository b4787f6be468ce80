"""Per-function translation state and the AST → IR dispatch.

`FunctionTranslator` owns what translating one `def` needs: the CFG builder,
the name scope, the loop stack and the renamed comprehension variables. The
lowering of each construct lives in the sibling modules the dispatch tables
below point to (`statements.py`, `targets.py`, `expressions.py`,
`conditions.py`, `calls.py`, `comprehensions.py`, `functions.py`,
`imports.py`); they call
back into the `accept_*` methods here for sub-nodes.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from crux_py.errors import panic
from crux_py.frontend import (
    calls,
    comprehensions,
    conditions,
    exceptions,
    expressions,
    functions,
    imports,
    statements,
)
from crux_py.frontend.builder import ENTRY_LABEL, EXIT_LABEL, RET_REG, CFGBuilder
from crux_py.frontend.control import LoopStack
from crux_py.frontend.exceptions import TryStack
from crux_py.frontend.scopes import FunctionScope, NameKind
from crux_py.frontend.source_loader import FunctionNode, ParsedSource
from crux_py.frontend.unsupported import (
    UNSUPPORTED_EXPRESSIONS,
    UNSUPPORTED_STATEMENTS,
    unsupported,
)
from crux_py.ir.function import FunctionIR, Param
from crux_py.ir.nodes import Assign, Const, LoadDeref, LoadGlobal, Operand, Reg, Stmt, StoreDeref
from crux_py.ir.verify import verify
from crux_py.source import SourceSpan

StmtTransform = Callable[["FunctionTranslator", ast.stmt], None]
ExprTransform = Callable[["FunctionTranslator", ast.expr, "Reg | None"], Operand]

STATEMENT_TRANSFORMS: dict[type[ast.stmt], StmtTransform] = {
    ast.Expr: statements.transform_expr_stmt,
    ast.Pass: statements.transform_pass,
    ast.Global: statements.transform_pass,
    ast.Nonlocal: statements.transform_pass,
    ast.Assign: statements.transform_assign,
    ast.AnnAssign: statements.transform_ann_assign,
    ast.AugAssign: statements.transform_aug_assign,
    ast.Return: statements.transform_return,
    ast.If: statements.transform_if,
    ast.While: statements.transform_while,
    ast.For: statements.transform_for,
    ast.Break: statements.transform_break,
    ast.Continue: statements.transform_continue,
    ast.Assert: statements.transform_assert,
    ast.Raise: statements.transform_raise,
    ast.Try: exceptions.transform_try,
    ast.With: exceptions.transform_with,
    ast.Delete: statements.transform_delete,
    ast.FunctionDef: functions.transform_function_def,
    ast.Import: imports.transform_import,
    ast.ImportFrom: imports.transform_import_from,
}  # type: ignore[dict-item]

EXPRESSION_TRANSFORMS: dict[type[ast.expr], ExprTransform] = {
    ast.Constant: expressions.transform_constant,
    ast.Name: expressions.transform_name,
    ast.NamedExpr: expressions.transform_named_expr,
    ast.BinOp: expressions.transform_binop,
    ast.UnaryOp: expressions.transform_unaryop,
    ast.Compare: conditions.transform_compare,
    ast.Tuple: expressions.transform_tuple,
    ast.List: expressions.transform_list,
    ast.Dict: expressions.transform_dict,
    ast.Set: expressions.transform_set,
    ast.Subscript: expressions.transform_subscript,
    ast.Attribute: expressions.transform_attribute,
    ast.BoolOp: conditions.transform_boolop_value,
    ast.IfExp: conditions.transform_ifexp_value,
    ast.Call: calls.transform_call,
    ast.ListComp: comprehensions.transform_listcomp,
    ast.DictComp: comprehensions.transform_dictcomp,
    ast.SetComp: comprehensions.transform_setcomp,
    ast.JoinedStr: expressions.transform_joined_str,
    ast.Lambda: functions.transform_lambda,
}  # type: ignore[dict-item]


class FunctionTranslator:
    """Translates one `def` (and, recursively, the `def`s nested in it)."""

    def __init__(
        self,
        source: ParsedSource,
        node: FunctionNode,
        scope: FunctionScope,
        qualname: str,
        is_global_bound: Callable[[str], bool],
    ) -> None:
        self.source = source
        self.node = node
        self.scope = scope
        self.qualname = qualname
        self.is_global_bound = is_global_bound
        self.builder = CFGBuilder()
        self.loops = LoopStack()
        self.tries = TryStack()
        self._comprehension_frames: list[dict[str, Reg]] = []
        self._next_comprehension = 0

    # -- the whole function ----------------------------------------------------

    def translate(self) -> FunctionIR:
        node = self.node
        span = self.span(node)
        if isinstance(node, ast.AsyncFunctionDef):
            raise unsupported("async function", span)
        functions.reject_generator_body(self, node)
        params = functions.param_list(node.args)
        self.builder.open(ENTRY_LABEL, span)
        for param in params:
            if self.scope.kind(param.name) is NameKind.CELL:
                self.emit(StoreDeref(param.name, Reg(param.name), span))
        self.accept_block(node.body)
        if self.builder.reachable:
            self.emit(Assign(RET_REG, Const(None), span))
            self.builder.jump(EXIT_LABEL, span)
        self.builder.add_exit(RET_REG, span)
        fir = FunctionIR(
            name=node.name,
            qualname=self.qualname,
            params=params,
            blocks=self.builder.finish(),
            entry=ENTRY_LABEL,
            exit=EXIT_LABEL,
            ret=RET_REG,
            cellvars=self.scope.cellvars,
            freevars=self.scope.freevars,
            span=span,
            doc=ast.get_docstring(node, clean=False),
            annotated=node.returns is not None or any(
                a.annotation is not None for a in ast.walk(node.args) if isinstance(a, ast.arg)),
        )
        problems = verify(fir)
        if problems:
            raise panic(f"ill-formed IR for {self.qualname}: " + "; ".join(problems))
        return fir

    def translate_nested(self, node: ast.FunctionDef) -> FunctionIR:
        child = FunctionTranslator(
            self.source,
            node,
            self.scope.child(node),
            f"{self.qualname}.<locals>.{node.name}",
            self.is_global_bound,
        )
        return child.translate()

    def translate_lambda(self, node: ast.Lambda) -> FunctionIR:
        scope = self.scope.lambda_child(node)
        if scope is None:
            raise unsupported("several lambdas with the same parameters but different variables on one line",
                              self.span(node))
        child = FunctionTranslator(
            self.source,
            functions.lambda_as_def(node),
            scope,
            f"{self.qualname}.<locals>.<lambda>",
            self.is_global_bound,
        )
        return child.translate()

    # -- dispatch --------------------------------------------------------------

    def accept_block(self, stmts: Sequence[ast.stmt]) -> None:
        """Translate a suite; statements after the code became dead are dropped."""
        for stmt in stmts:
            if not self.builder.reachable:
                return
            self.accept_stmt(stmt)

    def accept_stmt(self, stmt: ast.stmt) -> None:
        transform = STATEMENT_TRANSFORMS.get(type(stmt))
        if transform is None:
            construct = UNSUPPORTED_STATEMENTS.get(type(stmt), f"{type(stmt).__name__} statement")
            raise unsupported(construct, self.span(stmt))
        transform(self, stmt)

    def accept_expr(self, expr: ast.expr, dst: Reg | None = None) -> Operand:
        """Translate `expr`; its final statement writes `dst` when given and useful.

        The result may be a constant or a named register instead of `dst`, so
        callers that need the value in `dst` assign it themselves.
        """
        transform = EXPRESSION_TRANSFORMS.get(type(expr))
        if transform is None:
            construct = UNSUPPORTED_EXPRESSIONS.get(type(expr), f"{type(expr).__name__} expression")
            raise unsupported(construct, self.span(expr))
        return transform(self, expr, dst)

    def accept_cond(self, expr: ast.expr, then: str, orelse: str) -> None:
        """Evaluate `expr` for its truth and branch; closes the current block."""
        conditions.transform_condition(self, expr, then, orelse)

    def accept_operands(self, exprs: Sequence[ast.expr]) -> list[Operand]:
        """Evaluate `exprs` left to right into operands that later ones cannot change."""
        operands: list[Operand] = []
        for index, expr in enumerate(exprs):
            operands.append(self.snapshot(self.accept_expr(expr), exprs[index + 1 :]))
        return operands

    def snapshot(self, operand: Operand, later: Iterable[ast.expr]) -> Operand:
        """Copy a named register that a walrus in `later` would overwrite.

        Operands refer to registers, not values; only `:=` can rebind a local
        between an operand's evaluation and its use in the same expression.
        """
        if isinstance(operand, Reg) and not operand.name.startswith("%"):
            for expr in later:
                for sub in ast.walk(expr):
                    if isinstance(sub, ast.NamedExpr) and sub.target.id == operand.name:
                        copy = self.temp()
                        self.emit(Assign(copy, operand, self.span(expr)))
                        return copy
        return operand

    # -- emission helpers ------------------------------------------------------

    def span(self, node: ast.AST) -> SourceSpan:
        return self.source.span(node)

    def emit(self, stmt: Stmt) -> None:
        self.builder.emit(stmt)

    def temp(self) -> Reg:
        return self.builder.new_temp()

    def dst_or_temp(self, dst: Reg | None) -> Reg:
        return dst if dst is not None else self.builder.new_temp()

    def open(self, label: str, node: ast.AST) -> None:
        self.builder.open(label, self.span(node))

    # -- names -----------------------------------------------------------------

    def direct_register(self, name: str) -> Reg | None:
        """The register a store to `name` writes, or None for cells and globals."""
        for frame in reversed(self._comprehension_frames):
            if name in frame:
                return frame[name]
        if self.scope.kind(name) is NameKind.LOCAL:
            return Reg(name)
        return None

    def load_name(self, name: str, node: ast.AST, dst: Reg | None = None) -> Operand:
        reg = self.direct_register(name)
        if reg is not None:
            return reg
        if name == "__debug__":
            return Const(True)
        kind = self.scope.kind(name)
        target = self.dst_or_temp(dst)
        if kind is NameKind.GLOBAL:
            self.emit(LoadGlobal(target, name, self.span(node)))
        else:
            self.emit(LoadDeref(target, name, self.span(node)))
        return target

    def store_name(self, name: str, value: Operand, node: ast.AST) -> None:
        reg = self.direct_register(name)
        if reg is not None:
            if value != reg:
                self.emit(Assign(reg, value, self.span(node)))
            return
        if self.scope.kind(name) is NameKind.GLOBAL:
            raise unsupported(f"assignment to global variable `{name}`", self.span(node))
        self.emit(StoreDeref(name, value, self.span(node)))

    def is_builtin_name(self, name: str) -> bool:
        """Whether `name` here can only mean the builtin of that name."""
        return (
            self.direct_register(name) is None
            and self.scope.kind(name) is NameKind.GLOBAL
            and not self.is_global_bound(name)
        )

    @property
    def in_comprehension(self) -> bool:
        """Whether the code being translated is inside an (inlined) comprehension."""
        return bool(self._comprehension_frames)

    @property
    def scope_params(self) -> tuple[Param, ...]:
        """The parameters of the function being translated."""
        return functions.param_list(self.node.args)

    @contextmanager
    def comprehension_scope(self, names: Iterable[str]) -> Iterator[dict[str, Reg]]:
        """Bind comprehension variables to fresh registers `name#N` while inside."""
        self._next_comprehension += 1
        frame = {name: Reg(f"{name}#{self._next_comprehension}") for name in names}
        self._comprehension_frames.append(frame)
        try:
            yield frame
        finally:
            self._comprehension_frames.pop()
