"""`CFGInfo`: everything the simulator asks about a function's control flow.

Computed once per FunctionIR object by `cfg_info` (cached for the life of
the process, like the IR itself). The algorithms are in the sibling modules:
`graph.py`, `dominators.py`, `loops.py`, `liveness.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import final

from crux_py.analysis.dominators import immediate_dominators, immediate_post_dominators
from crux_py.analysis.graph import block_graph, blocks_reaching
from crux_py.analysis.liveness import liveness
from crux_py.analysis.loops import loop_exits, natural_loops
from crux_py.ir.function import FunctionIR


@final
@dataclass(frozen=True, slots=True)
class CFGInfo:
    """Control-flow facts of one FunctionIR (all keyed by block label).

    * `successors` / `predecessors`: the block graph.
    * `reaches_exit`: blocks with a path to the exit block (the exit included).
    * `idom`: immediate dominator (None for the entry).
    * `ipdom`: immediate post-dominator, computed only over `reaches_exit`
      (edges into blocks that cannot reach the exit are ignored); None for the
      exit and for blocks that cannot reach it. This is a branch's merge point.
    * `loops`: natural loop header -> body (header included).
    * `loop_exits`: branch block -> ((header, successor that stays in that
      loop), ...) for each loop the branch can leave, innermost first; absent
      when the branch leaves no loop.
    * `live_in` / `live_out`: registers live at block entry / exit.
    """

    successors: Mapping[str, tuple[str, ...]]
    predecessors: Mapping[str, tuple[str, ...]]
    reaches_exit: frozenset[str]
    idom: Mapping[str, str | None]
    ipdom: Mapping[str, str | None]
    loops: Mapping[str, frozenset[str]]
    loop_exits: Mapping[str, tuple[tuple[str, str], ...]]
    live_in: Mapping[str, frozenset[str]]
    live_out: Mapping[str, frozenset[str]]

    def enters_loop(self, src: str, dst: str) -> bool:
        """Whether the edge `src -> dst` enters a loop at its header from outside."""
        body = self.loops.get(dst)
        return body is not None and src not in body


# FunctionIR hashes by identity; entries live as long as the IR cache does.
_CACHE: dict[FunctionIR, CFGInfo] = {}


def cfg_info(fir: FunctionIR) -> CFGInfo:
    cached = _CACHE.get(fir)
    if cached is None:
        cached = _compute(fir)
        _CACHE[fir] = cached
    return cached


def _compute(fir: FunctionIR) -> CFGInfo:
    graph = block_graph(fir)
    successors = {label: fir.successors(label) for label in fir.blocks}
    predecessors = {label: tuple(graph.predecessors(label)) for label in fir.blocks}
    reaches_exit = blocks_reaching(graph, fir.exit)
    idom = immediate_dominators(graph, fir.entry)
    loops = natural_loops(graph, idom, fir.entry)
    live_in, live_out = liveness(fir, predecessors)
    return CFGInfo(
        successors=MappingProxyType(successors),
        predecessors=MappingProxyType(predecessors),
        reaches_exit=reaches_exit,
        idom=MappingProxyType(idom),
        ipdom=MappingProxyType(immediate_post_dominators(graph, fir.exit, reaches_exit)),
        loops=MappingProxyType(loops),
        loop_exits=MappingProxyType(loop_exits(fir, loops)),
        live_in=MappingProxyType(live_in),
        live_out=MappingProxyType(live_out),
    )
