"""Programs with try/except for test_sim_exceptions.py (not collected)."""

from crux_py import Bytes, crux_test, no_panic, raises, symbolic, u8


class DecodeError(ValueError):
    pass


def parse(x):
    if x > 200:
        raise DecodeError("too big", x)
    return x + 1


def parse_or_default(x):
    try:
        r = parse(x)
    except ValueError as e:
        return -e.args[1]
    else:
        r = r * 2
    return r


@crux_test
def own_exception_from_a_callee_is_caught():
    x = symbolic(u8, "x")
    assert parse_or_default(x) == (-x if x > 200 else 2 * (x + 1))


@crux_test
def caught_result_can_be_wrong():
    x = symbolic(u8, "x")
    assert parse_or_default(x) >= 0


def index_or_zero(xs, i):
    try:
        return xs[i]
    except IndexError:
        return 0


@crux_test
def builtin_index_error_is_caught():
    i = symbolic(u8, "i")
    assert index_or_zero([5, 6, 7], i) == (0 if i >= 3 else [5, 6, 7][i])


def quotient(a, b):
    try:
        return a // b
    except (KeyError, ZeroDivisionError):
        return None


@crux_test
def division_by_zero_is_caught_by_a_tuple_clause():
    a, b = symbolic(u8, "a"), symbolic(u8, "b")
    assert (quotient(a, b) is None) == (b == 0)


def first_zero(xs):
    n = 0
    for v in xs:
        try:
            if v == 0:
                raise ValueError(n)
            n += 1
        except ValueError:
            break
        else:
            continue
    return n


@crux_test
def break_and_continue_leave_try_statements():
    a, b = symbolic(u8, "a"), symbolic(u8, "b")
    assert first_zero([1, a, b]) == (1 if a == 0 else 2 if b == 0 else 3)


def counted(log, x):
    try:
        log.append(1)
        if x == 7:
            raise KeyError(x)
        log.append(2)
    except KeyError:
        log.append(3)
    return len(log)


@crux_test
def heap_changes_before_the_raise_are_kept():
    x = symbolic(u8, "x")
    log = []
    assert counted(log, x) == 2
    assert log == ([1, 3] if x == 7 else [1, 2])


def nested(x):
    try:
        try:
            if x < 10:
                raise KeyError(x)
            if x < 20:
                raise ValueError(x)
        except KeyError:
            return 1
        return 2
    except ValueError:
        return 3


@crux_test
def an_unmatched_exception_reaches_the_outer_try():
    x = symbolic(u8, "x")
    assert nested(x) == (1 if x < 10 else 3 if x < 20 else 2)


def reraise(x):
    try:
        if x == 3:
            raise KeyError("k")
        return 1
    except KeyError:
        raise


@crux_test
def a_reraised_exception_is_a_failure_where_it_was_raised():
    x = symbolic(u8, "x")
    assert reraise(x) == 1


def convert(x):
    try:
        return [1, 2][x]
    except IndexError:
        raise ValueError("bad index")


@crux_test
def an_exception_raised_in_a_handler_is_not_caught_by_it():
    x = symbolic(u8, "x")
    assert convert(x) > 0


@crux_test
def an_assertion_inside_try_is_caught_by_except_assertion_error():
    x = symbolic(u8, "x")
    try:
        assert x != 5
        ok = True
    except AssertionError:
        ok = False
    assert ok == (x != 5)


def decode_varint(data):
    """Little-endian base-128: at most 4 bytes; ValueError on bad input."""
    value = 0
    for i in range(len(data)):
        if i == 4:
            raise ValueError("too long")
        value |= (data[i] & 0x7F) << (7 * i)
        if data[i] & 0x80 == 0:
            return value
    raise ValueError("truncated")


@crux_test
def the_decoder_raises_only_value_error():
    data = symbolic(Bytes[5], "data")
    with raises(ValueError):
        decode_varint(data)


def decode_with_a_bug(data):
    if data[0] == 0xFF:
        return data[9]  # IndexError for every 5-byte input starting 0xff
    return decode_varint(data)


@crux_test
def an_undeclared_exception_escapes_raises():
    data = symbolic(Bytes[5], "data")
    with raises(ValueError):
        decode_with_a_bug(data)


@crux_test
def no_panic_returns_the_result_or_none():
    data = symbolic(Bytes[2], "data")
    r = no_panic(decode_varint, data, allowed=(ValueError,))
    assert (r is None) == (data[0] & 0x80 != 0 and data[1] & 0x80 != 0)


class Manager:
    def __init__(self):
        self.events = []

    def __enter__(self):
        self.events.append("enter")
        return self

    def __exit__(self, *exc):
        self.events.append("exit" if exc[0] is None else exc[0].__name__)
        return exc[0] is KeyError


@crux_test
def user_context_managers_run():
    x = symbolic(u8, "x")
    m = Manager()
    with m as entered:
        assert entered is m
        if x == 7:
            raise KeyError(x)
    assert m.events == ["enter", "KeyError" if x == 7 else "exit"]
    try:
        with Manager() as other, m:
            if x == 9:
                raise ValueError("nine")
    except ValueError:
        assert other.events == ["enter", "ValueError"] and m.events[-1] == "ValueError"


def logged(log, x):
    try:
        if x == 1:
            return 10
        if x == 2:
            raise KeyError(x)
        log.append(0)
    except KeyError:
        log.append(2)
    finally:
        log.append(9)
    return 20


@crux_test
def finally_runs_on_every_way_out():
    x = symbolic(u8, "x")
    log = []
    assert logged(log, x) == (10 if x == 1 else 20)
    assert log == ([9] if x == 1 else [2, 9] if x == 2 else [0, 9])


@crux_test
def finally_runs_before_break_and_continue():
    x = symbolic(u8, "x")
    n = 0
    for i in range(3):
        try:
            if i == x:
                break
            if i == 1:
                continue
        finally:
            n += 1
    assert n == (x + 1 if x < 3 else 3)


def cleanup_then_raise(log, x):
    try:
        if x == 3:
            raise ValueError("three")
    finally:
        log.append(1)
    return 0


@crux_test
def an_exception_goes_on_after_finally():
    x = symbolic(u8, "x")
    assert cleanup_then_raise([], x) == 0


@crux_test
def suppress_from_contextlib():
    import contextlib

    x = symbolic(u8, "x")
    r = 0
    with contextlib.suppress(ZeroDivisionError):
        r = 10 // (x - 3)
    assert r != 0 or x == 3 or x > 13


@crux_test
def not_a_context_manager():
    x = symbolic(u8, "x")
    with x:
        pass


@crux_test
def exit_lets_the_exception_go():
    x = symbolic(u8, "x")
    with Manager():
        if x == 5:
            raise ValueError("five")
