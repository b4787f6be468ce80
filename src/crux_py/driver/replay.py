"""Running a counterexample in CPython: the test function itself, with
`symbolic()` returning the recorded values (`intrinsics.InputSource`), and
writing it as an ordinary pytest file that does the same.

A replay must fail exactly as the goal predicts: the same exception class at
the same line. For a failed `assert` it also evaluates the operands of the
condition in the failing frame, for the report.
"""

from __future__ import annotations

import copy
import os
import re
import sysconfig
import traceback
import types
from collections.abc import Mapping, Sequence
from pathlib import Path

from crux_py import intrinsics
from crux_py.driver.outcome import Replay
from crux_py.shapes import BoolShape, BytesShape, BytesUpTo, IntShape, ListUpTo, Shape
from crux_py.sim.goals import Goal


_PACKAGE = str(Path(__file__).resolve().parents[1])
_STDLIB = os.path.realpath(sysconfig.get_paths()["stdlib"]) + os.sep
_GENERATED = "<string>"


def zero_of(shape: Shape) -> object:
    if isinstance(shape, IntShape):
        return 0
    if isinstance(shape, BoolShape):
        return False
    if isinstance(shape, BytesShape):
        return bytes(shape.length)
    if isinstance(shape, BytesUpTo):
        return b""
    if isinstance(shape, ListUpTo):
        return []
    return [zero_of(shape.elem) for _ in range(shape.length)]


class RecordedInputs:
    """Input source answering `symbolic(shape, name)` from recorded values."""

    def __init__(self, values: Mapping[str, object]) -> None:
        self.values = values
        self.seen: dict[str, int] = {}

    def value_for(self, shape: Shape, name: str) -> object:
        unique = intrinsics.unique_input_name(name, self.seen)
        if unique in self.values:
            return copy.deepcopy(self.values[unique])
        return zero_of(shape)


def run_with_inputs(fn: types.FunctionType, values: Mapping[str, object], params: Sequence[str]) -> None:
    """Call a symbolic test in CPython with `symbolic()` (and its parameters) taking `values`."""
    args = [copy.deepcopy(values.get(p)) for p in params]
    with intrinsics.input_source(RecordedInputs(values)):
        fn(*args)


def replay(fn: types.FunctionType, values: Mapping[str, object], params: Sequence[str], goal: Goal,
           operands: Sequence[str] = ()) -> tuple[Replay, tuple[tuple[str, object], ...]]:
    """Run `fn` on the counterexample; say whether it fails as the goal predicts,
    and give the values of `operands` (source texts) in the failing frame."""
    try:
        run_with_inputs(fn, values, params)
    except intrinsics.AssumptionRejected:
        return Replay(False, "an assume() rejected the counterexample"), ()
    except Exception as e:  # noqa: BLE001 - any exception of the test is the observed failure
        # Where the user's code raised: frames inside crux_py itself (a Cryptol
        # function's argument check, say) and code compiled from text (the
        # methods @dataclass generates) stand for the call that reached them.
        frames = [f for f in traceback.extract_tb(e.__traceback__)
                  if not f.filename.startswith(_PACKAGE) and f.filename != _GENERATED]
        file, line = (frames[-1].filename, frames[-1].lineno or 0) if frames else ("<unknown>", 0)
        first_line = str(e).splitlines()[0] if str(e) else ""
        observed = f"{type(e).__name__}{': ' + first_line if first_line else ''} at {file}:{line}"
        expected = goal.exception or "AssertionError"
        # A model may stand for a library function written in Python (enum's
        # lookup, say): its failure is the call's, so the frames inside the
        # standard library below the call count as that call.
        chain = frames[-1:]
        while len(chain) < len(frames) and _in_stdlib(chain[-1].filename):
            chain.append(frames[-len(chain) - 1])
        same_place = any(f.lineno == goal.span.line and os.path.realpath(f.filename) == os.path.realpath(goal.span.file)
                         for f in chain)
        if type(e).__name__ != expected or not same_place:
            return Replay(False, f"CPython raised {observed}; expected {expected} at {goal.span.short}"), ()
        return Replay(True, observed), _operand_values(e, operands)
    return Replay(False, "the test passed in CPython"), ()


def _in_stdlib(filename: str) -> bool:
    return os.path.realpath(filename).startswith(_STDLIB)


def _operand_values(e: BaseException, operands: Sequence[str]) -> tuple[tuple[str, object], ...]:
    tb = e.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None or not operands:
        return ()
    frame = tb.tb_frame
    found = []
    for text in operands:
        try:
            found.append((text, eval(text, frame.f_globals, dict(frame.f_locals))))  # noqa: S307 - the user's own expression
        except Exception as err:  # noqa: BLE001 - shown as the operand's value
            found.append((text, f"<raises {type(err).__name__}: {err}>"))
    return tuple(found)


def write_replay_file(directory: str, fn: types.FunctionType, values: Mapping[str, object], goal: Goal,
                      number: int) -> str:
    """Write the counterexample as a pytest file that fails as the goal does; returns its path."""
    module = fn.__module__
    source = Path(fn.__code__.co_filename).resolve()
    root = source.parent
    for _ in module.split(".")[1:]:
        root = root.parent
    name = re.sub(r"\W", "_", fn.__qualname__)
    # Not named test_*: a plain `pytest` run must not collect replays; naming the file collects it.
    path = Path(directory) / f"replay_{module.split('.')[-1]}__{name}_{number}.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'''"""Counterexample found by `pytest --crux` for {module}.{fn.__qualname__}:
{goal.span.short}: {goal.message}

Running this file with plain pytest replays it in CPython; it fails as the proof predicts.
"""

import importlib
import sys

from crux_py import replay_counterexample

sys.path.insert(0, {str(root)!r})
VALUES = {dict(values)!r}


def test_replay():
    # Looked up here: a module-level name would make the original test collected again.
    test = importlib.import_module({module!r}).{fn.__qualname__}
    replay_counterexample(test, VALUES)
''')
    return str(path)
