"""A functional reference specification of merging, written independently
of `clocks.py`: the clock observed at each site is the later of the two."""


def merge_vc_spec(a: list[int], b: list[int]) -> list[int]:
    return [x if x > y else y for x, y in zip(a, b)]
