"""Frontend: random expressions and statements behave as in CPython.

Programs are generated from a small grammar (arithmetic, comparisons and
chains, `and`/`or`/`not`, conditional expressions, walrus assignments,
`if`/`while`/`assert`); each is run by CPython and, translated, by the test
interpreter `ir_eval`, and the values or exception types must agree.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ir_eval import compile_both, outcome

NAMES = ["a", "b", "c"]
BINOPS = ["+", "-", "*", "//", "%", "&", "|", "^"]
CMPOPS = ["<", "<=", ">", ">=", "==", "!="]


def expressions(depth: int = 3) -> st.SearchStrategy[str]:
    leaf = st.one_of(st.sampled_from(NAMES), st.integers(-3, 3).map(str))
    if depth == 0:
        return leaf
    sub = expressions(depth - 1)
    return st.one_of(
        leaf,
        st.tuples(sub, st.sampled_from(BINOPS), sub).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(sub, st.sampled_from(CMPOPS), sub).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(sub, st.sampled_from(CMPOPS), sub, st.sampled_from(CMPOPS), sub).map(
            lambda t: f"({t[0]} {t[1]} {t[2]} {t[3]} {t[4]})"
        ),
        st.tuples(sub, st.sampled_from(["and", "or"]), sub).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        sub.map(lambda e: f"(not {e})"),
        sub.map(lambda e: f"(-{e})"),
        st.tuples(sub, sub, sub).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
        st.tuples(st.sampled_from(NAMES), sub).map(lambda t: f"({t[0]} := {t[1]})"),
    )


@st.composite
def programs(draw: st.DrawFn) -> str:
    e = expressions()
    lines = ["def f(a, b, c):", "    r = []"]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["append", "if", "while", "assert", "aug"]))
        if kind == "append":
            lines.append(f"    r.append({draw(e)})")
        elif kind == "aug":
            lines.append(f"    {draw(st.sampled_from(NAMES))} += {draw(e)}")
        elif kind == "if":
            lines += [f"    if {draw(e)}:", f"        r.append({draw(e)})", "    else:",
                      f"        r.append({draw(e)})"]
        elif kind == "assert":
            lines.append(f"    assert {draw(e)}, {draw(e)}")
        else:
            lines += ["    n = 0", f"    while n < 3 and {draw(e)}:", "        n += 1",
                      f"        r.append({draw(e)})"]
    lines.append("    return r, a, b, c")
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs(), st.integers(-4, 4), st.integers(-4, 4), st.integers(-4, 4))
def test_random_program_matches_python(source: str, a: int, b: int, c: int) -> None:
    py, ir = compile_both(source, "f")
    assert outcome(lambda: ir(a, b, c)) == outcome(lambda: py(a, b, c)), source
