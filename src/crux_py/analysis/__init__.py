"""Graph analyses over the IR: post-dominators (merge points), loops, liveness.

The public entry is `cfg_info(fir) -> CFGInfo` in `cfg_info.py`; the IR it
reads is `crux_py.ir`. networkx is used only inside this package.
"""

from crux_py.analysis.cfg_info import CFGInfo, cfg_info

__all__ = ["CFGInfo", "cfg_info"]
