"""The Bitwuzla backend: terms to native `bitwuzla` terms, checks, models.

The only module that imports `bitwuzla` (the native Python bindings, API of
bitwuzla >= 0.4: `TermManager`, `Options`, `Bitwuzla`). The contract is
documented on `solver/backend.py:SolverBackend`; the walk and BITFUN
expansion are in `solver/translate.py`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import bitwuzla as bzla
from bitwuzla import Kind

from crux_py.solver.native_stack import Disposable, guarded_check
from crux_py.solver.result import CheckResult, Value, timeout_reason
from crux_py.solver.translate import BitwiseOps, Rule, Translator, cone_variables, expand_bitfun
from crux_py.term.nodes import Op, Term

# Bitwuzla's UNKNOWN carries no explanation; one that arrives this close to
# the time limit is taken to be the limit.
_TIMEOUT_SLACK = 0.95


class BitwuzlaBackend(Disposable):
    """One `TermManager` per instance (it owns the memoised terms); a fresh
    `Bitwuzla` solver per check."""

    name = "bitwuzla"

    def __init__(self) -> None:
        self._tm = bzla.TermManager()
        self._sorts: dict[int, bzla.Sort] = {}
        self._vars: dict[tuple[str, int], bzla.Term] = {}
        self._translator: Translator[bzla.Term] = Translator(self._rules())

    def check(self, assertions: Sequence[Term], timeout: float | None = None) -> CheckResult:
        return guarded_check(assertions, lambda start: self._check(assertions, timeout, start))

    def _check(self, assertions: Sequence[Term], timeout: float | None, start: float) -> CheckResult:
        native = self._translator.translate(assertions)
        options = bzla.Options()
        options.set(bzla.Option.PRODUCE_MODELS, True)
        if timeout is not None:
            options.set(bzla.Option.TIME_LIMIT_PER, max(1, int(timeout * 1000)))
        solver = bzla.Bitwuzla(self._tm, options)
        for a in native:
            solver.assert_formula(a)
        answer = solver.check_sat()
        if answer == bzla.Result.SAT:
            values: dict[str, Value] = {}
            for var in cone_variables(assertions):
                v = solver.get_value(self._translator.memo[var])
                values[var.name] = bool(v.value()) if var.width == 0 else int(v.value(10))
            return CheckResult.sat(values, time.perf_counter() - start)
        if answer == bzla.Result.UNSAT:
            return CheckResult.unsat(time.perf_counter() - start)
        elapsed = time.perf_counter() - start
        if timeout is not None and elapsed >= _TIMEOUT_SLACK * timeout:
            return CheckResult.unknown(timeout_reason(timeout), elapsed)
        return CheckResult.unknown("bitwuzla returned unknown", elapsed)

    # ---- translation rules ------------------------------------------------
    def _sort(self, width: int) -> bzla.Sort:
        sort = self._sorts.get(width)
        if sort is None:
            sort = self._tm.mk_bool_sort() if width == 0 else self._tm.mk_bv_sort(width)
            self._sorts[width] = sort
        return sort

    def _bv(self, value: int, width: int) -> bzla.Term:
        # The decimal-string overload is documented for every width; the int
        # overload's range is not stated for all bitwuzla versions.
        return self._tm.mk_bv_value(self._sort(width), str(value & ((1 << width) - 1)), 10)

    def _rules(self) -> dict[Op, Rule[bzla.Term]]:
        tm = self._tm

        def const(t: Term, _: list[bzla.Term]) -> bzla.Term:
            if t.width == 0:
                return tm.mk_true() if t.value else tm.mk_false()
            return self._bv(int(t.value), t.width)

        def var(t: Term, _: list[bzla.Term]) -> bzla.Term:
            # Bitwuzla makes a new constant per mk_const even for a repeated
            # symbol; the contract identifies variables by (name, width).
            key = (t.name, t.width)
            v = self._vars.get(key)
            if v is None:
                v = tm.mk_const(self._sort(t.width), t.name)
                self._vars[key] = v
            return v

        def op(kind: Kind):
            return lambda t, a: tm.mk_term(kind, a)

        def nary(kind: Kind, empty: int | bool):
            # Bitwuzla rejects n-ary kinds with fewer than two arguments.
            def rule(t: Term, a: list[bzla.Term]) -> bzla.Term:
                if len(a) == 1:
                    return a[0]
                if not a:
                    if t.width == 0:
                        return tm.mk_true() if empty else tm.mk_false()
                    return self._bv(int(empty), t.width)
                return tm.mk_term(kind, a)
            return rule

        def bin2(kind: Kind):
            return lambda x, y: tm.mk_term(kind, [x, y])

        bitwise: BitwiseOps[bzla.Term] = BitwiseOps(
            not_=lambda x: tm.mk_term(Kind.BV_NOT, [x]),
            and_=bin2(Kind.BV_AND),
            or_=bin2(Kind.BV_OR),
            xor=bin2(Kind.BV_XOR),
            zeros=lambda w: self._bv(0, w),
            ones=lambda w: self._bv(-1, w),
        )

        def extract(t: Term, a: list[bzla.Term]) -> bzla.Term:
            hi, lo = t.params
            return tm.mk_term(Kind.BV_EXTRACT, a, [hi, lo])

        def sext(t: Term, a: list[bzla.Term]) -> bzla.Term:
            extra = t.params[0]
            return tm.mk_term(Kind.BV_SIGN_EXTEND, a, [extra]) if extra else a[0]

        return {
            Op.CONST: const,
            Op.VAR: var,
            Op.NOT: op(Kind.NOT),
            Op.AND: nary(Kind.AND, True),
            Op.OR: nary(Kind.OR, False),
            Op.XOR: op(Kind.XOR),
            Op.EQ: op(Kind.EQUAL),
            Op.ULT: op(Kind.BV_ULT),
            Op.ULE: op(Kind.BV_ULE),
            Op.SLT: op(Kind.BV_SLT),
            Op.SLE: op(Kind.BV_SLE),
            Op.ITE: op(Kind.ITE),
            Op.ADD: nary(Kind.BV_ADD, 0),
            Op.MUL: nary(Kind.BV_MUL, 1),
            Op.NEG: op(Kind.BV_NEG),
            Op.BVAND: nary(Kind.BV_AND, -1),
            Op.BVOR: nary(Kind.BV_OR, 0),
            Op.BVXOR: nary(Kind.BV_XOR, 0),
            Op.BVNOT: op(Kind.BV_NOT),
            Op.BITFUN: lambda t, a: expand_bitfun(t, a, bitwise),
            Op.SHL: op(Kind.BV_SHL),
            Op.LSHR: op(Kind.BV_SHR),       # Bitwuzla's SHR is the logical shift
            Op.ASHR: op(Kind.BV_ASHR),
            Op.UDIV: op(Kind.BV_UDIV),
            Op.UREM: op(Kind.BV_UREM),
            Op.SDIV: op(Kind.BV_SDIV),
            Op.SREM: op(Kind.BV_SREM),
            Op.EXTRACT: extract,
            Op.CONCAT: lambda t, a: a[0] if len(a) == 1 else tm.mk_term(Kind.BV_CONCAT, a),
            Op.SEXT: sext,
        }
