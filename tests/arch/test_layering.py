"""The import rules of DESIGN §2, checked on the source of every module."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "crux_py"

# Within layer 0, errors builds on source and intrinsics on shapes; the plugin
# may use the api module beside it (fractional levels order those pairs).
LAYERS = {
    "source": 0, "shapes": 0, "errors": 0.5, "intrinsics": 0.5,
    "ir": 1, "term": 1,
    "analysis": 2, "frontend": 2, "solver": 2, "cryptol": 2,
    "sim": 3,
    "spec": 4,
    "driver": 5,
    "report": 6,
    "api": 7, "pytest_plugin": 7.5, "__init__": 8,
}

# Third-party libraries and the only places allowed to import them.
CONFINED = {
    "z3": ("solver/z3_backend.py",),
    "bitwuzla": ("solver/bitwuzla_backend.py",),
    "pysmt": ("solver/pysmt_backend.py",),
    "lark": ("cryptol/parser.py",),
    "networkx": ("analysis/",),
    "ast": ("frontend/",),
    "symtable": ("frontend/",),
    "pytest": ("pytest_plugin.py",),
}

MAX_LINES = 600


def modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def unit_of(path: Path) -> str:
    """The layer unit of a module: its top-level package or module name."""
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imports(path: Path) -> list[tuple[str, int]]:
    """Imported module names, excluding those under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(), str(path))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == "crux_py":
            found += [(f"crux_py.{alias.name}", node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, node.lineno))
    return found


def layer_violations(me: str, imported: list[tuple[str, int]]) -> list[str]:
    problems = []
    for name, line in imported:
        parts = name.split(".")
        if parts[0] != "crux_py":
            continue
        if len(parts) == 1:
            if me != "__init__":
                problems.append(f"line {line}: imports the package root; import the defining module")
            continue
        other = parts[1]
        if other == me:
            continue
        if other not in LAYERS:
            problems.append(f"line {line}: imports unknown unit {other}")
        elif LAYERS[other] >= LAYERS[me] and me != "__init__":
            problems.append(f"line {line}: {me} (layer {LAYERS[me]}) imports {other} (layer {LAYERS[other]})")
    return problems


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_down(path: Path) -> None:
    me = unit_of(path)
    assert me in LAYERS, f"{path}: module not placed in a layer; add it to LAYERS"
    assert layer_violations(me, imports(path)) == []


def test_upward_and_sibling_imports_are_caught() -> None:
    assert layer_violations("sim", [("crux_py.driver.run", 3)]) == ["line 3: sim (layer 3) imports driver (layer 5)"]
    assert layer_violations("solver", [("crux_py.frontend", 1)]) != []
    assert layer_violations("sim", [("crux_py", 1)]) != []
    assert layer_violations("sim", [("crux_py.term.context", 1), ("crux_py.sim.values", 2)]) == []


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_third_party_libraries_stay_in_their_module(path: Path) -> None:
    rel = str(path.relative_to(SRC))
    for name, line in imports(path):
        top = name.split(".")[0]
        if top in CONFINED:
            assert any(rel.startswith(allowed) for allowed in CONFINED[top]), (
                f"{rel}:{line}: imports {top}, allowed only in {CONFINED[top]}")


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_modules_are_small_and_documented(path: Path) -> None:
    text = path.read_text()
    assert len(text.splitlines()) <= MAX_LINES, f"{path} has more than {MAX_LINES} lines"
    if text.strip():
        assert ast.get_docstring(ast.parse(text)), f"{path} lacks a module docstring"


def test_importing_the_package_loads_no_engine() -> None:
    code = ("import sys, crux_py; heavy = [m for m in ('z3', 'pysmt', 'bitwuzla', 'cvc5', 'lark', 'networkx', "
            "'crux_py.frontend', 'crux_py.sim') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
