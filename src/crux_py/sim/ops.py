"""Arithmetic and bitwise operators on simulator values (`BinOp`, `InplaceOp`, `UnaryOp`).

Ints and bools go to `pyint.py`, lists and tuples to `sequences.py`,
instances of user classes to their special methods (`dunders.py`);
comparisons are `compare.py`. An operation that Python would make raise
records its obligation through the simulator (`sim.check` / `sim.fail`)
before it computes.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import dunders, hexformat, listmethods, pyint, sequences, text
from crux_py.sim.compare import as_int, bool_term, is_intlike, negate, truth
from crux_py.sim.goals import GoalKind
from crux_py.sim.merge import make_text
from crux_py.sim.state import State
from crux_py.sim.typeerrors import type_error_or_unsupported
from crux_py.sim.values import Mux, Ref, SymBool, SymInt, TextVal, is_concrete
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

_PY_BINOPS = dunders.PY_OPERATORS

_INT_OPS = {
    "+": pyint.add, "-": pyint.sub, "*": pyint.mul, "&": pyint.bitand, "|": pyint.bitor,
    "^": pyint.bitxor,
}


def binop(sim: Simulator, st: State, op: str, a: object, b: object, span: SourceSpan) -> object:
    if isinstance(a, Mux):
        return sim.lift(st, a, lambda side, x: binop(sim, side, op, x, b, span))
    if isinstance(b, Mux):
        return sim.lift(st, b, lambda side, y: binop(sim, side, op, a, y, span))
    if dunders.involves_user(sim, st, a, b):
        return dunders.binary(sim, st, op, a, b, span)
    if op == "@":  # no builtin type has a matrix product
        return type_error_or_unsupported(sim, st, "operator @", _PY_BINOPS[op], (a, b), span)
    if is_intlike(a) and is_intlike(b):
        return _int_binop(sim, st, op, a, b, span)
    if isinstance(a, TextVal) or isinstance(b, TextVal) or (op == "%" and isinstance(a, str) and not is_concrete(b)):
        done = _text_binop(sim, st, op, a, b, span)
        if done is not NotImplemented:
            return done
    seq = sequences.binop(sim, st, op, a, b, span)
    if seq is not NotImplemented:
        return seq
    if is_concrete(a) and is_concrete(b):
        return sim.run_concrete(st, _PY_BINOPS[op], (a, b), span)
    return type_error_or_unsupported(sim, st, f"operator {op}", _PY_BINOPS[op], (a, b), span)


def _int_binop(sim: Simulator, st: State, op: str, a: object, b: object, span: SourceSpan) -> object:
    ctx = sim.ctx
    if op in ("&", "|", "^") and isinstance(a, (bool, SymBool)) and isinstance(b, (bool, SymBool)):
        if isinstance(a, bool) and isinstance(b, bool):
            return _PY_BINOPS[op](a, b)
        ta, tb = bool_term(sim, a), bool_term(sim, b)
        t = ctx.and_(ta, tb) if op == "&" else ctx.or_(ta, tb) if op == "|" else ctx.xor(ta, tb)
        return pyint.bool_of(ctx, t)
    x, y = as_int(sim, a), as_int(sim, b)
    if op in ("//", "%"):
        sim.check(st, pyint.compare(ctx, "!=", y, 0), GoalKind.PANIC,
                  "ZeroDivisionError: integer division or modulo by zero", span, "ZeroDivisionError")
        return pyint.floordiv(ctx, x, y) if op == "//" else pyint.mod(ctx, x, y)
    if op in ("<<", ">>"):
        sim.check(st, pyint.compare(ctx, ">=", y, 0), GoalKind.PANIC,
                  "ValueError: negative shift count", span, "ValueError")
        y = pyint.refine(ctx, y, 0, pyint.bounds(y)[1])
        if isinstance(x, int) and isinstance(y, int) and op == "<<" and y > pyint.MAX_SHIFT * 64:
            raise UnsupportedFeature(f"`<<` by {y} (result too large to model)", span)
        return pyint.lshift(ctx, x, y) if op == "<<" else pyint.rshift(ctx, x, y)
    if op == "**":
        if isinstance(y, SymInt) and y.lo < 0:
            negative = pyint.compare(ctx, "<", y, 0)
            if isinstance(negative, SymBool) and not sim.feasible((*st.pc, negative.term)):
                y = pyint.refine(ctx, y, 0, y.hi)  # not negative on this path (`x == 0 or 2 ** (n - 1)`)
        if isinstance(y, int) and y < 0 or isinstance(y, SymInt) and y.lo < 0:
            raise UnsupportedFeature("`**` with a negative exponent (gives a float)", span)
        if isinstance(x, int) and isinstance(y, int):
            return x**y
        try:
            return pyint.power(ctx, x, y)
        except UnsupportedFeature as e:
            raise UnsupportedFeature(e.construct, span, e.hint) from None
    return _INT_OPS[op](ctx, x, y)


def _text_binop(sim: Simulator, st: State, op: str, a: object, b: object, span: SourceSpan) -> object:
    if op == "+" and text.is_text(a) and text.is_text(b):
        return text.concat(a, b)  # type: ignore[arg-type]
    if op == "*" and isinstance(b, TextVal) and isinstance(a, int):
        a, b = b, a
    if op == "*" and isinstance(a, TextVal) and isinstance(b, int):
        return make_text(a.codes * b)
    if op == "%" and isinstance(a, str) and isinstance(b, (SymInt, SymBool, TextVal, tuple)):
        return hexformat.percent_format(sim, st, a, b, span)
    return NotImplemented  # a mapping for `%(key)s`, say: as before


def inplace(sim: Simulator, st: State, op: str, a: object, b: object, span: SourceSpan) -> object:
    if dunders.involves_user(sim, st, a, b):
        return dunders.inplace(sim, st, op, a, b, span)
    if isinstance(a, Ref):
        done = listmethods.inplace(sim, st, op, a, b, span)
        if done is not NotImplemented:
            return done
    return binop(sim, st, op, a, b, span)


def unaryop(sim: Simulator, st: State, op: str, a: object, span: SourceSpan) -> object:
    if isinstance(a, Mux):
        return sim.lift(st, a, lambda side, x: unaryop(sim, side, op, x, span))
    if op == "not":
        return negate(sim, truth(sim, st, a, span))
    cls = dunders.user_class(sim, st, a)
    if cls is not None:
        return dunders.unary(sim, st, op, a, cls, span)  # type: ignore[arg-type]
    if is_intlike(a):
        x = as_int(sim, a)
        if op == "-":
            return pyint.neg(sim.ctx, x)
        if op == "+":
            return x
        return pyint.invert(sim.ctx, x)
    fn = {"-": operator.neg, "+": operator.pos, "~": operator.invert}[op]
    if is_concrete(a):
        return sim.run_concrete(st, fn, (a,), span)
    return type_error_or_unsupported(sim, st, f"unary {op}", fn, (a,), span)
