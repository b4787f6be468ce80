"""Cryptol modules, declarations, patterns and types: the rows of inventory §3, §4 and §6.2."""

from __future__ import annotations

import pytest
from cryptol_parse_show import show

from crux_py.cryptol import syntax as S
from crux_py.cryptol.parser import parse_decls, parse_module


def decls(text: str) -> list[str]:
    return [show(d) for d in parse_decls(text, "decls.cry")]


def module(text: str) -> S.Module:
    return parse_module(text, "mod.cry")


# ---- §3 module system --------------------------------------------------------------------------------


def test_module_header_with_qualified_name() -> None:
    m = module("module Primitive::Symmetric::Cipher::Stream::chacha20 where\nx = 1\n")
    assert m.name == "Primitive::Symmetric::Cipher::Stream::chacha20"
    assert m.instance_of is None and m.params == () and [show(d) for d in m.decls] == ["x = 1"]
    assert (m.span.line, m.span.end_line) == (1, 2)


def test_instantiation_module() -> None:
    m = module("module SHA256 = Primitive::Keyless::Hash::SHA2::Specification where\n\n"
               "type w = 32\ntype DigestSize = 256\nH0 = [0x6a09e667]\n")
    assert (m.name, m.instance_of) == ("SHA256", "Primitive::Keyless::Hash::SHA2::Specification")
    assert [show(d) for d in m.decls] == ["type w = 32", "type DigestSize = 256", "H0 = [1779033703:32]"]


def test_imports_plain_and_qualified() -> None:
    m = module("module AES where\nimport Common::OptionUtils\nimport Common::GF28 as GF28\n"
               "private type GF28 = GF28::GF28\nf = GF28::inverse\n")
    assert [(i.module, i.alias) for i in m.imports] == [("Common::OptionUtils", None), ("Common::GF28", "GF28")]
    assert m.imports[1].span.line == 3
    assert [show(d) for d in m.decls] == ["private type GF28 = GF28::GF28", "f = GF28::inverse"]


def test_parameter_block() -> None:
    m = module("module SHA2 where\nparameter\n  /** Word size. */\n  type w : #\n"
               "  type constraint (fin w, w % 32 == 0)\n  type T : *\n  /** Initial value. */\n  H0 : [8][w]\n"
               "f = H0\n")
    assert [show(p) for p in m.params] == [
        "type w : #", "type constraint ((fin w), (== (% w 32) 0))", "type T : *", "H0 : [8][w]"]
    sig = m.params[3]
    assert isinstance(sig, S.Signature) and sig.doc == "Initial value."
    assert [show(d) for d in m.decls] == ["f = H0"]


def test_private_block_and_inline_private() -> None:
    m = module("module C where\nsboxTable : [256][8]\nprivate sboxTable = zero\n"
               "allTestsPass = and [t1]\nprivate\n  t1 = True\n  property p = t1\nlast = 1\n")
    assert [(show(d.decl), d.private) for d in m.decls] == [
        ("sboxTable : [256][8]", False), ("sboxTable = zero", True), ("allTestsPass = (and [t1])", False),
        ("t1 = True", True), ("property p = t1", True), ("last = 1", False)]


def test_docstrings_attach_to_signatures_and_bindings() -> None:
    m = module("module D where\n/** The sig. */\nf : [8]\n/** The def.\n * Two lines. */\nf = 1\n"
               "/** dropped: types have no doc field */\ntype T = [8]\n")
    f_sig, f_def, _ = (d.decl for d in m.decls)
    assert isinstance(f_sig, S.Signature) and f_sig.doc == "The sig."
    assert isinstance(f_def, S.Binding) and f_def.doc == "The def.\nTwo lines."


# ---- §4 declarations ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("f : [8] -> [8]", "f : ([8] -> [8])"),
    ("f, g : [8]", "f, g : [8]"),
    ("stream : {n} (fin n) => [n][8]", "stream : {n} ((fin n)) => [n][8]"),
    ("f : {N} () => [N]", "f : {N} [N]"),
    ("f : {m} (fin m, 64 >= width m, m >= 1) => [m][8]",
     "f : {m} ((fin m), (>= 64 (width m)), (>= m 1)) => [m][8]"),
    ("h : {l} (ValidMessageLength (8 * l)) => [l][8] -> [160]",
     "h : {l} ((ValidMessageLength (* 8 l))) => ([l][8] -> [160])"),
    ("f : {m, fb, rem} (fin m, fb == m/16, rem == m - fb*16) => [m][8] -> [_][136]",
     "f : {m, fb, rem} ((fin m), (== fb (/ m 16)), (== rem (- m (* fb 16)))) => ([m][8] -> [_][136])"),
    ("f : {a} fin a => [a]", "f : {a} ((fin a)) => [a]"),
    ("f : {a, b} (fin a) => (fin b) => [a][b]", "f : {a, b} ((fin a), (fin b)) => [a][b]"),
    ("f : {n : #, a : *} [n]a", "f : {n, a} [n]a"),
    ("f : (a -> b) -> [n]a -> [n]b", "f : ((a -> b) -> ([n]a -> [n]b))"),
    ("f : ([8], Bit) -> Bool", "f : (([8], Bit) -> Bool)"),
    ("f : [inf][32]", "f : [inf][32]"),
    ("f : [4][4]GF28", "f : [4][4]GF28"),
    ("f : [4]GF28::GF28", "f : [4]GF28::GF28"),
    ("f : Option ([16][8])", "f : (Option [16][8])"),
    ("f : Pair [16] Bit", "f : (Pair [16] Bit)"),
    ("f : [n]Option a", "f : [n](Option a)"),
    ("optFold : b -> (a -> b) -> Option a -> b", "optFold : (b -> ((a -> b) -> ((Option a) -> b)))"),
    ("f : [NumBlocks l * BlockSize]", "f : [(* (NumBlocks l) BlockSize)]"),
    ("f : [n %^ 16][8]", "f : [(%^ n 16)][8]"),
    ("f : [(L + 1 + 64) /^ 512]", "f : [(/^ (+ (+ L 1) 64) 512)]"),
    ("f : [2 ^^ 8 - 1]", "f : [(- (^^ 2 8) 1)]"),
    ("f : [lg2 n + min a b + max 1 c]", "f : [(+ (+ (lg2 n) (min a b)) (max 1 c))]"),
    ("f : (48 + w / 2 >= 8) => [w]", "f : ((>= (+ 48 (/ w 2)) 8)) => [w]"),
    ("f : ()", "f : ()"),
])
def test_signatures_and_types(text: str, expected: str) -> None:
    assert decls(text) == [expected]


def test_multi_line_signature() -> None:
    assert decls("ChaCha20 : {n}\n           (fin n, 32 >= width n)\n        => [256] -> [n][8]\n"
                 "ChaCha20 = undefined\n") == [
        "ChaCha20 : {n} ((fin n), (>= 32 (width n))) => ([256] -> [n][8])", "ChaCha20 = undefined"]


def test_type_nodes() -> None:
    (sig,) = parse_decls("f : [4][n + 1]Bit -> [inf]_")
    assert isinstance(sig, S.Signature)
    fun = sig.schema.type
    assert isinstance(fun, S.TFun)
    arg, res = fun.arg, fun.result
    assert isinstance(arg, S.TSeq) and isinstance(arg.length, S.TNum) and arg.length.value == 4
    assert isinstance(arg.elem, S.TSeq) and isinstance(arg.elem.length, S.TApp) and isinstance(arg.elem.elem, S.TBit)
    assert isinstance(res, S.TSeq) and isinstance(res.length, S.TInf) and isinstance(res.elem, S.TWild)


@pytest.mark.parametrize("text,expected", [
    ("type Round = [16][32]", "type Round = [16][32]"),
    ("type NumBlocks L = (L + 1 + LengthBits) /^ BlockSize",
     "type NumBlocks L = (/^ (+ (+ L 1) LengthBits) BlockSize)"),
    ("type Pair a b = (a, b)", "type Pair a b = (a, b)"),
    ("type KeySize' = 128", "type KeySize' = 128"),
    ("type constraint ValidMessageLength l = (l < 2 ^^ 64)",
     "type constraint ValidMessageLength l = ((< l (^^ 2 64)))"),
    ("type constraint V L = width L <= MessageUpperBound", "type constraint V L = ((<= (width L) MessageUpperBound))"),
    ("type constraint Both a b = (fin a, fin b)", "type constraint Both a b = ((fin a), (fin b))"),
])
def test_type_and_constraint_synonyms(text: str, expected: str) -> None:
    assert decls(text) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("qround [ a0, b0, c0, d0 ] = a0", "qround [a0, b0, c0, d0] = a0"),
    ("f (a, b, c, d, e) w = a", "f (a, b, c, d, e) w = a"),
    ("inversePermutation (perms:[a+1]_) = perms", "inversePermutation (perms : [(+ a 1)]_) = perms"),
    ("g (AAD : [n][8]) (CT : [m][8]) _ = AAD", "g (AAD : [n][8]) (CT : [m][8]) _ = AAD"),
    ("h [] () = 0", "h [] () = 0"),
    ("x = 1", "x = 1"),
    ("[ y0, y4 ] = qround [ x0, x4 ]", "[y0, y4] = (qround [x0, x4])"),
    ("[ c12 ] = [ c ]", "[c12] = [c]"),
    ("(h0, h1) = foldl f (a, b) xs", "(h0, h1) = (foldl f (a, b) xs)"),
    ("_ = 1", "_ = 1"),
    ("property quarterroundInverts y y' = y != y' ==> f y != f y'",
     "property quarterroundInverts y y' = (==> (!= y y') (!= (f y) (f y')))"),
    ("property allTestsPass = and [t1, t2]", "property allTestsPass = (and [t1, t2])"),
    ("f x = y where\n  y : [8]\n  y = x\n  g z = z\n  type T = [8]\n  [a, b] = split y",
     "f x = (y where y : [8]; y = x; g z = z; type T = [8]; [a, b] = (split y))"),
])
def test_bindings_patterns_and_properties(text: str, expected: str) -> None:
    assert decls(text) == [expected]


def test_property_flag_and_params() -> None:
    (prop,) = parse_decls("property inv (x : [8]) y = x == y")
    assert isinstance(prop, S.Binding) and prop.is_property and prop.name == "inv"
    assert [type(p).__name__ for p in prop.params] == ["PTyped", "PVar"]


def test_constraint_guards_on_functions_and_constants() -> None:
    src = ("f x y z\n  | t <= 19 => (x && y) ^ (~x && z)\n  | t <= 39, t > 19 => x ^ y ^ z\n"
           "K | t <= 19 => 0x5a827999\n  | t > 19 => 0x6ed9eba1\n"
           "mix h W\n  | t < 79 => mix `{t + 1} (step h W) W\n  | t == 79 => h\n"
           "g | () => 1\n")
    f, k, mix, g = parse_decls(src)
    assert show(f) == "f x y z | (<= t 19) => (^ (&& x y) (&& (~ x) z)) | (<= t 39), (> t 19) => (^ (^ x y) z)"
    assert show(k) == "K | (<= t 19) => 1518500249:32 | (> t 19) => 1859775393:32"
    assert show(mix) == "mix h W | (< t 79) => (mix`{(+ t 1)} (step h W) W) | (== t 79) => h"
    assert isinstance(f, S.Binding) and isinstance(f.body, S.Guarded) and len(f.body.guards) == 2
    assert isinstance(g, S.Binding) and isinstance(g.body, S.Guarded) and g.body.guards[0].props == ()
    assert (f.body.span.line, f.body.span.end_line) == (2, 3)


def test_declaration_spans() -> None:
    sig, bind = parse_decls("f : [8]\nf x = x\n  + 1\n", "sp.cry")
    assert (sig.span.file, sig.span.line, sig.span.col, sig.span.end_col) == ("sp.cry", 1, 0, 7)
    assert (bind.span.line, bind.span.end_line, bind.span.end_col) == (2, 3, 5)


def test_parse_decls_flattens_private_and_keeps_order() -> None:
    assert decls("a = 1\nprivate\n  b = 2\nc = 3\n") == ["a = 1", "b = 2", "c = 3"]
