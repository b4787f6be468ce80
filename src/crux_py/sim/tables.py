"""Lookups in constant tables of ints that are xor-linear in the index.

A CRC table satisfies `T[a ^ b] == T[a] ^ T[b] ^ T[0]`: each entry is `T[0]`
xor the entries of the index's single bits. Looking such a table up with a
symbolic index as that xor of masked constants, instead of an `ite` chain
over its 256 entries, gives terms that `solver/affine.py` decides and that
solvers find far easier. The value is the same for every index in range;
the range obligation is the caller's.
"""

from __future__ import annotations

from functools import lru_cache

from crux_py.sim import pyint
from crux_py.term.context import TermContext


@lru_cache(maxsize=256)
def linear_basis(items: tuple[int, ...]) -> tuple[int, tuple[int, ...]] | None:
    """`(T[0], (T[1] ^ T[0], T[2] ^ T[0], T[4] ^ T[0], ...))` if the table is
    xor-linear in its index (and has a power-of-two length > 1), else None."""
    n = len(items)
    if n < 2 or n & (n - 1):
        return None
    base = items[0]
    basis = tuple(items[1 << k] ^ base for k in range(n.bit_length() - 1))
    for m in range(n):
        v = base
        for k, c in enumerate(basis):
            if (m >> k) & 1:
                v ^= c
        if items[m] != v:
            return None
    return base, basis


def linear_lookup(ctx: TermContext, items: tuple[object, ...], index: pyint.IntVal) -> pyint.IntVal | None:
    """`items[index]` for an index already known to be in range (negative
    ones included: they share their low bits with `index + len(items)`)."""
    if not all(type(v) is int for v in items):
        return None
    found = linear_basis(items)  # type: ignore[arg-type]
    if found is None:
        return None
    base, basis = found
    value: pyint.IntVal = base
    for k, c in enumerate(basis):
        bit = pyint.compare(ctx, "!=", pyint.bitand(ctx, pyint.rshift(ctx, index, k), 1), 0)
        value = pyint.bitxor(ctx, value, pyint.ite(ctx, bit, c, 0))
    return value
