"""Truth tables of bitwise functions of up to four word operands.

A function of `n` leaves is an int `tt` of `2**n` bits: bit `m` of `tt` is
the output bit when leaf `i` has the bit `(m >> i) & 1`. Because bitwise
operators act on each bit position independently, a BITFUN term applies its
table at every bit position of its (equal-width) leaves. Canonicalisation
(`term/bitwise.py`) uses these helpers; solver backends and the concrete
evaluator expand a table through `formula`.
"""

from __future__ import annotations

from functools import lru_cache

MAX_LEAVES = 4

# A formula over leaf indices: ("leaf", i) | ("const", 0|1) | ("not", f) |
# ("and", f, g) | ("or", f, g) | ("xor", f, g).
Formula = tuple


def full_mask(n: int) -> int:
    return (1 << (1 << n)) - 1


def projection(i: int, n: int) -> int:
    """The table of leaf `i` among `n` leaves."""
    return sum(1 << m for m in range(1 << n) if (m >> i) & 1)


def depends_on(tt: int, i: int, n: int) -> bool:
    for m in range(1 << n):
        if not (m >> i) & 1 and ((tt >> m) & 1) != ((tt >> (m | (1 << i))) & 1):
            return True
    return False


def remap(tt: int, n: int, positions: tuple[int, ...], n_new: int) -> int:
    """Re-express `tt` over `n_new` leaves, where old leaf `i` is new leaf `positions[i]`."""
    out = 0
    for m in range(1 << n_new):
        old = 0
        for i, p in enumerate(positions):
            old |= ((m >> p) & 1) << i
        out |= ((tt >> old) & 1) << m
    return out


def drop_leaf(tt: int, i: int, n: int) -> int:
    """The table without leaf `i` (which the function must not depend on)."""
    out = 0
    for m in range(1 << (n - 1)):
        low = m & ((1 << i) - 1)
        old = low | ((m >> i) << (i + 1))
        out |= ((tt >> old) & 1) << m
    return out


def apply_bitwise(tt: int, leaves: tuple[int, ...], width: int) -> int:
    """Apply the table to concrete leaf values of `width` bits."""
    result = 0
    for bit in range(width):
        m = 0
        for i, v in enumerate(leaves):
            m |= ((v >> bit) & 1) << i
        result |= ((tt >> m) & 1) << bit
    return result


@lru_cache(maxsize=None)
def formula(tt: int, n: int) -> Formula:
    """A small formula computing `tt`, used to hand BITFUN nodes to solvers.

    Common shapes get their textbook form (and, or, xor, mux, majority);
    anything else is a Shannon expansion on the highest leaf.
    """
    return _formula(tt & full_mask(n), n)


def _formula(tt: int, n: int) -> Formula:
    if tt == 0:
        return ("const", 0)
    if tt == full_mask(n):
        return ("const", 1)
    for i in range(n):
        p = projection(i, n)
        if tt == p:
            return ("leaf", i)
        if tt == p ^ full_mask(n):
            return ("not", ("leaf", i))
    # Split on the highest leaf that matters: f = (x & f1) | (~x & f0).
    i = max(j for j in range(n) if depends_on(tt, j, n))
    c0 = _cofactor(tt, i, n, 0)
    c1 = _cofactor(tt, i, n, 1)
    x: Formula = ("leaf", i)
    g0, g1 = _formula(c0, n), _formula(c1, n)
    if c0 == (c1 ^ full_mask(n)):
        return ("xor", x, g0)
    if c0 == 0:
        return ("and", x, g1)
    if c1 == 0:
        return ("and", ("not", x), g0)
    if c1 == full_mask(n):
        return ("or", x, g0)
    if c0 == full_mask(n):
        return ("or", ("not", x), g1)
    # Mux: (x & g1) | (~x & g0), written with one xor so it shares g0.
    return ("xor", g0, ("and", x, ("xor", g0, g1)))


def _cofactor(tt: int, i: int, n: int, value: int) -> int:
    """The table with leaf `i` fixed to `value`, still indexed over n leaves."""
    out = 0
    for m in range(1 << n):
        src = (m | (1 << i)) if value else (m & ~(1 << i))
        out |= ((tt >> src) & 1) << m
    return out


def eval_formula(f: Formula, leaves: tuple[int, ...], mask: int) -> int:
    kind = f[0]
    if kind == "leaf":
        return leaves[f[1]]
    if kind == "const":
        return mask if f[1] else 0
    if kind == "not":
        return ~eval_formula(f[1], leaves, mask) & mask
    a = eval_formula(f[1], leaves, mask)
    b = eval_formula(f[2], leaves, mask)
    if kind == "and":
        return a & b
    if kind == "or":
        return a | b
    return a ^ b
