"""memoryview in the simulator: reading, writing through, aliasing, slicing,
use wherever bytes-like objects are accepted; CPython's errors refuted with
replaying counterexamples; what is not modelled is UnsupportedFeature."""

from __future__ import annotations

import pytest
import sim_buffer_programs as P
import sim_outcomes

from crux_py.driver import ProofSettings, Status, run_symbolic_test

SETTINGS = ProofSettings(timeout=30.0)


@pytest.mark.parametrize("fn", [P.views_read_bytes, P.views_share_bytearray_memory, P.views_where_bytes_are_accepted,
                                P.released_view_lets_bytearray_grow, P.view_caught_errors, P.views_chosen_on_branches,
                                P.bytearray_grows_in_place], ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.proved(fn, SETTINGS)


@pytest.mark.parametrize("fn, message", [
    (P.view_index_out_of_range, "IndexError: index out of bounds on dimension 1"),
    (P.view_of_bytes_is_read_only, "TypeError: cannot modify read-only memory"),
    (P.view_write_out_of_byte_range, "ValueError: memoryview: invalid value for format 'B'"),
    (P.view_slice_assignment_of_other_size,
     "ValueError: memoryview assignment: lvalue and rvalue have different structures"),
    (P.view_used_after_release, "ValueError: operation forbidden on released memoryview object"),
    (P.wrong_claim_about_aliasing, "assertion failed: buf[1] == x"),
    (P.bytearray_concatenated_with_a_list, "TypeError: can't concat list to bytearray"),
    (P.view_ordering_is_a_type_error, "TypeError: '<' not supported between instances of 'memoryview' and 'bytes'"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_refuted_and_replayed(fn, message: str) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.refuted(fn, SETTINGS, message)


@pytest.mark.parametrize("fn, construct", [
    (P.view_cast_to_words, "memoryview.cast to format 'I' or with a shape (only 'B' is modelled)"),
    (P.bytearray_resized_while_viewed, ("resizing a bytearray while a memoryview of it may be alive (CPython raises "
                                        "BufferError until the view is released)")),
], ids=lambda v: getattr(v, "__name__", ""))
def test_unsupported(fn, construct: str) -> None:  # type: ignore[no-untyped-def]
    outcome = run_symbolic_test(fn, SETTINGS)
    assert outcome.status is Status.ERROR
    assert construct in outcome.error


def test_a_view_as_a_context_manager_is_released_at_the_end() -> None:
    outcome = run_symbolic_test(P.view_in_with_statement, SETTINGS)
    assert outcome.status is Status.PROVED, [g.message for g in outcome.failures] or outcome.error
