"""Evaluation: words as bit sequences, lifted operators, comprehensions, patterns, the Prelude."""

from __future__ import annotations

import pytest
from cryptol_sem_helpers import value

WORDS = [
    ("0b1000 @ 0", True),  # index 0 is the most significant bit
    ("0b1000 @ 3", False),
    ("0b0110 ! 1", True),  # `!` counts from the end
    ("0xab # 0xcd", 0xABCD),  # the left operand is most significant
    ("join [0xa, 0xb, 0xc]", 0xABC),
    ("split 0xabcd : [4][4]", [0xA, 0xB, 0xC, 0xD]),
    ("groupBy`{8} 0xabcd", [0xAB, 0xCD]),
    ("reverse 0b1100", 0b0011),
    ("take`{3} 0b10110", 0b101),
    ("drop`{3} 0b10110", 0b10),
    ("[x | x <- 0b101]", 0b101),  # a comprehension over the bits of a word
    ("[ ~b | b <- 0b1100 ]", 0b0011),
    ("0x81 <<< 1", 0x03),
    ("0x81 >>> 1", 0xC0),
    ("0x81 << 1", 0x02),
    ("0x81 >> 1", 0x40),
    ("0x80 >>$ 2", 0xE0),
    ("(0x01 : [8]) << (9 : Integer)", 0),
    ("0x01 <<< (-1 : Integer)", 0x80),
    ("0xff + 0x02", 0x01),
    ("0x02 - 0x03", 0xFF),
    ("0x10 * 0x11", 0x10),
    ("0xf0 / 0x10", 0x0F),
    ("0x05 % 0x03", 0x02),
    ("(2 : [8]) ^^ 9", 0),
    ("0x10 /$ 0xfe", 0xF8),
    ("0xf0 <$ 0x0f", True),
    ("0xf0 < 0x0f", False),
    ("negate 1 : [8]", 0xFF),
    ("complement 0x0f", 0xF0),
    ("-1 : [4]", 0xF),
    ("carry 0xff 0x01", True),
    ("scarry 0x7f 0x01", True),
    ("zext 0xf : [8]", 0x0F),
    ("sext 0xf : [8]", 0xFF),
    ("lg2 (9 : [8])", 4),
    ("fromInteger 300 : [8]", 44),
    ("toInteger 0xff", 255),
    ("'a' + 1", ord("b")),
    ('"ab" # "c"', [97, 98, 99]),
    ("and 0b111", True),
    ("or 0b000", False),
]


@pytest.mark.parametrize("expr,expected", WORDS, ids=[w[0] for w in WORDS])
def test_words(expr: str, expected: object) -> None:
    assert value(expr) == expected


SEQUENCES = [
    ("[0x01, 0x02] + [0x10, 0x20]", [0x11, 0x22]),
    ("[1, 2, 3, 4] << 1 : [4][8]", [2, 3, 4, 0]),
    ("[1, 2, 3, 4] >> 1 : [4][8]", [0, 1, 2, 3]),
    ("[1, 2, 3, 4] <<< 1 : [4][8]", [2, 3, 4, 1]),
    ("[1, 2, 3, 4] >>> 1 : [4][8]", [4, 1, 2, 3]),
    ("[1, 2] < ([1, 3] : [2][8])", True),  # lexicographic
    ("[2, 0] < ([1, 3] : [2][8])", False),
    ("(1, 2) < ((1, 1) : ([8], [8]))", False),
    ("(1, 2) == (1, 2 : [8])", True),
    ("~(0x0f, True)", (0xF0, False)),
    ("zero : ([3], [2][4], Bit)", (0, [0, 0], False)),
    ("(zero : [4] -> [8]) 3", 0),
    ("((+) : [8] -> [8] -> [8]) 2 3", 5),
    ("((\\x -> x + 1) + (\\x -> x * 2) : [8] -> [8]) 5", 16),
    ("[ (x, y) | x <- [1 .. 2] | y <- [10 ...] ] : [2]([8], [8])", [(1, 10), (2, 11)]),
    ("[ x + y | x <- [1 .. 2], y <- [10, 20] ] : [4][8]", [11, 21, 12, 22]),
    ("[ x | x <- [1 .. 5] | _ <- [1 .. 2] ] : [2][8]", [1, 2]),
    ("[ a | (a, _) <- [(1, True), (2, False)] ] : [2][8]", [1, 2]),
    ("[ [a, b] | [a, b] <- [[1, 2], [3, 4]] ] : [2][2][8]", [[1, 2], [3, 4]]),
    ("[ i | i : [2] <- [0 .. 3] ]", [0, 1, 2, 3]),
    ("[ y | x <- [1, 2 : [8]], y <- [x, x + 10] ]", [1, 11, 2, 12]),
    ("[10, 8 .. 0] : [6][8]", [10, 8, 6, 4, 2, 0]),
    ("take`{3} [0xfe ...]", [0xFE, 0xFF, 0x00]),
    ("take`{3} [1, 4 ...] : [3][8]", [1, 4, 7]),
    ("[1, 2, 3] @@ [2, 0] : [2][8]", [3, 1]),
    ("[1, 2, 3] !! [0] : [1][8]", [3]),
    ("[1, 2, 3] @ (1 : Integer) : [8]", 2),
    ("update [1, 2, 3] 1 9 : [3][8]", [1, 9, 3]),
    ("updateEnd [1, 2, 3] 0 9 : [3][8]", [1, 2, 9]),
    ("updates [1, 2, 3] [0, 2] [7, 8] : [3][8]", [7, 2, 8]),
    ("splitAt`{1} [1, 2, 3] : ([1][8], [2][8])", ([1], [2, 3])),
    ("transpose [[1, 2], [3, 4]] : [2][2][8]", [[1, 3], [2, 4]]),
    ("transpose [0b10, 0b01]", [0b10, 0b01]),
    ("join [[1, 2], [3]] : [3][8]", None),
]


@pytest.mark.parametrize("expr,expected", [s for s in SEQUENCES if s[1] is not None],
                         ids=[s[0] for s in SEQUENCES if s[1] is not None])
def test_sequences_and_lifting(expr: str, expected: object) -> None:
    assert value(expr) == expected


PRELUDE = [
    ("foldl (\\a b -> a + b) 0 [1 .. 10] : [8]", 55),
    ("foldl' (-) 100 [1, 2] : [8]", 97),
    ("foldr (\\a b -> a - b) 0 [10, 3] : [8]", 7),
    ("scanl (+) 0 [1, 2, 3] : [4][8]", [0, 1, 3, 6]),
    ("scanr (+) 0 [1, 2, 3] : [4][8]", [6, 5, 3, 0]),
    ("take`{3} (iterate (\\x -> x * 2) 1) : [3][8]", [1, 2, 4]),
    ("map (\\x -> x * x) [1, 2, 3] : [3][8]", [1, 4, 9]),
    ("zip [1, 2] [True, False] : [2]([8], Bit)", [(1, True), (2, False)]),
    ("zipWith (+) [1, 2] [3, 4] : [2][8]", [4, 6]),
    ("all (\\x -> x > 0) [1, 2, 3 : [8]]", True),
    ("any (\\x -> x > 2) [1, 2, 3 : [8]]", True),
    ("elem 4 [1, 2, 3 : [8]]", False),
    ("sum [1, 2, 3] : [8]", 6),
    ("product [2, 3, 4] : Integer", 24),
    ("head [4, 5, 6] : [8]", 4),
    ("tail [4, 5, 6] : [2][8]", [5, 6]),
    ("last [4, 5, 6] : [8]", 6),
    ("repeat`{3} 0xa", [0xA, 0xA, 0xA]),
    ("repeat`{4} True", 0xF),
    ("length [1, 2, 3] : [8]", 3),
    ("min 3 (4 : [8])", 3),
    ("max (1, 2) ((1, 3) : ([8], [8]))", (1, 3)),
    ("abs (-3 : Integer)", 3),
    ("generate (\\i -> i * 2) : [4][8]", [0, 2, 4, 6]),
    ("infFrom 3 @ 2 : [8]", 5),
    ("infFromThen 3 5 @ 2 : Integer", 7),
    ("fromTo`{1, 4} : [4][8]", [1, 2, 3, 4]),
    ("fromThenTo`{10, 7, 1} : [4][8]", [10, 7, 4, 1]),
    ("fromToLessThan`{1, 4} : [3][8]", [1, 2, 3]),
    ("number`{5} : [8]", 5),
    ("pmult 0x3 0x3", 0b101),
    ("pmod (pmult 0x57 0x83) <| x^^8 + x^^4 + x^^3 + x + 1 |>", 0xC1),  # FIPS-197 4.2
    ("pdiv 0x5 0x3", 0x3),
    ("(10 : Integer) / 3", 3),
    ("(-7 : Integer) / 2", -4),
    ("(-7 : Integer) % 2", 1),
    ("(2 : Integer) ^^ 100", 2**100),
    ("True ==> False", False),
    ("False ==> (1 / 0 == (1 : [8]))", True),  # the right operand is not evaluated
    ("False /\\ (1 / 0 == (1 : [8]))", False),
    ("True \\/ (1 / 0 == (1 : [8]))", True),
]


@pytest.mark.parametrize("expr,expected", PRELUDE, ids=[p[0] for p in PRELUDE])
def test_prelude(expr: str, expected: object) -> None:
    assert value(expr) == expected


def test_control_and_binding_forms() -> None:
    assert value("case Some 3 of\n  Some x -> x + 1 : [8]\n  None -> 0") == 4
    assert value("case (None : Option [8]) of\n  Some x -> x\n  _ -> 7") == 7
    assert value("case True of\n  False -> 0 : [8]\n  True -> 1") == 1
    assert value("(\\x y -> x * y) 6 7 : [8]") == 42
    assert value("(\\(a, b) [c, d] -> a + b + c + d) (1, 2) [3, 4] : [8]") == 10
    assert value("if 1 > (2 : [8]) then 1 else 2 : [8]") == 2
    assert value("f 3", "f : [8] -> [8]\nf x = y + z\n  where\n    y = x * 2\n    (z, _) = (y + 1, undefined)") == 13
    assert value("g", "g : [3][8]\ng = [a, b, c] where [a, b, c] = reverse [1, 2, 3]") == [3, 2, 1]
    assert value("f (Some 2)", "f : Option [8] -> [8]\nf o = case o of\n  Some v -> v\n  None -> 0") == 2


def test_laziness_of_bindings_and_branches() -> None:
    assert value("x where x = if True then 1 else error \"not evaluated\" : [8]") == 1
    assert value("fst (1 : [8], undefined : [8])", "fst (a, b) = a") == 1
    assert value("[[1], undefined] @ 0 : [1][8]") == [1]  # non-scalar elements stay lazy


def test_strings_and_unicode_free_chars() -> None:
    assert value('"abc" == [0x61, 0x62, 0x63]') is True
    assert value("'\\n'") == 10


def _gf_mult(a: int, b: int) -> int:
    r = 0
    for _ in range(8):
        if b & 1:
            r ^= a
        b >>= 1
        a = ((a << 1) ^ 0x11B) if a & 0x80 else a << 1
    return r


def test_inventory_features_together() -> None:
    from cryptol_sem_helpers import fixture

    from crux_py.errors import CryptolEvalError

    m = fixture("Kitchen.cry")
    assert [p.check() for p in m.properties()] == [True, True, True]
    assert m.mult(0x57, 0x83) == _gf_mult(0x57, 0x83) == 0xC1
    sbox = m.sbox()
    assert sbox[0] == 0 and all(_gf_mult(b, sbox[b]) == 1 for b in range(1, 256))
    assert m.rows([[1, 2, 3, 4]] * 4) == [[1, 2, 3, 4], [2, 3, 4, 1], [3, 4, 1, 2], [4, 1, 2, 3]]
    assert m.parseHex(b"00ff7a") == [0x00, 0xFF, 0x7A]
    with pytest.raises(CryptolEvalError, match="not a hex digit"):
        m.parseHex(b"0g")
    words = [int.from_bytes(bytes(range(16))[4 * i:4 * i + 4], "big") for i in range(4)]
    for i in range(4, 44):
        prev = words[i - 1]
        if i % 4 == 0:
            prev = (((prev << 8) | (prev >> 24)) & 0xFFFFFFFF) ^ 0x01000000
        words.append(words[i - 4] ^ prev)
    assert m.keyWords(list(range(16))) == words
    assert m.compose(3) == sbox[sbox[3]]
