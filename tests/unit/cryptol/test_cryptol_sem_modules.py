"""Modules: loading by path and name, imports, qualified names, private, functors, literate files."""

from __future__ import annotations

import os
import time

import pytest
from cryptol_sem_helpers import FIXTURES, SPECS, fixture

from crux_py.cryptol.modules import get_env, implied_root
from crux_py.cryptol.pyapi import load_cryptol
from crux_py.errors import CryptolTypeError


def test_qualified_values_and_types_through_an_alias() -> None:
    m = fixture("UsesLib.cry")
    assert m.twice(0x81) == 0x06
    assert m.tripled(5) == 15  # `double` of the unqualified import Lib::Other
    assert m.bitsDouble(5) == 10  # Lib::Bits::double, reached through `B::`
    assert [p.check() for p in m.properties()] == [True]


def test_private_names_are_not_exported() -> None:
    with pytest.raises(CryptolTypeError, match="unknown name `B::secret`") as info:
        fixture("Private.cry")
    assert info.value.span is not None and info.value.span.line == 5
    lib = fixture("Lib/Bits.cry")
    assert "helper" not in lib.names() and "secret" not in lib.names()
    with pytest.raises(AttributeError, match="no public definition `helper`"):
        lib.helper  # noqa: B018
    assert lib.double(7) == 14  # private helpers still work inside the module


def test_module_definitions_shadow_the_prelude_and_order_does_not_matter() -> None:
    m = fixture("Shadow.cry")
    # Own map adds 100; own (recursive) iterate counts up from 0.
    assert m.useBoth() == [101, 102, 103, 104]


def test_functor_instantiation_binds_types_values_and_checks_constraints() -> None:
    m = fixture("Counter8.cry")
    assert m.counts.instantiate(k=8)() == [250, 251, 252, 253, 254, 255, 0, 1]
    assert m.next(255) == 0  # Count is [8] in this instance
    assert m["width'"]() == 8
    assert [p.check() for p in m.properties()] == [True]
    with pytest.raises(CryptolTypeError, match="violates the constraint"):
        fixture("CounterBad.cry")


def test_a_functor_cannot_be_used_uninstantiated() -> None:
    with pytest.raises(CryptolTypeError, match="must be instantiated"):
        fixture("Counter.cry").next(1)


def test_literate_markdown_keeps_line_numbers() -> None:
    m = fixture("Literate.md")
    assert m.answer() == 42 and m.twice(4) == 8
    (prop,) = m.properties()
    assert prop.check() and prop.span.line == 24


def test_load_by_module_name_and_implied_root(tmp_path) -> None:
    assert implied_root(str(FIXTURES / "Lib" / "Bits.cry"), "Lib::Bits") == str(FIXTURES)
    assert implied_root(str(FIXTURES / "Lib" / "Bits.cry"), "Other::Name") is None
    m = load_cryptol("Lib::Bits", [FIXTURES])
    assert m.rotl1(0x80) == 0x01
    # Loading the file directly finds its imports through the root implied by its name.
    sub = tmp_path / "A" / "B"
    sub.mkdir(parents=True)
    (tmp_path / "A" / "Dep.cry").write_text("module A::Dep where\nk : [8]\nk = 7\n")
    (sub / "Top.cry").write_text("module A::B::Top where\nimport A::Dep\nf : [8] -> [8]\nf x = x + k\n")
    assert load_cryptol(sub / "Top.cry").f(1) == 8


def test_missing_module_and_import_cycle_are_reported(tmp_path) -> None:
    (tmp_path / "M.cry").write_text("module M where\nimport Nowhere\nx = 1\n")
    with pytest.raises(CryptolTypeError, match="cannot find module `Nowhere`") as info:
        load_cryptol(tmp_path / "M.cry")
    assert info.value.span.line == 2
    (tmp_path / "P.cry").write_text("module P where\nimport Q\nx = 1\n")
    (tmp_path / "Q.cry").write_text("module Q where\nimport P\ny = 1\n")
    with pytest.raises(CryptolTypeError, match="import cycle"):
        load_cryptol(tmp_path / "P.cry")


def test_modules_are_cached_per_search_path_and_reloaded_when_changed(tmp_path) -> None:
    path = tmp_path / "C.cry"
    path.write_text("module C where\nv : [8]\nv = 1\n")
    env = get_env((str(tmp_path),))
    first = env.load_path(str(path))
    assert env.load_path(str(path)) is first
    assert get_env((str(tmp_path),)) is env
    path.write_text("module C where\nv : [8]\nv = 2\n")
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))
    assert load_cryptol(path).v() == 2


def test_ambiguous_unqualified_import_is_an_error(tmp_path) -> None:
    (tmp_path / "X.cry").write_text("module X where\nf : [8]\nf = 1\n")
    (tmp_path / "Y.cry").write_text("module Y where\nf : [8]\nf = 2\n")
    (tmp_path / "Z.cry").write_text("module Z where\nimport X\nimport Y\ng = f\n")
    with pytest.raises(CryptolTypeError, match="`f` is ambiguous"):
        load_cryptol(tmp_path / "Z.cry")


def test_duplicate_and_orphan_declarations(tmp_path) -> None:
    (tmp_path / "D.cry").write_text("module D where\nf = 1\nf = 2\n")
    with pytest.raises(CryptolTypeError, match="defined more than once"):
        load_cryptol(tmp_path / "D.cry")
    (tmp_path / "O.cry").write_text("module O where\ng : [8]\nf = 2\n")
    with pytest.raises(CryptolTypeError, match="signature for `g` has no definition"):
        load_cryptol(tmp_path / "O.cry")


def test_the_project_specs_load_and_their_closed_properties_hold() -> None:
    for name in ("ChaCha20.cry", "SHA1.cry", "SHA2Tests.cry", "VectorClock.cry"):
        m = load_cryptol(SPECS / name)
        closed = [p for p in m.properties() if p.closed]
        assert closed, name
        assert all(p.check() for p in closed), name
