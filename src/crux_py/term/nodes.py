"""Hash-consed term nodes and the per-proof table that interns them.

A `Term` is an immutable node of a Bool (`width == 0`) or bit-vector
(`width > 0`) expression. Terms are created only through a `TermContext`
(`term/context.py`), which interns them: structurally equal terms are the
same object, so `is` is equality and hashing is by identity. `mk` here is the
raw constructor; the simplifying smart constructors are the context's
methods. Each bit-vector term carries a sound unsigned interval `[lo, hi]` of
its value, used to fold comparisons.

Operator meanings follow SMT-LIB (QF_BV); see `term/concrete.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import final


class Op(str, Enum):
    # leaves
    CONST = "const"      # params=(value,): bool for width 0, else int in [0, 2**width)
    VAR = "var"          # params=(name,)
    # Bool-valued
    NOT = "not"
    AND = "and"          # n-ary
    OR = "or"            # n-ary
    XOR = "xor"          # binary, Bool operands
    EQ = "="             # Bool or BV operands of one sort
    ULT = "bvult"
    ULE = "bvule"
    SLT = "bvslt"
    SLE = "bvsle"
    # Bool or BV valued
    ITE = "ite"          # (cond, then, else)
    # BV-valued
    ADD = "bvadd"        # n-ary
    MUL = "bvmul"        # n-ary
    NEG = "bvneg"
    BVAND = "bvand"      # n-ary; only for functions of more than 4 leaves
    BVOR = "bvor"        # n-ary; idem
    BVXOR = "bvxor"      # n-ary; idem
    BVNOT = "bvnot"      # only above a >4-leaf bitwise node
    BITFUN = "bitfun"    # params=(truth_table,); args = 1..4 leaves (see term/bitwise.py)
    SHL = "bvshl"
    LSHR = "bvlshr"
    ASHR = "bvashr"
    UDIV = "bvudiv"
    UREM = "bvurem"
    SDIV = "bvsdiv"
    SREM = "bvsrem"
    EXTRACT = "extract"  # params=(hi, lo), inclusive bit indices
    CONCAT = "concat"    # n-ary; args[0] holds the most significant bits
    SEXT = "sign_extend" # params=(extra_bits,)


@final
@dataclass(frozen=True, slots=True, eq=False)
class Term:
    """An interned term. Compare with `is`; never construct directly."""

    op: Op
    args: tuple[Term, ...]
    params: tuple[object, ...]
    width: int
    tid: int
    lo: int
    hi: int

    @property
    def is_bool(self) -> bool:
        return self.width == 0

    @property
    def is_const(self) -> bool:
        return self.op is Op.CONST

    @property
    def value(self) -> int | bool:
        """The value of a constant term."""
        assert self.op is Op.CONST, self
        return self.params[0]  # type: ignore[return-value]

    @property
    def name(self) -> str:
        """The name of a variable term."""
        assert self.op is Op.VAR, self
        return self.params[0]  # type: ignore[return-value]

    def __repr__(self) -> str:
        from crux_py.term.printer import format_term  # printer imports nodes; avoid a cycle

        return format_term(self, max_depth=6)


class TermTable:
    """The interning table of one proof context; the raw, non-simplifying layer."""

    __slots__ = ("_table", "_vars", "_next_id")

    def __init__(self) -> None:
        self._table: dict[tuple[object, ...], Term] = {}
        self._vars: dict[str, Term] = {}
        self._next_id = 0

    def mk(self, op: Op, args: tuple[Term, ...], params: tuple[object, ...], width: int,
           lo: int = 0, hi: int | None = None) -> Term:
        """Intern a node as given, without simplification.

        `lo`/`hi` is the unsigned interval of a BV node (defaults to the full
        range); callers must only narrow it soundly.
        """
        # The width belongs in the key: constants of equal value but different
        # widths (and False vs a BV zero, since False == 0) are different terms.
        key = (op, params, args, width)
        term = self._table.get(key)
        if term is None:
            if hi is None:
                hi = (1 << width) - 1 if width else 1
            term = Term(op, args, params, width, self._next_id, lo, hi)
            self._next_id += 1
            self._table[key] = term
        return term

    def const(self, value: int | bool, width: int) -> Term:
        if width == 0:
            b = bool(value)
            return self.mk(Op.CONST, (), (b,), 0, int(b), int(b))
        v = int(value) & ((1 << width) - 1)
        return self.mk(Op.CONST, (), (v,), width, v, v)

    def var(self, name: str, width: int) -> Term:
        """The variable `name`; a name has one width per context."""
        term = self._vars.get(name)
        if term is None:
            term = self.mk(Op.VAR, (), (name,), width)
            self._vars[name] = term
        elif term.width != width:
            raise ValueError(f"variable {name!r} already has width {term.width}, not {width}")
        return term

    def variables(self) -> dict[str, Term]:
        return dict(self._vars)

    def __len__(self) -> int:
        return len(self._table)
