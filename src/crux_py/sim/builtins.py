"""Models of Python builtins: len range min max abs sum all any list tuple
enumerate zip map filter reversed iter next int bool (and, from `type_models.py`, super isinstance
issubclass; dict, set from `dicts.py`; functools from `lru.py` and
`functools_models.py`; dataclasses from `dataclass_models.py`).

Each model has the `Model` signature `(sim, state, args, kwargs, span) ->
value` and follows CPython's behaviour, including its exceptions (recorded
as failed goals). `BUILTIN_MODELS` maps the builtin objects to their models.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import dicts, dunders, hexformat, pyint, sequences, text
from crux_py.sim.compare import all_of, any_of, as_int, compare, is_intlike, special_len, truth
from crux_py.sim.dataclass_models import DATACLASS_MODELS
from crux_py.sim.functools_models import FUNCTOOLS_MODELS
from crux_py.sim.goals import GoalKind
from crux_py.sim.iteration import get_iter, is_iterator, iter_next, materialize, reversed_iter, single_iter
from crux_py.sim.contexts import CONTEXT_MODELS
from crux_py.sim.library_models import LIBRARY_MODELS
from crux_py.sim.lru import LRU_MODELS
from crux_py.sim.merge import merge_values
from crux_py.sim.number_builtins import NUMBER_MODELS
from crux_py.sim.objects import python_type
from crux_py.sim.ops import binop
from crux_py.sim.sorting import SORTING_MODELS
from crux_py.sim.state import State
from crux_py.sim.type_models import TYPE_MODELS
from crux_py.sim.values import (
    EnumerateIter, FilterIter, MapIter, RangeValue, SymBool, SymInt, TextVal, ZipIter, is_concrete,
)
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

Model = Callable[["Simulator", State, list[object], dict[str, object], SourceSpan], object]


def _arity(sim: Simulator, st: State, name: str, args: list[object], kwargs: dict[str, object],
           lo: int, hi: int, span: SourceSpan, allowed_kw: tuple[str, ...] = ()) -> None:
    bad = [k for k in kwargs if k not in allowed_kw]
    if bad:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {name}() got an unexpected keyword argument '{bad[0]}'",
                 span, "TypeError")
    if not lo <= len(args) <= hi:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {name}() takes from {lo} to {hi} positional arguments "
                 f"but {len(args)} were given", span, "TypeError")


def model_len(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    _arity(sim, st, "len", args, kwargs, 1, 1, span)
    cls = dunders.user_class(sim, st, args[0])
    if cls is not None:
        return special_len(sim, st, args[0], cls, span)  # type: ignore[arg-type]
    n = sequences.length(sim, st, args[0])
    if n is None:
        sim.fail(st, GoalKind.PANIC, f"TypeError: object of type '{type(args[0]).__name__}' has no len()",
                 span, "TypeError")
    return n


def model_range(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    _arity(sim, st, "range", args, kwargs, 1, 3, span)
    args = list(args)
    classes = [dunders.user_class(sim, st, a) for a in args]  # before any __index__ runs
    for i, (a, cls) in enumerate(zip(args, classes)):
        if cls is not None and dunders.defines(cls, "__index__"):
            args[i] = a = dunders.index(sim, st, a, cls, span)  # type: ignore[arg-type]
        if not is_intlike(a):
            sim.fail(st, GoalKind.PANIC, f"TypeError: '{python_type(sim, st, a).__name__}' object cannot be "
                     "interpreted as an integer", span, "TypeError")
    vals = [as_int(sim, a) for a in args]
    start, stop = (0, vals[0]) if len(vals) == 1 else (vals[0], vals[1])
    step = vals[2] if len(vals) == 3 else 1
    if not isinstance(step, int):
        raise UnsupportedFeature("range() with a symbolic step", span)
    if step == 0:
        sim.fail(st, GoalKind.PANIC, "ValueError: range() arg 3 must not be zero", span, "ValueError")
    return RangeValue(start, stop, step)


def _choose(sim: Simulator, cond: pyint.BoolVal, a: object, b: object) -> object:
    if isinstance(cond, bool):
        return a if cond else b
    return merge_values(sim.ctx, cond.term, a, b)


def _extreme(name: str, op: str) -> Model:
    def model(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
        _arity(sim, st, name, args, kwargs, 1, 1 << 30, span, ("default", "key"))
        key = kwargs.get("key")
        if len(args) == 1:
            items = materialize(sim, st, args[0], span)
            if not items:
                if "default" in kwargs:
                    return kwargs["default"]
                sim.fail(st, GoalKind.PANIC, f"ValueError: {name}() arg is an empty sequence", span, "ValueError")
        else:
            if "default" in kwargs:
                sim.fail(st, GoalKind.PANIC, f"TypeError: Cannot specify a default for {name}() with multiple "
                         "positional arguments", span, "TypeError")
            items = list(args)
        # CPython computes each key once, in order, as it goes.
        best, best_key = items[0], items[0] if key is None else sim.call(st, key, [items[0]], {}, span)
        for x in items[1:]:
            x_key = x if key is None else sim.call(st, key, [x], {}, span)
            # CPython keeps the first extreme: replace only on a strict improvement.
            # (settled: a rerun of the statement would repeat the comparisons special methods made)
            better = dunders.settled(sim, st, lambda side, x_key=x_key, best_key=best_key: truth(
                sim, side, compare(sim, side, op, x_key, best_key, span), span))
            best, best_key = _choose(sim, better, x, best), _choose(sim, better, x_key, best_key)
        return best

    model.__name__ = f"model_{name}"
    return model


def model_abs(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    _arity(sim, st, "abs", args, kwargs, 1, 1, span)
    x = args[0]
    cls = dunders.user_class(sim, st, x)
    if cls is not None:
        if dunders.defines(cls, "__abs__"):
            return dunders.call_special(sim, st, x, cls, "__abs__", [], span)  # type: ignore[arg-type]
        sim.fail(st, GoalKind.PANIC, f"TypeError: bad operand type for abs(): '{cls.__name__}'", span, "TypeError")
    if is_intlike(x):
        return pyint.absolute(sim.ctx, as_int(sim, x))
    if is_concrete(x):
        return sim.run_concrete(st, abs, (x,), span)
    sim.fail(st, GoalKind.PANIC, f"TypeError: bad operand type for abs(): '{type(x).__name__}'", span, "TypeError")
    return None


def model_sum(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    _arity(sim, st, "sum", args, kwargs, 1, 2, span, ("start",))
    total = args[1] if len(args) == 2 else kwargs.get("start", 0)
    for x in materialize(sim, st, args[0], span):
        # (settled: a rerun of the statement would repeat the additions special methods made)
        total = dunders.settled(sim, st, lambda side, t=total, x=x: binop(sim, side, "+", t, x, span))
    return total


def model_all(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    _arity(sim, st, "all", args, kwargs, 1, 1, span)
    return all_of(sim, [truth(sim, st, x) for x in materialize(sim, st, args[0], span)])


def model_any(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    _arity(sim, st, "any", args, kwargs, 1, 1, span)
    return any_of(sim, [truth(sim, st, x) for x in materialize(sim, st, args[0], span)])


def model_list(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    _arity(sim, st, "list", args, kwargs, 0, 1, span)
    return sequences.new_list(sim, st, tuple(materialize(sim, st, args[0], span)) if args else ())


def model_tuple(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    _arity(sim, st, "tuple", args, kwargs, 0, 1, span)
    return tuple(materialize(sim, st, args[0], span)) if args else ()


def model_enumerate(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                    span: SourceSpan) -> object:
    _arity(sim, st, "enumerate", args, kwargs, 1, 2, span, ("start",))
    start = args[1] if len(args) == 2 else kwargs.get("start", 0)
    if not isinstance(start, int):
        raise UnsupportedFeature("enumerate() with a symbolic start", span)
    return sim.alloc(st, EnumerateIter(single_iter(sim, st, args[0], span), start))


def model_zip(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    _arity(sim, st, "zip", args, kwargs, 0, 1 << 30, span, ("strict",))
    strict = truth(sim, st, kwargs.get("strict", False))
    if isinstance(strict, SymBool):
        raise UnsupportedFeature("zip() with a symbolic `strict`", span)
    return sim.alloc(st, ZipIter(tuple(single_iter(sim, st, a, span) for a in args), strict))


def model_map(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    if kwargs:
        sim.fail(st, GoalKind.PANIC, "TypeError: map() takes no keyword arguments", span, "TypeError")
    if len(args) < 2:
        sim.fail(st, GoalKind.PANIC, "TypeError: map() must have at least two arguments.", span, "TypeError")
    return sim.alloc(st, MapIter(args[0], tuple(single_iter(sim, st, a, span) for a in args[1:])))


def model_filter(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                 span: SourceSpan) -> object:
    if kwargs:
        sim.fail(st, GoalKind.PANIC, "TypeError: filter() takes no keyword arguments", span, "TypeError")
    if len(args) != 2:
        sim.fail(st, GoalKind.PANIC, f"TypeError: filter expected 2 arguments, got {len(args)}", span, "TypeError")
    return sim.alloc(st, FilterIter(args[0], single_iter(sim, st, args[1], span)))


def model_reversed(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                   span: SourceSpan) -> object:
    _arity(sim, st, "reversed", args, kwargs, 1, 1, span)
    return reversed_iter(sim, st, args[0], span)


def model_iter(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    if len(args) == 2:
        raise UnsupportedFeature("iter() with a sentinel", span)
    _arity(sim, st, "iter", args, kwargs, 1, 1, span)
    return get_iter(sim, st, args[0], span)


def model_next(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    _arity(sim, st, "next", args, kwargs, 1, 2, span)
    it = args[0]
    cls = dunders.user_class(sim, st, it)
    if cls is not None and dunders.defines(cls, "__next__"):
        raise UnsupportedFeature(f"next() of a {cls.__qualname__} (iterators of user classes are not modelled)", span)
    if not is_iterator(sim, st, it):
        sim.fail(st, GoalKind.PANIC, f"TypeError: '{python_type(sim, st, it).__name__}' object is not an iterator", span,
                 "TypeError")
    has, value = iter_next(sim, st, it, span)  # type: ignore[arg-type]
    if len(args) == 2:
        return _choose(sim, has, value, args[1])
    sim.check(st, has, GoalKind.PANIC, "StopIteration", span, "StopIteration")
    return value


def model_int(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    _arity(sim, st, "int", args, kwargs, 0, 2, span, ("base",))
    if not args:
        return 0
    x = args[0]
    if len(args) == 1 and not kwargs and isinstance(x, (int, SymInt, SymBool)):
        return as_int(sim, x)
    base = args[1] if len(args) == 2 else kwargs.get("base", 10)
    if isinstance(x, TextVal):
        if base != 16:
            raise UnsupportedFeature(f"int() with base {base!r} of a str with symbolic characters (base 16 is "
                                     "modelled)", span)
        return text.parse_hex_int(sim, st, x, span)
    if all(is_concrete(a) for a in args) and all(is_concrete(v) for v in kwargs.values()):
        return sim.run_concrete(st, lambda *a: int(*a, **kwargs), tuple(args), span)
    raise UnsupportedFeature(f"int() of a symbolic {type(x).__name__}", span)


def model_bool(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    _arity(sim, st, "bool", args, kwargs, 0, 1, span)
    return truth(sim, st, args[0], span) if args else False


BUILTIN_MODELS: dict[object, Model] = {
    builtins.len: model_len,
    builtins.range: model_range,
    builtins.min: _extreme("min", "<"),
    builtins.max: _extreme("max", ">"),
    builtins.abs: model_abs,
    builtins.sum: model_sum,
    builtins.all: model_all,
    builtins.any: model_any,
    builtins.list: model_list,
    builtins.tuple: model_tuple,
    builtins.enumerate: model_enumerate,
    builtins.zip: model_zip,
    builtins.map: model_map,
    builtins.filter: model_filter,
    builtins.reversed: model_reversed,
    builtins.iter: model_iter,
    builtins.next: model_next,
    builtins.int: model_int,
    builtins.bool: model_bool,
    **TYPE_MODELS,  # super, isinstance, issubclass, object.__init__
    builtins.dict: dicts.model_dict,
    builtins.set: dicts.model_set,
    **DATACLASS_MODELS,  # dataclasses.replace, astuple, asdict, is_dataclass
    **LRU_MODELS,  # calls and methods of functools.lru_cache wrappers
    **LIBRARY_MODELS,  # operator, and pure functions of math, zlib, binascii
    **CONTEXT_MODELS,  # __enter__/__exit__ of `with` statements
    **FUNCTOOLS_MODELS,  # partial, wraps, update_wrapper, reduce
    **SORTING_MODELS,  # sorted, list.sort
    **NUMBER_MODELS,  # divmod, pow, round, ord, chr, bin, oct, hex
    builtins.format: hexformat.model_format,
    (str, "format"): hexformat.model_str_format,
    **text.TEXT_MODELS,  # str.join, str.upper, str.lower, str.encode
}
