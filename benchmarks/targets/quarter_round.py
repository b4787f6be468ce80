"""The ChaCha20 quarter round (RFC 8439 §2.1) written twice: as the RFC
states it, and the way an optimised implementation might (modulo arithmetic,
rotations spelled out with shifts). The benchmark proves them equal."""

from crux_py import crux_test, u32

MASK = 0xFFFFFFFF


def rotl(x, n):
    return ((x << n) | (x >> (32 - n))) & MASK


def quarter_round_spec(a, b, c, d):
    a = (a + b) & MASK
    d = rotl(d ^ a, 16)
    c = (c + d) & MASK
    b = rotl(b ^ c, 12)
    a = (a + b) & MASK
    d = rotl(d ^ a, 8)
    c = (c + d) & MASK
    b = rotl(b ^ c, 7)
    return a, b, c, d


def quarter_round_impl(a, b, c, d):
    a = (a + b) % 2**32
    d ^= a
    d = (d << 16 & MASK) | (d >> 16)
    c = (c + d) % 2**32
    b ^= c
    b = (b << 12 & MASK) | (b >> 20)
    a = (a + b) % 2**32
    d ^= a
    d = (d << 8 & MASK) | (d >> 24)
    c = (c + d) % 2**32
    b ^= c
    b = (b << 7 & MASK) | (b >> 25)
    return a, b, c, d


@crux_test
def quarter_round_equiv(a: u32, b: u32, c: u32, d: u32):
    assert quarter_round_impl(a, b, c, d) == quarter_round_spec(a, b, c, d)


def quarter_round_crosshair(a: int, b: int, c: int, d: int) -> bool:
    """The same property as a CrossHair contract.

    pre: 0 <= a < 2**32 and 0 <= b < 2**32 and 0 <= c < 2**32 and 0 <= d < 2**32
    post: __return__
    """
    return quarter_round_impl(a, b, c, d) == quarter_round_spec(a, b, c, d)
