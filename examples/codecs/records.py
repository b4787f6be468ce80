"""A length-prefixed record format of our own: each record is a LEB128
length followed by that many payload bytes; a stream is records back to back.
"""

from __future__ import annotations

from leb128 import DecodeError, decode, encode


def build(payload: bytes) -> bytes:
    return encode(len(payload)) + payload


def parse(data: bytes, offset: int = 0) -> tuple[bytes, int]:
    """The payload of the record at `data[offset:]` and the offset after it."""
    length, used = decode(data, offset)
    start = offset + used
    if length > len(data) - start:
        raise DecodeError("record longer than the data")
    return data[start:start + length], start + length


def parse_all(data: bytes) -> list[bytes]:
    records = []
    offset = 0
    while offset < len(data):
        payload, offset = parse(data, offset)
        records.append(payload)
    return records
