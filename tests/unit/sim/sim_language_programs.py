"""Programs with super(), isinstance, lambdas, imports in functions and hmac for
test_sim_language.py (not collected)."""

from crux_py import Bytes, crux_test, symbolic, u8


class Shape:
    SIDES = 0

    def __init__(self, size):
        super().__init__()
        self.size = size

    def area(self):
        return self.size * self.size

    def describe(self):
        return self.SIDES * 1000 + self.area()

    @classmethod
    def unit(cls):
        return cls(1)


class Rect(Shape):
    SIDES = 4

    def __init__(self, size, width):
        super().__init__(size)
        self.width = width

    def area(self):
        return self.size * self.width


class Frame(Rect):
    def __init__(self, size, width, border):
        super().__init__(size, width)
        self.border = border

    def area(self):
        # The overridden method, reached through super(): Rect.area, not Shape.area.
        return super().area() - self.border

    def shape_area(self):
        return super(Rect, self).area()

    @classmethod
    def unit(cls):
        made = super().unit()  # Shape.unit bound to Frame: cls(1) needs three arguments
        return made


class Other:
    pass


@crux_test
def super_calls_init_and_overridden_methods():
    x = symbolic(u8, "x")
    f = Frame(x, 3, 1)
    assert f.size == x and f.width == 3 and f.border == 1
    assert f.area() == 3 * x - 1
    assert f.describe() == 4000 + 3 * x - 1
    assert f.shape_area() == x * x
    assert Rect(x, 2).area() == 2 * x
    assert Shape.unit().area() == 1


@crux_test
def super_seeded_bug():
    x = symbolic(u8, "x")
    f = Frame(x, 3, 1)
    assert f.area() != 20  # 3 * 7 - 1 == 20


@crux_test
def super_init_reaches_object_init_with_arguments():
    class_with_bad_init = BadInit
    class_with_bad_init(symbolic(u8, "x"))


class BadInit:
    def __init__(self, v):
        super().__init__(v)


@crux_test
def super_classmethod_binds_the_subclass():
    Frame.unit()


@crux_test
def super_has_no_instance_attributes():
    return SuperPeek(symbolic(u8, "x"), 1, 1).peek()


class SuperPeek(Frame):
    def peek(self):
        return super().border


@crux_test
def isinstance_on_classes_and_builtins():
    x = symbolic(u8, "x")
    f = Frame(x, 1, 0)
    assert isinstance(f, Frame) and isinstance(f, Shape) and isinstance(f, object)
    assert not isinstance(f, Other) and isinstance(f, (Other, (int, Rect)))
    assert not isinstance(Shape(x), Rect)
    assert isinstance(x, int) and not isinstance(x, bool) and isinstance(x > 1, bool) and isinstance(True, int)
    assert isinstance(b"a", bytes) and isinstance(symbolic(Bytes[2], "b"), bytes) and not isinstance(b"a", str)
    assert isinstance([x], list) and isinstance((x,), tuple) and isinstance("s", str) and not isinstance(None, int)
    assert issubclass(Frame, Shape) and not issubclass(Shape, (Frame, int))
    s = Rect(x, 1) if x > 9 else Shape(x)
    assert isinstance(s, Rect) == (x > 9)


@crux_test
def isinstance_seeded_bug():
    x = symbolic(u8, "x")
    s = Rect(x, 1) if x > 9 else Shape(x)
    assert not isinstance(s, Rect)


@crux_test
def isinstance_bad_class_info():
    isinstance(symbolic(u8, "x"), 3)


@crux_test
def isinstance_of_an_iterator():
    return isinstance(enumerate([1]), list)


class Meta(type):
    def __instancecheck__(cls, obj):
        return True


class Anything(metaclass=Meta):
    pass


@crux_test
def isinstance_with_a_metaclass():
    return isinstance(1, Anything)


def apply(f, v):
    return f(v)


@crux_test
def lambdas_capture_and_are_passed():
    x = symbolic(u8, "x")
    k = 3
    add = lambda y, z=2: y + z + k  # noqa: E731
    assert add(x) == x + 5
    assert apply(lambda v: v * 2, x) == 2 * x
    curry = lambda a: lambda b: a - b  # noqa: E731
    assert curry(x)(1) == x - 1
    k = 4  # lambdas read captured variables when called
    assert add(x, z=0) == x + 4
    fs = []
    for i in range(3):
        fs.append(lambda: i + x)
    assert fs[0]() == 2 + x  # late binding: every lambda sees the last i


@crux_test
def lambda_seeded_bug():
    x = symbolic(u8, "x")
    inc = lambda v: v + 1  # noqa: E731
    assert apply(inc, x) < 256


@crux_test
def imports_inside_functions():
    import os.path
    import os.path as osp
    import struct
    from struct import pack as p, unpack

    x = symbolic(u8, "x")
    assert unpack("<B", p("<B", x)) == (x,)
    assert struct.calcsize("<I") == 4
    assert osp is os.path

    def nested():
        from hmac import compare_digest
        return compare_digest

    assert nested()(b"a", b"a")


@crux_test
def import_seeded_bug():
    from struct import pack

    x = symbolic(u8, "x")
    assert pack("<B", x) != b"\x07"


@crux_test
def import_of_a_missing_name():
    x = symbolic(u8, "x")
    if x == 3:
        from struct import no_such_name  # noqa: F401


@crux_test
def import_of_a_missing_module():
    import crux_py_no_such_module  # noqa: F401


@crux_test
def compare_digest_is_equality():
    import hmac

    a = symbolic(Bytes[4], "a")
    b = symbolic(Bytes[4], "b")
    assert hmac.compare_digest(a, b) == (a == b)
    assert hmac.compare_digest(a, a) and not hmac.compare_digest(a, a + b"\x00")
    assert hmac.compare_digest(bytearray(a), a) and hmac.compare_digest("ab", "ab")
    if hmac.compare_digest(a, b"key!"):
        assert a[3] == 33


@crux_test
def compare_digest_seeded_bug():
    import hmac

    a = symbolic(Bytes[2], "a")
    assert not hmac.compare_digest(a, b"ok")


@crux_test
def compare_digest_of_str_and_bytes():
    import hmac

    hmac.compare_digest("a", symbolic(Bytes[1], "a"))
