"""Literate Cryptol in Markdown: keep the code of fenced blocks, blank out the prose.

A fence is a line whose first non-blank characters are three or more backticks;
the block it opens is Cryptol when its info string is empty or starts with the
word `cryptol`, and prose otherwise (`example`, `repl`, ...). The closing fence
needs at least as many backticks. Every non-code line (prose, fences, other
blocks) becomes an empty line, so line numbers, and the columns of code lines,
stay those of the Markdown file; the lexer (`lexer.py`) then reads the result.
Indented (4-space) Markdown code blocks are treated as prose.
"""

from __future__ import annotations

import re

_FENCE_RE = re.compile(r"[ \t]*(`{3,})(.*)$")


def _fence(line: str) -> tuple[int, str] | None:
    """(number of backticks, info string) when `line` is a fence."""
    m = _FENCE_RE.match(line)
    if m is None:
        return None
    return len(m.group(1)), m.group(2).strip()


def _is_cryptol(info: str) -> bool:
    words = info.split()
    return not words or words[0] == "cryptol"


def unlit_markdown(text: str) -> str:
    """The Cryptol code of a Markdown document, with prose lines replaced by empty lines."""
    out: list[str] = []
    open_fence: tuple[int, bool] | None = None  # (backticks, is Cryptol) of the block we are in
    for line in text.replace("\r\n", "\n").split("\n"):
        fence = _fence(line)
        if open_fence is None:
            if fence is not None:
                open_fence = (fence[0], _is_cryptol(fence[1]))
            out.append("")
        elif fence is not None and fence[0] >= open_fence[0] and not fence[1]:
            open_fence = None
            out.append("")
        else:
            out.append(line if open_fence[1] else "")
    return "\n".join(out)
