"""Hex text of symbolic data: `bytes.hex()` of symbolic bytes, and the hex
formats of symbolic ints (`format(x, "02x")`, `f"{x:08X}"`, `"%02x" % x`,
`"{:02x}".format(x)`).

Each character is a code point computed from a nibble of the data
(`ite(n < 10, n + 48, n + 87)`), so the result is a `TextVal` of concrete
length. A format is modelled only when that length does not depend on the
value: a non-negative int known to fit the width (`x < 16**width`). Other
formats of symbolic values are unsupported (f-strings keep them as
`SymbolicText`, a message only); formats of concrete values run in CPython.
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import pyint
from crux_py.sim import text as texts
from crux_py.sim.goals import GoalKind
from crux_py.sim.merge import make_text, text_codes
from crux_py.sim.state import State
from crux_py.sim.typeerrors import describe
from crux_py.sim.values import Mux, SymBool, SymInt, TextVal, is_concrete
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

_FORMAT_SPEC = re.compile(r"(0?)([1-9][0-9]*)?([xX])")
_PERCENT_SPEC = re.compile(r"%(\(\w*\))?([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?[hlL]?([diouxXeEfFgGcrsa%])")


def hex_digit(sim: Simulator, nibble: pyint.IntVal, upper: bool) -> pyint.IntVal:
    """The code point of the hex digit of a value in [0, 16)."""
    ctx = sim.ctx
    letters = pyint.add(ctx, nibble, (ord("A") if upper else ord("a")) - 10)
    return pyint.ite(ctx, pyint.compare(ctx, "<", nibble, 10), pyint.add(ctx, nibble, ord("0")), letters)


def _nibble(sim: Simulator, x: pyint.IntVal, k: int) -> pyint.IntVal:
    return pyint.bitand(sim.ctx, pyint.rshift(sim.ctx, x, 4 * k), 15)


def format_int(sim: Simulator, value: object, spec: str) -> str | TextVal | None:
    """`format(value, spec)` for a hex spec `[0][width]x|X` of an int whose
    digits fit the width; None when that is not known (not modelled)."""
    m = _FORMAT_SPEC.fullmatch(spec)
    if m is None or not isinstance(value, (int, SymInt, SymBool)):
        return None
    x = pyint.from_bool(sim.ctx, value) if isinstance(value, (bool, SymBool)) else value
    lo, hi = pyint.bounds(x)  # type: ignore[arg-type]
    width = int(m[2] or 1)
    if lo < 0 or hi >= 16**width:
        return None  # the length (or a sign) would depend on the value
    codes: list[object] = []
    for k in reversed(range(width)):
        digit = hex_digit(sim, _nibble(sim, x, k), m[3] == "X")  # type: ignore[arg-type]
        if not m[1] and k > 0:  # padded with spaces, not zeros: blank where the value has no digit
            digit = pyint.ite(sim.ctx, pyint.compare(sim.ctx, "<", x, 16**k), ord(" "), digit)  # type: ignore[arg-type]
        codes.append(digit)
    return make_text(tuple(codes))


def hex_items(sim: Simulator, st: State, items: tuple[object, ...], args: list[object], kwargs: dict[str, object],
              span: SourceSpan) -> object:
    """`data.hex(sep, bytes_per_sep)` of bytes with symbolic items."""
    if not all(is_concrete(v) for v in (*args, *kwargs.values())):
        raise UnsupportedFeature(".hex() with symbolic arguments", span)
    # CPython checks the separator arguments (and lays out the groups) on a stand-in of the same length.
    layout = sim.run_concrete(st, lambda *a: bytes(len(items)).hex(*a, **kwargs), tuple(args), span)
    sep = args[0] if args else kwargs.get("sep")
    per = args[1] if len(args) > 1 else kwargs.get("bytes_per_sep", 1)
    n = len(items)
    codes: list[object] = []
    for i, byte in enumerate(items):
        if sep is not None and i and per and ((n - i) % per == 0 if per > 0 else i % -per == 0):  # type: ignore[operator]
            codes.append(sep[0] if isinstance(sep, bytes) else ord(sep))  # type: ignore[arg-type,index]
        codes += [hex_digit(sim, _nibble(sim, byte, 1), False), hex_digit(sim, _nibble(sim, byte, 0), False)]  # type: ignore[arg-type]
    assert len(codes) == len(layout)  # type: ignore[arg-type]
    return make_text(tuple(codes))


def format_value(sim: Simulator, st: State, value: object, conversion: str, spec: object,
                 span: SourceSpan) -> str | TextVal | None:
    """One `{value!conversion:spec}` of an f-string; None when its text is not modelled."""
    if is_concrete(value) and isinstance(spec, str):
        convert = {"r": repr, "s": str, "a": ascii}.get(conversion)
        return sim.run_concrete(st, lambda v, f: format(convert(v) if convert else v, f), (value, spec), span)  # type: ignore[return-value]
    if not isinstance(spec, str):
        return None
    if isinstance(value, TextVal):
        return value if conversion in ("", "s") and spec == "" else None
    if conversion == "" and isinstance(value, (SymInt, SymBool)):
        return format_int(sim, value, spec)
    return None


def model_format(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    """`format(value, spec="")`."""
    params = dict(zip(("value", "format_spec"), args), **kwargs)
    if len(args) > 2 or set(params) - {"value", "format_spec"} or "value" not in params:
        sim.fail(st, GoalKind.PANIC, "TypeError: format() takes from 1 to 2 arguments", span, "TypeError")
    value, spec = params["value"], params.get("format_spec", "")
    if is_concrete(value) and is_concrete(spec):
        return sim.run_concrete(st, format, (value, spec), span)
    if isinstance(value, (SymInt, SymBool)) and spec in ("", "d"):  # format(True) is 'True', with "d" '1'
        return texts.str_of(sim, st, value, span) if spec == "" else _decimal(sim, st, value, span)
    result = format_value(sim, st, value, "", spec, span)
    if result is None:
        raise UnsupportedFeature(f"format() of a symbolic {describe(value)} with spec {spec!r} (hex specs "
                                 "such as '02x' of an int known to fit the width are modelled)", span)
    return result


def percent_format(sim: Simulator, st: State, fmt: str, args: object, span: SourceSpan) -> object:
    """`fmt % args` where some argument is symbolic (hex conversions of ints, `%s` of text, `%c`)."""
    values = list(args) if isinstance(args, tuple) else [args]
    parts: list[object] = []  # literal pieces and converted values, in order
    position = 0
    for m in _PERCENT_SPEC.finditer(fmt):
        if "%" in fmt[position:m.start()]:
            raise UnsupportedFeature(f"`%` format {fmt!r}", span)
        parts.append(fmt[position:m.start()])
        position = m.end()
        key, flags, width, precision, conversion = m.groups()
        if m[0] == "%%":
            parts.append("%")
            continue
        if key is not None or "*" in (width, precision) or conversion == "%":
            raise UnsupportedFeature("`%` formatting with a mapping key, a `*` width or a `%` with flags", span)
        if not values:
            sim.fail(st, GoalKind.PANIC, "TypeError: not enough arguments for format string", span, "TypeError")
        value = values.pop(0)
        parts.append(_one_conversion(sim, st, m[0], value, flags, width, precision, conversion, span))
    if "%" in fmt[position:]:
        raise UnsupportedFeature(f"`%` format {fmt!r}", span)
    parts.append(fmt[position:])
    if values:
        sim.fail(st, GoalKind.PANIC, "TypeError: not all arguments converted during string formatting", span,
                 "TypeError")
    return concatenate(sim, st, parts)


def concatenate(sim: Simulator, st: State, parts: list[object]) -> object:
    """The text of `parts` in order; a part of several lengths (a Mux) gives one text per length."""
    for k, part in enumerate(parts):
        if isinstance(part, Mux):
            return sim.lift(st, part, lambda side, alt: concatenate(sim, side, parts[:k] + [alt] + parts[k + 1:]))
    return make_text(tuple(c for part in parts for c in text_codes(part)))  # type: ignore[arg-type]


def _one_conversion(sim: Simulator, st: State, spec: str, value: object, flags: str, width: str | None,
                    precision: str | None, conversion: str, span: SourceSpan) -> str | TextVal:
    if is_concrete(value):
        return sim.run_concrete(st, lambda v: spec % (v,), (value,), span)  # type: ignore[return-value]
    plain = flags in ("", "0") and precision is None
    if isinstance(value, (SymInt, SymBool)):
        if conversion in "xX" and plain:
            text = format_int(sim, value, f"{flags}{width or ''}{conversion}")
            if text is not None:
                return text
        if conversion in "dis" and not flags and width is None and precision is None:
            return (texts.str_of(sim, st, value, span) if conversion == "s"  # type: ignore[return-value]
                    else _decimal(sim, st, value, span))
        if conversion == "c" and not flags and width is None:
            x = pyint.from_bool(sim.ctx, value) if isinstance(value, SymBool) else value
            ok = pyint.compare(sim.ctx, ">=", x, 0), pyint.compare(sim.ctx, "<", x, 0x110000)
            for cond in ok:
                sim.check(st, cond, GoalKind.PANIC, "OverflowError: %c arg not in range(0x110000)", span,
                          "OverflowError")
            return make_text((pyint.refine(sim.ctx, x, 0, 0x10FFFF),))
    if isinstance(value, TextVal):
        if conversion in "xXdiouc":
            sim.fail(st, GoalKind.PANIC, f"TypeError: %{conversion} format: an integer is required, not str", span,
                     "TypeError")
        if conversion == "s" and not flags and width is None and precision is None:
            return value
    raise UnsupportedFeature(f"`{spec}` formatting of a symbolic {describe(value)} (hex formats such as "
                             "'%08x' of an int known to fit the width are modelled)", span)


def _decimal(sim: Simulator, st: State, value: SymInt | SymBool, span: SourceSpan) -> object:
    if isinstance(value, SymBool):  # `%d` and format(b, "d") of a bool: 0 or 1
        value = pyint.from_bool(sim.ctx, value)  # type: ignore[assignment]
    return texts.decimal(sim, st, value, span)  # type: ignore[arg-type]


def _stand_in(v: object, span: SourceSpan) -> object:
    """A concrete value of the same type, for CPython to check a format's fields on."""
    if isinstance(v, SymBool):
        return False
    if isinstance(v, SymInt):
        return 0
    if isinstance(v, TextVal):
        return ""
    if is_concrete(v):
        return v
    raise UnsupportedFeature(f"str.format() of a {describe(v)} value", span)


def model_str_format(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object],
                     span: SourceSpan) -> object:
    """`fmt.format(*args, **kwargs)`: each field's text is `format_value`'s."""
    fmt, *positional = args
    if not isinstance(fmt, str):
        raise UnsupportedFeature("str.format() of a string with symbolic characters", span)
    if all(is_concrete(v) for v in (*positional, *kwargs.values())):
        return sim.run_concrete(st, lambda *a: fmt.format(*a, **kwargs), tuple(positional), span)
    # Errors of the format itself (a missing field, an unknown code for the type) depend only on types.
    stand_ins = {k: _stand_in(v, span) for k, v in kwargs.items()}
    sim.run_concrete(st, lambda *a: fmt.format(*a, **stand_ins), tuple(_stand_in(v, span) for v in positional), span)
    codes: list[object] = []
    auto = 0
    for literal, field, spec, conversion in string.Formatter().parse(fmt):
        codes += map(ord, literal)
        if field is None:
            continue
        if field == "":
            field, auto = str(auto), auto + 1
        if not (field.isdigit() or field.isidentifier()) or "{" in spec:  # type: ignore[operator]
            raise UnsupportedFeature(f"str.format() field {{{field}}} with attribute or index access, or a nested "
                                     "spec", span)
        value = positional[int(field)] if field.isdigit() else kwargs[field]
        text = format_value(sim, st, value, conversion or "", spec, span)
        if text is None:
            raise UnsupportedFeature(f"str.format() of a symbolic {describe(value)} with spec {spec!r} (hex specs "
                                     "such as '02x' of an int known to fit the width are modelled)", span)
        codes += text_codes(text)
    return make_text(tuple(codes))
