"""Programs for test_sim_tables.py: lookups in constant tables."""

from crux_py import assume, crux_test, symbolic, u8, u16


def _entry(n: int) -> int:
    for _ in range(8):
        n = (n >> 1) ^ 0xEDB88320 if n & 1 else n >> 1
    return n


CRC = [_entry(n) for n in range(256)]
SQUARES = [n * n % 251 for n in range(256)]


@crux_test
def linear_table_any_index():
    x = symbolic(u16, "x")
    assume(x < 512)
    i = x - 256  # -256 .. 255: negative indices count from the end
    assert CRC[i] == _entry(i % 256)


@crux_test
def linear_table_wrong_index():
    b = symbolic(u8, "b")
    assert CRC[b] == _entry(b ^ 1)


@crux_test
def nonlinear_table():
    b = symbolic(u8, "b")
    assert SQUARES[b] == b * b % 251


@crux_test
def linear_table_out_of_range():
    x = symbolic(u16, "x")
    assume(x < 300)
    return CRC[x]
