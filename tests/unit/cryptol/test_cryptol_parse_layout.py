"""Cryptol layout rule: where virtual `{`, `;` and `}` go (rendered as `v{`, `v;`, `v}`)."""

from __future__ import annotations

import pytest

from crux_py.cryptol.layout import layout
from crux_py.cryptol.lexer import lex
from crux_py.cryptol.parser import parse_module
from crux_py.errors import CryptolSyntaxError

VIRTUAL = {"VLBRACE": "v{", "VSEMI": "v;", "VRBRACE": "v}"}


def render(text: str, module: bool = True) -> str:
    toks = layout(lex(text, "lay.cry"), module=module, source=text)
    assert toks[-1].kind == "EOF"
    return " ".join(VIRTUAL.get(t.kind, t.text) for t in toks[:-1])


def test_module_header_where_opens_the_body_block() -> None:
    assert render("module A where\nimport B\nx = 1\n") == "module A where v{ import B v; x = 1 v}"


def test_module_without_header_is_one_block_at_its_first_column() -> None:
    assert render("  x = 1\n  y = 2\n") == "v{ x = 1 v; y = 2 v}"
    assert render("") == "v{ v}"


def test_continuation_lines_get_no_separator() -> None:
    assert render("f : [8]\n  -> [8]\nf x =\n  x\n") == "v{ f : [ 8 ] -> [ 8 ] v; f x = x v}"


def test_where_block_column_is_the_next_tokens_column() -> None:
    src = "f = a\n  where\n    a = b\n    b = 1\ng = 2\n"
    assert render(src) == "v{ f = a where v{ a = b v; b = 1 v} v; g = 2 v}"


def test_where_at_end_of_line() -> None:
    src = "f x = y where\n  y = x\n  z = x\ng = 1\n"
    assert render(src) == "v{ f x = y where v{ y = x v; z = x v} v; g = 1 v}"


def test_nested_where_blocks_close_together() -> None:
    src = "f = a\n  where\n    a = b\n      where b = 1\n    c = 2\ng = 3\n"
    assert render(src) == "v{ f = a where v{ a = b where v{ b = 1 v} v; c = 2 v} v; g = 3 v}"


def test_closing_brackets_end_implicit_blocks() -> None:
    assert render("f (x where x = 2)", module=False) == "f ( x where v{ x = 2 v} )"
    assert render("[x where x = 2]", module=False) == "[ x where v{ x = 2 v} ]"


def test_comma_ends_a_block_only_inside_an_explicit_bracket() -> None:
    assert render("[ x where x = 2, 3 ]", module=False) == "[ x where v{ x = 2 v} , 3 ]"
    # at top level a comma stays inside the block (a multi-name signature)
    assert render("f = 1\n  where a, b : [8]\n") == "v{ f = 1 where v{ a , b : [ 8 ] v} v}"


def test_brackets_suppress_separators() -> None:
    src = "xs = [ 1\n, 2\n, 3 ]\ny = (a,\nb)\n"
    assert render(src) == "v{ xs = [ 1 , 2 , 3 ] v; y = ( a , b ) v}"


def test_where_in_comprehension_head_closed_by_less_indented_bar() -> None:
    src = (
        "digests = [H0] # [ Hnext\n"
        "                     where\n"
        "                       Hnext = f H Mi\n"
        "                       t = 1\n"
        "                 | Mi <- blocks\n"
        "                 | H <- digests\n"
        "                 ]\n"
    )
    assert render(src) == ("v{ digests = [ H0 ] # [ Hnext where v{ Hnext = f H Mi v; t = 1 v} "
                           "| Mi <- blocks | H <- digests ] v}")


def test_private_and_parameter_blocks() -> None:
    src = "parameter\n  type w : #\n  H0 : [8][w]\nprivate\n  f = 1\n  g = 2\nh = 3\n"
    assert render(src) == ("v{ parameter v{ type w : # v; H0 : [ 8 ] [ w ] v} v; "
                           "private v{ f = 1 v; g = 2 v} v; h = 3 v}")


def test_inline_private_is_a_one_declaration_block() -> None:
    assert render("private type T = [8]\nx = 1\n") == "v{ private v{ type T = [ 8 ] v} v; x = 1 v}"


def test_of_opens_a_block_for_case_alternatives() -> None:
    src = "f o =\n  case o of\n    Some x -> x\n    None -> 0\ng = 1\n"
    assert render(src) == "v{ f o = case o of v{ Some x -> x v; None -> 0 v} v; g = 1 v}"


def test_no_separator_after_a_docstring() -> None:
    src = "/** doc */\nf = 1\n/** doc */\ng = 2\n"
    assert render(src) == "v{ /** doc */ f = 1 v; /** doc */ g = 2 v}"


def test_tab_indented_blocks_use_tab_stops_of_eight() -> None:
    src = "f = y\n  where\n\ty = 1\n        z = 2\n\t w = 3\n"
    assert render(src) == "v{ f = y where v{ y = 1 v; z = 2 w = 3 v} v}"


def test_explicit_semicolons_pass_through() -> None:
    assert render("f = a\n  where a = 1; b = 2\n") == "v{ f = a where v{ a = 1 ; b = 2 v} v}"


def test_expression_mode_has_no_outer_block() -> None:
    assert render("a +\nb", module=False) == "a + b"


def test_indentation_below_an_enclosing_block_inside_brackets_is_an_error() -> None:
    src = "f = g\n  where g = (a,\n b)\n"
    with pytest.raises(CryptolSyntaxError) as info:
        render(src)
    msg = str(info.value)
    assert msg.startswith("lay.cry:3:2:")
    assert "indented less than its enclosing layout block (column 9)" in msg
    assert "`(` opened at line 2, column 13" in msg


def test_misaligned_tab_indentation_is_reported_with_a_hint() -> None:
    src = "module T where\nf = y\n  where\n         y = 1\n\tz = 2\n"
    with pytest.raises(CryptolSyntaxError) as info:
        parse_module(src, "tabs.cry")
    msg = str(info.value)
    assert msg.startswith("tabs.cry:5:9: unexpected `z`")
    assert "tab-indented" in msg and "multiple of 8" in msg


@pytest.mark.parametrize("text,pos,words", [
    ("f = (a]", "1:7", "mismatched `]`: the `(` opened at line 1, column 5"),
    ("f = a)", "1:6", "unmatched `)`"),
    ("f = [a,\n  b", "2:4", "the `[` opened at line 1, column 5 is never closed"),
])
def test_bracket_errors(text: str, pos: str, words: str) -> None:
    with pytest.raises(CryptolSyntaxError) as info:
        render(text)
    assert str(info.value).startswith(f"lay.cry:{pos}:")
    assert words in str(info.value)
