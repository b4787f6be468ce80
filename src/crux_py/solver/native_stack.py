"""Running solver calls on a thread with a large native stack.

Some solver libraries recurse in C++ over term depth (cvc5 crashes with a
segmentation fault on a 10**5-deep term on the default 8 MiB main-thread
stack, taking the whole test session with it). Backends therefore run each
check through `guarded_check`, which also applies the rest of the backend
contract: Bool assertions only, and any library failure becomes UNKNOWN.
Used by every `*_backend.py`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from crux_py.errors import CruxError
from crux_py.solver.result import CheckResult, error_reason
from crux_py.solver.translate import require_bool
from crux_py.term.nodes import Term

T = TypeVar("T")

# Address space only: pages are committed as the stack actually grows.
DEEP_STACK_BYTES = 512 * 1024 * 1024

# `threading.stack_size` is process-global; the lock keeps the
# set-start-restore sequence from interleaving with another backend's.
_stack_size_lock = threading.Lock()


def call_with_deep_stack(fn: Callable[[], T]) -> T:
    """`fn()` run on a fresh thread with a `DEEP_STACK_BYTES` stack.

    Returns its value or re-raises its exception in the caller. If such a
    thread cannot be created (a tight address-space limit), `fn` runs on
    the calling thread instead.
    """
    outcome: list[object] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(fn())
        except BaseException as exc:  # re-raised on the caller's thread below
            failure.append(exc)

    with _stack_size_lock:
        try:
            previous = threading.stack_size(DEEP_STACK_BYTES)
        except (ValueError, RuntimeError):
            return fn()
        try:
            worker = threading.Thread(target=run, name="crux-solver", daemon=True)
            try:
                worker.start()
            except (RuntimeError, MemoryError):
                worker = None
        finally:
            threading.stack_size(previous)
    if worker is None:
        return fn()
    worker.join()
    if failure:
        raise failure[0]
    return outcome[0]  # type: ignore[return-value]


def guarded_check(assertions: Sequence[Term], check: Callable[[float], CheckResult]) -> CheckResult:
    """Run `check(start_time)` as the SolverBackend contract requires."""
    require_bool(assertions)
    start = time.perf_counter()
    try:
        return call_with_deep_stack(lambda: check(start))
    except CruxError:
        raise
    except Exception as exc:  # the contract: library failures are UNKNOWN
        return CheckResult.unknown(error_reason(exc), time.perf_counter() - start)


class Disposable:
    """`close()` for backends: drop the native state and start afresh.

    Freeing on this thread, even when it is slow after a long search: native
    solver libraries are not safe to free objects from while another thread
    uses them (a background freeing thread crashed z3 in CI).
    """

    def close(self) -> None:
        self.__init__()  # type: ignore[misc]
