"""SHA-256 written from FIPS 180-4 as plain functional Python: the reference
specification in the role the Crux paper gives hacspec. Clarity over speed:
each function is a formula of the standard (§4.1.2, §5.1.1, §6.2)."""

MASK = 0xFFFFFFFF

K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
    0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
    0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
    0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]

H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]


def ROTR(x, n):
    return ((x >> n) | (x << (32 - n))) & MASK


def SHR(x, n):
    return x >> n


def Ch(x, y, z):
    return (x & y) ^ (~x & z) & MASK


def Maj(x, y, z):
    return (x & y) ^ (x & z) ^ (y & z)


def Sigma0(x):
    return ROTR(x, 2) ^ ROTR(x, 13) ^ ROTR(x, 22)


def Sigma1(x):
    return ROTR(x, 6) ^ ROTR(x, 11) ^ ROTR(x, 25)


def sigma0(x):
    return ROTR(x, 7) ^ ROTR(x, 18) ^ SHR(x, 3)


def sigma1(x):
    return ROTR(x, 17) ^ ROTR(x, 19) ^ SHR(x, 10)


def schedule(M):
    """W[0..63] of a block of sixteen words."""
    W = list(M)
    for t in range(16, 64):
        W.append((sigma1(W[t - 2]) + W[t - 7] + sigma0(W[t - 15]) + W[t - 16]) & MASK)
    return W


def compress(H, M):
    """The hash value after the block M (sixteen words), per §6.2.2."""
    W = schedule(M)
    a, b, c, d, e, f, g, h = H
    for t in range(64):
        T1 = (h + Sigma1(e) + Ch(e, f, g) + K[t] + W[t]) & MASK
        T2 = (Sigma0(a) + Maj(a, b, c)) & MASK
        h, g, f, e, d, c, b, a = g, f, e, (d + T1) & MASK, c, b, a, (T1 + T2) & MASK
    return [(x + y) & MASK for x, y in zip(H, [a, b, c, d, e, f, g, h])]


def pad(message):
    """The padded message (§5.1.1) as a list of blocks of sixteen words."""
    length = len(message)
    data = list(message) + [0x80] + [0] * ((55 - length) % 64) + list((8 * length).to_bytes(8, "big"))
    words = [int.from_bytes(bytes(data[i:i + 4]), "big") for i in range(0, len(data), 4)]
    return [words[i:i + 16] for i in range(0, len(words), 16)]


def sha256(message):
    H = H0
    for block in pad(message):
        H = compress(H, block)
    return b"".join([h.to_bytes(4, "big") for h in H])
