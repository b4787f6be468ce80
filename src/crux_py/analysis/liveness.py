"""Live registers at block entry and exit (backward dataflow to a fixpoint).

A register is live at a point when some path from there reads it before
writing it; the exit block's `Return` reads `ret`, so `%ret` is live on
every path towards the exit after its last assignment. What each statement
reads and writes is in `registers.py`.
"""

from __future__ import annotations

from crux_py.analysis.registers import stmt_defs, stmt_uses, terminator_uses
from crux_py.ir.function import Block, FunctionIR


def _transfer(block: Block, live_out: frozenset[str]) -> frozenset[str]:
    live = set(live_out)
    live.update(terminator_uses(block.term))
    for stmt in reversed(block.stmts):
        live.difference_update(stmt_defs(stmt))
        live.update(stmt_uses(stmt))
    return frozenset(live)


def liveness(
    fir: FunctionIR, predecessors: dict[str, tuple[str, ...]]
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(live_in, live_out) for every block."""
    live_in = {label: frozenset[str]() for label in fir.blocks}
    live_out = {label: frozenset[str]() for label in fir.blocks}
    worklist = list(fir.blocks)
    pending = set(worklist)
    while worklist:
        label = worklist.pop()
        pending.discard(label)
        out = frozenset().union(*(live_in[s] for s in fir.successors(label)))
        live_out[label] = out
        new_in = _transfer(fir.blocks[label], out)
        if new_in != live_in[label]:
            live_in[label] = new_in
            for pred in predecessors[label]:
                if pred not in pending:
                    pending.add(pred)
                    worklist.append(pred)
    return live_in, live_out
