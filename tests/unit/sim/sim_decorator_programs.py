"""Programs with decorators, functools.wraps/partial/reduce and `**` calls for
test_sim_decorators.py (not collected)."""

import functools

from crux_py import assume, crux_test, symbolic, u8


def counting(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


def validating(limit):
    def decorate(fn):
        @functools.wraps(fn)
        def check(x):
            if x > limit:
                raise ValueError("argument too large")
            return fn(x)

        return check

    return decorate


@counting
def double(x):
    """Twice x."""
    return 2 * x


@validating(100)
def halve(x):
    return x // 2


def add3(a, b, c=0):
    return a + 2 * b + 3 * c


INC = functools.partial(add3, 1, c=1)


@crux_test
def module_decorator_with_wraps():
    x = symbolic(u8, "x")
    start = double.calls  # the count of the running program (earlier runs called it too)
    assert double(x) == 2 * x
    if x > 3:
        double(1)
    assert double.calls == start + (2 if x > 3 else 1)
    assert double.__name__ == "double" and double.__doc__ == "Twice x."
    assert double.__wrapped__(x) == 2 * x


@crux_test
def counting_mutant():
    x = symbolic(u8, "x")
    start = double.calls
    double(x)
    if x > 3:
        double(1)
    assert double.calls == start + 1


@crux_test
def module_validating_decorator():
    x = symbolic(u8, "x")
    assume(x <= 100)
    assert halve(x) * 2 <= x and halve.__name__ == "halve"


@crux_test
def validating_decorator_raises():
    x = symbolic(u8, "x")
    assert halve(x) <= 50


@crux_test
def nested_decorators_with_wraps():
    x = symbolic(u8, "x")

    @counting
    def triple(v):
        "Three times."
        return 3 * v

    assert triple(x) == 3 * x
    if x > 3:
        triple(1)
    assert triple.calls == (2 if x > 3 else 1)
    assert triple.__name__ == "triple" and triple.__doc__ == "Three times."
    assert triple.__qualname__ == "nested_decorators_with_wraps.<locals>.triple"
    assert triple.__wrapped__(x) == 3 * x


@crux_test
def nested_validating_raises():
    x = symbolic(u8, "x")

    @validating(9)
    def digit(v):
        return v

    assert digit(x) == x


@crux_test
def decorators_in_cpython_order():
    log = []

    def tag(name):
        log.append(("evaluate", name))

        def apply(fn):
            log.append(("apply", name))
            return fn

        return apply

    def default():
        log.append(("default",))
        return symbolic(u8, "x")

    @tag(1)
    @tag(2)
    def g(v=default()):  # noqa: B008 - the order of evaluation is what is tested
        return v

    assert log == [("evaluate", 1), ("evaluate", 2), ("default",), ("apply", 2), ("apply", 1)]
    assert g() < 256


@crux_test
def partial_and_reduce():
    x = symbolic(u8, "x")
    p = functools.partial(add3, x)
    assert p(1) == x + 2
    q = functools.partial(p, c=x)
    assert q(0) == 4 * x and q.func is add3 and q.args == (x,) and q.keywords == {"c": x}
    assert INC(x) == 1 + 2 * x + 3 and INC.keywords == {"c": 1}
    assert functools.reduce(add3, [1, 2, x]) == 1 + 4 + 2 * x
    assert functools.reduce(lambda a, b: a * b, [x, 2], 3) == 6 * x


@crux_test
def reduce_mutant():
    x = symbolic(u8, "x")
    assert functools.reduce(lambda a, b: a - b, [x, 2], 3) == x - 1


@crux_test
def reduce_of_nothing():
    x = symbolic(u8, "x")
    xs = [x] if x > 1 else []
    assert functools.reduce(add3, xs) == x


@crux_test
def keyword_unpacking():
    x = symbolic(u8, "x")
    options = {"c": x}
    assert add3(1, 2, **options) == 5 + 3 * x
    assert add3(**{"a": x, "b": 1}) == x + 2  # noqa: PIE804 - a literal mapping after `**` is tested


@crux_test
def keyword_given_twice():
    x = symbolic(u8, "x")
    options = {"b": 2} if x > 5 else {"c": 2}
    assert add3(1, b=x, **options) >= 0


@crux_test
def function_name_must_be_a_string():
    x = symbolic(u8, "x")

    def f():
        return 0

    f.__name__ = "g" if x > 5 else x
    assert f.__name__ == "g"


@crux_test
def missing_function_attribute():
    x = symbolic(u8, "x")

    def f():
        return 0

    if x > 5:
        f.seen = True
    assert f.seen


@crux_test
def nested_lru_cache():
    calls = []

    @functools.lru_cache(maxsize=2)
    def square(v):
        calls.append(v)
        return [v * v]

    @functools.cache
    def cube(v):
        return v * v * v

    @functools.lru_cache
    def ident(v):
        return v

    x = symbolic(u8, "x")
    r = square(x)
    assert square(x) is r and r == [x * x] and len(calls) == 1
    square(1)
    square(2)  # evicts x's entry unless x is 1 or 2
    assert (square(x) is r) == (x == 1 or x == 2)
    assert cube(x) == x ** 3 and ident(x) == x and square.__name__ == "square" and square.__wrapped__(3) == [9]
    assert square.cache_parameters() == {"maxsize": 2, "typed": False}
    assert cube.cache_parameters() == {"maxsize": None, "typed": False}
    square.cache_clear()
    assert square(x) is not r


@crux_test
def nested_lru_cache_mutant():
    @functools.lru_cache(maxsize=1)
    def square(v):
        return [v * v]

    x = symbolic(u8, "x")
    r = square(x)
    square(3)
    assert square(x) is r


@crux_test
def nested_cache_info_is_unsupported():
    @functools.lru_cache
    def g(v):
        return v

    g(symbolic(u8, "x"))
    assert g.cache_info().hits == 0


@crux_test
def partial_attribute_assignment_is_unsupported():
    p = functools.partial(add3, symbolic(u8, "x"))
    p.tag = 1
    assert p(1) >= 0
