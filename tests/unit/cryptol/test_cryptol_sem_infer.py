"""Size and type inference: backwards sizing, schemes, guards, type-level recursion, defaulting."""

from __future__ import annotations

import pytest
from cryptol_sem_helpers import call, type_error, value

from crux_py.cryptol.elaborate import scheme_of
from crux_py.cryptol.pyapi import cryptol_fn
from crux_py.cryptol.types import show_ty
from crux_py.errors import CryptolTypeError


def test_take_of_a_join_is_sized_by_how_its_result_is_used() -> None:
    # Salsa20-style: the keystream `s` gets its length only from `m ^ s`; the width of `i`
    # only from `split i : [2][8]`.
    src = """
enc : {n} (fin n) => [n][8] -> [n][8]
enc m = m ^ s
  where s = take (join [ split (i * 0x0101) : [2][8] | i <- [0, 1 ...] ])
"""
    assert call(src, "enc", [1, 2, 3, 4, 5]) == [1 ^ 0, 2 ^ 0, 3 ^ 1, 4 ^ 1, 5 ^ 2]


def test_a_size_fixed_only_by_the_other_operand_of_equality() -> None:
    # ChaCha-style: `encrypt zero zero == [...]` fixes the message length to 3.
    src = """
enc : {n} (fin n) => [8] -> [n][8] -> [n][8]
enc k m = [ x ^ k | x <- m ]
t = enc 1 zero == [1, 1, 1]
"""
    assert call(src, "t") is True


def test_schema_equalities_define_type_variables() -> None:
    src = """
f : {m, b, r} (fin m, b == m / 16, r == m - b * 16) => [m][8] -> ([b][16][8], [r][8])
f xs = (split (take`{b * 16} xs), drop`{b * 16} xs)
"""
    blocks, rest = call(src, "f", list(range(40)))
    assert blocks == [list(range(16)), list(range(16, 32))] and rest == list(range(32, 40))


def test_typed_patterns_bind_scoped_type_variables() -> None:
    src = """
rev : {n} (fin n, n >= 1) => [n][8] -> [n][8]
rev (p : [a + 1]_) = [ p @ i | i <- [a, a - 1 .. 0] ]
"""
    assert call(src, "rev", [1, 2, 3]) == [3, 2, 1]
    assert call("len (xs : [k][8]) = `k : [8]", "len", [5, 6, 7, 8]) == 4


def test_named_and_positional_type_application() -> None:
    src = "h : {l, w} (fin l, fin w) => [l] -> [w] -> [l + w]\nh a b = a # b"
    assert value("h`{l = 4} (take 0x00) 0b1", src) == 1
    assert value("h`{3, 2} 0 3", src) == 3
    assert value("h`{_, 1} 0x3 0b0", src) == 6


def test_guards_choose_by_size_and_recurse_at_the_type_level() -> None:
    # 80 levels of type-level recursion (SHA-1 style `mix`{t + 1}`).
    src = """
sumTo : {t} (fin t, t <= 80) => [32] -> [32]
sumTo acc
  | t < 80 => sumTo`{t + 1} (acc + `t)
  | t == 80 => acc + `t
"""
    assert value("sumTo`{0} 0", src) == sum(range(81))
    assert value("sumTo`{79} 1", src) == 1 + 79 + 80
    guarded_constant = """
K : {w} (fin w, w >= 1) => [w]
K | w == 32 => 0x428a2f98
  | w == 64 => 0x428a2f98d728ae22
  | w < 8 => 0
"""
    assert value("(K`{32}, K`{64}, K`{3})", guarded_constant) == (0x428A2F98, 0x428A2F98D728AE22, 0)
    err = type_error(guarded_constant + "\nbad = K`{16}", "bad")
    assert "no constraint guard of `K` holds for w = 16" in err.message


def test_local_and_parameterised_type_synonyms_and_constraint_synonyms() -> None:
    src = """
type constraint Small n = (fin n, n <= 64)
type Pad n = [n %^ 16][8]
padding : {n} (Small n) => [n][8] -> Pad n
padding _ = zero
f : {m} (fin m) => [m][8] -> [8]
f xs = if `rem == 0 then 0 else 1 where type rem = m % 16
"""
    assert len(call(src, "padding", [1, 2, 3])) == 13
    assert value("(f [1, 2], f (zero : [16][8]))", src) == (1, 0)
    err = type_error(src + "\nbig = padding (zero : [65][8])", "big")
    assert "constraint `65 <= 64` does not hold" in err.message


def test_signatures_without_braces_quantify_their_free_variables() -> None:
    fn = cryptol_fn("swap : ([n], [m]) -> ([m], [n])\nswap (a, b) = (b, a)")
    assert [tp.name for tp in scheme_of(fn.defn).tparams] == ["n", "m"]
    with pytest.raises(CryptolTypeError, match=r"cannot determine size `n` of `swap`.*instantiate\(n=\.\.\.\)"):
        fn((1, 2))  # ints do not say how wide the words are
    assert fn.instantiate(n=4, m=8)((1, 2)) == (2, 1)


def test_definitions_without_signatures_are_generalised() -> None:
    src = "twice f x = f (f x)\ninc x = x + 1\nt = (twice inc (1 : [8]), twice inc (1 : Integer), twice (\\b -> ~b) True)"
    assert call(src, "t") == (3, 3, True)
    scheme = scheme_of(cryptol_fn(src, "twice").defn)
    assert show_ty(scheme.ty) == "(a0 -> a0) -> a0 -> a0"


def test_local_bindings_are_monomorphic() -> None:
    err = type_error("t = (f (1 : [8]), f (1 : [16])) where f x = x")
    assert "type mismatch" in err.message


def test_literals_default_to_integer_and_sizes_to_their_bound() -> None:
    assert value("[1, 2, 3] == [1, 2, 3]") is True
    assert value("[0 .. 10]") == list(range(11))
    assert value("x == 1000000000000000000000", "x = 10 ^^ 21") is True
    assert value("(x : [8], x : Integer)", "x = 5") == (5, 5)


def test_wildcards_in_annotations_and_signatures() -> None:
    assert value("([1 ...] : [_][8]) @ 3") == 4
    assert value("f [1, 2, 3]", "f : [3][8] -> [_]\nf xs = join xs") == 0x010203


def test_enumerations_have_type_level_bounds() -> None:
    assert value("[10, 8 .. 0] : [6][8]") == [10, 8, 6, 4, 2, 0]
    assert value("[1 .. n]", "type n = 4") == [1, 2, 3, 4]
    assert value("length ([2 .. 9] : [_][4]) : [8]") == 8


def test_demotion_checks_the_width_of_its_type() -> None:
    assert value("(`(2 ^^ 10) : Integer)") == 1024
    err = type_error("x : [8]\nx = `300")
    assert "literal 300 does not fit in [8]" in err.message


def test_split_of_an_infinite_stream_sized_through_transpose_and_take() -> None:
    # AES key-expansion shape: `[ transpose g | g <- split ws ]` gets `each` from `transpose g`.
    src = "ks : [3][2][2][8]\nks = take`{3} [ transpose g | g <- split ws ]\n  where ws = [ [i, i + 1] | i <- [0, 2 ...] ]"
    assert call(src, "ks") == [[[0, 2], [1, 3]], [[4, 6], [5, 7]], [[8, 10], [9, 11]]]


def test_enumeration_indices_default_to_integer() -> None:
    # SHA-1 style: `W @ (t - 3)` with `t <- [16 .. 79]` needs no width for t.
    src = "f : [4][8] -> [3][8]\nf xs = [ xs @ (t - 1) ^ xs @ t | t <- [1 .. 3] ]"
    assert call(src, "f", [1, 2, 4, 8]) == [3, 6, 12]
