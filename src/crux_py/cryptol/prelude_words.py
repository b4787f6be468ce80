"""Prelude word primitives: GF(2) polynomials (`pmult`, `pmod`, `pdiv`), `zext`, `sext`,
`lg2`, `carry`, `scarry`.

Kept in this module's `PRIMS` table (merged by `prelude.all_primitives`). Concrete operands take a direct integer
path; symbolic ones are built bit by bit from backend word operations and
merges (a polynomial modulus or divisor must be concrete).
"""

from __future__ import annotations

from typing import Any

from crux_py.cryptol.prelude import primitive_table
from crux_py.errors import CryptolEvalError

PRIMS, prim = primitive_table()


def clmul(a: int, b: int) -> int:
    r = 0
    while b:
        if b & 1:
            r ^= a
        a <<= 1
        b >>= 1
    return r


def pdivmod(a: int, m: int) -> tuple[int, int]:
    """Quotient and remainder of GF(2) polynomials (`m` nonzero)."""
    dm = m.bit_length() - 1
    q = 0
    while a and a.bit_length() - 1 >= dm:
        shift = a.bit_length() - 1 - dm
        q |= 1 << shift
        a ^= m << shift
    return q, a


@prim("pmult")
def _pmult(ev, t, span):
    u, v = t["u"], t["v"]
    n = 1 + u + v
    be = ev.be
    xor, zero = be.word_op("xor", n), 0

    def pmult(a: Any, b: Any) -> Any:
        if type(a) is int and type(b) is int:
            return clmul(a, b)
        wa = be.w_concat(0, v, a, 1 + u)  # widen a to the result width
        acc: Any = zero
        for i in range(1 + v):  # bit i of b (from the least significant end)
            bit = be.w_bit(b, 1 + v, v - i)
            shifted = be.w_shift("shl", wa, n, i)
            acc = xor(acc, be.w_ite(bit, shifted, 0, n))
        return acc
    return pmult


def _symbolic_pmod(ev, a: Any, u: int, m: int, v: int) -> tuple[Any, list]:
    """Remainder (in `u` bits) and quotient bits of a symbolic `a` by a concrete nonzero `m`."""
    be = ev.be
    dm = m.bit_length() - 1
    xor = be.word_op("xor", u)
    qbits = []
    for pos in range(u - 1, dm - 1, -1):  # clear bit `pos` (from the least significant end)
        bit = be.w_bit(a, u, u - 1 - pos)
        shifted = (m << (pos - dm)) & ((1 << u) - 1)
        a = be.w_ite(bit, xor(a, shifted), a, u)
        qbits.append(bit)
    return a, qbits


@prim("pmod")
def _pmod(ev, t, span):
    u, v = t["u"], t["v"]
    be = ev.be

    def pmod(a: Any, m: Any) -> Any:
        if type(m) is not int:
            raise CryptolEvalError("pmod by a symbolic polynomial is not supported", span)
        if m == 0:
            be.fail("polynomial division by zero", span)
            return 0
        if type(a) is int:
            return pdivmod(a, m)[1]
        r, _ = _symbolic_pmod(ev, a, u, m, v)
        return be.w_extract(r, 0, v) if u >= v else be.w_concat(0, v - u, r, u)
    return pmod


@prim("pdiv")
def _pdiv(ev, t, span):
    u, v = t["u"], t["v"]
    be = ev.be

    def pdiv(a: Any, m: Any) -> Any:
        if type(m) is not int:
            raise CryptolEvalError("pdiv by a symbolic polynomial is not supported", span)
        if m == 0:
            be.fail("polynomial division by zero", span)
            return 0
        if type(a) is int:
            return pdivmod(a, m)[0]
        _, qbits = _symbolic_pmod(ev, a, u, m, v)
        return be.w_from_bits([False] * (u - len(qbits)) + qbits)
    return pdiv


@prim("zext")
def _zext(ev, t, span):
    m, n = t["m"], t["n"]
    be = ev.be
    return lambda a: be.w_concat(0, m - n, a, n)


@prim("sext")
def _sext(ev, t, span):
    m, n = t["m"], t["n"]
    return lambda a: ev.be.w_sext(a, n, m)


@prim("lg2")
def _lg2(ev, t, span):
    n = t["n"]
    be = ev.be

    def lg2(a: Any) -> Any:
        if type(a) is int:
            return 0 if a <= 1 else (a - 1).bit_length()
        ult, add = be.word_op("ult", n), be.word_op("add", n)
        acc: Any = 0
        for k in range(n):  # ceil(log2 a) counts the powers of two below a
            acc = add(acc, be.w_ite(ult(1 << k, a), 1, 0, n))
        return acc
    return lg2


@prim("carry")
def _carry(ev, t, span):
    n = t["n"]
    be = ev.be
    add, ult = be.word_op("add", n), be.word_op("ult", n)
    return lambda a, b: ult(add(a, b), a)


@prim("scarry")
def _scarry(ev, t, span):
    n = t["n"]
    be = ev.be
    add = be.word_op("add", n)

    def scarry(a: Any, b: Any) -> Any:
        s = add(a, b)
        sa, sb, ss = be.w_bit(a, n, 0), be.w_bit(b, n, 0), be.w_bit(s, n, 0)
        return be.b_and(be.b_eq(sa, sb), be.b_xor(sa, ss))
    return scarry
