"""Analysis: natural loops, the branches that leave them, loop entry edges."""

from __future__ import annotations

from hypothesis import given, settings
from cfg_builders import make_cfg, random_cfgs, reaches

from crux_py.analysis import cfg_info
from crux_py.frontend import translate_source
from crux_py.ir import Branch, IterNext

WHILE = {"entry": ["head"], "head": ["body", "end"], "body": ["head"], "end": ["exit"], "exit": []}


def test_while_loop() -> None:
    info = cfg_info(make_cfg(WHILE))
    assert info.loops == {"head": frozenset({"head", "body"})}
    assert info.loop_exits == {"head": (("head", "body"),)}
    assert info.enters_loop("entry", "head")
    assert not info.enters_loop("body", "head")
    assert not info.enters_loop("head", "body")


def test_nested_loops_with_break() -> None:
    # for i: (outer) for j: (inner) if c: break ; back to outer
    edges = {
        "entry": ["outer"],
        "outer": ["inner", "done"],
        "inner": ["test", "outer"],
        "test": ["brk", "inner"],
        "brk": ["outer"],
        "done": ["exit"],
        "exit": [],
    }
    info = cfg_info(make_cfg(edges))
    assert info.loops["inner"] == frozenset({"inner", "test"})
    assert info.loops["outer"] == frozenset({"outer", "inner", "test", "brk"})
    # `test` leaves the inner loop (to brk) but stays in the outer one.
    assert info.loop_exits["test"] == (("inner", "inner"),)
    assert info.loop_exits["inner"] == (("inner", "test"),)
    assert info.loop_exits["outer"] == (("outer", "inner"),)


def test_branch_leaving_two_loops_lists_innermost_first() -> None:
    # a `return` inside an inner loop leaves both loops
    edges = {
        "entry": ["outer"],
        "outer": ["inner", "exit"],
        "inner": ["test", "outer"],
        "test": ["ret", "inner"],
        "ret": ["exit"],
        "exit": [],
    }
    info = cfg_info(make_cfg(edges))
    assert info.loop_exits["test"] == (("inner", "inner"), ("outer", "inner"))


def test_self_loop() -> None:
    info = cfg_info(make_cfg({"entry": ["spin"], "spin": ["spin", "exit"], "exit": []}))
    assert info.loops == {"spin": frozenset({"spin"})}
    assert info.loop_exits["spin"] == (("spin", "spin"),)


def test_translated_for_loop() -> None:
    src = "def f(xs):\n    t = 0\n    for x in xs:\n        if x:\n            t += x\n    return t\n"
    fir = translate_source(src, "f")
    info = cfg_info(fir)
    (header,) = info.loops
    assert any(isinstance(s, IterNext) for s in fir.blocks[header].stmts)
    body = info.loops[header]
    assert fir.entry not in body and fir.exit not in body
    inner_branches = [b for b in body if b != header and isinstance(fir.blocks[b].term, Branch)]
    assert inner_branches and all(b not in info.loop_exits for b in inner_branches)
    assert info.enters_loop(fir.entry, header)


def test_all_generator_short_circuit_is_a_loop_exit() -> None:
    fir = translate_source("def f(xs):\n    return all(x > 0 for x in xs)\n", "f")
    info = cfg_info(fir)
    (header,) = info.loops
    exits = {b for b, pairs in info.loop_exits.items() if b != header}
    assert len(exits) == 1


@settings(max_examples=300)
@given(random_cfgs())
def test_loops_match_the_definition(fir) -> None:  # type: ignore[no-untyped-def]
    info = cfg_info(fir)
    blocks = set(fir.blocks)
    reachable = {b for b in blocks if reaches(fir, fir.entry, b, None, blocks)}

    def dominates(h: str, u: str) -> bool:
        return h == u or not reaches(fir, fir.entry, u, h, blocks)

    back_edges = [(u, h) for u in reachable for h in fir.successors(u) if dominates(h, u)]
    assert set(info.loops) == {h for _, h in back_edges}
    for header, body in info.loops.items():
        sources = [u for u, h in back_edges if h == header]
        expected = {header} | {
            n for n in blocks if any(reaches(fir, n, u, header, blocks) for u in sources)
        }
        assert body == expected
    for label, pairs in info.loop_exits.items():
        term = fir.blocks[label].term
        assert isinstance(term, Branch)
        for header, stay in pairs:
            assert label in info.loops[header] and stay in info.loops[header]
            assert [term.then in info.loops[header], term.orelse in info.loops[header]].count(True) == 1
