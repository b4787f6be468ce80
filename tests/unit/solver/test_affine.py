"""GF(2)-affine forms (`solver/affine.py`): every bit's form denotes the
node's bit exactly on every assignment (checked against the concrete
evaluator on random terms), xor circuits written two ways get one form, and
a query is only called unsatisfiable when a conjunct's form is 0."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from crux_py.solver.affine import AffineForms, affine_table, refuted
from crux_py.solver.equivalence import postorder
from crux_py.term.concrete import evaluate
from crux_py.term.context import TermContext
from crux_py.term.nodes import Term

W = 8
UNARY = ("not", "shl", "lshr", "ashr", "neg_bit", "mul_const", "zext_trunc", "sext_trunc")
BINARY = ("xor", "and", "or", "and_const", "xor_const", "add", "ite_eq", "ite_bit", "concat_split")


def build(c: TermContext, plan: list[tuple[str, int, int, int]]) -> Term:
    """A term over three variables following `plan`: each step combines earlier terms."""
    terms = [c.var("x", W), c.var("y", W), c.var("z", W)]
    for op, i, j, k in plan:
        a, b = terms[i % len(terms)], terms[j % len(terms)]
        if op == "not":
            t = c.bvnot(a)
        elif op in ("shl", "lshr", "ashr"):
            t = getattr(c, op)(a, c.bv_const(k % (W + 2), W))
        elif op == "neg_bit":
            t = c.neg(c.bvand(a, c.bv_const(1, W)))
        elif op == "mul_const":
            t = c.mul(a, c.bv_const(k, W))
        elif op == "zext_trunc":
            t = c.zext(c.extract(a, 3 + k % 5, 0), W - 4 - k % 5)
        elif op == "sext_trunc":
            t = c.sext(c.extract(a, 3 + k % 5, 0), W - 4 - k % 5)
        elif op == "xor":
            t = c.bvxor(a, b)
        elif op == "and":
            t = c.bvand(a, b)
        elif op == "or":
            t = c.bvor(a, b)
        elif op == "and_const":
            t = c.bvand(a, c.bv_const(k, W))
        elif op == "xor_const":
            t = c.bvxor(a, c.bv_const(k, W))
        elif op == "add":
            # carry-free (disjoint masks) for even k, an ordinary sum for odd k
            t = c.add(c.bvand(a, c.bv_const(k, W)), c.bvand(b, c.bv_const(~k, W))) if k % 2 == 0 else c.add(a, b)
        elif op == "ite_eq":
            t = c.ite(c.eq(a, b), a, c.bv_const(k, W))
        elif op == "ite_bit":
            t = c.ite(c.eq(c.extract(a, k % W, k % W), c.bv_const(1, 1)), c.bv_const(k, W), b)
        else:
            t = c.concat(c.extract(a, W - 1, 4), c.extract(b, 3, 0))
        terms.append(t)
    return terms[-1]


def holds_bitwise(forms: AffineForms, root: Term, env: dict[str, int]) -> bool:
    """Every bit of every node's form evaluates to that node's bit under `env`."""
    nodes = {t.tid: t for t in postorder([root])}
    memo: dict[int, object] = {}
    vector = 1
    for (tid, j), index in forms._atoms.items():
        vector |= ((int(evaluate(nodes[tid], env, memo)) >> j) & 1) << index
    for t in nodes.values():
        value = int(evaluate(t, env, memo))
        for j, f in enumerate(forms.forms(t)):
            if bin(f & vector).count("1") % 2 != (value >> j) & 1:
                return False
    return True


steps = st.lists(st.tuples(st.sampled_from(UNARY + BINARY), st.integers(0, 20), st.integers(0, 20),
                           st.integers(0, 255)), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(steps, st.integers(0, 2**32))
def test_forms_denote_the_bits_of_every_node(plan, seed) -> None:  # type: ignore[no-untyped-def]
    c = TermContext()
    root = build(c, plan)
    forms = AffineForms()
    forms.forms(root)
    rng = random.Random(seed)
    for _ in range(4):
        env = {name: rng.randrange(1 << W) for name in "xyz"}
        assert holds_bitwise(forms, root, env)


def test_affine_tables() -> None:
    assert affine_table(0b0110, 2) == (0, 1, 1)        # x ^ y
    assert affine_table(0b1001, 2) == (1, 1, 1)        # ~(x ^ y)
    assert affine_table(0b1000, 2) is None             # x & y


def crc_step_bitwise(c: TermContext, crc: Term) -> Term:
    for _ in range(8):
        low = c.extract(crc, 0, 0)
        mask = c.neg(c.zext(low, 31))
        crc = c.bvxor(c.lshr(crc, c.bv_const(1, 32)), c.bvand(mask, c.bv_const(0xEDB88320, 32)))
    return crc


def crc_step_table(c: TermContext, crc: Term) -> Term:
    """The table lookup as the xor of the basis entries of the index's bits."""
    table = []
    for n in range(256):
        v = n
        for _ in range(8):
            v = (v >> 1) ^ 0xEDB88320 if v & 1 else v >> 1
        table.append(v)
    out = c.lshr(crc, c.bv_const(8, 32))
    for k in range(8):
        bit = c.eq(c.extract(crc, k, k), c.bv_const(1, 1))
        out = c.bvxor(out, c.ite(bit, c.bv_const(table[1 << k], 32), c.bv_const(0, 32)))
    return out


def test_two_crc_formulations_get_one_form_and_a_wrong_one_does_not() -> None:
    c = TermContext()
    data = [c.var(f"d{i}", 8) for i in range(16)]
    a = b = c.bv_const(0xFFFFFFFF, 32)
    for d in data:
        a = crc_step_table(c, c.bvxor(a, c.zext(d, 24)))
        b = crc_step_bitwise(c, c.bvxor(b, c.zext(d, 24)))
    assert refuted([c.not_(c.eq(a, b))])
    wrong = c.bvxor(b, c.bvand(c.zext(data[3], 24), c.bv_const(1, 32)))
    assert not refuted([c.not_(c.eq(a, wrong))])


def test_non_affine_parts_are_atoms_not_guesses() -> None:
    c = TermContext()
    x, y = c.var("x", W), c.var("y", W)
    # x & y is no xor of x and y: equal forms only for the very same node
    assert not refuted([c.not_(c.eq(c.bvand(x, y), c.bvxor(x, y)))])
    assert not refuted([c.not_(c.eq(c.add(x, y), c.bvxor(x, y)))])
    assert refuted([c.not_(c.eq(c.bvxor(c.add(x, y), x), c.bvxor(x, c.add(y, x))))])
