"""Test support for the term layer: random term DAGs built twice, through the
smart constructors of a `TermContext` and as raw unsimplified nodes in a
separate `TermTable`, plus checks of the invariants canonical terms keep.

The raw twin is the oracle: both evaluate with `crux_py.term.concrete`, so a
rewrite that changes a value, or an interval that misses one, shows up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from hypothesis import strategies as st

from crux_py.term import Op, Term, TermContext
from crux_py.term.concrete import evaluate
from crux_py.term.nodes import TermTable
from crux_py.term.truthtable import depends_on, full_mask

MAX_WIDTH = 70


@dataclass(frozen=True, slots=True)
class Pair:
    smart: Term
    raw: Term

    def __repr__(self) -> str:
        return f"Pair(smart={self.smart!r}, raw={self.raw!r})"


def edge_values(width: int) -> list[int]:
    mask = (1 << width) - 1
    half = 1 << (width - 1)
    return sorted({0, 1, mask, half, half - 1, mask - 1 if width > 1 else 0})


def values(width: int) -> st.SearchStrategy[int]:
    return st.one_of(st.sampled_from(edge_values(width)), st.integers(0, (1 << width) - 1))


@dataclass
class Builder:
    """Draws random operations; every result is kept as a smart/raw `Pair`."""

    draw: Callable[[st.SearchStrategy], object]
    ctx: TermContext = field(default_factory=TermContext)
    raw: TermTable = field(default_factory=TermTable)
    pool: dict[int, list[Pair]] = field(default_factory=dict)
    bools: list[Pair] = field(default_factory=list)
    made: list[Pair] = field(default_factory=list)

    def __repr__(self) -> str:
        return "Builder(" + "; ".join(repr(p.raw) for p in self.made) + ")"

    # ---- leaves ----------------------------------------------------------------
    def var(self, name: str, width: int) -> Pair:
        p = Pair(self.ctx.var(name, width), self.raw.var(name, width))
        self._keep(p)
        return p

    def const(self, value: int, width: int) -> Pair:
        return Pair(self.ctx.const(value, width), self.raw.const(value, width))

    def _keep(self, p: Pair) -> None:
        if p.smart.width == 0:
            self.bools.append(p)
        else:
            self.pool.setdefault(p.smart.width, []).append(p)
        self.made.append(p)

    # ---- operands --------------------------------------------------------------
    def bv(self, width: int) -> Pair:
        """An operand of `width` bits: an existing term, a constant or a resized term."""
        kind = self.draw(st.integers(0, 9))
        if self.pool.get(width) and kind < 6:
            return self.draw(st.sampled_from(self.pool[width]))  # type: ignore[return-value]
        if kind < 8 or not self.pool:
            return self.const(self.draw(values(width)), width)  # type: ignore[arg-type]
        src_w = self.draw(st.sampled_from(sorted(self.pool)))
        src: Pair = self.draw(st.sampled_from(self.pool[src_w]))  # type: ignore[assignment]
        return self.resize(src, width)

    def resize(self, p: Pair, width: int) -> Pair:
        w = p.smart.width
        if w == width:
            return p
        if w > width:
            lo = self.draw(st.integers(0, w - width))
            return self.extract(p, lo + width - 1, lo)  # type: ignore[operator]
        if self.draw(st.booleans()):
            return self.zext(p, width - w)
        return self.sext(p, width - w)

    def boolean(self) -> Pair:
        if self.bools and self.draw(st.integers(0, 3)) > 0:
            return self.draw(st.sampled_from(self.bools))  # type: ignore[return-value]
        if self.draw(st.booleans()) and self.pool:
            w = self.draw(st.sampled_from(sorted(self.pool)))
            name = self.draw(st.sampled_from(CMP))
            return self.cmp(name, self.bv(w), self.bv(w))  # type: ignore[arg-type]
        b = self.draw(st.booleans())
        return Pair(self.ctx.const(b, 0), self.raw.const(b, 0))

    # ---- operations (smart and raw) ----------------------------------------------
    def _made(self, smart: Term, raw: Term) -> Pair:
        p = Pair(smart, raw)
        self._keep(p)
        return p

    def nary(self, name: str, args: list[Pair]) -> Pair:
        op = {"add": Op.ADD, "mul": Op.MUL, "bvand": Op.BVAND, "bvor": Op.BVOR, "bvxor": Op.BVXOR,
              "and_": Op.AND, "or_": Op.OR}[name]
        smart = getattr(self.ctx, name)(*(a.smart for a in args))
        w = args[0].raw.width
        return self._made(smart, self.raw.mk(op, tuple(a.raw for a in args), (), w))

    def binary(self, name: str, a: Pair, b: Pair) -> Pair:
        smart = getattr(self.ctx, name)(a.smart, b.smart)
        ra, rb, w = a.raw, b.raw, a.raw.width
        if name == "sub":
            raw = self.raw.mk(Op.ADD, (ra, self.raw.mk(Op.NEG, (rb,), (), w)), (), w)
        else:
            op = {"udiv": Op.UDIV, "urem": Op.UREM, "sdiv": Op.SDIV, "srem": Op.SREM,
                  "shl": Op.SHL, "lshr": Op.LSHR, "ashr": Op.ASHR}[name]
            raw = self.raw.mk(op, (ra, rb), (), w)
        return self._made(smart, raw)

    def cmp(self, name: str, a: Pair, b: Pair) -> Pair:
        smart = getattr(self.ctx, name)(a.smart, b.smart)
        ra, rb = a.raw, b.raw
        if name == "ne":
            raw = self.raw.mk(Op.NOT, (self.raw.mk(Op.EQ, (ra, rb), (), 0),), (), 0)
        elif name == "implies":
            raw = self.raw.mk(Op.OR, (self.raw.mk(Op.NOT, (ra,), (), 0), rb), (), 0)
        else:
            op = {"eq": Op.EQ, "ult": Op.ULT, "ule": Op.ULE, "slt": Op.SLT, "sle": Op.SLE,
                  "xor": Op.XOR}[name]
            raw = self.raw.mk(op, (ra, rb), (), 0)
        return self._made(smart, raw)

    def unary(self, name: str, a: Pair) -> Pair:
        op = {"neg": Op.NEG, "bvnot": Op.BVNOT, "not_": Op.NOT}[name]
        smart = getattr(self.ctx, name)(a.smart)
        return self._made(smart, self.raw.mk(op, (a.raw,), (), a.raw.width))

    def ite(self, c: Pair, a: Pair, b: Pair) -> Pair:
        smart = self.ctx.ite(c.smart, a.smart, b.smart)
        return self._made(smart, self.raw.mk(Op.ITE, (c.raw, a.raw, b.raw), (), a.raw.width))

    def extract(self, a: Pair, hi: int, lo: int) -> Pair:
        smart = self.ctx.extract(a.smart, hi, lo)
        return self._made(smart, self.raw.mk(Op.EXTRACT, (a.raw,), (hi, lo), hi - lo + 1))

    def concat(self, args: list[Pair]) -> Pair:
        smart = self.ctx.concat(*(a.smart for a in args))
        w = sum(a.raw.width for a in args)
        return self._made(smart, self.raw.mk(Op.CONCAT, tuple(a.raw for a in args), (), w))

    def zext(self, a: Pair, k: int) -> Pair:
        w = a.raw.width
        raw = self.raw.mk(Op.CONCAT, (self.raw.const(0, k), a.raw), (), w + k)
        return self._made(self.ctx.zext(a.smart, k), raw)

    def sext(self, a: Pair, k: int) -> Pair:
        raw = self.raw.mk(Op.SEXT, (a.raw,), (k,), a.raw.width + k)
        return self._made(self.ctx.sext(a.smart, k), raw)

    def rotl(self, a: Pair, k: int) -> Pair:
        w = a.raw.width
        k %= w
        raw = a.raw
        if k:
            hi = self.raw.mk(Op.EXTRACT, (a.raw,), (w - k - 1, 0), w - k)
            lo = self.raw.mk(Op.EXTRACT, (a.raw,), (w - 1, w - k), k)
            raw = self.raw.mk(Op.CONCAT, (hi, lo), (), w)
        return self._made(self.ctx.rotl(a.smart, k), raw)

    def bitfun(self, tt: int, args: list[Pair]) -> Pair:
        tt &= full_mask(len(args))
        smart = self.ctx.bitfun(tt, *(a.smart for a in args))
        raw = self.raw.mk(Op.BITFUN, tuple(a.raw for a in args), (tt,), args[0].raw.width)
        return self._made(smart, raw)

    # ---- one random step ---------------------------------------------------------
    def step(self) -> Pair:
        d = self.draw
        widths = sorted(self.pool)
        w: int = d(st.sampled_from(widths))  # type: ignore[assignment]
        kind = d(st.sampled_from(STEPS))
        if kind == "nary":
            name = d(st.sampled_from(["add", "mul", "bvand", "bvor", "bvxor"]))
            n = d(st.integers(2, 5))
            return self.nary(name, [self.bv(w) for _ in range(n)])  # type: ignore[arg-type]
        if kind == "binary":
            name = d(st.sampled_from(["sub", "udiv", "urem", "sdiv", "srem", "shl", "lshr", "ashr"]))
            return self.binary(name, self.bv(w), self.bv(w))  # type: ignore[arg-type]
        if kind == "const_shift":
            name = d(st.sampled_from(["shl", "lshr", "ashr"]))
            k = self.const(d(st.integers(0, w + 1)) % (1 << w), w)  # type: ignore[arg-type]
            return self.binary(name, self.bv(w), k)  # type: ignore[arg-type]
        if kind == "mask":
            lo = d(st.integers(0, w - 1))
            hi = d(st.integers(lo, w - 1))
            m = self.const(((1 << (hi + 1)) - 1) ^ ((1 << lo) - 1), w)
            name = d(st.sampled_from(["bvand", "bvor", "bvxor"]))
            return self.nary(name, [self.bv(w), m])  # type: ignore[arg-type]
        if kind == "unary":
            return self.unary(d(st.sampled_from(["neg", "bvnot"])), self.bv(w))  # type: ignore[arg-type]
        if kind == "extract":
            hi = d(st.integers(0, w - 1))
            lo = d(st.integers(0, hi))
            return self.extract(self.bv(w), hi, lo)  # type: ignore[arg-type]
        if kind == "concat":
            n = d(st.integers(2, 3))
            parts = []
            for _ in range(n):
                pw = d(st.sampled_from(widths))
                parts.append(self.bv(pw))  # type: ignore[arg-type]
            if sum(p.smart.width for p in parts) > MAX_WIDTH:
                parts = parts[:1]
                parts.append(self.const(0, 1))
            return self.concat(parts)
        if kind == "extend":
            k = d(st.integers(1, max(1, min(8, MAX_WIDTH - w))))
            a = self.bv(w)
            return self.zext(a, k) if d(st.booleans()) else self.sext(a, k)  # type: ignore[arg-type]
        if kind == "rotl":
            return self.rotl(self.bv(w), d(st.integers(0, w)))  # type: ignore[arg-type]
        if kind == "ite":
            return self.ite(self.boolean(), self.bv(w), self.bv(w))
        if kind == "bitfun":
            n = d(st.integers(1, 4))
            tt = d(st.integers(0, (1 << (1 << n)) - 1))
            return self.bitfun(tt, [self.bv(w) for _ in range(n)])  # type: ignore[arg-type]
        if kind == "cmp":
            return self.cmp(d(st.sampled_from(CMP)), self.bv(w), self.bv(w))  # type: ignore[arg-type]
        # Bool connectives
        name = d(st.sampled_from(["and_", "or_", "xor", "not_", "implies", "ite_bool", "eq_bool"]))
        if name in ("and_", "or_"):
            n = d(st.integers(2, 4))
            return self.nary(name, [self.boolean() for _ in range(n)])  # type: ignore[arg-type]
        if name == "not_":
            return self.unary("not_", self.boolean())
        if name == "ite_bool":
            return self.ite(self.boolean(), self.boolean(), self.boolean())
        if name == "eq_bool":
            return self.cmp("eq", self.boolean(), self.boolean())
        return self.cmp(name, self.boolean(), self.boolean())


CMP = ["eq", "ne", "ult", "ule", "slt", "sle"]
STEPS = ["nary", "nary", "binary", "const_shift", "mask", "unary", "extract", "concat", "extend",
         "rotl", "ite", "bitfun", "cmp", "bool"]


@st.composite
def random_dags(draw,  # type: ignore[no-untyped-def]
                max_steps: int = 18) -> tuple[Builder, dict[str, int]]:
    """A Builder after random steps, and a random assignment of its variables."""
    b = Builder(draw)
    widths = draw(st.lists(st.integers(1, MAX_WIDTH), min_size=1, max_size=3))
    for i, w in enumerate(widths):
        for j in range(draw(st.integers(1, 2))):
            b.var(f"v{i}_{j}", w)
    if draw(st.booleans()):
        b.var("flag", 0)
    for _ in range(draw(st.integers(1, max_steps))):
        b.step()
    assignment = {name: draw(values(t.width)) if t.width else draw(st.booleans())
                  for name, t in b.ctx.variables().items()}
    return b, assignment


# ---- walking and checking ---------------------------------------------------------

def subterms(*roots: Term) -> Iterator[Term]:
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        t = stack.pop()
        if t.tid in seen:
            continue
        seen.add(t.tid)
        yield t
        stack.extend(t.args)


def check_values(pairs: list[Pair], assignment: dict[str, int]) -> None:
    """Smart and raw terms agree; every BV subterm lies in its interval."""
    smart_cache: dict[int, int | bool] = {}
    raw_cache: dict[int, int | bool] = {}
    for p in pairs:
        assert p.smart.width == p.raw.width
        got = evaluate(p.smart, assignment, smart_cache)
        want = evaluate(p.raw, assignment, raw_cache)
        assert got == want, f"{p.smart!r} gives {got}, raw {p.raw!r} gives {want}"
    for t in subterms(*(p.smart for p in pairs)):
        if t.width:
            v = smart_cache[t.tid]
            assert t.lo <= v <= t.hi, f"{v} outside [{t.lo}, {t.hi}] for {t!r}"


_NEVER_BUILT = {Op.ULE, Op.SLE}


def check_canonical(roots: list[Term]) -> None:
    """Structural invariants of terms built by the smart constructors."""
    for t in subterms(*roots):
        op, args = t.op, t.args
        assert op not in _NEVER_BUILT, t
        if t.width:
            assert 0 <= t.lo <= t.hi <= (1 << t.width) - 1, t
            assert t.lo < t.hi or op is Op.CONST, f"point interval not folded: {t!r}"
        if op in (Op.ADD, Op.MUL):
            rest = args[1:] if args[0].op is Op.CONST else args
            assert len(args) >= 2 and all(a.op is not Op.CONST for a in rest), t
            # A sum collects equal bases; a product may repeat a factor.
            if op is Op.ADD:
                assert all(x.tid < y.tid for x, y in zip(rest, rest[1:])), t
            else:
                assert all(x.tid <= y.tid for x, y in zip(rest, rest[1:])), t
            if args[0].op is Op.CONST:
                assert args[0].value not in ((0,) if op is Op.ADD else (0, 1)), t
            assert t.width > 1, t
        elif op is Op.BITFUN:
            tt, n = t.params[0], len(args)
            assert 1 <= n <= 4 and 0 <= tt <= full_mask(n), t
            assert all(x.tid < y.tid for x, y in zip(args, args[1:])), t
            assert all(depends_on(tt, i, n) for i in range(n)), t
            assert not (n == 1 and tt == 0b10), t
            mask = (1 << t.width) - 1
            for a in args:
                assert a.op not in (Op.BITFUN, Op.BVAND, Op.BVOR, Op.BVXOR, Op.BVNOT), t
                assert not (a.op is Op.CONST and a.value in (0, mask)), t
        elif op in (Op.BVAND, Op.BVOR, Op.BVXOR):
            assert len(args) >= 2 and all(x.tid < y.tid for x, y in zip(args, args[1:])), t
        elif op is Op.CONCAT:
            assert len(args) >= 2 and all(a.op is not Op.CONCAT for a in args), t
            assert not any(x.op is Op.CONST and y.op is Op.CONST for x, y in zip(args, args[1:])), t
        elif op is Op.EXTRACT:
            hi, lo = t.params
            assert args[0].op not in (Op.CONST, Op.EXTRACT, Op.CONCAT, Op.SEXT), t
            assert (hi, lo) != (args[0].width - 1, 0), t
        elif op is Op.SEXT:
            assert t.params[0] > 0 and args[0].op not in (Op.CONST, Op.SEXT, Op.CONCAT), t
        elif op in (Op.AND, Op.OR):
            assert len(args) >= 2 and all(a.op not in (Op.CONST, op) for a in args), t
            assert all(x.tid < y.tid for x, y in zip(args, args[1:])), t
        elif op is Op.NOT:
            assert args[0].op not in (Op.NOT, Op.CONST), t
        elif op is Op.ITE:
            assert args[0].op not in (Op.CONST, Op.NOT) and args[1] is not args[2], t
        elif op in (Op.EQ, Op.XOR):
            assert args[0].tid < args[1].tid, t
            assert not (args[0].op is Op.CONST and args[1].op is Op.CONST), t
            assert (op is Op.EQ) == (args[0].width > 0), t
