"""Compositional reasoning: `@crux_spec_for` specs turned into call overrides.

`capture.py` records the spec's call during its proof and `extract`s a
`MethodSpec` (`method_spec.py`); `override.py` applies enabled specs at
calls. Proving specs on demand is the driver's job (`driver/specs.py`).
"""

from crux_py.spec.capture import SpecCapture, extract
from crux_py.spec.method_spec import MethodSpec
from crux_py.spec.override import SpecOverride

__all__ = ["MethodSpec", "SpecCapture", "SpecOverride", "extract"]
