"""Conformance suite run against every solver backend.

Each backend must agree with the reference evaluator `term/concrete.py` on
every operator, return models that satisfy the assertions and cover every
variable, survive deep terms, turn timeouts and library errors into
UNKNOWN, and keep its checks independent.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from solver_gen import op_case, query

from crux_py.errors import InternalError
from crux_py.solver import BACKEND_NAMES, CheckStatus, SolverBackend, get_backend
from crux_py.solver.translate import cone_variables
from crux_py.term import concrete
from crux_py.term.nodes import Op, Term, TermTable

# One instance per backend for the whole module: the property tests below
# then also exercise the memo across many unrelated term tables.
_shared: dict[str, SolverBackend] = {}


@pytest.fixture(params=BACKEND_NAMES)
def backend(request: pytest.FixtureRequest) -> SolverBackend:
    name = request.param
    if name not in _shared:
        _shared[name] = get_backend(name)
    return _shared[name]


SETTINGS = settings(deadline=None, max_examples=40,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def eq(t: TermTable, a: Term, b: Term) -> Term:
    return t.mk(Op.EQ, (a, b), (), 0)


def not_(t: TermTable, a: Term) -> Term:
    return t.mk(Op.NOT, (a,), (), 0)


def assert_model_satisfies(assertions: list[Term], model) -> None:
    assert set(model) == {v.name for v in cone_variables(assertions)}
    for v in cone_variables(assertions):
        value = model[v.name]
        if v.width == 0:
            assert isinstance(value, bool)
        else:
            assert type(value) is int and 0 <= value < (1 << v.width)
    for a in assertions:
        assert concrete.evaluate(a, model) is True


# ---- simple queries ---------------------------------------------------------------

def test_simple_sat_with_model(backend: SolverBackend) -> None:
    t = TermTable()
    x = t.var("x", 8)
    f = eq(t, t.mk(Op.ADD, (x, t.const(1, 8)), (), 8), t.const(0, 8))
    r = backend.check([f])
    assert r.status is CheckStatus.SAT and r.is_sat
    assert dict(r.model) == {"x": 255}
    assert r.reason == "" and r.seconds >= 0


def test_simple_unsat(backend: SolverBackend) -> None:
    t = TermTable()
    x, b = t.var("x", 16), t.var("b", 0)
    assert backend.check([t.mk(Op.ULT, (x, x), (), 0)]).status is CheckStatus.UNSAT
    assert backend.check([b, not_(t, b)]).is_unsat
    # x < y, y < z, z < x over unsigned 16 bits
    y, z = t.var("y", 16), t.var("z", 16)
    cyc = [t.mk(Op.ULT, p, (), 0) for p in ((x, y), (y, z), (z, x))]
    r = backend.check(cyc)
    assert r.is_unsat and r.model is None


def test_empty_conjunction_is_sat(backend: SolverBackend) -> None:
    r = backend.check([])
    assert r.is_sat and dict(r.model) == {}


def test_sat_model_distinguishes_signed_and_unsigned(backend: SolverBackend) -> None:
    t = TermTable()
    x = t.var("x", 8)
    zero = t.const(0, 8)
    r = backend.check([t.mk(Op.SLT, (x, zero), (), 0), t.mk(Op.ULT, (x, t.const(0x81, 8)), (), 0)])
    assert r.is_sat and r.model["x"] in (0x80,)


def test_model_completion_covers_eliminated_variables(backend: SolverBackend) -> None:
    t = TermTable()
    x, b = t.var("x", 33), t.var("b", 0)
    zero = t.const(0, 33)
    tautologies = [t.mk(Op.OR, (b, not_(t, b)), (), 0),
                   eq(t, t.mk(Op.ADD, (x, t.mk(Op.NEG, (x,), (), 33)), (), 33), zero)]
    r = backend.check(tautologies)
    assert r.is_sat
    assert_model_satisfies(tautologies, r.model)


def test_checks_are_independent(backend: SolverBackend) -> None:
    t = TermTable()
    x = t.var("x", 8)
    first = backend.check([eq(t, x, t.const(1, 8))])
    second = backend.check([eq(t, x, t.const(2, 8))])
    assert first.model["x"] == 1 and second.model["x"] == 2


def test_same_name_in_two_tables_with_different_widths(backend: SolverBackend) -> None:
    t1, t2 = TermTable(), TermTable()
    x8, x16 = t1.var("x", 8), t2.var("x", 16)
    r1 = backend.check([eq(t1, x8, t1.const(200, 8))])
    r2 = backend.check([eq(t2, x16, t2.const(60000, 16))])
    r3 = backend.check([eq(t1, x8, t1.const(7, 8))])
    assert (r1.model["x"], r2.model["x"], r3.model["x"]) == (200, 60000, 7)


def test_fresh_instances_do_not_share_state() -> None:
    for name in BACKEND_NAMES:
        a, b = get_backend(name), get_backend(name)
        t1, t2 = TermTable(), TermTable()
        ra = a.check([eq(t1, t1.var("v", 8), t1.const(3, 8))])
        rb = b.check([t2.var("v", 0)])
        assert ra.model["v"] == 3 and rb.model["v"] is True, name


# ---- every operator agrees with the reference evaluator ----------------------------

@pytest.mark.parametrize("op", list(Op), ids=lambda o: o.name)
@SETTINGS
@given(data=st.data())
def test_operator_agrees_with_concrete_evaluation(backend: SolverBackend, op: Op, data: st.DataObject) -> None:
    case = data.draw(op_case(op))
    t, node = case.table, case.node
    assert node.op is op
    expected = concrete.evaluate(node, case.assignment)
    want = t.const(expected, node.width)
    pins = case.pin_assertions()
    wrong = backend.check(pins + [not_(t, eq(t, node, want))], timeout=20)
    assert wrong.is_unsat, (op, wrong.reason)
    right = backend.check(pins + [eq(t, node, want)], timeout=20)
    assert right.is_sat, (op, right.reason)
    assert dict(right.model) == case.assignment


@pytest.mark.parametrize(("op", "a", "b", "want"), [
    (Op.UDIV, 77, 0, 0xFF), (Op.UREM, 77, 0, 77), (Op.SDIV, 0x85, 0, 1), (Op.SDIV, 5, 0, 0xFF),
    (Op.SREM, 0x85, 0, 0x85), (Op.SDIV, 0x80, 0xFF, 0x80), (Op.SREM, 0xF9, 2, 0xFF),
    (Op.SDIV, 0xF9, 2, 0xFD), (Op.SHL, 1, 8, 0), (Op.LSHR, 0x80, 200, 0), (Op.ASHR, 0x80, 200, 0xFF),
    (Op.ASHR, 0x40, 200, 0), (Op.ASHR, 0x90, 4, 0xF9),
], ids=lambda v: getattr(v, "name", str(v)))
def test_edge_semantics_on_symbolic_operands(backend: SolverBackend, op: Op, a: int, b: int, want: int) -> None:
    """SMT-LIB's answers for division by zero and over-wide shifts (8 bits)."""
    t = TermTable()
    x, y = t.var("x", 8), t.var("y", 8)
    node = t.mk(op, (x, y), (), 8)
    assert concrete.evaluate(node, {"x": a, "y": b}) == want  # the reference agrees
    pins = [eq(t, x, t.const(a, 8)), eq(t, y, t.const(b, 8))]
    assert backend.check(pins + [not_(t, eq(t, node, t.const(want, 8)))]).is_unsat


# ---- BITFUN over free variables ----------------------------------------------------------

@SETTINGS
@given(n=st.integers(1, 4), data=st.data(), width=st.integers(1, 16))
def test_bitfun_matches_its_truth_table_for_all_inputs(backend: SolverBackend, n: int,
                                                       data: st.DataObject, width: int) -> None:
    tt = data.draw(st.integers(0, (1 << (1 << n)) - 1))
    t = TermTable()
    leaves = [t.var(f"l{i}", width) for i in range(n)]
    node = t.mk(Op.BITFUN, tuple(leaves), (tt,), width)
    # Reference: the OR of the table's minterms, written with BVAND/BVOR/BVNOT.
    minterms = []
    for m in range(1 << n):
        if (tt >> m) & 1:
            lits = tuple(x if (m >> i) & 1 else t.mk(Op.BVNOT, (x,), (), width) for i, x in enumerate(leaves))
            minterms.append(t.mk(Op.BVAND, lits, (), width))
    reference = t.mk(Op.BVOR, tuple(minterms), (), width)
    r = backend.check([not_(t, eq(t, node, reference))], timeout=20)
    assert r.is_unsat, r.reason


# ---- random queries: models satisfy, backends agree -------------------------------------

@settings(deadline=None, max_examples=60)
@given(q=query())
def test_random_queries_backends_agree_and_models_satisfy(q: tuple[TermTable, list[Term]]) -> None:
    _, assertions = q
    statuses = {}
    for name in BACKEND_NAMES:
        backend = _shared.setdefault(name, get_backend(name))
        r = backend.check(assertions, timeout=20)
        assert not r.is_unknown, (name, r.reason)
        statuses[name] = r.status
        if r.is_sat:
            assert_model_satisfies(assertions, r.model)
    assert len(set(statuses.values())) == 1, statuses


# ---- deep terms ---------------------------------------------------------------------------

DEPTH = 20_000


def test_deep_add_chain(backend: SolverBackend) -> None:
    t = TermTable()
    x = t.var("x", 32)
    chain, total = x, 0
    for i in range(DEPTH):
        k = i % 97 + 1
        chain = t.mk(Op.ADD, (chain, t.const(k, 32)), (), 32)
        total += k
    flat = t.mk(Op.ADD, (x, t.const(total, 32)), (), 32)
    assert backend.check([not_(t, eq(t, chain, flat))], timeout=60).is_unsat
    goal = [eq(t, chain, t.const(12345, 32))]
    r = backend.check(goal, timeout=60)
    assert r.is_sat
    assert_model_satisfies(goal, r.model)


def test_deep_bool_ite_chain(backend: SolverBackend) -> None:
    t = TermTable()
    bs = [t.var(f"b{k}", 0) for k in range(50)]
    acc = t.const(False, 0)
    for i in range(DEPTH):
        here, nxt = bs[i % 50], bs[(i + 1) % 50]
        # acc |= b[i] & b[i+1], written as an ite
        acc = t.mk(Op.ITE, (here, t.mk(Op.OR, (acc, nxt), (), 0), acc), (), 0)
    r = backend.check([acc], timeout=60)
    assert r.is_sat
    assert_model_satisfies([acc], r.model)
    # With every even-numbered b false, no two cyclically adjacent b hold.
    evens_false = [t.mk(Op.NOT, (b,), (), 0) for b in bs[::2]]
    assert backend.check([acc] + evens_false, timeout=60).is_unsat


# ---- hard queries time out as UNKNOWN ---------------------------------------------------

# Two 62-bit primes; factoring their product is far beyond 0.5 s of bit-blasting.
P, Q = 2849647038907036733, 4483689775824492707


def test_hard_query_times_out_as_unknown(backend: SolverBackend) -> None:
    t = TermTable()
    x, y = t.var("x", 64), t.var("y", 64)
    zero64 = t.const(0, 64)
    wide = [t.mk(Op.CONCAT, (zero64, v), (), 128) for v in (x, y)]
    product = t.mk(Op.MUL, tuple(wide), (), 128)
    one = t.const(1, 64)
    query = [eq(t, product, t.const(P * Q, 128)),
             t.mk(Op.ULT, (one, x), (), 0), t.mk(Op.ULT, (one, y), (), 0)]
    start = time.perf_counter()
    r = backend.check(query, timeout=0.5)
    wall = time.perf_counter() - start
    assert r.status is CheckStatus.UNKNOWN
    assert r.reason == "timeout after 0.5 s"
    assert r.model is None
    assert wall < 10
    assert r.seconds <= wall


# ---- failures ---------------------------------------------------------------------------

def test_library_exception_becomes_unknown(backend: SolverBackend) -> None:
    t = TermTable()
    x, y = t.var("x", 8), t.var("y", 16)
    ill_sorted = t.mk(Op.EQ, (x, y), (), 0)  # raw terms do not check sorts; solvers do
    r = backend.check([ill_sorted])
    assert r.is_unknown and r.reason.startswith("solver error: ")
    # The instance stays usable after the failure.
    assert backend.check([eq(t, x, t.const(9, 8))]).model["x"] == 9


def test_non_bool_assertion_is_an_internal_error(backend: SolverBackend) -> None:
    t = TermTable()
    with pytest.raises(InternalError):
        backend.check([t.var("x", 8)])
