"""Cryptol tokens: the hand-written lexer of crux_py's Cryptol front end.

Turns source text into `Token`s with 1-based lines and 0-based columns in which a
tab advances to the next multiple of 8 (Cryptol's `Position.move`), because the
layout rule (`layout.py`) compares those columns. Comments are dropped, except
docstrings `/** ... */`, which stay as `DOC` tokens so the parser can attach them
to the declaration that follows. Literals carry their value: `NUM` tokens hold
`(value, width)` with `width` None for overloaded decimals; polynomial literals
`<| x^^8 + 1 |>` are folded here into a fixed-width `NUM`. Literate Markdown is
handled before this by `unlit.py`; the grammar lives in `grammar.lark`/`parser.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crux_py.errors import CryptolSyntaxError
from crux_py.source import SourceSpan


@dataclass(frozen=True, slots=True)
class Token:
    """One token. `kind` names its class (`NAME`, `NUM`, `OP`, `WHERE`, `VSEMI`, ...)."""

    kind: str
    text: str
    value: object
    span: SourceSpan

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def col(self) -> int:
        return self.span.col


KEYWORDS = {
    "module": "MODULE", "where": "WHERE", "import": "IMPORT", "as": "AS", "private": "PRIVATE",
    "parameter": "PARAMETER", "type": "TYPE", "constraint": "CONSTRAINT", "property": "PROPERTY",
    "if": "IF", "then": "THEN", "else": "ELSE", "case": "CASE", "of": "OF",
}

# Cryptol keywords for features outside the subset: rejected where they are met so
# the user learns why, instead of seeing a confusing parse error later.
UNSUPPORTED_KEYWORDS = {
    "let": "`let` bindings", "newtype": "`newtype` declarations", "enum": "`enum` declarations",
    "submodule": "submodules", "interface": "interfaces", "include": "`include`",
    "primitive": "`primitive` declarations", "foreign": "`foreign` declarations",
    "infixl": "fixity declarations", "infixr": "fixity declarations", "infix": "fixity declarations",
}

PUNCTUATION = {
    "(": "LPAR", ")": "RPAR", "[": "LSQB", "]": "RSQB", "{": "LBRACE", "}": "RBRACE",
    ",": "COMMA", ";": "SEMI", "`": "BACKTICK",
}

# Operator spellings with a syntactic role; every other run of operator characters is an `OP`.
SPECIAL_OPS = {
    "->": "ARROW", "<-": "LARROW", "=>": "FATARROW", "=": "EQUALS", ":": "COLON", "..": "DOTDOT",
    "...": "DOTDOTDOT", "|": "BAR", "\\": "BACKSLASH", "-": "MINUS", "~": "TILDE",
}

OP_CHARS = frozenset("!#$%&*+-./:<=>?@\\^|~")

_NAME_RE = re.compile(r"(?:[^\W\d][\w']*::)*[^\W\d][\w']*")
_NUM_RE = re.compile(r"0x[0-9a-fA-F_]*|0b[01_]*|0o[0-7_]*|[0-9][0-9_]*")
_SPACE_RE = re.compile(r"[ \f\v\r]+")
_WORD_CHAR_RE = re.compile(r"[\w']")

_SIMPLE_ESCAPES = {
    "n": 10, "t": 9, "r": 13, "a": 7, "b": 8, "f": 12, "v": 11, "0": 0, "\\": 92, '"': 34, "'": 39,
}
_RADIX = {"x": (16, 4), "b": (2, 1), "o": (8, 3)}


def next_tab_stop(col: int) -> int:
    """The 0-based column after a tab at `col`: the next multiple of 8."""
    return (col // 8 + 1) * 8


class _Lexer:
    def __init__(self, text: str, filename: str) -> None:
        self.text = text.replace("\r\n", "\n").removeprefix("\ufeff")
        self.file = filename
        self.i = 0
        self.line = 1
        self.col = 0
        self.tokens: list[Token] = []

    # ---- positions ------------------------------------------------------------------------------

    def here(self) -> SourceSpan:
        return SourceSpan(self.file, self.line, self.col, self.line, self.col + 1)

    def advance(self, n: int) -> None:
        """Move over the next `n` characters, keeping line and tab-aware column."""
        text, line, col = self.text, self.line, self.col
        for k in range(self.i, self.i + n):
            ch = text[k]
            if ch == "\n":
                line, col = line + 1, 0
            elif ch == "\t":
                col = next_tab_stop(col)
            else:
                col += 1
        self.i += n
        self.line, self.col = line, col

    def emit(self, kind: str, length: int, value: object = None) -> Token:
        start_line, start_col, start = self.line, self.col, self.i
        self.advance(length)
        tok = Token(kind, self.text[start:self.i], value,
                    SourceSpan(self.file, start_line, start_col, self.line, self.col))
        self.tokens.append(tok)
        return tok

    def error(self, message: str, span: SourceSpan | None = None) -> CryptolSyntaxError:
        return CryptolSyntaxError(message, span or self.here())

    # ---- driver ---------------------------------------------------------------------------------

    def run(self) -> list[Token]:
        text = self.text
        while self.i < len(text):
            ch = text[self.i]
            if ch in " \t\n\r\f\v":
                self.skip_space()
            elif text.startswith("//", self.i):
                end = text.find("\n", self.i)
                self.advance((len(text) if end < 0 else end) - self.i)
            elif text.startswith("/*", self.i):
                self.comment()
            elif "0" <= ch <= "9":
                self.number()
            elif ch == "_" or ch.isalpha():
                self.name()
            elif ch == "'":
                self.char_literal()
            elif ch == '"':
                self.string_literal()
            elif ch in PUNCTUATION:
                self.emit(PUNCTUATION[ch], 1)
            elif ch in OP_CHARS:
                self.operator()
            else:
                raise self.error(f"unexpected character {ch!r}")
        self.tokens.append(Token("EOF", "", None, SourceSpan(self.file, self.line, self.col, self.line, self.col)))
        return self.tokens

    def skip_space(self) -> None:
        text = self.text
        while self.i < len(text):
            m = _SPACE_RE.match(text, self.i)
            if m:
                self.i = m.end()
                self.col += m.end() - m.start() - m.group().count("\r")
            elif text[self.i] in "\t\n":
                self.advance(1)
            else:
                break

    def comment(self) -> None:
        """A `/* ... */` comment, which nests; `/** ... */` (not `/**/`) is a docstring."""
        text, start = self.text, self.i
        opened = self.here()
        depth, k = 0, self.i
        while True:
            if k >= len(text):
                raise self.error("unterminated comment: `/*` is never closed by `*/`", opened)
            if text.startswith("/*", k):
                depth, k = depth + 1, k + 2
            elif text.startswith("*/", k):
                depth, k = depth - 1, k + 2
                if depth == 0:
                    break
            else:
                k += 1
        body = text[start:k]
        if body.startswith("/**") and body != "/**/":
            self.emit("DOC", k - start, _doc_text(body))
        else:
            self.advance(k - start)

    # ---- names and operators --------------------------------------------------------------------

    def name(self) -> None:
        m = _NAME_RE.match(self.text, self.i)
        assert m is not None  # the caller saw a letter or `_`
        word = m.group()
        if word == "_":
            self.emit("UNDERSCORE", 1)
        elif word in KEYWORDS:
            self.emit(KEYWORDS[word], len(word))
        elif word in UNSUPPORTED_KEYWORDS:
            raise self.error(f"`{word}` is not supported: crux_py's Cryptol subset has no "
                             f"{UNSUPPORTED_KEYWORDS[word]}", self.span_of(len(word)))
        else:
            self.emit("QNAME" if "::" in word else "NAME", len(word), word)

    def span_of(self, length: int) -> SourceSpan:
        return SourceSpan(self.file, self.line, self.col, self.line, self.col + length)

    def operator(self) -> None:
        text, k = self.text, self.i
        while k < len(text) and text[k] in OP_CHARS:
            # `//` and `/*` start comments even right after an operator
            if k > self.i and text[k] == "/" and text[k + 1:k + 2] in ("/", "*"):
                break
            k += 1
        op = text[self.i:k]
        if op == "<|":
            self.polynomial()
        elif op == "|>":
            raise self.error("`|>` without an opening `<|` of a polynomial literal", self.span_of(2))
        elif op == ".":
            raise self.error("tuple and record selectors (`.`) are not supported", self.span_of(1))
        elif op == "::":
            raise self.error("`::` must join the parts of a qualified name without spaces (`A::b`)",
                             self.span_of(2))
        else:
            self.emit(SPECIAL_OPS.get(op, "OP"), len(op), op)

    # ---- literals -------------------------------------------------------------------------------

    def number(self) -> None:
        text = self.text
        m = _NUM_RE.match(text, self.i)
        assert m is not None
        lit, end = m.group(), m.end()
        if end < len(text) and _WORD_CHAR_RE.match(text, end):
            bad = _NAME_RE.match(text, end)
            whole = lit + (bad.group() if bad else text[end])
            raise self.error(f"malformed numeric literal `{whole}`", self.span_of(len(whole)))
        if text.startswith(".", end) and text[end + 1:end + 2].isdigit():
            raise self.error("fractional literals are not supported", self.span_of(end - self.i))
        self.emit("NUM", len(lit), literal_value(lit, self.span_of(len(lit))))

    def char_literal(self) -> None:
        text, start = self.text, self.here()
        k = self.i + 1
        if k >= len(text) or text[k] == "\n":
            raise self.error("unterminated character literal", start)
        if text[k] == "'":
            raise self.error("empty character literal", start)
        if text[k] == "\\":
            code, k = self.escape(k, "character literal")
            if code is None:
                raise self.error("`\\&` is not allowed in a character literal", start)
        else:
            code, k = ord(text[k]), k + 1
        if k >= len(text) or text[k] != "'":
            raise self.error("unterminated character literal: expected a closing `'`", start)
        if code > 255:
            raise self.error("character literal does not fit in 8 bits", start)
        self.emit("CHAR", k + 1 - self.i, (code, 8))

    def string_literal(self) -> None:
        text, start = self.text, self.here()
        k, chars = self.i + 1, []
        while True:
            if k >= len(text) or text[k] == "\n":
                raise self.error("unterminated string literal", start)
            ch = text[k]
            if ch == '"':
                break
            if ch == "\\":
                code, k = self.escape(k, "string literal")
                if code is not None:
                    chars.append(chr(code))
                continue
            if ord(ch) > 255:
                raise self.error(f"character {ch!r} in string literal does not fit in 8 bits",
                                 self.span_at(k))
            chars.append(ch)
            k += 1
        self.emit("STRING", k + 1 - self.i, "".join(chars))

    def span_at(self, k: int) -> SourceSpan:
        """The span of the character at index `k` on the current line (no newline in between)."""
        col = self.col
        for ch in self.text[self.i:k]:
            col = next_tab_stop(col) if ch == "\t" else col + 1
        return SourceSpan(self.file, self.line, col, self.line, col + 1)

    def escape(self, k: int, where: str) -> tuple[int | None, int]:
        """Decode the escape starting at the backslash at `k`: (code point or None for `\\&`, next index)."""
        text = self.text
        ch = text[k + 1:k + 2]
        if ch in _SIMPLE_ESCAPES and not (ch == "0" and text[k + 2:k + 3].isdigit()):
            return _SIMPLE_ESCAPES[ch], k + 2
        if ch == "&":
            return None, k + 2
        if ch.isdigit() or (ch in ("x", "o") and text[k + 2:k + 3].strip()):
            digits = {"x": "0123456789abcdefABCDEF", "o": "01234567"}.get(ch, "0123456789")
            j = k + 1 if ch.isdigit() else k + 2
            e = j
            while e < len(text) and text[e] in digits:
                e += 1
            if e > j:
                code = int(text[j:e], {"x": 16, "o": 8}.get(ch, 10))
                if code > 0x10FFFF:
                    raise self.error(f"escape in {where} is out of range", self.span_at(k))
                return code, e
        shown = ch if ch and ch != "\n" else ""
        raise self.error(f"unknown escape `\\{shown}` in {where}", self.span_at(k))

    def polynomial(self) -> None:
        """`<| x^^8 + x^^4 + x + 1 |>`: a bit vector of width degree + 1 (0 for `<| |>`)."""
        text, start_i, start_line, start_col = self.text, self.i, self.line, self.col
        opened = self.span_of(2)
        self.advance(2)
        exps: list[int] = []
        expect_term = True
        while True:
            self.skip_trivia_in_poly(opened)
            if text.startswith("|>", self.i):
                if expect_term and exps:
                    raise self.error("malformed polynomial literal: expected a term after `+`")
                self.advance(2)
                break
            if not expect_term:
                if text[self.i] != "+":
                    raise self.error("malformed polynomial literal: expected `+` or `|>`")
                self.advance(1)
                expect_term = True
                continue
            exps.append(self.poly_term())
            expect_term = False
        value = 0
        for e in exps:
            if e >= 0:
                value |= 1 << e
        width = max(exps) + 1 if exps else 0
        self.tokens.append(Token("NUM", text[start_i:self.i], (value, max(width, 0)),
                                 SourceSpan(self.file, start_line, start_col, self.line, self.col)))

    def skip_trivia_in_poly(self, opened: SourceSpan) -> None:
        while True:
            self.skip_space()
            if self.i >= len(self.text):
                raise self.error("unterminated polynomial literal: `<|` is never closed by `|>`", opened)
            if self.text.startswith("//", self.i):
                end = self.text.find("\n", self.i)
                self.advance((len(self.text) if end < 0 else end) - self.i)
            elif self.text.startswith("/*", self.i):
                before = len(self.tokens)
                self.comment()
                del self.tokens[before:]
            else:
                return

    def poly_term(self) -> int:
        """One term: `x` (1), `x^^k` (k), `1` (0) or `0` (-1, no bit); returns the exponent."""
        text = self.text
        m = _NAME_RE.match(text, self.i)
        if m and m.group() == "x":
            self.advance(1)
            self.skip_space()
            if not text.startswith("^^", self.i):
                return 1
            self.advance(2)
            self.skip_space()
            n = _NUM_RE.match(text, self.i)
            if not n or not text[self.i].isdigit():
                raise self.error("malformed polynomial literal: expected an exponent after `^^`")
            value, _ = literal_value(n.group(), self.span_of(len(n.group())))
            self.advance(len(n.group()))
            return value
        n = _NUM_RE.match(text, self.i)
        if n:
            value, _ = literal_value(n.group(), self.span_of(len(n.group())))
            if value not in (0, 1):
                raise self.error("malformed polynomial literal: a constant term must be 0 or 1",
                                 self.span_of(len(n.group())))
            self.advance(len(n.group()))
            return 0 if value == 1 else -1
        raise self.error("malformed polynomial literal: expected `x`, `x^^k`, `0` or `1`")


def literal_value(lit: str, span: SourceSpan) -> tuple[int, int | None]:
    """(value, width) of a numeric literal; hex/binary/octal have 4/1/3 bits per digit."""
    if len(lit) > 1 and lit[0] == "0" and lit[1] in _RADIX:
        radix, bits = _RADIX[lit[1]]
        digits = lit[2:].replace("_", "")
        if not digits:
            raise CryptolSyntaxError(f"malformed numeric literal `{lit}`: no digits", span)
        return int(digits, radix), bits * len(digits)
    return int(lit.replace("_", "")), None


def _doc_text(body: str) -> str:
    """The text of a docstring without `/**`, `*/` and the conventional leading `*` of each line."""
    inner = body[3:-2]
    lines = []
    for raw in inner.split("\n"):
        stripped = raw.strip()
        if stripped.startswith("*"):
            stripped = stripped[1:].removeprefix(" ")
        lines.append(stripped.rstrip())
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def lex(text: str, filename: str = "<inline>") -> list[Token]:
    """All tokens of `text`, ending with an `EOF` token at the end of the input."""
    return _Lexer(text, filename).run()
