"""The type schemes of the built-in Prelude, in Cryptol notation.

The table `SIGNATURES` is read once (lazily) by a small reader for the
signature notation, so the Prelude does not depend on the lark front end.
The meanings of these names live in `prelude.py` (values) and the type-level
operators in `sizes.py`. Module definitions shadow every name here.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from crux_py.cryptol.types import (
    BIT,
    INF,
    INTEGER,
    Pred,
    Scheme,
    Size,
    SzOp,
    SzRigid,
    TParam,
    Ty,
    TyFun,
    TyOption,
    TyRigid,
    TySeq,
    TyTuple,
)

SIGNATURES = r"""
True False : Bit
Some : {a} a -> Option a
None : {a} Option a
zero : {a} (Zero a) => a
error : {a, n} (fin n) => [n][8] -> a
undefined : {a} a
+ - * : {a} (Ring a) => a -> a -> a
negate : {a} (Ring a) => a -> a
fromInteger : {a} (Ring a) => Integer -> a
/ % : {a} (Integral a) => a -> a -> a
toInteger : {a} (Integral a) => a -> Integer
^^ : {a, e} (Ring a, Integral e) => a -> e -> a
&& || ^ : {a} (Logic a) => a -> a -> a
~ complement : {a} (Logic a) => a -> a
== != : {a} (Eq a) => a -> a -> Bit
< > <= >= : {a} (Cmp a) => a -> a -> Bit
<$ >$ <=$ >=$ : {a} (SignedCmp a) => a -> a -> Bit
/$ %$ : {n} (fin n, n >= 1) => [n] -> [n] -> [n]
>>$ : {n, ix} (fin n, n >= 1, Integral ix) => [n] -> ix -> [n]
min max : {a} (Cmp a) => a -> a -> a
abs : {a} (Cmp a, Ring a) => a -> a
==> /\ \/ : Bit -> Bit -> Bit
# : {front, back, a} (fin front) => [front]a -> [back]a -> [front + back]a
<< >> : {n, ix, a} (Integral ix, Zero a) => [n]a -> ix -> [n]a
<<< >>> : {n, ix, a} (fin n, Integral ix) => [n]a -> ix -> [n]a
@ : {n, a, ix} (Integral ix) => [n]a -> ix -> a
! : {n, a, ix} (fin n, Integral ix) => [n]a -> ix -> a
@@ : {n, k, ix, a} (Integral ix) => [n]a -> [k]ix -> [k]a
!! : {n, k, ix, a} (fin n, Integral ix) => [n]a -> [k]ix -> [k]a
update : {n, a, ix} (Integral ix) => [n]a -> ix -> a -> [n]a
updateEnd : {n, a, ix} (fin n, Integral ix) => [n]a -> ix -> a -> [n]a
updates : {n, k, ix, a} (Integral ix, fin k) => [n]a -> [k]ix -> [k]a -> [n]a
updatesEnd : {n, k, ix, a} (fin n, Integral ix, fin k) => [n]a -> [k]ix -> [k]a -> [n]a
length : {n, a, b} (fin n, Literal n b) => [n]a -> b
number : {val, a} (Literal val a) => a
take : {front, back, a} [front + back]a -> [front]a
drop : {front, back, a} (fin front) => [front + back]a -> [back]a
splitAt : {front, back, a} (fin front) => [front + back]a -> ([front]a, [back]a)
join : {parts, each, a} (fin each) => [parts][each]a -> [parts * each]a
split : {parts, each, a} (fin each) => [parts * each]a -> [parts][each]a
groupBy : {each, parts, a} (fin each) => [parts * each]a -> [parts][each]a
reverse : {n, a} (fin n) => [n]a -> [n]a
transpose : {rows, cols, a} [rows][cols]a -> [cols][rows]a
head : {n, a} [1 + n]a -> a
tail : {n, a} [1 + n]a -> [n]a
last : {n, a} (fin n) => [1 + n]a -> a
map : {n, a, b} (a -> b) -> [n]a -> [n]b
foldl foldl' : {n, a, b} (fin n) => (a -> b -> a) -> a -> [n]b -> a
foldr : {n, a, b} (fin n) => (a -> b -> b) -> b -> [n]a -> b
scanl : {n, a, b} (a -> b -> a) -> a -> [n]b -> [1 + n]a
scanr : {n, a, b} (fin n) => (a -> b -> b) -> b -> [n]a -> [1 + n]b
iterate : {a} (a -> a) -> a -> [inf]a
repeat : {n, a} a -> [n]a
zip : {n, a, b} [n]a -> [n]b -> [n](a, b)
zipWith : {n, a, b, c} (a -> b -> c) -> [n]a -> [n]b -> [n]c
and or : {n} (fin n) => [n]Bit -> Bit
all any : {n, a} (fin n) => (a -> Bit) -> [n]a -> Bit
elem : {n, a} (fin n, Eq a) => a -> [n]a -> Bit
sum product : {n, a} (fin n, Ring a) => [n]a -> a
carry : {n} (fin n) => [n] -> [n] -> Bit
scarry : {n} (fin n, n >= 1) => [n] -> [n] -> Bit
pmult : {u, v} (fin u, fin v) => [1 + u] -> [1 + v] -> [1 + (u + v)]
pmod : {u, v} (fin u, fin v) => [u] -> [1 + v] -> [v]
pdiv : {u, v} (fin u, fin v) => [u] -> [v] -> [u]
zext : {m, n} (fin m, m >= n) => [n] -> [m]
sext : {m, n} (fin m, m >= n, n >= 1) => [n] -> [m]
lg2 : {n} (fin n) => [n] -> [n]
infFrom : {a} (Integral a) => a -> [inf]a
infFromThen : {a} (Integral a) => a -> a -> [inf]a
fromTo : {first, last, a} (fin last, last >= first, Literal last a) => [1 + (last - first)]a
fromThenTo : {first, next, last, a, len} (fin first, fin next, fin last, Literal first a, Literal next a, Literal last a, first != next, lenFromThenTo first next last == len) => [len]a
fromToLessThan : {first, bound, a} (fin first, bound >= first, LiteralLessThan bound a) => [bound - first]a
generate : {n, a, ix} (Integral ix, LiteralLessThan n ix) => (ix -> a) -> [n]a
"""

# Prelude type synonyms with their parameter count; expanded by `tc_types.py`.
TYPE_NAMES = {"Bit": 0, "Bool": 0, "Integer": 0, "Option": 1, "String": 1, "Word": 1, "Char": 0}

_TOKEN = re.compile(r"\s*(->|=>|==|!=|>=|<=|\^\^|[{}()\[\],<>+\-*/%]|[A-Za-z_][\w']*|\d+)")
_uids = itertools.count(1_000_000_000)


class _Reader:
    """Recursive descent over one signature in the notation above."""

    def __init__(self, text: str) -> None:
        self.toks = [m.group(1) for m in _TOKEN.finditer(text)]
        self.i = 0
        self.vars: dict[str, SzRigid | TyRigid] = {}
        self.names: list[str] = []

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.toks[self.i]
        assert expected is None or tok == expected, (tok, expected, self.toks)
        self.i += 1
        return tok

    def var(self, name: str, kind: str) -> SzRigid | TyRigid:
        v = self.vars.get(name)
        if v is None:
            v = SzRigid(name, next(_uids)) if kind == "#" else TyRigid(name, next(_uids))
            self.vars[name] = v
        assert (type(v) is SzRigid) == (kind == "#"), name
        return v

    def scheme(self) -> Scheme:
        if self.peek() == "{":
            self.take("{")
            while self.peek() != "}":
                self.names.append(self.take())
                if self.peek() == ",":
                    self.take(",")
            self.take("}")
        props: list[Pred] = []
        if self.peek() == "(" and "=>" in self.toks:
            self.take("(")
            while self.peek() != ")":
                props.append(self.prop())
                if self.peek() == ",":
                    self.take(",")
            self.take(")")
            self.take("=>")
        ty = self.type()
        for n in self.names:
            self.vars.setdefault(n, SzRigid(n, next(_uids)))
        tparams = tuple(TParam(n, "#" if type(self.vars[n]) is SzRigid else "*", self.vars[n])
                        for n in self.names)
        return Scheme(tparams, tuple(props), ty)

    def prop(self) -> Pred:
        head = self.peek()
        if head == "fin":
            self.take()
            return Pred("fin", (self.size(),))
        if head in ("Zero", "Logic", "Ring", "Integral", "Cmp", "SignedCmp", "Eq"):
            self.take()
            return Pred(head, (self.atype(),))
        if head in ("Literal", "LiteralLessThan"):
            self.take()
            n = self.size_atom()
            return Pred(head, (n, self.atype()))
        a = self.size()
        rel = self.take()
        return Pred(rel, (a, self.size()))

    def type(self) -> Ty:
        t = self.atype()
        if self.peek() == "->":
            self.take()
            return TyFun(t, self.type())
        return t

    def atype(self) -> Ty:
        tok = self.take()
        if tok == "Bit":
            return BIT
        if tok == "Integer":
            return INTEGER
        if tok == "Option":
            return TyOption(self.atype())
        if tok == "[":
            n = self.size()
            self.take("]")
            nxt = self.peek() or ""
            if nxt in ("[", "(") or nxt.isidentifier():
                return TySeq(n, self.atype())
            return TySeq(n, BIT)
        if tok == "(":
            items = [self.type()]
            while self.peek() == ",":
                self.take()
                items.append(self.type())
            self.take(")")
            return items[0] if len(items) == 1 else TyTuple(tuple(items))
        return self.var(tok, "*")  # type: ignore[return-value]

    def size(self) -> Size:
        left = self.size_prod()
        while self.peek() in ("+", "-"):
            op = self.take()
            left = SzOp(op, (left, self.size_prod()))
        return left

    def size_prod(self) -> Size:
        left = self.size_app()
        while self.peek() in ("*", "/", "%"):
            op = self.take()
            left = SzOp(op, (left, self.size_app()))
        return left

    def size_app(self) -> Size:
        if self.peek() in ("width", "lg2", "min", "max", "lenFromThenTo"):
            op = self.take()
            arity = {"width": 1, "lg2": 1, "min": 2, "max": 2, "lenFromThenTo": 3}[op]
            return SzOp(op, tuple(self.size_atom() for _ in range(arity)))
        return self.size_atom()

    def size_atom(self) -> Size:
        tok = self.take()
        if tok == "(":
            s = self.size()
            self.take(")")
            return s
        if tok.isdigit():
            return int(tok)
        if tok == "inf":
            return INF
        return self.var(tok, "#")  # type: ignore[return-value]


@lru_cache(maxsize=1)
def prelude_schemes() -> dict[str, Scheme]:
    table: dict[str, Scheme] = {}
    for line in SIGNATURES.strip().splitlines():
        names, sig = line.split(" : ", 1)
        for name in names.split():
            table[name] = _Reader(sig).scheme()
    return table


def read_scheme(text: str) -> Scheme:
    """A scheme in the notation above (for tests and built-in helpers)."""
    return _Reader(text).scheme()
