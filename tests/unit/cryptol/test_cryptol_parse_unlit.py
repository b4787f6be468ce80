"""Literate Markdown: only Cryptol fences are code, and line numbers survive."""

from __future__ import annotations

import pytest
from cryptol_parse_samples import LITERATE_MD

from crux_py.cryptol.parser import parse_module
from crux_py.cryptol.unlit import unlit_markdown
from crux_py.errors import CryptolSyntaxError


def test_prose_becomes_blank_lines_and_code_stays_in_place() -> None:
    text = "# Title\n\n```cryptol\nx = 1\n```\ntext\n```\ny = 2\n```\n"
    out = unlit_markdown(text)
    assert out.split("\n") == ["", "", "", "x = 1", "", "", "", "y = 2", "", ""]
    assert len(out.split("\n")) == len(text.split("\n"))


@pytest.mark.parametrize("info", ["example", "repl", "verbatim", "haskell", "cryptolish"])
def test_other_info_strings_are_prose(info: str) -> None:
    text = f"```{info}\nnot code\n```\n```cryptol\ncode\n```"
    assert unlit_markdown(text).split("\n") == ["", "", "", "", "code", ""]


def test_indented_fences_and_longer_closing_fences() -> None:
    text = "- item\n\n    ````\n    x = 1\n    ```\n    y = 2\n    `````\nz"
    # a ```` fence is closed only by a fence of at least four backticks
    assert unlit_markdown(text).split("\n") == ["", "", "", "    x = 1", "    ```", "    y = 2", "", ""]


def test_indented_markdown_code_blocks_are_not_cryptol() -> None:
    assert unlit_markdown("para\n\n    x = 1\n") == "\n\n\n"


def test_fence_with_info_string_cannot_close_a_block() -> None:
    text = "```\na = 1\n```cryptol\nb = 2\n```"
    assert unlit_markdown(text).split("\n") == ["", "a = 1", "```cryptol", "b = 2", ""]


def test_literate_module_parses_with_markdown_line_numbers() -> None:
    module = parse_module(LITERATE_MD, "Literate.md")
    assert module.name == "Test::Literate"
    names = [(d.decl.names if hasattr(d.decl, "names") else d.decl.name) for d in module.decls]
    assert names == [("σ0σ1",), "σ0σ1", ("littleendian'",), "littleendian'"]
    lines = [d.decl.span.line for d in module.decls]
    md_lines = LITERATE_MD.split("\n")
    assert [md_lines[n - 1].split()[0] for n in lines] == ["σ0σ1", "σ0σ1", "littleendian'", "littleendian'"]


def test_errors_in_literate_files_carry_markdown_positions() -> None:
    text = "Intro\n\n```cryptol\nmodule M where\nf = (1 +\n```\n"
    with pytest.raises(CryptolSyntaxError) as info:
        parse_module(text, "doc.md")
    assert str(info.value).startswith("doc.md:7:1:")
    assert "`(` opened at line 5, column 5 is never closed" in str(info.value)
