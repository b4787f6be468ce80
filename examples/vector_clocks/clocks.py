"""Vector clocks: one logical clock per site, merged by element-wise maximum.

A Python transcription of the Crux paper's Figure 1 (N = 8 sites, u32
clocks). Plain Python: nothing here knows it is being verified.
"""

N = 8


def merge_clocks(a: int, b: int) -> int:
    return max(a, b)


def merge_vc(a: list[int], b: list[int]) -> list[int]:
    out = [0] * N
    for i in range(N):
        out[i] = merge_clocks(a[i], b[i])
    return out
