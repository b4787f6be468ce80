"""The meaning of each IR statement (`ir/nodes.py`): one `step_<node>` each.

A step reads its operands, computes through `ops.py`, `compare.py`,
`sequences.py`, `iteration.py` and `calls.py`, and writes its destination.
Steps raise `Split` (an operand is a Mux) only before they change the state,
so the simulator can re-run them per alternative.
"""

from __future__ import annotations

import builtins
import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.ir import nodes as ir
from crux_py.sim import buffers, compare, dicts, dunders, hexformat, iteration, ops, pyint, sequences, text
from crux_py.sim.attributes import get_attribute, set_attribute
from crux_py.sim.calls import call, unpack_keywords
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.values import UNBOUND, CellObj, Closure, ListObj, Mux, Ref, SymbolicText, SymBool, SymInt

if TYPE_CHECKING:
    from crux_py.sim.simulator import Frame, Simulator

Step = Callable[["Simulator", "Frame", State, ir.Stmt], None]


def step_assign(sim: Simulator, frame: Frame, st: State, s: ir.Assign) -> None:
    st.regs[s.dst.name] = sim.read(st, s.src)


def step_binop(sim: Simulator, frame: Frame, st: State, s: ir.BinOp) -> None:
    a, b = sim.read_strict(st, s.lhs), sim.read_strict(st, s.rhs)
    st.regs[s.dst.name] = ops.binop(sim, st, s.op, a, b, s.span)


def step_inplace(sim: Simulator, frame: Frame, st: State, s: ir.InplaceOp) -> None:
    a, b = sim.read_strict(st, s.lhs), sim.read_strict(st, s.rhs)
    st.regs[s.dst.name] = ops.inplace(sim, st, s.op, a, b, s.span)


def step_unaryop(sim: Simulator, frame: Frame, st: State, s: ir.UnaryOp) -> None:
    a = sim.read_strict(st, s.operand)
    st.regs[s.dst.name] = ops.unaryop(sim, st, s.op, a, s.span)


def step_compare(sim: Simulator, frame: Frame, st: State, s: ir.Compare) -> None:
    if s.op in ("==", "!=", "is", "is not"):
        a, b = sim.read(st, s.lhs), sim.read(st, s.rhs)  # lifted over Mux operands
    else:
        a, b = sim.read_strict(st, s.lhs), sim.read_strict(st, s.rhs)
    st.regs[s.dst.name] = compare.compare(sim, st, s.op, a, b, s.span)


def step_truth(sim: Simulator, frame: Frame, st: State, s: ir.Truth) -> None:
    st.regs[s.dst.name] = compare.truth(sim, st, sim.read_strict(st, s.operand), s.span)


def step_build_list(sim: Simulator, frame: Frame, st: State, s: ir.BuildList) -> None:
    items = tuple(sim.read(st, x) for x in s.items)
    st.regs[s.dst.name] = sequences.new_list(sim, st, items)


def step_build_dict(sim: Simulator, frame: Frame, st: State, s: ir.BuildDict) -> None:
    keys = [sim.read_strict(st, k) for k in s.keys]  # a key must be one concrete value
    values = [sim.read(st, v) for v in s.values]
    st.regs[s.dst.name] = dicts.new_dict(sim, st, list(zip(keys, values)), s.span)


def step_build_set(sim: Simulator, frame: Frame, st: State, s: ir.BuildSet) -> None:
    st.regs[s.dst.name] = dicts.new_set(sim, st, [sim.read_strict(st, x) for x in s.items], s.span)


def step_build_tuple(sim: Simulator, frame: Frame, st: State, s: ir.BuildTuple) -> None:
    st.regs[s.dst.name] = tuple(sim.read(st, x) for x in s.items)


def step_unpack(sim: Simulator, frame: Frame, st: State, s: ir.Unpack) -> None:
    src = sim.read_strict(st, s.src)
    items = iteration.materialize(sim, st, src, s.span)
    n = len(s.dsts)
    if len(items) != n:
        if len(items) > n:
            msg = f"ValueError: too many values to unpack (expected {n})"
        else:
            msg = f"ValueError: not enough values to unpack (expected {n}, got {len(items)})"
        sim.fail(st, GoalKind.PANIC, msg, s.span, "ValueError")
    for dst, value in zip(s.dsts, items):
        st.regs[dst.name] = value


def step_getitem(sim: Simulator, frame: Frame, st: State, s: ir.GetItem) -> None:
    obj, index = sim.read_strict(st, s.obj), sim.read_strict(st, s.index)
    cls = dunders.user_class(sim, st, obj)
    if cls is not None:
        st.regs[s.dst.name] = dunders.item_method(sim, st, obj, cls, "__getitem__", [index], s.span)  # type: ignore[arg-type]
        return
    if isinstance(index, slice):  # a slice object (given to a user class's __getitem__, say)
        st.regs[s.dst.name] = sequences.getslice(sim, st, obj, index.start, index.stop, index.step, s.span)
        return
    mapping = dicts.heap_dict(sim, st, obj)
    if mapping is not None:
        st.regs[s.dst.name] = dicts.getitem(sim, st, mapping, index, s.span)
        return
    view = buffers.heap_view(sim, st, obj)
    if view is not None:
        st.regs[s.dst.name] = buffers.getitem(sim, st, view, index, s.span)
        return
    st.regs[s.dst.name] = sequences.getitem(sim, st, obj, index, s.span)


def step_setitem(sim: Simulator, frame: Frame, st: State, s: ir.SetItem) -> None:
    obj, index = sim.read_strict(st, s.obj), sim.read_strict(st, s.index)
    cls = dunders.user_class(sim, st, obj)
    if cls is not None:
        dunders.item_method(sim, st, obj, cls, "__setitem__", [index, sim.read(st, s.value)], s.span)  # type: ignore[arg-type]
        return
    if isinstance(index, slice):
        sequences.setslice(sim, st, obj, index.start, index.stop, index.step, sim.read_strict(st, s.value), s.span)
        return
    mapping = dicts.heap_dict(sim, st, obj)
    if mapping is not None:
        dicts.setitem(sim, st, obj, mapping, index, sim.read(st, s.value), s.span)  # type: ignore[arg-type]
        return
    view = buffers.heap_view(sim, st, obj)
    if view is not None:
        buffers.setitem(sim, st, view, index, sim.read_strict(st, s.value), s.span)
        return
    sequences.setitem(sim, st, obj, index, sim.read(st, s.value), s.span)


def step_delitem(sim: Simulator, frame: Frame, st: State, s: ir.DelItem) -> None:
    obj, index = sim.read_strict(st, s.obj), sim.read_strict(st, s.index)
    cls = dunders.user_class(sim, st, obj)
    if cls is not None:
        dunders.item_method(sim, st, obj, cls, "__delitem__", [index], s.span)  # type: ignore[arg-type]
        return
    mapping = dicts.heap_dict(sim, st, obj)
    if mapping is not None:
        dicts.delitem(sim, st, obj, mapping, index, s.span)  # type: ignore[arg-type]
        return
    heap_obj = sim.heap_obj(st, obj) if isinstance(obj, Ref) else None
    if isinstance(heap_obj, ListObj) and isinstance(index, int):
        items = heap_obj.items
        if not -len(items) <= index < len(items):
            sim.fail(st, GoalKind.PANIC, "IndexError: list assignment index out of range", s.span, "IndexError")
        index %= len(items)
        sim.write(st, obj, ListObj(items[:index] + items[index + 1:]))  # type: ignore[arg-type]
        return
    raise UnsupportedFeature(f"`del` of an item of a {type(obj).__name__} value", s.span)


def _slice_bounds(sim: Simulator, st: State, s: ir.GetSlice | ir.SetSlice) -> tuple[object, object, object]:
    """The bounds of a slice, objects with `__index__` turned into ints (step first, as CPython's
    `PySlice_Unpack`) unless the sliced object is an instance of a user class, which gets them as they are."""
    lower, upper, step = (sim.read_strict(st, x) for x in (s.lower, s.upper, s.step))
    if dunders.user_class(sim, st, sim.read_strict(st, s.obj)) is not None:
        return lower, upper, step
    bounds = {"step": step, "lower": lower, "upper": upper}
    classes = {key: dunders.user_class(sim, st, bound) for key, bound in bounds.items()}  # before any call
    for key, cls in classes.items():
        if cls is not None and dunders.defines(cls, "__index__"):
            bounds[key] = dunders.index(sim, st, bounds[key], cls, s.span)  # type: ignore[arg-type]
    return bounds["lower"], bounds["upper"], bounds["step"]


def step_getslice(sim: Simulator, frame: Frame, st: State, s: ir.GetSlice) -> None:
    obj = sim.read_strict(st, s.obj)
    lower, upper, step = _slice_bounds(sim, st, s)
    cls = dunders.user_class(sim, st, obj)
    if cls is not None:
        key = dunders.make_slice(sim, st, lower, upper, step, s.span)
        st.regs[s.dst.name] = dunders.item_method(sim, st, obj, cls, "__getitem__", [key], s.span)  # type: ignore[arg-type]
        return
    n = sequences.length(sim, st, obj) if step is None or step == 1 else None
    if isinstance(n, int):
        for operand, bound in ((s.lower, lower), (s.upper, upper)):
            # Only a bound read from its register is split (rerunning the step): one that
            # __index__ returned would run that method again.
            if isinstance(bound, SymInt) and bound.lo < n and isinstance(operand, ir.Reg) and \
                    sim.read_strict(st, operand) is bound:
                sequences.split_bound(sim, operand.name, bound, n, s.span)
    view = buffers.heap_view(sim, st, obj)
    if view is not None:
        st.regs[s.dst.name] = buffers.getslice(sim, st, view, lower, upper, step, s.span)
        return
    st.regs[s.dst.name] = sequences.getslice(sim, st, obj, lower, upper, step, s.span)


def step_setslice(sim: Simulator, frame: Frame, st: State, s: ir.SetSlice) -> None:
    obj = sim.read_strict(st, s.obj)
    value = sim.read_strict(st, s.value)
    lower, upper, step = _slice_bounds(sim, st, s)
    cls = dunders.user_class(sim, st, obj)
    if cls is not None:
        key = dunders.make_slice(sim, st, lower, upper, step, s.span)
        dunders.item_method(sim, st, obj, cls, "__setitem__", [key, value], s.span)  # type: ignore[arg-type]
        return
    view = buffers.heap_view(sim, st, obj)
    if view is not None:
        buffers.setslice(sim, st, view, lower, upper, step, value, s.span)
        return
    sequences.setslice(sim, st, obj, lower, upper, step, value, s.span)


def step_setattr(sim: Simulator, frame: Frame, st: State, s: ir.SetAttr) -> None:
    set_attribute(sim, st, sim.read_strict(st, s.obj), s.name, sim.read(st, s.value), s.span)


def step_call_unpacked(sim: Simulator, frame: Frame, st: State, s: ir.CallUnpacked) -> None:
    func = sim.read_strict(st, s.func)
    simulated = isinstance(func, (Closure, types.FunctionType)) and not sim.has_model(func)
    read = sim.read if simulated else sim.read_strict
    args: list[object] = []
    for starred, op in s.parts:
        if starred:
            args.extend(iteration.materialize(sim, st, sim.read_strict(st, op), s.span))
        else:
            args.append(read(st, op))
    parts = [(k, read(st, v) if k is not None else sim.read_strict(st, v)) for k, v in s.kwargs]
    st.regs[s.dst.name] = call(sim, st, func, args, unpack_keywords(sim, st, func, parts, s.span), s.span)


def step_getattr(sim: Simulator, frame: Frame, st: State, s: ir.GetAttr) -> None:
    obj = sim.read_strict(st, s.obj)
    st.regs[s.dst.name] = get_attribute(sim, st, obj, s.name, s.span)


def step_call(sim: Simulator, frame: Frame, st: State, s: ir.Call) -> None:
    func = sim.read_strict(st, s.func)
    # Simulated Python functions take Mux arguments as they are; models and
    # methods see one alternative at a time.
    simulated = isinstance(func, (Closure, types.FunctionType)) and not sim.has_model(func)
    read = sim.read if simulated else sim.read_strict
    args = [read(st, a) for a in s.args]
    kwargs = {k: read(st, v) for k, v in s.kwargs}
    st.regs[s.dst.name] = call(sim, st, func, args, kwargs, s.span)


def step_load_global(sim: Simulator, frame: Frame, st: State, s: ir.LoadGlobal) -> None:
    st.regs[s.dst.name] = sim.lookup_global(st, frame, s.name, s.span)


def _import(module: str, globals_: dict[str, object], fromlist: tuple[str, ...], level: int,
            attrs: tuple[str, ...]) -> object:
    """CPython's IMPORT_NAME then IMPORT_FROM for each of `attrs`."""
    value = builtins.__import__(module, globals_, None, fromlist, level)
    for attr in attrs:
        try:
            value = getattr(value, attr)
        except AttributeError:
            # A submodule imported but not (yet) set as an attribute of its package.
            name = getattr(value, "__name__", "?")
            if f"{name}.{attr}" not in sys.modules:
                where = getattr(value, "__file__", None) or "unknown location"
                raise ImportError(f"cannot import name '{attr}' from '{name}' ({where})") from None
            value = sys.modules[f"{name}.{attr}"]
    return value


def step_import(sim: Simulator, frame: Frame, st: State, s: ir.Import) -> None:
    # Modules are concrete: the import runs in CPython (once; later runs hit sys.modules), and
    # its exceptions (ModuleNotFoundError, ImportError) are failures on this path.
    globals_ = dict(frame.globals)
    st.regs[s.dst.name] = sim.run_concrete(
        st, lambda: _import(s.module, globals_, s.fromlist, s.level, s.attrs), (), s.span)


def step_load_deref(sim: Simulator, frame: Frame, st: State, s: ir.LoadDeref) -> None:
    cell = sim.heap_obj(st, frame.cells[s.name])
    assert isinstance(cell, CellObj)
    if cell.value is UNBOUND:
        sim.fail(st, GoalKind.PANIC, f"NameError: cannot access free variable '{s.name}' where it is not "
                 "associated with a value", s.span, "NameError")
    st.regs[s.dst.name] = cell.value


def step_store_deref(sim: Simulator, frame: Frame, st: State, s: ir.StoreDeref) -> None:
    sim.write(st, frame.cells[s.name], CellObj(sim.read(st, s.value)))


def step_make_function(sim: Simulator, frame: Frame, st: State, s: ir.MakeFunction) -> None:
    defaults = tuple(sim.read(st, d) for d in s.defaults)
    kwdefaults = tuple((k, sim.read(st, v)) for k, v in s.kwdefaults)
    cells = tuple(frame.cells[name] for name in s.closure)
    st.regs[s.dst.name] = Closure(s.func, defaults, kwdefaults, cells, dict(frame.globals))


def step_format_string(sim: Simulator, frame: Frame, st: State, s: ir.FormatString) -> None:
    pieces: list[object] = []
    for part in s.parts:
        if isinstance(part, ir.Const):
            pieces.append(part.value)
            continue
        value, conversion, spec = sim.read(st, part[0]), part[1], sim.read_strict(st, part[2])
        for alt in (x for _, x in value.alts) if isinstance(value, Mux) else (value,):
            cls = dunders.user_class(sim, st, alt)
            if cls is not None:
                dunders.check_formattable(sim, st, cls, conversion, spec, s.span)
        formatted = hexformat.format_value(sim, st, value, conversion, spec, s.span)
        if formatted is None and conversion in ("", "s") and spec == "" and _decimal_is_cheap(value):
            formatted = text.str_of(sim, st, value, s.span)  # `{x}` of a symbolic int: exact text
        pieces.append(value if formatted is None else formatted)
    if all(text.is_text(p) or isinstance(p, Mux) and all(text.is_text(x) for _, x in p.alts) for p in pieces):
        st.regs[s.dst.name] = hexformat.concatenate(sim, st, pieces)
    else:
        st.regs[s.dst.name] = SymbolicText(tuple(pieces))


def _decimal_is_cheap(value: object) -> bool:
    """A symbolic int or bool (or a Mux of them) of at most 64 bits: its decimal
    text is a few cases of a few digits (wider ones stay message-only)."""
    alts = [x for _, x in value.alts] if isinstance(value, Mux) else [value]
    return all(isinstance(x, SymBool) or type(x) in (int, bool)
               or isinstance(x, SymInt) and max(map(abs, pyint.bounds(x))) < 2**64 for x in alts)


def step_get_iter(sim: Simulator, frame: Frame, st: State, s: ir.GetIter) -> None:
    st.regs[s.dst.name] = iteration.get_iter(sim, st, sim.read_strict(st, s.iterable), s.span)


def step_iter_next(sim: Simulator, frame: Frame, st: State, s: ir.IterNext) -> None:
    it = sim.read_strict(st, s.iterator)
    if not isinstance(it, Ref):
        raise UnsupportedFeature("iterating this value", s.span)
    has, value = iteration.iter_next(sim, st, it, s.span)
    st.regs[s.has.name] = has
    st.regs[s.value.name] = value


STEPS: dict[type, Step] = {
    ir.Assign: step_assign,
    ir.BinOp: step_binop,
    ir.InplaceOp: step_inplace,
    ir.UnaryOp: step_unaryop,
    ir.Compare: step_compare,
    ir.Truth: step_truth,
    ir.BuildList: step_build_list,
    ir.BuildTuple: step_build_tuple,
    ir.BuildDict: step_build_dict,
    ir.BuildSet: step_build_set,
    ir.DelItem: step_delitem,
    ir.Unpack: step_unpack,
    ir.GetItem: step_getitem,
    ir.SetItem: step_setitem,
    ir.GetSlice: step_getslice,
    ir.SetSlice: step_setslice,
    ir.GetAttr: step_getattr,
    ir.SetAttr: step_setattr,
    ir.CallUnpacked: step_call_unpacked,
    ir.Call: step_call,
    ir.LoadGlobal: step_load_global,
    ir.Import: step_import,
    ir.LoadDeref: step_load_deref,
    ir.StoreDeref: step_store_deref,
    ir.MakeFunction: step_make_function,
    ir.FormatString: step_format_string,
    ir.GetIter: step_get_iter,
    ir.IterNext: step_iter_next,
}
