"""The block graph of a FunctionIR as a networkx DiGraph, and reachability.

Nodes are block labels, edges the successors of each terminator
(`FunctionIR.successors`). Dominators and loops over this graph are in
`dominators.py` and `loops.py`.
"""

from __future__ import annotations

import networkx as nx

from crux_py.ir.function import FunctionIR


def block_graph(fir: FunctionIR) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(fir.blocks)
    for label in fir.blocks:
        for target in fir.successors(label):
            graph.add_edge(label, target)
    return graph


def blocks_reaching(graph: nx.DiGraph, target: str) -> frozenset[str]:
    """`target` and every block with a path to it."""
    if target not in graph:
        return frozenset()
    return frozenset(nx.ancestors(graph, target)) | {target}
