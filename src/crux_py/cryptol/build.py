"""From Cryptol parse trees to the AST of `syntax.py` (the desugaring step).

`parser.py` runs lark on `grammar.lark` and hands the tree to `AstBuilder.build`;
this module does not import lark: it walks any tree whose nodes have `data`,
`children` and `meta` (line/column of the first and last token) and whose
leaves carry `start_pos`, the index of the token in the list the parser fed in.
There is one method per grammar rule or alias, `r_<name>(span, children)`.
Desugaring follows syntax.py's docstring: operator chains are resolved by
fixity (`fixity.py`) into applications of `Var`s named after the operators,
multi-way `if` becomes nested `If`s, enumeration bounds become types, and
`` e`{..} `` wraps the atom before it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from crux_py.cryptol import syntax as S
from crux_py.cryptol.fixity import EXPR_FIXITY, TYPE_FIXITY, resolve
from crux_py.cryptol.lexer import Token
from crux_py.errors import CryptolSyntaxError
from crux_py.source import SourceSpan

Kids = list[Any]


@dataclass(frozen=True, slots=True)
class _Private:
    items: tuple[Any, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class _Params:
    decls: tuple[S.Decl, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class _TParams:
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _TyApp:
    args: tuple[S.TypeArg, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class _IfBranch:
    cond: S.Expr
    then: S.Expr
    span: SourceSpan


def cover(a: SourceSpan, b: SourceSpan) -> SourceSpan:
    """The span from the start of `a` to the end of `b`."""
    return SourceSpan(a.file, a.line, a.col, b.end_line, b.end_col)


def _is_token(x: Any, kind: str | None = None) -> bool:
    return isinstance(x, Token) and (kind is None or x.kind == kind)


def _split_doc(kids: Kids) -> tuple[str | None, Kids]:
    if kids and _is_token(kids[0], "DOC"):
        return str(kids[0].value), kids[1:]
    return None, kids


def _with_doc(decl: S.Decl, doc: str | None) -> S.Decl:
    if doc is not None and isinstance(decl, (S.Signature, S.Binding)):
        return replace(decl, doc=doc)
    return decl


def type_props(t: S.Type) -> tuple[S.Prop, ...]:
    """Read a type written in constraint position as constraints; tuples are flattened."""
    if isinstance(t, S.TTuple):
        return tuple(p for item in t.items for p in type_props(item))
    if isinstance(t, S.TApp):
        return (S.Prop(t.name, t.args, t.span),)
    if isinstance(t, S.TVar):
        return (S.Prop(t.name, (), t.span),)
    raise CryptolSyntaxError("expected a constraint (like `fin n`, `a >= b` or `(p, q)`), found a type", t.span)


def _named_type(name: str, span: SourceSpan) -> S.Type:
    if name == "Bit":
        return S.TBit(span)
    if name == "inf":
        return S.TInf(span)
    return S.TVar(name, span)


def expr_to_type(e: S.Expr) -> S.Type:
    """An enumeration bound, parsed as an expression, read as the numeric type it denotes."""
    if isinstance(e, S.Var):
        return _named_type(e.name, e.span)
    if isinstance(e, S.Lit):
        return S.TNum(e.value, e.span)
    if isinstance(e, S.Demote):
        return e.type
    if isinstance(e, S.App):
        head: S.Expr = e
        args: list[S.Expr] = []
        while isinstance(head, S.App):
            args.append(head.arg)
            head = head.fn
        args.reverse()
        if isinstance(head, S.Var) and head.name not in ("negate", "~"):
            if head.name in EXPR_FIXITY and head.name not in TYPE_FIXITY:
                raise CryptolSyntaxError(f"`{head.name}` is not a type-level operator (in an enumeration bound)",
                                         head.span)
            return S.TApp(head.name, tuple(expr_to_type(a) for a in args), e.span)
    raise CryptolSyntaxError("an enumeration bound must be a numeric type (a number, a type variable or "
                             "type arithmetic such as `n - 1`)", e.span)


class AstBuilder:
    """Builds AST nodes for one parse: `tokens` is the token list fed to the parser."""

    def __init__(self, tokens: list[Token], filename: str) -> None:
        self.tokens = tokens
        self.file = filename

    def build(self, root: Any) -> Any:
        """Post-order walk with an explicit stack, so deeply nested input cannot exhaust
        Python's recursion limit."""
        work: list[tuple[Any, bool]] = [(root, False)]
        done: list[Any] = []
        while work:
            node, children_built = work.pop()
            if not hasattr(node, "data"):
                done.append(self.tokens[node.start_pos])
            elif children_built:
                n = len(node.children)
                kids = done[len(done) - n:]
                del done[len(done) - n:]
                done.append(getattr(self, "r_" + str(node.data))(self._span(node.meta), kids))
            else:
                work.append((node, True))
                work.extend((child, False) for child in reversed(node.children))
        return done[0]

    def _span(self, meta: Any) -> SourceSpan:
        if getattr(meta, "empty", True):
            return SourceSpan(self.file, 1, 0, 1, 0)
        return SourceSpan(self.file, meta.line, meta.column, meta.end_line, meta.end_column)

    # ---- modules --------------------------------------------------------------------------------

    def r_start_module(self, span: SourceSpan, kids: Kids) -> S.Module:
        return kids[0]

    def r_start_expr(self, span: SourceSpan, kids: Kids) -> S.Expr:
        return kids[0]

    def r_start_decls(self, span: SourceSpan, kids: Kids) -> tuple[S.Decl, ...]:
        for item in kids[0]:
            if isinstance(item, S.Import):
                raise CryptolSyntaxError("`import` is only allowed in a module", item.span)
            if isinstance(item, _Params):
                raise CryptolSyntaxError("a `parameter` block is only allowed in a module", item.span)
        _, _, decls = self._flatten(kids[0], False)
        return tuple(d.decl for d in decls)

    def r_module_plain(self, span: SourceSpan, kids: Kids) -> S.Module:
        return self._module(kids[0], kids[1], None, span)

    def r_module_instance(self, span: SourceSpan, kids: Kids) -> S.Module:
        module = self._module(kids[0], kids[2], kids[1], span)
        if module.params:
            raise CryptolSyntaxError("an instantiation `module X = F where ...` cannot have parameters",
                                     module.params[0].span)
        return module

    def r_module_anon(self, span: SourceSpan, kids: Kids) -> S.Module:
        return self._module("Main", kids[0], None, span)

    def _module(self, name: str, body: list[Any], functor: str | None, span: SourceSpan) -> S.Module:
        imports, params, decls = self._flatten(body, False)
        return S.Module(name, tuple(imports), tuple(params), tuple(decls), functor, span)

    def _flatten(self, items: list[Any], private: bool) -> tuple[list[S.Import], list[S.Decl], list[S.TopDecl]]:
        imports: list[S.Import] = []
        params: list[S.Decl] = []
        decls: list[S.TopDecl] = []
        for item in items:
            if isinstance(item, S.Import):
                if private:
                    raise CryptolSyntaxError("`import` cannot appear inside a `private` block", item.span)
                imports.append(item)
            elif isinstance(item, _Params):
                if private:
                    raise CryptolSyntaxError("a `parameter` block cannot be private", item.span)
                params.extend(item.decls)
            elif isinstance(item, _Private):
                _, _, sub_decls = self._flatten(list(item.items), True)
                decls.extend(sub_decls)
            else:
                decls.append(S.TopDecl(item.decl, private or item.private))
        return imports, params, decls

    def r_modname(self, span: SourceSpan, kids: Kids) -> str:
        return str(kids[0].text)

    r_qname = r_modname

    def r_body(self, span: SourceSpan, kids: Kids) -> list[Any]:
        return kids

    def r_import(self, span: SourceSpan, kids: Kids) -> S.Import:
        if len(kids) > 1 and "::" in kids[1]:
            raise CryptolSyntaxError("an import alias must be a simple name", span)
        return S.Import(kids[0], kids[1] if len(kids) > 1 else None, span)

    def r_private_block(self, span: SourceSpan, kids: Kids) -> _Private:
        return _Private(tuple(kids[0]), span)

    def r_parameter_block(self, span: SourceSpan, kids: Kids) -> _Params:
        return _Params(tuple(kids), span)

    def r_param_item(self, span: SourceSpan, kids: Kids) -> S.Decl:
        doc, rest = _split_doc(kids)
        return _with_doc(rest[0], doc)

    def r_param_type(self, span: SourceSpan, kids: Kids) -> S.ParamType:
        return S.ParamType(kids[0].text, self._kind(kids[1]), span)

    def _kind(self, tok: Token) -> str:
        if tok.text not in ("#", "*"):
            raise CryptolSyntaxError(f"unknown kind `{tok.text}`: expected `#` (a size) or `*` (a type)", tok.span)
        return tok.text

    def r_param_constraint(self, span: SourceSpan, kids: Kids) -> S.ParamConstraint:
        return S.ParamConstraint(type_props(kids[0]), span)

    # ---- declarations ---------------------------------------------------------------------------

    def r_top_decl(self, span: SourceSpan, kids: Kids) -> S.TopDecl:
        doc, rest = _split_doc(kids)
        return S.TopDecl(_with_doc(rest[0], doc), False)

    def r_local_decl(self, span: SourceSpan, kids: Kids) -> S.Decl:
        doc, rest = _split_doc(kids)
        return _with_doc(rest[0], doc)

    def r_property(self, span: SourceSpan, kids: Kids) -> S.Binding:
        return S.Binding(kids[0].text, tuple(kids[1:-1]), kids[-1], span, is_property=True)

    def r_signature(self, span: SourceSpan, kids: Kids) -> S.Signature:
        return S.Signature(tuple(tok.text for tok in kids[:-1]), kids[-1], span)

    def r_binding(self, span: SourceSpan, kids: Kids) -> S.Binding:
        return S.Binding(kids[0].text, tuple(kids[1:-1]), kids[-1], span)

    def r_guarded(self, span: SourceSpan, kids: Kids) -> S.Binding:
        params = tuple(k for k in kids[1:] if not isinstance(k, S.Guard))
        guards = tuple(k for k in kids[1:] if isinstance(k, S.Guard))
        body = S.Guarded(guards, cover(guards[0].span, guards[-1].span))
        return S.Binding(kids[0].text, params, body, span)

    def r_guard(self, span: SourceSpan, kids: Kids) -> S.Guard:
        props = tuple(p for t in kids[:-1] for p in type_props(t))
        return S.Guard(props, kids[-1], span)

    def r_pattern_binding(self, span: SourceSpan, kids: Kids) -> S.PatternBinding:
        return S.PatternBinding(kids[0], kids[1], span)

    def r_type_synonym(self, span: SourceSpan, kids: Kids) -> S.TypeSynonym:
        return S.TypeSynonym(kids[0].text, tuple(tok.text for tok in kids[1:-1]), kids[-1], span)

    def r_constraint_synonym(self, span: SourceSpan, kids: Kids) -> S.ConstraintSynonym:
        lhs = kids[0]
        if isinstance(lhs, S.TVar):
            return S.ConstraintSynonym(lhs.name, (), type_props(kids[1]), span)
        if isinstance(lhs, S.TApp) and all(isinstance(a, S.TVar) for a in lhs.args) and lhs.name.isidentifier():
            params = tuple(a.name for a in lhs.args if isinstance(a, S.TVar))
            return S.ConstraintSynonym(lhs.name, params, type_props(kids[1]), span)
        raise CryptolSyntaxError("expected `Name params` on the left of `=` in a `type constraint` synonym",
                                 lhs.span)

    # ---- types ----------------------------------------------------------------------------------

    def r_schema(self, span: SourceSpan, kids: Kids) -> S.Schema:
        tparams: tuple[str, ...] = ()
        if kids and isinstance(kids[0], _TParams):
            tparams, kids = kids[0].names, kids[1:]
        props = tuple(p for t in kids[:-1] for p in type_props(t))
        return S.Schema(tparams, props, kids[-1], span)

    def r_tparams(self, span: SourceSpan, kids: Kids) -> _TParams:
        return _TParams(tuple(kids))

    def r_tparam(self, span: SourceSpan, kids: Kids) -> str:
        if len(kids) > 1:
            self._kind(kids[1])
        return str(kids[0].text)

    def r_type(self, span: SourceSpan, kids: Kids) -> S.Type:
        if len(kids) == 1:
            return kids[0]
        return S.TFun(kids[0], kids[1], span)

    def r_tchain(self, span: SourceSpan, kids: Kids) -> S.Type:
        if len(kids) == 1:
            return kids[0]

        def combine(op: str, op_span: SourceSpan, lhs: S.Type, rhs: S.Type) -> S.Type:
            return S.TApp(op, (lhs, rhs), cover(lhs.span, rhs.span))

        ops = [(tok.text, tok.span) for tok in kids[1::2]]
        return resolve(kids[0::2], ops, TYPE_FIXITY, combine, "type")

    def r_tseq(self, span: SourceSpan, kids: Kids) -> S.TSeq:
        return S.TSeq(kids[0], kids[1], span)

    def r_tapp(self, span: SourceSpan, kids: Kids) -> S.Type:
        return S.TApp(kids[0], tuple(kids[1:]), span)

    def r_tname(self, span: SourceSpan, kids: Kids) -> S.Type:
        return _named_type(kids[0], span)

    def r_tnum(self, span: SourceSpan, kids: Kids) -> S.TNum:
        value = kids[0].value
        if not isinstance(value, tuple):
            raise CryptolSyntaxError("expected a number in a type", span)
        return S.TNum(value[0], span)

    def r_tword(self, span: SourceSpan, kids: Kids) -> S.TSeq:
        return S.TSeq(kids[0], S.TBit(span), span)

    def r_tunit(self, span: SourceSpan, kids: Kids) -> S.TTuple:
        return S.TTuple((), span)

    def r_ttuple(self, span: SourceSpan, kids: Kids) -> S.TTuple:
        return S.TTuple(tuple(kids), span)

    def r_twild(self, span: SourceSpan, kids: Kids) -> S.TWild:
        return S.TWild(span)

    # ---- patterns -------------------------------------------------------------------------------

    def r_ptyped(self, span: SourceSpan, kids: Kids) -> S.PTyped:
        return S.PTyped(kids[0], kids[1], span)

    def r_pvar(self, span: SourceSpan, kids: Kids) -> S.PVar:
        return S.PVar(kids[0].text, span)

    def r_pwild(self, span: SourceSpan, kids: Kids) -> S.PWild:
        return S.PWild(span)

    def r_punit(self, span: SourceSpan, kids: Kids) -> S.PTuple:
        return S.PTuple((), span)

    def r_ptuple(self, span: SourceSpan, kids: Kids) -> S.PTuple:
        return S.PTuple(tuple(kids), span)

    def r_pseq(self, span: SourceSpan, kids: Kids) -> S.PSeq:
        return S.PSeq(tuple(kids), span)

    def r_pcon(self, span: SourceSpan, kids: Kids) -> S.Pattern:
        """`Some x` is a constructor pattern; a lone name is one only when capitalised (`None`, `True`)."""
        name = kids[0].text
        if len(kids) == 1 and not name[:1].isupper():
            return S.PVar(name, span)
        return S.PCon(name, tuple(kids[1:]), span)

    # ---- expressions ----------------------------------------------------------------------------

    def r_where(self, span: SourceSpan, kids: Kids) -> S.Where:
        return S.Where(kids[0], tuple(kids[1:]), span)

    def r_typed(self, span: SourceSpan, kids: Kids) -> S.Typed:
        return S.Typed(kids[0], kids[1], span)

    def r_iexpr(self, span: SourceSpan, kids: Kids) -> S.Expr:
        if len(kids) == 1:
            return kids[0]

        def combine(op: str, op_span: SourceSpan, lhs: S.Expr, rhs: S.Expr) -> S.Expr:
            partial = S.App(S.Var(op, op_span), lhs, cover(lhs.span, op_span))
            return S.App(partial, rhs, cover(lhs.span, rhs.span))

        ops = [(tok.text, tok.span) for tok in kids[1::2]]
        return resolve(kids[0::2], ops, EXPR_FIXITY, combine, "value")

    def r_if_expr(self, span: SourceSpan, kids: Kids) -> S.Expr:
        result: S.Expr = kids[-1]
        branches: list[_IfBranch] = kids[:-1]
        for k in range(len(branches) - 1, -1, -1):
            b = branches[k]
            start = span if k == 0 else b.span
            result = S.If(b.cond, b.then, result, cover(start, result.span))
        return result

    def r_if_branch(self, span: SourceSpan, kids: Kids) -> _IfBranch:
        return _IfBranch(kids[0], kids[1], span)

    def r_lambda_expr(self, span: SourceSpan, kids: Kids) -> S.Lambda:
        return S.Lambda(tuple(kids[:-1]), kids[-1], span)

    def r_negate(self, span: SourceSpan, kids: Kids) -> S.App:
        return S.App(S.Var("negate", kids[0].span), kids[1], span)

    def r_complement(self, span: SourceSpan, kids: Kids) -> S.App:
        return S.App(S.Var("~", kids[0].span), kids[1], span)

    def r_case_expr(self, span: SourceSpan, kids: Kids) -> S.Case:
        return S.Case(kids[0], tuple(kids[1:]), span)

    def r_case_alt(self, span: SourceSpan, kids: Kids) -> S.CaseAlt:
        return S.CaseAlt(kids[0], kids[1], span)

    def r_app(self, span: SourceSpan, kids: Kids) -> S.Expr:
        atoms: list[S.Expr] = []
        for kid in kids:
            if isinstance(kid, _TyApp):
                prev = atoms[-1]
                atoms[-1] = S.TypeApp(prev, kid.args, cover(prev.span, kid.span))
            else:
                atoms.append(kid)
        result = atoms[0]
        for arg in atoms[1:]:
            result = S.App(result, arg, cover(result.span, arg.span))
        return result

    def r_tyapp(self, span: SourceSpan, kids: Kids) -> _TyApp:
        return _TyApp(tuple(kids), span)

    def r_named_targ(self, span: SourceSpan, kids: Kids) -> S.TypeArg:
        return S.TypeArg(kids[0].text, kids[1], span)

    def r_pos_targ(self, span: SourceSpan, kids: Kids) -> S.TypeArg:
        return S.TypeArg(None, kids[0], span)

    def r_var(self, span: SourceSpan, kids: Kids) -> S.Var:
        return S.Var(kids[0], span)

    def r_num(self, span: SourceSpan, kids: Kids) -> S.Lit:
        value, width = kids[0].value
        return S.Lit(value, width, span)

    r_char = r_num

    def r_string(self, span: SourceSpan, kids: Kids) -> S.StrLit:
        return S.StrLit(str(kids[0].value), span)

    def r_tuple(self, span: SourceSpan, kids: Kids) -> S.Tuple:
        return S.Tuple(tuple(kids), span)

    def r_unit(self, span: SourceSpan, kids: Kids) -> S.Tuple:
        return S.Tuple((), span)

    def r_section(self, span: SourceSpan, kids: Kids) -> S.Var:
        return S.Var(kids[0].text, span)

    def r_empty_seq(self, span: SourceSpan, kids: Kids) -> S.SeqLit:
        return S.SeqLit((), span)

    def r_seq(self, span: SourceSpan, kids: Kids) -> S.SeqLit:
        return S.SeqLit(tuple(kids), span)

    def r_comprehension(self, span: SourceSpan, kids: Kids) -> S.Comprehension:
        return S.Comprehension(kids[0], tuple(kids[1:]), span)

    def r_branch(self, span: SourceSpan, kids: Kids) -> tuple[S.Generator, ...]:
        return tuple(kids)

    def r_generator(self, span: SourceSpan, kids: Kids) -> S.Generator:
        return S.Generator(kids[0], kids[1], span)

    def r_enum_from_to(self, span: SourceSpan, kids: Kids) -> S.EnumFromTo:
        first = expr_to_type(kids[0])
        then = expr_to_type(kids[1]) if len(kids) == 3 else None
        return S.EnumFromTo(first, then, expr_to_type(kids[-1]), span)

    def r_inf_from(self, span: SourceSpan, kids: Kids) -> S.InfFrom:
        return S.InfFrom(kids[0], kids[1] if len(kids) == 2 else None, span)

    def r_demote(self, span: SourceSpan, kids: Kids) -> S.Demote:
        return S.Demote(kids[0], span)
