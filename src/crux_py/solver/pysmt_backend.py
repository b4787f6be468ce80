"""The cvc5 backend, reached through pysmt: terms to pysmt formulas, checks
with cvc5 in logic QF_BV, models.

The only module that imports `pysmt` (which in turn loads `cvc5`). pysmt's
shortcuts share one global environment; each instance here owns a private
`pysmt.environment.Environment`, so formulas, symbols and declarations of
one backend never leak into another. The contract is documented on
`solver/backend.py:SolverBackend`; the walk and BITFUN expansion are in
`solver/translate.py`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import reduce

from pysmt.environment import Environment
from pysmt.exceptions import PysmtTypeError, SolverReturnedUnknownResultError
from pysmt.fnode import FNode

from crux_py.solver.native_stack import Disposable, guarded_check
from crux_py.solver.result import CheckResult, Value, timeout_reason
from crux_py.solver.translate import BitwiseOps, Rule, Translator, cone_variables, expand_bitfun
from crux_py.term.nodes import Op, Term

SOLVER = "cvc5"
LOGIC = "QF_BV"

# pysmt hides cvc5's unknown-explanation; an unknown answer this close to
# the time limit is taken to be the limit.
_TIMEOUT_SLACK = 0.95


class PysmtBackend(Disposable):
    """cvc5 through pysmt, one private pysmt environment per instance; a
    fresh cvc5 solver per check (its time limit is fixed at creation)."""

    name = "cvc5"

    def __init__(self) -> None:
        self._env = Environment()
        self._mgr = self._env.formula_manager
        self._types = self._env.type_manager
        self._vars: dict[tuple[str, int], FNode] = {}
        self._translator: Translator[FNode] = Translator(self._rules())

    def check(self, assertions: Sequence[Term], timeout: float | None = None) -> CheckResult:
        return guarded_check(assertions, lambda start: self._check(assertions, timeout, start))

    def _check(self, assertions: Sequence[Term], timeout: float | None, start: float) -> CheckResult:
        native = self._translator.translate(assertions)
        options: dict[str, str] = {}
        if timeout is not None:
            # cvc5's per-check wall-clock limit, in milliseconds.
            options["tlimit-per"] = str(max(1, int(timeout * 1000)))
        solver = self._env.factory.Solver(name=SOLVER, logic=LOGIC, generate_models=True,
                                          incremental=False, solver_options=options)
        try:
            for a in native:
                solver.add_assertion(a)
            try:
                satisfiable = solver.solve()
            except SolverReturnedUnknownResultError:
                elapsed = time.perf_counter() - start
                if timeout is not None and elapsed >= _TIMEOUT_SLACK * timeout:
                    return CheckResult.unknown(timeout_reason(timeout), elapsed)
                return CheckResult.unknown("cvc5 returned unknown", elapsed)
            if not satisfiable:
                return CheckResult.unsat(time.perf_counter() - start)
            values: dict[str, Value] = {}
            for var in cone_variables(assertions):
                v = solver.get_value(self._translator.memo[var]).constant_value()
                values[var.name] = bool(v) if var.width == 0 else int(v)
            return CheckResult.sat(values, time.perf_counter() - start)
        finally:
            solver.exit()

    # ---- translation rules ------------------------------------------------
    def _rules(self) -> dict[Op, Rule[FNode]]:
        m = self._mgr

        def const(t: Term, _: list[FNode]) -> FNode:
            if t.width == 0:
                return m.Bool(bool(t.value))
            return m.BV(int(t.value), t.width)

        def var(t: Term, _: list[FNode]) -> FNode:
            key = (t.name, t.width)
            sym = self._vars.get(key)
            if sym is None:
                ty = self._types.BOOL() if t.width == 0 else self._types.BVType(t.width)
                try:
                    sym = m.Symbol(t.name, ty)
                except PysmtTypeError:
                    # The name already has another width in this environment
                    # (terms of an earlier context); models are read back
                    # through this map, so a fresh name is harmless.
                    sym = m.FreshSymbol(ty, template=t.name.replace("%", "%%") + "#%d")
                self._vars[key] = sym
            return sym

        def nary_bv(fn, empty: int):
            def rule(t: Term, a: list[FNode]) -> FNode:
                if not a:
                    return m.BV(empty & ((1 << t.width) - 1), t.width)
                return reduce(fn, a)
            return rule

        def eq(t: Term, a: list[FNode]) -> FNode:
            # pysmt spells equality of Bools as Iff.
            return m.Iff(a[0], a[1]) if t.args[0].width == 0 else m.Equals(a[0], a[1])

        def extract(t: Term, a: list[FNode]) -> FNode:
            hi, lo = t.params
            return m.BVExtract(a[0], lo, hi)

        def sext(t: Term, a: list[FNode]) -> FNode:
            extra = t.params[0]
            return m.BVSExt(a[0], extra) if extra else a[0]

        bitwise: BitwiseOps[FNode] = BitwiseOps(
            not_=m.BVNot,
            and_=m.BVAnd,
            or_=m.BVOr,
            xor=m.BVXor,
            zeros=lambda w: m.BV(0, w),
            ones=lambda w: m.BV((1 << w) - 1, w),
        )

        return {
            Op.CONST: const,
            Op.VAR: var,
            Op.NOT: lambda t, a: m.Not(a[0]),
            Op.AND: lambda t, a: m.And(a),    # pysmt folds 0 and 1 arguments itself
            Op.OR: lambda t, a: m.Or(a),
            Op.XOR: lambda t, a: m.Xor(a[0], a[1]),
            Op.EQ: eq,
            Op.ULT: lambda t, a: m.BVULT(a[0], a[1]),
            Op.ULE: lambda t, a: m.BVULE(a[0], a[1]),
            Op.SLT: lambda t, a: m.BVSLT(a[0], a[1]),
            Op.SLE: lambda t, a: m.BVSLE(a[0], a[1]),
            Op.ITE: lambda t, a: m.Ite(a[0], a[1], a[2]),
            Op.ADD: nary_bv(m.BVAdd, 0),
            Op.MUL: nary_bv(m.BVMul, 1),
            Op.NEG: lambda t, a: m.BVNeg(a[0]),
            Op.BVAND: nary_bv(m.BVAnd, -1),
            Op.BVOR: nary_bv(m.BVOr, 0),
            Op.BVXOR: nary_bv(m.BVXor, 0),
            Op.BVNOT: lambda t, a: m.BVNot(a[0]),
            Op.BITFUN: lambda t, a: expand_bitfun(t, a, bitwise),
            Op.SHL: lambda t, a: m.BVLShl(a[0], a[1]),
            Op.LSHR: lambda t, a: m.BVLShr(a[0], a[1]),
            Op.ASHR: lambda t, a: m.BVAShr(a[0], a[1]),
            Op.UDIV: lambda t, a: m.BVUDiv(a[0], a[1]),
            Op.UREM: lambda t, a: m.BVURem(a[0], a[1]),
            Op.SDIV: lambda t, a: m.BVSDiv(a[0], a[1]),
            Op.SREM: lambda t, a: m.BVSRem(a[0], a[1]),
            Op.EXTRACT: extract,
            Op.CONCAT: lambda t, a: a[0] if len(a) == 1 else m.BVConcat(a),
            Op.SEXT: sext,
        }
