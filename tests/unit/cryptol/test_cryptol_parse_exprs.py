"""Cryptol expressions: every expression row of the subset inventory (§2, §5, §6.1) and fixity."""

from __future__ import annotations

import pytest
from cryptol_parse_show import show
from hypothesis import given
from hypothesis import strategies as st

from crux_py.cryptol import syntax as S
from crux_py.cryptol.fixity import EXPR_FIXITY
from crux_py.cryptol.parser import parse_expr


def shape(text: str) -> str:
    return show(parse_expr(text))


@pytest.mark.parametrize("text,expected", [
    # fixity (lib/Cryptol.cry)
    ("a + b * c", "(+ a (* b c))"),
    ("a * b + c", "(+ (* a b) c)"),
    ("a - b - c", "(- (- a b) c)"),
    ("a # b # c", "(# a (# b c))"),
    ("a ^ b ^ c", "(^ (^ a b) c)"),
    ("a && b && c", "(&& a (&& b c))"),
    ("a || b && c", "(|| a (&& b c))"),
    ("a ==> b ==> c", "(==> a (==> b c))"),
    ("a /\\ b \\/ c /\\ d", "(\\/ (/\\ a b) (/\\ c d))"),
    ("p ==> a == b /\\ c != d", "(==> p (/\\ (== a b) (!= c d)))"),
    ("a < b == c >= d", "(== (< a b) (>= c d))"),
    ("x ^^ 2 ^^ 3", "(^^ x (^^ 2 3))"),
    ("2 * x ^^ 3", "(* 2 (^^ x 3))"),
    ("a @ i + 1", "(+ (@ a i) 1)"),
    ("a @ i @@ j ! k", "(! (@@ (@ a i) j) k)"),
    ("x << 1 + y", "(<< x (+ 1 y))"),
    ("x <<< 16 ^ y >>> 3", "(^ (<<< x 16) (>>> y 3))"),
    ("a # b ^ c", "(^ (# a b) c)"),
    ("x % 2 / 3", "(/ (% x 2) 3)"),
    ("f x + g y", "(+ (f x) (g y))"),
    ("f x y @ 3", "(@ (f x y) 3)"),
    ("iterate f x @ 10 + s", "(+ (@ (iterate f x) 10) s)"),
    # `e : T` is lowest; prefix operators bind tighter than infix, looser than application
    ("zero # 0x02 : [96]", "((# zero 2:8) : [96])"),
    ("zero # join(reused_key):[256]", "((# zero (join reused_key)) : [256])"),
    ("-x + y", "(+ (negate x) y)"),
    ("-f x", "(negate (f x))"),
    ("~x && z", "(&& (~ x) z)"),
    ("a - -b", "(- a (negate b))"),
    ("f (-1)", "(f (negate 1))"),
    # type application attaches to the atom before it
    ("take`{n} (join rounds)", "(take`{n} (join rounds))"),
    ("f x`{3}", "(f x`{3})"),
    ("(f x)`{3}", "(f x)`{3}"),
    ("mix `{t + 1} h W", "(mix`{(+ t 1)} h W)"),
    ("ROTR`{(w - n) % w}", "ROTR`{(% (- w n) w)}"),
    ("split`{parts=parts} xs", "(split`{parts=parts} xs)"),
    ("SHA256::hash `{ l = 0 } msg", "(SHA256::hash`{l=0} msg)"),
    ("f`{_, 4}", "f`{_, 4}"),
    ("GF28::inverse x", "(GF28::inverse x)"),
])
def test_operator_chains_and_application(text: str, expected: str) -> None:
    assert shape(text) == expected


def test_binary_operators_are_curried_applications_of_named_vars() -> None:
    e = parse_expr("a + b", "ops.cry")
    assert isinstance(e, S.App) and isinstance(e.fn, S.App) and isinstance(e.fn.fn, S.Var)
    assert e.fn.fn.name == "+" and (e.fn.fn.span.line, e.fn.fn.span.col) == (1, 2)
    assert (e.span.col, e.span.end_col) == (0, 5)


@pytest.mark.parametrize("text,expected", [
    # literals
    ("42", "42"), ("0xff", "255:8"), ("0b0101", "5:4"), ("'0'", "48:8"), ('"abc"', "'abc'"),
    ("<| x^^8 + x^^4 + x^^3 + x + 1 |>", "283:9"),
    ('"Ladies " # "and"', "(# 'Ladies ' 'and')"),
    ("c - '0'", "(- c 48:8)"),
    # demotion
    ("`n", "`n"), ("`(n + 1)", "`(+ n 1)"), ("(`m:[64])", "(`m : [64])"), ("w @ `Nr", "(@ w `Nr)"),
    ("x <<< `n", "(<<< x `n)"),
    # sections
    ("(^)", "^"), ("(+)", "+"), ("(-)", "-"), ("(#)", "#"), ("foldl (^) zero ps", "(foldl ^ zero ps)"),
    # tuples and sequences
    ("(a, b, c)", "(a, b, c)"), ("()", "()"), ("(x)", "x"), ("[]", "[]"), ("[a, b, c]", "[a, b, c]"),
    ("[[1, 2], [3]]", "[[1, 2], [3]]"),
    # comprehensions
    ("[ m ^ kb | m <- msg | kb <- keystream ]", "[(^ m kb) | m <- msg | kb <- keystream]"),
    ("[ (x, y) | x <- xs, y <- ys ]", "[(x, y) | x <- xs, y <- ys]"),
    ("[ [ SBox b | b <- row ] | row <- state ]", "[[(SBox b) | b <- row] | row <- state]"),
    ("[ row <<< i | row <- state | i : [2] <- [0 .. 3] ]", "[(<<< row i) | row <- state | (i : [2]) <- [0 .. 3]]"),
    ("[ h | [a, b] <- digest | (t, k) <- kats ]", "[h | [a, b] <- digest | (t, k) <- kats]"),
    ("[x] # [ f v | v <- iterate f x ]", "(# [x] [(f v) | v <- (iterate f x)])"),
    # enumerations: bounds are types, infinite ones take values
    ("[0 .. 15]", "[0 .. 15]"), ("[1 .. (Nr - 1)]", "[1 .. (- Nr 1)]"), ("[0 .. a]", "[0 .. a]"),
    ("[1, 3 .. n * 2]", "[1, 3 .. (* n 2)]"), ("[0 .. width m - 1]", "[0 .. (- (width m) 1)]"),
    ("[0 .. 2 ^^ 8 - 1]", "[0 .. (- (^^ 2 8) 1)]"),
    ("[i ...]", "[i ...]"), ("[ `Nk ... ]", "[`Nk ...]"), ("[0, 1 ...]", "[0, 1 ...]"),
    ("([i ...]:[_][32])", "([i ...] : [_][32])"), ("k @@ ([0 .. 15] : [16][32])", "(@@ k ([0 .. 15] : [16][32]))"),
    # annotations with wildcards
    ("zero:[inf][8]", "(zero : [inf][8])"), ("perms : [a+1]_", "(perms : [(+ a 1)]_)"),
    # conditionals, lambda, case
    ("if a then b else c", "(if a b c)"),
    ("if a then b else c + 1", "(if a b (+ c 1))"),
    ("x + if a then b else c", "(+ x (if a b c))"),
    ("if `rem == 0 then a else b", "(if (== `rem 0) a b)"),
    ("if a then b else if c then d else e", "(if a b (if c d e))"),
    ("if a then b | c then d | e then f else g", "(if a b (if c d (if e f g)))"),
    ("\\pt -> AeadPt == pt", "(\\pt -> (== AeadPt pt))"),
    ("optFold False (\\pt -> pt) opt", "(optFold False (\\pt -> pt) opt)"),
    ("\\(a, b) _ -> a", "(\\(a, b) _ -> a)"),
    ("case o of\n  Some x -> x\n  None -> 0", "(case o (Some x) -> x; (None) -> 0)"),
    ("case o of Some x -> f x; _ -> d", "(case o (Some x) -> (f x); _ -> d)"),
    ("case b of\n  True -> 1\n  y -> 0", "(case b (True) -> 1; y -> 0)"),
    # where inside expressions
    ("x where x = 1", "(x where x = 1)"),
    ("(x where x = 2) + 1", "(+ (x where x = 2) 1)"),
    ("[ x where x = 2, 3 ]", "[(x where x = 2), 3]"),
])
def test_expression_forms(text: str, expected: str) -> None:
    assert shape(text) == expected


def test_multi_way_if_spans_nest() -> None:
    e = parse_expr("if a then b\n | c then d\n else e")
    assert isinstance(e, S.If) and isinstance(e.orelse, S.If)
    assert (e.span.line, e.span.col) == (1, 0)
    assert (e.orelse.span.line, e.orelse.span.col) == (2, 3)
    assert e.orelse.span.end_line == 3


def test_enumeration_bounds_are_types_and_infinite_bounds_are_values() -> None:
    e = parse_expr("[1 .. (Nr - 1)]")
    assert isinstance(e, S.EnumFromTo) and e.then is None
    assert isinstance(e.first, S.TNum) and e.first.value == 1
    assert isinstance(e.last, S.TApp) and e.last.name == "-"
    assert [type(a).__name__ for a in e.last.args] == ["TVar", "TNum"]
    inf = parse_expr("[x, x + 1 ...]")
    assert isinstance(inf, S.InfFrom) and isinstance(inf.first, S.Var) and isinstance(inf.then, S.App)


def test_case_patterns_distinguish_constructors_from_variables() -> None:
    e = parse_expr("case o of\n  Some (a, b) -> a\n  None -> 0\n  other -> 1")
    assert isinstance(e, S.Case)
    pats = [alt.pattern for alt in e.alts]
    assert isinstance(pats[0], S.PCon) and pats[0].name == "Some" and isinstance(pats[0].args[0], S.PTuple)
    assert isinstance(pats[1], S.PCon) and pats[1].args == ()
    assert isinstance(pats[2], S.PVar) and pats[2].name == "other"


def test_literal_nodes() -> None:
    lit = parse_expr("0x" + "0" * 63 + "1")
    assert isinstance(lit, S.Lit) and (lit.value, lit.width) == (1, 256)
    assert parse_expr("'a'") == S.Lit(97, 8, parse_expr("'a'").span)
    s = parse_expr('"expand 32-byte k"')
    assert isinstance(s, S.StrLit) and s.value == "expand 32-byte k"


# ---- fixity resolution against an independent printer ------------------------------------------------

BINOPS = sorted(op for op in EXPR_FIXITY if op not in ("/^", "%^"))


def trees(depth: int) -> st.SearchStrategy[tuple]:
    leaf = st.sampled_from(["a", "b", "c", "d"]).map(lambda v: ("var", v))
    return st.recursive(leaf, lambda sub: st.tuples(st.just("op"), st.sampled_from(BINOPS), sub, sub),
                        max_leaves=depth)


def sexpr(t: tuple) -> str:
    return t[1] if t[0] == "var" else f"({t[1]} {sexpr(t[2])} {sexpr(t[3])})"


def full_parens(t: tuple) -> str:
    return t[1] if t[0] == "var" else f"({full_parens(t[2])} {t[1]} {full_parens(t[3])})"


def minimal_parens(t: tuple) -> str:
    """Print with parentheses only where the fixity table requires them."""
    if t[0] == "var":
        return t[1]
    fix = EXPR_FIXITY[t[1]]

    def side(child: tuple, is_left: bool) -> str:
        text = minimal_parens(child)
        if child[0] == "var":
            return text
        cfix = EXPR_FIXITY[child[1]]
        keep = cfix.level > fix.level or (
            cfix.level == fix.level and cfix.assoc == fix.assoc != "none"
            and (fix.assoc == "left") == is_left)
        return text if keep else f"({text})"

    return f"{side(t[2], True)} {t[1]} {side(t[3], False)}"


@given(trees(8))
def test_fully_parenthesised_chains_parse_to_their_tree(t: tuple) -> None:
    assert shape(full_parens(t)) == sexpr(t)


@given(trees(8))
def test_minimally_parenthesised_chains_parse_to_their_tree(t: tuple) -> None:
    assert shape(minimal_parens(t)) == sexpr(t)
