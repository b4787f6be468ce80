"""Joining paths: values, heap objects and whole states.

`merge_values(ctx, c, a, b)` is the value that is `a` where `c` holds and
`b` elsewhere: an `ite` term when both are ints or both bools, element-wise
for tuples and equal-length lists, a `Mux` when the kinds cannot be merged
(different strings, a list and None...). `merge_states` joins the states
that reach a merge point (a branch's immediate post-dominator, or the end of
a statement that was split on a Mux).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from crux_py.sim import dictkeys, pyint
from crux_py.sim.state import State
from crux_py.sim.values import (
    UNBOUND, ByteArrayObj, BytesVal, CellObj, DictObj, HeapObj, InstanceObj, ListObj, Mux, SetObj, SymBool, SymInt,
    TextVal,
)
from crux_py.term.context import TermContext
from crux_py.term.nodes import Term


# Exact types: a subclass instance (an IntEnum member, a namedtuple) is kept
# whole in a Mux, never merged into a plain value that forgets its class.
def _is_int(v: object) -> bool:
    return isinstance(v, SymInt) or type(v) is int


def _is_bool(v: object) -> bool:
    return isinstance(v, SymBool) or type(v) is bool


def _bool_term(ctx: TermContext, v: object) -> Term:
    return v.term if isinstance(v, SymBool) else ctx.bool_const(bool(v))


def mergeable(a: object, b: object) -> bool:
    """Whether `merge_values` can join a and b without a Mux."""
    if a is b:
        return True
    if _is_int(a) and _is_int(b):
        return True
    if _is_bool(a) and _is_bool(b):
        return True
    if type(a) is tuple and type(b) is tuple:
        return len(a) == len(b)
    if isinstance(a, (ListObj, ByteArrayObj)) and type(a) is type(b):
        return len(a.items) == len(b.items)  # type: ignore[union-attr]
    if type(a) in (bytes, BytesVal) and type(b) in (bytes, BytesVal):
        return len(_byte_items(a)) == len(_byte_items(b))
    if (isinstance(a, TextVal) or isinstance(b, TextVal)) and type(a) in (str, TextVal) \
            and type(b) in (str, TextVal):
        # Two plain strings stay apart (a Mux): they are often names, not data.
        return len(text_codes(a)) == len(text_codes(b))
    if isinstance(a, DictObj) and isinstance(b, DictObj):
        # Same keys in the same order: values merge one by one. Other key
        # sets (or orders) stay apart in a Mux, like lists of other lengths.
        return dictkeys.same_keys(a.keys, b.keys)
    if isinstance(a, SetObj) and isinstance(b, SetObj):
        return a.history == b.history and dictkeys.same_keys(a.items, b.items)
    if isinstance(a, InstanceObj) and isinstance(b, InstanceObj):
        return a.cls is b.cls
    if isinstance(a, CellObj) and isinstance(b, CellObj):
        return True
    if isinstance(a, (Mux, SymInt, SymBool)) or isinstance(b, (Mux, SymInt, SymBool)):
        return False
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:  # objects with exotic __eq__ are simply kept apart
        return False


def merge_values(ctx: TermContext, c: Term, a: object, b: object) -> object:
    if a is b:
        return a
    if c.is_const:
        return a if c.value else b
    if isinstance(a, Mux) or isinstance(b, Mux) or not mergeable(a, b):
        return _mux(ctx, c, a, b)
    if _is_int(a):
        return pyint.ite(ctx, SymBool(c), a, b)  # type: ignore[arg-type]
    if _is_bool(a):
        t = ctx.ite(c, _bool_term(ctx, a), _bool_term(ctx, b))
        return pyint.bool_of(ctx, t)
    if isinstance(a, tuple):
        return tuple(merge_values(ctx, c, x, y) for x, y in zip(a, b))  # type: ignore[arg-type]
    if isinstance(a, (ListObj, ByteArrayObj)):
        return type(a)(tuple(merge_values(ctx, c, x, y) for x, y in zip(a.items, b.items)))  # type: ignore[union-attr]
    if isinstance(a, (str, TextVal)):
        return make_text(tuple(merge_values(ctx, c, x, y) for x, y in zip(text_codes(a), text_codes(b))))  # type: ignore[arg-type]
    if isinstance(a, (bytes, BytesVal)):
        return make_bytes(tuple(merge_values(ctx, c, x, y) for x, y in zip(_byte_items(a), _byte_items(b))))
    if isinstance(a, DictObj):
        return DictObj(a.keys, tuple(merge_values(ctx, c, x, y) for x, y in zip(a.values, b.values)))  # type: ignore[union-attr]
    if isinstance(a, SetObj):
        return a  # the same concrete elements on both sides
    if isinstance(a, InstanceObj):
        names = [k for k, _ in a.attrs] + [k for k, _ in b.attrs if a.get(k) is UNBOUND]  # type: ignore[union-attr]
        return InstanceObj(a.cls, tuple((k, merge_values(ctx, c, a.get(k), b.get(k))) for k in names))  # type: ignore[union-attr]
    if isinstance(a, CellObj):
        return CellObj(merge_values(ctx, c, a.value, b.value))  # type: ignore[union-attr]
    return a


def _byte_items(v: bytes | BytesVal) -> tuple[object, ...]:
    return tuple(v) if isinstance(v, bytes) else v.items


def make_bytes(items: tuple[object, ...]) -> bytes | BytesVal:
    """A bytes value: plain `bytes` when every item is concrete."""
    if all(isinstance(x, int) for x in items):
        return bytes(items)  # type: ignore[arg-type]
    return BytesVal(items)


def text_codes(v: str | TextVal) -> tuple[object, ...]:
    """The code points of a string's characters (ints, or SymInts for a TextVal)."""
    return tuple(map(ord, v)) if isinstance(v, str) else v.codes


def make_text(codes: tuple[object, ...]) -> str | TextVal:
    """A str value: plain `str` when every code point is concrete."""
    if all(isinstance(c, int) for c in codes):
        return "".join(map(chr, codes))  # type: ignore[arg-type]
    return TextVal(codes)


def _alternatives(ctx: TermContext, guard: Term, v: object) -> list[tuple[Term, object]]:
    if isinstance(v, Mux):
        return [(ctx.and_(guard, g), x) for g, x in v.alts]
    return [(guard, v)]


def _mux(ctx: TermContext, c: Term, a: object, b: object) -> object:
    alts: list[tuple[Term, object]] = []
    for g, v in _alternatives(ctx, c, a) + _alternatives(ctx, ctx.not_(c), b):
        if g.is_const and not g.value:
            continue
        for i, (h, w) in enumerate(alts):
            if not isinstance(w, Mux) and mergeable(v, w):
                alts[i] = (ctx.or_(g, h), merge_values(ctx, g, v, w))
                break
        else:
            alts.append((g, v))
    if len(alts) == 1:
        return alts[0][1]
    return Mux(tuple(alts))


def merge_states(ctx: TermContext, base_pc: tuple[Term, ...], arms: Sequence[tuple[Term, State]],
                 live: Collection[str] | None = None,
                 external: Mapping[int, HeapObj] | None = None) -> State | None:
    """Join the states of arms forked from one state whose path condition was `base_pc`.

    Each arm is `(guard, state)` where `state.pc` starts with `base_pc + (guard,)`;
    guards are exclusive and exhaustive under `base_pc`. Only registers in
    `live` are kept (all when None). `external` holds the initial contents
    of heap objects that mirror Python objects outside the simulation (global
    lists): an arm that never touched one still has it in that state.
    """
    if not arms:
        return None
    if len(arms) == 1:
        return arms[0][1]
    n = len(base_pc) + 1
    firsts = arms[:-1]

    def choose(values: list[object]) -> object:
        result = values[-1]
        for (g, _), v in zip(reversed(firsts), reversed(values[:-1])):
            result = merge_values(ctx, g, v, result)
        return result

    deltas = [ctx.and_(*st.pc[n:]) for _, st in arms]
    delta = deltas[-1]
    for (g, _), d in zip(reversed(firsts), reversed(deltas[:-1])):
        delta = ctx.ite(g, d, delta)
    pc = base_pc if delta.is_const and delta.value else base_pc + (delta,)

    states = [st for _, st in arms]
    names = set(live) if live is not None else set().union(*(st.regs for st in states))
    regs: dict[str, object] = {}
    for name in names:
        vals = [st.regs.get(name, UNBOUND) for st in states]
        regs[name] = vals[0] if all(v is vals[0] for v in vals) else choose(vals)
    heap: dict[int, HeapObj] = {}
    for rid in set().union(*(st.heap for st in states)):
        objs = [st.heap.get(rid) for st in states]
        if None in objs:
            # An object missing on an arm was allocated after the fork (no
            # value on that arm refers to it: any contents will do), unless
            # it mirrors an outside object, which that arm still has unchanged.
            present = next(o for o in objs if o is not None)
            missing = external.get(rid, present) if external else present
            objs = [missing if o is None else o for o in objs]
        heap[rid] = objs[0] if all(o is objs[0] for o in objs) else choose(objs)  # type: ignore[assignment]
    loops: dict[str, int] = {}
    for st in states:
        for h, k in st.loop_iters.items():
            loops[h] = max(k, loops.get(h, 0))
    return State(regs, heap, pc, loops)
