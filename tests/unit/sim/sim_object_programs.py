"""Programs with classes, bytes and struct for test_sim_objects.py (not collected)."""

import struct

from crux_py import Bytes, crux_test, symbolic, u8, u16, u32


class Counter:
    STEP = 2

    def __init__(self, start):
        self.value = start
        self.history = []

    def bump(self):
        self.value += self.STEP
        self.history.append(self.value)
        return self

    @property
    def doubled(self):
        return 2 * self.value

    @staticmethod
    def zero():
        return Counter(0)

    @classmethod
    def from_pair(cls, a, b):
        return cls(a + b)


class Slotted:
    __slots__ = ("x",)

    def __init__(self):
        self.x = 1


class Derived(Counter):
    STEP = 3

    def bump(self):
        super_bump = Counter.bump
        return super_bump(self)


@crux_test
def objects_hold_symbolic_state():
    x = symbolic(u8, "x")
    c = Counter(x)
    c.bump().bump()
    assert c.value == x + 4
    assert c.history == [x + 2, x + 4]
    assert c.doubled == 2 * x + 8
    assert Counter.zero().value == 0
    assert Counter.from_pair(x, 1).value == x + 1
    d = Derived(x)
    d.bump()
    assert d.value == x + 3 and d.STEP == 3
    c.value += 1
    assert c.value == x + 5


@crux_test
def aliasing_through_attributes():
    x = symbolic(u8, "x")
    a = Counter(x)
    b = a
    b.value = 7
    assert a.value == 7
    assert a is b and a == b and Counter(1) != Counter(1)


@crux_test
def merged_objects():
    x = symbolic(u8, "x")
    c = Counter(0)
    if x > 10:
        c.value = x
        c.extra = 1
    assert c.value == (x if x > 10 else 0)


@crux_test
def missing_attribute_on_some_paths():
    x = symbolic(u8, "x")
    c = Counter(0)
    if x > 10:
        c.extra = 1
    return c.extra


@crux_test
def slots_are_enforced():
    s = Slotted()
    s.y = 2


@crux_test
def bytes_and_ints():
    b = symbolic(Bytes[4], "b")
    x = int.from_bytes(b, "little")
    assert x == b[0] + 256 * b[1] + 65536 * b[2] + 16777216 * b[3]
    assert int.from_bytes(b, "big") == int.from_bytes(bytes(reversed(b)), "little")
    assert x.to_bytes(4, "little") == b
    assert x.to_bytes(4, "big") == bytes([b[3], b[2], b[1], b[0]])
    assert b[1:3] == bytes([b[1], b[2]])
    assert len(b + b"\x00") == 5 and (b + b"\x00")[4] == 0
    assert b"ab".hex() == "6162" and bytes.fromhex("0aff") == b"\n\xff"
    assert b"-".join([b"a", b"b"]) == b"a-b"


@crux_test
def to_bytes_overflows():
    x = symbolic(u32, "x")
    x.to_bytes(2, "little")


@crux_test
def struct_round_trips():
    words = symbolic(u32[3], "w")
    h = symbolic(u16, "h")
    packed = struct.pack("<3IH", *words, h)
    assert len(packed) == struct.calcsize("<3IH") == 14
    assert list(struct.unpack("<3IH", packed)) == words + [h]
    assert struct.unpack(">H", struct.pack(">H", h)) == (h,)
    assert struct.pack("<I", words[0]) == words[0].to_bytes(4, "little")


@crux_test
def struct_value_out_of_range():
    x = symbolic(u32, "x")
    struct.pack("<H", x)


@crux_test
def bytearrays_and_slices():
    b = symbolic(Bytes[8], "b")
    out = bytearray(8)
    out[0:4] = b[4:8]
    out[4:] = b[:4]
    assert bytes(out) == b[4:] + b[:4]
    out.append(9)
    out.extend(b"\x01\x02")
    assert len(out) == 11 and out[-1] == 2
    xs = [1, 2, 3, 4]
    xs[1:3] = [b[0]]
    assert xs == [1, b[0], 4]
    xs[::2] = [0, 0]
    assert xs[0] == 0 and xs[2] == 0


@crux_test
def bytearray_value_range():
    x = symbolic(u16, "x")
    out = bytearray(2)
    out[0] = x
