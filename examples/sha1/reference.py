"""SHA-1 written from FIPS 180-4 as plain functional Python: the reference
specification in the role the Crux paper gives hacspec. Clarity over speed:
each function is a formula of the standard (§4.1.1, §4.2.1, §5.1.1, §5.3.1,
§6.1), with the full eighty-word message schedule."""

MASK = 0xFFFFFFFF

H0 = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]


def ROTL(x, n):
    return ((x << n) | (x >> (32 - n))) & MASK


def NOT(x):
    """The complement of a 32-bit word (Python's ~x alone is a negative int)."""
    return ~x & MASK


def Ch(x, y, z):
    return (x & y) ^ (NOT(x) & z)


def Parity(x, y, z):
    return x ^ y ^ z


def Maj(x, y, z):
    return (x & y) ^ (x & z) ^ (y & z)


def f(t, x, y, z):
    """The round function f_t of §4.1.1."""
    if t < 20:
        return Ch(x, y, z)
    if t < 40:
        return Parity(x, y, z)
    if t < 60:
        return Maj(x, y, z)
    return Parity(x, y, z)


def K(t):
    """The round constant K_t of §4.2.1."""
    if t < 20:
        return 0x5A827999
    if t < 40:
        return 0x6ED9EBA1
    if t < 60:
        return 0x8F1BBCDC
    return 0xCA62C1D6


def schedule(M):
    """W[0..79] of a block of sixteen words (§6.1.2 step 1)."""
    W = list(M)
    for t in range(16, 80):
        W.append(ROTL(W[t - 3] ^ W[t - 8] ^ W[t - 14] ^ W[t - 16], 1))
    return W


def compress(H, M):
    """The hash value after the block M (sixteen words), per §6.1.2."""
    W = schedule(M)
    a, b, c, d, e = H
    for t in range(80):
        T = (ROTL(a, 5) + f(t, b, c, d) + e + K(t) + W[t]) & MASK
        e, d, c, b, a = d, c, ROTL(b, 30), a, T
    return [(x + y) & MASK for x, y in zip(H, [a, b, c, d, e])]


def pad(message):
    """The padded message (§5.1.1) as a list of blocks of sixteen words."""
    length = len(message)
    data = list(message) + [0x80] + [0] * ((55 - length) % 64) + list((8 * length).to_bytes(8, "big"))
    words = [int.from_bytes(bytes(data[i:i + 4]), "big") for i in range(0, len(data), 4)]
    return [words[i:i + 16] for i in range(0, len(words), 16)]


def sha1(message):
    H = H0
    for block in pad(message):
        H = compress(H, block)
    return b"".join([h.to_bytes(4, "big") for h in H])
