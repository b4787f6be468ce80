"""Hand-written CFGs for the analysis tests (test helper).

`make_cfg({"entry": ["a", "b"], "a": ["exit"], "b": "raise", "exit": []})`
builds a FunctionIR whose blocks jump (one successor), branch on a Truth
(two successors), raise ("raise") or return (the exit block).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hypothesis import strategies as st

from crux_py.ir import Block, Branch, Const, FunctionIR, Jump, Raise, Reg, Return, Stmt, Truth
from crux_py.source import SourceSpan

SPAN = SourceSpan("<cfg>", 1)


def make_cfg(
    edges: Mapping[str, Sequence[str] | str],
    stmts: Mapping[str, Sequence[Stmt]] | None = None,
    entry: str = "entry",
    exit_label: str = "exit",
) -> FunctionIR:
    blocks: dict[str, Block] = {}
    for label, succ in edges.items():
        body = list((stmts or {}).get(label, ()))
        if label == exit_label:
            term = Return(Reg("%ret"), SPAN)
        elif succ == "raise":
            term = Raise(Const(None), None, SPAN)
        elif len(succ) == 1:
            term = Jump(succ[0], SPAN)
        elif len(succ) == 2:
            cond = Reg(f"%c_{label}")
            body.append(Truth(cond, Reg("c"), SPAN))
            term = Branch(cond, succ[0], succ[1], SPAN)
        else:
            raise ValueError(f"block {label}: {succ!r}")
        blocks[label] = Block(label, tuple(body), term, SPAN)
    return FunctionIR(
        name="g", qualname="g", params=(), blocks=blocks, entry=entry, exit=exit_label,
        ret=Reg("%ret"), cellvars=(), freevars=(), span=SPAN,
    )


@st.composite
def random_cfgs(draw: st.DrawFn) -> FunctionIR:
    """Up to 8 blocks that jump, branch or raise to arbitrary blocks (loops included)."""
    n = draw(st.integers(2, 8))
    labels = ["entry"] + [f"b{i}" for i in range(1, n - 1)] + ["exit"]
    edges: dict[str, list[str] | str] = {}
    for label in labels[:-1]:
        kind = draw(st.sampled_from(["jump", "branch", "branch", "raise"]))
        if kind == "raise":
            edges[label] = "raise"
        else:
            count = 1 if kind == "jump" else 2
            edges[label] = [draw(st.sampled_from(labels)) for _ in range(count)]
    edges["exit"] = []
    return make_cfg(edges)


def reaches(fir: FunctionIR, start: str, goal: str, removed: str | None, allowed: set[str]) -> bool:
    """Whether a path start -> goal exists inside `allowed` avoiding `removed`."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        if node == removed or node in seen or node not in allowed:
            continue
        if node == goal:
            return True
        seen.add(node)
        stack.extend(fir.successors(node))
    return False
