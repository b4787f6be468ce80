"""The symbolic simulator: runs IR functions over symbolic state with branch merging.

`Simulator.run_test` executes a test function from its first statement.
Concrete branches just go one way. At a symbolic branch both sides run from
a fork of the state to the branch's immediate post-dominator, where their
states are merged (`merge.py`): one path per merge point, not one per input.
Branches that leave a loop are checked for feasibility with the solver, and
a loop whose symbolic exit has not been taken after `unwind` iterations
fails with an unwind goal. A statement that meets a `Mux` is re-run once per
alternative and the results merged right after it. Statement semantics are
in `step.py`, calls in `calls.py`; failures are recorded as `Goal`s, never raised.
"""

from __future__ import annotations

import builtins
import enum
import functools
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NoReturn

from crux_py.analysis import CFGInfo, cfg_info
from crux_py.errors import UnsupportedFeature
from crux_py.ir.function import FunctionIR
from crux_py.ir.nodes import Branch, Const, Jump, Operand, Raise, Reg, Return, Stmt, Try
from crux_py.shapes import BoolShape, BytesShape, BytesUpTo, IntShape, ListShape, ListUpTo, Shape, BytesFamily
from crux_py.sim import pyint
from crux_py.sim.calls import call
from crux_py.sim.functools_models import partial_value
from crux_py.sim.catching import CATCHING_MODELS, Catch, catch, exception_for, run_try
from crux_py.sim.goals import Cover, Decision, Goal, GoalKind
from crux_py.sim.inputs import SymbolicInput, make_input
from crux_py.sim.merge import merge_states
from crux_py.sim.signals import PathAbort, Split
from crux_py.sim.state import State
from crux_py.sim.stdlib import caller_span
from crux_py.sim.step import STEPS
from crux_py.sim.values import (
    UNBOUND, ByteArrayObj, CellObj, DictObj, ExceptionValue, HeapObj, ListObj, Mux, PartialValue, RangeValue, Ref,
    SetObj, SymBool, SymbolicText, TextVal, is_concrete,
)
from crux_py.source import UNKNOWN_SPAN, SourceSpan
from crux_py.term.context import TermContext
from crux_py.term.nodes import Term

Model = Callable[..., object]  # (sim, state, args, kwargs, span) -> value


@dataclass(frozen=True, slots=True)
class SimSettings:
    unwind: int = 64
    """Iterations of a loop with a symbolic exit (or nested calls of one function) before an unwind goal."""


@dataclass(frozen=True, slots=True)
class Frame:
    fir: FunctionIR
    info: CFGInfo
    globals: Mapping[str, object]
    cells: Mapping[str, Ref]


@dataclass
class SimStats:
    statements: int = 0
    symbolic_branches: int = 0
    merges: int = 0
    feasibility_checks: int = 0
    splits: int = 0


_LIFT_RESULT = "%lift"
PROGRESS_EVERY = 2048

_OPAQUE_TYPES = (types.FunctionType, types.BuiltinFunctionType, types.ModuleType, type, enum.Enum,
                 IntShape, BoolShape, ListShape, BytesShape, BytesUpTo, ListUpTo, BytesFamily)


class Simulator:
    """One symbolic run of one test. Not reusable across tests."""

    def __init__(self, ctx: TermContext, *, translate: Callable[[types.FunctionType], FunctionIR],
                 feasible: Callable[[tuple[Term, ...]], bool], settings: SimSettings,
                 models: Mapping[object, Model]) -> None:
        self.ctx = ctx
        self.translate = translate
        self.feasible_pc = feasible
        self.settings = settings
        self.models = {**CATCHING_MODELS, **models}
        self._modelled_types = {k if isinstance(k, type) else k[0] for k in self.models
                                if isinstance(k, type) or isinstance(k, tuple)}
        """Classes whose instances have models (spec handles, Cryptol functions): opaque values."""
        self.goals: list[Goal] = []
        self.stats = SimStats()
        self.stack: list[SourceSpan] = []
        self._active: dict[FunctionIR, int] = {}
        self._assert_blocks: dict[tuple[FunctionIR, str], Raise | None] = {}
        self._next_rid = 0
        self._external: dict[tuple[int, str], Ref] = {}
        self.external_initial: dict[int, HeapObj] = {}
        self.keep_alive: list[object] = []
        self.partials: dict[int, PartialValue] = {}
        self._fresh = 0
        self.fork_depth = 0
        """How many symbolic branches (or splits) the current path is inside."""
        self.inputs: list[SymbolicInput] = []
        self.on_progress: Callable[[Simulator], None] | None = None
        """Called every PROGRESS_EVERY statements (live status of long runs)."""
        self.loop_depth = 0
        """The most iterations of one loop on the path being simulated."""
        self.functions: dict[FunctionIR, None] = {}
        """The functions run, in first-run order."""
        self.decisions: list[Decision] = []
        """Every symbolic branch met, to explain a counterexample's path."""
        self.covers: list[Cover] = []
        self.definitions: set[Term] = set()
        """Assumptions `fresh == value` that only name a value (always satisfiable)."""
        self.input_names: dict[str, int] = {}
        self._current_span = UNKNOWN_SPAN
        self.catching: list[Catch] = []
        """The `try` bodies running, innermost last (`sim/catching.py`)."""
        self.executing: list[tuple[Frame, State]] = []
        """The statement running in each frame of the call stack, innermost last."""
        self.exported: set[int] = set()
        """Heap ids of the bytearrays a memoryview was ever made of (`buffers.py`)."""

    @property
    def current_span(self) -> SourceSpan:
        """The span of the statement being executed (for failures found deep inside an operation)."""
        return self._current_span

    # ---- services for models and operations -------------------------------------------

    def call(self, st: State, func: object, args: list[object], kwargs: dict[str, object],
             span: SourceSpan) -> object:
        """Call `func` as simulated code does (models first)."""
        return call(self, st, func, args, kwargs, span)

    def fresh_id(self) -> int:
        """A number unique in this run, for naming fresh variables."""
        self._fresh += 1
        return self._fresh

    def has_model(self, func: object) -> bool:
        try:
            return func in self.models
        except TypeError:  # unhashable: no model
            return False

    def alloc(self, st: State, obj: HeapObj) -> Ref:
        ref = Ref(self._next_rid)
        self._next_rid += 1
        st.heap[ref.rid] = obj
        return ref

    def heap_obj(self, st: State, ref: Ref) -> HeapObj:
        obj = st.heap[ref.rid]
        if isinstance(obj, Mux):
            def install(s: State, alt: object) -> None:
                s.heap[ref.rid] = alt  # type: ignore[assignment]

            raise Split(obj, install)
        return obj

    def write(self, st: State, ref: Ref, obj: HeapObj) -> None:
        st.heap[ref.rid] = obj

    def record(self, st: State, kind: GoalKind, condition: Term, message: str, span: SourceSpan,
               exception: str = "") -> None:
        self.goals.append(Goal(kind, condition, st.pc, message, span, tuple(self.stack), exception))

    def check(self, st: State, cond: pyint.BoolVal, kind: GoalKind, message: str, span: SourceSpan,
              exception: str = "") -> None:
        """Obligation: `cond` holds on this path; afterwards the path assumes it."""
        if cond is True:
            return
        if cond is False:
            self.fail(st, kind, message, span, exception)
        assert isinstance(cond, SymBool)
        exc = self._catchable(kind, exception, message)
        if exc is not None:  # the failing side goes to the running `try`, not to a goal
            failing = st.fork(self.ctx.not_(cond.term))
            if self.feasible(failing.pc):
                catch(self, failing, exc, span)
            st.assume(cond.term)
            return
        self.record(st, kind, cond.term, message, span, exception)
        st.assume(cond.term)

    def fail(self, st: State, kind: GoalKind, message: str, span: SourceSpan, exception: str = "") -> NoReturn:
        """This path definitely fails here: record it and end the path."""
        exc = self._catchable(kind, exception, message)
        if exc is not None:
            catch(self, st, exc, span)
            raise PathAbort()
        self.record(st, kind, self.ctx.false, message, span, exception)
        raise PathAbort()

    def _catchable(self, kind: GoalKind, exception: str, message: str) -> ExceptionValue | None:
        """The exception a failure raises, when a running `try` may catch it
        (loop bounds and spec preconditions are not Python exceptions)."""
        if not self.catching or kind not in (GoalKind.PANIC, GoalKind.ASSERTION):
            return None
        return exception_for(exception, message)

    def feasible(self, pc: tuple[Term, ...]) -> bool:
        if any(t.is_const and not t.value for t in pc):
            return False
        self.stats.feasibility_checks += 1
        return self.feasible_pc(pc)

    def run_concrete(self, st: State, fn: Callable[..., object], args: tuple[object, ...],
                     span: SourceSpan) -> object:
        """Apply a pure Python function to concrete values; its exceptions are failures."""
        try:
            result = fn(*args)
        except Exception as e:  # noqa: BLE001 - the program's exception becomes a failed goal
            self.fail(st, GoalKind.PANIC, f"{type(e).__name__}: {e}", span, type(e).__name__)
        return self.from_python(st, result, span)

    def from_python(self, st: State, obj: object, span: SourceSpan) -> object:
        """A simulator value for a fresh Python object (a new list becomes a new heap list)."""
        if isinstance(obj, list):
            return self.alloc(st, ListObj(tuple(self.from_python(st, x, span) for x in obj)))
        return self.to_value(st, obj, span)

    def to_value(self, st: State, obj: object, span: SourceSpan) -> object:
        """A simulator value for an object of the running program (a global,
        a default argument, a closure cell). Lists keep their identity."""
        if obj is None or isinstance(obj, (bool, int, str, bytes)):
            return obj
        if isinstance(obj, tuple):
            return tuple(self.to_value(st, x, span) for x in obj)
        if isinstance(obj, list):
            return self._external_ref(st, obj, lambda: ListObj(tuple(self.to_value(st, x, span) for x in obj)))
        if isinstance(obj, dict) and type(obj) is dict:  # a module-level table, say
            if not all(is_concrete(k) for k in obj):
                raise UnsupportedFeature("a dict with keys other than ints, strings, bytes, None and tuples", span)
            return self._external_ref(st, obj, lambda: DictObj(tuple(obj), tuple(self.to_value(st, v, span)
                                                                                  for v in obj.values())))
        if isinstance(obj, set) and type(obj) is set:
            if not all(is_concrete(x) for x in obj):
                raise UnsupportedFeature("a set with elements other than ints, strings, bytes, None and tuples", span)
            # Its iteration order is CPython's own: known for this unchanged set.
            return self._external_ref(st, obj, lambda: SetObj(tuple(obj), "cpython"))
        if isinstance(obj, range):
            return RangeValue(obj.start, obj.stop, obj.step)
        if obj is NotImplemented:  # returned by special methods that decline (`dunders.py`)
            return obj
        if type(obj) is functools.partial:
            return partial_value(self, st, obj, span)
        if type(obj) is bytearray:
            return self._external_ref(st, obj, lambda: ByteArrayObj(tuple(obj)))
        if isinstance(obj, (bytearray, memoryview)):  # models are keyed by these classes: never opaque
            raise UnsupportedFeature(f"a {type(obj).__name__} of the running program (not created by the code)", span)
        if isinstance(obj, _OPAQUE_TYPES) or isinstance(obj, ExceptionValue) or type(obj) in self._modelled_types:
            return obj
        raise UnsupportedFeature(f"a value of type {type(obj).__name__}", span)

    def shadow(self, st: State, obj: object, role: str, initial: Callable[[], HeapObj]) -> Ref:
        """The heap object holding simulated state that belongs to `obj`, an object of
        the running program that the simulation never changes itself (the
        entries of an lru_cache, the attributes set on a function): created from
        `initial()` at first use, and like a global list present on every path."""
        return self._external_ref(st, obj, initial, role)

    def _external_ref(self, st: State, obj: object, initial: Callable[[], HeapObj], role: str = "") -> Ref:
        ref = self._external.get((id(obj), role))
        if ref is None:
            ref = Ref(self._next_rid)
            self._next_rid += 1
            self._external[(id(obj), role)] = ref
            self.keep_alive.append(obj)  # ids must stay unique while we use them
            self.external_initial[ref.rid] = initial()
        if ref.rid not in st.heap:
            st.heap[ref.rid] = self.external_initial[ref.rid]
        return ref

    def real_cell(self, st: State, cell: types.CellType, span: SourceSpan) -> Ref:
        def initial() -> HeapObj:
            try:
                return CellObj(self.to_value(st, cell.cell_contents, span))
            except ValueError:  # an empty cell
                return CellObj(UNBOUND)

        return self._external_ref(st, cell, initial)

    def lift(self, st: State, mux: Mux, f: Callable[[State, object], object]) -> object:
        """`f` applied to each alternative of a Mux met inside an operation (a list
        element, say), each on its own fork; the forks are merged back into `st`."""
        return self.choose(st, [(guard, lambda side, alt=alt: f(side, alt)) for guard, alt in mux.alts])

    def choose(self, st: State, arms: list[tuple[Term, Callable[[State], object]]]) -> object:
        """Run each `(guard, f)` on a fork of `st` assuming its guard (guards are
        exclusive and exhaustive) and merge the forks back into `st`; the
        result is the merge of the values the `f`s return."""
        done, aborted = [], False
        self.fork_depth += 1
        try:
            for guard, run in arms:
                if guard.is_const and not guard.value:
                    continue
                side = st.fork(guard)
                try:
                    side.regs[_LIFT_RESULT] = run(side)
                except PathAbort:
                    aborted = True
                    continue
                done.append((guard, side))
        finally:
            self.fork_depth -= 1
        merged = merge_states(self.ctx, st.pc, done, None, self.external_initial)
        if merged is None:
            raise PathAbort()
        result = merged.regs.pop(_LIFT_RESULT)
        # The merge takes its last arm where no guard holds: where an arm ended, no state goes on.
        pc = merged.pc + (self.ctx.or_(*(g for g, _ in done)),) if aborted and len(done) > 1 else merged.pc
        st.regs, st.heap, st.pc, st.loop_iters = merged.regs, merged.heap, pc, merged.loop_iters
        return result

    # ---- operands ---------------------------------------------------------------------

    def read(self, st: State, op: Operand) -> object:
        """An operand's value; a local unbound on some paths splits those paths off (they fail)."""
        if isinstance(op, Const):
            return op.value
        v = st.regs.get(op.name, UNBOUND)
        if v is UNBOUND:
            self._unbound(st, op)
        if isinstance(v, Mux) and any(alt is UNBOUND for _, alt in v.alts):
            self._split_register(op.name, v)
        return v

    def read_strict(self, st: State, op: Operand) -> object:
        """Read an operand that the operation cannot take as a Mux."""
        v = self.read(st, op)
        if isinstance(v, Mux):
            self._split_register(op.name, v)  # type: ignore[union-attr]
        return v

    @staticmethod
    def _split_register(name: str, mux: Mux) -> NoReturn:
        def install(s: State, alt: object) -> None:
            s.regs[name] = alt

        raise Split(mux, install)

    def _unbound(self, st: State, reg: Reg) -> NoReturn:
        self.fail(st, GoalKind.PANIC,
                  f"UnboundLocalError: cannot access local variable '{reg.name}' where it is not associated "
                  "with a value", self._current_span, "UnboundLocalError")

    # ---- running functions ------------------------------------------------------------

    def invoke(self, st: State, fir: FunctionIR, bound: dict[str, object], cells: dict[str, Ref],
               globals_: Mapping[str, object], span: SourceSpan) -> object:
        """Run `fir` with bound parameters; updates `st`'s heap and path condition."""
        depth = self._active.get(fir, 0)
        if depth >= self.settings.unwind:
            if self.feasible(st.pc):
                self.fail(st, GoalKind.UNWIND, f"recursion of {fir.qualname} not unwound after "
                          f"{self.settings.unwind} nested calls (raise --crux-unwind)", span)
            raise PathAbort()
        self.functions.setdefault(fir, None)
        for name in fir.cellvars:
            cells[name] = self.alloc(st, CellObj(UNBOUND))
        frame = Frame(fir, cfg_info(fir), globals_, cells)
        callee = State(dict(bound), st.heap, st.pc, {})
        self._active[fir] = depth + 1
        self.stack.append(span)
        try:
            final = self.run_blocks(frame, callee, fir.entry, fir.exit)
        finally:
            self.stack.pop()
            self._active[fir] = depth
        if final is None:
            raise PathAbort()
        st.heap, st.pc = final.heap, final.pc
        return final.regs.get(fir.ret.name)

    def run_blocks(self, frame: Frame, st: State, label: str, stop: str) -> State | None:
        """Run from block `label` until the path reaches block `stop`; None if every path ended."""
        blocks = frame.fir.blocks
        while label != stop:
            block = blocks[label]
            for stmt in block.stmts:
                result = self._exec(frame, st, stmt)
                if result is None:
                    return None
                st = result
            term = block.term
            if isinstance(term, Jump):
                label = self._enter(frame, st, label, term.target)
            elif isinstance(term, Branch):
                cond = self.read(st, term.cond)
                failure = self._assertion_failure(frame.fir, term) if cond is not False else None
                if failure is not None:
                    # assert-then-assume: the goal, then the path continues assuming it.
                    self._assert(st, cond, failure)  # type: ignore[arg-type]
                    label = self._enter(frame, st, label, term.then)
                elif isinstance(cond, bool):
                    label = self._enter(frame, st, label, term.then if cond else term.orelse)
                else:
                    assert isinstance(cond, SymBool), cond
                    joined = self._branch(frame, st, label, term, cond.term)
                    if joined is None:
                        return None
                    st, label = joined
            elif isinstance(term, Raise):
                self._current_span = term.span
                try:
                    self._raise(st, term)
                except PathAbort:
                    return None
            elif isinstance(term, Try):
                joined = run_try(self, frame, st, term)
                if joined is None:
                    return None
                st, label = joined, term.end
            elif isinstance(term, Return):
                return st
        return st

    def _assertion_failure(self, fir: FunctionIR, term: Branch) -> Raise | None:
        """The `Raise` of an `assert` whose failure side is this branch's else side."""
        key = (fir, term.orelse)
        if key not in self._assert_blocks:
            raise_ = fir.blocks[term.orelse].term
            self._assert_blocks[key] = raise_ if isinstance(raise_, Raise) and raise_.assertion is not None else None
        return self._assert_blocks[key]

    def _assert(self, st: State, cond: pyint.BoolVal, failure: Raise) -> None:
        """Record the goal of an `assert` (a concretely true one is counted, trivially proved)."""
        if self.catching:
            self.check(st, cond, GoalKind.ASSERTION, f"assertion failed: {failure.assertion}", failure.span,
                       "AssertionError")
            return
        term = cond.term if isinstance(cond, SymBool) else self.ctx.true
        self.record(st, GoalKind.ASSERTION, term, f"assertion failed: {failure.assertion}", failure.span,
                    "AssertionError")
        st.assume(term)

    def _enter(self, frame: Frame, st: State, src: str, dst: str) -> str:
        if frame.info.enters_loop(src, dst):
            st.loop_iters.pop(dst, None)
        return dst

    def _branch(self, frame: Frame, st: State, label: str, term: Branch, c: Term) -> tuple[State, str] | None:
        self.stats.symbolic_branches += 1
        self.decisions.append(Decision(term.span, st.pc, c))
        info = frame.info
        arms = [(c, term.then), (self.ctx.not_(c), term.orelse)]
        exits = info.loop_exits.get(label)
        forks: list[tuple[Term, State, str]] = []
        if exits:
            live = [(g, t) for g, t in arms if self.feasible(st.pc + (g,))]
            if len(live) < 2:
                if not live:
                    return None
                g, target = live[0]
                st.assume(g)
                return st, self._enter(frame, st, label, target)
            for g, target in arms:
                side = st.fork(g)
                if self._count_iteration(frame, side, exits, target, term.span):
                    forks.append((g, side, target))
        else:
            forks = [(g, st.fork(g), target) for g, target in arms]
        merge_at = info.ipdom.get(label) or frame.fir.exit
        results = []
        self.fork_depth += 1
        try:
            for g, side, target in forks:
                end = self.run_blocks(frame, side, self._enter(frame, side, label, target), merge_at)
                if end is not None:
                    results.append((g, end))
        finally:
            self.fork_depth -= 1
        if len(results) > 1:
            self.stats.merges += 1
        merged = merge_states(self.ctx, st.pc, results, info.live_in.get(merge_at), self.external_initial)
        return None if merged is None else (merged, merge_at)

    def _count_iteration(self, frame: Frame, side: State, exits: tuple[tuple[str, str], ...], target: str,
                         span: SourceSpan) -> bool:
        """Count one more iteration of each loop this side stays in; False if a bound is exceeded."""
        for header, stay in exits:
            if stay != target:
                continue
            k = side.loop_iters.get(header, 0) + 1
            if k > self.settings.unwind:
                loop_span = frame.fir.blocks[header].span
                self.record(side, GoalKind.UNWIND, self.ctx.false,
                            f"loop at {loop_span.short} not unwound after {self.settings.unwind} iterations "
                            "(bound its inputs with assume() or raise --crux-unwind)", loop_span)
                return False
            side.loop_iters[header] = k
            self.loop_depth = max(self.loop_depth, k)
        return True

    def _exec(self, frame: Frame, st: State, stmt: Stmt) -> State | None:
        """Execute one statement; None if every path through it ended."""
        self.stats.statements += 1
        self._current_span = stmt.span
        if self.on_progress is not None and not self.stats.statements % PROGRESS_EVERY:
            self.on_progress(self)
        try:
            self.executing.append((frame, st))
            try:
                STEPS[type(stmt)](self, frame, st, stmt)
            finally:
                self.executing.pop()
            return st
        except PathAbort:
            return None
        except UnsupportedFeature as e:
            if e.span is None:  # raised by an operation that has no span at hand (`==`, truth)
                raise UnsupportedFeature(e.construct, stmt.span, e.hint) from None
            raise
        except Split as split:
            self.stats.splits += 1
            results = []
            self.fork_depth += 1
            try:
                for guard, alt in split.mux.alts:
                    side = st.fork(guard)
                    split.install(side, alt)
                    end = self._exec(frame, side, stmt)
                    if end is not None:
                        results.append((guard, end))
            finally:
                self.fork_depth -= 1
            return merge_states(self.ctx, st.pc, results, None, self.external_initial)

    def _raise(self, st: State, term: Raise) -> NoReturn:
        exc = term.exc.value if isinstance(term.exc, Const) else st.regs.get(term.exc.name, UNBOUND)
        if isinstance(exc, Mux):
            # A different exception (or message) on different merged paths: one failure each.
            for guard, alt in exc.alts:
                side = st.fork(guard)
                side.regs[term.exc.name] = alt  # type: ignore[union-attr]
                try:
                    self._raise(side, term)
                except PathAbort:
                    pass
            raise PathAbort()
        if exc is UNBOUND:
            self._unbound(st, term.exc)  # type: ignore[arg-type]
        if term.assertion is not None:
            detail = f" ({exc})" if isinstance(exc, str) else ""
            self.fail(st, GoalKind.ASSERTION, f"assertion failed: {term.assertion}{detail}", term.span, "AssertionError")
        if isinstance(exc, type) and issubclass(exc, BaseException):
            exc = ExceptionValue(exc, ())
        if not isinstance(exc, ExceptionValue):
            self.fail(st, GoalKind.PANIC, "TypeError: exceptions must derive from BaseException", term.span,
                      "TypeError")
        span = caller_span(term.span, self.stack)
        if self.catching:
            catch(self, st, exc, span)
            raise PathAbort()
        args = ", ".join(repr(a) if is_concrete(a) else repr(str(a)) if isinstance(a, (SymbolicText, TextVal)) else "<symbolic>"
                         for a in exc.args)
        self.fail(st, GoalKind.PANIC, f"raised {exc.cls.__name__}({args})", exc.raised_at or span, exc.cls.__name__)

    # ---- entry point --------------------------------------------------------------------

    def run_test(self, fn: types.FunctionType, params: list[tuple[str, Shape]]) -> tuple[Term, ...] | None:
        """Run a test function whose parameters are symbolic inputs of the given shapes.

        Returns the path condition of the paths that reach the end of the test
        (None when every path ended before it: failed, or assumed away).
        """
        st = State({}, {}, (), {})
        span = SourceSpan(fn.__code__.co_filename, fn.__code__.co_firstlineno)
        args = [make_input(self, st, shape, name) for name, shape in params]
        try:
            call(self, st, fn, args, {}, span)
        except PathAbort:
            return None
        return st.pc

    def lookup_global(self, st: State, frame: Frame, name: str, span: SourceSpan) -> object:
        if name in frame.globals:
            obj = frame.globals[name]
        elif hasattr(builtins, name):
            obj = getattr(builtins, name)
        else:
            self.fail(st, GoalKind.PANIC, f"NameError: name '{name}' is not defined", span, "NameError")
        return self.to_value(st, obj, span)
