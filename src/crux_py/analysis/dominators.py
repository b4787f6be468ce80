"""Immediate dominators and immediate post-dominators of the blocks.

The immediate post-dominator of a branch is where the simulator merges its
two sides. Blocks that cannot reach the exit (paths that only raise) are
left out before computing it, so `if c: raise X` merges at the block after
the `if`, not at the end of the function. Graph construction is `graph.py`.
"""

from __future__ import annotations

import networkx as nx


def immediate_dominators(graph: nx.DiGraph, entry: str) -> dict[str, str | None]:
    """Each block's immediate dominator (None for the entry and unreachable blocks)."""
    result: dict[str, str | None] = {label: None for label in graph}
    if entry in graph:
        for label, idom in nx.immediate_dominators(graph, entry).items():
            result[label] = idom if label != entry else None
    return result


def immediate_post_dominators(
    graph: nx.DiGraph, exit_label: str, reaches_exit: frozenset[str]
) -> dict[str, str | None]:
    """Each block's immediate post-dominator among the blocks that reach the exit.

    None for the exit itself and for blocks with no path to the exit.
    """
    result: dict[str, str | None] = {label: None for label in graph}
    if exit_label not in graph:
        return result
    reverse = graph.subgraph(reaches_exit).reverse(copy=True)
    for label, ipdom in nx.immediate_dominators(reverse, exit_label).items():
        result[label] = ipdom if label != exit_label else None
    return result


def dominates(idom: dict[str, str | None], dominator: str, block: str) -> bool:
    """Whether every path from the entry to `block` passes `dominator`."""
    current: str | None = block
    while current is not None:
        if current == dominator:
            return True
        current = idom[current]
    return False
