"""Classes whose special methods answer or decline (NotImplemented) per instance, for the
differential test of operator dispatch in test_sim_dispatch.py (not collected)."""

from crux_py import crux_test


class Answers:
    """Each special method returns its answer, or declines when the answer is None."""

    TAG = "?"

    def __init__(self, add, radd, iadd, lt, gt, eq):
        self.add, self.radd, self.iadd, self.lt, self.gt, self.eq = add, radd, iadd, lt, gt, eq

    def __add__(self, other):
        return NotImplemented if self.add is None else (self.TAG, "add", self.add)

    def __radd__(self, other):
        return NotImplemented if self.radd is None else (self.TAG, "radd", self.radd)

    def __iadd__(self, other):
        return NotImplemented if self.iadd is None else (self.TAG, "iadd", self.iadd)

    def __lt__(self, other):
        return NotImplemented if self.lt is None else (self.TAG, "lt", self.lt)

    def __gt__(self, other):
        return NotImplemented if self.gt is None else (self.TAG, "gt", self.gt)

    def __eq__(self, other):
        return NotImplemented if self.eq is None else self.eq == "yes"


class A(Answers):
    TAG = "A"


class OverridesReflections(A):
    TAG = "B"

    def __radd__(self, other):
        return NotImplemented if self.radd is None else (self.TAG, "B.radd", self.radd)

    def __gt__(self, other):
        return NotImplemented if self.gt is None else (self.TAG, "B.gt", self.gt)


class Inherits(A):
    TAG = "C"


class Unrelated(Answers):
    TAG = "D"


class Plain:
    TAG = "E"

    def __init__(self, *answers):
        self.answers = answers


CLASSES = (A, OverridesReflections, Inherits, Unrelated, Plain)

CASES: tuple = ()
"""Tuples (left, right, operator, expected), operands ints or (class, six answers); set before each run."""


def make(spec):
    if isinstance(spec, int):
        return spec
    cls, add, radd, iadd, lt, gt, eq = spec
    return cls(add, radd, iadd, lt, gt, eq)


def apply(op, a, b):
    if op == "+":
        return a + b
    if op == "+=":
        a += b
        return a
    if op == "<":
        return a < b
    if op == ">":
        return a > b
    if op == "<=":
        return a <= b
    if op == "==":
        return a == b
    return a != b


def outcome(left, right, op):
    """What `op` gives on fresh operands, or the name of the exception it raises."""
    try:
        return apply(op, make(left), make(right))
    except TypeError:
        return "TypeError"


@crux_test
def dispatch_cases():
    for left, right, op, expected in CASES:
        assert outcome(left, right, op) == expected
