"""super(), isinstance/issubclass, lambdas, imports inside functions and
hmac.compare_digest in the simulator: proofs, refuted seeded bugs whose
counterexamples replay, and UnsupportedFeature errors with file:line."""

from __future__ import annotations

import pytest

import sim_language_programs as P
import sim_outcomes
from crux_py.driver import ProofSettings, Status, run_symbolic_test

SETTINGS = ProofSettings(timeout=30.0)


def _line_of(fn, text: str) -> int:  # type: ignore[no-untyped-def]
    """The line of `fn`'s module holding `text` (for expected error locations)."""
    import inspect

    lines, first = inspect.getsourcelines(fn)
    return first + next(i for i, line in enumerate(lines) if text in line)


@pytest.mark.parametrize("fn", [P.super_calls_init_and_overridden_methods, P.isinstance_on_classes_and_builtins,
                                P.lambdas_capture_and_are_passed, P.imports_inside_functions,
                                P.compare_digest_is_equality],
                         ids=lambda f: f.__name__)
def test_proved(fn) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.proved(fn, SETTINGS)


@pytest.mark.parametrize("fn, message", [
    (P.super_seeded_bug, "assertion failed: f.area() != 20"),
    (P.isinstance_seeded_bug, "assertion failed: not isinstance(s, Rect)"),
    (P.lambda_seeded_bug, "assertion failed: apply(inc, x) < 256"),
    (P.super_init_reaches_object_init_with_arguments,
     "TypeError: object.__init__() takes exactly one argument (the instance to initialize)"),
    (P.super_classmethod_binds_the_subclass, "TypeError: __init__() missing required positional argument: "
                                             "'width'"),
    (P.super_has_no_instance_attributes, "AttributeError: 'super' object has no attribute 'border'"),
    (P.isinstance_bad_class_info, "TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union"),
    (P.import_seeded_bug, 'assertion failed: pack("<B", x) != b"\\x07"'),
    (P.import_of_a_missing_name, "ImportError: cannot import name 'no_such_name' from 'struct' ("
                                 + __import__("struct").__file__ + ")"),
    (P.import_of_a_missing_module, "ModuleNotFoundError: No module named 'crux_py_no_such_module'"),
    (P.compare_digest_seeded_bug, 'assertion failed: not hmac.compare_digest(a, b"ok")'),
    (P.compare_digest_of_str_and_bytes, "TypeError: a bytes-like object is required, not 'str'"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_refuted_and_replayed(fn, message: str) -> None:  # type: ignore[no-untyped-def]
    sim_outcomes.refuted(fn, SETTINGS, message)


@pytest.mark.parametrize("fn, words, text", [
    (P.isinstance_of_an_iterator, "isinstance() of a value whose exact class", "return isinstance(enumerate"),
    (P.isinstance_with_a_metaclass, "whose metaclass is Meta", "return isinstance(1, Anything)"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_unsupported_is_an_error_with_location(fn, words: str, text: str) -> None:  # type: ignore[no-untyped-def]
    outcome = run_symbolic_test(fn, SETTINGS)
    assert outcome.status is Status.ERROR
    assert words in outcome.error
    assert f"sim_language_programs.py:{_line_of(fn, text)}" in outcome.error
