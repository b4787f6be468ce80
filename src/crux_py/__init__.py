"""crux_py: symbolic unit tests for Python, proved with `pytest --crux`.

Importing this package is cheap: no solver, parser or AST machinery is loaded
until a proof runs.
"""

from crux_py.api import crux_spec_for, crux_test, cryptol_fn, load_cryptol, replay_counterexample
from crux_py.intrinsics import assume, cover, no_panic, raises, symbolic
from crux_py.shapes import Bytes, i8, i16, i32, i64, i128, u8, u16, u32, u64, u128

__all__ = [
    "Bytes", "assume", "cover", "no_panic", "raises", "crux_spec_for", "crux_test", "cryptol_fn", "i8", "i16", "i32", "i64", "i128", "load_cryptol", "symbolic", "u8", "u16", "u32", "u64",
    "u128", "replay_counterexample",
]
