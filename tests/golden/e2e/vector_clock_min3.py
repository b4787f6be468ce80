"""merge_vc with a seeded bug: the clock at index 3 takes the minimum."""

from crux_py import crux_test, symbolic, u32

N = 8


def merge_vc(a, b):
    out = [0] * N
    for i in range(N):
        out[i] = min(a[i], b[i]) if i == 3 else max(a[i], b[i])
    return out


def merge_vc_spec(a, b):
    return [x if x > y else y for x, y in zip(a, b)]


@crux_test
def merge_vc_equiv():
    a = symbolic(u32[N], "a")
    b = symbolic(u32[N], "b")
    assert merge_vc(a, b) == merge_vc_spec(a, b)
