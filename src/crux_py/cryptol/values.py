"""Runtime values of the Cryptol evaluator: thunks, lazy sequences, options.

The static type of every value is known from the core (`core.py`), so values
carry no tags: a `Bit` is the backend's bit (`bool`, or a Bool term), a word
`[n]` (finite, of bits) is the backend's word (`int`, or a BV term of n bits;
`0` when n is 0), an `Integer` a Python `int`, a tuple a Python `tuple`, a
function a Python callable of one argument, `Option a` an `OptVal`, and any
other sequence (elements not bits, or infinite) a `Seq`. Containers and
environments may hold a `Thunk` in place of a value; `force` evaluates it.

`FnSeq` is the lazy, memoised sequence behind comprehensions and streams: an
element depends on earlier elements of the same stream
(`W = Mi # [... | w <- drop`{1} W]`); when such self-reference is detected,
the elements before the requested one are computed in order first, so
forcing element 10 000 never nests 10 000 Python frames.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crux_py.errors import CryptolEvalError


class _Blackhole:
    pass


_BLACKHOLE = _Blackhole()


class Thunk:
    """A suspended computation `fn(arg)`, evaluated at most once."""

    __slots__ = ("arg", "fn", "val")

    def __init__(self, fn: Callable[[Any], Any], arg: Any) -> None:
        self.fn = fn
        self.arg = arg

    def force(self) -> Any:
        fn = self.fn
        if fn is None:
            return self.val
        if fn is _BLACKHOLE:
            raise CryptolEvalError("evaluation loops: a value depends on itself")
        self.fn = _BLACKHOLE  # type: ignore[assignment]
        try:
            v = fn(self.arg)
        except BaseException:
            self.fn = fn
            raise
        self.val = v
        self.fn = None  # type: ignore[assignment]
        self.arg = None
        return v


def force(x: Any) -> Any:
    return x.force() if type(x) is Thunk else x


def ready(v: Any) -> Thunk:
    """A thunk that is already evaluated."""
    t = Thunk.__new__(Thunk)
    t.fn = None  # type: ignore[assignment]
    t.arg = None
    t.val = v
    return t


class Seq:
    """A sequence of non-bit elements, or an infinite one. `length` is None when infinite."""

    __slots__ = ("length",)

    def at(self, i: int) -> Any:
        raise NotImplementedError

    def values(self) -> list:
        """All elements, forced (finite sequences only)."""
        assert self.length is not None
        return [self.at(i) for i in range(self.length)]

    def lazy(self, i: int) -> Any:
        """Element `i` as a thunk (or value) without forcing it."""
        return Thunk(self.at, i)


class ListSeq(Seq):
    """A finite sequence stored as a list of values or thunks."""

    __slots__ = ("items",)

    def __init__(self, items: list) -> None:
        self.items = items
        self.length = len(items)

    def at(self, i: int) -> Any:
        x = self.items[i]
        if type(x) is Thunk:
            x = x.force()
            self.items[i] = x
        return x

    def lazy(self, i: int) -> Any:
        return self.items[i]

    def values(self) -> list:
        items = self.items
        for i, x in enumerate(items):
            if type(x) is Thunk:
                items[i] = x.force()
        return list(items)


class _Failed:
    __slots__ = ("exc",)

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


_UNSET = object()


class FnSeq(Seq):
    """Element `i` is `fn(i)`, computed once; finite (`length` int) or infinite (None)."""

    __slots__ = ("busy", "fn", "memo", "next", "selfref")

    def __init__(self, length: int | None, fn: Callable[[int], Any]) -> None:
        self.length = length
        self.fn = fn
        self.memo: dict[int, Any] = {}  # a dict: recursive definitions may ask for a far element first
        self.busy: set[int] = set()
        self.next = 0  # every element below `next` is computed
        self.selfref = False

    def at(self, i: int) -> Any:
        v = self.memo.get(i, _UNSET)
        if v is not _UNSET:
            if type(v) is _Failed:
                raise v.exc
            return v
        if self.busy or self.selfref:
            if self.busy:
                self.selfref = True
            self._prefix(i)
        return self._one(i)

    def _prefix(self, i: int) -> None:
        memo = self.memo
        j = self.next
        while j < i:
            if j not in memo and j not in self.busy:
                try:
                    self._one(j)
                except CryptolEvalError as e:  # an element nobody asked for yet: keep the failure
                    memo[j] = _Failed(e)
            j += 1
        while self.next in memo:
            self.next += 1

    def _one(self, i: int) -> Any:
        if i in self.busy:
            raise CryptolEvalError(f"evaluation loops: element {i} of a sequence depends on itself")
        self.busy.add(i)
        try:
            v = self.fn(i)
        finally:
            self.busy.discard(i)
        self.memo[i] = v
        return v


class RangeSeq(Seq):
    """`first, first + step, ...` modulo `modulus` (None for Integer), `length` elements or infinite."""

    __slots__ = ("first", "modulus", "step")

    def __init__(self, first: int, step: int, length: int | None, modulus: int | None) -> None:
        self.first = first
        self.step = step
        self.length = length
        self.modulus = modulus

    def at(self, i: int) -> Any:
        v = self.first + i * self.step
        return v % self.modulus if self.modulus is not None else v

    def lazy(self, i: int) -> Any:
        return self.at(i)


class OptVal:
    """An `Option` value: `tag` is a Bit (True for `Some`), `payload` a value, thunk or None."""

    __slots__ = ("payload", "tag")

    def __init__(self, tag: Any, payload: Any) -> None:
        self.tag = tag
        self.payload = payload
