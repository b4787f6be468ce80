"""The vector-clock commutativity property as a CrossHair contract (the
baseline of benchmarks/run.py; crux_py proves the same property in
examples/vector_clocks/test_clocks.py)."""

from typing import List

N = 8


def merge_clocks(a: int, b: int) -> int:
    return max(a, b)


def merge_vc(a: List[int], b: List[int]) -> List[int]:
    out = [0] * N
    for i in range(N):
        out[i] = merge_clocks(a[i], b[i])
    return out


def merge_vc_commutative(a: List[int], b: List[int]) -> bool:
    """
    pre: len(a) == N and len(b) == N
    pre: all(0 <= x < 2**32 for x in a) and all(0 <= x < 2**32 for x in b)
    post: __return__
    """
    return merge_vc(a, b) == merge_vc(b, a)
