"""Real functions for the translate_function tests (imported, never collected)."""

from __future__ import annotations

import functools


def identity_decorator(fn):  # type: ignore[no-untyped-def]
    return fn


def plain(a, b=2):  # type: ignore[no-untyped-def]
    c = a + b
    return c


@identity_decorator
@functools.lru_cache(maxsize=None)
def decorated(n):  # type: ignore[no-untyped-def]
    return n * 2


def make_counter(start, step):  # type: ignore[no-untyped-def]
    total = start

    def bump(times):  # type: ignore[no-untyped-def]
        nonlocal total
        for _ in range(times):
            total += step
        return total

    return bump


counter = make_counter(10, 3)


def uses_sum(xs):  # type: ignore[no-untyped-def]
    return sum(x * x for x in xs)


def uses_shadowed_max(xs):  # type: ignore[no-untyped-def]
    return max(x for x in xs)


def max(it):  # type: ignore[no-untyped-def]  # shadows the builtin on purpose
    return 0


class Box:
    def get(self, i):  # type: ignore[no-untyped-def]
        return self.items[i]


square = lambda x: x * x  # noqa: E731
twins = (lambda x: x + 1, lambda x: x - 1)  # two lambdas, one line: their code cannot be told apart


class Base:
    def size(self):  # type: ignore[no-untyped-def]
        return 1


class Child(Base):
    def size(me, extra=0):  # type: ignore[no-untyped-def]
        return super().size() + extra

    def no_first_parameter(*args):  # type: ignore[no-untyped-def]
        return super().size()
