"""The baseline of the CRC rows: "table-driven CRC-32 equals bit-at-a-time
CRC-32" for n symbolic bytes, written directly as Z3 terms (the table a Z3
array of its 256 constants) and handed to Z3 with no term layer and no GF(2)
forms. `prove(n, cap)` gives the verdict and the wall time."""

from __future__ import annotations

import time

import z3

from crc.crc32 import POLY, TABLE


def _table_crc(data: list[z3.BitVecRef]) -> z3.BitVecRef:
    table = z3.K(z3.BitVecSort(8), z3.BitVecVal(0, 32))
    for i, entry in enumerate(TABLE):
        table = z3.Store(table, z3.BitVecVal(i, 8), z3.BitVecVal(entry, 32))
    crc = z3.BitVecVal(0xFFFFFFFF, 32)
    for byte in data:
        crc = z3.Select(table, z3.Extract(7, 0, crc) ^ byte) ^ z3.LShR(crc, 8)
    return crc ^ 0xFFFFFFFF


def _bitwise_crc(data: list[z3.BitVecRef]) -> z3.BitVecRef:
    crc = z3.BitVecVal(0xFFFFFFFF, 32)
    for byte in data:
        crc = crc ^ z3.ZeroExt(24, byte)
        for _ in range(8):
            crc = z3.LShR(crc, 1) ^ (POLY & -(crc & 1))
    return crc ^ 0xFFFFFFFF


def prove(n: int, cap_seconds: float) -> tuple[str, float]:
    start = time.perf_counter()
    data = [z3.BitVec(f"d{i}", 8) for i in range(n)]
    solver = z3.Solver()
    solver.set("timeout", int(cap_seconds * 1000))
    solver.add(_table_crc(data) != _bitwise_crc(data))
    result = solver.check()
    verdict = "proved" if result == z3.unsat else "refuted" if result == z3.sat else "timeout"
    return verdict, time.perf_counter() - start
