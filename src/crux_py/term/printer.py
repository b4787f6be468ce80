"""Readable text for terms: infix operators, shared subterms named once.

`format_term` prints a term as an expression; a compound subterm used more
than once is printed once as a line `$k = ...` (before its uses) and
referred to as `$k`. Bitwise truth tables (`Op.BITFUN`) print as the textbook
function they are when recognised (and/or/xor/not of literals, `ch`,
`maj`), else as a formula from `term/truthtable.py`. Constants print as
`value#width`. `Term.__repr__` (`term/nodes.py`) calls this with a depth
limit; deeper subterms print as `...`.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import permutations

from crux_py.term.nodes import Op, Term
from crux_py.term.truthtable import Formula, formula, full_mask

_INFIX = {
    Op.AND: " && ", Op.OR: " || ", Op.XOR: " ^^ ", Op.EQ: " == ",
    Op.ULT: " <u ", Op.ULE: " <=u ", Op.SLT: " <s ", Op.SLE: " <=s ",
    Op.ADD: " + ", Op.MUL: " * ", Op.BVAND: " & ", Op.BVOR: " | ", Op.BVXOR: " ^ ",
    Op.SHL: " << ", Op.LSHR: " >> ", Op.ASHR: " >>s ",
    Op.UDIV: " / ", Op.UREM: " % ", Op.SDIV: " /s ", Op.SREM: " %s ",
    Op.CONCAT: " ++ ",
}
_ELIDED = "..."

# Precedence of a rendering: how much an operand must be wrapped.
ATOM, PREFIX, INFIX = 0, 1, 2
Text = tuple[str, int]


def format_const(t: Term) -> str:
    v = t.params[0]
    if t.width == 0:
        return "true" if v else "false"
    return f"{v}#{t.width}" if v < 16 else f"{v:#x}#{t.width}"  # type: ignore[operator]


def _is_leaf(t: Term) -> bool:
    return t.op is Op.CONST or t.op is Op.VAR


def format_term(term: Term, max_depth: int | None = None) -> str:
    """`term` as text; subterms deeper than `max_depth` print as `...`."""
    depth = _depths(term, max_depth)
    uses: dict[int, int] = {}
    for t, d in depth.values():
        if max_depth is None or d < max_depth:
            for a in t.args:
                uses[a.tid] = uses.get(a.tid, 0) + 1
    names: dict[int, str] = {}
    lines: list[str] = []
    text: dict[int, Text] = {}
    for t in _postorder(term, depth, max_depth):
        if max_depth is None or depth[t.tid][1] < max_depth or _is_leaf(t):
            rendered = _render(t, [_operand(a, text, names) for a in t.args])
        else:
            rendered = (_ELIDED, ATOM)
        if t is not term and uses.get(t.tid, 0) > 1 and _worth_naming(t) and rendered[0] != _ELIDED:
            names[t.tid] = f"${len(names) + 1}"
            lines.append(f"{names[t.tid]} = {rendered[0]}")
        text[t.tid] = rendered
    lines.append(text[term.tid][0])
    return "\n".join(lines)


def _worth_naming(t: Term) -> bool:
    if _is_leaf(t):
        return False
    return not (t.op is Op.EXTRACT and _is_leaf(t.args[0]))


def _operand(a: Term, text: dict[int, Text], names: dict[int, str]) -> Text:
    name = names.get(a.tid)
    if name is not None:
        return name, ATOM
    return text.get(a.tid, (_ELIDED, ATOM))


def _depths(root: Term, max_depth: int | None) -> dict[int, tuple[Term, int]]:
    """Each visible node with its least depth below `root` (breadth first)."""
    seen: dict[int, tuple[Term, int]] = {root.tid: (root, 0)}
    frontier = [root]
    d = 0
    while frontier and (max_depth is None or d < max_depth):
        nxt = []
        for t in frontier:
            for a in t.args:
                if a.tid not in seen:
                    seen[a.tid] = (a, d + 1)
                    nxt.append(a)
        frontier = nxt
        d += 1
    return seen


def _postorder(root: Term, depth: dict[int, tuple[Term, int]], max_depth: int | None) -> list[Term]:
    order: list[Term] = []
    done: set[int] = set()
    stack: list[tuple[Term, bool]] = [(root, False)]
    while stack:
        t, expanded = stack.pop()
        if t.tid in done:
            continue
        if expanded:
            done.add(t.tid)
            order.append(t)
            continue
        stack.append((t, True))
        if max_depth is None or depth[t.tid][1] < max_depth:
            stack.extend((a, False) for a in reversed(t.args) if a.tid not in done)
    return order


def _wrap(part: Text, level: int = PREFIX) -> str:
    """The operand text, parenthesised if it binds looser than `level`."""
    return f"({part[0]})" if part[1] > level else part[0]


def _render(t: Term, ops: list[Text]) -> Text:
    op = t.op
    if op is Op.CONST:
        return format_const(t), ATOM
    if op is Op.VAR:
        return t.params[0], ATOM  # type: ignore[return-value]
    if op is Op.NOT:
        return "!" + _wrap(ops[0]), PREFIX
    if op is Op.NEG:
        return "-" + _wrap(ops[0]), PREFIX
    if op is Op.BVNOT:
        return "~" + _wrap(ops[0]), PREFIX
    if op is Op.ITE:
        return f"{_wrap(ops[0])} ? {_wrap(ops[1])} : {_wrap(ops[2])}", INFIX
    if op is Op.EXTRACT:
        hi, lo = t.params
        inner = _wrap(ops[0], ATOM)
        return (f"{inner}[{hi}]" if hi == lo else f"{inner}[{hi}:{lo}]"), ATOM
    if op is Op.SEXT:
        return f"sext({ops[0][0]}, {t.params[0]})", ATOM
    if op is Op.CONCAT and len(t.args) == 2 and t.args[0].op is Op.CONST and t.args[0].params[0] == 0:
        return f"zext({ops[1][0]}, {t.args[0].width})", ATOM
    if op is Op.BITFUN:
        return _bitfun(t.params[0], ops)  # type: ignore[arg-type]
    if op is Op.ADD:
        s = _wrap(ops[0])
        for a, part in zip(t.args[1:], ops[1:]):
            # An inline negation reads as a subtraction.
            neg = a.op is Op.NEG and part[1] == PREFIX and part[0].startswith("-")
            s += f" - {part[0][1:]}" if neg else f" + {_wrap(part)}"
        return s, INFIX
    return _INFIX[op].join(_wrap(p) for p in ops), INFIX


# ---- truth tables ---------------------------------------------------------------

def _table_of(n: int, f) -> int:  # type: ignore[no-untyped-def]
    return sum(1 << m for m in range(1 << n) if f([(m >> i) & 1 for i in range(n)]))


_PARITY = [_table_of(n, lambda b: sum(b) % 2) for n in range(5)]
_MAJ = _table_of(3, lambda b: sum(b) >= 2)


@lru_cache(maxsize=None)
def _choices() -> dict[int, tuple[int, int, int]]:
    """Table of ch(s, t, e) = s ? t : e for each assignment of roles to 3 leaves."""
    out = {}
    for s, t, e in permutations(range(3)):
        out[_table_of(3, lambda b, s=s, t=t, e=e: b[t] if b[s] else b[e])] = (s, t, e)
    return out


def _bitfun(tt: int, ops: list[Text]) -> Text:
    n = len(ops)
    full = full_mask(n)
    if n == 1 and tt == 0b01:
        return "~" + _wrap(ops[0]), PREFIX
    if tt & (tt - 1) == 0:  # one minterm: and of literals
        m = tt.bit_length() - 1
        return " & ".join(_lit(ops[i], (m >> i) & 1 == 0) for i in range(n)), INFIX
    inv = tt ^ full
    if inv & (inv - 1) == 0:  # one maxterm: or of literals
        m = inv.bit_length() - 1
        return " | ".join(_lit(ops[i], (m >> i) & 1 == 1) for i in range(n)), INFIX
    if tt == _PARITY[n]:
        return " ^ ".join(_wrap(p) for p in ops), INFIX
    if tt == _PARITY[n] ^ full:
        return "~(" + " ^ ".join(_wrap(p) for p in ops) + ")", PREFIX
    if n == 3:
        if tt == _MAJ:
            return f"maj({', '.join(p[0] for p in ops)})", ATOM
        roles = _choices().get(tt)
        if roles is not None:
            return f"ch({', '.join(ops[i][0] for i in roles)})", ATOM
    return _formula(formula(tt, n), ops)


def _lit(part: Text, negated: bool) -> str:
    return "~" + _wrap(part) if negated else _wrap(part)


def _formula(f: Formula, ops: list[Text]) -> Text:
    kind = f[0]
    if kind == "leaf":
        return ops[f[1]]
    if kind == "const":
        return ("~0" if f[1] else "0"), ATOM
    if kind == "not":
        return "~" + _wrap(_formula(f[1], ops)), PREFIX
    sym = {"and": " & ", "or": " | ", "xor": " ^ "}[kind]
    return _wrap(_formula(f[1], ops)) + sym + _wrap(_formula(f[2], ops)), INFIX
