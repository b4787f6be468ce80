"""Values of the simulator and heap objects.

A value is either a plain Python object (int, bool, str, bytes, None, tuple
of values, functions, classes, modules, shapes: concrete values stay
concrete) or one of the classes below. Mutable Python objects (lists,
iterators, closure cells) live in the state's heap and are referred to by
`Ref`. Operations on values: `sim/pyint.py` (ints), `sim/ops.py`; merging:
`sim/merge.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union, final

from crux_py.ir.function import FunctionIR
from crux_py.source import SourceSpan
from crux_py.term.nodes import Term


@final
@dataclass(frozen=True, slots=True, eq=False)
class SymInt:
    """A symbolic Python int: `term` holds it in `term.width` bits, in two's
    complement when `lo < 0`, unsigned otherwise. `lo < hi` (a single
    possible value is represented as a plain int) and the width is the
    fewest bits that hold `[lo, hi]` (see `pyint.width_for`)."""

    term: Term
    lo: int
    hi: int

    @property
    def signed(self) -> bool:
        return self.lo < 0


@final
@dataclass(frozen=True, slots=True, eq=False)
class SymBool:
    """A symbolic Python bool (`term` is a non-constant Bool term)."""

    term: Term


@final
@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to a heap object (list, iterator, cell)."""

    rid: int


@final
@dataclass(frozen=True, slots=True, eq=False)
class Mux:
    """A value that differs in kind between paths that were merged.

    `alts` pairs guards (Bool terms, mutually exclusive and exhaustive under
    the path condition) with values that cannot be merged into one (two
    different strings, a list and None, lists of different lengths...).
    Operations never see a Mux: the stepper splits the path on it.
    """

    alts: tuple[tuple[Term, object], ...]


class _Unbound:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<unbound>"


UNBOUND = _Unbound()
"""The value of a local on paths where it was never assigned."""


@final
@dataclass(frozen=True, slots=True)
class RangeValue:
    """`range(start, stop, step)`; start/stop may be symbolic, step is a concrete non-zero int."""

    start: object
    stop: object
    step: int


@final
@dataclass(frozen=True, slots=True, eq=False)
class Closure:
    """A function defined by simulated code (a nested `def`)."""

    fir: FunctionIR
    defaults: tuple[object, ...]
    kwdefaults: tuple[tuple[str, object], ...]
    cells: tuple[Ref, ...]
    globals: dict[str, object]


@final
@dataclass(frozen=True, slots=True)
class BoundMethod:
    """`obj.name` for a method: a modelled one (list methods, `int.to_bytes`), or,
    when `func` is set, a Python function of obj's class called with obj first."""

    obj: object
    name: str
    func: object = None


@final
@dataclass(frozen=True, slots=True, eq=False)
class PartialValue:
    """A `functools.partial` object: `func`, the positional `args` and a dict
    (`keywords`, a heap dict: CPython's `p.keywords` is that very dict)."""

    func: object
    args: tuple[object, ...]
    keywords: Ref


@final
@dataclass(frozen=True, slots=True, eq=False)
class CachedFunction:
    """An lru_cache wrapper made by simulated code (`@lru_cache` on a nested
    function): the wrapped function, the cache's parameters and its entries
    (a heap list, see `lru.py`)."""

    func: object
    maxsize: int | None
    typed: bool
    cache: Ref


@final
@dataclass(frozen=True, slots=True)
class SuperObject:
    """`super(start, obj)`: attribute lookup on obj's class (or on obj, a class)
    skips the classes of the MRO up to and including `start`."""

    start: type
    obj: object


@final
@dataclass(frozen=True, slots=True, eq=False)
class ExceptionValue:
    """An exception instance created by simulated code."""

    cls: type
    args: tuple[object, ...]
    raised_at: SourceSpan | None = None
    """Where it was first raised, once it has been (a re-raise reports that place, as CPython does)."""


@final
@dataclass(frozen=True, slots=True, eq=False)
class BytesVal:
    """A `bytes` value with symbolic bytes (each item an int in [0, 256));
    bytes that are all concrete are plain Python `bytes`."""

    items: tuple[object, ...]


@final
@dataclass(frozen=True, slots=True, eq=False)
class TextVal:
    """A `str` of known length whose characters are given by symbolic data:
    one code point per character (an int, or a SymInt in [0, 0x110000)).
    Strings that are all concrete are plain Python `str` (`text.make_text`).
    Operations are in `text.py`; what they do not model is unsupported."""

    codes: tuple[object, ...]

    def __str__(self) -> str:
        return "".join(chr(c) if isinstance(c, int) else "?" for c in self.codes)


@final
@dataclass(frozen=True, slots=True, eq=False)
class SymbolicText:
    """A string built (by an f-string) from symbolic values. Only its use as a
    message (of an exception, say) is modelled; anything that would inspect
    its characters is unsupported, never guessed. `parts` are strings and
    the formatted values."""

    parts: tuple[object, ...]

    def __str__(self) -> str:
        return "".join(p if isinstance(p, str) else "<symbolic>" for p in self.parts)


# ---- heap objects (immutable; a write replaces the object) ------------------

@final
@dataclass(frozen=True, slots=True)
class ListObj:
    items: tuple[object, ...]


@final
@dataclass(frozen=True, slots=True)
class ByteArrayObj:
    """A `bytearray`: items are ints in [0, 256)."""

    items: tuple[object, ...]


@final
@dataclass(frozen=True, slots=True)
class MemoryViewObj:
    """A `memoryview` of format 'B' (`buffers.py`): it shows the items at
    positions `start`, `start + step`, ... (`length` of them) of `base`,
    bytes (a BytesVal) or a `Ref` to a bytearray, which is read live, so
    writes through the view and to the bytearray are seen by both."""

    base: object
    start: int
    step: int
    length: int
    readonly: bool
    released: bool = False


@final
@dataclass(frozen=True, slots=True)
class InstanceObj:
    """An instance of a user class: its class and its attributes, in assignment order."""

    cls: type
    attrs: tuple[tuple[str, object], ...]

    def get(self, name: str) -> object:
        for key, value in self.attrs:
            if key == name:
                return value
        return UNBOUND

    def set(self, name: str, value: object) -> InstanceObj:
        attrs = [(k, v) for k, v in self.attrs if k != name]
        return InstanceObj(self.cls, tuple(attrs) + ((name, value),)) if len(attrs) == len(self.attrs) else \
            InstanceObj(self.cls, tuple((k, value if k == name else v) for k, v in self.attrs))


@final
@dataclass(frozen=True, slots=True)
class DictObj:
    """A `dict`: concrete hashable keys (see `dicts.py`) in insertion order, and their values."""

    keys: tuple[object, ...]
    values: tuple[object, ...]


@final
@dataclass(frozen=True, slots=True)
class SetObj:
    """A `set` of concrete hashable elements, in insertion order.

    CPython iterates a set in hash-table order, not insertion order, and that
    order depends on the table's history. `history` says what is known of it:
    "cpython" (a set of the running program, never changed: `items` is its
    iteration order), "fresh" (built by simulated code with additions only)
    or "removed" (anything else). `dictkeys.set_order` decides from it.
    """

    items: tuple[object, ...]
    history: str = "fresh"


@final
@dataclass(frozen=True, slots=True)
class CellObj:
    value: object


@final
@dataclass(frozen=True, slots=True)
class SeqIter:
    """Iterator over a list (`Ref`, read live as Python does) or a tuple/str."""

    seq: object
    index: int


@final
@dataclass(frozen=True, slots=True)
class RangeIter:
    current: int
    stop: object
    step: int


@final
@dataclass(frozen=True, slots=True)
class ReversedIter:
    seq: object
    index: int


@final
@dataclass(frozen=True, slots=True)
class EnumerateIter:
    inner: Ref
    count: int


@final
@dataclass(frozen=True, slots=True)
class ZipIter:
    inners: tuple[Ref, ...]
    strict: bool = False


@final
@dataclass(frozen=True, slots=True)
class MapIter:
    """`map(func, *iterables)`: calls `func` lazily, one item of each iterable at a time."""

    func: object
    inners: tuple[Ref, ...]


@final
@dataclass(frozen=True, slots=True)
class FilterIter:
    """`filter(func, iterable)` (`func` None: the items' truth)."""

    func: object
    inner: Ref


@final
@dataclass(frozen=True, slots=True)
class KeyedIter:
    """Iterator over a dict (or one of its views: `kind` is "keys", "values" or
    "items") or a set (`kind` "set"). `keys` are the keys (elements) when the
    iteration started: CPython fails if the size changes while it runs."""

    ref: Ref
    kind: str
    index: int
    keys: tuple[object, ...]


@final
@dataclass(frozen=True, slots=True)
class DictView:
    """`d.keys()`, `d.values()` or `d.items()`: a live view of the dict behind `ref`."""

    ref: Ref
    kind: str


HeapObj = Union[ListObj, ByteArrayObj, MemoryViewObj, InstanceObj, CellObj, SeqIter, RangeIter, ReversedIter,
                EnumerateIter, ZipIter, MapIter, FilterIter, DictObj, SetObj, KeyedIter, Mux]


def is_symbolic(v: object) -> bool:
    return isinstance(v, (SymInt, SymBool))


def is_concrete(v: object) -> bool:
    """Plain immutable Python data (ints, strings, bytes, None, tuples of them)."""
    if isinstance(v, tuple):
        return all(is_concrete(x) for x in v)
    return isinstance(v, (int, str, bytes, type(None)))
