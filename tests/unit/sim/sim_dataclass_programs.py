"""Programs with dataclasses for test_sim_dataclasses.py (not collected)."""

import dataclasses
from dataclasses import InitVar, dataclass, field
from typing import ClassVar, NamedTuple

from crux_py import Bytes, crux_test, symbolic, u8


class DecodeError(ValueError):
    pass


@dataclass
class Record:
    """A type-length-value record: a kind byte, a 2-byte big-endian length, then the value."""

    kind: int
    length: int
    value: bytes = b""
    tags: list = field(default_factory=list)
    version: int = field(default=1, kw_only=True)
    end: int = field(init=False)
    HEADER: ClassVar[int] = 3
    offset: InitVar[int] = 0

    def __post_init__(self, offset):
        if self.length != len(self.value):
            raise DecodeError("length does not match the value")
        self.end = offset + self.HEADER + self.length

    def is_empty(self):
        return self.length == 0


def parse_record(data, offset=0):
    kind = data[offset]
    length = int.from_bytes(data[offset + 1:offset + 3], "big")
    value = data[offset + 3:offset + 3 + length]
    return Record(kind, length, value, offset=offset)


def parse_record_buggy(data):
    length = data[2]  # ignores the high byte of the length
    return Record(data[0], length, data[3:3 + length])


@crux_test
def record_round_trip():
    data = symbolic(Bytes[6], "data")
    if data[1] == 0 and data[2] <= 3:
        rec = parse_record(data)
        assert rec.kind == data[0] and rec.length == data[2] and rec.end == 3 + rec.length
        assert rec == Record(data[0], data[2], data[3:3 + data[2]], [], version=1)
        assert rec != Record(data[0], data[2], data[3:3 + data[2]], ["x"])
        assert rec.is_empty() == (data[2] == 0) and rec.version == 1 and Record.HEADER == 3
        rec.tags.append(1)
        assert Record(0, 0).tags == [] and rec.tags == [1]  # default_factory runs per instance


@crux_test
def record_buggy_parser():
    data = symbolic(Bytes[6], "data")
    if data[2] <= 3:
        assert parse_record_buggy(data).length == int.from_bytes(data[1:3], "big")


@crux_test
def record_length_mismatch():
    data = symbolic(Bytes[5], "data")
    rec = parse_record(data)
    assert rec.length <= 2


@crux_test
def record_missing_argument():
    n = symbolic(u8, "n")
    if n == 9:
        Record(n)


@crux_test
def record_argument_errors():
    n = symbolic(u8, "n")
    Record(n, 0, b"", [], 2)  # the InitVar is positional too
    if n == 1:
        Record(n, 0, b"", [], 2, 3)
    if n == 2:
        Record(1, 0, kind=n)
    if n == 3:
        Record(n, 0, bogus=1)
    if n == 4:
        Record(version=n)


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0


@dataclass(frozen=True)
class Checked:
    raw: int
    doubled: int = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "doubled", 2 * self.raw)


@dataclass
class Point:
    x: int
    y: int


@dataclass
class Point3(Point):
    z: int = 0


@dataclass
class Line:
    start: Point
    via: list


@crux_test
def frozen_and_ordered():
    a, b, c = symbolic(u8, "a"), symbolic(u8, "b"), symbolic(u8, "c")
    v, w = Version(1, a), Version(1, b, c)
    assert (v < w) == (a < b or (a == b and c > 0))
    assert (v >= w) == (not (v < w)) and (w > v) == (v < w)
    assert (max(v, w) is w) == (v < w)  # the first of equal maxima
    assert Version(a) == Version(a, 0, 0) and Version(a) != Version(a, 1)
    try:
        v.minor = 5
    except dataclasses.FrozenInstanceError:
        pass
    assert v.minor == a
    assert Checked(a).doubled == 2 * a
    p, q = Point(a, b), Point3(a, b)
    assert p != q and q == Point3(a, b, 0) and p != (a, b)
    line, other = Line(p, [q]), Line(Point(a, b), [Point3(a, b)])
    assert line == other and (Line(p, []) == Line(Point(c, b), [])) == (a == c)


@crux_test
def frozen_assignment():
    a = symbolic(u8, "a")
    v = Version(a)
    if a > 200:
        v.patch = 1
    assert v.patch == 0


@crux_test
def ordering_seeded_bug():
    a, b = symbolic(u8, "a"), symbolic(u8, "b")
    assert Version(0, a) < Version(0, b) or a >= b + 1


@dataclass
class Envelope:
    record: Record
    hops: list = field(default_factory=list)
    ttl: int = 8
    sent: int = field(init=False, default=0)


@crux_test
def replace_astuple_asdict():
    n, data = symbolic(u8, "n"), symbolic(Bytes[2], "data")
    env = Envelope(Record(1, 2, data), [n])
    assert dataclasses.astuple(env) == ((1, 2, data, [], 1, 5), [n], 8, 0)
    assert dataclasses.asdict(env)["record"] == {"kind": 1, "length": 2, "value": data, "tags": [], "version": 1,
                                                 "end": 5}
    moved = dataclasses.replace(env, ttl=n)
    assert moved.ttl == n and moved.record is env.record and moved.hops is env.hops and moved.sent == 0
    assert (moved == env) == (n == 8)
    assert dataclasses.is_dataclass(env) and dataclasses.is_dataclass(Envelope) and not dataclasses.is_dataclass(n)


@crux_test
def replace_of_an_init_false_field():
    n = symbolic(u8, "n")
    env = Envelope(Record(1, 0))
    if n == 3:
        env = dataclasses.replace(env, sent=n)
    assert env.sent == 0


# ---- still unsupported ---------------------------------------------------------

class Coord(NamedTuple):
    x: int
    y: int


@crux_test
def repr_of_a_dataclass():
    a = symbolic(u8, "a")
    if a > 5:
        raise ValueError(f"unexpected {Point(a, a)}")


@crux_test
def generated_method_from_the_class():
    a = symbolic(u8, "a")
    return Point.__eq__(Point(a, 0), Point(0, a))


@crux_test
def typing_namedtuple():
    return Coord(1, 2)
