"""Property tests of the smart constructors against raw, unsimplified twins.

Random DAGs of every operator (widths 1..70, constants, shared subterms) are
built through `TermContext` and as raw nodes; under random assignments both
must evaluate alike (`term/concrete.py` is the oracle), every BV subterm must
lie in its interval, and the built terms must keep the canonical invariants.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from term_testlib import Builder, check_canonical, check_values, random_dags, values

from crux_py.term import Op, Term, TermContext
from crux_py.term.concrete import evaluate
from crux_py.term.truthtable import MAX_LEAVES, full_mask, projection

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(SETTINGS, max_examples=800)
@given(random_dags())
def test_random_dags_agree_with_raw_terms(case: tuple[Builder, dict[str, int]]) -> None:
    b, assignment = case
    check_values(b.made, assignment)
    check_canonical([p.smart for p in b.made])


@SETTINGS
@given(random_dags(max_steps=8), st.data())
def test_random_dags_agree_under_several_assignments(case: tuple[Builder, dict[str, int]],
                                                     data: st.DataObject) -> None:
    b, _ = case
    for _ in range(4):
        assignment = {name: data.draw(values(t.width)) if t.width else data.draw(st.booleans())
                      for name, t in b.ctx.variables().items()}
        check_values(b.made, assignment)


# ---- bitwise functions of up to four leaves are one node per truth table ---------

Formula = tuple


@st.composite
def formulas(draw, n: int, depth: int = 4) -> Formula:  # type: ignore[no-untyped-def]
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        return ("leaf", draw(st.integers(0, n - 1)))
    kind = draw(st.sampled_from(["not", "and", "or", "xor", "and", "xor"]))
    if kind == "not":
        return ("not", draw(formulas(n, depth - 1)))
    k = draw(st.integers(2, 3))
    return (kind, *(draw(formulas(n, depth - 1)) for _ in range(k)))


def build(ctx: TermContext, f: Formula, leaves: list[Term]) -> Term:
    if f[0] == "leaf":
        return leaves[f[1]]
    subs = [build(ctx, g, leaves) for g in f[1:]]
    if f[0] == "not":
        return ctx.bvnot(subs[0])
    return {"and": ctx.bvand, "or": ctx.bvor, "xor": ctx.bvxor}[f[0]](*subs)


def table(f: Formula, n: int) -> int:
    full = full_mask(n)
    if f[0] == "leaf":
        return projection(f[1], n)
    subs = [table(g, n) for g in f[1:]]
    if f[0] == "not":
        return subs[0] ^ full
    acc = full if f[0] == "and" else 0
    for s in subs:
        acc = acc & s if f[0] == "and" else acc | s if f[0] == "or" else acc ^ s
    return acc


def dnf(ctx: TermContext, tt: int, leaves: list[Term], width: int) -> Term:
    """The same function as a sum of minterms, a shape no rewrite aims at."""
    n = len(leaves)
    terms = []
    for m in range(1 << n):
        if (tt >> m) & 1:
            lits = [x if (m >> i) & 1 else ctx.bvnot(x) for i, x in enumerate(leaves)]
            terms.append(ctx.bvand(*lits) if len(lits) > 1 else lits[0])
    if not terms:
        return ctx.bv_const(0, width)
    return ctx.bvor(*terms) if len(terms) > 1 else terms[0]


@st.composite
def leaf_sets(draw) -> tuple[TermContext, list[Term]]:  # type: ignore[no-untyped-def]
    """1..4 distinct non-bitwise leaves of one width (vars, sums, rotations)."""
    ctx = TermContext()
    w = draw(st.integers(1, 40))
    n = draw(st.integers(1, MAX_LEAVES))
    x, y = ctx.var("x", w), ctx.var("y", w)
    pool = [x, y, ctx.var("z", w), ctx.var("u", w)]
    if w > 1:
        pool += [ctx.rotl(x, 1), ctx.rotr(y, 3), ctx.add(x, y)]
    leaves = list(dict.fromkeys(draw(st.permutations(pool))[:n]))
    leaves = [t for t in leaves if t.op is not Op.BITFUN]
    return ctx, leaves


@settings(max_examples=300, deadline=None)
@given(leaf_sets(), st.data())
def test_equal_truth_tables_give_the_same_node(case: tuple[TermContext, list[Term]],
                                               data: st.DataObject) -> None:
    ctx, leaves = case
    n = len(leaves)
    f = data.draw(formulas(n))
    tt = table(f, n)
    built = build(ctx, f, leaves)
    assert built is ctx.bitfun(tt, *leaves)
    assert built is dnf(ctx, tt, leaves, leaves[0].width)
    # Reversing the leaves changes the table, not the node.
    rev = 0
    for m in range(1 << n):
        r = sum(((m >> i) & 1) << (n - 1 - i) for i in range(n))
        rev |= ((tt >> m) & 1) << r
    assert ctx.bitfun(rev, *reversed(leaves)) is built
    # Only the leaves the function depends on remain, sorted by tid.
    if built.op is Op.BITFUN:
        assert [a.tid for a in built.args] == sorted(a.tid for a in built.args)
        assert set(built.args) <= set(leaves)


# ---- low bits of widened arithmetic are fixed-width arithmetic ---------------------

@st.composite
def arith_exprs(draw, depth: int = 3) -> Formula:  # type: ignore[no-untyped-def]
    if depth == 0 or draw(st.integers(0, 2)) == 0:
        if draw(st.booleans()):
            return ("var", draw(st.sampled_from("abc")))
        return ("const", draw(st.integers(0, 2**40)))
    kind = draw(st.sampled_from(["add", "mul", "neg", "sub"]))
    if kind == "neg":
        return ("neg", draw(arith_exprs(depth - 1)))
    return (kind, draw(arith_exprs(depth - 1)), draw(arith_exprs(depth - 1)))


def build_arith(ctx: TermContext, e: Formula, width: int) -> Term:
    kind = e[0]
    if kind == "var":
        v = ctx.var(e[1], 32)
        return ctx.zext(v, width - 32)
    if kind == "const":
        return ctx.bv_const(e[1], width)
    subs = [build_arith(ctx, g, width) for g in e[1:]]
    return {"add": ctx.add, "mul": ctx.mul, "neg": ctx.neg, "sub": ctx.sub}[kind](*subs)


@settings(max_examples=200, deadline=None)
@given(arith_exprs(), st.integers(33, 70))
def test_low_bits_of_widened_arithmetic_are_narrow_arithmetic(e: Formula, wide: int) -> None:
    ctx = TermContext()
    narrow = build_arith(ctx, e, 32)
    widened = build_arith(ctx, e, wide)
    assert ctx.extract(widened, 31, 0) is narrow


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 64), st.integers(1, 63), st.integers(0, 8))
def test_python_style_rotation_is_rotl(w: int, k: int, slack: int) -> None:
    """`((x << k) | (x >> (w - k))) & (2**w - 1)` with exact Python widths."""
    k = k % w or 1
    ctx = TermContext()
    x = ctx.var("x", w)
    wide = w + k + slack
    xw = ctx.zext(x, wide - w)
    left = ctx.shl(xw, ctx.bv_const(k, wide))
    right = ctx.lshr(xw, ctx.bv_const(w - k, wide))
    masked = ctx.bvand(ctx.bvor(left, right), ctx.bv_const((1 << w) - 1, wide))
    assert ctx.extract(masked, w - 1, 0) is ctx.rotl(x, k)
    assert ctx.extract(masked, wide - 1, w) is ctx.bv_const(0, wide - w)
    assert evaluate(masked, {"x": 1 << (w - 1)}) == 1 << (k - 1)
