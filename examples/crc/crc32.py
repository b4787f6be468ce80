"""CRC-32 (the IEEE 802.3 / zlib polynomial, reflected) three ways, as
libraries write it: a bit-at-a-time loop, a byte-at-a-time table lookup,
and a hashlib-style streaming object on top of the table."""

import struct

POLY = 0xEDB88320


def crc32_bitwise(data: bytes, crc: int = 0) -> int:
    crc ^= 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (POLY & -(crc & 1))
    return crc ^ 0xFFFFFFFF


def _make_table() -> list[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ POLY if c & 1 else c >> 1
        table.append(c)
    return table


TABLE = _make_table()


def crc32_table(data: bytes, crc: int = 0) -> int:
    crc ^= 0xFFFFFFFF
    for byte in data:
        crc = TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


class CRC32:
    """A streaming checksum object: update() any number of times, then digest()."""

    digest_size = 4

    def __init__(self, data: bytes = b"") -> None:
        self._crc = 0
        self.update(data)

    def update(self, data: bytes) -> None:
        self._crc = crc32_table(data, self._crc)

    def digest(self) -> bytes:
        return struct.pack(">I", self._crc)

    def copy(self) -> "CRC32":
        other = CRC32()
        other._crc = self._crc
        return other
