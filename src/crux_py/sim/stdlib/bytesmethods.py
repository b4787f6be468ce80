"""Methods of `bytes` in plain Python for the simulator, for receivers or
arguments with symbolic bytes: stripping, searching, counting, splitting.

CPython runs these in C; when every operand is concrete the simulator still
asks CPython. Otherwise it runs this source, whose loops fork on the
symbolic bytes and whose results may have a symbolic length. Each function
behaves as CPython's method does, errors included
(tests/unit/sim/test_sim_bytes_methods.py compares them on random inputs).
"""

from __future__ import annotations

WHITESPACE = b" \t\n\r\x0b\x0c"
"""What `bytes.strip()` and `bytes.split()` treat as whitespace (ASCII only)."""


def _is_bytes_like(x: object) -> bool:
    return isinstance(x, (bytes, bytearray, memoryview))


def _needle(sub: object) -> bytes:
    """The `sub` argument of find/index/count: bytes-like, or one byte as an int."""
    if isinstance(sub, int):
        if not 0 <= sub < 256:
            raise ValueError("byte must be in range(0, 256)")
        return bytes([sub])
    if not _is_bytes_like(sub):
        raise TypeError(f"argument should be integer or bytes-like object, not '{type(sub).__name__}'")
    return bytes(sub)


def _bytes_arg(x: object) -> bytes:
    if not _is_bytes_like(x):
        raise TypeError(f"a bytes-like object is required, not '{type(x).__name__}'")
    return bytes(x)


def _strip_set(chars: object) -> bytes:
    return WHITESPACE if chars is None else _bytes_arg(chars)


def _bounds(n: int, start: object, end: object) -> tuple[int, int]:
    """Slice-style `start`/`end` of a search, clamped to the data."""
    for bound in (start, end):
        if bound is not None and not isinstance(bound, int):
            raise TypeError("slice indices must be integers or None or have an __index__ method")
    lo = 0 if start is None else start
    hi = n if end is None else end
    if lo < 0:
        lo = max(0, lo + n)
    if hi < 0:
        hi = max(0, hi + n)
    return lo, min(hi, n)


def lstrip(self: bytes, chars: object = None, /) -> bytes:
    strip = _strip_set(chars)
    i = 0
    while i < len(self) and self[i] in strip:
        i += 1
    return self[i:]


def rstrip(self: bytes, chars: object = None, /) -> bytes:
    strip = _strip_set(chars)
    k = 0  # how many are stripped: never negative, so the slice bound is not either
    while k < len(self) and self[len(self) - 1 - k] in strip:
        k += 1
    return self[:len(self) - k]


def strip(self: bytes, chars: object = None, /) -> bytes:
    strip_set = _strip_set(chars)
    i = 0
    while i < len(self) and self[i] in strip_set:
        i += 1
    k = 0
    while k < len(self) - i and self[len(self) - 1 - k] in strip_set:
        k += 1
    return self[i:len(self) - k]


def find(self: bytes, sub: object, start: object = None, end: object = None, /) -> int:
    needle = _needle(sub)
    lo, hi = _bounds(len(self), start, end)
    i = lo
    while i + len(needle) <= hi:
        if self[i:i + len(needle)] == needle:
            return i
        i += 1
    return -1


def rfind(self: bytes, sub: object, start: object = None, end: object = None, /) -> int:
    needle = _needle(sub)
    lo, hi = _bounds(len(self), start, end)
    i = hi - len(needle)
    while i >= lo:
        if self[i:i + len(needle)] == needle:
            return i
        i -= 1
    return -1


def index(self: bytes, sub: object, start: object = None, end: object = None, /) -> int:
    found = find(self, sub, start, end)
    if found < 0:
        raise ValueError("subsection not found")
    return found


def rindex(self: bytes, sub: object, start: object = None, end: object = None, /) -> int:
    found = rfind(self, sub, start, end)
    if found < 0:
        raise ValueError("subsection not found")
    return found


def count(self: bytes, sub: object, start: object = None, end: object = None, /) -> int:
    needle = _needle(sub)
    lo, hi = _bounds(len(self), start, end)
    if lo > hi:
        return 0
    if not needle:
        return hi - lo + 1
    total = 0
    i = lo
    while i + len(needle) <= hi:
        if self[i:i + len(needle)] == needle:
            total += 1
            i += len(needle)
        else:
            i += 1
    return total


def _affix(self: bytes, affix: object, start: object, end: object, name: str, at_end: bool) -> bool:
    if isinstance(affix, tuple):
        for one in affix:
            if _affix(self, _bytes_arg(one), start, end, name, at_end):
                return True
        return False
    if not _is_bytes_like(affix):
        raise TypeError(f"{name} first arg must be bytes or a tuple of bytes, not {type(affix).__name__}")
    lo, hi = _bounds(len(self), start, end)
    m = len(affix)
    if lo > len(self) or hi - lo < m:
        return False
    return self[hi - m:hi] == affix if at_end else self[lo:lo + m] == affix


def startswith(self: bytes, prefix: object, start: object = None, end: object = None, /) -> bool:
    return _affix(self, prefix, start, end, "startswith", False)


def endswith(self: bytes, suffix: object, start: object = None, end: object = None, /) -> bool:
    return _affix(self, suffix, start, end, "endswith", True)


def split(self: bytes, sep: object = None, maxsplit: int = -1) -> list[bytes]:
    if not isinstance(maxsplit, int):
        raise TypeError(f"'{type(maxsplit).__name__}' object cannot be interpreted as an integer")
    if sep is None:
        return _split_whitespace(self, maxsplit)
    sep = _bytes_arg(sep)
    if not sep:
        raise ValueError("empty separator")
    parts = []
    start = 0
    i = 0
    m = len(sep)
    while i + m <= len(self) and (maxsplit < 0 or len(parts) < maxsplit):
        if self[i:i + m] == sep:
            parts.append(self[start:i])
            i += m
            start = i
        else:
            i += 1
    parts.append(self[start:])
    return parts


def _split_whitespace(self: bytes, maxsplit: int) -> list[bytes]:
    parts = []
    i = 0
    n = len(self)
    while True:
        while i < n and self[i] in WHITESPACE:
            i += 1
        if i == n:
            return parts
        if 0 <= maxsplit <= len(parts):
            parts.append(self[i:])
            return parts
        j = i
        while j < n and self[j] not in WHITESPACE:
            j += 1
        parts.append(self[i:j])
        i = j


def partition(self: bytes, sep: object, /) -> tuple[bytes, bytes, bytes]:
    needle = _bytes_arg(sep)
    if not needle:
        raise ValueError("empty separator")
    i = 0  # searched here, not with find(): slices at a concrete position on each path
    while i + len(needle) <= len(self):
        if self[i:i + len(needle)] == needle:
            return (self[:i], needle, self[i + len(needle):])
        i += 1
    return (self, b"", b"")


def rpartition(self: bytes, sep: object, /) -> tuple[bytes, bytes, bytes]:
    needle = _bytes_arg(sep)
    if not needle:
        raise ValueError("empty separator")
    i = len(self) - len(needle)
    while i >= 0:
        if self[i:i + len(needle)] == needle:
            return (self[:i], needle, self[i + len(needle):])
        i -= 1
    return (b"", b"", self)


METHODS = (lstrip, rstrip, strip, find, rfind, index, rindex, count, startswith, endswith, split, partition,
           rpartition)
