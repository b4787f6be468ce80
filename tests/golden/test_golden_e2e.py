"""Golden end-to-end tests: the full failure text of `pytest --crux` on small
programs under e2e/ (each `<case>.py` against `<case>.out`). Paths and
timings are normalised. `pytest --update-golden` rewrites the .out files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CASES = sorted((Path(__file__).parent / "e2e").glob("*.py"))


def normalise(text: str, root: Path) -> str:
    text = text.replace(str(root), "<dir>")
    text = re.sub(r"\d+\.\d+ s", "<t> s", text)
    text = re.sub(r"\(\d+ queries", "(<n> queries", text)
    return text


def failure_text(lines: list[str]) -> str:
    """The report of the failures section, without pytest's own framing."""
    start = next(i for i, line in enumerate(lines) if line.startswith("=") and "FAILURES" in line)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("=") and "crux" in lines[i])
    return "\n".join(lines[start + 1:end]).strip() + "\n"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_golden_e2e(pytester: pytest.Pytester, case: Path, request: pytest.FixtureRequest) -> None:
    pytester.makepyfile(**{f"test_{case.stem}": case.read_text()})
    result = pytester.runpytest("--crux", "-p", "no:cacheprovider")
    actual = normalise(failure_text(result.outlines), pytester.path)
    expected_file = case.with_suffix(".out")
    if request.config.getoption("--update-golden"):
        expected_file.write_text(actual)
    assert expected_file.exists(), f"no golden output for {case.name}: run with --update-golden"
    assert actual == expected_file.read_text()
