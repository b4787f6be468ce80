"""Cryptol's layout rule: a port of `Layout.hs` as a token-stream transformer.

Input is the lexer's token list (`lexer.py`); output is the same tokens with
virtual `VLBRACE`, `VSEMI` and `VRBRACE` tokens inserted, which the grammar
(`grammar.lark`, driven by `parser.py`) uses as block delimiters:

* `where`, `private`, `parameter` and `of` open an implicit block whose column is
  the column of the token after them; a module body without a `module` header
  is an implicit block at the column of its first token;
* inside an implicit block a `VSEMI` precedes every token at the block column,
  except the first token of the block and a token right after a docstring;
* an implicit block ends (with a `VRBRACE` before the ending token) at a token
  left of its column, at `)`, `]` or `}`, and at `,` when some explicit bracket
  encloses it;
* `(`, `[` and `{` open explicit blocks, inside which no separators are made.

Columns here are 1-based as in Cryptol (`EOF` counts as column 0, so it closes
every implicit block); tabs were already expanded to multiples of 8 by the lexer.
Beyond `Layout.hs`, unmatched or mismatched closing brackets and brackets left
open at the end are reported here, where the message can name both ends.
"""

from __future__ import annotations

from dataclasses import dataclass

from crux_py.cryptol.lexer import Token, next_tab_stop
from crux_py.errors import CryptolSyntaxError
from crux_py.source import SourceSpan

STARTS_LAYOUT = frozenset({"WHERE", "PRIVATE", "PARAMETER", "OF"})
OPENERS = {"LPAR": "RPAR", "LSQB": "RSQB", "LBRACE": "RBRACE"}
CLOSERS = frozenset(OPENERS.values())
_SHOW = {"RPAR": ")", "RSQB": "]", "RBRACE": "}"}


@dataclass(slots=True)
class _Implicit:
    col: int


@dataclass(slots=True)
class _Explicit:
    closer: str
    opener: Token


def _col(tok: Token) -> int:
    return 0 if tok.kind == "EOF" else tok.col + 1


def _virtual(kind: str, at: Token) -> Token:
    s = at.span
    return Token(kind, "", None, SourceSpan(s.file, s.line, s.col, s.line, s.col))


def _where(tok: Token) -> str:
    return f"line {tok.line}, column {tok.col + 1}"


def tab_hint(source: str | None, line: int, col: int) -> str:
    """A note when the token at (line, 0-based col) starts a line indented with a tab
    (such lines often land on a different column than they appear to)."""
    if source is None:
        return ""
    lines = source.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1]
    indent = text[:len(text) - len(text.lstrip(" \t"))]
    width = 0
    for ch in indent:
        width = next_tab_stop(width) if ch == "\t" else width + 1
    if "\t" in indent and width == col:
        return ("; the line is tab-indented: Cryptol counts a tab as reaching the next multiple of 8 "
                "columns, so a tab-indented block is misaligned with space-indented lines")
    return ""


def layout(tokens: list[Token], module: bool, source: str | None = None) -> list[Token]:
    """Insert virtual block tokens. `module` selects module mode: without a leading
    `module` header the whole input is one implicit block. `source` only improves messages."""
    out: list[Token] = []
    stack: list[_Implicit | _Explicit] = []
    last_virt = 0
    no_sep = False
    i = 0
    if module and tokens[0].kind != "MODULE":
        col = max(1, _col(tokens[0]))
        out.append(_virtual("VLBRACE", tokens[0]))
        stack.append(_Implicit(col))
        last_virt, no_sep = col, True

    def innermost_implicit() -> int:
        for block in reversed(stack):
            if isinstance(block, _Implicit):
                return block.col
        return 0

    def nearest_explicit() -> _Explicit | None:
        for block in reversed(stack):
            if isinstance(block, _Explicit):
                return block
        return None

    while True:
        tok = tokens[i]
        kind, col = tok.kind, _col(tok)
        top = stack[-1] if stack else None

        if kind in CLOSERS:
            _check_closer(tok, nearest_explicit())

        ends_block = (
            col < last_virt
            or (isinstance(top, _Implicit) and kind in CLOSERS)
            or (isinstance(top, _Implicit) and kind == "COMMA" and nearest_explicit() is not None)
        )
        if ends_block:
            if isinstance(top, _Explicit):
                if kind == "EOF":
                    raise _unclosed(tok, top)
                raise _bad_indentation(tok, top, last_virt, source)
            out.append(_virtual("VRBRACE", tok))
            stack.pop()
            last_virt, no_sep = innermost_implicit(), False
            continue

        if isinstance(top, _Implicit) and col == last_virt and not no_sep:
            out.append(_virtual("VSEMI", tok))
            no_sep = True
            continue

        if kind == "EOF":
            if isinstance(top, _Explicit):  # EOF has closed every implicit block above it
                raise _unclosed(tok, top)
            out.append(tok)
            return out

        out.append(tok)
        i += 1
        if kind in STARTS_LAYOUT:
            nxt = tokens[i]
            new_col = max(1, _col(nxt))
            out.append(_virtual("VLBRACE", nxt))
            stack.append(_Implicit(new_col))
            last_virt, no_sep = new_col, True
        elif kind in OPENERS:
            stack.append(_Explicit(OPENERS[kind], tok))
            no_sep = False
        elif isinstance(top, _Explicit) and kind == top.closer:
            stack.pop()
            no_sep = False
        else:
            no_sep = kind == "DOC"


def _check_closer(tok: Token, block: _Explicit | None) -> None:
    if block is None:
        raise CryptolSyntaxError(f"unmatched `{tok.text}`: there is no open bracket to close", tok.span)
    if block.closer != tok.kind:
        raise CryptolSyntaxError(
            f"mismatched `{tok.text}`: the `{block.opener.text}` opened at {_where(block.opener)} "
            f"must be closed by `{_SHOW[block.closer]}` first", tok.span)


def _unclosed(tok: Token, block: _Explicit) -> CryptolSyntaxError:
    return CryptolSyntaxError(
        f"unexpected end of input: the `{block.opener.text}` opened at {_where(block.opener)} is never closed",
        tok.span)


def _bad_indentation(tok: Token, block: _Explicit, block_col: int, source: str | None) -> CryptolSyntaxError:
    return CryptolSyntaxError(
        f"`{tok.text}` is indented less than its enclosing layout block (column {block_col}) while the "
        f"`{block.opener.text}` opened at {_where(block.opener)} is still open"
        + tab_hint(source, tok.line, tok.col), tok.span)
