"""The paper's Figures 3-4: merging proved equal to the Cryptol specification,
compositionally. `merge_clocks_equiv` is proved once against the Cryptol
`merge_clocks`; `merge_vc_equiv_cryptol` then uses it in place of every call
of `merge_clocks` inside `merge_vc`."""

from pathlib import Path

from crux_py import crux_spec_for, crux_test, cryptol_fn, load_cryptol, symbolic, u32

from vector_clocks.clocks import N, merge_clocks, merge_vc

spec = load_cryptol(Path(__file__).resolve().parents[2] / "specs" / "cryptol" / "VectorClock.cry")

# The paper's inline form (Figure 3, `cryptol!`).
merge_clocks_inline = cryptol_fn(r"\(a: [32]) (b: [32]) -> if a > b then a else b")


@crux_spec_for(merge_clocks)
def merge_clocks_equiv():
    a = symbolic(u32, "a")
    b = symbolic(u32, "b")
    assert merge_clocks(a, b) == spec.merge_clocks(a, b)


@crux_test
def merge_vc_equiv_cryptol():
    merge_clocks_equiv.enable()
    a = symbolic(u32[N], "a")
    b = symbolic(u32[N], "b")
    assert merge_vc(a, b) == spec.merge_vc(a, b)


@crux_test
def merge_clocks_equals_inline_cryptol():
    a = symbolic(u32, "a")
    b = symbolic(u32, "b")
    assert merge_clocks(a, b) == merge_clocks_inline(a, b)


def test_cryptol_spec_runs_in_plain_python():
    assert spec.merge_vc([1, 5, 0, 0, 0, 0, 0, 9], [2, 3, 0, 0, 0, 0, 7, 9]) == [2, 5, 0, 0, 0, 0, 7, 9]
    assert merge_clocks_inline(3, 9) == 9
