"""SHA-256 compression built through the term layer: the hot-path workload.

The compression is written twice: with 32-bit wrapping operations (as a
Cryptol spec or `u32` code computes) and with the exact-width Python-int
operations the simulator performs (`(a + b) & 0xffffffff`, rotations from
shifts and masks). Canonical terms make both the same objects; the terms
evaluate to the FIPS 180-4 digest of "abc"; the build stays small and fast.
"""

from __future__ import annotations

from collections.abc import Callable

from crux_py.term import Term, TermContext
from crux_py.term.concrete import evaluate

K = [
    0x428A2F98, 0x71374491, 0xB5C0FBCF, 0xE9B5DBA5, 0x3956C25B, 0x59F111F1, 0x923F82A4, 0xAB1C5ED5,
    0xD807AA98, 0x12835B01, 0x243185BE, 0x550C7DC3, 0x72BE5D74, 0x80DEB1FE, 0x9BDC06A7, 0xC19BF174,
    0xE49B69C1, 0xEFBE4786, 0x0FC19DC6, 0x240CA1CC, 0x2DE92C6F, 0x4A7484AA, 0x5CB0A9DC, 0x76F988DA,
    0x983E5152, 0xA831C66D, 0xB00327C8, 0xBF597FC7, 0xC6E00BF3, 0xD5A79147, 0x06CA6351, 0x14292967,
    0x27B70A85, 0x2E1B2138, 0x4D2C6DFC, 0x53380D13, 0x650A7354, 0x766A0ABB, 0x81C2C92E, 0x92722C85,
    0xA2BFE8A1, 0xA81A664B, 0xC24B8B70, 0xC76C51A3, 0xD192E819, 0xD6990624, 0xF40E3585, 0x106AA070,
    0x19A4C116, 0x1E376C08, 0x2748774C, 0x34B0BCB5, 0x391C0CB3, 0x4ED8AA4A, 0x5B9CCA4F, 0x682E6FF3,
    0x748F82EE, 0x78A5636F, 0x84C87814, 0x8CC70208, 0x90BEFFFA, 0xA4506CEB, 0xBEF9A3F7, 0xC67178F2,
]
H0 = [0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19]
M = 0xFFFFFFFF


class Fixed:
    """u32 semantics: every value is a 32-bit term."""

    def __init__(self, ctx: TermContext, alt_boolean: bool = False) -> None:
        self.c = ctx
        self.alt = alt_boolean

    def k(self, v: int) -> Term:
        return self.c.bv_const(v, 32)

    def add(self, *a: Term) -> Term:
        return self.c.add(*a)

    def rotr(self, x: Term, n: int) -> Term:
        return self.c.rotr(x, n)

    def shr(self, x: Term, n: int) -> Term:
        return self.c.lshr(x, self.k(n))

    def xor(self, *a: Term) -> Term:
        return self.c.bvxor(*a)

    def ch(self, e: Term, f: Term, g: Term) -> Term:
        c = self.c
        if self.alt:
            return c.bvxor(g, c.bvand(e, c.bvxor(f, g)))
        return c.bvxor(c.bvand(e, f), c.bvand(c.bvnot(e), g))

    def maj(self, a: Term, b: Term, d: Term) -> Term:
        c = self.c
        if self.alt:
            return c.bvor(c.bvand(a, b), c.bvand(d, c.bvor(a, b)))
        return c.bvxor(c.bvand(a, b), c.bvand(a, d), c.bvand(b, d))


class PyInt:
    """Python-int semantics: exact widths from intervals, explicit masks."""

    def __init__(self, ctx: TermContext) -> None:
        self.c = ctx

    def norm(self, t: Term) -> Term:
        w = max(1, t.hi.bit_length())
        return self.c.extract(t, w - 1, 0) if w < t.width else t

    def fit(self, t: Term, w: int) -> Term:
        return self.c.zext(t, w - t.width)

    def k(self, v: int) -> Term:
        return self.norm(self.c.bv_const(v, max(1, v.bit_length())))

    def _bin(self, f: Callable[[Term, Term], Term], a: Term, b: Term, extra: int = 0) -> Term:
        w = max(a.width, b.width) + extra
        return self.norm(f(self.fit(a, w), self.fit(b, w)))

    def mask(self, t: Term) -> Term:
        return self._bin(self.c.bvand, t, self.k(M))

    def add(self, *a: Term) -> Term:
        r = a[0]
        for x in a[1:]:
            r = self._bin(self.c.add, r, x, extra=1)
        return self.mask(r)

    def shl(self, x: Term, n: int) -> Term:
        w = x.width + n
        return self.norm(self.c.shl(self.fit(x, w), self.c.bv_const(n, w)))

    def shr(self, x: Term, n: int) -> Term:
        return self.norm(self.c.lshr(x, self.c.bv_const(n, x.width)))

    def rotr(self, x: Term, n: int) -> Term:
        return self.mask(self._bin(self.c.bvor, self.shr(x, n), self.shl(x, 32 - n)))

    def xor(self, *a: Term) -> Term:
        r = a[0]
        for x in a[1:]:
            r = self._bin(self.c.bvxor, r, x)
        return r

    def ch(self, e: Term, f: Term, g: Term) -> Term:
        not_e = self.xor(e, self.k(M))
        return self.xor(self._bin(self.c.bvand, e, f), self._bin(self.c.bvand, not_e, g))

    def maj(self, a: Term, b: Term, d: Term) -> Term:
        band = self.c.bvand
        return self.xor(self._bin(band, a, b), self._bin(band, a, d), self._bin(band, b, d))


def compress(s: Fixed | PyInt, h: list[Term], w: list[Term]) -> list[Term]:
    w = list(w)
    for i in range(16, 64):
        s0 = s.xor(s.rotr(w[i - 15], 7), s.rotr(w[i - 15], 18), s.shr(w[i - 15], 3))
        s1 = s.xor(s.rotr(w[i - 2], 17), s.rotr(w[i - 2], 19), s.shr(w[i - 2], 10))
        w.append(s.add(w[i - 16], s0, w[i - 7], s1))
    a, b, c, d, e, f, g, hh = h
    for i in range(64):
        big1 = s.xor(s.rotr(e, 6), s.rotr(e, 11), s.rotr(e, 25))
        t1 = s.add(hh, big1, s.ch(e, f, g), s.k(K[i]), w[i])
        big0 = s.xor(s.rotr(a, 2), s.rotr(a, 13), s.rotr(a, 22))
        t2 = s.add(big0, s.maj(a, b, c))
        a, b, c, d, e, f, g, hh = s.add(t1, t2), a, b, c, s.add(d, t1), e, f, g
    return [a, b, c, d, e, f, g, hh]


def symbolic_inputs(ctx: TermContext) -> tuple[list[Term], list[Term]]:
    return [ctx.var(f"h{i}", 32) for i in range(8)], [ctx.var(f"w{i}", 32) for i in range(16)]


def abc_block() -> list[int]:
    block = b"abc" + b"\x80" + b"\x00" * 52 + (24).to_bytes(8, "big")
    return [int.from_bytes(block[4 * i:4 * i + 4], "big") for i in range(16)]


def test_fixed_width_and_python_int_styles_build_the_same_terms() -> None:
    ctx = TermContext()
    h, w = symbolic_inputs(ctx)
    fixed = compress(Fixed(ctx), h, w)
    python = compress(PyInt(ctx), h, w)
    assert all(x is y for x, y in zip(fixed, python))


def test_ch_and_maj_written_differently_build_the_same_terms() -> None:
    ctx = TermContext()
    h, w = symbolic_inputs(ctx)
    plain = compress(Fixed(ctx), h, w)
    alternative = compress(Fixed(ctx, alt_boolean=True), h, w)
    assert all(x is y for x, y in zip(plain, alternative))


def test_terms_evaluate_to_the_fips_180_4_digest_of_abc() -> None:
    ctx = TermContext()
    h, w = symbolic_inputs(ctx)
    out = compress(PyInt(ctx), h, w)
    env = {f"h{i}": v for i, v in enumerate(H0)} | {f"w{i}": v for i, v in enumerate(abc_block())}
    cache: dict[int, int | bool] = {}
    digest = b"".join(((evaluate(t, env, cache) + h0) & M).to_bytes(4, "big") for t, h0 in zip(out, H0))
    assert digest.hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_the_build_stays_small() -> None:
    ctx = TermContext()
    h, w = symbolic_inputs(ctx)
    compress(Fixed(ctx), h, w)
    compress(PyInt(ctx), h, w)
    # About 60 nodes per round for the fixed-width build plus the flattened
    # state sums, which grow by a few operands per round; the Python-int
    # build adds its wide intermediate terms. A blow-up (sums rebuilt
    # quadratically, narrowing failing) shows as several times this.
    assert len(ctx) < 25_000, len(ctx)
