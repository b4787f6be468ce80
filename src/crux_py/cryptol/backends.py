"""The scalar operations of Cryptol evaluation, concrete and symbolic.

The evaluator (`eval.py`, `ops.py`, `prelude*.py`) is written once against
`Backend`: it handles structure (sequences, tuples, functions, laziness) and
asks the backend for everything on bits and words. Word operations come from
factories specialised by width (`word_op("add", 32)` returns a two-argument
function), which keeps the concrete hot path to one Python call.

* `ConcreteBackend`: a bit is `bool`, a word `[n]` an `int` in `[0, 2**n)`.
* `SymbolicBackend(ctx)`: a bit is `bool` or a Bool `Term`, a word an `int`
  when known or a BV `Term` of exactly n bits (n >= 1; a 0-bit word is `0`).
  Constants never become terms: an operation on ints computes an int, and a
  term that simplifies to a constant is returned as an int or bool.

Run-time failures go through `fail`/`require`: the concrete backend raises
`CryptolEvalError`; the symbolic one raises when the failure is certain on
the current path and otherwise records an `Obligation` (a condition that must
hold, guarded by the path condition of enclosing symbolic `if`s) in
`obligations`, for the caller to prove. Symbolic `Integer`s are not supported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from crux_py.errors import CryptolEvalError
from crux_py.source import SourceSpan
from crux_py.term.context import TermContext
from crux_py.term.nodes import Op, Term


@dataclass(frozen=True, slots=True)
class Obligation:
    """A side condition of a symbolic evaluation: `cond` must be true."""

    cond: Any
    message: str
    span: SourceSpan | None


def _signed(v: int, n: int) -> int:
    return v - (1 << n) if v >> (n - 1) else v


def _concrete_word_op(op: str, n: int, span: SourceSpan | None) -> Callable:
    m = (1 << n) - 1
    if op == "add":
        return lambda a, b: (a + b) & m
    if op == "sub":
        return lambda a, b: (a - b) & m
    if op == "mul":
        return lambda a, b: (a * b) & m
    if op == "neg":
        return lambda a: -a & m
    if op == "and":
        return lambda a, b: a & b
    if op == "or":
        return lambda a, b: a | b
    if op == "xor":
        return lambda a, b: a ^ b
    if op == "not":
        return lambda a: a ^ m
    if op in ("udiv", "urem", "sdiv", "srem"):
        def div(a: int, b: int) -> int:
            if b == 0:
                raise CryptolEvalError("division by zero", span)
            if op == "udiv":
                return a // b
            if op == "urem":
                return a % b
            sa, sb = _signed(a, n), _signed(b, n)
            q = abs(sa) // abs(sb)
            if op == "sdiv":
                return (-q if (sa < 0) != (sb < 0) else q) & m
            r = abs(sa) - q * abs(sb)
            return (-r if sa < 0 else r) & m
        return div
    if op == "eq":
        return lambda a, b: a == b
    if op == "ult":
        return lambda a, b: a < b
    if op == "ule":
        return lambda a, b: a <= b
    if op == "slt":
        return lambda a, b: _signed(a, n) < _signed(b, n)
    if op == "sle":
        return lambda a, b: _signed(a, n) <= _signed(b, n)
    raise ValueError(f"unknown word operation {op}")


class ConcreteBackend:
    """Python ints and bools."""

    symbolic = False

    def __init__(self) -> None:
        self._ops: dict[tuple, Callable] = {}
        self.cache: dict[Any, Any] = {}  # compiled code, owned by eval.py

    # ---- bits -----------------------------------------------------------------------------------
    @staticmethod
    def bit_value(b: Any) -> bool | None:
        return b

    @staticmethod
    def b_not(a: bool) -> bool:
        return not a

    @staticmethod
    def b_and(a: bool, b: bool) -> bool:
        return a and b

    @staticmethod
    def b_or(a: bool, b: bool) -> bool:
        return a or b

    @staticmethod
    def b_xor(a: bool, b: bool) -> bool:
        return a != b

    @staticmethod
    def b_eq(a: bool, b: bool) -> bool:
        return a == b

    @staticmethod
    def b_ite(c: bool, a: bool, b: bool) -> bool:
        return a if c else b

    # ---- words ----------------------------------------------------------------------------------
    @staticmethod
    def word_value(w: Any) -> int | None:
        return w

    def word_op(self, op: str, n: int, span: SourceSpan | None = None) -> Callable:
        key = (op, n, span if op in ("udiv", "urem", "sdiv", "srem") else None)
        f = self._ops.get(key)
        if f is None:
            f = self._ops[key] = _concrete_word_op(op, n, span) if n else _zero_width(op)
        return f

    @staticmethod
    def w_ite(c: bool, a: int, b: int, n: int) -> int:
        return a if c else b

    @staticmethod
    def w_concat(a: int, na: int, b: int, nb: int) -> int:
        return (a << nb) | b

    @staticmethod
    def w_concat_many(parts: list, each: int) -> int:
        v = 0
        for p in parts:
            v = (v << each) | p
        return v

    @staticmethod
    def w_extract(a: int, lo: int, width: int) -> int:
        return (a >> lo) & ((1 << width) - 1)

    @staticmethod
    def w_bit(a: int, n: int, i: int) -> bool:
        return bool((a >> (n - 1 - i)) & 1)

    @staticmethod
    def w_from_bits(bits: list) -> int:
        v = 0
        for b in bits:
            v = (v << 1) | (1 if b else 0)
        return v

    @staticmethod
    def w_shift(op: str, a: int, n: int, amount: int) -> int:
        """Shift or rotate a word by a concrete amount (`shl`, `lshr`, `ashr`, `rotl`, `rotr`)."""
        return _shift_int(op, a, n, amount)

    @staticmethod
    def w_sext(a: int, n: int, m: int) -> int:
        return _signed(a, n) & ((1 << m) - 1) if n else 0

    # ---- failures -------------------------------------------------------------------------------
    @staticmethod
    def fail(message: str, span: SourceSpan | None) -> None:
        raise CryptolEvalError(message, span)

    @staticmethod
    def require(cond: Any, message: str, span: SourceSpan | None) -> None:
        if not cond:
            raise CryptolEvalError(message, span)

    @staticmethod
    def feasible(c: Any) -> bool:
        return c is not False

    @staticmethod
    def push_path(c: Any) -> Any:
        return None

    @staticmethod
    def pop_path(token: Any) -> None:
        return None


def _zero_width(op: str) -> Callable:
    if op in ("eq", "ule"):
        return lambda a, b: True
    if op in ("ult", "slt", "sle"):
        return lambda a, b: op == "sle"
    if op in ("neg", "not"):
        return lambda a: 0
    return lambda a, b: 0


def _shift_int(op: str, a: int, n: int, k: int) -> int:
    if n == 0:
        return 0
    m = (1 << n) - 1
    if op == "shl":
        return (a << k) & m if k < n else 0
    if op == "lshr":
        return a >> k if k < n else 0
    if op == "ashr":
        return (_signed(a, n) >> min(k, n)) & m
    k %= n
    if op == "rotr":
        k = (n - k) % n
    return ((a << k) | (a >> (n - k))) & m if k else a


class SymbolicBackend(ConcreteBackend):
    """Ints and bools when known, terms of `ctx` otherwise."""

    symbolic = True

    def __init__(self, ctx: TermContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.obligations: list[Obligation] = []
        self.path: Any = True

    # ---- conversions ----------------------------------------------------------------------------
    def bv(self, x: Any, n: int) -> Term:
        return self.ctx.bv_const(x, n) if type(x) is int else x

    def bt(self, x: Any) -> Term:
        return self.ctx.bool_const(x) if type(x) is bool else x

    @staticmethod
    def un(t: Term) -> Any:
        return t.params[0] if t.op is Op.CONST else t

    def bit_value(self, b: Any) -> bool | None:
        return b if type(b) is bool else None

    def word_value(self, w: Any) -> int | None:
        return w if type(w) is int else None

    # ---- bits -----------------------------------------------------------------------------------
    def b_not(self, a: Any) -> Any:
        return (not a) if type(a) is bool else self.un(self.ctx.not_(a))

    def b_and(self, a: Any, b: Any) -> Any:
        if type(a) is bool:
            return b if a else False
        if type(b) is bool:
            return a if b else False
        return self.un(self.ctx.and_(a, b))

    def b_or(self, a: Any, b: Any) -> Any:
        if type(a) is bool:
            return True if a else b
        if type(b) is bool:
            return True if b else a
        return self.un(self.ctx.or_(a, b))

    def b_xor(self, a: Any, b: Any) -> Any:
        if type(a) is bool and type(b) is bool:
            return a != b
        return self.un(self.ctx.xor(self.bt(a), self.bt(b)))

    def b_eq(self, a: Any, b: Any) -> Any:
        return self.b_not(self.b_xor(a, b))

    def b_ite(self, c: Any, a: Any, b: Any) -> Any:
        if type(c) is bool:
            return a if c else b
        if a is b or (type(a) is bool and type(b) is bool and a == b):
            return a
        return self.un(self.ctx.ite(c, self.bt(a), self.bt(b)))

    # ---- words ----------------------------------------------------------------------------------
    def word_op(self, op: str, n: int, span: SourceSpan | None = None) -> Callable:
        key = (op, n, span if op in ("udiv", "urem", "sdiv", "srem") else None)
        f = self._ops.get(key)
        if f is None:
            f = self._ops[key] = self._make_word_op(op, n, span) if n else _zero_width(op)
        return f

    def _make_word_op(self, op: str, n: int, span: SourceSpan | None) -> Callable:
        conc = _concrete_word_op(op, n, span)
        ctx, bv, un = self.ctx, self.bv, self.un
        if op in ("neg", "not"):
            term1 = {"neg": ctx.neg, "not": ctx.bvnot}[op]
            return lambda a: conc(a) if type(a) is int else un(term1(a))
        if op in ("udiv", "urem", "sdiv", "srem"):
            term_div = {"udiv": ctx.udiv, "urem": ctx.urem, "sdiv": ctx.sdiv, "srem": ctx.srem}[op]

            def div(a: Any, b: Any) -> Any:
                if type(a) is int and type(b) is int:
                    return conc(a, b)
                if type(b) is int:
                    if b == 0:
                        self.fail("division by zero", span)
                        return 0
                else:
                    self.require(self.b_not(self.un(ctx.eq(b, ctx.bv_const(0, n)))), "division by zero", span)
                return un(term_div(bv(a, n), bv(b, n)))
            return div
        term2 = {"add": ctx.add, "sub": ctx.sub, "mul": ctx.mul, "and": ctx.bvand, "or": ctx.bvor,
                 "xor": ctx.bvxor, "eq": ctx.eq, "ult": ctx.ult, "ule": ctx.ule, "slt": ctx.slt,
                 "sle": ctx.sle}[op]

        def binop(a: Any, b: Any) -> Any:
            if type(a) is int and type(b) is int:
                return conc(a, b)
            return un(term2(bv(a, n), bv(b, n)))
        return binop

    def w_ite(self, c: Any, a: Any, b: Any, n: int) -> Any:
        if type(c) is bool:
            return a if c else b
        if a is b or (type(a) is int and type(b) is int and a == b) or n == 0:
            return a
        return self.un(self.ctx.ite(c, self.bv(a, n), self.bv(b, n)))

    def w_concat(self, a: Any, na: int, b: Any, nb: int) -> Any:
        if type(a) is int and type(b) is int:
            return (a << nb) | b
        if nb == 0:
            return a
        if na == 0:
            return b
        return self.un(self.ctx.concat(self.bv(a, na), self.bv(b, nb)))

    def w_concat_many(self, parts: list, each: int) -> Any:
        if each == 0 or all(type(p) is int for p in parts):
            return ConcreteBackend.w_concat_many(parts, each)
        return self.un(self.ctx.concat(*[self.bv(p, each) for p in parts]))

    def w_extract(self, a: Any, lo: int, width: int) -> Any:
        if type(a) is int:
            return (a >> lo) & ((1 << width) - 1)
        if width == 0:
            return 0
        return self.un(self.ctx.extract(a, lo + width - 1, lo))

    def w_bit(self, a: Any, n: int, i: int) -> Any:
        if type(a) is int:
            return bool((a >> (n - 1 - i)) & 1)
        k = n - 1 - i
        return self.un(self.ctx.eq(self.ctx.extract(a, k, k), self.ctx.bv_const(1, 1)))

    def w_from_bits(self, bits: list) -> Any:
        if all(type(b) is bool for b in bits):
            return ConcreteBackend.w_from_bits(bits)
        one, zero = self.ctx.bv_const(1, 1), self.ctx.bv_const(0, 1)
        parts = [one if b is True else zero if b is False else self.ctx.ite(b, one, zero) for b in bits]
        return self.un(self.ctx.concat(*parts))

    def w_shift(self, op: str, a: Any, n: int, amount: int) -> Any:
        if type(a) is int:
            return _shift_int(op, a, n, amount)
        if n == 0:
            return 0
        ctx = self.ctx
        if op in ("rotl", "rotr"):
            return self.un(ctx.rotl(a, amount) if op == "rotl" else ctx.rotr(a, amount))
        k = min(amount, n)
        term = {"shl": ctx.shl, "lshr": ctx.lshr, "ashr": ctx.ashr}[op]
        return self.un(term(a, ctx.bv_const(k, n))) if k < n or op == "ashr" else 0

    def w_sext(self, a: Any, n: int, m: int) -> Any:
        if type(a) is int:
            return ConcreteBackend.w_sext(a, n, m)
        return self.un(self.ctx.sext(a, m - n)) if m > n else a

    # ---- failures and paths ---------------------------------------------------------------------
    def fail(self, message: str, span: SourceSpan | None) -> None:
        """The current path reaches a failure: certain failure raises, else `not path` is an obligation."""
        if self.path is True:
            raise CryptolEvalError(message, span)
        if self.path is not False:  # a path known to be infeasible cannot fail
            self.obligations.append(Obligation(self.b_not(self.path), message, span))

    def feasible(self, c: Any) -> bool:
        """False when `c` cannot hold on the current path (by simplification alone)."""
        return self.b_and(self.path, c) is not False

    def require(self, cond: Any, message: str, span: SourceSpan | None) -> None:
        if cond is True:
            return
        if cond is False:
            self.fail(message, span)
            return
        guarded = cond if self.path is True else self.b_or(self.b_not(self.path), cond)
        if guarded is not True:
            self.obligations.append(Obligation(guarded, message, span))

    def push_path(self, c: Any) -> Any:
        old = self.path
        self.path = self.b_and(old, c)
        return old

    def pop_path(self, token: Any) -> None:
        self.path = token


class Backend(Protocol):
    """What the evaluator asks of a backend (implemented by `ConcreteBackend`, `SymbolicBackend`).

    Bits and words are opaque to the evaluator except through these methods;
    `bit_value`/`word_value` give the Python value when it is known.
    """

    symbolic: bool
    cache: dict[Any, Any]

    def bit_value(self, b: Any) -> bool | None: ...
    def b_not(self, a: Any) -> Any: ...
    def b_and(self, a: Any, b: Any) -> Any: ...
    def b_or(self, a: Any, b: Any) -> Any: ...
    def b_xor(self, a: Any, b: Any) -> Any: ...
    def b_eq(self, a: Any, b: Any) -> Any: ...
    def b_ite(self, c: Any, a: Any, b: Any) -> Any: ...
    def word_value(self, w: Any) -> int | None: ...
    def word_op(self, op: str, n: int, span: SourceSpan | None = None) -> Callable: ...
    def w_ite(self, c: Any, a: Any, b: Any, n: int) -> Any: ...
    def w_concat(self, a: Any, na: int, b: Any, nb: int) -> Any: ...
    def w_concat_many(self, parts: list, each: int) -> Any: ...
    def w_extract(self, a: Any, lo: int, width: int) -> Any: ...
    def w_bit(self, a: Any, n: int, i: int) -> Any: ...
    def w_from_bits(self, bits: list) -> Any: ...
    def w_shift(self, op: str, a: Any, n: int, amount: int) -> Any: ...
    def w_sext(self, a: Any, n: int, m: int) -> Any: ...
    def fail(self, message: str, span: SourceSpan | None) -> None: ...
    def require(self, cond: Any, message: str, span: SourceSpan | None) -> None: ...
    def feasible(self, c: Any) -> bool: ...
    def push_path(self, c: Any) -> Any: ...
    def pop_path(self, token: Any) -> None: ...


CONCRETE = ConcreteBackend()
