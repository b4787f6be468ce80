"""Programs with memoryview for test_sim_buffers.py (not collected)."""

import hmac
import io
import struct

from crux_py import Bytes, crux_test, symbolic, u8, u16


@crux_test
def views_read_bytes():
    data = symbolic(Bytes[6], "data")
    i = symbolic(u8, "i")
    mv = memoryview(data)
    assert len(mv) == 6 and mv[0] == data[0] and mv[-1] == data[5]
    assert mv.tobytes() == data and bytes(mv) == data and mv == data and data == mv
    assert mv.tolist() == list(data) and list(mv) == list(data)
    assert mv[1:4] == data[1:4] and mv[1:4].tobytes() == data[1:4] and mv[::2].tobytes() == data[::2]
    assert mv[::-1].tobytes() == data[::-1] and mv[2:][1:3] == data[3:5]
    assert isinstance(mv, memoryview) and mv.readonly and mv.obj is data and mv.nbytes == 6
    assert mv.format == "B" and mv.itemsize == 1 and mv.ndim == 1 and mv.shape == (6,) and mv[::2].strides == (2,)
    if i < 6:
        assert mv[i] == data[i]
    total = 0
    for b in mv[2:]:
        total += b
    assert total == data[2] + data[3] + data[4] + data[5]
    assert memoryview(mv)[1] == data[1] and mv.cast("B") == mv and data[0] in mv


@crux_test
def views_share_bytearray_memory():
    x, y = symbolic(u8, "x"), symbolic(u8, "y")
    buf = bytearray(b"\x00\x01\x02\x03\x04\x05")
    mv = memoryview(buf)
    tail = mv[2:]
    tail[0] = x                        # writes through to buf
    assert buf[2] == x and mv[2] == x
    buf[3] = y                         # later writes to buf are seen by the views
    assert tail[1] == y and mv[3] == y
    mv[4:6] = bytes([y, x])
    assert buf == bytearray([0, 1, x, y, y, x])
    mv[::5] = b"\x09\x08"
    assert buf[0] == 9 and buf[5] == 8 and not mv.readonly and mv.obj is buf
    tail[:2] = tail[2:]                # overlapping copy, as memmove
    assert buf[2:4] == buf[4:6]
    evens = mv[::2]
    evens[1] = 7
    assert buf[2] == 7


@crux_test
def released_view_lets_bytearray_grow():
    x = symbolic(u8, "x")
    buf = bytearray(b"ab")
    mv = memoryview(buf)
    assert mv[1] == 98
    mv.release()
    buf.append(x)                      # no export left: the bytearray may grow
    assert len(buf) == 3 and buf[2] == x


@crux_test
def views_where_bytes_are_accepted():
    data = symbolic(Bytes[8], "data")
    mv = memoryview(data)
    kind, size = struct.unpack(">HH", mv[:4])
    (word,) = struct.unpack_from("<I", mv, 4)
    assert kind == int.from_bytes(data[:2], "big") and size == int.from_bytes(mv[2:4], "big")
    assert word == int.from_bytes(data[4:], "little")
    assert b"" + mv[:2] == data[:2] and b"-".join([mv[:1], mv[1:2]]) == data[:1] + b"-" + data[1:2]
    assert hmac.compare_digest(mv, data)
    out = bytearray()
    out.extend(mv[6:])
    out += mv[:1]
    assert out == data[6:] + data[:1] and bytearray(mv) == data
    stream = io.BytesIO(mv)
    stream.write(mv[4:6])
    assert stream.getvalue() == data[4:6] + data[2:]


@crux_test
def view_index_out_of_range():
    data = symbolic(Bytes[4], "data")
    i = symbolic(u8, "i")
    mv = memoryview(data)
    assert mv[i] <= 255


@crux_test
def view_of_bytes_is_read_only():
    data = symbolic(Bytes[4], "data")
    mv = memoryview(data)
    if data[0] == 7:
        mv[0] = 1


@crux_test
def view_write_out_of_byte_range():
    v = symbolic(u16, "v")
    mv = memoryview(bytearray(2))
    mv[1] = v


@crux_test
def view_slice_assignment_of_other_size():
    n = symbolic(u8, "n")
    mv = memoryview(bytearray(4))
    if n > 200:
        mv[0:2] = b"abc"


@crux_test
def view_used_after_release():
    data = symbolic(Bytes[2], "data")
    mv = memoryview(data)
    if data[0] == 3:
        mv.release()
    assert mv[0] >= 0


@crux_test
def view_caught_errors():
    data = symbolic(Bytes[4], "data")
    i = symbolic(u8, "i")
    mv = memoryview(data)
    try:
        v = mv[i]
    except IndexError:
        v = -1
    assert v == -1 or i < 4


@crux_test
def wrong_claim_about_aliasing():
    x = symbolic(u8, "x")
    buf = bytearray(4)
    view = memoryview(buf)[1:3]
    view[1] = x
    assert buf[1] == x                 # it is buf[2]


@crux_test
def view_ordering_is_a_type_error():
    data = symbolic(Bytes[2], "data")
    assert memoryview(data) < data


@crux_test
def view_cast_to_words():
    data = symbolic(Bytes[4], "data")
    assert memoryview(data).cast("I")[0] >= 0


@crux_test
def bytearray_resized_while_viewed():
    x = symbolic(u8, "x")
    buf = bytearray(2)
    mv = memoryview(buf)
    buf.append(x)
    assert mv[0] == 0


@crux_test
def view_in_with_statement():
    data = symbolic(Bytes[2], "data")
    buf = bytearray(data)
    with memoryview(buf) as mv:
        assert mv[0] == data[0]
    buf.append(1)  # the view was released: the bytearray may grow
    assert len(buf) == 3


@crux_test
def views_chosen_on_branches():
    data = symbolic(Bytes[4], "data")
    buf = bytearray(4)
    view = memoryview(buf)[2:] if data[0] & 1 else memoryview(buf)[:2]
    view[0] = data[1]
    assert (buf[2] if data[0] & 1 else buf[0]) == data[1] and len(view) == 2


TABLE = bytearray(b"\x10\x20\x30")


@crux_test
def bytearray_grows_in_place():
    x = symbolic(u8, "x")
    buf = bytearray(b"a")
    alias = buf
    buf += bytes([x])
    buf *= 2
    assert alias is buf and isinstance(buf, bytearray) and alias == bytearray([97, x, 97, x])
    assert memoryview(TABLE)[x % 3] in (0x10, 0x20, 0x30)


@crux_test
def bytearray_concatenated_with_a_list():
    x = symbolic(u8, "x")
    buf = bytearray(b"a")
    if x == 3:
        buf += [x]
