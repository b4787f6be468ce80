"""Uniform access to sequence values of a known type: words and `Seq`s alike.

A value of type `[n]a` is a backend word when `a` is `Bit` and `n` finite,
and a `Seq` otherwise (`values.py`). `SeqView(ev, ty)` hides the difference
for the Prelude's sequence primitives (`prelude_seq.py`, `prelude_index.py`):
element access (forced or lazy), building from an element function or a list,
and listing the elements of a finite sequence.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from crux_py.cryptol.types import BIT, INF, TySeq
from crux_py.cryptol.values import FnSeq, ListSeq, Thunk, force

if TYPE_CHECKING:
    from crux_py.cryptol.eval import Evaluator


class SeqView:
    __slots__ = ("be", "elem", "n", "ty", "word")

    def __init__(self, ev: Evaluator, ty: TySeq) -> None:
        self.be = ev.be
        self.ty = ty
        self.n: int | None = None if ty.length is INF else ty.length  # type: ignore[assignment]
        self.elem = ty.elem
        self.word = ty.elem is BIT and self.n is not None

    def get(self, v: Any, i: int) -> Any:
        if self.word:
            return self.be.w_bit(v, self.n, i)
        return v.at(i)

    def lazy(self, v: Any, i: int) -> Any:
        if self.word:
            return self.be.w_bit(v, self.n, i)
        return v.lazy(i)

    def build(self, fn: Callable[[int], Any]) -> Any:
        """The sequence whose element `i` is `fn(i)` (a forced value)."""
        if self.word:
            return self.be.w_from_bits([fn(i) for i in range(self.n)])  # type: ignore[arg-type]
        return FnSeq(self.n, fn)

    def from_items(self, items: list) -> Any:
        """A finite sequence from elements that may be thunks."""
        if self.word:
            return self.be.w_from_bits([force(x) for x in items])
        return ListSeq(items)

    def items(self, v: Any) -> list:
        """The (possibly unevaluated) elements of a finite sequence."""
        if self.word:
            bit, n = self.be.w_bit, self.n
            return [bit(v, n, i) for i in range(n)]  # type: ignore[arg-type]
        if isinstance(v, ListSeq):
            return list(v.items)
        return [v.lazy(i) for i in range(v.length)]


def view(ev: Evaluator, ty: Any) -> SeqView:
    key = ("view", ty)
    memo = ev.ops._memo
    sv = memo.get(key)
    if sv is None:
        sv = memo[key] = SeqView(ev, ty)
    return sv


def delayed(fn: Callable[[Any], Any], arg: Any) -> Thunk:
    return Thunk(fn, arg)
