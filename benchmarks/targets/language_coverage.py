"""One small program in the style of real code per construct family of
issue 8, each a symbolic test; `benchmarks/run.py` proves them all and
prints the time of each (the "coverage" table)."""

from __future__ import annotations

import functools
import io
import struct
from dataclasses import dataclass, field

from crux_py import Bytes, crux_test, raises, symbolic, u8, u16, u32


class Shape:
    sides = 0

    def __init__(self, size):
        self.size = size

    def perimeter(self):
        return self.sides * self.size

    @classmethod
    def unit(cls):
        return cls(1)


class Square(Shape):
    sides = 4

    def __init__(self, size):
        super().__init__(size)

    @property
    def area(self):
        return self.size * self.size


@crux_test
def classes_inheritance_super():
    n = symbolic(u16, "n")
    sq = Square(n)
    assert sq.perimeter() == 4 * n and sq.area >= n and Square.unit().area == 1
    assert isinstance(sq, Shape)


def make_scaler(k):
    return lambda v: v * k


@crux_test
def closures_and_lambdas():
    x, k = symbolic(u8, "x"), symbolic(u8, "k")
    scale = make_scaler(k)
    steps = [lambda v: v + 1, scale]
    assert steps[1](steps[0](x)) == (x + 1) * k


class FormatError(ValueError):
    pass


def checked_div(a, b):
    try:
        q = a // b
    except ZeroDivisionError:
        raise FormatError("division by zero")
    else:
        return q
    finally:
        pass


@crux_test
def exceptions_try_except_finally():
    a, b = symbolic(u8, "a"), symbolic(u8, "b")
    with raises(FormatError):
        assert checked_div(a, b) * b <= a


OPCODES = {0x01: "push", 0x02: "pop", 0x03: "add"}


@crux_test
def dicts_and_sets():
    code = symbolic(u8, "code")
    seen = set()
    counts = {}
    for name in OPCODES.values():
        counts[name] = counts.get(name, 0) + 1
        seen.add(name)
    assert len(seen) == len(counts) == 3
    assert (code in OPCODES) == (1 <= code <= 3)


@crux_test
def bytes_struct_bytesio():
    data = symbolic(Bytes[8], "data")
    stream = io.BytesIO(data)
    kind, length = struct.unpack(">HI", stream.read(6))
    rest = stream.read()
    assert len(rest) == 2 and kind < 1 << 16 and length == int.from_bytes(data[2:6], "big")


@crux_test
def bounded_symbolic_length():
    data = symbolic(Bytes[:12], "data")
    checksum = 0
    for b in data:
        checksum = (checksum * 31 + b) & 0xFFFFFFFF
    assert checksum < 1 << 32 and len(data) <= 12


@crux_test
def imports_inside_functions():
    import hmac

    tag = symbolic(Bytes[4], "tag")
    value = symbolic(u32, "value")
    assert hmac.compare_digest(tag, tag) and value.to_bytes(4, "big")[0] == value >> 24


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


@functools.cache
def crc8_entry(byte):
    crc = byte
    for _ in range(8):
        crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


@counted
def crc8(data):
    return functools.reduce(lambda crc, b: crc8_entry(crc ^ b), data, 0)


@crux_test
def decorators_and_functools():
    data = symbolic(Bytes[1], "data")
    table = [crc8_entry(i) for i in range(256)]  # fills the cache: the symbolic lookup below only hits
    calls = crc8.calls
    assert crc8(data) == table[data[0]] and crc8.calls == calls + 1 and crc8.__name__ == "crc8"
    assert crc8(b"123456789") == 0xF4
    by_parity = sorted(data, key=lambda b: b & 1)
    assert [b & 1 for b in by_parity] == sorted(b & 1 for b in data)


class Crc32:
    """A hashlib-style CRC-32 (the reflected polynomial of zlib.crc32)."""

    def __init__(self):
        self._crc = 0xFFFFFFFF

    def update(self, data):
        view = memoryview(data)
        for byte in view[:]:
            self._crc ^= byte
            for _ in range(8):
                self._crc = (self._crc >> 1) ^ (0xEDB88320 & -(self._crc & 1))
        return self

    def digest(self):
        return struct.pack(">I", self._crc ^ 0xFFFFFFFF)

    def hexdigest(self):
        return self.digest().hex()


@crux_test
def memoryview_and_hex_text():
    data = symbolic(Bytes[4], "data")
    buf = bytearray(data)
    view = memoryview(buf)
    view[1:3] = view[2:4]               # writes through to buf
    crc = Crc32().update(buf).digest()
    assert Crc32().update(buf).hexdigest() == "%08x" % int.from_bytes(crc, "big")  # noqa: UP031 - the printf style is the construct covered
    assert bytes.fromhex(crc.hex()) == crc and buf[1] == data[2]


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0


@dataclass
class Packet:
    version: Version
    payload: bytes
    seen: list = field(default_factory=list)


class Adler32:
    """A running Adler-32 checksum: `+=` feeds bytes, `==` compares digests."""

    def __init__(self):
        self.a, self.b = 1, 0

    def __iadd__(self, data):
        for byte in data:
            self.a = (self.a + byte) % 65521
            self.b = (self.b + self.a) % 65521
        return self

    def __eq__(self, other):
        return isinstance(other, Adler32) and (self.a, self.b) == (other.a, other.b)

    def __len__(self):
        return 4


@crux_test
def special_methods_and_dataclasses():
    data = symbolic(Bytes[6], "data")
    packet = Packet(Version(data[0], data[1]), data[2:])
    assert (packet.version < Version(data[0], 255)) == (data[1] < 255)
    one, two = Adler32(), Adler32()
    one += packet.payload
    two += data[2:4]
    two += data[4:]
    assert one == two and len(one) == 4 and one.a < 65521 and packet.seen == []


PROGRAMS = [classes_inheritance_super, closures_and_lambdas, exceptions_try_except_finally, dicts_and_sets,
            bytes_struct_bytesio, bounded_symbolic_length, imports_inside_functions, decorators_and_functools,
            memoryview_and_hex_text, special_methods_and_dataclasses]
