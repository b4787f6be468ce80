"""The Python interface: conversions, instance resolution, properties, inline Cryptol."""

from __future__ import annotations

import subprocess
import sys

import pytest
from cryptol_sem_helpers import SPECS, fixture

from crux_py.cryptol.ctype import CBit, CInteger, COption, CSeq, CTuple, CWord
from crux_py.cryptol.pyapi import cryptol_fn, load_cryptol
from crux_py.errors import CryptolEvalError, CryptolTypeError
from crux_py.term.concrete import evaluate
from crux_py.term.context import TermContext

SRC = """
add : [8] -> [8] -> [8]
add a b = a + b

pairs : [3]([8], Bit) -> ([3][8], [3])
pairs ps = ([ a | (a, _) <- ps ], [ b | (_, b) <- ps ])

rev : {n} (fin n) => [n][8] -> [n][8]
rev xs = reverse xs

widen : {n} (fin n, n <= 32) => [n] -> [32]
widen x = zext x

nats : [inf][8]
nats = [0 ...]

safeDiv : [8] -> [8] -> Option [8]
safeDiv a b = if b == 0 then None else Some (a / b)

orZero : Option [8] -> [8]
orZero o = case o of
  Some v -> v
  None -> 0

big : Integer -> Integer
big x = x * x
"""


def test_arguments_are_converted_by_parameter_type() -> None:
    add = cryptol_fn(SRC, "add")
    assert add(250, 10) == 4
    with pytest.raises(ValueError, match=r"argument `a` of `add`: 256 does not fit in \[8\]"):
        add(256, 1)
    with pytest.raises(ValueError, match=r"argument `b` of `add`: -1 does not fit"):
        add(1, -1)
    with pytest.raises(TypeError, match="cannot pass a str"):
        add(1, "x")
    with pytest.raises(TypeError, match=r"argument `a` of `add`\[0\]|expected an int"):
        cryptol_fn(SRC, "add").resolve([8, 8]).call_concrete([1], 2)
    assert cryptol_fn(SRC, "pairs")([(1, True), (2, False), (3, True)]) == ([1, 2, 3], 0b101)
    assert cryptol_fn(SRC, "rev")(b"abc") == [99, 98, 97]  # bytes for [k][8]
    assert cryptol_fn(SRC, "rev")((1, 2)) == [2, 1]  # tuples are accepted for sequences
    assert cryptol_fn(SRC, "big")(10**20) == 10**40
    with pytest.raises(TypeError, match="takes 2 argument"):
        add(1)


def test_sizes_come_from_arguments_or_instantiate() -> None:
    rev = cryptol_fn(SRC, "rev")
    assert rev([1, 2, 3, 4, 5]) == [5, 4, 3, 2, 1]
    widen = cryptol_fn(SRC, "widen")
    with pytest.raises(CryptolTypeError, match=r"cannot determine size `n` of `widen`.*widen.instantiate\(n=...\)"):
        widen(5)
    assert widen.instantiate(n=4)(15) == 15
    with pytest.raises(ValueError, match="does not fit in \\[4\\]"):
        widen.instantiate(n=4)(16)
    with pytest.raises(CryptolTypeError, match="constraint `40 <= 32` does not hold"):
        widen.instantiate(n=40)(1)
    with pytest.raises(ValueError, match="has no type parameter `m`"):
        widen.instantiate(m=3)(1)


def test_results_are_python_values_and_infinite_results_are_refused() -> None:
    with pytest.raises(CryptolEvalError, match="infinite sequence"):
        cryptol_fn(SRC, "nats")()
    assert cryptol_fn(SRC + "\nfirst3 = take`{3} nats", "first3")() == [0, 1, 2]
    assert cryptol_fn(SRC, "safeDiv")(7, 2) == 3 and cryptol_fn(SRC, "safeDiv")(7, 0) is None
    assert cryptol_fn(SRC, "orZero")(None) == 0 and cryptol_fn(SRC, "orZero")(9) == 9


def test_resolve_reports_ctypes() -> None:
    pairs = cryptol_fn(SRC, "pairs").resolve([[(8, bool)] * 3])
    assert pairs.param_types == [CSeq(3, CTuple((CWord(8), CBit())))]
    assert pairs.result_type == CTuple((CSeq(3, CWord(8)), CWord(3)))
    rev = cryptol_fn(SRC, "rev").resolve([[None] * 4])
    assert rev.param_types == [CSeq(4, CWord(8))] and rev.type_args == {"n": 4}
    assert cryptol_fn(SRC, "safeDiv").resolve([8, 8]).result_type == COption(CWord(8))
    assert cryptol_fn(SRC, "big").resolve([None]).param_types == [CInteger()]
    assert cryptol_fn(SRC, "rev").resolve([[None] * 4]) is rev  # memoised by probe shape


def test_call_symbolic_uses_the_backend_representation() -> None:
    ctx = TermContext()
    a = ctx.var("a", 8)
    add = cryptol_fn(SRC, "add").resolve([8, 8])
    out = add.call_symbolic(ctx, [a, 1])
    assert evaluate(out, {"a": 255}) == 0
    with pytest.raises(ValueError, match="expected a term of 8 bits"):
        add.call_symbolic(ctx, [ctx.var("b16", 16), 1])
    safe = cryptol_fn(SRC, "safeDiv").resolve([8, 8])
    tag, payload = safe.call_symbolic(ctx, [a, 0])
    assert tag is False and payload == 0  # None: the payload is zero
    tag, payload = safe.call_symbolic(ctx, [a, ctx.var("d", 8)], [])
    assert evaluate(tag, {"a": 9, "d": 0}) is False and evaluate(tag, {"a": 9, "d": 2}) is True
    assert evaluate(payload, {"a": 9, "d": 2}) == 4
    or_zero = cryptol_fn(SRC, "orZero").resolve([(bool, 8)])  # the probe of a symbolic Option
    t = ctx.var("t", 0)
    out = or_zero.call_symbolic(ctx, [(t, a)])
    assert evaluate(out, {"t": True, "a": 7}) == 7 and evaluate(out, {"t": False, "a": 7}) == 0


def test_properties_are_listed_checked_and_applied_symbolically() -> None:
    vc = load_cryptol(SPECS / "VectorClock.cry")
    props = {p.name: p for p in vc.properties()}
    assert list(props) == ["mergeExample", "mergeCommutes", "mergeIdempotent"]
    assert props["mergeExample"].closed and props["mergeExample"].check()
    commutes = props["mergeCommutes"]
    assert not commutes.closed and commutes.param_types == [CSeq(8, CWord(32))] * 2
    assert commutes.check(list(range(8)), list(range(8, 0, -1)))
    ctx = TermContext()
    xs = [ctx.var(f"x{i}", 32) for i in range(8)]
    ys = [ctx.var(f"y{i}", 32) for i in range(8)]
    term = commutes.symbolic(ctx, [xs, ys])
    env = {f"x{i}": i * 7 for i in range(8)} | {f"y{i}": 50 - i for i in range(8)}
    assert evaluate(term, env) is True
    assert props["mergeCommutes"].span.line == 23


def test_polymorphic_properties_can_be_instantiated(tmp_path) -> None:
    path = tmp_path / "Props.cry"
    path.write_text("module Props where\n\nrevTwice : {n} (fin n) => [n][8] -> Bit\n"
                    "property revTwice xs = reverse (reverse xs) == xs\n")
    (prop,) = load_cryptol(path).properties()
    assert prop.name == "revTwice" and prop.param_types is None and not prop.closed
    fixed = prop.instantiate(n=3)
    assert fixed.param_types == [CSeq(3, CWord(8))]
    assert fixed.check([1, 2, 3])
    ctx = TermContext()
    term = fixed.symbolic(ctx, [[ctx.var(f"b{i}", 8) for i in range(3)]])
    assert term is True  # reverse (reverse xs) == xs simplifies away


def test_constants_and_module_attributes() -> None:
    spec = load_cryptol(SPECS / "SHA256.cry")
    assert spec.K()[0] == 0x428A2F98 and len(spec.K()) == 64
    assert "hash" in dir(spec)
    with pytest.raises(AttributeError, match="no public definition `H0`"):
        spec.H0  # noqa: B018  (a functor parameter is not exported)
    assert "{n} (ValidLength (8 * n))" not in spec.hash.signature  # constraint synonyms are expanded
    assert spec.hash.signature.startswith("{n} (fin (8 * n)")


def test_cryptol_fn_forms() -> None:
    lam = cryptol_fn(r"\(a: [32]) (b: [32]) -> if a > b then a else b")
    assert lam(3, 9) == 9 and lam.signature == "[32] -> [32] -> [32]"
    decls = "sq : [8] -> [8]\nsq x = x * x\ninc : [8] -> [8]\ninc x = x + 1"
    assert cryptol_fn(decls)(1) == 2  # the last definition by default
    assert cryptol_fn(decls, "sq")(20) == 144
    with pytest.raises(ValueError, match="no definition `cube`"):
        cryptol_fn(decls, "cube")
    assert cryptol_fn(decls, "sq") is cryptol_fn(decls, "sq")


def test_fixture_module_functions_keep_their_docs() -> None:
    lib = fixture("Lib/Bits.cry")
    assert "Rotate a byte left" in (lib.rotl1.__doc__ or "")


def test_loading_the_interface_does_not_import_lark() -> None:
    code = ("import sys, crux_py.cryptol.pyapi; print('lark' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
