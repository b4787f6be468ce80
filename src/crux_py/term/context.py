"""`TermContext`: the simplifying smart constructors of one proof context.

Every term the engine builds goes through these methods, which apply the
rewrites of DESIGN §4 as the term is built (constant folding, identities,
AC normalisation, extract/concat algebra, low-bits narrowing, truth-table
canonicalisation of bitwise functions, ite and comparison folding). The
rewrite rules themselves live in `term/arith.py`, `term/bitwise.py`,
`term/slices.py` and `term/logic.py`, the intervals of new nodes in
`term/intervals.py`; this class is their single entry point. Beyond the
SMT-LIB operators it offers `bitfun` (a bitwise function given by its truth
table) and `node` (raw interning with a sound interval, for rule modules).

Some operators have no node of their own: Bool `eq(a, b)` is `not (a xor b)`,
`ule(a, b)` is `not ult(b, a)`, `sle(a, b)` is `not slt(b, a)`, and a
bitwise and/or/xor/not of at most four leaves is one BITFUN node.

Conventions: Bool terms have width 0; BV operands of binary operators have
equal widths; `concat(a, b, ...)` puts `a` in the most significant bits;
division and shifts follow SMT-LIB (x/0 = all ones, x%0 = x, over-wide
shifts give 0 or the sign fill). Width mismatches are caller bugs and
raise `InternalError`.
"""

from __future__ import annotations

from crux_py.term import arith, bitwise, disjoint, logic, slices
from crux_py.term.nodes import Op, Term, TermTable


class TermContext(TermTable):
    """Interning table plus smart constructors. One per proof."""

    def __init__(self) -> None:
        super().__init__()
        # Rewrite memos keyed by term id; terms live as long as the context.
        self._extract_memo: dict[tuple[int, int, int], Term] = {}
        self._scaled_memo: dict[int, tuple[int, Term]] = {}
        self._multiple_memo: dict[tuple[int, int], Term] = {}
        self._widened_memo: dict[int, bool] = {}

    def node(self, op: Op, args: tuple[Term, ...], params: tuple[object, ...], width: int,
             lo: int, hi: int) -> Term:
        """Intern a BV node whose values all lie in `[lo, hi]` (which must be
        sound); a single possible value gives that constant instead."""
        if lo == hi:
            return self.const(lo, width)
        return self.mk(op, args, params, width, lo, hi)

    # ---- leaves -------------------------------------------------------------
    @property
    def true(self) -> Term:
        return self.const(True, 0)

    @property
    def false(self) -> Term:
        return self.const(False, 0)

    def bool_const(self, value: bool) -> Term:
        return self.const(value, 0)

    def bv_const(self, value: int, width: int) -> Term:
        """`value` modulo 2**width (negative values in two's complement)."""
        if width <= 0:
            raise ValueError("bit-vector width must be positive")
        return self.const(value, width)

    # ---- Bool ---------------------------------------------------------------
    def not_(self, a: Term) -> Term:
        return logic.not_(self, a)

    def and_(self, *args: Term) -> Term:
        return logic.and_(self, args)

    def or_(self, *args: Term) -> Term:
        return logic.or_(self, args)

    def xor(self, a: Term, b: Term) -> Term:
        return logic.xor(self, a, b)

    def implies(self, a: Term, b: Term) -> Term:
        return self.or_(self.not_(a), b)

    def ite(self, c: Term, a: Term, b: Term) -> Term:
        """If-then-else over Bool or BV branches of one sort."""
        return logic.ite(self, c, a, b)

    def eq(self, a: Term, b: Term) -> Term:
        """Equality; on Bool operands it is built as `not (a xor b)`."""
        return logic.eq(self, a, b)

    def ne(self, a: Term, b: Term) -> Term:
        return self.not_(self.eq(a, b))

    def ult(self, a: Term, b: Term) -> Term:
        return logic.ult(self, a, b)

    def ule(self, a: Term, b: Term) -> Term:
        """Built as `not ult(b, a)`."""
        return logic.ule(self, a, b)

    def slt(self, a: Term, b: Term) -> Term:
        return logic.slt(self, a, b)

    def sle(self, a: Term, b: Term) -> Term:
        """Built as `not slt(b, a)`."""
        return logic.sle(self, a, b)

    # ---- BV arithmetic ------------------------------------------------------
    def add(self, *args: Term) -> Term:
        return arith.add(self, args)

    def sub(self, a: Term, b: Term) -> Term:
        return self.add(a, self.neg(b))

    def neg(self, a: Term) -> Term:
        return arith.neg(self, a)

    def merge_disjoint(self, summands: list[tuple[Term, int]], width: int) -> list[tuple[Term, int]] | None:
        """For rule modules: `arith.add`'s summands with carry-free pairs combined."""
        return disjoint.merge_disjoint(self, summands, width)

    def mul(self, *args: Term) -> Term:
        return arith.mul(self, args)

    def udiv(self, a: Term, b: Term) -> Term:
        return arith.udiv(self, a, b)

    def urem(self, a: Term, b: Term) -> Term:
        return arith.urem(self, a, b)

    def sdiv(self, a: Term, b: Term) -> Term:
        return arith.sdiv(self, a, b)

    def srem(self, a: Term, b: Term) -> Term:
        return arith.srem(self, a, b)

    # ---- BV bitwise ---------------------------------------------------------
    def bvand(self, *args: Term) -> Term:
        return bitwise.bitop(self, Op.BVAND, args)

    def bvor(self, *args: Term) -> Term:
        return bitwise.bitop(self, Op.BVOR, args)

    def bvxor(self, *args: Term) -> Term:
        return bitwise.bitop(self, Op.BVXOR, args)

    def bvnot(self, a: Term) -> Term:
        return bitwise.bvnot(self, a)

    def bitfun(self, tt: int, *args: Term) -> Term:
        """The bitwise function with truth table `tt` of 1..4 operands
        (bit `m` of `tt` is the result when operand `i` has bit `(m >> i) & 1`;
        see `term/truthtable.py`)."""
        return bitwise.apply_table(self, tt, args)

    def shl(self, a: Term, b: Term) -> Term:
        return bitwise.shl(self, a, b)

    def lshr(self, a: Term, b: Term) -> Term:
        return bitwise.lshr(self, a, b)

    def ashr(self, a: Term, b: Term) -> Term:
        return bitwise.ashr(self, a, b)

    def rotl(self, a: Term, k: int) -> Term:
        k %= a.width
        if k == 0:
            return a
        return self.concat(self.extract(a, a.width - k - 1, 0), self.extract(a, a.width - 1, a.width - k))

    def rotr(self, a: Term, k: int) -> Term:
        return self.rotl(a, -k % a.width)

    # ---- BV structure -------------------------------------------------------
    def extract(self, a: Term, hi: int, lo: int) -> Term:
        """Bits `hi` down to `lo` (inclusive) of `a`."""
        return slices.extract(self, a, hi, lo)

    def concat(self, *args: Term) -> Term:
        return slices.concat(self, args)

    def zext(self, a: Term, extra: int) -> Term:
        """Zero-extend by `extra` bits (a concat with a zero constant)."""
        if extra == 0:
            return a
        return self.concat(self.bv_const(0, extra), a)

    def sext(self, a: Term, extra: int) -> Term:
        return slices.sext(self, a, extra)
