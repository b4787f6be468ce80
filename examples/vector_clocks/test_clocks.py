"""Symbolic tests of vector-clock merging (the paper's Figure 2, and §2.2
against a Python reference spec). `pytest --crux` proves them for all inputs;
plain `pytest` runs them on sampled inputs."""

from crux_py import crux_test, symbolic, u32

from vector_clocks.clocks import N, merge_vc
from vector_clocks.reference import merge_vc_spec


@crux_test
def merge_vc_commutative():
    a = symbolic(u32[N], "a")
    b = symbolic(u32[N], "b")
    assert merge_vc(a, b) == merge_vc(b, a)


@crux_test
def merge_vc_equiv():
    a = symbolic(u32[N], "a")
    b = symbolic(u32[N], "b")
    assert merge_vc(a, b) == merge_vc_spec(a, b)


def test_merge_vc_concrete():
    assert merge_vc([1, 5, 0, 0, 0, 0, 0, 9], [2, 3, 0, 0, 0, 0, 7, 9]) == [2, 5, 0, 0, 0, 0, 7, 9]
