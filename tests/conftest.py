"""Test-suite options shared by every directory under tests/."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the expected outputs of golden tests (tests/golden/) with the actual ones",
    )


# Cryptol modules used as fixtures by the unit tests (some ill-typed on purpose)
# are loaded by those tests, not collected as property files.
collect_ignore_glob = ["unit/cryptol/fixtures/*"]
