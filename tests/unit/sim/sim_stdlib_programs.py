"""Programs using io.BytesIO for test_sim_stdlib.py (not collected)."""

import io
import struct

from crux_py import Bytes, crux_test, raises, symbolic


def parse(data):
    f = io.BytesIO(data)
    (n,) = struct.unpack(">H", f.read(2))
    body = f.read(n)
    if len(body) != n:
        raise ValueError("short record")
    return body, f.tell()


@crux_test
def a_parser_over_bytesio():
    data = symbolic(Bytes[:6], "data")
    with raises(ValueError, struct.error):
        body, end = parse(data)
        assert end == 2 + len(body) <= len(data)


@crux_test
def a_wrong_claim_about_bytesio():
    data = symbolic(Bytes[:6], "data")
    with raises(ValueError, struct.error):
        body, end = parse(data)
        assert len(body) < 4
