"""Classes, instances, bytes, bytearray, int/bytes conversion and struct in the simulator."""

from __future__ import annotations

import pytest

import sim_object_programs as P
import sim_outcomes
from crux_py.driver import ProofSettings

SETTINGS = ProofSettings(timeout=30.0)


@pytest.mark.parametrize("fn", [P.objects_hold_symbolic_state, P.aliasing_through_attributes, P.merged_objects,
                                P.bytes_and_ints, P.struct_round_trips, P.bytearrays_and_slices],
                         ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.proved(fn, SETTINGS)


@pytest.mark.parametrize("fn, message, exception", [
    (P.missing_attribute_on_some_paths, "AttributeError: 'Counter' object has no attribute 'extra'", "x"),
    (P.slots_are_enforced, "AttributeError: 'Slotted' object has no attribute 'y'", None),
    (P.to_bytes_overflows, "OverflowError: int too big to convert", "x"),
    (P.struct_value_out_of_range, "error: 'H' format requires a value in range", "x"),
    (P.bytearray_value_range, "ValueError: byte must be in range(0, 256)", "x"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_python_errors_are_failures_that_replay(fn, message: str, exception: str | None) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.refuted(fn, SETTINGS, message)
