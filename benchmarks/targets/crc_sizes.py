"""CRC-32 table = bitwise (examples/crc) at several message lengths, for the CRC rows."""

from crux_py import Bytes, crux_test, symbolic

from crc.crc32 import crc32_bitwise, crc32_table


@crux_test
def crc_4_bytes():
    data = symbolic(Bytes[4], "data")
    assert crc32_table(data) == crc32_bitwise(data)


@crux_test
def crc_16_bytes():
    data = symbolic(Bytes[16], "data")
    assert crc32_table(data) == crc32_bitwise(data)


@crux_test
def crc_64_bytes():
    data = symbolic(Bytes[64], "data")
    assert crc32_table(data) == crc32_bitwise(data)


PROGRAMS = {4: crc_4_bytes, 16: crc_16_bytes, 64: crc_64_bytes}
