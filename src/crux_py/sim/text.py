"""Strings whose characters are given by symbolic data (`TextVal`: one code
point per character, concrete length), as made by `bytes.hex()` and by hex
formatting (`f"{b:02x}"`, `"%08x" % crc`, `format(b, "x")`) of symbolic ints
in a known range.

Modelled: `==` (character by character), `len`, indexing and slicing (in
`sequences.py`), `+`, `str.join`, `upper`/`lower` of ASCII characters, and
the ways back to data: `bytes.fromhex`, `int(text, 16)`, `encode`. Anything
that would inspect characters in another way is unsupported, never guessed.
(`SymbolicText` is the other kind of symbolic string: an f-string of values
whose text is not modelled, good only as a message.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crux_py.errors import UnsupportedFeature
from crux_py.sim import objects, pyint, sequences
from crux_py.sim.goals import GoalKind
from crux_py.sim.iteration import materialize
from crux_py.sim.merge import make_bytes, make_text, text_codes
from crux_py.sim.state import State
from crux_py.sim.typeerrors import describe
from crux_py.sim.values import Mux, SymbolicText, SymBool, SymInt, TextVal, is_concrete
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator


def is_text(v: object) -> bool:
    return isinstance(v, (str, TextVal))


def conjunction(sim: Simulator, conds: list[pyint.BoolVal]) -> pyint.BoolVal:
    terms = []
    for c in conds:
        if c is False:
            return False
        if isinstance(c, SymBool):
            terms.append(c.term)
    return pyint.bool_of(sim.ctx, sim.ctx.and_(*terms)) if terms else True


def eq(sim: Simulator, a: object, b: object) -> pyint.BoolVal:
    """`a == b` where one side is a string."""
    if isinstance(a, SymbolicText) or isinstance(b, SymbolicText):
        other = b if isinstance(a, SymbolicText) else a
        if not isinstance(other, (str, TextVal, SymbolicText)):
            return False  # a str never equals a non-str
        raise UnsupportedFeature("`==` on a string formatted from symbolic values in a way that is not modelled "
                                 "(only hex formats such as `02x` give modelled text)")
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if not (is_text(a) and is_text(b)):
        return False
    xs, ys = text_codes(a), text_codes(b)  # type: ignore[arg-type]
    if len(xs) != len(ys):
        return False
    return conjunction(sim, [pyint.compare(sim.ctx, "==", x, y) for x, y in zip(xs, ys)])  # type: ignore[arg-type]


def contains(sim: Simulator, container: str | TextVal, item: str | TextVal) -> pyint.BoolVal:
    """`item in container`: item equals the characters at some position."""
    xs, ys = text_codes(container), text_codes(item)
    found = []
    for start in range(len(xs) - len(ys) + 1):
        here = conjunction(sim, [pyint.compare(sim.ctx, "==", x, y) for x, y in zip(xs[start:], ys)])  # type: ignore[arg-type]
        if here is True:
            return True
        if here is not False:
            found.append(here.term)
    return pyint.bool_of(sim.ctx, sim.ctx.or_(*found)) if found else False


def concat(a: str | TextVal, b: str | TextVal) -> str | TextVal:
    return make_text(text_codes(a) + text_codes(b))


def _ascii_only(sim: Simulator, v: TextVal, what: str, span: SourceSpan) -> None:
    for code in v.codes:
        if isinstance(code, SymInt) and code.hi > 127:
            raise UnsupportedFeature(f"{what} of symbolic characters that may be outside ASCII", span)


def change_case(sim: Simulator, v: TextVal, upper: bool, span: SourceSpan) -> str | TextVal:
    """`v.upper()` / `v.lower()`: code-point arithmetic on ASCII letters."""
    _ascii_only(sim, v, f"str.{'upper' if upper else 'lower'}()", span)
    if not upper and 0x3A3 in v.codes:  # a capital sigma lowers by its context (final or not)
        raise UnsupportedFeature("str.lower() of a string with symbolic characters and a capital sigma", span)
    ctx = sim.ctx
    first, shift = (ord("a"), -32) if upper else (ord("A"), 32)
    codes: list[object] = []
    for code in v.codes:
        if isinstance(code, int):
            changed = chr(code).upper() if upper else chr(code).lower()
            codes += map(ord, changed)  # may be longer ('ß'.upper() == 'SS')
            continue
        letter = conjunction(sim, [pyint.compare(ctx, ">=", code, first),  # type: ignore[arg-type]
                                   pyint.compare(ctx, "<=", code, first + 25)])  # type: ignore[arg-type]
        codes.append(pyint.ite(ctx, letter, pyint.add(ctx, code, shift), code))  # type: ignore[arg-type]
    return make_text(tuple(codes))


def encode(sim: Simulator, st: State, v: TextVal, encoding: object, errors: object, span: SourceSpan) -> object:
    """`v.encode(encoding)` for ASCII and UTF-8 (symbolic characters must be ASCII: one byte each)."""
    name = encoding.lower().replace("_", "-") if isinstance(encoding, str) else None
    if name not in ("ascii", "us-ascii", "utf-8", "utf8") or errors != "strict":
        raise UnsupportedFeature(f"str.encode({encoding!r}, {errors!r}) of symbolic characters (ASCII and UTF-8, "
                                 "strict, are modelled)", span)
    _ascii_only(sim, v, "str.encode()", span)
    # Concrete characters fail (or not) as in CPython; ASCII stand-ins keep the positions.
    stand_in = "".join(chr(c) if isinstance(c, int) else "a" for c in v.codes)
    sim.run_concrete(st, lambda s: s.encode(encoding), (stand_in,), span)
    items: list[object] = []
    for code in v.codes:
        items += chr(code).encode(encoding) if isinstance(code, int) else [code]  # type: ignore[arg-type]
    return make_bytes(tuple(items))


def _hex_digit_value(sim: Simulator, st: State, code: object, position: int, span: SourceSpan) -> pyint.IntVal:
    """The value of a hex digit, after the obligation that it is one (fromhex's ValueError)."""
    if isinstance(code, int):
        digit = int(chr(code), 16) if chr(code) in "0123456789abcdefABCDEF" else None
        if digit is None:
            sim.fail(st, GoalKind.PANIC, f"ValueError: non-hexadecimal number found in fromhex() arg at position "
                     f"{position}", span, "ValueError")
        return digit  # type: ignore[return-value]
    ok = is_hex_digit(sim, code)
    sim.check(st, ok, GoalKind.PANIC, f"ValueError: non-hexadecimal number found in fromhex() arg at position "
              f"{position}", span, "ValueError")
    return digit_value(sim, code)  # type: ignore[arg-type]


def is_hex_digit(sim: Simulator, code: object) -> pyint.BoolVal:
    ctx = sim.ctx
    ranges = [conjunction(sim, [pyint.compare(ctx, ">=", code, lo), pyint.compare(ctx, "<=", code, hi)])  # type: ignore[arg-type]
              for lo, hi in ((48, 57), (65, 70), (97, 102))]
    if True in ranges:
        return True
    terms = [c.term for c in ranges if isinstance(c, SymBool)]
    return pyint.bool_of(ctx, ctx.or_(*terms)) if terms else False


def digit_value(sim: Simulator, code: pyint.IntVal) -> pyint.IntVal:
    """The value of a code point known to be a hex digit."""
    ctx = sim.ctx
    letter = pyint.ite(ctx, pyint.compare(ctx, "<=", code, ord("F")), pyint.sub(ctx, code, 55),
                       pyint.sub(ctx, code, 87))
    return pyint.refine(ctx, pyint.ite(ctx, pyint.compare(ctx, "<=", code, ord("9")), pyint.sub(ctx, code, 48),
                                       letter), 0, 15)


_SPACES = (9, 10, 11, 12, 13, 32)
"""What fromhex skips between bytes (CPython's Py_ISSPACE)."""


def fromhex(sim: Simulator, st: State, v: TextVal, span: SourceSpan) -> tuple[object, ...]:
    """The bytes of `bytes.fromhex(v)`, following CPython's scan: spaces between
    bytes are skipped, and the first bad character (or the end of the string
    in the middle of a byte) is a ValueError naming its position."""
    _ascii_only(sim, v, "bytes.fromhex()", span)
    codes = v.codes
    ctx = sim.ctx
    spaces = [pyint.compare(ctx, "==", code, space) for code in codes if isinstance(code, SymInt) for space in _SPACES]
    terms = [c.term for c in spaces if isinstance(c, SymBool)]
    if True in spaces or (terms and sim.feasible(st.pc + (ctx.or_(*terms),))):
        raise UnsupportedFeature("bytes.fromhex() of symbolic characters that may be whitespace (skipped "
                                 "or not, the bytes would depend on it)", span)
    first_wide = next((i for i, c in enumerate(codes) if isinstance(c, int) and c > 127), None)
    if first_wide is not None:  # CPython looks for non-ASCII characters first
        sim.fail(st, GoalKind.PANIC, f"ValueError: non-hexadecimal number found in fromhex() arg at position "
                 f"{first_wide}", span, "ValueError")
    items: list[object] = []
    i, n = 0, len(codes)
    while i < n:
        if codes[i] in _SPACES:
            i += 1
            continue
        top = _hex_digit_value(sim, st, codes[i], i, span)
        bottom = _hex_digit_value(sim, st, codes[i + 1] if i + 1 < n else 0, i + 1, span)
        items.append(pyint.add(sim.ctx, pyint.mul(sim.ctx, top, 16), bottom))
        i += 2
    return tuple(items)


def parse_hex_int(sim: Simulator, st: State, v: TextVal, span: SourceSpan) -> pyint.IntVal:
    """`int(v, 16)` of a string whose characters are all hex digits on this path.

    CPython's ValueError for other strings shows the text itself, which is
    symbolic: a string that may not be all hex digits is unsupported."""
    ctx = sim.ctx
    ok = conjunction(sim, [is_hex_digit(sim, c) for c in v.codes])
    if ok is not True and (ok is False or sim.feasible(st.pc + (ctx.not_(ok.term),))):
        raise UnsupportedFeature("int(text, 16) of a symbolic string that may not be all hex digits (CPython's "
                                 "ValueError would show the symbolic text)", span)
    value: pyint.IntVal = 0
    for code in v.codes:
        digit = digit_value(sim, code)  # type: ignore[arg-type]
        value = pyint.add(ctx, pyint.mul(ctx, value, 16), digit)
    return value


# ---- models of str methods and builtins on text ----------------------------------------

def _model_join(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    separator, *rest = args
    if kwargs or len(rest) != 1:
        sim.fail(st, GoalKind.PANIC, f"TypeError: str.join() takes exactly one argument ({len(rest)} given)", span,
                 "TypeError")
    parts = materialize(sim, st, rest[0], span)
    codes: list[object] = []
    for i, part in enumerate(parts):
        if isinstance(part, SymbolicText):
            raise UnsupportedFeature("str.join() of a string formatted from symbolic values in a way that is not "
                                     "modelled", span)
        if not is_text(part):
            sim.fail(st, GoalKind.PANIC, f"TypeError: sequence item {i}: expected str instance, "
                     f"{describe(part)} found", span, "TypeError")
        if i:
            codes += text_codes(separator)  # type: ignore[arg-type]
        codes += text_codes(part)  # type: ignore[arg-type]
    return make_text(tuple(codes))


def _case_model(upper: bool) -> object:
    def model(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
        v = args[0]
        if isinstance(v, str):
            return sim.run_concrete(st, lambda s, *a: s.upper(*a) if upper else s.lower(*a), tuple(args), span)
        if len(args) > 1 or kwargs:
            sim.fail(st, GoalKind.PANIC, f"TypeError: str.{'upper' if upper else 'lower'}() takes no arguments",
                     span, "TypeError")
        return change_case(sim, v, upper, span)  # type: ignore[arg-type]

    return model


def _model_encode(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    v, *rest = args
    params = dict(zip(("encoding", "errors"), rest), **kwargs)
    if isinstance(v, str):
        if all(is_concrete(x) for x in params.values()):
            return sim.run_concrete(st, lambda s: s.encode(**params), (v,), span)
        raise UnsupportedFeature("str.encode() with symbolic arguments", span)
    return encode(sim, st, v, params.get("encoding", "utf-8"), params.get("errors", "strict"), span)  # type: ignore[arg-type]


def _model_decode(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    """`data.decode(encoding, errors)` of bytes with symbolic items: ASCII and
    Latin-1 exactly; UTF-8 where every byte is ASCII (one character each)."""
    data, *rest = args
    if isinstance(data, Mux):  # bytes of a symbolic length
        return sim.lift(st, data, lambda side, alt: _model_decode(sim, side, [alt, *rest], kwargs, span))
    params = dict(zip(("encoding", "errors"), rest), **kwargs)
    items = sequences.sequence_items(sim, st, data)
    if items is None or all(is_concrete(x) for x in (*items, *params.values())):
        concrete = bytes(items) if items is not None and not isinstance(data, (bytes, bytearray)) else data
        return sim.run_concrete(st, lambda d: d.decode(**params), (concrete,), span)
    encoding, errors = params.get("encoding", "utf-8"), params.get("errors", "strict")
    name = encoding.lower().replace("_", "-") if isinstance(encoding, str) else None
    if errors != "strict" or name not in ("ascii", "us-ascii", "latin-1", "latin1", "iso-8859-1", "utf-8", "utf8"):
        raise UnsupportedFeature(f"bytes.decode({encoding!r}, {errors!r}) of symbolic bytes (ASCII, Latin-1 and "
                                 "UTF-8, strict, are modelled)", span)
    ctx = sim.ctx
    if name in ("utf-8", "utf8"):
        beyond = [pyint.compare(ctx, ">", b, 127) for b in items]
        terms = [c.term for c in beyond if isinstance(c, SymBool)]
        if True in beyond or (terms and sim.feasible((*st.pc, ctx.or_(*terms)))):
            raise UnsupportedFeature("bytes.decode('utf-8') of symbolic bytes that may be outside ASCII "
                                     "(multi-byte sequences are not modelled)", span)
    elif name in ("ascii", "us-ascii"):
        for i, b in enumerate(items):  # the first byte outside ASCII is the error
            sim.check(st, pyint.compare(ctx, "<", b, 128), GoalKind.PANIC, "UnicodeDecodeError: 'ascii' codec "
                      f"can't decode the byte in position {i}: ordinal not in range(128)", span, "UnicodeDecodeError")
    return make_text(tuple(items))


def decimal(sim: Simulator, st: State, x: SymInt, span: SourceSpan) -> object:
    """`str(x)` of a symbolic int: one case per sign and number of digits, each
    a text whose characters are `48 + x // 10**k % 10`."""
    ctx = sim.ctx
    lo, hi = pyint.bounds(x)
    magnitude = pyint.absolute(ctx, x)
    arms = []
    for negative in (True, False):
        if (negative and lo >= 0) or (not negative and hi < 0):
            continue
        sign = pyint.compare(ctx, "<", x, 0) if negative else pyint.compare(ctx, ">=", x, 0)
        for digits in range(1, len(str(max(abs(lo), abs(hi)))) + 1):
            low = 0 if digits == 1 else 10 ** (digits - 1)
            within = [sign, pyint.compare(ctx, ">=", magnitude, low), pyint.compare(ctx, "<", magnitude, 10 ** digits)]
            if any(c is False for c in within):
                continue
            terms = [c.term for c in within if isinstance(c, SymBool)]
            codes: list[object] = [ord("-")] if negative else []
            for k in reversed(range(digits)):
                digit = pyint.mod(ctx, pyint.floordiv(ctx, magnitude, 10 ** k), 10)
                codes.append(pyint.add(ctx, pyint.refine(ctx, digit, 0, 9), ord("0")))
            arms.append((ctx.and_(*terms) if terms else ctx.true(), lambda side, c=tuple(codes): make_text(c)))
    return sim.choose(st, arms)


def _model_str(sim: Simulator, st: State, args: list[object], kwargs: dict[str, object], span: SourceSpan) -> object:
    """`str()`, `str(x)`, and `str(data, encoding)` (a decode)."""
    if not args and not kwargs:
        return ""
    if len(args) > 1 or kwargs:
        return _model_decode(sim, st, list(args), kwargs, span)
    return str_of(sim, st, args[0], span)


def str_of(sim: Simulator, st: State, v: object, span: SourceSpan) -> object:
    """`str(v)`: CPython's for concrete values, decimal text for symbolic ints."""
    if isinstance(v, Mux):
        return sim.lift(st, v, lambda side, alt: str_of(sim, side, alt, span))
    if isinstance(v, TextVal):
        return v
    if isinstance(v, SymBool):
        return sim.choose(st, [(v.term, lambda side: "True"), (sim.ctx.not_(v.term), lambda side: "False")])
    if isinstance(v, SymInt):
        return decimal(sim, st, v, span)
    if type(v) in (int, bool, str, bytes, type(None)) or (type(v) is tuple and is_concrete(v)):
        return sim.run_concrete(st, str, (v,), span)
    name = objects.python_type(sim, st, v).__name__
    raise UnsupportedFeature(f"str() of a {name} value (only ints, bools, text and concrete values are modelled)",
                             span)


TEXT_MODELS: dict[object, object] = {
    str: _model_str,
    (bytes, "decode"): _model_decode,
    (bytearray, "decode"): _model_decode,
    (str, "join"): _model_join,
    (str, "upper"): _case_model(True),
    (str, "lower"): _case_model(False),
    (str, "encode"): _model_encode,
}
