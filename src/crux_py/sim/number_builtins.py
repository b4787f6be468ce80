"""Models of the builtins about numbers and characters: divmod, pow, round,
ord, chr, bin, oct, hex.

Concrete arguments run in CPython (its results and exceptions are the
answer). Symbolic ints are modelled where the result is an int: `divmod` is
`(a // b, a % b)`, `pow(a, b, m)` with concrete `b >= 0` and `m` is
square-and-multiply reducing mod `m` at each step (equal to `a ** b % m`),
`round` of an int with no or a non-negative digit count is the int, and
`ord` of a one-byte `bytes` is the byte. Results that are strings with
symbolic characters (`chr`, `bin`, `oct`, `hex`) are unsupported.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import objects
from crux_py.sim.compare import as_int, is_intlike
from crux_py.sim.goals import GoalKind
from crux_py.sim.ops import binop
from crux_py.sim.state import State
from crux_py.sim.values import BytesVal, SymBool, SymInt, TextVal, is_concrete
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

Args = list[object]
Kwargs = dict[str, object]
Model = Callable[["Simulator", State, Args, Kwargs, SourceSpan], object]


def _concrete(sim: Simulator, st: State, fn: Callable[..., object], args: Args, kwargs: Kwargs,
              span: SourceSpan) -> tuple[bool, object]:
    if all(is_concrete(a) for a in args) and all(is_concrete(v) for v in kwargs.values()):
        return True, sim.run_concrete(st, lambda *a: fn(*a, **kwargs), tuple(args), span)
    return False, None


def _type_name(sim: Simulator, st: State, v: object) -> str:
    return objects.python_type(sim, st, v).__name__


def model_divmod(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    done, value = _concrete(sim, st, divmod, args, kwargs, span)
    if done:
        return value
    if kwargs or len(args) != 2:
        sim.fail(st, GoalKind.PANIC, f"TypeError: divmod expected 2 arguments, got {len(args)}", span, "TypeError")
    a, b = args
    if not (is_intlike(a) and is_intlike(b)):
        raise UnsupportedFeature(f"divmod() of {_type_name(sim, st, a)} and {_type_name(sim, st, b)}", span)
    quotient = binop(sim, st, "//", a, b, span)  # the ZeroDivisionError check comes with it
    return quotient, binop(sim, st, "%", a, b, span)


def model_pow(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    done, value = _concrete(sim, st, pow, args, kwargs, span)
    if done:
        return value
    names = ("base", "exp", "mod")
    bound = dict(zip(names, args))
    for k, v in kwargs.items():
        if k not in names or k in bound:
            raise UnsupportedFeature("pow() with these keyword arguments", span)
        bound[k] = v
    if "base" not in bound or "exp" not in bound or len(args) > 3:
        raise UnsupportedFeature("pow() with these arguments", span)
    base, exp, mod = bound["base"], bound["exp"], bound.get("mod")
    if mod is None:
        return binop(sim, st, "**", base, exp, span)
    if not all(is_intlike(v) for v in (base, exp, mod)):
        raise UnsupportedFeature("pow() with three arguments that are not all ints", span)
    exp, mod = as_int(sim, exp), as_int(sim, mod)
    if not isinstance(exp, int) or not isinstance(mod, int):
        raise UnsupportedFeature("pow(base, exp, mod) with a symbolic exponent or modulus", span)
    if mod == 0:
        sim.fail(st, GoalKind.PANIC, "ValueError: pow() 3rd argument cannot be 0", span, "ValueError")
    if exp < 0:
        raise UnsupportedFeature("pow(base, exp, mod) with a negative exponent (a modular inverse) of a symbolic base",
                                 span)
    result: object = 1 % mod
    square = binop(sim, st, "%", base, mod, span)
    while exp:
        if exp & 1:
            result = binop(sim, st, "%", binop(sim, st, "*", result, square, span), mod, span)
        exp >>= 1
        if exp:
            square = binop(sim, st, "%", binop(sim, st, "*", square, square, span), mod, span)
    return result


def model_round(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    done, value = _concrete(sim, st, round, args, kwargs, span)
    if done:
        return value
    number = args[0] if args else kwargs.get("number")
    ndigits = args[1] if len(args) > 1 else kwargs.get("ndigits")
    if isinstance(number, (SymInt, SymBool)) and (ndigits is None or isinstance(ndigits, int) and ndigits >= 0):
        return as_int(sim, number)  # int.__round__: the int itself (a bool becomes its int)
    raise UnsupportedFeature("round() of a symbolic int to a negative number of digits (or a symbolic count)", span)


def model_ord(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    done, value = _concrete(sim, st, ord, args, kwargs, span)
    if done:
        return value
    if kwargs or len(args) != 1:
        sim.fail(st, GoalKind.PANIC, f"TypeError: ord() takes exactly one argument ({len(args)} given)", span,
                 "TypeError")
    c = args[0]
    if isinstance(c, (BytesVal, TextVal)):
        items = c.items if isinstance(c, BytesVal) else c.codes
        if len(items) != 1:
            sim.fail(st, GoalKind.PANIC, f"TypeError: ord() expected a character, but string of length "
                     f"{len(items)} found", span, "TypeError")
        return items[0]
    if isinstance(c, (SymInt, SymBool)):
        sim.fail(st, GoalKind.PANIC, f"TypeError: ord() expected string of length 1, but {_type_name(sim, st, c)} "
                 "found", span, "TypeError")
    raise UnsupportedFeature(f"ord() of a {_type_name(sim, st, c)} with symbolic parts", span)


def _string_of_int(name: str, fn: Callable[..., object]) -> Model:
    def model(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
        done, value = _concrete(sim, st, fn, args, kwargs, span)
        if done:
            return value
        raise UnsupportedFeature(f"{name}() of a symbolic int (a string with symbolic characters)", span)

    model.__name__ = f"model_{name}"
    return model


NUMBER_MODELS: dict[object, object] = {
    builtins.divmod: model_divmod,
    builtins.pow: model_pow,
    builtins.round: model_round,
    builtins.ord: model_ord,
    builtins.chr: _string_of_int("chr", chr),
    builtins.bin: _string_of_int("bin", bin),
    builtins.oct: _string_of_int("oct", oct),
    builtins.hex: _string_of_int("hex", hex),
}
