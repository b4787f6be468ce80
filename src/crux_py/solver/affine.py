"""GF(2)-affine forms of terms: deciding xor circuits without a SAT solver.

CRCs, LFSRs and linear lookup tables compute each output bit as the xor of
some input bits. Two such implementations (a table-driven CRC and the bitwise
one) are equal, but SAT solvers are notoriously bad at proving it: on four
bytes of CRC-32, Z3 times out. Over GF(2) the question is linear algebra.

Every bit of every node gets a form: an int whose bit 0 is the constant 1
and whose bit `k > 0` is atom `k`. An atom is bit `j` of a variable, or bit
`j` of a node this module does not see through (an addition with carries, a
comparison, ...): atoms are exact by definition, so each form denotes the
node's bit exactly, for every assignment. Two nodes whose forms coincide
are equal; a Bool node whose form is 0 is false everywhere, and a query
with such a conjunct is unsatisfiable.

The rules only ever replace a bit by what it equals: bitwise functions whose
table is affine once constant leaves are fixed, shifts and extracts by
constants, carry-free sums, an ite whose arms are constant at a bit, an
equality that differs in one bit. Everything else becomes an atom.
"""

from __future__ import annotations

from collections.abc import Sequence

from crux_py.term.nodes import Op, Term

ONE = 1
"""The form of the constant 1 (bit 0 is the constant term)."""

MAX_BIT_FORMS = 2_000_000
"""How many bit forms one analysis may compute before it gives up (a query
that large is not a xor circuit worth the time)."""

Forms = tuple[int, ...]


class TooLarge(Exception):
    """The analysis went past `MAX_BIT_FORMS`."""


def _is_const(form: int) -> bool:
    return form <= ONE


def affine_table(tt: int, n: int) -> tuple[int, ...] | None:
    """`(c0, c1, ..., cn)` if the table of `n` inputs is `c0 ^ c1&x1 ^ ...`, else None."""
    c0 = tt & 1
    coefs = tuple(((tt >> (1 << i)) & 1) ^ c0 for i in range(n))
    for m in range(1 << n):
        v = c0
        for i in range(n):
            if (m >> i) & 1:
                v ^= coefs[i]
        if (tt >> m) & 1 != v:
            return None
    return (c0, *coefs)


class AffineForms:
    """The forms of the nodes of one query (memoised by term id)."""

    def __init__(self, limit: int = MAX_BIT_FORMS) -> None:
        self._atoms: dict[tuple[int, int], int] = {}
        self._memo: dict[int, Forms] = {}
        self._budget = limit

    def atom(self, t: Term, j: int) -> int:
        index = self._atoms.setdefault((t.tid, j), len(self._atoms) + 1)
        return 1 << index

    def forms(self, term: Term) -> Forms:
        """The forms of `term`'s bits, least significant first (one for a Bool)."""
        stack: list[tuple[Term, bool]] = [(term, False)]
        while stack:
            t, expanded = stack.pop()
            if t.tid in self._memo:
                continue
            if expanded or not t.args:
                self._memo[t.tid] = self._node(t, [self._memo[a.tid] for a in t.args])
            else:
                stack.append((t, True))
                stack.extend((a, False) for a in t.args if a.tid not in self._memo)
        return self._memo[term.tid]

    def _atoms_of(self, t: Term) -> Forms:
        return tuple(self.atom(t, j) for j in range(max(1, t.width)))

    def _node(self, t: Term, a: list[Forms]) -> Forms:
        self._budget -= max(1, t.width)
        if self._budget < 0:
            raise TooLarge
        op, w = t.op, t.width
        if op is Op.CONST:
            v = int(t.value)
            return tuple(ONE if (v >> j) & 1 else 0 for j in range(max(1, w)))
        if op is Op.VAR:
            return self._atoms_of(t)
        if op is Op.NOT or op is Op.BVNOT:
            return tuple(f ^ ONE for f in a[0])
        if op is Op.XOR or op is Op.BVXOR:
            return tuple(_xor(bits) for bits in zip(*a))
        if op in (Op.AND, Op.OR, Op.BVAND, Op.BVOR):
            absorbing = 0 if op in (Op.AND, Op.BVAND) else ONE
            return tuple(self._junction(t, j, bits, absorbing) for j, bits in enumerate(zip(*a)))
        if op is Op.BITFUN:
            return tuple(self._bitfun(t, j, t.params[0], bits) for j, bits in enumerate(zip(*a)))  # type: ignore[arg-type]
        if op is Op.EQ:
            return (self._equal(t, a[0], a[1]),)
        if op is Op.ITE:
            return tuple(self._ite(t, j, a[0][0], x, y) for j, (x, y) in enumerate(zip(a[1], a[2])))
        if op is Op.EXTRACT:
            hi, lo = t.params
            return a[0][lo:hi + 1]  # type: ignore[misc]
        if op is Op.CONCAT:
            return tuple(f for part in reversed(a) for f in part)
        if op is Op.SEXT:
            return a[0] + (a[0][-1],) * t.params[0]  # type: ignore[operator]
        if op in (Op.SHL, Op.LSHR, Op.ASHR) and all(_is_const(f) for f in a[1]):
            return _shift(op, a[0], _value(a[1]))
        if op is Op.NEG and all(f == 0 for f in a[0][1:]):
            return (a[0][0],) * w  # -0 is 0 and -1 is all ones
        if op is Op.ADD and _carry_free(a):
            return tuple(_xor(bits) for bits in zip(*a))
        if op is Op.MUL:
            shifted = _times_power_of_two(a, w)
            if shifted is not None:
                return shifted
        return self._atoms_of(t)

    def _junction(self, t: Term, j: int, bits: Sequence[int], absorbing: int) -> int:
        if absorbing in bits:
            return absorbing
        rest = {f for f in bits if f != absorbing ^ ONE}
        if not rest:
            return absorbing ^ ONE
        return rest.pop() if len(rest) == 1 else self.atom(t, j)

    def _bitfun(self, t: Term, j: int, tt: int, bits: Sequence[int]) -> int:
        # Fix the constant leaves at this bit, then read the table over the rest.
        free = [i for i, f in enumerate(bits) if not _is_const(f)]
        fixed = sum(1 << i for i, f in enumerate(bits) if f == ONE)
        reduced = 0
        for m in range(1 << len(free)):
            point = fixed | sum(1 << i for k, i in enumerate(free) if (m >> k) & 1)
            reduced |= ((tt >> point) & 1) << m
        coefs = affine_table(reduced, len(free))
        if coefs is None:
            return self.atom(t, j)
        form = ONE if coefs[0] else 0
        for c, i in zip(coefs[1:], free):
            if c:
                form ^= bits[i]
        return form

    def _equal(self, t: Term, x: Forms, y: Forms) -> int:
        diff = [f ^ g for f, g in zip(x, y)]
        if ONE in diff:
            return 0
        open_bits = [d for d in diff if d]
        if not open_bits:
            return ONE
        if len(open_bits) == 1:
            return open_bits[0] ^ ONE
        return self.atom(t, 0)

    def _ite(self, t: Term, j: int, c: int, x: int, y: int) -> int:
        if x == y:
            return x
        if c == ONE or c == 0:
            return x if c == ONE else y
        if _is_const(x) and _is_const(y):
            return c if x == ONE else c ^ ONE
        return self.atom(t, j)


def _xor(bits: Sequence[int]) -> int:
    form = 0
    for f in bits:
        form ^= f
    return form


def _value(forms: Forms) -> int:
    return sum(1 << j for j, f in enumerate(forms) if f == ONE)


def _shift(op: Op, x: Forms, s: int) -> Forms:
    w = len(x)
    if op is Op.SHL:
        return tuple(x[j - s] if s <= j else 0 for j in range(w))
    if op is Op.LSHR:
        return tuple(x[j + s] if j + s < w else 0 for j in range(w))
    return tuple(x[min(j + s, w - 1)] for j in range(w))


def _carry_free(a: list[Forms]) -> bool:
    """No two operands can have a one at the same bit, so their sum is their xor."""
    seen = 0
    for forms in a:
        maybe = sum(1 << j for j, f in enumerate(forms) if f)
        if seen & maybe:
            return False
        seen |= maybe
    return True


def _times_power_of_two(a: list[Forms], w: int) -> Forms | None:
    variable = [f for f in a if not all(_is_const(b) for b in f)]
    if len(variable) > 1:
        return None
    factor = 1
    for f in a:
        if f not in variable:
            factor = factor * _value(f) % (1 << w)
    if not variable:
        return tuple(ONE if (factor >> j) & 1 else 0 for j in range(w))
    if factor == 0:
        return (0,) * w
    s = (factor & -factor).bit_length() - 1
    return _shift(Op.SHL, variable[0], s) if factor == 1 << s else None


def refuted(query: Sequence[Term], limit: int = MAX_BIT_FORMS) -> bool:
    """Whether some conjunct of `query` is false for every assignment."""
    forms = AffineForms(limit)
    try:
        return any(t.is_bool and forms.forms(t) == (0,) for t in query)
    except TooLarge:
        return False
