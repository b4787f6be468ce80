"""Analysis: immediate (post-)dominators on hand-written and random CFGs."""

from __future__ import annotations

from hypothesis import given, settings
from cfg_builders import make_cfg, random_cfgs, reaches

from crux_py.analysis import cfg_info
from crux_py.frontend import translate_source
from crux_py.ir import Branch


def test_diamond_merges_at_the_join() -> None:
    # if c: a else: b; join
    info = cfg_info(make_cfg({"entry": ["a", "b"], "a": ["join"], "b": ["join"],
                              "join": ["exit"], "exit": []}))
    assert info.ipdom == {"entry": "join", "a": "join", "b": "join", "join": "exit", "exit": None}
    assert info.idom["join"] == "entry" and info.idom["entry"] is None


def test_raise_only_side_is_ignored() -> None:
    # if c: raise X; join -- the branch merges at the join, not at the function end
    info = cfg_info(make_cfg({"entry": ["then", "join"], "then": "raise",
                              "join": ["exit"], "exit": []}))
    assert info.ipdom["entry"] == "join"
    assert info.ipdom["then"] is None
    assert info.reaches_exit == frozenset({"entry", "join", "exit"})


def test_branch_with_a_return_in_one_side_merges_at_exit() -> None:
    # if c: return 1; x = 2; return x
    info = cfg_info(make_cfg({"entry": ["ret", "rest"], "ret": ["exit"], "rest": ["exit"],
                              "exit": []}))
    assert info.ipdom["entry"] == "exit"


def test_function_that_never_returns_has_no_post_dominators() -> None:
    info = cfg_info(make_cfg({"entry": ["a", "b"], "a": "raise", "b": "raise", "exit": []}))
    assert info.ipdom == {"entry": None, "a": None, "b": None, "exit": None}


def test_loop_header_post_dominated_by_loop_exit() -> None:
    # while c: body
    info = cfg_info(make_cfg({"entry": ["head"], "head": ["body", "end"], "body": ["head"],
                              "end": ["exit"], "exit": []}))
    assert info.ipdom["head"] == "end"
    assert info.ipdom["body"] == "head"


def test_translated_if_raise_merges_after_the_if() -> None:
    src = "def f(x):\n    if x < 0:\n        raise ValueError(x)\n    y = x + 1\n    return y\n"
    fir = translate_source(src, "f")
    info = cfg_info(fir)
    (branch_label,) = [b for b in fir.blocks if isinstance(fir.blocks[b].term, Branch)]
    term = fir.blocks[branch_label].term
    assert info.ipdom[branch_label] == term.orelse  # the join block after the `if`
    assert info.ipdom[term.then] is None


def test_cfg_info_is_cached_per_function() -> None:
    fir = make_cfg({"entry": ["exit"], "exit": []})
    assert cfg_info(fir) is cfg_info(fir)
    other = make_cfg({"entry": ["exit"], "exit": []})
    assert cfg_info(other) is not cfg_info(fir)


# -- random CFGs against the definitions ------------------------------------


@settings(max_examples=300)
@given(random_cfgs())
def test_ipdom_matches_the_definition(fir) -> None:  # type: ignore[no-untyped-def]
    info = cfg_info(fir)
    everything = set(fir.blocks)
    reach = {b for b in everything if reaches(fir, b, fir.exit, None, everything)}
    assert info.reaches_exit == frozenset(reach)
    for block in everything:
        if block not in reach or block == fir.exit:
            assert info.ipdom[block] is None
            continue
        strict = {d for d in reach if d != block and not reaches(fir, block, fir.exit, d, reach)}
        # The immediate one is post-dominated by every other strict post-dominator.
        (closest,) = [
            d for d in strict
            if all(o == d or not reaches(fir, d, fir.exit, o, reach) for o in strict)
        ]
        assert info.ipdom[block] == closest


@settings(max_examples=300)
@given(random_cfgs())
def test_idom_matches_the_definition(fir) -> None:  # type: ignore[no-untyped-def]
    info = cfg_info(fir)
    everything = set(fir.blocks)
    reachable = {b for b in everything if reaches(fir, fir.entry, b, None, everything)}
    for block in reachable - {fir.entry}:
        strict = {d for d in reachable if d != block and not reaches(fir, fir.entry, block, d, everything)}
        (closest,) = [
            d for d in strict
            if all(o == d or not reaches(fir, fir.entry, d, o, everything) for o in strict)
        ]
        assert info.idom[block] == closest
