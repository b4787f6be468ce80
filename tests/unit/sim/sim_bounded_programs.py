"""Programs with inputs of symbolic length for test_sim_bounded.py (not collected)."""

from crux_py import Bytes, crux_test, symbolic, u8


@crux_test
def every_length_up_to_the_bound():
    data = symbolic(Bytes[:3], "data")
    total = 0
    for b in data:
        total += b
    assert len(data) <= 3 and total <= 255 * len(data)


@crux_test
def a_length_two_bug():
    data = symbolic(Bytes[:3], "data")
    assert len(data) != 2 or data[0] != data[1]


@crux_test
def a_symbolic_slice_end_keeps_its_value():
    end = symbolic(u8, "end")
    part = b"abcd"[1:end]
    assert len(part) == (0 if end <= 1 else min(end, 4) - 1)
    assert end == end + 0 and end < 256
    assert (end > 4) == (end - 4 > 0)


@crux_test
def a_symbolic_slice_start():
    start = symbolic(u8, "start")
    data = symbolic(Bytes[:4], "data")
    assert len(data[start:]) == max(0, len(data) - start)


@crux_test
def a_list_of_symbolic_length():
    xs = symbolic(u8[:4], "xs")
    best = 0
    for x in xs:
        best = max(best, x)
    assert all(x <= best for x in xs) and len(xs) <= 4


@crux_test
def a_bug_on_lists_of_three():
    xs = symbolic(u8[:4], "xs")
    assert len(xs) != 3 or sum(xs) != 3
