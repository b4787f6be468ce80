"""Models of functions of C modules of the standard library that real code
calls: `operator`'s functions (the simulator's own operators), pure functions
of `math`, `zlib` and `binascii` run in CPython on concrete arguments, and
for symbolic ones the plain-Python stand-ins of `stdlib/binascii_checksums.py`.
Functions not listed stay `UnsupportedFeature` (a C function may have effects
the simulator would not see)."""

from __future__ import annotations

import binascii
import math
import operator
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import compare, ops
from crux_py.sim.goals import GoalKind
from crux_py.sim.state import State
from crux_py.sim.stdlib import binascii_checksums
from crux_py.sim.values import Mux, is_concrete
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

Args = list[object]
Kwargs = dict[str, object]
Model = Callable[["Simulator", State, Args, Kwargs, SourceSpan], object]

_BINARY = {
    operator.add: "+", operator.sub: "-", operator.mul: "*", operator.floordiv: "//", operator.mod: "%",
    operator.pow: "**", operator.lshift: "<<", operator.rshift: ">>", operator.and_: "&", operator.or_: "|",
    operator.xor: "^",
}
_UNARY = {operator.neg: "-", operator.pos: "+", operator.invert: "~", operator.inv: "~", operator.not_: "not"}
_COMPARISONS = {operator.eq: "==", operator.ne: "!=", operator.lt: "<", operator.le: "<=", operator.gt: ">",
                operator.ge: ">=", operator.is_: "is", operator.is_not: "is not", operator.contains: "in"}


def _arity(sim: Simulator, st: State, name: str, args: Args, kwargs: Kwargs, n: int, span: SourceSpan) -> None:
    if kwargs:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {name}() takes no keyword arguments", span, "TypeError")
    if len(args) != n:
        sim.fail(st, GoalKind.PANIC, f"TypeError: {name} expected {n} argument{'s' if n > 1 else ''}, got {len(args)}",
                 span, "TypeError")


def _operator_model(fn: Callable[..., object]) -> Model:
    name = fn.__name__

    def model(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
        if fn in _BINARY:
            _arity(sim, st, name, args, kwargs, 2, span)
            return ops.binop(sim, st, _BINARY[fn], args[0], args[1], span)
        if fn in _UNARY:
            _arity(sim, st, name, args, kwargs, 1, span)
            return ops.unaryop(sim, st, _UNARY[fn], args[0], span)
        if fn is operator.truth:
            _arity(sim, st, name, args, kwargs, 1, span)
            return compare.truth(sim, st, args[0])
        _arity(sim, st, name, args, kwargs, 2, span)
        a, b = (args[1], args[0]) if fn is operator.contains else (args[0], args[1])
        return compare.compare(sim, st, _COMPARISONS[fn], a, b, span)

    return model


def concrete_or_standin(cpython: Callable[..., object], standin: Callable[..., object] | None, name: str) -> Model:
    """CPython's function when every argument is concrete; otherwise the plain-Python
    stand-in, run by the simulator (a first argument of several lengths, one each)."""
    def model(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
        if args and isinstance(args[0], Mux):
            return sim.lift(st, args[0], lambda side, alt: model(sim, side, [alt, *args[1:]], kwargs, span))
        if all(is_concrete(a) for a in args) and all(is_concrete(v) for v in kwargs.values()):
            return sim.run_concrete(st, lambda *a: cpython(*a, **kwargs), tuple(args), span)
        if standin is None:
            raise UnsupportedFeature(f"{name}() of symbolic arguments", span)
        return sim.call(st, standin, list(args), dict(kwargs), span)

    return model


_PURE: dict[Callable[..., object], Callable[..., object] | None] = {
    zlib.crc32: binascii_checksums.crc32, zlib.adler32: binascii_checksums.adler32,
    binascii.crc32: binascii_checksums.crc32, binascii.hexlify: binascii_checksums.hexlify,
    binascii.b2a_hex: binascii_checksums.hexlify, binascii.unhexlify: binascii_checksums.unhexlify,
    binascii.a2b_hex: binascii_checksums.unhexlify,
    binascii.b2a_base64: binascii_checksums.b2a_base64, binascii.a2b_base64: None, binascii.crc_hqx: None,
    math.gcd: None, math.lcm: None, math.isqrt: None, math.comb: None, math.perm: None, math.factorial: None,
}

LIBRARY_MODELS: dict[object, object] = {
    **{fn: _operator_model(fn) for fn in (*_BINARY, *_UNARY, *_COMPARISONS, operator.truth)},
    **{fn: concrete_or_standin(fn, standin, f"{fn.__module__}.{fn.__name__}") for fn, standin in _PURE.items()},
}
