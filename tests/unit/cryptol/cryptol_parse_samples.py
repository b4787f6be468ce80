"""Realistic Cryptol modules written for these tests (in the style of the public specs).

A ChaCha20-like module (private blocks, where blocks, sequence patterns, infinite
streams, type applications), a SHA-2-like functor with a parameter block, guards
and a `where` inside a comprehension head, its instantiation, a test module that
imports it, and a literate Markdown module.
"""

CHACHA = r"""/*
 * A ChaCha20-style stream cipher, arranged as in RFC 8439 section 2.
 * /* nested comments are allowed */
 */
module Test::ChaCha where

type Key   = [256]
type Nonce = [96]
type State = [16][32]

/** The quarter round on four words (RFC 8439, 2.1). */
quarterRound : [4][32] -> [4][32]
quarterRound [a, b, c, d] = [a2, b2, c2, d2]
  where
    a1 = a + b;   d1 = (d ^ a1) <<< 16
    c1 = c + d1;  b1 = (b ^ c1) <<< 12
    a2 = a1 + b1; d2 = (d1 ^ a2) <<< 8
    c2 = c1 + d2; b2 = (b1 ^ c2) <<< 7

columnRound : State -> State
columnRound [ x0, x1, x2,  x3,  x4,  x5,  x6,  x7
            , x8, x9, x10, x11, x12, x13, x14, x15 ] =
    [ y0, y1, y2,  y3,  y4,  y5,  y6,  y7
    , y8, y9, y10, y11, y12, y13, y14, y15 ]
  where
    [ y0, y4, y8,  y12 ] = quarterRound [ x0, x4, x8,  x12 ]
    [ y1, y5, y9,  y13 ] = quarterRound [ x1, x5, x9,  x13 ]
    [ y2, y6, y10, y14 ] = quarterRound [ x2, x6, x10, x14 ]
    [ y3, y7, y11, y15 ] = quarterRound [ x3, x7, x11, x15 ]

diagonalRound : State -> State
diagonalRound [ x0, x1, x2,  x3,  x4,  x5,  x6,  x7
              , x8, x9, x10, x11, x12, x13, x14, x15 ] =
    [ z0, z1, z2,  z3,  z4,  z5,  z6,  z7
    , z8, z9, z10, z11, z12, z13, z14, z15 ]
  where
    [ z0, z5, z10, z15 ] = quarterRound [ x0, x5, x10, x15 ]
    [ z1, z6, z11, z12 ] = quarterRound [ x1, x6, x11, x12 ]
    [ z2, z7, z8,  z13 ] = quarterRound [ x2, x7, x8,  x13 ]
    [ z3, z4, z9,  z14 ] = quarterRound [ x3, x4, x9,  x14 ]

doubleRound : State -> State
doubleRound x = diagonalRound (columnRound x)

constants : [4][32]
constants = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]

initialState : Key -> [32] -> Nonce -> State
initialState key counter nonce =
  constants # littleEndianWords key # [counter] # littleEndianWords nonce

block : Key -> [32] -> Nonce -> [64][8]
block key counter nonce = join [ reverse (split`{4} w) | w <- out ]
  where
    s0  = initialState key counter nonce
    out = iterate doubleRound s0 @ 10 + s0

keystream : {n} (fin n) =>
            Key -> Nonce -> [32] -> [n][8]
keystream key nonce start = take`{n} (join blocks)
  where
    blocks = [ block key c nonce | c <- [start ...] ]

encrypt : {n} (fin n, 32 >= width n) => Key -> Nonce -> [n][8] -> [n][8]
encrypt key nonce msg = msg ^ keystream key nonce 1

private
  littleEndianWords : {k} (fin k) => [k * 32] -> [k][32]
  littleEndianWords bits = [ join (reverse (groupBy`{8} w)) | w <- split bits ]

  iterate : {a} (a -> a) -> a -> [inf]a
  iterate f x = [x] # [ f v | v <- iterate f x ]

  counters : [inf][32]
  counters = [0, 1 ...]

  firstWords : [4][32]
  firstWords = counters @@ ([0 .. 3] : [4][8])

  evens : [8][8]
  evens = [0, 2 .. 14]

/** RFC 8439, 2.1.1. */
property quarterRoundVector =
  quarterRound [0x11111111, 0x01020304, 0x9b8d6f43, 0x01234567]
    == [0xea2a92f4, 0xcb1cf8ce, 0x4581472e, 0x5881c4bb]

property encryptInvolutive key nonce (msg : [64][8]) =
  encrypt key nonce (encrypt key nonce msg) == msg
"""

SHA2_FUNCTOR = r"""// A SHA-2-style hash family as a functor: the word size and digest size are parameters.
module Test::SHA2Like where

parameter
  /** Word size in bits. */
  type w : #
  type constraint (fin w, w % 32 == 0, 64 >= w)

  /** Digest size in bits. */
  type DigestSize : #
  type constraint (fin DigestSize, 8 * w >= DigestSize)

  /** Initial hash value. */
  H0 : [8][w]

type BlockSize = 16 * w
type LengthBits = 2 * w
type NumBlocks L = (L + 1 + LengthBits) /^ BlockSize
type constraint ValidLength L = (width L <= LengthBits)
type Words8 = ([w], [w], [w], [w], [w], [w], [w], [w])

hash : {l} (ValidLength l) => [l] -> [DigestSize]
hash M = take (join (digests ! 0))
  where
    digests = [H0] # [ Hnext
                         where
                           Hnext = [ x + y | x <- H | y <- compress H (schedule Mi) ]
                     | Mi <- blocks (pad M)
                     | H <- digests
                     ]

pad : {l} (ValidLength l) => [l] -> [NumBlocks l * BlockSize]
pad M = M # 0b1 # zero # (`l : [LengthBits])

blocks : {n} (fin n) => [n * BlockSize] -> [n][16][w]
blocks bits = split (split bits)

Sigma0 : [w] -> [w]
Sigma0 x
  | w == 32 => (x >>> 2) ^ (x >>> 13) ^ (x >>> 22)
  | w == 64 => (x >>> 28) ^ (x >>> 34) ^ (x >>> 39)

Sigma1 : [w] -> [w]
Sigma1 x | w == 32 => (x >>> 6) ^ (x >>> 11) ^ (x >>> 25)
         | w == 64 => (x >>> 14) ^ (x >>> 18) ^ (x >>> 41)

K : [64][w]
K | w == 32 => [ 0x428a2f98, 0x71374491 ] # zero
  | w == 64 => zero

schedule : [16][w] -> [inf][w]
schedule Mi = W
  where
    W : [inf][w]
    W = Mi # [ s1 w2 + w7 + s0 w15 + w16
             | w16 <- W
             | w15 <- drop`{1} W
             | w7  <- drop`{9} W
             | w2  <- drop`{14} W
             ]
    s0 x = (x >>> 7) ^ (x >>> 18) ^ (x >> 3)
    s1 x = (x >>> 17) ^ (x >>> 19) ^ (x >> 10)

compress : [8][w] -> [inf][w] -> [8][w]
compress [a0, b0, c0, d0, e0, f0, g0, h0] W = [a, b, c, d, e, f, g, h]
  where
    (a, b, c, d, e, f, g, h) =
      foldl step (a0, b0, c0, d0, e0, f0, g0, h0) [ (k, wt) | k <- K | wt <- W ]

step : Words8 -> ([w], [w]) -> Words8
step (a, b, c, d, e, f, g, h) (k, wt) = (t1 + t2, a, b, c, d + t1, e, f, g)
  where
    type Pair = ([w], [w])
    sums : Pair
    sums = (t1, t2)
    t1 = h + Sigma1 e + Ch e f g + k + wt
    t2 = Sigma0 a + Maj a b c

private
  Ch : [w] -> [w] -> [w] -> [w]
  Ch x y z = (x && y) ^ (~x && z)

  Maj x y z = (x && y) ^ (x && z) ^ (y && z)

  property majIsSymmetric x y z = Maj x y z == Maj y x z

  property paddedLength = length (pad`{24} zero) == `(NumBlocks 24 * BlockSize)
"""

SHA256_INSTANCE = r"""module Test::SHA256Like = Test::SHA2Like where

type w = 32

type DigestSize = 256

H0 = [ 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a
     , 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 ]
"""

SHA256_TESTS = r"""module Test::SHA256LikeTests where

import Test::SHA256Like as SHA256

property abc = SHA256::hash (join "abc") == 0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad

property empty = SHA256::hash`{l = 0} [] != zero

property bytes (m : [3][8]) = SHA256::hash `{ l = 24 } (join m) == SHA256::hash (join m)
"""

LITERATE_MD = """# A literate module

Some prose, with `inline code` and a stray = sign.

```cryptol
module Test::Literate where

σ0σ1 : [4][32]
σ0σ1 = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]
```

An example that must not be read as code:

```example
this is not Cryptol at all ((
```

    indented prose block = also not code

```
littleendian' : [4][8] -> [32]
littleendian' b = join (reverse b)
```
"""
