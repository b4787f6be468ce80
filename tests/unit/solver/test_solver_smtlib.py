"""`solver.smtlib.to_smtlib`: the script parses with z3 and means the same query."""

from __future__ import annotations

import re

import pytest
import z3
from hypothesis import given, settings
from hypothesis import strategies as st
from solver_gen import op_case, query

from crux_py.errors import InternalError
from crux_py.solver import CheckStatus, get_backend
from crux_py.solver.translate import cone_variables
from crux_py.solver.smtlib import MAX_INLINE_DEPTH, quote_symbol, to_smtlib
from crux_py.term import concrete
from crux_py.term.nodes import Op, Term, TermTable

_z3 = get_backend("z3")


def z3_status(script: str) -> tuple[CheckStatus, z3.ModelRef | None]:
    ctx = z3.Context()  # fresh, so nothing from an earlier script is in scope
    solver = z3.Solver(ctx=ctx)
    solver.add(z3.parse_smt2_string(script, ctx=ctx))
    answer = solver.check()
    if answer == z3.sat:
        return CheckStatus.SAT, solver.model()
    if answer == z3.unsat:
        return CheckStatus.UNSAT, None
    raise AssertionError(solver.reason_unknown())


def eq(t: TermTable, a: Term, b: Term) -> Term:
    return t.mk(Op.EQ, (a, b), (), 0)


@settings(deadline=None, max_examples=60)
@given(q=query())
def test_random_queries_parse_back_with_the_same_answer(q: tuple[TermTable, list[Term]]) -> None:
    _, assertions = q
    script = to_smtlib(assertions)
    status, model = z3_status(script)
    assert status is _z3.check(assertions).status
    if model is not None:
        # The parsed script's model satisfies the original terms.
        values: dict[str, int | bool] = {}
        for var in cone_variables(assertions):
            ctx = model.ctx
            const = z3.Bool(var.name, ctx) if var.width == 0 else z3.BitVec(var.name, var.width, ctx)
            v = model.eval(const, model_completion=True)
            values[var.name] = z3.is_true(v) if var.width == 0 else v.as_long()
        assert all(concrete.evaluate(a, values) is True for a in assertions)


@pytest.mark.parametrize("op", list(Op), ids=lambda o: o.name)
@settings(deadline=None, max_examples=15)
@given(data=st.data())
def test_every_operator_prints_with_its_meaning(op: Op, data: st.DataObject) -> None:
    case = data.draw(op_case(op))
    t, node = case.table, case.node
    want = t.const(concrete.evaluate(node, case.assignment), node.width)
    pins = case.pin_assertions()
    wrong = pins + [t.mk(Op.NOT, (eq(t, node, want),), (), 0)]
    assert z3_status(to_smtlib(wrong))[0] is CheckStatus.UNSAT
    assert z3_status(to_smtlib(pins + [eq(t, node, want)]))[0] is CheckStatus.SAT


def test_script_shape() -> None:
    t = TermTable()
    x, b = t.var("x", 8), t.var("flag", 0)
    shared = t.mk(Op.ADD, (x, t.const(3, 8)), (), 8)
    f = t.mk(Op.AND, (b, t.mk(Op.ULT, (shared, t.mk(Op.MUL, (shared, shared), (), 8)), (), 0)), (), 0)
    script = to_smtlib([f, b])
    lines = script.splitlines()
    assert "(set-logic QF_BV)" in lines
    assert lines[-1] == "(check-sat)"
    assert lines.count("(declare-fun |x| () (_ BitVec 8))") == 1
    assert lines.count("(declare-fun |flag| () Bool)") == 1
    # The shared sum is defined once and referred to by name.
    defs = [ln for ln in lines if ln.startswith("(define-fun")]
    assert sum("(bvadd |x| (_ bv3 8))" in d for d in defs) == 1
    assert "(bvadd" not in "".join(ln for ln in lines if ln.startswith("(assert"))
    assert sum(ln.startswith("(assert") for ln in lines) == 2


def test_awkward_variable_names_are_quoted_and_kept_apart() -> None:
    t = TermTable()
    names = ["a b", "(x)", "p|q", "back\\slash", "50%", "_t0", "__t1", "x"]
    vs = [t.var(n, 8) for n in names]
    # All distinct: each differs from the next (an ordering constraint).
    chain = [t.mk(Op.ULT, (a, b), (), 0) for a, b in zip(vs, vs[1:])]
    sums = [eq(t, t.mk(Op.ADD, (v, v), (), 8), t.mk(Op.ADD, (v, v), (), 8)) for v in vs]  # definitions
    script = to_smtlib(chain + sums)
    status, model = z3_status(script)
    assert status is CheckStatus.SAT
    parsed = sorted(d.name() for d in model.decls())
    assert parsed == sorted(n.replace("%", "%25").replace("|", "%7C").replace("\\", "%5C") for n in names)
    # Definition names avoid every variable name, even ones shaped like them.
    defined = re.findall(r"\(define-fun (\S+) ", script)
    assert defined and not set(defined) & set(names)
    assert z3_status(to_smtlib(chain + [t.mk(Op.ULT, (vs[-1], vs[0]), (), 0)]))[0] is CheckStatus.UNSAT


def test_quote_symbol_is_injective_on_special_characters() -> None:
    names = ["a|b", "a%7Cb", "a\\b", "a%5Cb", "a%b", "a%25b", "plain"]
    quoted = [quote_symbol(n) for n in names]
    assert len(set(quoted)) == len(names)
    assert all(q.startswith("|") and q.endswith("|") and "|" not in q[1:-1] and "\\" not in q for q in quoted)


def test_deep_chain_dumps_shallow_and_parses() -> None:
    t = TermTable()
    x = t.var("x", 32)
    chain, total = x, 0
    for i in range(20_000):
        chain = t.mk(Op.ADD, (chain, t.const(i, 32)), (), 32)
        total += i
    goal = t.mk(Op.NOT, (eq(t, chain, t.mk(Op.ADD, (x, t.const(total, 32)), (), 32)),), (), 0)
    script = to_smtlib([goal])
    assert max(len(ln) for ln in script.splitlines()) < 40 * MAX_INLINE_DEPTH
    assert z3_status(script)[0] is CheckStatus.UNSAT


def test_bitfun_repeated_subformula_is_defined_once() -> None:
    t = TermTable()
    e, f, g = (t.var(n, 4) for n in "efg")
    # formula(0x12, 3) is a mux whose else-cofactor (bvand (bvnot f) e) is
    # used twice; it must be printed once, as a definition.
    node = t.mk(Op.BITFUN, (e, f, g), (0x12,), 4)
    script = to_smtlib([eq(t, node, t.const(5, 4))])
    defs = dict(re.findall(r"\(define-fun (\S+) \(\) \(_ BitVec 4\) (.*)\)$", script, re.M))
    cofactor = [name for name, body in defs.items() if re.fullmatch(r"\(bvand \S+ \|e\|\)", body)]
    assert len(cofactor) == 1
    assertion = next(ln for ln in script.splitlines() if ln.startswith("(assert"))
    assert assertion.count(cofactor[0] + " ") == 2
    for values in ({"e": 3, "f": 1, "g": 15}, {"e": 0, "f": 9, "g": 6}):
        want = concrete.evaluate(node, values)
        pins = [eq(t, t.var(k, 4), t.const(v, 4)) for k, v in values.items()]
        wrong = pins + [t.mk(Op.NOT, (eq(t, node, t.const(want, 4)),), (), 0)]
        assert z3_status(to_smtlib(wrong))[0] is CheckStatus.UNSAT


def test_non_bool_assertion_is_an_internal_error() -> None:
    with pytest.raises(InternalError):
        to_smtlib([TermTable().var("x", 8)])


def test_empty_query_is_sat() -> None:
    script = to_smtlib([])
    assert z3_status(script)[0] is CheckStatus.SAT
