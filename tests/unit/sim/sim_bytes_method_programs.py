"""Programs for test_sim_bytes_methods.py: bytes methods on symbolic bytes."""

from crux_py import Bytes, assume, crux_test, raises, symbolic, u8


def parse_fields(line):
    """A small line format: strip, then comma-separated fields."""
    body = line.strip()
    if not body.startswith(b"#"):
        return None
    return body[1:].split(b",")


@crux_test
def strip_and_split_round_trip():
    data = symbolic(Bytes[5], "data")
    fields = data.split(b",")
    assert b",".join(fields) == data
    assert len(fields) == data.count(b",") + 1


@crux_test
def lstrip_removes_a_prefix_run():
    data = symbolic(Bytes[5], "data")
    rest = data.lstrip(b"\0")
    assert data.endswith(rest)
    assert rest == b"" or rest[0] != 0
    assert len(data) - len(rest) <= 5


@crux_test
def find_and_index_agree():
    data = symbolic(Bytes[6], "data")
    i = data.find(b"\r\n")
    if i >= 0:
        assert data[i] == 13 and data[i + 1] == 10 and data.index(b"\r\n") == i
        assert data.rfind(b"\r\n") >= i
    else:
        assert b"\r\n" not in data


@crux_test
def membership_of_a_symbolic_byte():
    b = symbolic(u8, "b")
    assert (b in b"0123456789") == (48 <= b <= 57)


@crux_test
def partition_is_exhaustive():
    data = symbolic(Bytes[4], "data")
    head, sep, tail = data.partition(b"=")
    assert head + sep + tail == data
    assert sep == b"" or b"=" not in head


@crux_test
def parse_of_any_line():
    data = symbolic(Bytes[4], "data")
    fields = parse_fields(data)
    assert fields is None or len(fields) >= 1


@crux_test
def wrong_split_claim():
    data = symbolic(Bytes[4], "data")
    assert len(data.split(b",")) <= 2


@crux_test
def index_may_fail():
    data = symbolic(Bytes[4], "data")
    return data.index(b"\n")


@crux_test
def byte_out_of_range():
    data = symbolic(Bytes[3], "data")
    n = symbolic(u8, "n")
    assume(n < 200)
    return (n + 100) in data


@crux_test
def repeat_a_symbolic_number_of_times():
    n = symbolic(u8, "n") % 10
    pad = b"\0" * (n - 3)
    assert len(pad) == max(n - 3, 0)
    assert len(pad) != 6


@crux_test
def generator_into_bytes():
    key = symbolic(Bytes[4], "key")
    data = symbolic(Bytes[4], "data")
    sealed = bytes(a ^ b for a, b in zip(data, key))
    assert bytes(a ^ b for a, b in zip(sealed, key)) == data
    assert "".join(f"{b:02x}" for b in data) == data.hex()
    assert bytearray(b & 0x7F for b in data) == bytes(b % 128 for b in data)


@crux_test
def generator_item_out_of_range():
    data = symbolic(Bytes[3], "data")
    return bytes(b + 1 for b in data)


@crux_test
def generator_items_checked_in_order():
    data = symbolic(Bytes[2], "data")
    with raises(ValueError):  # the first item fails before the second (an IndexError) is made
        bytes(data[0] + 256 if i == 0 else data[i + 4] for i in range(2))


class Joiner:
    def join(self, items):
        return items


@crux_test
def join_on_another_object():
    data = symbolic(Bytes[2], "data")
    return Joiner().join(b for b in data)
