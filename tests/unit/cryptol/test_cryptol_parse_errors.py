"""Malformed Cryptol: every failure is a CryptolSyntaxError at `file:line:col` naming the problem."""

from __future__ import annotations

import pytest

from crux_py.cryptol.parser import parse_decls, parse_expr, parse_module
from crux_py.errors import CryptolSyntaxError

# (module source, "line:col" of the offending token (1-based column), words the message must contain)
MODULE_CASES = [
    ("module T where\nf = (1 + )\n", "2:10", "unexpected `)`: expected an expression"),
    ("module T where\nf = 1 +\ng = 2\n", "3:1", "unexpected `g` starting a new declaration"),
    ("module T where\nf x\ng = 1\n", "3:1", "expected a pattern, `|` or `=`"),
    ("module T where\n1 = 2\n", "2:1", "unexpected `1`: expected a declaration"),
    ("module T where\nf = [1, 2\n", "3:1", "the `[` opened at line 2, column 5 is never closed"),
    ("module T where\nf = (1, 2]\n", "2:10", "mismatched `]`"),
    ("module T where\nf = 1)\n", "2:6", "unmatched `)`"),
    ("module T where\nf = a == b == c\n", "2:12", "non-associative"),
    ("module T where\nf = a <+> b\n", "2:7", "unknown value operator `<+>`"),
    ("module T where\nf : [8] -> \n", "3:1", "expected a type"),
    ("module T where\nf : {n} (fin n) => \n", "3:1", "expected a type"),
    ("module T where\nf = if a then b\n", "3:1", "expected `|`, `else` or `where`"),
    ("module T where\nf = [x | x <- ]\n", "2:15", "unexpected `]`: expected an expression"),
    ("module T where\nf = [1, 2, 3 .. 9]\n", "2:14", "unexpected `..`"),
    ("module T where\nf = [0 .. x # y]\n", "2:13", "`#` is not a type-level operator"),
    ("module T where\nf = [0 .. (a, b)]\n", "2:11", "enumeration bound must be a numeric type"),
    ("module T where\nf = { x = 1 }\n", "2:5", "records are not supported"),
    ("module T where\nf = t.0\n", "2:6", "selectors (`.`) are not supported"),
    ("module T where\nf = let x = 1 in x\n", "2:5", "`let` is not supported"),
    ("module T where\nnewtype N = { a : [8] }\n", "2:1", "`newtype` is not supported"),
    ("module T where\ninfixr 5 <+>\n", "2:1", "fixity declarations"),
    ("module T where\nf = \"abc\n", "2:5", "unterminated string literal"),
    ("module T where\nf = 'ab'\n", "2:5", "unterminated character literal"),
    ("module T where\nf = \"a\\qb\"\n", "2:7", "unknown escape `\\q` in string literal"),
    ("module T where\n/* open\n/* nested */\nf = 1\n", "2:1", "unterminated comment"),
    ("module T where\nf = 0b012\n", "2:5", "malformed numeric literal `0b012`"),
    ("module T where\nf = 3.14\n", "2:5", "fractional literals are not supported"),
    ("module T where\nf = <| x^^8 + 3 |>\n", "2:15", "constant term must be 0 or 1"),
    ("module T where\nf = g\n  where g = (a,\n b)\n", "4:2", "indented less than its enclosing layout block"),
    ("module T where\nf = y\n  where\n         y = 1\n\tz = 2\n", "5:9", "tab-indented block is misaligned"),
    ("module T where\nparameter\n  type n : %\n", "3:12", "unknown kind `%`"),
    ("module T where\nprivate\n  import A\n", "3:3", "`import` cannot appear inside a `private` block"),
    ("module T where\nprivate\n  parameter\n    type n : #\n", "3:3", "a `parameter` block cannot be private"),
    ("module T where\ntype constraint 3 = fin 3\n", "2:17", "expected `Name params` on the left"),
    ("module T where\nf : (a -> b) => a\n", "2:6", "expected a constraint"),
    ("module X = F where\nparameter\n  type n : #\n", "3:3", "cannot have parameters"),
    ("module T where\nimport A as B::C\n", "2:1", "alias must be a simple name"),
    ("module T where\nf = a ::b\n", "2:7", "`::` must join the parts of a qualified name"),
    ("module T where\nf = case x of\n", "3:1", "end of a layout block"),
    ("module T where\nf = \\ -> x\n", "2:7", "expected a pattern"),
    ("module T where\nf = a § b\n", "2:7", "unexpected character '§'"),
    ("module T where\nmodule U where\n", "2:1", "unexpected `module`"),
]


@pytest.mark.parametrize("source,pos,words", MODULE_CASES)
def test_malformed_modules(source: str, pos: str, words: str) -> None:
    with pytest.raises(CryptolSyntaxError) as info:
        parse_module(source, "bad.cry")
    message = str(info.value)
    assert message.startswith(f"bad.cry:{pos}: "), message
    assert words in message, message
    assert info.value.span is not None and info.value.span.file == "bad.cry"


@pytest.mark.parametrize("source,pos,words", [
    ("", "1:1", "unexpected end of input: expected an expression"),
    ("a -> b", "1:3", "unexpected `->`"),
    ("`{3}", "1:2", "unexpected `{`"),
    ("f`{3", "1:5", "the `{` opened at line 1, column 3 is never closed"),
    ("a |> b", "1:3", "`|>` without an opening `<|`"),
    ("[ f x where f y = y | x <- xs ]", "1:21", "unexpected `|`"),
])
def test_malformed_expressions(source: str, pos: str, words: str) -> None:
    with pytest.raises(CryptolSyntaxError) as info:
        parse_expr(source, "e.cry")
    assert str(info.value).startswith(f"e.cry:{pos}: ")
    assert words in str(info.value)


@pytest.mark.parametrize("source,pos,words", [
    ("import A\nf = 1\n", "1:1", "`import` is only allowed in a module"),
    ("parameter\n  type n : #\n", "1:1", "`parameter` block is only allowed in a module"),
    ("module M where\n", "1:1", "unexpected `module`"),
])
def test_malformed_inline_declarations(source: str, pos: str, words: str) -> None:
    with pytest.raises(CryptolSyntaxError) as info:
        parse_decls(source)
    assert str(info.value).startswith(f"<inline>:{pos}: ")
    assert words in str(info.value)


def test_errors_never_leak_lark_exceptions() -> None:
    for source, _, _ in MODULE_CASES:
        try:
            parse_module(source, "bad.cry")
        except CryptolSyntaxError as err:
            assert type(err).__module__ == "crux_py.errors"
            assert err.__cause__ is None
