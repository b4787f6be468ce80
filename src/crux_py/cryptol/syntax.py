"""The Cryptol abstract syntax: frozen dataclasses, each with a `SourceSpan`.

Produced by `parser.py` (lexer, layout, lark grammar), consumed by
`typecheck.py` (sizes and instances) and `eval.py` (meaning). The parser
resolves fixity and desugars surface forms so that later stages see few
node kinds:

* infix and prefix operators are applications of `Var` named after the
  operator (`a + b` is `App(App(Var("+"), a), b)`, `~x` is `App(Var("~"), x)`,
  unary minus is `App(Var("negate"), x)`); sections like `(^)` are `Var("^")`;
* a multi-way `if` is nested `If`s; `else if` likewise;
* polynomial literals `<| x^^3 + 1 |>` become `Lit` with a fixed width;
* string literals become `StrLit` (type `[n][8]`), char literals a `Lit` of width 8;
* a function definition with guards is a `Binding` whose body is `Guarded`.

Names are strings; qualified names keep their `::` (`GF28::inverse`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from crux_py.source import SourceSpan

# ---- types ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TVar:
    """A type variable or a named type (synonym, parameter, `Bit`, `Option`, ...)."""

    name: str
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class TNum:
    value: int
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class TInf:
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class TBit:
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class TSeq:
    """`[length]elem`; a word `[n]` is `TSeq(n, TBit)`."""

    length: Type
    elem: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class TTuple:
    items: tuple[Type, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class TFun:
    arg: Type
    result: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class TApp:
    """Application of a named type or type function: `Option a`, `NumBlocks L`,
    and the type-level operators `+ - * / % /^ %^ ^^ width lg2 min max`."""

    name: str
    args: tuple[Type, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class TWild:
    """`_` in a type."""

    span: SourceSpan


Type = Union[TVar, TNum, TInf, TBit, TSeq, TTuple, TFun, TApp, TWild]


@dataclass(frozen=True, slots=True)
class Prop:
    """A constraint: `fin n`, `a >= b`, `a == b`, `(p, q)` flattened, or the
    application of a `type constraint` synonym (`name` is the synonym)."""

    name: str
    args: tuple[Type, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Schema:
    """`{a, n} (props) => type`; `tparams` keep their written order."""

    tparams: tuple[str, ...]
    props: tuple[Prop, ...]
    type: Type
    span: SourceSpan


# ---- patterns ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PVar:
    name: str
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class PWild:
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class PTuple:
    items: tuple[Pattern, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class PSeq:
    items: tuple[Pattern, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class PTyped:
    """`(p : T)`: may bind the type variables of `T` (scoped type variables)."""

    pattern: Pattern
    type: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class PCon:
    """A constructor pattern in `case`: `Some x`, `None`, `True`, `False`."""

    name: str
    args: tuple[Pattern, ...]
    span: SourceSpan


Pattern = Union[PVar, PWild, PTuple, PSeq, PTyped, PCon]

# ---- expressions ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Var:
    name: str
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Lit:
    """A numeric literal. `width` is fixed for hex/binary/char/polynomial
    literals (4 or 1 bits per digit, 8 for chars) and None for decimals,
    whose type comes from context."""

    value: int
    width: int | None
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class StrLit:
    value: str
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class App:
    fn: Expr
    arg: Expr
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class TypeArg:
    """One argument of a type application: positional (`name` None) or `name = t`."""

    name: str | None
    type: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class TypeApp:
    """`` e`{t1, t2} `` or `` e`{n = t} ``."""

    expr: Expr
    args: tuple[TypeArg, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Demote:
    """`` `n `` or `` `(t) ``: the value of a numeric type."""

    type: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Tuple:
    items: tuple[Expr, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class SeqLit:
    items: tuple[Expr, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class EnumFromTo:
    """`[a .. b]` and `[a, b .. c]`: bounds are types, the element type comes from context."""

    first: Type
    then: Type | None
    last: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class InfFrom:
    """`[a ...]` and `[a, b ...]`: bounds are values; the sequence is infinite."""

    first: Expr
    then: Expr | None
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Generator:
    """`p <- e` or `p : T <- e` inside a comprehension."""

    pattern: Pattern
    expr: Expr
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Comprehension:
    """`[head | branch | branch ...]`: branches run in parallel (zipped, shortest
    wins); the generators inside one branch (`,`-separated) are cartesian."""

    head: Expr
    branches: tuple[tuple[Generator, ...], ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class If:
    cond: Expr
    then: Expr
    orelse: Expr
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class CaseAlt:
    pattern: Pattern
    body: Expr
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Case:
    scrutinee: Expr
    alts: tuple[CaseAlt, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Lambda:
    params: tuple[Pattern, ...]
    body: Expr
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Where:
    expr: Expr
    decls: tuple[Decl, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Typed:
    """`e : T` (lowest precedence)."""

    expr: Expr
    type: Type
    span: SourceSpan


Expr = Union[Var, Lit, StrLit, App, TypeApp, Demote, Tuple, SeqLit, EnumFromTo, InfFrom, Comprehension, If,
             Case, Lambda, Where, Typed]

# ---- declarations -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Guard:
    """`| props => body`."""

    props: tuple[Prop, ...]
    body: Expr
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Guarded:
    """The body of a declaration defined by numeric constraint guards."""

    guards: tuple[Guard, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Signature:
    """`f, g : schema` (also a value signature inside a `parameter` block)."""

    names: tuple[str, ...]
    schema: Schema
    span: SourceSpan
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class Binding:
    """`name p1 p2 = body` (a constant when there are no params); `property`
    declarations are Bindings with `is_property` set."""

    name: str
    params: tuple[Pattern, ...]
    body: Expr | Guarded
    span: SourceSpan
    is_property: bool = False
    doc: str | None = None


@dataclass(frozen=True, slots=True)
class PatternBinding:
    """`[a, b] = e` or `(x, y) = e`."""

    pattern: Pattern
    expr: Expr
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class TypeSynonym:
    """`type Name a b = T`."""

    name: str
    params: tuple[str, ...]
    type: Type
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class ConstraintSynonym:
    """`type constraint Name a = props`."""

    name: str
    params: tuple[str, ...]
    props: tuple[Prop, ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class ParamType:
    """`type w : #` inside a `parameter` block (kind `#` numeric or `*` value type)."""

    name: str
    kind: str
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class ParamConstraint:
    """`type constraint (p1, p2)` inside a `parameter` block."""

    props: tuple[Prop, ...]
    span: SourceSpan


Decl = Union[Signature, Binding, PatternBinding, TypeSynonym, ConstraintSynonym, ParamType, ParamConstraint]


@dataclass(frozen=True, slots=True)
class TopDecl:
    """A module-level declaration and whether it is `private`."""

    decl: Decl
    private: bool


# ---- modules ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Import:
    """`import A::B` or `import A::B as Q`."""

    module: str
    alias: str | None
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Module:
    """One module file. `params` holds the `parameter` block (a functor when
    non-empty). `instance_of` names the functor of `module X = F where decls`,
    in which case `decls` are the bindings of F's parameters."""

    name: str
    imports: tuple[Import, ...]
    params: tuple[Decl, ...]
    decls: tuple[TopDecl, ...]
    instance_of: str | None
    span: SourceSpan
