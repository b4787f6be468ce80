"""Shapes of symbolic inputs: `u32`, `i8`, `u32[8]`, `bool`, `Bytes[64]`.

A shape says which Python values an input ranges over: `u32` is a plain
`int` in `[0, 2**32)`, `u32[8]` a list of eight of them. Shapes are frozen
data; the simulator (`sim/inputs.py`) turns them into symbolic values, the
concrete runners (`api.py`) sample them, and `report/` prints model values
in their form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True, slots=True)
class IntShape:
    """A Python `int` known to lie in the range of a fixed-width integer type."""

    bits: int
    signed: bool

    @property
    def name(self) -> str:
        return f"{'i' if self.signed else 'u'}{self.bits}"

    @property
    def lo(self) -> int:
        return -(1 << (self.bits - 1)) if self.signed else 0

    @property
    def hi(self) -> int:
        return (1 << (self.bits - 1)) - 1 if self.signed else (1 << self.bits) - 1

    def __getitem__(self, length: int | slice) -> ListShape | ListUpTo:
        return list_of(self, length)

    def __repr__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class BoolShape:
    """A Python `bool`."""

    def __getitem__(self, length: int | slice) -> ListShape | ListUpTo:
        return list_of(self, length)

    def __repr__(self) -> str:
        return "bool"


@dataclass(frozen=True, slots=True)
class ListShape:
    """A list of exactly `length` elements of shape `elem`."""

    elem: Shape
    length: int

    def __getitem__(self, length: int | slice) -> ListShape | ListUpTo:
        return list_of(self, length)

    def __repr__(self) -> str:
        return f"{self.elem!r}[{self.length}]"


@dataclass(frozen=True, slots=True)
class BytesShape:
    """A `bytes` value of exactly `length` symbolic bytes."""

    length: int

    def __getitem__(self, length: int | slice) -> ListShape | ListUpTo:
        return list_of(self, length)

    def __repr__(self) -> str:
        return f"Bytes[{self.length}]"


@dataclass(frozen=True, slots=True)
class BytesUpTo:
    """`Bytes[:n]`: a `bytes` value of any length from 0 to `bound`; the
    length is symbolic too."""

    bound: int

    def __repr__(self) -> str:
        return f"Bytes[:{self.bound}]"


class BytesFamily:
    """`Bytes[n]`: the shape of n symbolic bytes; `Bytes[:n]`: up to n."""

    def __getitem__(self, length: object) -> BytesShape | BytesUpTo:
        if isinstance(length, slice):
            bound = length.stop
            if length.start is not None or length.step is not None or not isinstance(bound, int) \
                    or isinstance(bound, bool) or bound < 0:
                raise TypeError(f"Bytes[:n] needs a non-negative int bound n, not {length!r}")
            return BytesUpTo(bound)
        if not isinstance(length, int) or isinstance(length, bool) or length < 0:
            raise TypeError(f"Bytes length must be a non-negative int, not {length!r}")
        return BytesShape(length)

    def __repr__(self) -> str:
        return "Bytes"


Bytes = BytesFamily()

@dataclass(frozen=True, slots=True)
class ListUpTo:
    """`T[:n]`: a list of any length from 0 to `bound` (the length is symbolic)."""

    elem: Shape
    bound: int

    def __repr__(self) -> str:
        return f"{self.elem!r}[:{self.bound}]"


Shape = Union[IntShape, BoolShape, ListShape, BytesShape, BytesUpTo, ListUpTo]

BOOL = BoolShape()


def list_of(elem: Shape, length: int | slice) -> ListShape | ListUpTo:
    if isinstance(length, slice):
        bound = length.stop
        if length.start is not None or length.step is not None or not isinstance(bound, int) \
                or isinstance(bound, bool) or bound < 0:
            raise TypeError(f"T[:n] needs a non-negative int bound n, not {length!r}")
        return ListUpTo(elem, bound)
    if not isinstance(length, int) or isinstance(length, bool) or length < 0:
        raise TypeError(f"list shape length must be a non-negative int, not {length!r}")
    return ListShape(elem, length)


def as_shape(obj: object) -> Shape:
    """Accept a shape, or the builtin `bool` as the Bool shape."""
    if obj is bool:
        return BOOL
    if isinstance(obj, (IntShape, BoolShape, ListShape, BytesShape, BytesUpTo, ListUpTo)):
        return obj
    raise TypeError(f"not a symbolic input shape: {obj!r} (use u8..u128, i8..i128, bool, Bytes[n], Bytes[:n] "
                    "T[n] or T[:n])")


u8, u16, u32, u64, u128 = (IntShape(b, False) for b in (8, 16, 32, 64, 128))
i8, i16, i32, i64, i128 = (IntShape(b, True) for b in (8, 16, 32, 64, 128))
