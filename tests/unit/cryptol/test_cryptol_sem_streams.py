"""Lazy, memoised, self-referential and infinite sequences, forced far without deep recursion."""

from __future__ import annotations

import sys

from cryptol_sem_helpers import call, value

M32 = (1 << 32) - 1


def fib_words(n: int) -> list[int]:
    xs = [1, 1]
    while len(xs) < n:
        xs.append((xs[-1] + xs[-2]) & M32)
    return xs


def test_sha2_style_schedule_forced_at_element_10000() -> None:
    # W refers to itself through `drop`s in parallel branches (FIPS 180-4 message schedule shape).
    src = """
W : [inf][32]
W = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
      # [ (w2 >>> 17) ^ w7 + (w15 <<< 3) + w16
        | w2 <- drop`{14} W
        | w7 <- drop`{9} W
        | w15 <- drop`{1} W
        | w16 <- W ]
"""
    ws = list(range(1, 17))
    while len(ws) <= 10_000:
        w2, w7, w15, w16 = ws[-2], ws[-7], ws[-15], ws[-16]
        rot = ((w2 >> 17) | (w2 << 15)) & M32
        ws.append(rot ^ ((w7 + (((w15 << 3) | (w15 >> 29)) & M32) + w16) & M32))
    limit = sys.getrecursionlimit()
    assert value("W @ (10000 : [16])", src) == ws[10_000]
    assert value("W @ (9999 : [16])", src) == ws[9_999]
    assert sys.getrecursionlimit() == limit


def test_stream_defined_from_its_own_tail_in_a_where() -> None:
    src = "f : [16] -> [32]\nf i = xs @ i where xs = [1, 1] # [ a + b | a <- xs | b <- drop`{1} xs ]"
    assert call(src, "f", 10_000) == fib_words(10_001)[10_000]


def test_iterate_style_streams() -> None:
    expected = 1
    for _ in range(10_000):
        expected = (expected * 3 + 1) & M32
    step = "step : [32] -> [32]\nstep x = x * 3 + 1\n"
    assert value("xs @ (10000 : [16]) where xs = [1] # [ step v | v <- xs ]", step) == expected
    assert value("iterate step 1 @ (10000 : [16])", step) == expected
    assert value("scanl (\\a _ -> step a) 1 (zero : [10000]()) ! 0", step) == expected


def test_index_based_self_reference_like_a_key_schedule() -> None:
    src = "ws : [inf][32]\nws = [7] # [ ws @ (i - 1) * 5 + i | i <- [1 ...] ]"
    expected = 7
    for i in range(1, 5_001):
        expected = (expected * 5 + i) & M32
    assert value("ws @ (5000 : [32])", src) == expected


def test_join_of_an_infinite_stream_is_taken_lazily() -> None:
    src = "blocks : [inf][4][8]\nblocks = [ split (i * 0x01010101) | i <- [0 ...] ]"
    assert value("take`{10} (join blocks)", src) == [0] * 4 + [1] * 4 + [2] * 2
    bits = value("take`{12} (join (join blocks))", src)
    assert bits == 0  # the first 12 bits of 0x00000000 0x01...
    assert value("groupBy`{8} (take`{24} (drop`{32} (join (join blocks))))", src) == [1, 1, 1]


def test_accumulator_stream_over_many_blocks() -> None:
    # Poly1305-like: one element per block, the last forced first.
    src = """
acc : [3000][16] -> [16]
acc blocks = accs ! 0
  where accs = [0] # [ (a + b) * 3 | a <- accs | b <- blocks ]
"""
    blocks = [(i * 7) & 0xFFFF for i in range(3000)]
    expected = 0
    for b in blocks:
        expected = ((expected + b) * 3) & 0xFFFF
    assert call(src, "acc", blocks) == expected


def test_infinite_enumerations_and_comprehensions_stay_lazy() -> None:
    assert value("[0, 1 ...] @ (123456 : [32])") == 123456
    assert value("[ x * x | x <- [0 ...] ] @ (300 : [32])") == 90000
    assert value("take`{3} [ (x, y) | x <- [1, 2 : [8]], y <- [0 ...] ] : [3]([8], [8])") == [(1, 0), (1, 1),
                                                                                             (1, 2)]
