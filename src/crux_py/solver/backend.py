"""The `SolverBackend` protocol: the one interface every solver sits behind.

Implementations live in `z3_backend.py`, `bitwuzla_backend.py` and
`pysmt_backend.py` (cvc5); `solver/__init__.py` picks one by name. The shared
machinery they are built from (iterative translation, BITFUN expansion,
deep-stack worker thread) is in `translate.py` and `native_stack.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from crux_py.solver.result import CheckResult
from crux_py.term.nodes import Term


@runtime_checkable
class SolverBackend(Protocol):
    """Decides satisfiability of conjunctions of Bool terms.

    How to implement a backend:

    * `name` is the user-facing name (`--crux-solver NAME`).
    * `check(assertions, timeout)` decides the conjunction of `assertions`,
      which are Bool terms (`width == 0`); a non-Bool assertion is a caller
      bug (raise `crux_py.errors.panic`). An empty sequence is SAT.
    * Every `Op` must be translated with its SMT-LIB QF_BV meaning, exactly
      as `term/concrete.py` evaluates it (division by zero, over-wide
      shifts, n-ary operators with 0 or 1 arguments included). BITFUN nodes
      expand `term.truthtable.formula(tt, len(args))` over the translated
      arguments. Translation must be iterative: term DAGs are 10**5 nodes
      deep and Python's recursion limit is 1000.
    * On SAT the result's model gives a value for EVERY variable occurring
      in the assertions, including variables the solver simplified away
      (model completion): bit-vectors as unsigned ints, Bools as bools,
      keyed by variable name.
    * `timeout` is in seconds (None: no limit). A timeout, a resource limit,
      an interruption, or ANY exception raised by the solver library yields
      UNKNOWN with a reason (`result.timeout_reason`, `result.error_reason`),
      never SAT or UNSAT and never an exception. Errors of crux_py itself
      (`CruxError`) propagate.
    * `close()` releases the native state the instance holds (on the calling
      thread: native libraries cannot free concurrently); the instance stays
      usable.
    * One `check` must not influence the next (no leftover assertions), but
      an instance may keep a native context and a memo of translated terms
      across checks: terms are interned and hash by identity, so the memo
      is keyed by the `Term` object itself. Variables are identified by
      (name, width).
    * Instances need not be thread-safe; use one per thread or process.
    """

    name: str

    def close(self) -> None: ...

    def check(self, assertions: Sequence[Term], timeout: float | None = None) -> CheckResult:
        ...
