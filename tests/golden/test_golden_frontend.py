"""Golden tests of the frontend: Python source in, printed IR out (mypyc style).

Each `frontend/*.test` file holds cases:

    [case name]
    <Python source: one or more module-level functions>
    [out]
    <the printed IR of every module-level function, in order, or the error>

Line numbers in the output count from the line after `[case ...]`.
`pytest --update-golden` rewrites the `[out]` sections with the actual
output (review the diff like code; do not combine it with `-n`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from crux_py.errors import CruxError
from crux_py.frontend import translate_source
from crux_py.ir.printer import format_function

DATA_DIR = Path(__file__).parent / "frontend"
CASE_HEADER = re.compile(r"^\[case ([A-Za-z0-9_]+)\]$")
TOP_LEVEL_DEF = re.compile(r"^def ([A-Za-z_][A-Za-z0-9_]*)\(", re.MULTILINE)


@dataclass(frozen=True)
class Case:
    name: str
    source: str
    expected: str


def parse_cases(text: str) -> list[Case]:
    cases: list[Case] = []
    name: str | None = None
    source: list[str] = []
    out: list[str] = []
    in_out = False
    for line in text.splitlines():
        header = CASE_HEADER.match(line)
        if header:
            if name is not None:
                cases.append(_case(name, source, out))
            name, source, out, in_out = header.group(1), [], [], False
        elif line == "[out]":
            in_out = True
        elif name is not None:
            (out if in_out else source).append(line)
    if name is not None:
        cases.append(_case(name, source, out))
    return cases


def _case(name: str, source: list[str], out: list[str]) -> Case:
    return Case(name, "\n".join(source).rstrip() + "\n", "\n".join(out).strip("\n"))


def format_cases(cases: list[Case]) -> str:
    return "\n".join(f"[case {c.name}]\n{c.source}[out]\n{c.expected}\n" for c in cases)


def actual_output(source: str) -> str:
    parts = []
    for name in TOP_LEVEL_DEF.findall(source):
        try:
            parts.append(format_function(translate_source(source, name)).rstrip("\n"))
        except CruxError as err:
            parts.append(f"error: {err}")
    return "\n\n".join(parts)


def _all_cases() -> list[tuple[Path, str]]:
    return [
        (path, case.name)
        for path in sorted(DATA_DIR.glob("*.test"))
        for case in parse_cases(path.read_text())
    ]


def test_case_files_parse_back_to_themselves() -> None:
    for path in sorted(DATA_DIR.glob("*.test")):
        cases = parse_cases(path.read_text())
        names = [c.name for c in cases]
        assert len(names) == len(set(names)), f"duplicate case names in {path.name}"
        assert parse_cases(format_cases(cases)) == cases


@pytest.mark.parametrize(
    "path, name", _all_cases(), ids=[f"{p.stem}::{n}" for p, n in _all_cases()]
)
def test_golden(path: Path, name: str, request: pytest.FixtureRequest) -> None:
    cases = parse_cases(path.read_text())
    (case,) = [c for c in cases if c.name == name]
    actual = actual_output(case.source)
    if request.config.getoption("--update-golden"):
        if actual != case.expected:
            updated = [Case(c.name, c.source, actual) if c.name == name else c for c in cases]
            path.write_text(format_cases(updated))
        return
    assert actual == case.expected, f"{path.name} [case {name}] differs (--update-golden rewrites)"
