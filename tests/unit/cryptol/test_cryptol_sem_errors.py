"""Ill-typed Cryptol is a CryptolTypeError at file:line:col naming the problem."""

from __future__ import annotations

import pytest
from cryptol_sem_helpers import error_of, type_error

from crux_py.cryptol.pyapi import load_cryptol
from crux_py.errors import CryptolEvalError, CryptolTypeError

CASES = [
    # (source, line, col (1-based), message fragment)
    ("f : [8] -> [32]\nf x = x", 2, 7, "type mismatch: expected [32], found [8]"),
    ("f : [8] -> [8]\nf x = foo x", 2, 7, "unknown name `foo`"),
    ("x : [8]\nx = 300", 2, 5, "literal 300 does not fit in [8]"),
    ("g : [8]\ng = sum (take (join [[1, 2], [3, 4]]))", 2, 5, "size `n` of `sum` cannot be determined"),
    ("f : [8] -> [8]\nf x = x + True", 2, 11, "type mismatch: expected [8], found Bit"),
    ("k : [8] -> Bit\nk x = x", 2, 7, "type mismatch: expected Bit, found [8]"),
    ("m : {n} (n >= 8) => [n]\nm = zero\nv = m`{4}", 3, 5, "constraint `4 >= 8` does not hold"),
    ("p = take`{5} [1, 2, 3]", 1, 14, "type mismatch: expected [5 + back]a, found [3]a"),
    ("q : [8]\nq = if 1 then 2 else 3", 2, 8, "a literal cannot have type Bit"),
    ("r = \\x -> x x", 1, 13, "infinite type"),
    ("s : [8] -> [8] -> [8]\ns x = x", 2, 7, "type mismatch: expected [8] -> [8], found [8]"),
    ("t : Option [8]\nt = Some 1 2", 2, 12, "`Some` is applied to too many arguments"),
    ("u = [1 .. 3] : [4][2]", 1, 5, "type mismatch: expected [4][2], found [3][2]"),
    ("w : [16]\nw = join [0x1, 0x2, 0x3]", 2, 5, "type mismatch: expected [16], found [12]"),
    ("z : Foo\nz = 1", 1, 5, "unknown type `Foo`"),
    ("a1 : [8]\na1 = `(inf)", 2, 6, "constraint `fin inf` does not hold"),
    ("c1 : {n} [n] -> [n]\nc1 x = x # 0b1", 2, 8, "type mismatch: expected [n], found [n + 1]"),
    ("d1 = (1, 2) + [1, 2]", 1, 15, "type mismatch: expected (a, b), found [2]c"),
    ("e1 = [3 .. 1] : [_][8]", 1, 6, "enumeration [3 .. 1] is decreasing"),
    ("f1 : [4] -> [4]\nf1 x = x + (1 : Integer)", 2, 13, "expected [4], found Integer"),
    ("g1 : {a} a -> a\ng1 x = x + 1", 2, 10, "type variable `a` is not known to support arithmetic"),
    ("h1 = (True, False) @ 0", 1, 6, "type mismatch"),
]


@pytest.mark.parametrize("source,line,col,message", CASES, ids=[c[3][:40] for c in CASES])
def test_ill_typed_snippets(source: str, line: int, col: int, message: str) -> None:
    err = type_error(source)
    assert message in err.message
    assert err.span is not None
    assert (err.span.file, err.span.line, err.span.col + 1) == ("<cryptol_fn>", line, col)
    assert str(err).startswith(f"<cryptol_fn>:{line}:{col}: ")


def test_errors_in_module_files_name_the_file(tmp_path) -> None:
    path = tmp_path / "Bad.cry"
    path.write_text("module Bad where\n\nf : [8] -> [8]\nf x = x # x\n")
    with pytest.raises(CryptolTypeError) as info:
        load_cryptol(path)
    assert str(info.value) == f"{path}:4:7: type mismatch: expected [8], found [16]"


def test_errors_inside_an_instance_name_the_instance() -> None:
    err = type_error("f : {n} (fin n) => [n] -> [8]\nf x = take x\ng = f 0x1", "g")
    assert "(in `f`{n = 4}`)" in err.message


def test_run_time_failures_carry_their_span() -> None:
    err = error_of("1 / 0 : [8]", CryptolEvalError)
    assert err.message == "division by zero" and (err.span.line, err.span.col + 1) == (1, 3)
    err = error_of("[1, 2, 3] @ 5 : [8]", CryptolEvalError)
    assert "index 5 out of range (length 3)" in err.message and err.span.col + 1 == 11
    err = error_of('error "boom" : [8]', CryptolEvalError)
    assert err.message == "boom"
    err = error_of("xs @ 1 where xs = [xs @ 1, xs @ 0] : [2][8]", CryptolEvalError)
    assert "depends on itself" in err.message
