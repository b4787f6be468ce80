"""Strings whose characters are given by symbolic data (`TextVal`: one code
point per character, concrete length), as made by `bytes.hex()` and by hex
formatting (`f"{b:02x}"`, `"%08x" % crc`, `format(b, "x")`) of symbolic ints
in a known range.

Modelled: `==` (character by character), `len`, indexing and slicing (in
`sequences.py`), `+`, `str.join`, `upper`/`lower` of ASCII characters, and
the ways back to data: `bytes.fromhex`, `int(text, 16)`, `encode`. Anything
that would inspect characters in another way is unsupported, never guessed.
(`SymbolicText` is the other kind of symbolic string: an f-string of values
whose text is not modelled, good only as a message.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import pyint
from crux_py.sim.merge import text_codes
from crux_py.sim.values import SymBool, SymbolicText, TextVal

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator


def is_text(v: object) -> bool:
    return isinstance(v, (str, TextVal))


def conjunction(sim: Simulator, conds: list[pyint.BoolVal]) -> pyint.BoolVal:
    terms = []
    for c in conds:
        if c is False:
            return False
        if isinstance(c, SymBool):
            terms.append(c.term)
    return pyint.bool_of(sim.ctx, sim.ctx.and_(*terms)) if terms else True


def eq(sim: Simulator, a: object, b: object) -> pyint.BoolVal:
    """`a == b` where one side is a string."""
    if isinstance(a, SymbolicText) or isinstance(b, SymbolicText):
        other = b if isinstance(a, SymbolicText) else a
        if not isinstance(other, (str, TextVal, SymbolicText)):
            return False  # a str never equals a non-str
        raise UnsupportedFeature("`==` on a string formatted from symbolic values in a way that is not modelled "
                                 "(only hex formats such as `02x` give modelled text)")
    if not (is_text(a) and is_text(b)):
        return False
    xs, ys = text_codes(a), text_codes(b)  # type: ignore[arg-type]
    if len(xs) != len(ys):
        return False
    return conjunction(sim, [pyint.compare(sim.ctx, "==", x, y) for x, y in zip(xs, ys)])  # type: ignore[arg-type]
