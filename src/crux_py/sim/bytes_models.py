"""Models of bytes-level Python: the `bytes` and `bytearray` constructors and
methods, `int.from_bytes`, `int.to_bytes`, and `struct.pack`/`unpack`/`calcsize`
for fixed formats, and `hmac.compare_digest`.

Conversions between ints and bytes are exact bit-vector slicing: packing is
`concat` of byte terms, unpacking `extract`s them, with CPython's range
checks as obligations (OverflowError, struct.error, ValueError).
`bytes.hex()` of symbolic bytes is hex text (`hexformat.py`), and
`bytes.fromhex` of such text reads it back (`text.py`). `BYTES_MODELS` maps
builtin functions and `(class, method)` pairs to models (memoryview's,
from `buffers.py`, included).
"""

from __future__ import annotations

import hmac
import io
import struct
from collections.abc import Callable
from typing import TYPE_CHECKING

from crux_py import intrinsics
from crux_py.errors import UnsupportedFeature
from crux_py.sim.stdlib import bytesio, bytesmethods
from crux_py.sim import buffers, dunders, hexformat, objects, pyint, sequences, text
from crux_py.sim.library_models import concrete_or_standin
from crux_py.sim.compare import all_of, as_int, eq, is_intlike
from crux_py.sim.goals import GoalKind
from crux_py.sim.iteration import materialize
from crux_py.sim.merge import make_bytes
from crux_py.sim.state import State
from crux_py.sim.type_models import exact_type
from crux_py.sim.values import ByteArrayObj, BytesVal, MemoryViewObj, Mux, Ref, SymBool, SymInt, TextVal, is_concrete
from crux_py.source import SourceSpan

if TYPE_CHECKING:
    from crux_py.sim.simulator import Simulator

Args = list[object]
Kwargs = dict[str, object]


def byte_items(sim: Simulator, st: State, v: object, span: SourceSpan, what: str = "a bytes-like object") -> tuple[object, ...]:
    """The items of bytes (or a BytesVal), a bytearray or a memoryview; a TypeError for anything else."""
    if isinstance(v, (bytes, BytesVal)) or (isinstance(v, Ref) and isinstance(sim.heap_obj(st, v),
                                                                            (ByteArrayObj, MemoryViewObj))):
        return sequences.sequence_items(sim, st, v)  # type: ignore[return-value]
    sim.fail(st, GoalKind.PANIC, f"TypeError: {what} is required, not '{type(v).__name__}'", span, "TypeError")
    raise AssertionError("unreachable")


def _initial_items(sim: Simulator, st: State, args: Args, span: SourceSpan, name: str) -> tuple[object, ...]:
    if not args:
        return ()
    source = args[0]
    cls = dunders.user_class(sim, st, source)
    if cls is not None:
        if name == "bytes" and dunders.defines(cls, "__bytes__"):
            return _dunder_bytes(sim, st, source, cls, span)  # type: ignore[arg-type]
        if dunders.defines(cls, "__index__"):
            source = dunders.index(sim, st, source, cls, span)  # type: ignore[arg-type]
        elif not dunders.defines(cls, "__iter__"):
            sim.fail(st, GoalKind.PANIC, f"TypeError: cannot convert '{cls.__name__}' object to {name}", span,
                     "TypeError")
    if isinstance(source, bool) or not is_intlike(source):
        if isinstance(source, str):
            sim.fail(st, GoalKind.PANIC, "TypeError: string argument without an encoding", span, "TypeError")
        return sequences.check_bytes(sim, st, tuple(materialize(sim, st, source, span)), span)
    n = as_int(sim, source)
    if not isinstance(n, int):
        raise UnsupportedFeature(f"{name}() of a symbolic size", span)
    if n < 0:
        sim.fail(st, GoalKind.PANIC, "ValueError: negative count", span, "ValueError")
    return (0,) * n


def _dunder_bytes(sim: Simulator, st: State, source: Ref, cls: type, span: SourceSpan) -> tuple[object, ...]:
    """`bytes(source)` by `__bytes__`, whose result must be bytes."""
    def checked(side: State, r: object) -> object:
        if isinstance(r, (bytes, BytesVal)):
            return r
        sim.fail(side, GoalKind.PANIC, f"TypeError: __bytes__ returned non-bytes (type "
                 f"{objects.python_type(sim, side, r).__name__})", span, "TypeError")

    result = dunders.per_value(sim, st, dunders.call_special(sim, st, source, cls, "__bytes__", [], span), checked)
    if isinstance(result, Mux):
        raise UnsupportedFeature(f"{cls.__qualname__}.__bytes__ returning bytes of different lengths on merged "
                                 "paths", span)
    return tuple(result) if isinstance(result, bytes) else result.items  # type: ignore[union-attr]


def model_bytes(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    if kwargs or len(args) > 1:
        raise UnsupportedFeature("bytes() with an encoding or keyword arguments", span)
    if args and isinstance(args[0], (SymInt, SymBool)):  # a symbolic size: one case per size
        return sequences.each_value(sim, st, args[0], lambda side, n: model_bytes(sim, side, [n], {}, span), span,
                                    "bytes() of a symbolic size")
    return make_bytes(_initial_items(sim, st, args, span, "bytes"))


def model_bytearray(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    if kwargs or len(args) > 1:
        raise UnsupportedFeature("bytearray() with an encoding or keyword arguments", span)
    if args and isinstance(args[0], (SymInt, SymBool)):
        return sequences.each_value(sim, st, args[0], lambda side, n: model_bytearray(sim, side, [n], {}, span),
                                    span, "bytearray() of a symbolic size")
    return sim.alloc(st, ByteArrayObj(_initial_items(sim, st, args, span, "bytearray")))


def _byteorder(sim: Simulator, st: State, value: object, span: SourceSpan) -> str:
    if value not in ("little", "big"):
        sim.fail(st, GoalKind.PANIC, "ValueError: byteorder must be either 'little' or 'big'", span, "ValueError")
    return value  # type: ignore[return-value]


def from_bytes(sim: Simulator, items: tuple[object, ...], little: bool, signed: bool) -> pyint.IntVal:
    """The int whose bytes are `items` (each an int in [0, 256))."""
    if not items:
        return 0
    ordered = tuple(reversed(items)) if little else items
    ctx = sim.ctx
    width = 8 * len(items)
    if all(isinstance(x, int) for x in ordered):
        return int.from_bytes(bytes(ordered), "big", signed=signed)  # type: ignore[arg-type]
    term = ctx.concat(*(pyint.extend(ctx, x, 8) if isinstance(x, SymInt) else ctx.bv_const(x, 8)  # type: ignore[arg-type]
                        for x in ordered))
    if signed:
        return pyint.make(ctx, term, -(1 << (width - 1)), (1 << (width - 1)) - 1)
    return pyint.make(ctx, term, 0, (1 << width) - 1)


def to_bytes(sim: Simulator, st: State, x: pyint.IntVal, length: int, little: bool, signed: bool,
             span: SourceSpan) -> bytes | BytesVal:
    """The `length` bytes of x (OverflowError when it does not fit)."""
    ctx = sim.ctx
    width = 8 * length
    lo, hi = (-(1 << (width - 1)), (1 << (width - 1)) - 1) if signed else (0, (1 << width) - 1)
    if length == 0:
        lo = hi = 0
    fits = pyint.compare(ctx, "<=", lo, x)
    upper = pyint.compare(ctx, "<=", x, hi)
    ok = upper if fits is True else fits if upper is True else (
        False if False in (fits, upper) else pyint.bool_of(ctx, ctx.and_(fits.term, upper.term)))  # type: ignore[union-attr]
    sim.check(st, ok, GoalKind.PANIC, "OverflowError: int too big to convert", span, "OverflowError")
    if isinstance(x, int):
        return x.to_bytes(length, "little" if little else "big", signed=signed)
    x = pyint.refine(ctx, x, lo, hi)
    if isinstance(x, int):
        return x.to_bytes(length, "little" if little else "big", signed=signed)
    term = pyint.extend(ctx, x, width) if x.term.width <= width else ctx.extract(x.term, width - 1, 0)
    items = [pyint.make(ctx, ctx.extract(term, 8 * k + 7, 8 * k), 0, 255) for k in range(length)]
    return make_bytes(tuple(items if little else reversed(items)))


def model_int_from_bytes(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    _cls, *rest = args
    params = dict(zip(("bytes", "byteorder"), rest), **kwargs)
    signed = params.pop("signed", False)
    if not isinstance(signed, bool) or set(params) - {"bytes", "byteorder"}:
        raise UnsupportedFeature("int.from_bytes with these arguments", span)
    order = _byteorder(sim, st, params.get("byteorder", "big"), span)
    data = params.get("bytes")
    items = (sequences.check_bytes(sim, st, tuple(materialize(sim, st, data, span)), span)
             if isinstance(data, Ref) and not isinstance(sim.heap_obj(st, data), ByteArrayObj)
             else byte_items(sim, st, data, span))
    return from_bytes(sim, items, order == "little", signed)


def model_int_to_bytes(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    x, *rest = args
    params = dict(zip(("length", "byteorder"), rest), **kwargs)
    length, signed = params.get("length", 1), params.get("signed", False)
    if isinstance(length, (SymInt, SymBool)):  # one case per length
        return sequences.each_value(sim, st, length, lambda side, k: model_int_to_bytes(
            sim, side, [x], {**params, "length": k}, span), span, "int.to_bytes with a symbolic length")
    if not isinstance(length, int) or not isinstance(signed, bool):
        raise UnsupportedFeature("int.to_bytes with a symbolic length or signedness", span)
    order = _byteorder(sim, st, params.get("byteorder", "big"), span)
    return to_bytes(sim, st, as_int(sim, x), length, order == "little", signed, span)


def model_hex(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    items = byte_items(sim, st, args[0], span)
    if not all(isinstance(x, int) for x in items):
        return hexformat.hex_items(sim, st, items, list(args[1:]), kwargs, span)
    return sim.run_concrete(st, lambda *a: bytes(items).hex(*a, **kwargs), tuple(args[1:]), span)  # type: ignore[arg-type]


def _fromhex(kind: type) -> object:
    def model(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
        if len(args) != 2 or kwargs or not isinstance(args[1], (str, TextVal)):
            raise UnsupportedFeature(f"{kind.__name__}.fromhex of a non-string argument", span)
        if isinstance(args[1], TextVal):
            items = text.fromhex(sim, st, args[1], span)
        else:
            items = tuple(sim.run_concrete(st, bytes.fromhex, (args[1],), span))  # type: ignore[arg-type]
        return make_bytes(items) if kind is bytes else sim.alloc(st, ByteArrayObj(items))

    return model


def model_join(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    return _join(sim, st, args[0], tuple(materialize(sim, st, args[1], span)), span)


def _join(sim: Simulator, st: State, sep: object, parts: tuple[object, ...], span: SourceSpan) -> object:
    for k, part in enumerate(parts):
        if isinstance(part, Mux):  # bytes of a symbolic length: one join per length
            return sim.lift(st, part, lambda side, alt: _join(sim, side, sep, parts[:k] + (alt,) + parts[k + 1:], span))
    separator = byte_items(sim, st, sep, span)
    items: list[object] = []
    for i, part in enumerate(parts):
        if i:
            items.extend(separator)
        items.extend(byte_items(sim, st, part, span, f"sequence item {i}: a bytes-like object"))
    result = tuple(items)
    return make_bytes(result) if not isinstance(sep, Ref) else sim.alloc(st, ByteArrayObj(result))


def _bytearray_method(name: str) -> object:
    def model(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
        ref, *rest = args
        items = byte_items(sim, st, ref, span)
        if name == "append":
            extra = sequences.check_bytes(sim, st, (rest[0],), span)
        else:
            extra = sequences.check_bytes(sim, st, tuple(materialize(sim, st, rest[0], span)), span)
        sequences.check_resizable(sim, st, ref, len(items), len(items) + len(extra), span)  # type: ignore[arg-type]
        sim.write(st, ref, ByteArrayObj(items + extra))
        return None

    return model


def _struct_format(sim: Simulator, st: State, fmt: object, span: SourceSpan) -> tuple[bool, list[tuple[str, int]]]:
    """(little-endian?, [(code, size)]) for a fixed format of integer codes and pad bytes."""
    if isinstance(fmt, bytes):
        fmt = fmt.decode()
    if not isinstance(fmt, str):
        raise UnsupportedFeature("struct format that is not a concrete string", span)
    try:
        struct.calcsize(fmt)
    except struct.error as e:
        sim.fail(st, GoalKind.PANIC, f"error: {e}", span, "error")
    body = fmt
    little = False
    if body and body[0] in "<>!=@":
        little = body[0] == "<" or (body[0] == "=" and struct.pack("=H", 1) == b"\x01\x00")
        if body[0] == "@":
            raise UnsupportedFeature("struct native alignment ('@'); use '<', '>' or '='", span)
        body = body[1:]
    else:
        raise UnsupportedFeature("struct format without a byte order ('<', '>', '!' or '=')", span)
    codes: list[tuple[str, int]] = []
    count = ""
    for ch in body.replace(" ", ""):
        if ch.isdigit():
            count += ch
            continue
        if ch not in "xbBhHiIlLqQ?":
            raise UnsupportedFeature(f"struct format code {ch!r} (integer codes and 'x' are modelled)", span)
        codes += [(ch, struct.calcsize("<" + ch))] * int(count or "1")
        count = ""
    return little, codes


def model_struct_pack(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    little, codes = _struct_format(sim, st, args[0], span)
    values = list(args[1:])
    fields = [c for c in codes if c[0] != "x"]
    if len(values) != len(fields) or kwargs:
        sim.fail(st, GoalKind.PANIC, f"error: pack expected {len(fields)} items for packing (got {len(values)})",
                 span, "error")
    items: list[object] = []
    it = iter(values)
    for code, size in codes:
        if code == "x":
            items.append(0)
            continue
        value = next(it)
        if not is_intlike(value):
            sim.fail(st, GoalKind.PANIC, "error: required argument is not an integer", span, "error")
        x = as_int(sim, value)
        if code == "?":
            x = pyint.from_bool(sim.ctx, pyint.truth(sim.ctx, x))
        signed = code.islower() and code != "?"
        bound = 1 << (8 * size - (1 if signed else 0))
        ctx = sim.ctx
        low, high = pyint.compare(ctx, ">=", x, -bound if signed else 0), pyint.compare(ctx, "<", x, bound)
        ok = high if low is True else low if high is True else (
            False if False in (low, high) else pyint.bool_of(ctx, ctx.and_(low.term, high.term)))  # type: ignore[union-attr]
        sim.check(st, ok, GoalKind.PANIC, f"error: '{code}' format requires a value in range", span, "error")
        chunk = to_bytes(sim, st, x, size, little, signed, span)
        items.extend(sequences.sequence_items(sim, st, chunk))  # type: ignore[arg-type]
    return make_bytes(tuple(items))


def _unpack(sim: Simulator, st: State, fmt: object, data: object, offset: int | None,
            span: SourceSpan) -> tuple[object, ...]:
    """`struct.unpack` (offset None: the buffer must be exactly the size) or `unpack_from`."""
    little, codes = _struct_format(sim, st, fmt, span)
    items = byte_items(sim, st, data, span)
    size, n = sum(s for _, s in codes), len(items)
    if offset is None:
        if n != size:
            sim.fail(st, GoalKind.PANIC, f"error: unpack requires a buffer of {size} bytes", span, "error")
        offset = 0
    if offset < 0:
        if offset + n < 0:
            sim.fail(st, GoalKind.PANIC, f"error: offset {offset} out of range for {n}-byte buffer", span, "error")
        offset += n
    if n - offset < size:
        sim.fail(st, GoalKind.PANIC, f"error: unpack_from requires a buffer of at least {size + offset} bytes for "
                 f"unpacking {size} bytes at offset {offset} (actual buffer size is {n})", span, "error")
    out = []
    position = offset
    for code, width in codes:
        chunk = items[position:position + width]
        position += width
        if code == "x":
            continue
        value = from_bytes(sim, chunk, little, code.islower() and code != "?")
        out.append(pyint.truth(sim.ctx, value) if code == "?" else value)
    return tuple(out)


def model_struct_unpack(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    if isinstance(args[1], Mux):  # bytes of a symbolic length
        return sim.lift(st, args[1], lambda side, alt: model_struct_unpack(sim, side, [args[0], alt], kwargs, span))
    return _unpack(sim, st, args[0], args[1], None, span)


def model_struct_unpack_from(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    fmt, data = args[0], args[1] if len(args) > 1 else kwargs.get("buffer")
    offset = args[2] if len(args) > 2 else kwargs.get("offset", 0)
    if isinstance(data, Mux):
        return sim.lift(st, data, lambda side, alt: model_struct_unpack_from(sim, side, [fmt, alt, offset], {}, span))
    if isinstance(offset, (SymInt, SymBool)):
        return sequences.each_value(sim, st, offset, lambda side, k: _unpack(sim, side, fmt, data, k, span), span,
                                    "struct.unpack_from at a symbolic offset")
    if not isinstance(offset, int):
        sim.fail(st, GoalKind.PANIC, f"TypeError: '{type(offset).__name__}' object cannot be interpreted as an "
                 "integer", span, "TypeError")
    return _unpack(sim, st, fmt, data, offset, span)


def model_struct_calcsize(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    if not is_concrete(args[0]):
        raise UnsupportedFeature("struct.calcsize of a symbolic format", span)
    return sim.run_concrete(st, struct.calcsize, (args[0],), span)


def _is_buffer(sim: Simulator, st: State, v: object, span: SourceSpan) -> bool:
    cls = exact_type(sim, st, v)
    if cls is None:
        raise UnsupportedFeature("hmac.compare_digest() of a value whose class the simulator does not track", span)
    return issubclass(cls, (bytes, bytearray, memoryview))


def model_compare_digest(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """`hmac.compare_digest(a, b)`: `a == b` for two bytes-like objects or two ASCII strings.

    Its running time does not depend on the contents, which the symbolic
    result (equality of the items) cannot show and does not need to.
    """
    if kwargs or len(args) != 2:
        sim.fail(st, GoalKind.PANIC, f"TypeError: compare_digest expected 2 arguments, got {len(args) + len(kwargs)}",
                 span, "TypeError")
    a, b = args
    if isinstance(a, str) and isinstance(b, str):
        return sim.run_concrete(st, hmac.compare_digest, (a, b), span)
    buffers = [_is_buffer(sim, st, v, span) for v in (a, b)]
    names = [exact_type(sim, st, v).__name__ for v in (a, b)]  # type: ignore[union-attr]
    if not any(buffers):
        # CPython's own wording (sic: "types(s)").
        sim.fail(st, GoalKind.PANIC, f"TypeError: unsupported operand types(s) or combination of types: "
                 f"'{names[0]}' and '{names[1]}'", span, "TypeError")
    for name, buffer in zip(names, buffers):
        if not buffer:
            sim.fail(st, GoalKind.PANIC, f"TypeError: a bytes-like object is required, not '{name}'", span,
                     "TypeError")
    xs = byte_items(sim, st, a, span)
    ys = byte_items(sim, st, b, span)
    if len(xs) != len(ys):
        return False
    return all_of(sim, [eq(sim, st, x, y) for x, y in zip(xs, ys)])


def _method_of(name: str) -> Callable[..., object]:
    return lambda obj, *args, **kwargs: getattr(obj, name)(*args, **kwargs)


def _item_check(marker: intrinsics.EagerConsumer) -> object:
    """What bytes()/bytearray() do with each item of an iterable as they pull it."""
    bound = "bytes must" if marker is intrinsics.BYTES_ITEM else "byte must"

    def model(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
        (item,) = args
        if isinstance(item, Mux):
            return sim.lift(st, item, lambda side, alt: model(sim, side, [alt], kwargs, span))
        if not is_intlike(item):
            cls = exact_type(sim, st, item)
            if cls is None or "__index__" in dir(cls):
                raise UnsupportedFeature(f"an item of a {getattr(cls, '__name__', 'value')} in {marker.consumer}() "
                                         "(its __index__ is not modelled)", span)
            sim.fail(st, GoalKind.PANIC, f"TypeError: '{cls.__name__}' object cannot be interpreted as an integer",
                     span, "TypeError")
        x = as_int(sim, item)
        ctx = sim.ctx
        sim.check(st, all_of(sim, [pyint.compare(ctx, ">=", x, 0), pyint.compare(ctx, "<", x, 256)]),
                  GoalKind.PANIC, f"ValueError: {bound} be in range(0, 256)", span, "ValueError")
        return x

    return model


def model_eager_join(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """`sep.join(<genexp>)` with the generator's items already in a list."""
    receiver, method, items = args
    if isinstance(receiver, Mux):
        return sim.lift(st, receiver, lambda side, alt: model_eager_join(sim, side, [alt, method, items], kwargs, span))
    if exact_type(sim, st, receiver) not in (str, bytes, bytearray):
        raise UnsupportedFeature("`.join` of a generator expression on something other than a str, bytes or "
                                 "bytearray", span)
    return sim.call(st, method, [items], {}, span)


def model_bytesio(sim: Simulator, st: State, args: Args, kwargs: Kwargs, span: SourceSpan) -> object:
    """`io.BytesIO(...)`: an instance of the plain-Python stand-in (`stdlib/bytesio.py`)."""
    return sim.call(st, bytesio.BytesIO, list(args), dict(kwargs), span)


BYTES_MODELS: dict[object, object] = {
    **buffers.BUFFER_MODELS,
    io.BytesIO: model_bytesio,
    intrinsics.BYTES_ITEM: _item_check(intrinsics.BYTES_ITEM),
    intrinsics.BYTEARRAY_ITEM: _item_check(intrinsics.BYTEARRAY_ITEM),
    intrinsics.EAGER_JOIN: model_eager_join,
    bytes: model_bytes,
    bytearray: model_bytearray,
    (int, "from_bytes"): model_int_from_bytes,
    (int, "to_bytes"): model_int_to_bytes,
    (bool, "to_bytes"): model_int_to_bytes,
    (bytes, "hex"): model_hex,
    (bytearray, "hex"): model_hex,
    (memoryview, "hex"): model_hex,
    (bytes, "fromhex"): _fromhex(bytes),
    (bytearray, "fromhex"): _fromhex(bytearray),
    (bytes, "join"): model_join,
    (bytearray, "append"): _bytearray_method("append"),
    (bytearray, "extend"): _bytearray_method("extend"),
    struct.pack: model_struct_pack,
    struct.unpack: model_struct_unpack,
    struct.unpack_from: model_struct_unpack_from,
    struct.calcsize: model_struct_calcsize,
    hmac.compare_digest: model_compare_digest,
    # bytes methods: CPython's own on concrete operands, the stand-ins of stdlib/bytesmethods.py otherwise
    **{(bytes, fn.__name__): concrete_or_standin(_method_of(fn.__name__), fn, f"bytes.{fn.__name__}")
       for fn in bytesmethods.METHODS},
}
