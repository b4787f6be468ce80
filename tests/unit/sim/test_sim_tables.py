"""Constant tables looked up with a symbolic index (`sim/tables.py`): a
xor-linear table (a CRC table) is read as the xor of its basis entries, for
negative indices too, and agrees with CPython; other tables keep the `ite`
selection; an out-of-range index is still an IndexError."""

from __future__ import annotations

import sim_table_programs as P

from crux_py.driver import ProofSettings, Status, run_symbolic_test
from crux_py.sim.tables import linear_basis

SETTINGS = ProofSettings(timeout=30.0)


def test_basis_only_for_linear_tables() -> None:
    assert linear_basis(tuple(P.CRC)) is not None
    assert linear_basis((0, 1, 2, 3)) == (0, (1, 2))
    assert linear_basis(tuple(P.SQUARES)) is None
    assert linear_basis((5, 6, 7)) is None  # not a power-of-two length


def test_linear_lookups_are_proved() -> None:
    for fn in (P.linear_table_any_index, P.nonlinear_table):
        outcome = run_symbolic_test(fn, SETTINGS)
        assert outcome.status is Status.PROVED, outcome


def test_a_wrong_index_is_refuted_and_replays() -> None:
    outcome = run_symbolic_test(P.linear_table_wrong_index, SETTINGS)
    assert outcome.status is Status.REFUTED
    (goal,) = outcome.failures
    assert goal.counterexample.replay.reproduced  # type: ignore[union-attr]


def test_index_error_is_kept() -> None:
    outcome = run_symbolic_test(P.linear_table_out_of_range, SETTINGS)
    assert outcome.status is Status.REFUTED
    (goal,) = outcome.failures
    assert goal.message == "IndexError: list index out of range"
    assert goal.counterexample.replay.reproduced  # type: ignore[union-attr]
