"""`io.BytesIO` in plain Python for the simulator: a buffer and a position,
with the methods parsers use (read, write, getvalue, seek, tell).

Written to behave as CPython's does for these methods on the values used
(tests/unit/sim/test_sim_stdlib.py compares them); the simulator runs this
source wherever the program creates an `io.BytesIO`.
"""

from __future__ import annotations


class BytesIO:
    def __init__(self, initial_bytes: bytes = b"") -> None:
        self._buffer = bytearray(initial_bytes)
        self._position = 0

    def getvalue(self) -> bytes:
        return bytes(self._buffer)

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 0:
            if offset < 0:
                raise ValueError(f"negative seek value {offset}")
            self._position = offset
        elif whence == 1:
            self._position = max(0, self._position + offset)
        elif whence == 2:
            self._position = max(0, len(self._buffer) + offset)
        else:
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        return self._position

    def read(self, size: int = -1) -> bytes:
        end = len(self._buffer) if size is None or size < 0 else min(len(self._buffer), self._position + size)
        start = min(self._position, len(self._buffer))
        data = bytes(self._buffer[start:end])
        self._position = max(self._position, end)
        return data

    def write(self, data: bytes) -> int:
        if not data:
            return 0
        if self._position > len(self._buffer):
            self._buffer += bytes(self._position - len(self._buffer))
        end = self._position + len(data)
        self._buffer[self._position:end] = data
        self._position = end
        return len(data)
