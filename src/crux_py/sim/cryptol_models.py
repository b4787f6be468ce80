"""Calls of Cryptol functions from simulated Python (DESIGN §7).

`spec.merge_vc(a, b)` inside a symbolic test resolves the Cryptol function's
instance from the shapes of the arguments, converts each argument to its
Cryptol type (a Python int must fit the word: a ValueError obligation, as in
CPython), evaluates the function with the Cryptol symbolic backend in the
same term context, turns its side conditions into obligations, and converts
the result back (words become ints in [0, 2**n), sequences lists).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crux_py.cryptol.ctype import CBit, CInteger, CSeq, CTuple, CType, CWord
from crux_py.cryptol.pyapi import CryptolFunction, CryptolModuleProxy
from crux_py.errors import CryptolError, UnsupportedFeature
from crux_py.sim import pyint, sequences
from crux_py.sim.compare import as_int, bool_term, is_intlike
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.values import BytesVal, Mux, Ref, SymBool, SymInt
from crux_py.source import SourceSpan
from crux_py.term.nodes import Term

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator


def _probe(sim: Simulator, st: State, v: object, span: SourceSpan) -> object:
    """The shape of a value, as `CryptolFunction.resolve` takes it."""
    if isinstance(v, (bool, SymBool)):
        return bool
    if isinstance(v, (int, SymInt)):
        return None
    if isinstance(v, tuple):
        return tuple(_probe(sim, st, x, span) for x in v)
    if isinstance(v, (bytes, BytesVal)):
        return [8] * len(sequences.sequence_items(sim, st, v))  # type: ignore[arg-type]
    if isinstance(v, Ref):
        items = sequences.list_items(sim, st, v)
        if items is not None:
            return [_probe(sim, st, x, span) for x in items]
    if isinstance(v, Mux):
        raise UnsupportedFeature("passing a value that differs in kind between paths to Cryptol", span)
    raise UnsupportedFeature(f"passing a {type(v).__name__} to a Cryptol function", span)


def _to_cryptol(sim: Simulator, st: State, ct: CType, v: object, what: str, span: SourceSpan) -> object:
    ctx = sim.ctx
    if isinstance(ct, CWord):
        if not is_intlike(v):
            sim.fail(st, GoalKind.PANIC, f"TypeError: {what} must be an int", span, "TypeError")
        x = as_int(sim, v)
        if ct.width == 0:
            sim.check(st, pyint.compare(ctx, "==", x, 0), GoalKind.PANIC, f"ValueError: {what} does not fit [0]",
                      span, "ValueError")
            return 0
        low, high = pyint.compare(ctx, ">=", x, 0), pyint.compare(ctx, "<", x, 1 << ct.width)
        both = [c for c in (low, high) if c is not True]
        ok = False if False in both else True if not both else pyint.bool_of(ctx, ctx.and_(*(c.term for c in both)))  # type: ignore[union-attr]
        sim.check(st, ok, GoalKind.PANIC, f"ValueError: {what} does not fit [{ct.width}]", span, "ValueError")
        x = pyint.refine(ctx, x, 0, (1 << ct.width) - 1)
        if isinstance(x, int):
            return x
        return pyint.extend(ctx, x, ct.width) if x.term.width <= ct.width else ctx.extract(x.term, ct.width - 1, 0)
    if isinstance(ct, CBit):
        if not isinstance(v, (bool, SymBool)):
            sim.fail(st, GoalKind.PANIC, f"TypeError: {what} must be a bool", span, "TypeError")
        return v if isinstance(v, bool) else bool_term(sim, v)  # type: ignore[arg-type]
    if isinstance(ct, CSeq):
        items = sequences.sequence_items(sim, st, v)
        if items is None or isinstance(v, str) or len(items) != ct.length:
            sim.fail(st, GoalKind.PANIC, f"TypeError: {what} must be a sequence of {ct.length} items", span,
                     "TypeError")
        return [_to_cryptol(sim, st, ct.elem, x, f"{what}[{i}]", span) for i, x in enumerate(items)]  # type: ignore[arg-type]
    if isinstance(ct, CTuple):
        if not isinstance(v, tuple) or len(v) != len(ct.items):
            sim.fail(st, GoalKind.PANIC, f"TypeError: {what} must be a tuple of {len(ct.items)} items", span,
                     "TypeError")
        return tuple(_to_cryptol(sim, st, c, x, f"{what}[{i}]", span) for i, (c, x) in enumerate(zip(ct.items, v)))  # type: ignore[arg-type]
    if isinstance(ct, CInteger) and isinstance(v, int):
        return v
    raise UnsupportedFeature(f"passing {what} to a Cryptol parameter of this type ({ct})", span)


def _from_cryptol(sim: Simulator, st: State, ct: CType, r: object) -> object:
    ctx = sim.ctx
    if isinstance(ct, CWord):
        if isinstance(r, Term):
            return pyint.make(ctx, r, 0, (1 << ct.width) - 1)
        return r
    if isinstance(ct, CBit):
        return pyint.bool_of(ctx, r) if isinstance(r, Term) else r
    if isinstance(ct, CSeq):
        return sequences.new_list(sim, st, tuple(_from_cryptol(sim, st, ct.elem, x) for x in r))  # type: ignore[attr-defined]
    if isinstance(ct, CTuple):
        return tuple(_from_cryptol(sim, st, c, x) for c, x in zip(ct.items, r))  # type: ignore[arg-type]
    if isinstance(ct, CInteger):
        return r
    raise UnsupportedFeature(f"a Cryptol result of type {ct}")


def model_call(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    fn, *values = args
    assert isinstance(fn, CryptolFunction)
    if kwargs:
        raise UnsupportedFeature("keyword arguments to a Cryptol function", span)
    try:
        instance = fn.resolve([_probe(sim, st, v, span) for v in values])
    except (TypeError, ValueError, CryptolError) as e:  # what CPython would raise for these arguments
        sim.fail(st, GoalKind.PANIC, f"{type(e).__name__}: {e}", span, type(e).__name__)
    if len(values) != len(instance.param_types):
        sim.fail(st, GoalKind.PANIC, f"TypeError: `{fn.name}` takes {len(instance.param_types)} argument(s), "
                 f"got {len(values)}", span, "TypeError")
    converted = [_to_cryptol(sim, st, ct, v, f"argument {i + 1} of `{fn.name}`", span)
                 for i, (ct, v) in enumerate(zip(instance.param_types, values))]
    obligations: list = []
    result = instance.call_symbolic(sim.ctx, converted, obligations)
    for ob in obligations:
        cond = pyint.bool_of(sim.ctx, ob.cond) if isinstance(ob.cond, Term) else bool(ob.cond)
        sim.check(st, cond, GoalKind.PANIC, f"CryptolEvalError: {ob.message}", ob.span or span, "CryptolEvalError")
    return _from_cryptol(sim, st, instance.result_type, result)


def model_module_attribute(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                           span: SourceSpan) -> object:
    proxy, name = args
    try:
        return getattr(proxy, name)  # type: ignore[arg-type]
    except AttributeError:
        sim.fail(st, GoalKind.PANIC, f"AttributeError: Cryptol module has no `{name}`", span, "AttributeError")
        raise


CRYPTOL_MODELS: dict[object, object] = {
    CryptolFunction: model_call,
    (CryptolModuleProxy, "__getattr__"): model_module_attribute,
}
