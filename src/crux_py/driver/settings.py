"""Settings of one proof run (from the command line, overridable per test)."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class ProofSettings:
    solver: str = "z3"
    timeout: float = 60.0
    """Seconds per solver query; a query that times out makes its goal unknown."""
    unwind: int = 64
    minimize: bool = True
    """Prefer counterexamples with few non-zero inputs (bounded effort)."""
    replay_dir: str | None = None
    """Where to write each counterexample as a pytest file (None: do not write)."""
    dump_smt: str | None = None
    """Where to write each solver query as SMT-LIB (None: do not write)."""
    dump_ir: bool = False

    def with_overrides(self, **changes: object) -> ProofSettings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]
