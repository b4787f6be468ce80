"""Cryptol lexer: token kinds, positions (tab stops), comments, names, operators, literals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crux_py.cryptol.lexer import Token, lex
from crux_py.errors import CryptolSyntaxError


def kinds(text: str) -> list[str]:
    return [t.kind for t in lex(text)][:-1]


def texts(text: str) -> list[str]:
    return [t.text for t in lex(text)][:-1]


def only(text: str) -> Token:
    toks = lex(text)
    assert len(toks) == 2 and toks[-1].kind == "EOF", toks
    return toks[0]


@pytest.mark.parametrize("text,kind", [
    ("module", "MODULE"), ("where", "WHERE"), ("import", "IMPORT"), ("as", "AS"), ("private", "PRIVATE"),
    ("parameter", "PARAMETER"), ("type", "TYPE"), ("constraint", "CONSTRAINT"), ("property", "PROPERTY"),
    ("if", "IF"), ("then", "THEN"), ("else", "ELSE"), ("case", "CASE"), ("of", "OF"),
    ("foo", "NAME"), ("x", "NAME"), ("GF28::inverse", "QNAME"), ("_", "UNDERSCORE"),
    ("(", "LPAR"), (")", "RPAR"), ("[", "LSQB"), ("]", "RSQB"), ("{", "LBRACE"), ("}", "RBRACE"),
    (",", "COMMA"), (";", "SEMI"), ("`", "BACKTICK"),
    ("->", "ARROW"), ("<-", "LARROW"), ("=>", "FATARROW"), ("=", "EQUALS"), (":", "COLON"),
    ("..", "DOTDOT"), ("...", "DOTDOTDOT"), ("|", "BAR"), ("\\", "BACKSLASH"), ("-", "MINUS"), ("~", "TILDE"),
    ("+", "OP"), ("<<<", "OP"), ("==>", "OP"), ("/\\", "OP"), ("\\/", "OP"), ("@@", "OP"), ("#", "OP"),
    ("12", "NUM"), ("0xff", "NUM"), ("'a'", "CHAR"), ('"s"', "STRING"), ("/** d */", "DOC"),
])
def test_each_token_kind(text: str, kind: str) -> None:
    assert only(text).kind == kind


def test_crlf_and_byte_order_mark_do_not_shift_positions() -> None:
    toks = lex("\ufeffa =\r\n  b")
    assert [(t.text, t.line, t.col) for t in toks[:-1]] == [("a", 1, 0), ("=", 1, 2), ("b", 2, 2)]


def test_x_is_an_ordinary_name_outside_polynomials() -> None:
    toks = lex("mult x y")
    assert [(t.kind, t.value) for t in toks[:-1]] == [("NAME", "mult"), ("NAME", "x"), ("NAME", "y")]


def test_positions_are_one_based_lines_and_zero_based_columns() -> None:
    toks = lex("f x =\n  x + 1")
    assert [(t.text, t.line, t.col) for t in toks[:-1]] == [
        ("f", 1, 0), ("x", 1, 2), ("=", 1, 4), ("x", 2, 2), ("+", 2, 4), ("1", 2, 6)]
    assert (toks[0].span.end_line, toks[0].span.end_col) == (1, 1)
    assert toks[-1].kind == "EOF" and (toks[-1].line, toks[-1].col) == (2, 7)


def test_tabs_advance_to_the_next_multiple_of_eight() -> None:
    toks = lex("\ta\n  \tb\n\t\tc\n       \td\n        \te")
    assert [(t.text, t.col) for t in toks[:-1]] == [("a", 8), ("b", 8), ("c", 16), ("d", 8), ("e", 16)]


@given(st.lists(st.tuples(st.text(" \t", min_size=1, max_size=4), st.sampled_from(["ab", "+", "x1", "(", "0x1"])),
                max_size=10))
def test_columns_agree_with_python_expandtabs(pieces: list[tuple[str, str]]) -> None:
    line, expected = "", []
    for space, word in pieces:
        line += space
        expected.append((word, len(line.expandtabs(8))))
        line += word
    assert [(t.text, t.col) for t in lex(line)[:-1]] == expected


def test_comments_are_dropped_and_nest() -> None:
    assert texts("a // b c\nd") == ["a", "d"]
    assert texts("a /* b /* c */ d */ e") == ["a", "e"]
    assert texts("a /**/ b") == ["a", "b"]
    assert texts("a/*x*/+/*y*/b") == ["a", "+", "b"]


def test_docstrings_are_tokens_with_cleaned_text() -> None:
    tok = only("/**\n * Rotate left.\n * Second line.\n */")
    assert tok.kind == "DOC" and tok.value == "Rotate left.\nSecond line."
    assert only("/** nested /* inner */ ok */").value == "nested /* inner */ ok"


def test_comment_positions_do_not_shift_following_tokens() -> None:
    toks = lex("/* one\n\ttwo */ a\n/** d\n*/\tb")
    assert [(t.kind, t.line, t.col) for t in toks[:-1]] == [("NAME", 2, 15), ("DOC", 3, 0), ("NAME", 4, 8)]


def test_unicode_and_primed_identifiers() -> None:
    assert [(t.kind, t.value) for t in lex("σ0σ1σ2σ3 a'' KeySize' littleendian'")[:-1]] == [
        ("NAME", "σ0σ1σ2σ3"), ("NAME", "a''"), ("NAME", "KeySize'"), ("NAME", "littleendian'")]


def test_qualified_names_are_one_token() -> None:
    assert [(t.kind, t.text) for t in lex("Primitive::Keyless::Hash::SHA256 GF28::GF28 A::b'")[:-1]] == [
        ("QNAME", "Primitive::Keyless::Hash::SHA256"), ("QNAME", "GF28::GF28"), ("QNAME", "A::b'")]


def test_operators_use_maximal_munch() -> None:
    assert texts("0b0#a") == ["0b0", "#", "a"]
    assert texts("(zero:[136])#aPlusB") == ["(", "zero", ":", "[", "136", "]", ")", "#", "aPlusB"]
    assert texts("a<<<b>>>c") == ["a", "<<<", "b", ">>>", "c"]
    assert kinds("a==>b") == ["NAME", "OP", "NAME"]
    assert kinds("[0..15]") == ["LSQB", "NUM", "DOTDOT", "NUM", "RSQB"]
    assert kinds("[0,1...]") == ["LSQB", "NUM", "COMMA", "NUM", "DOTDOTDOT", "RSQB"]
    assert texts("c-'0'") == ["c", "-", "'0'"]
    assert kinds("\\x->x") == ["BACKSLASH", "NAME", "ARROW", "NAME"]
    assert kinds("f`{n}") == ["NAME", "BACKTICK", "LBRACE", "NAME", "RBRACE"]


@pytest.mark.parametrize("text,value,width", [
    ("42", 42, None), ("1_000", 1000, None), ("0x0", 0, 4), ("0xDEADbeef", 0xDEADBEEF, 32),
    ("0x" + "f" * 64, 2 ** 256 - 1, 256), ("0b1", 1, 1), ("0b0010", 2, 4), ("0o17", 15, 6),
    ("0x_ff_00", 0xFF00, 16), ("'a'", 97, 8), ("'\\n'", 10, 8), ("'\\x41'", 65, 8), ("'\\''", 39, 8),
])
def test_numeric_and_char_literal_values_and_widths(text: str, value: int, width: int | None) -> None:
    assert only(text).value == (value, width)


def test_string_literals_and_escapes() -> None:
    assert only('"Ladies and Gentlemen"').value == "Ladies and Gentlemen"
    assert only(r'"a\tb\n\\\"\x41\65\&6"').value == 'a\tb\n\\"AA6'
    assert only('"a // not a comment"').value == "a // not a comment"


@pytest.mark.parametrize("text,value,width", [
    ("<| x^^8 + x^^4 + x^^3 + x + 1 |>", 0x11B, 9),
    ("<|x^^3+1|>", 0b1001, 4),
    ("<| x |>", 0b10, 2),
    ("<| 1 |>", 1, 1),
    ("<| |>", 0, 0),
    ("<| x^^2 + 0 |>", 0b100, 3),
    ("<| x^^7 /* c */ + x |>", 0b10000010, 8),
])
def test_polynomial_literals_are_fixed_width_numbers(text: str, value: int, width: int) -> None:
    tok = only(text)
    assert (tok.kind, tok.value, tok.text) == ("NUM", (value, width), text)


def test_polynomial_then_more_tokens() -> None:
    assert kinds("pmod p <| x^^2 + 1 |> + q") == ["NAME", "NAME", "NUM", "OP", "NAME"]


@pytest.mark.parametrize("text,col,words", [
    ("a § b", 3, "unexpected character"),
    ("let", 1, "`let` is not supported"),
    ("newtype", 1, "`newtype` is not supported"),
    ("  enum", 3, "`enum` is not supported"),
    ("infixl", 1, "fixity declarations"),
    ("0b012", 1, "malformed numeric literal `0b012`"),
    ("1.5", 1, "fractional literals are not supported"),
    ('"\\q"', 2, "unknown escape `\\q` in string literal"),
    ("'λ'", 1, "does not fit in 8 bits"),
    ("x /* a /* b */", 3, "unterminated comment"),
    ("<| x + 2 |>", 8, "constant term must be 0 or 1"),
    ("<| x ", 1, "unterminated polynomial literal"),
    ("t.0", 2, "selectors"),
])
def test_lexical_errors_point_at_the_problem(text: str, col: int, words: str) -> None:
    with pytest.raises(CryptolSyntaxError) as info:
        lex(text, "lex.cry")
    assert str(info.value).startswith(f"lex.cry:1:{col}:")
    assert words in str(info.value)
