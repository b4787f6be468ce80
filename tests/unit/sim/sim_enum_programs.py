"""Programs for test_sim_enums.py."""

import enum

from crux_py import Bytes, crux_test, raises, symbolic, u8


class Kind(enum.IntEnum):
    PING = 1
    DATA = 2
    ACK = 3
    PONG = 1  # an alias of PING


class Color(enum.Enum):
    RED = "r"
    BLUE = "b"

    def code(self):
        return self.value.upper()

    @property
    def warm(self):
        return self is Color.RED


class Perm(enum.Flag):
    R = 4
    W = 2


def parse(data):
    kind = Kind(data[0])
    return kind, data[1:]


@crux_test
def lookup_raises_only_value_error():
    data = symbolic(Bytes[3], "data")
    with raises(ValueError):
        kind, rest = parse(data)
        assert kind in (Kind.PING, Kind.DATA, Kind.ACK)
        assert kind == data[0] and kind.value == data[0] and len(rest) == 2


@crux_test
def lookup_caught():
    b = symbolic(u8, "b")
    try:
        kind = Kind(b)
        name = kind.name
    except ValueError:
        name = "?"
    assert (name == "?") == (b == 0 or b > 3)
    assert name != "PONG"  # the alias finds its canonical member


@crux_test
def members_and_methods():
    assert Color("r") is Color.RED and Color.BLUE.code() == "B" and Color.RED.warm and not Color.BLUE.warm
    assert Kind(2).name == "DATA" and Kind.ACK + 1 == 4


@crux_test
def unknown_kind():
    data = symbolic(Bytes[1], "data")
    return parse(data)


@crux_test
def flag_of_symbolic():
    b = symbolic(u8, "b")
    return Perm(b)
