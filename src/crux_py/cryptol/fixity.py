"""Operator fixities (the Prelude's table) and the resolution of flat operator chains.

The grammar (`grammar.lark`) reads `a + b * c` as a flat chain of operands and
operators, like Cryptol's `Parser.y`; `build.py` calls `resolve` here to turn a
chain into a tree according to the fixities of `lib/Cryptol.cry` (values) and
of the type-level operators (types). Non-associative operators used twice at
one level (`a == b == c`) and operators without a fixity are syntax errors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from crux_py.errors import CryptolSyntaxError
from crux_py.source import SourceSpan

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Fixity:
    assoc: str  # "left", "right" or "none"
    level: int


def _table(*rows: tuple[str, int, str]) -> dict[str, Fixity]:
    return {op: Fixity(assoc, level) for ops, level, assoc in rows for op in ops.split()}


# Value-level operators (lib/Cryptol.cry). `/^` and `%^` are type-level only, but
# enumeration bounds are parsed as expressions and converted to types later.
EXPR_FIXITY = _table(
    ("==>", 5, "right"),
    ("\\/", 10, "right"),
    ("/\\", 15, "right"),
    ("== != === !==", 20, "none"),
    ("< <= > >= <$ <=$ >$ >=$", 30, "none"),
    ("||", 40, "right"),
    ("^", 45, "left"),
    ("&&", 50, "right"),
    ("#", 60, "right"),
    ("<< >> <<< >>> >>$", 70, "left"),
    ("+ -", 80, "left"),
    ("* / % /$ %$ /^ %^", 90, "left"),
    ("^^", 95, "right"),
    ("@ @@ ! !!", 100, "left"),
)

# Type-level operators: arithmetic, and the relations used in constraints.
TYPE_FIXITY = _table(
    ("== !=", 20, "none"),
    ("< <= > >=", 30, "none"),
    ("+ -", 80, "left"),
    ("* / % /^ %^", 90, "left"),
    ("^^", 95, "right"),
)


def resolve(operands: Sequence[T], ops: Sequence[tuple[str, SourceSpan]], table: dict[str, Fixity],
            combine: Callable[[str, SourceSpan, T, T], T], what: str) -> T:
    """Shunting-yard over `operands[0] ops[0] operands[1] ...`; `combine(op, op_span, lhs, rhs)`
    builds one node. Iterative, so long chains (`a # b # ... # z`) cannot exhaust the stack."""
    fixities = []
    for op, span in ops:
        if op not in table:
            raise CryptolSyntaxError(f"unknown {what} operator `{op}`", span)
        fixities.append(table[op])
    out: list[T] = [operands[0]]
    pending: list[tuple[str, SourceSpan, Fixity]] = []

    def reduce() -> None:
        op, span, _ = pending.pop()
        rhs = out.pop()
        lhs = out.pop()
        out.append(combine(op, span, lhs, rhs))

    for k, (op, span) in enumerate(ops):
        fix = fixities[k]
        while pending:
            top_op, _, top = pending[-1]
            if top.level > fix.level:
                reduce()
            elif top.level < fix.level:
                break
            elif fix.assoc == "none" or top.assoc == "none":
                raise CryptolSyntaxError(
                    f"`{top_op}` and `{op}` are non-associative at the same precedence: add parentheses", span)
            elif fix.assoc != top.assoc:
                raise CryptolSyntaxError(
                    f"`{top_op}` and `{op}` have the same precedence but opposite associativity: "
                    "add parentheses", span)
            elif fix.assoc == "left":
                reduce()
            else:
                break
        pending.append((op, span, fix))
        out.append(operands[k + 1])
    while pending:
        reduce()
    return out[0]
