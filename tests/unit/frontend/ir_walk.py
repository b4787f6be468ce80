"""Queries over a FunctionIR used by the frontend tests (test helper)."""

from __future__ import annotations

from typing import TypeVar

from crux_py.ir import Block, FunctionIR, IterNext, MakeFunction, Stmt, Unpack

T = TypeVar("T")


def stmts(fir: FunctionIR) -> list[Stmt]:
    return [s for block in fir.blocks.values() for s in block.stmts]


def of_type(fir: FunctionIR, kind: type[T]) -> list[T]:
    return [s for s in stmts(fir) if isinstance(s, kind)]


def terminators(fir: FunctionIR, kind: type[T]) -> list[tuple[Block, T]]:
    return [(b, b.term) for b in fir.blocks.values() if isinstance(b.term, kind)]


def nested(fir: FunctionIR) -> list[FunctionIR]:
    return [s.func for s in of_type(fir, MakeFunction)]


def registers_written(fir: FunctionIR) -> set[str]:
    names: set[str] = set()
    for s in stmts(fir):
        if isinstance(s, Unpack):
            names.update(d.name for d in s.dsts)
        elif isinstance(s, IterNext):
            names.update((s.has.name, s.value.name))
        elif getattr(s, "dst", None) is not None:
            names.add(s.dst.name)  # type: ignore[attr-defined]
    return names
