"""Baseline: the same equivalence handed to raw Z3, without crux_py's term layer.

For each case we run the unmodified example implementation and its reference
specification (both plain Python on ints) over `Word`, a thin wrapper whose
operators build z3 bit-vector expressions directly, assert that some output
word differs, and ask a plain `z3.Solver()` (with a timeout) for a model.
"proved" means unsat, "refuted" sat, "timeout" unknown; seconds are wall
time for building the expressions plus solving.

It is a fair baseline because it is the best case for "just use Z3": no
symbolic execution engine, path handling or overhead of ours, the exact same
Python source and the same query (all outputs equal for all inputs), and
every term goes to Z3 as the program spells it, so any simplification is
Z3's own rewriter and solver. What it lacks is our term layer (normalisation
of masks, rotations and sums, and solving by structural equivalence).

`Word` works modulo 2**w, which is exact for code that reduces its wide ints
(`& MASK`, `% 2**32`) before anything that sees high bits; those reductions
are no-ops here. Anything else (comparisons, truth tests, indexing with a
word, shifts by a word) raises TypeError. `self_check()` runs the SHA-256 "abc"
block through it and compares with hashlib.

Usage: python benchmarks/targets/raw_z3.py [--cap 60]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import z3

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
if str(EXAMPLES) not in sys.path:
    sys.path.insert(0, str(EXAMPLES))

Operand = Any  # a Word or a Python int


class Word:
    """A w-bit z3 bit-vector behaving like a Python int that the code keeps below 2**w."""

    __slots__ = ("bv", "mask", "width")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, bv: z3.BitVecRef) -> None:
        self.bv, self.width, self.mask = bv, bv.size(), (1 << bv.size()) - 1

    def _arith(self, other: Operand) -> z3.BitVecRef:  # + - *: exact modulo 2**w
        if isinstance(other, Word) and other.width == self.width:
            return other.bv
        if isinstance(other, int) and not isinstance(other, bool):
            return z3.BitVecVal(other & self.mask, self.width)
        raise TypeError(f"Word: unsupported operand {other!r}")

    def _bits(self, other: Operand) -> z3.BitVecRef:  # | ^: constant must fit in w bits
        if isinstance(other, int) and not isinstance(other, bool) and not 0 <= other <= self.mask:
            raise TypeError(f"Word: constant {other:#x} does not fit in {self.width} bits")
        return self._arith(other)

    def __add__(self, o: Operand) -> Word: return Word(self.bv + self._arith(o))
    def __radd__(self, o: Operand) -> Word: return Word(self._arith(o) + self.bv)
    def __sub__(self, o: Operand) -> Word: return Word(self.bv - self._arith(o))
    def __rsub__(self, o: Operand) -> Word: return Word(self._arith(o) - self.bv)
    def __mul__(self, o: Operand) -> Word: return Word(self.bv * self._arith(o))
    def __rmul__(self, o: Operand) -> Word: return Word(self._arith(o) * self.bv)
    def __or__(self, o: Operand) -> Word: return Word(self.bv | self._bits(o))
    def __ror__(self, o: Operand) -> Word: return Word(self._bits(o) | self.bv)
    def __xor__(self, o: Operand) -> Word: return Word(self.bv ^ self._bits(o))
    def __rxor__(self, o: Operand) -> Word: return Word(self._bits(o) ^ self.bv)
    def __invert__(self) -> Word: return Word(~self.bv)

    def __and__(self, o: Operand) -> Word:
        if isinstance(o, int) and not isinstance(o, bool) and o & self.mask == self.mask:
            return self  # `& MASK` on a w-bit word
        return Word(self.bv & self._arith(o))  # any int: x & c == x & (c mod 2**w)

    __rand__ = __and__

    def __mod__(self, o: Operand) -> Word:
        if isinstance(o, int) and not isinstance(o, bool) and o == 1 << self.width:
            return self  # `% 2**w` on a w-bit word
        raise TypeError(f"Word: only % 2**{self.width} is supported, not % {o!r}")

    def _amount(self, n: Operand) -> int:
        if isinstance(n, int) and not isinstance(n, bool) and n >= 0:
            return n
        raise TypeError(f"Word: shift amount must be a non-negative Python int, not {n!r}")

    def __lshift__(self, n: Operand) -> Word:  # drops bits past w, as the masked code does
        n = self._amount(n)
        return Word(self.bv << n) if n < self.width else Word(z3.BitVecVal(0, self.width))

    def __rshift__(self, n: Operand) -> Word:
        n = self._amount(n)
        return Word(z3.LShR(self.bv, n)) if n < self.width else Word(z3.BitVecVal(0, self.width))

    def _unsupported(self, *_: object) -> Any:
        raise TypeError("Word: comparisons, truth tests and conversions are not supported on symbolic words")

    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _unsupported  # type: ignore[assignment]
    __bool__ = __index__ = __int__ = __rlshift__ = __rrshift__ = __rmod__ = _unsupported  # type: ignore[assignment]
    __truediv__ = __floordiv__ = __pow__ = __neg__ = _unsupported


def bytes_to_words(block: Sequence[z3.BitVecRef]) -> list[Word]:
    """Big-endian 32-bit words of a sequence of 8-bit z3 values."""
    return [Word(z3.Concat(*block[i:i + 4])) for i in range(0, len(block), 4)]


class _StructShim:
    """Stands in for the `struct` module: `unpack(">NI", block)` of z3 bytes."""

    def unpack(self, fmt: str, block: Sequence[z3.BitVecRef]) -> tuple[Word, ...]:
        if not (fmt.startswith(">") and fmt.endswith("I") and 4 * int(fmt[1:-1] or 1) == len(block)):
            raise TypeError(f"struct shim: unsupported format {fmt!r} for {len(block)} bytes")
        return tuple(bytes_to_words(block))


@contextmanager
def symbolic_struct(module: ModuleType) -> Iterator[None]:
    """Temporarily replace `module.struct` with the shim."""
    saved = module.struct
    module.struct = _StructShim()  # type: ignore[attr-defined]
    try:
        yield
    finally:
        module.struct = saved  # type: ignore[attr-defined]


def prove_equal(impl_fn: Callable[..., Sequence[Operand]], spec_fn: Callable[..., Sequence[Operand]],
                make_args: Callable[[], tuple[Any, ...]], cap_seconds: float = 60.0) -> tuple[str, float]:
    """Prove impl_fn(*args) == spec_fn(*args) word by word for fresh symbolic args."""
    start = time.perf_counter()
    args = make_args()
    got, want = list(impl_fn(*args)), list(spec_fn(*args))
    if len(got) != len(want):
        return "refuted", time.perf_counter() - start

    def bv(x: Operand, width: int) -> z3.BitVecRef:
        return x.bv if isinstance(x, Word) else z3.BitVecVal(x, width)

    width = next((x.width for x in got + want if isinstance(x, Word)), 32)
    solver = z3.Solver()
    solver.add(z3.Or([bv(g, width) != bv(w, width) for g, w in zip(got, want)]))
    remaining = cap_seconds - (time.perf_counter() - start)
    if remaining <= 0:
        return "timeout", time.perf_counter() - start
    solver.set("timeout", max(1, int(remaining * 1000)))
    result = solver.check()
    verdict = "proved" if result == z3.unsat else "refuted" if result == z3.sat else "timeout"
    return verdict, time.perf_counter() - start


def _hash_case(package: str, impl_name: str, state_words: int) -> Callable[[float], tuple[str, float]]:
    """impl `compress(state, block: bytes)` vs reference `compress(H, M)`, imported on first use."""
    def run(cap_seconds: float) -> tuple[str, float]:
        impl = importlib.import_module(f"{package}.{impl_name}")
        spec = importlib.import_module(f"{package}.reference")

        def make_args() -> tuple[list[Word], list[z3.BitVecRef]]:
            state = [Word(z3.BitVec(f"state{i}", 32)) for i in range(state_words)]
            return state, [z3.BitVec(f"block{i}", 8) for i in range(64)]

        def impl_fn(state: list[Word], block: list[z3.BitVecRef]) -> Sequence[Operand]:
            with symbolic_struct(impl):
                return impl.compress(list(state), block)

        def spec_fn(state: list[Word], block: list[z3.BitVecRef]) -> Sequence[Operand]:
            return spec.compress(list(state), bytes_to_words(block))

        return prove_equal(impl_fn, spec_fn, make_args, cap_seconds)
    return run


CASES: dict[str, Callable[[float], tuple[str, float]]] = {
    "sha256 compress (raw z3)": _hash_case("sha2", "sha256", 8),
    "sha1 compress (raw z3)": _hash_case("sha1", "sha1", 5),
}


def self_check() -> None:
    """Run each impl and reference over Word constants on the padded "abc" block; compare with hashlib."""
    assert hashlib.sha256(b"abc").hexdigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    for package, impl_name, hash_fn in (("sha2", "sha256", hashlib.sha256), ("sha1", "sha1", hashlib.sha1)):
        impl = importlib.import_module(f"{package}.{impl_name}")
        spec = importlib.import_module(f"{package}.reference")
        expected = hash_fn(b"abc").digest()
        block = [z3.BitVecVal(b, 8) for b in b"abc" + impl.padding(3)]
        state = [Word(z3.BitVecVal(h, 32)) for h in impl.INITIAL_STATE]
        with symbolic_struct(impl):
            outputs = {"impl": impl.compress(state, block), "reference": spec.compress(state, bytes_to_words(block))}
        for which, words in outputs.items():
            digest = b"".join(z3.simplify(w.bv).as_long().to_bytes(4, "big") for w in words)
            if digest != expected:
                raise AssertionError(f"Word self-check failed ({package} {which}): {digest.hex()} != {expected.hex()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap", type=float, default=60.0, help="solver timeout per case, seconds")
    options = parser.parse_args()
    self_check()
    print(f"{'case':<28} {'verdict':<8} {'seconds':>8}")
    for name, case in CASES.items():
        verdict, seconds = case(options.cap)
        print(f"{name:<28} {verdict:<8} {seconds:>8.2f}", flush=True)


if __name__ == "__main__":
    main()
