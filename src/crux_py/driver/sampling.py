"""Concrete runs of symbolic tests in CPython on sampled inputs (plain pytest).

Without `--crux` a `@crux_test` still runs: `symbolic()` returns edge values
(0, 1, max, max-1, powers of two and their neighbours, sign boundaries) and
random values, samples that violate an `assume()` are discarded, and a
failing sample is reported with its inputs.
"""

from __future__ import annotations

import random
import types
from dataclasses import dataclass, field

from crux_py import intrinsics
from crux_py.shapes import BoolShape, BytesShape, BytesUpTo, IntShape, ListUpTo, Shape, u8

MAX_REJECT_FACTOR = 20
"""Draw at most this many times the requested samples before giving up on assume()."""


def edge_values(shape: IntShape) -> list[int]:
    values = {0, 1, shape.hi, shape.hi - 1, shape.lo, shape.lo + 1}
    for k in range(shape.bits):
        for v in (1 << k, (1 << k) - 1, (1 << k) + 1, -(1 << k), -(1 << k) - 1, -(1 << k) + 1):
            values.add(v)
    return sorted(v for v in values if shape.lo <= v <= shape.hi)


@dataclass
class SampledInputs:
    """Input source for one sample: sample `index` < number of edge values uses edges."""

    rng: random.Random
    index: int
    drawn: dict[str, object] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)

    def value_for(self, shape: Shape, name: str) -> object:
        unique = intrinsics.unique_input_name(name, self.seen)
        value = self._draw(shape, len(self.drawn))
        self.drawn[unique] = value
        return value

    def _draw(self, shape: Shape, position: int) -> object:
        if isinstance(shape, BoolShape):
            return bool((self.index + position) % 2) if self.index < 2 else self.rng.random() < 0.5
        if isinstance(shape, IntShape):
            edges = edge_values(shape)
            if self.index < len(edges):
                return edges[(self.index + position) % len(edges)]
            if self.rng.random() < 0.25:
                return self.rng.choice(edges)
            return self.rng.randint(shape.lo, shape.hi)
        if isinstance(shape, BytesShape):
            return bytes(self._draw(u8, position + i) for i in range(shape.length))  # type: ignore[misc]
        if isinstance(shape, (BytesUpTo, ListUpTo)):
            # The empty and the longest value first, then lengths at random.
            n = (0, shape.bound)[self.index] if self.index < 2 else self.rng.randint(0, shape.bound)
            if isinstance(shape, ListUpTo):
                return [self._draw(shape.elem, position + i) for i in range(n)]
            return bytes(self._draw(u8, position + i) for i in range(n))  # type: ignore[misc]
        return [self._draw(shape.elem, position + i) for i in range(shape.length)]


class SampleFailure(Exception):
    def __init__(self, inputs: dict[str, object], error: BaseException) -> None:
        self.inputs = inputs
        self.error = error
        shown = ", ".join(f"{k} = {v!r}" for k, v in inputs.items())
        super().__init__(f"failed on sampled inputs: {shown}\n{type(error).__name__}: {error}")


class AllSamplesRejected(Exception):
    pass


def run_sampled(fn: types.FunctionType, params: list[tuple[str, Shape]], samples: int, seed: int = 0) -> int:
    """Run `fn` on `samples` accepted samples; returns how many ran. Raises SampleFailure."""
    rng = random.Random(seed)
    accepted = 0
    for index in range(samples * MAX_REJECT_FACTOR):
        if accepted >= samples:
            break
        source = SampledInputs(rng, index)
        try:
            with intrinsics.input_source(source):
                args = [source.value_for(shape, name) for name, shape in params]
                fn(*args)
        except intrinsics.AssumptionRejected:
            continue
        except Exception as e:  # noqa: BLE001 - the test's failure, reported with its inputs
            raise SampleFailure(dict(source.drawn), e) from e
        accepted += 1
    if accepted == 0:
        raise AllSamplesRejected(f"assume() rejected all {samples * MAX_REJECT_FACTOR} sampled inputs; "
                                 "the test never ran (are the assumptions satisfiable?)")
    return accepted
