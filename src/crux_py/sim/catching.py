"""Exceptions caught by the simulated program's `try` statements.

While the body of a `Try` runs (`Simulator._try`), a `Catch` is on the
simulator's stack. A Python exception raised on a path, by an explicit
`raise`, a failed `assert` or an operation that fails (an index out of
range, a division by zero), is then not a failed goal: the path's state is
captured with the exception value and ends there; the handler code runs it
afterwards. The captured state has the locals of the `try`'s own frame as
they were when the exception left it (the exception may come from a callee)
and the heap and path condition of the raising path. An operation that only
*may* fail forks: the failing side is captured, the other goes on.
"""

from __future__ import annotations

import builtins
import dataclasses
import struct
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crux_py.errors import panic
from crux_py.intrinsics import exception_matches, raises
from crux_py.ir.nodes import Try
from crux_py.sim.goals import GoalKind
from crux_py.sim.merge import merge_states
from crux_py.sim.state import State
from crux_py.sim.values import ExceptionValue
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Frame, Simulator


@dataclass
class Catch:
    frame: object
    caught: list[tuple[State, ExceptionValue]] = field(default_factory=list)


_NON_BUILTIN: dict[str, type] = {"error": struct.error, "FrozenInstanceError": dataclasses.FrozenInstanceError}


def exception_for(name: str, message: str) -> ExceptionValue | None:
    """The exception an engine-detected failure stands for (`IndexError: ...`),
    or None when `name` is not a builtin exception class."""
    # The exceptions outside builtins that our models raise (by their names).
    cls = _NON_BUILTIN.get(name) or getattr(builtins, name, None)
    if not (isinstance(cls, type) and issubclass(cls, BaseException)):
        return None
    prefix = f"{name}: "
    return ExceptionValue(cls, (message[len(prefix):] if message.startswith(prefix) else message,))


def catch(sim: Simulator, st: State, exc: ExceptionValue, span: SourceSpan) -> None:
    """Hand `st`, which raises `exc` at `span`, to the innermost running `try`."""
    if exc.raised_at is None:
        exc = ExceptionValue(exc.cls, exc.args, span)
    target = sim.catching[-1]
    regs, iters = st.regs, st.loop_iters
    for frame, running in reversed(sim.executing):
        if frame is target.frame:
            regs, iters = running.regs, running.loop_iters
            break
    target.caught.append((State(dict(regs), dict(st.heap), st.pc, dict(iters)), exc))


def run_try(sim: Simulator, frame: Frame, st: State, term: Try) -> State | None:
    """Run a `try` statement from its `Try` block to its join."""
    target = Catch(frame)
    sim.catching.append(target)
    try:
        body = sim.run_blocks(frame, State(dict(st.regs), dict(st.heap), st.pc, dict(st.loop_iters)),
                              term.body, term.body_end)
    finally:
        sim.catching.pop()
    ends = []
    if body is not None:
        ends.append(sim.run_blocks(frame, body, term.body_end, term.end))
    for caught, exc in target.caught:
        caught.regs[term.exc.name] = exc
        ends.append(sim.run_blocks(frame, caught, term.handler, term.end))
    arms = [end for end in ends if end is not None]
    if len(arms) < 2:
        return arms[0] if arms else None
    # The normal path and each caught one exclude each other (one input
    # takes one path); each is told apart by its path condition beyond st's.
    ctx, n = sim.ctx, len(st.pc)
    guards = [ctx.and_(*end.pc[n:]) for end in arms]
    merged = merge_states(ctx, st.pc, [(g, State(end.regs, end.heap, st.pc + (g,), end.loop_iters))
                                       for g, end in zip(guards, arms)],
                          frame.info.live_in.get(term.end), sim.external_initial)
    assert merged is not None
    merged.assume(ctx.or_(*guards))
    sim.stats.merges += 1
    return merged


def model_exception_matches(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                            span: SourceSpan) -> object:
    exc, types = args
    if not isinstance(exc, ExceptionValue):
        raise panic(f"an except clause tested {exc!r}, not an exception")
    try:
        return exception_matches(exc, types)  # type: ignore[arg-type]
    except TypeError as e:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {e}", span, "TypeError")
        return False


def model_raises(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                 span: SourceSpan) -> object:
    return sim.run_concrete(st, raises, tuple(args), span)


CATCHING_MODELS = {exception_matches: model_exception_matches,
                   raises: model_raises}
