"""Stand-ins for C-implemented standard-library classes (`sim/stdlib/`):
`io.BytesIO` behaves as CPython's on the same calls, and programs using it
are proved (and a seeded bug refuted with a replaying counterexample)."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

import sim_stdlib_programs as P
from crux_py.driver import ProofSettings, Status, run_symbolic_test
from crux_py.sim.stdlib.bytesio import BytesIO

_CALLS = st.lists(st.one_of(
    st.tuples(st.just("read"), st.integers(-1, 8)),
    st.tuples(st.just("write"), st.binary(max_size=6)),
    st.tuples(st.just("seek"), st.integers(0, 12)),
    st.tuples(st.just("tell"), st.none()),
    st.tuples(st.just("getvalue"), st.none()),
), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=8), _CALLS)
def test_bytesio_stand_in_agrees_with_cpython(initial: bytes, calls: list[tuple[str, object]]) -> None:
    ours, real = BytesIO(initial), io.BytesIO(initial)
    for name, arg in calls:
        args = () if arg is None else (arg,)
        assert getattr(ours, name)(*args) == getattr(real, name)(*args), (name, arg)


def test_a_parser_over_bytesio_is_proved() -> None:
    outcome = run_symbolic_test(P.a_parser_over_bytesio, ProofSettings())
    assert outcome.status is Status.PROVED, outcome.error or [g.message for g in outcome.failures]


def test_a_wrong_claim_is_refuted_and_replays() -> None:
    outcome = run_symbolic_test(P.a_wrong_claim_about_bytesio, ProofSettings())
    assert outcome.status is Status.REFUTED
    (goal,) = outcome.failures
    assert goal.counterexample.replay.reproduced, goal.counterexample.replay.detail  # type: ignore[union-attr]
    (data,) = [i.value for i in goal.counterexample.inputs if i.name == "data"]  # type: ignore[union-attr]
    assert len(data) == 6 and data[:2] == b"\x00\x04"
