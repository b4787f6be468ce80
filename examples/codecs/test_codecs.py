"""Symbolic tests of the LEB128 codec and the record format (examples/codecs
has no __init__.py: a package named `codecs` would hide the standard library's).

* round trips: decode(encode(x)) == x for every 64-bit x; parse(build(p)) == p
  for every payload of up to 8 bytes;
* encode is injective;
* panic freedom: decoding or parsing any byte string of up to 16 bytes
  returns or raises DecodeError, nothing else (symbolic length, `raises`).
"""

from crux_py import Bytes, crux_test, raises, symbolic, u64

from leb128 import DecodeError, decode, encode
from records import build, parse, parse_all


@crux_test
def varint_round_trip():
    x = symbolic(u64, "x")
    data = encode(x)
    assert decode(data) == (x, len(data))


@crux_test
def varint_encode_is_injective():
    x, y = symbolic(u64, "x"), symbolic(u64, "y")
    assert (encode(x) == encode(y)) == (x == y)


@crux_test
def varint_decode_raises_only_decode_error():
    data = symbolic(Bytes[:16], "data")
    with raises(DecodeError):
        value, used = decode(data)
        assert 1 <= used <= len(data) and value < 2 ** 64
        assert encode(value) == data[:used]  # what decodes is canonical


@crux_test
def record_round_trip():
    payload = symbolic(Bytes[:8], "payload")
    assert parse(build(payload)) == (payload, len(payload) + 1)


@crux_test
def record_parse_raises_only_decode_error():
    data = symbolic(Bytes[:16], "data")
    with raises(DecodeError):
        payload, end = parse(data)
        assert end <= len(data) and len(payload) < end


def test_known_encodings():
    assert encode(0) == b"\x00"
    assert encode(300) == b"\xac\x02"
    assert encode(2 ** 64 - 1) == b"\xff" * 9 + b"\x01"
    assert decode(b"\xac\x02\xff") == (300, 2)
    for bad in (b"", b"\x80", b"\x80\x00", b"\xff" * 10 + b"\x01", b"\xff" * 9 + b"\x02"):
        try:
            decode(bad)
        except DecodeError:
            continue
        raise AssertionError(f"{bad!r} decoded")


def test_records_concretely():
    stream = build(b"ab") + build(b"") + build(bytes(200))
    assert parse_all(stream) == [b"ab", b"", bytes(200)]
