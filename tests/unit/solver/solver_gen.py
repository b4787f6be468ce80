"""Hypothesis strategies that build raw (unsimplified) terms for the solver tests.

Terms are made with `TermTable.mk`, never the simplifying constructors, so
every operator reaches the backends exactly as written. `op_case` builds one
node of a given operator over random operands (each a constant or a
variable pinned to a value); `query` builds random Bool formulas over free
variables for differential and model checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

from crux_py.term.nodes import Op, Term, TermTable

MAX_WIDTH = 70

BOOL_OPS = (Op.NOT, Op.AND, Op.OR, Op.XOR)
COMPARISONS = (Op.ULT, Op.ULE, Op.SLT, Op.SLE)
NARY_BV = (Op.ADD, Op.MUL, Op.BVAND, Op.BVOR, Op.BVXOR)
UNARY_BV = (Op.NEG, Op.BVNOT)
SHIFTS = (Op.SHL, Op.LSHR, Op.ASHR)
DIVISIONS = (Op.UDIV, Op.UREM, Op.SDIV, Op.SREM)


def bv_values(width: int) -> st.SearchStrategy[int]:
    """Values of `width` bits, biased to the edges where semantics differ."""
    mask = (1 << width) - 1
    edges = sorted(v for v in {0, 1, 2, mask, mask - 1, 1 << (width - 1), (1 << (width - 1)) - 1}
                   if 0 <= v <= mask)
    return st.one_of(st.sampled_from(edges), st.integers(0, mask))


def shift_amounts(width: int) -> st.SearchStrategy[int]:
    return st.one_of(st.integers(0, min(width + 1, (1 << width) - 1)), bv_values(width))


@dataclass
class Case:
    """A node under test and the values its operand variables are pinned to."""

    table: TermTable
    node: Term
    pins: dict[Term, int | bool] = field(default_factory=dict)

    @property
    def assignment(self) -> dict[str, int | bool]:
        return {v.name: x for v, x in self.pins.items()}

    def pin_assertions(self) -> list[Term]:
        t = self.table
        return [t.mk(Op.EQ, (v, t.const(x, v.width)), (), 0) for v, x in self.pins.items()]


@st.composite
def op_case(draw: st.DrawFn, op: Op) -> Case:
    t = TermTable()
    case = Case(t, t.const(False, 0))

    def operand(width: int, value: int | bool) -> Term:
        if draw(st.booleans()):
            v = t.var(f"a{len(case.pins)}", width)
            case.pins[v] = value
            return v
        return t.const(value, width)

    def bv(width: int, values: st.SearchStrategy[int] | None = None) -> Term:
        return operand(width, draw(values if values is not None else bv_values(width)))

    def boolean() -> Term:
        return operand(0, draw(st.booleans()))

    def node(args: tuple[Term, ...], width: int, params: tuple[object, ...] = ()) -> Term:
        return t.mk(op, args, params, width)

    w = draw(st.integers(1, MAX_WIDTH))
    if op is Op.CONST:
        case.node = t.const(draw(bv_values(w)), w) if draw(st.booleans()) else t.const(draw(st.booleans()), 0)
    elif op is Op.VAR:
        case.node = bv(w) if draw(st.booleans()) else boolean()
        if not case.pins:  # a constant operand was drawn; a VAR case needs a variable
            v = t.var("v", w)
            case.pins[v] = draw(bv_values(w))
            case.node = v
    elif op is Op.NOT:
        case.node = node((boolean(),), 0)
    elif op in (Op.AND, Op.OR):
        case.node = node(tuple(boolean() for _ in range(draw(st.integers(0, 4)))), 0)
    elif op is Op.XOR:
        case.node = node((boolean(), boolean()), 0)
    elif op is Op.EQ:
        case.node = node((bv(w), bv(w)) if draw(st.booleans()) else (boolean(), boolean()), 0)
    elif op in COMPARISONS:
        case.node = node((bv(w), bv(w)), 0)
    elif op is Op.ITE:
        if draw(st.booleans()):
            case.node = node((boolean(), bv(w), bv(w)), w)
        else:
            case.node = node((boolean(), boolean(), boolean()), 0)
    elif op in NARY_BV:
        case.node = node(tuple(bv(w) for _ in range(draw(st.integers(0, 4)))), w)
    elif op in UNARY_BV:
        case.node = node((bv(w),), w)
    elif op is Op.BITFUN:
        n = draw(st.integers(1, 4))
        tt = draw(st.integers(0, (1 << (1 << n)) - 1))
        case.node = node(tuple(bv(w) for _ in range(n)), w, (tt,))
    elif op in SHIFTS:
        case.node = node((bv(w), bv(w, shift_amounts(w))), w)
    elif op in DIVISIONS:
        case.node = node((bv(w), bv(w)), w)
    elif op is Op.EXTRACT:
        lo = draw(st.integers(0, w - 1))
        hi = draw(st.integers(lo, w - 1))
        case.node = node((bv(w),), hi - lo + 1, (hi, lo))
    elif op is Op.CONCAT:
        widths = draw(st.lists(st.integers(1, MAX_WIDTH), min_size=1, max_size=4))
        case.node = node(tuple(bv(x) for x in widths), sum(widths))
    elif op is Op.SEXT:
        extra = draw(st.integers(0, MAX_WIDTH))
        case.node = node((bv(w),), w + extra, (extra,))
    else:
        raise AssertionError(f"no case generator for {op}")
    return case


# ---- random formulas over free variables ------------------------------------

QUERY_WIDTHS = (1, 3, 4, 8)


@st.composite
def query(draw: st.DrawFn) -> tuple[TermTable, list[Term]]:
    """A few random Bool assertions over free variables of small widths."""
    t = TermTable()
    names = ["x", "y", "z"]

    def bv(w: int, depth: int) -> Term:
        choice = draw(st.integers(0, 9 if depth > 0 else 1))
        if choice == 0:
            return t.var(f"{draw(st.sampled_from(names))}{w}", w)
        if choice == 1:
            return t.const(draw(bv_values(w)), w)
        if choice == 2:
            op = draw(st.sampled_from(NARY_BV))
            return t.mk(op, tuple(bv(w, depth - 1) for _ in range(draw(st.integers(1, 3)))), (), w)
        if choice == 3:
            return t.mk(draw(st.sampled_from(UNARY_BV)), (bv(w, depth - 1),), (), w)
        if choice == 4:
            return t.mk(draw(st.sampled_from(SHIFTS + DIVISIONS)), (bv(w, depth - 1), bv(w, depth - 1)), (), w)
        if choice == 5:
            return t.mk(Op.ITE, (boolean(depth - 1), bv(w, depth - 1), bv(w, depth - 1)), (), w)
        if choice == 6:
            n = draw(st.integers(1, 4))
            tt = draw(st.integers(0, (1 << (1 << n)) - 1))
            return t.mk(Op.BITFUN, tuple(bv(w, depth - 1) for _ in range(n)), (tt,), w)
        if choice == 7:
            src = draw(st.sampled_from([x for x in QUERY_WIDTHS if x >= w]))
            lo = draw(st.integers(0, src - w))
            return t.mk(Op.EXTRACT, (bv(src, depth - 1),), (lo + w - 1, lo), w)
        if choice == 8 and w > 1:
            split = draw(st.integers(1, w - 1))
            return t.mk(Op.CONCAT, (bv(w - split, depth - 1), bv(split, depth - 1)), (), w)
        smaller = [x for x in QUERY_WIDTHS if x < w]
        if smaller:
            src = draw(st.sampled_from(smaller))
            return t.mk(Op.SEXT, (bv(src, depth - 1),), (w - src,), w)
        return t.var(f"{draw(st.sampled_from(names))}{w}", w)

    def boolean(depth: int) -> Term:
        choice = draw(st.integers(0, 4 if depth > 0 else 0))
        if choice == 0:
            return t.var(f"b{draw(st.sampled_from(names))}", 0)
        if choice == 1:
            w = draw(st.sampled_from(QUERY_WIDTHS))
            op = draw(st.sampled_from((Op.EQ,) + COMPARISONS))
            return t.mk(op, (bv(w, depth - 1), bv(w, depth - 1)), (), 0)
        if choice == 2:
            return t.mk(Op.NOT, (boolean(depth - 1),), (), 0)
        if choice == 3:
            op = draw(st.sampled_from((Op.AND, Op.OR)))
            return t.mk(op, tuple(boolean(depth - 1) for _ in range(draw(st.integers(1, 3)))), (), 0)
        return t.mk(Op.XOR, (boolean(depth - 1), boolean(depth - 1)), (), 0)

    assertions = [boolean(draw(st.integers(1, 4))) for _ in range(draw(st.integers(1, 3)))]
    return t, assertions
