"""Analysis: live registers at block entry (and exit)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from cfg_builders import SPAN, make_cfg, random_cfgs

from crux_py.analysis import cfg_info
from crux_py.analysis.registers import stmt_defs, stmt_uses, terminator_uses
from crux_py.frontend import translate_source
from crux_py.ir import Assign, BinOp, Const, FunctionIR, IterNext, Reg, Unpack


def test_ret_is_live_into_exit_and_after_its_assignment() -> None:
    stmts = {"entry": [Assign(Reg("%ret"), Reg("a"), SPAN)], "mid": [Assign(Reg("b"), Const(1), SPAN)]}
    info = cfg_info(make_cfg({"entry": ["mid"], "mid": ["exit"], "exit": []}, stmts))
    assert info.live_in["exit"] == {"%ret"}
    assert info.live_in["mid"] == {"%ret"}
    assert info.live_in["entry"] == {"a"}
    assert info.live_out["exit"] == frozenset()


def test_branch_condition_register_and_loop_carried_values() -> None:
    stmts = {
        "entry": [Assign(Reg("i"), Const(0), SPAN)],
        "body": [BinOp(Reg("i"), "+", Reg("i"), Reg("step"), SPAN)],
        "end": [Assign(Reg("%ret"), Reg("i"), SPAN)],
    }
    info = cfg_info(make_cfg({"entry": ["head"], "head": ["body", "end"], "body": ["head"],
                              "end": ["exit"], "exit": []}, stmts))
    # The branch in `head` reads `c` (see cfg_builders); `i` and `step` are loop-carried.
    assert info.live_in["head"] == {"c", "i", "step"}
    assert info.live_in["entry"] == {"c", "step"}
    assert info.live_in["end"] == {"i"}


def test_iternext_and_unpack_define_their_targets() -> None:
    s1 = IterNext(Reg("%h"), Reg("%v"), Reg("%it"), SPAN)
    s2 = Unpack((Reg("a"), Reg("b")), Reg("%v"), SPAN)
    assert stmt_uses(s1) == ("%it",) and stmt_defs(s1) == ("%h", "%v")
    assert stmt_uses(s2) == ("%v",) and stmt_defs(s2) == ("a", "b")


def test_translated_function_liveness() -> None:
    src = "def f(xs, k):\n    t = 0\n    for x in xs:\n        t += x * k\n    return t\n"
    fir = translate_source(src, "f")
    info = cfg_info(fir)
    assert info.live_in[fir.entry] == {"xs", "k"}
    (header,) = info.loops
    assert {"t", "k"} <= info.live_in[header]
    assert "x" not in info.live_in[header]
    assert info.live_in[fir.exit] == {"%ret"}


# -- random CFGs with random register traffic against path search -----------

REGS = ["a", "b", "c"]


@st.composite
def cfgs_with_stmts(draw):  # type: ignore[no-untyped-def]
    shape = draw(random_cfgs())
    edges = {label: ("raise" if not shape.successors(label) and label != shape.exit else
                     list(shape.successors(label))) for label in shape.blocks}
    stmts = {}
    for label in shape.blocks:
        body = []
        for _ in range(draw(st.integers(0, 3))):
            dst = Reg(draw(st.sampled_from(REGS)))
            lhs, rhs = (Reg(draw(st.sampled_from(REGS))) for _ in range(2))
            body.append(BinOp(dst, "+", lhs, rhs, SPAN))
        stmts[label] = body
    return make_cfg(edges, stmts)


def _live_by_search(fir: FunctionIR, start: str, reg: str) -> bool:
    seen: set[str] = set()
    stack = [start]
    while stack:
        label = stack.pop()
        if label in seen:
            continue
        seen.add(label)
        block = fir.blocks[label]
        killed = False
        for stmt in block.stmts:
            if reg in stmt_uses(stmt):
                return True
            if reg in stmt_defs(stmt):
                killed = True
                break
        if killed:
            continue
        if reg in terminator_uses(block.term):
            return True
        stack.extend(fir.successors(label))
    return False


@settings(max_examples=200)
@given(cfgs_with_stmts())
def test_live_in_matches_path_search(fir: FunctionIR) -> None:
    info = cfg_info(fir)
    for label in fir.blocks:
        expected = {r for r in [*REGS, "%ret"] if _live_by_search(fir, label, r)}
        assert info.live_in[label] == expected
