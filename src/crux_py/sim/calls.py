"""Calls: models first, then simulated Python code.

Resolution order for a callee: a model registered for that very object
(builtins, crux intrinsics, enabled specs, Cryptol functions), a method of a
value (`attributes.py`; one `@dataclass` generated goes to
`dataclass_models.py`), a function defined by simulated code (`Closure`), a
Python function (translated to IR on demand), a user class (`objects.py`),
an exception class, an instance of a user class (its `__call__`). Anything
else is `UnsupportedFeature`.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.ir.function import FunctionIR, ParamKind
from crux_py.sim import attributes, dataclass_models, dunders, enum_models, objects
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.values import BoundMethod, Closure, DictObj, ExceptionValue, InstanceObj, Ref, SymBool, SymInt
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator


def call(sim: Simulator, st: State, func: object, args: list[object], kwargs: dict[str, object],
         span: SourceSpan, use_models: bool = True) -> object:
    """Call `func`; with `use_models=False` a Python function's own code runs even if a model
    (an enabled spec, say) stands for it."""
    if use_models and sim.has_model(func):
        return sim.models[func](sim, st, args, kwargs, span)
    # A model for calling instances of this class (not `str` for a string: it is not callable).
    if type(func) is not type and (callable(func) or type(func).__module__ != "builtins") \
            and sim.has_model(type(func)):
        return sim.models[type(func)](sim, st, [func, *args], kwargs, span)
    if isinstance(func, BoundMethod):
        if dataclass_models.is_generated(func.func):
            return dataclass_models.call_generated(sim, st, func, args, kwargs, span)
        return attributes.call_method(sim, st, func, args, kwargs, span)
    if isinstance(func, Closure):
        cells = dict(zip(func.fir.freevars, func.cells))
        bound = _bind(sim, st, func.fir, args, kwargs, func.defaults, dict(func.kwdefaults), span)
        return sim.invoke(st, func.fir, bound, cells, func.globals, span)
    if isinstance(func, types.FunctionType):
        if dataclass_models.is_generated(func):
            raise UnsupportedFeature(f"calling {func.__qualname__} from its class (it was generated without "
                                     "source; the modelled ones are reached through an instance)", span)
        return _call_python(sim, st, func, args, kwargs, span)
    if enum_models.is_enum_class(func):
        return enum_models.lookup(sim, st, func, args, kwargs, span)  # type: ignore[arg-type]
    if objects.is_user_class(func):
        return objects.construct(sim, st, func, args, kwargs, span)  # type: ignore[arg-type]
    if isinstance(func, type) and issubclass(func, BaseException):
        if any("__init__" in vars(c) or "__new__" in vars(c) for c in func.__mro__ if c.__module__ != "builtins"):
            raise UnsupportedFeature(f"exception class {func.__name__} with its own __init__", span)
        if kwargs:
            raise UnsupportedFeature("keyword arguments to an exception class", span)
        return ExceptionValue(func, tuple(args))
    cls = dunders.user_class(sim, st, func)
    if cls is not None:
        return dunders.call_instance(sim, st, func, cls, args, kwargs, span)  # type: ignore[arg-type]
    if isinstance(func, (SymInt, SymBool, Ref, tuple, str, int, type(None))):
        name = "list" if isinstance(func, Ref) else type(func).__name__
        sim.fail(st, GoalKind.PANIC, f"TypeError: '{name}' object is not callable", span, "TypeError")
    raise UnsupportedFeature(f"call to {getattr(func, '__qualname__', type(func).__name__)} "
                             "(no model, and no Python source to simulate)", span)


def function_str(func: object) -> str:
    """How CPython names a callee in argument errors (`_PyObject_FunctionStr`): `module.qualname()`."""
    if isinstance(func, Closure):
        module, qualname = func.globals.get("__name__"), func.fir.qualname
    elif isinstance(func, BoundMethod) and func.func is not None:
        module, qualname = getattr(func.func, "__module__", None), getattr(func.func, "__qualname__", "?")
    else:
        module, qualname = getattr(func, "__module__", None), getattr(func, "__qualname__", type(func).__qualname__)
    return f"{module}.{qualname}()" if isinstance(module, str) and module != "builtins" else f"{qualname}()"


def unpack_keywords(sim: Simulator, st: State, func: object, parts: list[tuple[str | None, object]],
                    span: SourceSpan) -> dict[str, object]:
    """The keyword arguments of `f(k=v, **m, ...)` in call order, as CPython builds them before the call."""
    kwargs: dict[str, object] = {}
    for name, value in parts:
        if name is not None:
            items: list[tuple[object, object]] = [(name, value)]
        else:
            obj = sim.heap_obj(st, value) if isinstance(value, Ref) else None
            if isinstance(obj, DictObj):
                items = list(zip(obj.keys, obj.values))
            elif isinstance(obj, InstanceObj):
                raise UnsupportedFeature(f"`**` unpacking of a {obj.cls.__qualname__} object", span)
            else:
                kind = objects.python_type(sim, st, value).__name__
                sim.fail(st, GoalKind.PANIC, f"TypeError: {function_str(func)} argument after ** must be a "
                         f"mapping, not {kind}", span, "TypeError")
        for key, item in items:
            if not isinstance(key, str):
                sim.fail(st, GoalKind.PANIC, "TypeError: keywords must be strings", span, "TypeError")
            if key in kwargs:
                sim.fail(st, GoalKind.PANIC, f"TypeError: {function_str(func)} got multiple values for keyword "
                         f"argument '{key}'", span, "TypeError")
            kwargs[key] = item
    return kwargs


def _call_python(sim: Simulator, st: State, fn: types.FunctionType, args: list[object],
                 kwargs: dict[str, object], span: SourceSpan) -> object:
    fir = sim.translate(fn)
    defaults = tuple(sim.to_value(st, d, span) for d in fn.__defaults__ or ())
    kwdefaults = {k: sim.to_value(st, v, span) for k, v in (fn.__kwdefaults__ or {}).items()}
    cells = {name: sim.real_cell(st, cell, span) for name, cell in zip(fn.__code__.co_freevars, fn.__closure__ or ())}
    bound = _bind(sim, st, fir, args, kwargs, defaults, kwdefaults, span)
    return sim.invoke(st, fir, bound, cells, fn.__globals__, span)


def _bind(sim: Simulator, st: State, fir: FunctionIR, args: list[object], kwargs: dict[str, object],
          defaults: tuple[object, ...], kwdefaults: dict[str, object], span: SourceSpan) -> dict[str, object]:
    """Python's argument binding; a mismatch is the TypeError CPython raises."""
    name = fir.name

    def type_error(msg: str) -> None:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {name}() {msg}", span, "TypeError")

    positional = [p for p in fir.params if p.kind in (ParamKind.POSITIONAL_ONLY, ParamKind.POSITIONAL_OR_KEYWORD)]
    var_pos = next((p for p in fir.params if p.kind is ParamKind.VAR_POSITIONAL), None)
    var_kw = next((p for p in fir.params if p.kind is ParamKind.VAR_KEYWORD), None)
    bound: dict[str, object] = {}
    extra: dict[str, object] = {}
    if len(args) > len(positional) and var_pos is None:
        type_error(f"takes {len(positional)} positional arguments but {len(args)} were given")
    for p, a in zip(positional, args):
        bound[p.name] = a
    if var_pos is not None:
        bound[var_pos.name] = tuple(args[len(positional):])
    for key, value in kwargs.items():
        p = next((p for p in fir.params if p.name == key and p.kind in (
            ParamKind.POSITIONAL_OR_KEYWORD, ParamKind.KEYWORD_ONLY)), None)
        if p is None and var_kw is not None:
            extra[key] = value  # collected into **kwargs, in call order
            continue
        if p is None:
            type_error(f"got an unexpected keyword argument '{key}'")
        if key in bound:
            type_error(f"got multiple values for argument '{key}'")
        bound[key] = value
    if var_kw is not None:
        bound[var_kw.name] = sim.alloc(st, DictObj(tuple(extra), tuple(extra.values())))
    first_default = len(positional) - len(defaults)
    for i, p in enumerate(positional):
        if p.name not in bound:
            if i >= first_default:
                bound[p.name] = defaults[i - first_default]
            else:
                type_error(f"missing required positional argument: '{p.name}'")
    for p in fir.params:
        if p.kind is ParamKind.KEYWORD_ONLY and p.name not in bound:
            if p.name in kwdefaults:
                bound[p.name] = kwdefaults[p.name]
            else:
                type_error(f"missing required keyword-only argument: '{p.name}'")
    return bound
