"""Whole modules written in the style of the public specs parse to the expected structure."""

from __future__ import annotations


from cryptol_parse_samples import CHACHA, SHA2_FUNCTOR, SHA256_INSTANCE, SHA256_TESTS
from cryptol_parse_show import show

from crux_py.cryptol import syntax as S
from crux_py.cryptol.parser import parse_module


def by_name(m: S.Module) -> dict[str, list[S.TopDecl]]:
    out: dict[str, list[S.TopDecl]] = {}
    for top in m.decls:
        d = top.decl
        for name in (d.names if isinstance(d, S.Signature) else (getattr(d, "name", None) or "<pattern>",)):
            out.setdefault(name, []).append(top)
    return out


def binding(m: S.Module, name: str) -> S.Binding:
    found = [t.decl for t in by_name(m)[name] if isinstance(t.decl, S.Binding)]
    assert len(found) == 1
    return found[0]


def test_chacha_like_module() -> None:
    m = parse_module(CHACHA, "Test/ChaCha.cry")
    assert (m.name, m.imports, m.params, m.instance_of) == ("Test::ChaCha", (), (), None)
    names = by_name(m)
    assert [show(t.decl) for t in names["State"]] == ["type State = [16][32]"]

    sig = names["quarterRound"][0].decl
    assert isinstance(sig, S.Signature) and sig.doc == "The quarter round on four words (RFC 8439, 2.1)."
    qr = binding(m, "quarterRound")
    assert isinstance(qr.params[0], S.PSeq) and len(qr.params[0].items) == 4
    assert isinstance(qr.body, S.Where) and len(qr.body.decls) == 8  # `;` and layout separators
    assert show(qr.body.decls[1]) == "d1 = (<<< (^ d a1) 16)"

    cr = binding(m, "columnRound")
    assert isinstance(cr.params[0], S.PSeq) and len(cr.params[0].items) == 16
    assert isinstance(cr.body, S.Where)
    assert all(isinstance(d, S.PatternBinding) for d in cr.body.decls) and len(cr.body.decls) == 4

    ks = binding(m, "keystream")
    assert show(ks) == "keystream key nonce start = ((take`{n} (join blocks)) where blocks = " \
                       "[(block key c nonce) | c <- [start ...]])"
    ks_sig = names["keystream"][0].decl
    assert isinstance(ks_sig, S.Signature) and show(ks_sig.schema).startswith("{n} ((fin n)) =>")

    privates = {name for name, tops in names.items() if all(t.private for t in tops)}
    assert privates == {"littleEndianWords", "iterate", "counters", "firstWords", "evens"}
    assert show(binding(m, "firstWords")) == "firstWords = (@@ counters ([0 .. 3] : [4][8]))"
    assert show(binding(m, "evens")) == "evens = [0, 2 .. 14]"
    assert show(binding(m, "counters")) == "counters = [0, 1 ...]"
    assert show(binding(m, "iterate")) == "iterate f x = (# [x] [(f v) | v <- (iterate f x)])"

    vector = binding(m, "quarterRoundVector")
    assert vector.is_property and vector.params == () and vector.doc == "RFC 8439, 2.1.1."
    inv = binding(m, "encryptInvolutive")
    assert inv.is_property and [show(p) for p in inv.params] == ["key", "nonce", "(msg : [64][8])"]
    assert not [t for t in m.decls if t.private and getattr(t.decl, "is_property", False)]


def test_sha2_like_functor() -> None:
    m = parse_module(SHA2_FUNCTOR, "Test/SHA2Like.cry")
    assert [show(p) for p in m.params] == [
        "type w : #", "type constraint ((fin w), (== (% w 32) 0), (>= 64 w))",
        "type DigestSize : #", "type constraint ((fin DigestSize), (>= (* 8 w) DigestSize))", "H0 : [8][w]"]
    assert isinstance(m.params[-1], S.Signature) and m.params[-1].doc == "Initial hash value."

    hash_ = binding(m, "hash")
    assert isinstance(hash_.body, S.Where)
    (digests,) = hash_.body.decls
    assert isinstance(digests, S.Binding)
    comp = digests.body
    assert isinstance(comp, S.App) and isinstance(comp.arg, S.Comprehension)
    head, branches = comp.arg.head, comp.arg.branches
    assert isinstance(head, S.Where) and [show(d) for d in head.decls] == [
        "Hnext = [(+ x y) | x <- H | y <- (compress H (schedule Mi))]"]
    assert [[show(g) for g in b] for b in branches] == [["Mi <- (blocks (pad M))"], ["H <- digests"]]

    sigma0 = binding(m, "Sigma0")
    assert isinstance(sigma0.body, S.Guarded)
    assert [show(g.props[0]) for g in sigma0.body.guards] == ["(== w 32)", "(== w 64)"]
    k = binding(m, "K")
    assert k.params == () and isinstance(k.body, S.Guarded) and len(k.body.guards) == 2

    schedule = binding(m, "schedule")
    assert isinstance(schedule.body, S.Where)
    local_sig, w_def = schedule.body.decls[:2]
    assert show(local_sig) == "W : [inf][w]"
    assert isinstance(w_def, S.Binding) and isinstance(w_def.body, S.App)
    stream = w_def.body.arg
    assert isinstance(stream, S.Comprehension) and len(stream.branches) == 4
    assert show(stream.branches[3][0]) == "w2 <- (drop`{14} W)"

    step = binding(m, "step")
    assert isinstance(step.body, S.Where)
    assert show(step.body.decls[0]) == "type Pair = ([w], [w])"
    assert show(binding(m, "pad")) == "pad M = (# M (# 1:1 (# zero (`l : [LengthBits]))))"
    assert show(binding(m, "paddedLength")) == \
        "property paddedLength = (== (length (pad`{24} zero)) `(* (NumBlocks 24) BlockSize))"
    privates = sorted({name for name, tops in by_name(m).items() if all(t.private for t in tops)})
    assert privates == ["Ch", "Maj", "majIsSymmetric", "paddedLength"]
    synonyms = [show(t.decl) for t in m.decls if isinstance(t.decl, (S.TypeSynonym, S.ConstraintSynonym))]
    assert "type constraint ValidLength L = ((<= (width L) LengthBits))" in synonyms
    assert "type NumBlocks L = (/^ (+ (+ L 1) LengthBits) BlockSize)" in synonyms


def test_instantiation_and_test_modules() -> None:
    inst = parse_module(SHA256_INSTANCE, "Test/SHA256Like.cry")
    assert (inst.name, inst.instance_of) == ("Test::SHA256Like", "Test::SHA2Like")
    assert [show(d) for d in inst.decls][:2] == ["type w = 32", "type DigestSize = 256"]
    h0 = binding(inst, "H0").body
    assert isinstance(h0, S.SeqLit) and len(h0.items) == 8
    assert all(isinstance(i, S.Lit) and i.width == 32 for i in h0.items)

    tests = parse_module(SHA256_TESTS, "Test/SHA256LikeTests.cry")
    assert [(i.module, i.alias) for i in tests.imports] == [("Test::SHA256Like", "SHA256")]
    abc = binding(tests, "abc").body
    assert isinstance(abc, S.App) and isinstance(abc.arg, S.Lit) and abc.arg.width == 256
    assert show(binding(tests, "empty")) == "property empty = (!= (SHA256::hash`{l=0} []) zero)"


def test_large_modules_parse() -> None:
    lines = ["module Big where", "import Test::SHA256Like as SHA256", ""]
    for i in range(400):
        lines += [f"property t{i} = SHA256::hash `{{ l = 512 }} msg == md", "  where",
                  f"    msg = 0x{i:0128x}", f"    md = 0x{i * 7:064x}", ""]
    m = parse_module("\n".join(lines), "big.cry")
    assert len(m.decls) == 400
