"""The Z3 backend (default): terms to z3 expressions, checks, models.

The only module that imports `z3`. The contract it fulfils is documented on
`solver/backend.py:SolverBackend`; the walk and BITFUN expansion it relies
on are in `solver/translate.py`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import reduce

import z3

from crux_py.solver.native_stack import Disposable, guarded_check
from crux_py.solver.result import CheckResult, Value, timeout_reason
from crux_py.solver.translate import BitwiseOps, Rule, Translator, cone_variables, expand_bitfun
from crux_py.term.nodes import Op, Term


class Z3Backend(Disposable):
    """One z3 `Context` per instance; a fresh solver per check."""

    name = "z3"

    def __init__(self) -> None:
        self._ctx = z3.Context()
        self._translator: Translator[z3.ExprRef] = Translator(self._rules())

    def check(self, assertions: Sequence[Term], timeout: float | None = None) -> CheckResult:
        return guarded_check(assertions, lambda start: self._check(assertions, timeout, start))

    def _check(self, assertions: Sequence[Term], timeout: float | None, start: float) -> CheckResult:
        native = self._translator.translate(assertions)
        solver = z3.Solver(ctx=self._ctx)
        if timeout is not None:
            solver.set("timeout", max(1, int(timeout * 1000)))
        solver.add(*native)
        answer = solver.check()
        if answer == z3.sat:
            model = solver.model()
            values: dict[str, Value] = {}
            for var in cone_variables(assertions):
                v = model.eval(self._translator.memo[var], model_completion=True)
                values[var.name] = z3.is_true(v) if var.width == 0 else v.as_long()
            return CheckResult.sat(values, time.perf_counter() - start)
        if answer == z3.unsat:
            return CheckResult.unsat(time.perf_counter() - start)
        why = solver.reason_unknown()
        elapsed = time.perf_counter() - start
        # z3 reports its timer as "timeout", or as "canceled" when the timer
        # fired inside a tactic.
        if timeout is not None and (why == "timeout" or (why == "canceled" and elapsed >= timeout)):
            return CheckResult.unknown(timeout_reason(timeout), elapsed)
        return CheckResult.unknown(f"z3 returned unknown: {why}", elapsed)

    # ---- translation rules ------------------------------------------------
    def _rules(self) -> dict[Op, Rule[z3.ExprRef]]:
        ctx = self._ctx

        def const(t: Term, _: list[z3.ExprRef]) -> z3.ExprRef:
            if t.width == 0:
                return z3.BoolVal(bool(t.value), ctx)
            return z3.BitVecVal(t.value, t.width, ctx)

        def var(t: Term, _: list[z3.ExprRef]) -> z3.ExprRef:
            # z3 identifies a constant by name and sort, as the contract wants.
            if t.width == 0:
                return z3.Bool(t.name, ctx)
            return z3.BitVec(t.name, t.width, ctx)

        def nary_bool(fn, empty: bool):
            def rule(t: Term, a: list[z3.ExprRef]) -> z3.ExprRef:
                if not a:
                    return z3.BoolVal(empty, ctx)
                return a[0] if len(a) == 1 else fn(*a)
            return rule

        def nary_bv(fn, empty: int):
            def rule(t: Term, a: list[z3.ExprRef]) -> z3.ExprRef:
                if not a:
                    return z3.BitVecVal(empty & ((1 << t.width) - 1), t.width, ctx)
                return reduce(fn, a)
            return rule

        bitwise: BitwiseOps[z3.ExprRef] = BitwiseOps(
            not_=lambda x: ~x,
            and_=lambda x, y: x & y,
            or_=lambda x, y: x | y,
            xor=lambda x, y: x ^ y,
            zeros=lambda w: z3.BitVecVal(0, w, ctx),
            ones=lambda w: z3.BitVecVal((1 << w) - 1, w, ctx),
        )

        def sext(t: Term, a: list[z3.ExprRef]) -> z3.ExprRef:
            extra = t.params[0]
            assert isinstance(extra, int)
            return z3.SignExt(extra, a[0]) if extra else a[0]

        def extract(t: Term, a: list[z3.ExprRef]) -> z3.ExprRef:
            hi, lo = t.params
            return z3.Extract(hi, lo, a[0])

        def concat(t: Term, a: list[z3.ExprRef]) -> z3.ExprRef:
            return a[0] if len(a) == 1 else z3.Concat(*a)

        return {
            Op.CONST: const,
            Op.VAR: var,
            Op.NOT: lambda t, a: z3.Not(a[0]),
            Op.AND: nary_bool(z3.And, True),
            Op.OR: nary_bool(z3.Or, False),
            Op.XOR: lambda t, a: z3.Xor(a[0], a[1]),
            Op.EQ: lambda t, a: a[0] == a[1],
            Op.ULT: lambda t, a: z3.ULT(a[0], a[1]),
            Op.ULE: lambda t, a: z3.ULE(a[0], a[1]),
            Op.SLT: lambda t, a: a[0] < a[1],     # z3's < on bit-vectors is signed
            Op.SLE: lambda t, a: a[0] <= a[1],
            Op.ITE: lambda t, a: z3.If(a[0], a[1], a[2]),
            Op.ADD: nary_bv(lambda x, y: x + y, 0),
            Op.MUL: nary_bv(lambda x, y: x * y, 1),
            Op.NEG: lambda t, a: -a[0],
            Op.BVAND: nary_bv(lambda x, y: x & y, -1),
            Op.BVOR: nary_bv(lambda x, y: x | y, 0),
            Op.BVXOR: nary_bv(lambda x, y: x ^ y, 0),
            Op.BVNOT: lambda t, a: ~a[0],
            Op.BITFUN: lambda t, a: expand_bitfun(t, a, bitwise),
            Op.SHL: lambda t, a: a[0] << a[1],
            Op.LSHR: lambda t, a: z3.LShR(a[0], a[1]),
            Op.ASHR: lambda t, a: a[0] >> a[1],   # z3's >> is arithmetic
            Op.UDIV: lambda t, a: z3.UDiv(a[0], a[1]),
            Op.UREM: lambda t, a: z3.URem(a[0], a[1]),
            Op.SDIV: lambda t, a: a[0] / a[1],    # z3's / on bit-vectors is bvsdiv
            Op.SREM: lambda t, a: z3.SRem(a[0], a[1]),  # not %, which is bvsmod
            Op.EXTRACT: extract,
            Op.CONCAT: concat,
            Op.SEXT: sext,
        }
