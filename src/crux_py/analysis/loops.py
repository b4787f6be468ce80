"""Natural loops and the branches that leave them.

A back edge is an edge `u -> h` whose target dominates its source; the
natural loop of header `h` is `h` plus every block that reaches a back-edge
source without passing through `h`. Dominators come from `dominators.py`.
"""

from __future__ import annotations

import networkx as nx

from crux_py.analysis.dominators import dominates
from crux_py.ir.function import FunctionIR
from crux_py.ir.nodes import Branch


def natural_loops(
    graph: nx.DiGraph, idom: dict[str, str | None], entry: str
) -> dict[str, frozenset[str]]:
    """Loop header -> the blocks of its loop (header included)."""
    reachable = nx.descendants(graph, entry) | {entry} if entry in graph else set()
    bodies: dict[str, set[str]] = {}
    for source, header in graph.edges:
        if source in reachable and dominates(idom, header, source):
            body = bodies.setdefault(header, {header})
            stack = [source]
            while stack:
                block = stack.pop()
                if block in body:
                    continue
                body.add(block)
                stack.extend(graph.predecessors(block))
    return {header: frozenset(body) for header, body in sorted(bodies.items())}


def loop_exits(
    fir: FunctionIR, loops: dict[str, frozenset[str]]
) -> dict[str, tuple[tuple[str, str], ...]]:
    """Branch block -> (loop header, successor staying in that loop) for each loop it can leave.

    A branch leaves loop L when exactly one of its two successors is in L's
    body. Pairs are ordered innermost loop first; branches that leave no
    loop are absent.
    """
    result: dict[str, tuple[tuple[str, str], ...]] = {}
    for label, block in fir.blocks.items():
        term = block.term
        if not isinstance(term, Branch):
            continue
        pairs: list[tuple[int, str, str]] = []
        for header, body in loops.items():
            if label not in body:
                continue
            inside = [succ for succ in (term.then, term.orelse) if succ in body]
            if len(inside) == 1:
                pairs.append((len(body), header, inside[0]))
        if pairs:
            result[label] = tuple((header, stay) for _, header, stay in sorted(pairs))
    return result
