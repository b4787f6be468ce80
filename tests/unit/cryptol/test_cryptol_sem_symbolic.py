"""The symbolic backend agrees with the concrete one: terms evaluated under random inputs."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crux_py.cryptol.backends import Obligation
from crux_py.cryptol.pyapi import cryptol_fn
from crux_py.errors import CryptolEvalError
from crux_py.term.concrete import evaluate
from crux_py.term.context import TermContext
from crux_py.term.nodes import Term


def concretize(v: Any, assignment: dict[str, Any], cache: dict) -> Any:
    if isinstance(v, Term):
        return evaluate(v, assignment, cache)
    if isinstance(v, list):
        return [concretize(x, assignment, cache) for x in v]
    if isinstance(v, tuple):
        return tuple(concretize(x, assignment, cache) for x in v)
    return v


def symbolic_args(ctx: TermContext, widths: list[Any], prefix: str = "x") -> tuple[list, list[str]]:
    """Variables shaped by `widths` (an int is a word, `bool` a bit, a list a sequence)."""
    names: list[str] = []

    def make(shape: Any, path: str) -> Any:
        if shape is bool:
            names.append(path)
            return ctx.var(path, 0)
        if isinstance(shape, int):
            names.append(path)
            return ctx.var(path, shape)
        return [make(s, f"{path}_{i}") for i, s in enumerate(shape)]
    return [make(w, f"{prefix}{i}") for i, w in enumerate(widths)], names


def value_for(shape: Any, path: str, assignment: dict[str, Any]) -> Any:
    if isinstance(shape, list):
        return [value_for(s, f"{path}_{i}", assignment) for i, s in enumerate(shape)]
    return assignment[path]


def width_of(shape: Any, name: str, names_shapes: dict[str, Any]) -> Any:
    return names_shapes[name]


FUNCTIONS = [
    ("arith", ("f : [13] -> [13] -> ([13], [13], [13], [13], [13], [13], [13], [13])\n"
              "f a b = (a + b, a - b, a * b, a && b, a || b, a ^ b, ~a, negate a)"), [13, 13]),
    ("compare", "f : [9] -> [9] -> [6]\nf a b = [a < b, a <= b, a == b, a != b, a <$ b, a >=$ b]", [9, 9]),
    ("shifts", "f : [11] -> [4] -> [5][11]\nf a k = [a << k, a >> k, a <<< k, a >>> k, a >>$ k]", [11, 4]),
    ("seqshift", "f : [4][8] -> [3] -> [4][4][8]\nf xs k = [xs << k, xs >> k, xs <<< k, xs >>> k]",
     [[8, 8, 8, 8], 3]),
    ("bits", ("f : [8] -> [8] -> ([16], Bit, [8], [8], [5], [8])\n"
             "f a b = (a # b, a @ 3, reverse a, join (reverse (split a : [4][2])), take`{5} a, [ ~x | x <- a ])"),
     [8, 8]),
    ("mux", "tbl : [16][8]\ntbl = [ i * 17 + 3 | i <- [0 .. 15] ]\nf : [4] -> [8]\nf i = tbl @ i + tbl ! i", [4]),
    ("merge", ("f : Bit -> [8] -> [8] -> ([8], [2][8], ([8], Bit), [8])\n"
              "f c a b = (if c then a else b, if c then [a, b] else [b, a], p, case o of\n"
              "    Some v -> v + 1\n    None -> 0)\n"
              "  where\n    o = if c then Some a else None\n"
              "    p = if a < b then (a, c) else (b, ~c)"), [bool, 8, 8]),
    ("poly", ("irred = <| x^^8 + x^^4 + x^^3 + x + 1 |>\n"
             "f : [8] -> [8] -> ([15], [8], [16], [8])\n"
             "f a b = (pmult a b, pmod (pmult a b) irred, pdiv (a # b) irred, pmod (a # b) irred)"),
     [8, 8]),
    ("update", "f : [4][8] -> [2] -> [8] -> [4][8]\nf xs i v = update xs i v", [[8, 8, 8, 8], 2, 8]),
    ("power", "f : [8] -> [3] -> [8]\nf a e = a ^^ e", [8, 3]),
    ("fold", "f : [6][8] -> ([8], Bit, [8])\nf xs = (foldl (+) 0 xs, elem 7 xs, sum [ x * x | x <- xs ])",
     [[8] * 6]),
    ("comprehension", "f : [4][8] -> [4][8] -> [4][8]\nf xs ys = [ if x > y then x - y else y - x | x <- xs | y <- ys ]",
     [[8] * 4, [8] * 4]),
]


def flatten_shapes(shapes: list[Any]) -> list[int]:
    out: list[int] = []
    for s in shapes:
        if isinstance(s, list):
            out += flatten_shapes(s)
        else:
            out.append(1 if s is bool else s)
    return out


@pytest.mark.parametrize("name,source,shapes", FUNCTIONS, ids=[f[0] for f in FUNCTIONS])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_symbolic_agrees_with_concrete(name: str, source: str, shapes: list[Any], data: st.DataObject) -> None:
    fn = cryptol_fn(source, "f")
    ctx = TermContext()
    args, names = symbolic_args(ctx, shapes)
    inst = fn.resolve([_probe(s) for s in shapes])
    obligations: list[Obligation] = []
    sym = inst.call_symbolic(ctx, args, obligations)
    widths = dict(zip(names, flatten_shapes(shapes)))
    assignment = {n: data.draw(st.integers(0, (1 << w) - 1)) for n, w in widths.items()}
    assignment = {n: (bool(v) if widths[n] == 1 and _is_bit(n, shapes) else v) for n, v in assignment.items()}
    conc_args = [value_for(s, f"x{i}", assignment) for i, s in enumerate(shapes)]
    assert concretize(sym, assignment, {}) == inst.call_concrete(*conc_args)
    assert obligations == []


def _probe(shape: Any) -> Any:
    if shape is bool:
        return bool
    if isinstance(shape, list):
        return [_probe(s) for s in shape]
    return shape


def _is_bit(name: str, shapes: list[Any]) -> bool:
    index = int(name[1:].split("_")[0])
    return shapes[index] is bool


def test_constants_never_become_terms() -> None:
    ctx = TermContext()
    fn = cryptol_fn("f : [8] -> [8] -> [8]\nf a b = (a + 1) * b ^ 0x0f")
    inst = fn.resolve([8, 8])
    assert inst.call_symbolic(ctx, [3, 5]) == ((3 + 1) * 5 ^ 0x0F) & 0xFF
    assert len(ctx) == 0  # nothing was interned
    x = ctx.var("x", 8)
    out = inst.call_symbolic(ctx, [x, 0])
    assert out == 0x0F  # (x + 1) * 0 folds away


def test_symbolic_division_and_indexing_report_obligations() -> None:
    ctx = TermContext()
    a, b = ctx.var("a", 8), ctx.var("b", 8)
    div = cryptol_fn("f : [8] -> [8] -> [8]\nf x y = x / y").resolve([8, 8])
    with pytest.raises(CryptolEvalError, match="division by zero for some inputs"):
        div.call_symbolic(ctx, [a, b])
    obligations: list[Obligation] = []
    div.call_symbolic(ctx, [a, b], obligations)
    (ob,) = obligations
    assert ob.message == "division by zero" and ob.span.line == 2
    assert evaluate(ob.cond, {"a": 1, "b": 0}) is False and evaluate(ob.cond, {"a": 1, "b": 3}) is True
    guarded = cryptol_fn("f : [8] -> [8] -> [8]\nf x y = if y == 0 then 0 else x / y").resolve([8, 8])
    obligations = []
    guarded.call_symbolic(ctx, [a, b], obligations)
    assert all(evaluate(o.cond, {"a": 5, "b": 0}) for o in obligations)  # only needed when y != 0
    index = cryptol_fn("f : [3][8] -> [8] -> [8]\nf xs i = xs @ i").resolve([[8, 8, 8], 8])
    obligations = []
    out = index.call_symbolic(ctx, [[10, 20, 30], b], obligations)
    (ob,) = obligations
    assert "index may be out of range (length 3)" in ob.message
    assert [evaluate(ob.cond, {"b": k}) for k in range(5)] == [True, True, True, False, False]
    assert [evaluate(out, {"b": k}) for k in range(3)] == [10, 20, 30]


def test_error_under_a_symbolic_condition_becomes_an_obligation() -> None:
    ctx = TermContext()
    c = ctx.var("c", 0)
    fn = cryptol_fn('f : Bit -> [8]\nf c = if c then 1 else error "unreachable"').resolve([bool])
    obligations: list[Obligation] = []
    fn.call_symbolic(ctx, [c], obligations)
    (ob,) = obligations
    assert ob.message == "unreachable" and ob.cond is c
    out = fn.call_symbolic(ctx, [c], [])
    assert evaluate(out, {"c": True}) == 1  # the value where the obligation holds
