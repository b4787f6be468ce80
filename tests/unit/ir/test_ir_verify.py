"""IR: the well-formedness checks of `crux_py.ir.verify`."""

from __future__ import annotations

import dataclasses

from crux_py.frontend import translate_source
from crux_py.ir import (
    Assign,
    Block,
    Branch,
    Const,
    FunctionIR,
    Jump,
    MakeFunction,
    Reg,
    Return,
    Truth,
)
from crux_py.ir.verify import verify
from crux_py.source import SourceSpan

S = SourceSpan("<v>", 1)


def fn(*blocks: Block) -> FunctionIR:
    return FunctionIR("g", "g", (), {b.label: b for b in blocks}, "entry", "exit", Reg("%ret"),
                      (), (), S)


EXIT = Block("exit", (), Return(Reg("%ret"), S), S)


def test_well_formed_function_has_no_problems() -> None:
    good = fn(Block("entry", (Assign(Reg("%ret"), Const(1), S),), Jump("exit", S), S), EXIT)
    assert verify(good) == []


def test_unknown_jump_target() -> None:
    bad = fn(Block("entry", (), Jump("nowhere", S), S), EXIT)
    assert any("unknown block nowhere" in p for p in verify(bad))


def test_return_outside_exit_and_exit_with_statements() -> None:
    bad = fn(
        Block("entry", (), Return(Const(1), S), S),
        Block("exit", (Assign(Reg("x"), Const(1), S),), Return(Reg("%ret"), S), S),
    )
    problems = verify(bad)
    assert any("returns but is not the exit" in p for p in problems)
    assert any("exit block has statements" in p for p in problems)


def test_exit_must_return_ret() -> None:
    bad = fn(Block("entry", (), Jump("exit", S), S), Block("exit", (), Return(Const(0), S), S))
    assert any("does not end in `return %ret`" in p for p in verify(bad))


def test_branch_condition_must_come_from_truth_just_before() -> None:
    no_truth = fn(Block("entry", (), Branch(Reg("c"), "exit", "exit", S), S), EXIT)
    truth_then_other = fn(
        Block("entry", (Truth(Reg("t"), Reg("c"), S), Assign(Reg("x"), Const(1), S)),
              Branch(Reg("t"), "exit", "exit", S), S),
        EXIT,
    )
    const_cond = fn(Block("entry", (), Branch(Const(True), "exit", "exit", S), S), EXIT)
    wrong_reg = fn(
        Block("entry", (Truth(Reg("t"), Reg("c"), S),), Branch(Reg("c"), "exit", "exit", S), S),
        EXIT,
    )
    for bad in (no_truth, truth_then_other, const_cond, wrong_reg):
        assert any("not set by a Truth" in p for p in verify(bad)), bad


def test_unreachable_block_but_exit_may_be_unreached() -> None:
    bad = fn(Block("entry", (), Jump("exit", S), S), Block("dead", (), Jump("exit", S), S), EXIT)
    assert verify(bad) == ["block dead is unreachable"]
    from crux_py.ir import Raise

    raising = fn(Block("entry", (), Raise(Const(None), None, S), S), EXIT)
    assert verify(raising) == []


def test_missing_entry_and_mislabelled_block() -> None:
    bad = FunctionIR("g", "g", (), {"x": Block("y", (), Jump("exit", S), S), "exit": EXIT},
                     "entry", "exit", Reg("%ret"), (), (), S)
    problems = verify(bad)
    assert any("entry block entry missing" in p for p in problems)
    assert any("keyed x is labelled y" in p for p in problems)


def test_nested_functions_are_verified() -> None:
    inner = fn(Block("entry", (), Jump("nowhere", S), S), EXIT)
    outer = fn(
        Block("entry", (MakeFunction(Reg("h"), dataclasses.replace(inner, qualname="g.h"), (), (), (), S),
                        Assign(Reg("%ret"), Const(None), S)), Jump("exit", S), S),
        EXIT,
    )
    assert any(p.startswith("in g.h:") for p in verify(outer))


def test_frontend_output_verifies() -> None:
    src = (
        "def f(xs, k):\n"
        "    def g(y):\n"
        "        return y + k\n"
        "    r = [g(x) for x in xs if x and k or not x]\n"
        "    while r:\n"
        "        if r.pop() > 3:\n"
        "            break\n"
        "    else:\n"
        "        return all(x < k < 9 for x in xs)\n"
        "    assert k, 'msg'\n"
        "    return r\n"
    )
    assert verify(translate_source(src, "f")) == []
