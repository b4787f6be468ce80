"""SMT-LIB 2 text of a query, written without any solver library.

`to_smtlib(assertions)` renders the script behind `--crux-dump-smt`: logic
QF_BV, one `declare-fun` per variable, a `define-fun` for every shared
subterm (and for every 32 levels of unshared nesting, so deep chains stay
shallow for the reading parser), the assertions and `check-sat`. The
meaning of each `Op` is the one in `term/concrete.py`; the backends'
translations live in `solver/*_backend.py`.
"""

from __future__ import annotations

from collections.abc import Sequence

from crux_py.errors import panic
from crux_py.solver.translate import cone_variables
from crux_py.term.nodes import Op, Term
from crux_py.term.truthtable import Formula, formula

# Unshared nodes are printed inline up to this nesting depth.
MAX_INLINE_DEPTH = 32

_SIMPLE = {
    Op.NOT: "not", Op.XOR: "xor", Op.EQ: "=", Op.ULT: "bvult", Op.ULE: "bvule",
    Op.SLT: "bvslt", Op.SLE: "bvsle", Op.ITE: "ite", Op.NEG: "bvneg", Op.BVNOT: "bvnot",
    Op.SHL: "bvshl", Op.LSHR: "bvlshr", Op.ASHR: "bvashr", Op.UDIV: "bvudiv",
    Op.UREM: "bvurem", Op.SDIV: "bvsdiv", Op.SREM: "bvsrem",
}
# n-ary operators and what they mean with no arguments; all are
# :left-assoc in SMT-LIB, so any number of at least two arguments is valid.
_NARY: dict[Op, tuple[str, int | None]] = {
    Op.AND: ("and", None), Op.OR: ("or", None), Op.ADD: ("bvadd", 0), Op.MUL: ("bvmul", 1),
    Op.BVAND: ("bvand", -1), Op.BVOR: ("bvor", 0), Op.BVXOR: ("bvxor", 0),
}


def quote_symbol(name: str) -> str:
    """`name` as a quoted SMT-LIB symbol.

    Quoted symbols cannot contain `|` or `\\`; those (and `%`, to keep the
    mapping one-to-one) are percent-encoded.
    """
    if any(c in name for c in "|\\%"):
        name = name.replace("%", "%25").replace("|", "%7C").replace("\\", "%5C")
    return f"|{name}|"


def sort_of(width: int) -> str:
    return "Bool" if width == 0 else f"(_ BitVec {width})"


def bv_literal(value: int, width: int) -> str:
    return f"(_ bv{value & ((1 << width) - 1)} {width})"


def to_smtlib(assertions: Sequence[Term]) -> str:
    """An SMT-LIB 2 script checking the conjunction of `assertions`."""
    return _Writer(assertions).script()


class _Writer:
    def __init__(self, assertions: Sequence[Term]) -> None:
        for a in assertions:
            if a.width != 0:
                raise panic(f"SMT-LIB assertions must be Bool terms, not width {a.width}")
        self.assertions = list(assertions)
        self.variables = cone_variables(self.assertions)
        # Definition names must not collide with any (quoted) variable name.
        prefix = "_t"
        while any(v.name.startswith(prefix) for v in self.variables):
            prefix = "_" + prefix
        self.prefix = prefix
        self.counter = 0
        self.lines: list[str] = []

    def fresh(self) -> str:
        name = f"{self.prefix}{self.counter}"
        self.counter += 1
        return name

    def define(self, expr: str, width: int) -> str:
        name = self.fresh()
        self.lines.append(f"(define-fun {name} () {sort_of(width)} {expr})")
        return name

    def script(self) -> str:
        order, uses = self._post_order()
        ref: dict[Term, str] = {}
        depth: dict[Term, int] = {}
        # A BITFUN expansion repeats its leaves; they must be names or atoms.
        bitfun_args = {a for t in order if t.op is Op.BITFUN for a in t.args}
        for t in order:
            if t.op is Op.VAR:
                ref[t], depth[t] = quote_symbol(t.name), 0
                continue
            if t.op is Op.CONST:
                ref[t] = ("true" if t.value else "false") if t.width == 0 else bv_literal(int(t.value), t.width)
                depth[t] = 0
                continue
            args = [ref[a] for a in t.args]
            expr = self._expr(t, args)
            d = 1 + max((depth[a] for a in t.args), default=0)
            if uses[t] > 1 or d >= MAX_INLINE_DEPTH or t in bitfun_args:
                ref[t], depth[t] = self.define(expr, t.width), 0
            else:
                ref[t], depth[t] = expr, d
        head = ["(set-option :produce-models true)", "(set-logic QF_BV)"]
        head += [f"(declare-fun {quote_symbol(v.name)} () {sort_of(v.width)})" for v in self.variables]
        tail = [f"(assert {ref[a]})" for a in self.assertions] + ["(check-sat)"]
        return "\n".join(head + self.lines + tail) + "\n"

    def _post_order(self) -> tuple[list[Term], dict[Term, int]]:
        """Cone nodes, arguments first, and how often each is used."""
        uses: dict[Term, int] = {}
        order: list[Term] = []
        stack: list[tuple[Term, bool]] = [(a, False) for a in reversed(self.assertions)]
        for a in self.assertions:
            uses[a] = uses.get(a, 0) + 1
        done: set[Term] = set()
        while stack:
            t, ready = stack.pop()
            if t in done:
                continue
            if ready:
                done.add(t)
                order.append(t)
                continue
            stack.append((t, True))
            for a in t.args:
                uses[a] = uses.get(a, 0) + 1
            stack.extend((a, False) for a in reversed(t.args) if a not in done)
        return order, uses

    def _expr(self, t: Term, args: list[str]) -> str:
        op = t.op
        if op in _SIMPLE:
            return f"({_SIMPLE[op]} {' '.join(args)})"
        if op in _NARY:
            name, empty = _NARY[op]
            if len(args) == 1:
                return args[0]
            if not args:
                if t.width == 0:
                    return "true" if op is Op.AND else "false"
                assert empty is not None
                return bv_literal(empty, t.width)
            return f"({name} {' '.join(args)})"
        if op is Op.EXTRACT:
            hi, lo = t.params
            return f"((_ extract {hi} {lo}) {args[0]})"
        if op is Op.SEXT:
            extra = t.params[0]
            return f"((_ sign_extend {extra}) {args[0]})" if extra else args[0]
        if op is Op.CONCAT:
            # concat is binary in SMT-LIB: nest to the right.
            out = args[-1]
            for a in reversed(args[:-1]):
                out = f"(concat {a} {out})"
            return out
        if op is Op.BITFUN:
            return self._bitfun(t, args)
        raise panic(f"no SMT-LIB form for operator {op}")

    def _bitfun(self, t: Term, leaves: list[str]) -> str:
        tt = t.params[0]
        assert isinstance(tt, int)
        f = formula(tt, len(leaves))
        counts: dict[Formula, int] = {}
        stack = [f]
        while stack:
            g = stack.pop()
            counts[g] = counts.get(g, 0) + 1
            if counts[g] == 1 and g[0] in ("not", "and", "or", "xor"):
                stack.extend(g[1:])
        names: dict[Formula, str] = {}

        def go(g: Formula) -> str:
            if g in names:
                return names[g]
            kind = g[0]
            if kind == "leaf":
                return leaves[g[1]]
            if kind == "const":
                return bv_literal(-1 if g[1] else 0, t.width)
            parts = " ".join(go(x) for x in g[1:])
            text = f"(bv{kind} {parts})"
            if counts[g] > 1:
                # A subformula used twice becomes a definition of its own.
                names[g] = self.define(text, t.width)
                return names[g]
            return text

        return go(f)
