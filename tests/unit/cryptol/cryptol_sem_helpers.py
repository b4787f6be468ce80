"""Helpers for the Cryptol semantics tests: evaluate snippets, load fixtures, expect errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crux_py.cryptol.pyapi import cryptol_fn, load_cryptol
from crux_py.errors import CryptolError, CryptolTypeError

FIXTURES = Path(__file__).parent / "fixtures"
SPECS = Path(__file__).resolve().parents[3] / "specs" / "cryptol"


def value(expr: str, decls: str = "") -> Any:
    """The concrete value of a Cryptol expression, with optional declarations in scope."""
    if decls:
        return cryptol_fn(decls + "\nit__ = " + expr, "it__")()
    return cryptol_fn(expr)()


def call(source: str, name: str | None, *args: Any) -> Any:
    return cryptol_fn(source, name)(*args)


def type_error(source: str, name: str | None = None) -> CryptolTypeError:
    """The type error of an ill-typed inline source (at load or at first use)."""
    with pytest.raises(CryptolTypeError) as info:
        fn = cryptol_fn(source, name)
        fn()
    return info.value


def error_of(source: str, kind: type[CryptolError] = CryptolError) -> CryptolError:
    with pytest.raises(kind) as info:
        cryptol_fn(source)()
    return info.value


def fixture(name: str):
    return load_cryptol(FIXTURES / name, [FIXTURES])
