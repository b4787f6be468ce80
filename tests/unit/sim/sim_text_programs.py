"""Programs with hex text of symbolic data for test_sim_text.py (not collected)."""

# ruff: noqa: UP031, UP032 - `%` formatting and str.format are what these programs exercise

import struct

from crux_py import Bytes, crux_test, i8, symbolic, u8, u16, u32


class Checksum32:
    """Adler-32 with a hashlib-style interface (compared with zlib in the tests)."""

    def __init__(self):
        self._a = 1
        self._b = 0

    def update(self, data):
        for byte in memoryview(data):
            self._a = (self._a + byte) % 65521
            self._b = (self._b + self._a) % 65521
        return self

    def digest(self):
        return struct.pack(">I", (self._b << 16) | self._a)

    def hexdigest(self):
        return self.digest().hex()


class LittleEndianChecksum32(Checksum32):
    def digest(self):
        return struct.pack("<I", (self._b << 16) | self._a)


def adler32_reference(data):
    """RFC 1950, section 8.2: the checksum as one int."""
    s1, s2 = 1, 0
    for i in range(len(data)):
        s1 = (s1 + data[i]) % 65521
        s2 = (s2 + s1) % 65521
    return s2 * 65536 + s1


@crux_test
def hexdigest_matches_reference():
    data = symbolic(Bytes[16], "data")
    assert Checksum32().update(data).hexdigest() == "%08x" % adler32_reference(data)


@crux_test
def wrong_byte_order_in_hexdigest():
    data = symbolic(Bytes[3], "data")
    assert LittleEndianChecksum32().update(data).hexdigest() == "%08x" % adler32_reference(data)


@crux_test
def hex_text_operations():
    data = symbolic(Bytes[4], "data")
    h = data.hex()
    assert len(h) == 8 and h[0] == format(data[0] >> 4, "x") and h[-2:] == f"{data[3]:02x}"
    assert h == "".join([f"{b:02x}" for b in data]) and h == h[:3] + h[3:]
    assert bytes.fromhex(h) == data and bytearray.fromhex(h) == data and int(h, 16) == int.from_bytes(data, "big")
    assert h.upper().lower() == h and bytes.fromhex(h.upper()) == data and h.upper() == data.hex().upper()
    assert h.encode("ascii") == h.encode() and h.encode()[0] == ord(h[0])
    assert data.hex(":", 2) == h[:4] + ":" + h[4:] and data.hex("-", -1) == "-".join([h[i:i + 2] for i in (0, 2, 4, 6)])
    assert f"<{h}>" == "<" + h + ">" and ("%s!" % h) == h + "!" and 48 <= ord(h[1]) <= 102 and h * 2 == h + h == 2 * h
    x = symbolic(u16, "x")
    assert f"{x:04X}" == "%04X" % x and int(f"{x:04x}", 16) == x and int(format(x, "04x"), 16) == x
    low = x & 0xFF
    padded = f"{low:3x}"
    assert padded[0] == " " and (padded[1] == " ") == (low < 16) and padded[2] == format(low & 15, "x")
    assert ord("%c" % (65 + (x & 7))) == 65 + (x & 7)
    assert "<{}:{:04x}|{k}>".format(h, x, k=h[:2]) == "<" + h + ":" + f"{x:04x}" + "|" + h[:2] + ">"
    assert "{0:02X}{0:02x}{{}}".format(data[0]) == format(data[0], "02X") + format(data[0], "02x") + "{}"
    assert ("ff" in h) == (data[0] == 255 or data[1] == 255 or data[2] == 255 or data[3] == 255 or
                           (h[1] == "f" and h[2] == "f") or (h[3] == "f" and h[4] == "f") or (h[5] == "f" and h[6] == "f"))
    assert h[3] in "0123456789abcdef" and h[2:4] in h and "" in h and "g" not in h


@crux_test
def hex_separators_where_cpython_puts_them():
    data = symbolic(Bytes[5], "data")
    for sep, per in ((":", 1), (":", 2), (b"-", 3), (" ", -2), ("_", -3), (":", 0), (":", 5), (":", 7), (":", -9)):
        text = data.hex(sep, per)
        layout = bytes(5).hex(sep, per)
        assert len(text) == len(layout)
        for i in range(len(layout)):
            assert (text[i] == layout[i]) if layout[i] != "0" else (text[i] in "0123456789abcdef")


@crux_test
def hex_text_merges_on_branches():
    data = symbolic(Bytes[2], "data")
    tag = data.hex() if data[0] < 128 else f"{data[1]:02x}{data[0]:02x}"
    assert bytes.fromhex(tag)[0] == (data[0] if data[0] < 128 else data[1])


@crux_test
def fromhex_of_an_odd_length():
    data = symbolic(Bytes[2], "data")
    h = data.hex()
    cut = h[1:] if data[0] == 0x42 else h
    assert bytes.fromhex(cut) == data


@crux_test
def wrong_claim_about_hex_text():
    x = symbolic(u32, "x")
    assert f"{x:08x}" != "00c0ffee"


@crux_test
def hex_text_index_out_of_range():
    data = symbolic(Bytes[2], "data")
    i = symbolic(u8, "i")
    assert data.hex()[i] != "g"


@crux_test
def wrong_claim_about_substrings():
    data = symbolic(Bytes[3], "data")
    assert "0f0" not in data.hex()


@crux_test
def too_few_format_arguments():
    x = symbolic(u8, "x")
    if x > 7:
        print("%02x%02x" % (x,))  # noqa: F507 - the TypeError is the point


@crux_test
def variable_length_hex_text():
    x = symbolic(u16, "x")
    assert f"{x:x}" != "ff"


@crux_test
def decimal_text_of_symbolic_int():
    x = symbolic(u8, "x")
    assert format(x, "d") != "7"


@crux_test
def int_of_arbitrary_symbolic_text():
    x = symbolic(u8, "x")
    assert int("%c" % (48 + (x & 63)), 16) < 16


@crux_test
def concrete_fromhex():
    x = symbolic(u8, "x")
    assert bytes.fromhex(" 0a ff\t10 ") == b"\x0a\xff\x10" and bytearray.fromhex("00") == bytearray(1)
    assert bytes.fromhex("") == b"" and x >= 0


@crux_test
def non_ascii_text_encoded_as_ascii():
    data = symbolic(Bytes[2], "data")
    label = data.hex() + ("\u00e9" if data[0] > 9 else "")
    assert len(label.encode("ascii")) == 4


@crux_test
def decimal_int_of_hex_text():
    data = symbolic(Bytes[1], "data")
    assert int(data.hex()) >= 0


@crux_test
def format_method_with_a_missing_field():
    x = symbolic(u8, "x")
    assert "{}{}".format(x) != ""  # noqa: F524 - the IndexError is the point


@crux_test
def format_method_with_a_decimal_field():
    x = symbolic(u8, "x")
    assert "{:d}".format(x) != ""


@crux_test
def decimal_percent_format():
    x = symbolic(u8, "x")
    assert "%d" % x != "7"


def netstring(data):
    return str(len(data)).encode() + b":" + data + b","


@crux_test
def decimal_text_of_symbolic_ints():
    x = symbolic(u16, "x")
    s = str(x)
    assert 1 <= len(s) <= 5 and (s[0] != "0" or x == 0)
    assert int(s, 16) >= 0 if len(s) == 1 else True
    assert "%d" % x == s and format(x, "d") == s and "%s" % (x > 5) in ("True", "False")
    assert f"{x}" == s and f"<{x}:{x > 5}>" == "<" + s + ":" + str(x > 5) + ">"
    y = symbolic(i8, "y")
    assert (str(y)[0] == "-") == (y < 0) and len(str(y)) <= 4
    data = symbolic(Bytes[:12], "data")
    framed = netstring(data)
    assert framed.startswith(str(len(data)).encode() + b":") and framed.endswith(b",")


@crux_test
def wrong_digit_count():
    x = symbolic(u16, "x")
    assert len(str(x)) < 5


@crux_test
def message_with_a_number():
    x = symbolic(u8, "x")
    if x > 200:
        raise ValueError(f"value {x} too large")
    return x
