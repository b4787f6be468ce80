"""A small proof for the progress test (not collected: no test_ prefix)."""

from crux_py import crux_test, symbolic, u8


@crux_test
def long_loop():
    x = symbolic(u8, "x")
    total = 0
    for i in range(50):
        total += x
    assert total == 50 * x
