"""Size arithmetic: evaluating, normalising and solving equations between sizes.

Sizes (`types.Size`) are naturals, `inf`, metavariables, rigid variables and
type-level operators. `eval_op` gives the operators their Cryptol meaning on
concrete sizes; `norm` substitutes solved metas and folds what is concrete;
`solve_eq` decides or solves one equation, treating `+ - *` as polynomials
over the unknowns (so `8 * l == l * 8` holds and `m + 16 == 48` gives
`m = 32`) and the other operators as opaque atoms unless they can be
inverted exactly (`2 ^^ m == 256`). The worklist that calls it lives in
`unify.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from crux_py.cryptol.types import INF, Size, SzMeta, SzOp, SzRigid


class SizeError(Exception):
    """An operator applied outside its domain (`3 - 5`, `x / 0`, `inf - inf`, ...)."""


def is_concrete(s: Size) -> bool:
    return type(s) is int or s is INF


def width(n: int) -> int:
    return n.bit_length()


def lg2(n: int) -> int:
    """Ceiling of log2, with lg2 0 = 0."""
    return 0 if n <= 1 else (n - 1).bit_length()


def len_from_then_to(first: int, then: int, last: int) -> int:
    """The length of `[first, then .. last]`."""
    if then > first:
        return 0 if last < first else (last - first) // (then - first) + 1
    if then < first:
        return 0 if last > first else (first - last) // (first - then) + 1
    raise SizeError("enumeration step is zero")


def eval_op(op: str, args: tuple) -> Size:
    """The value of a type-level operator on concrete sizes."""
    if op == "+":
        a, b = args
        return INF if a is INF or b is INF else a + b
    if op == "-":
        a, b = args
        if b is INF:
            raise SizeError(f"cannot subtract inf from {a}")
        if a is INF:
            return INF
        if a < b:
            raise SizeError(f"size {a} - {b} would be negative")
        return a - b
    if op == "*":
        a, b = args
        if a == 0 or b == 0:
            return 0
        return INF if a is INF or b is INF else a * b
    if op in ("/", "%", "/^", "%^"):
        a, b = args
        if b is INF or b == 0:
            raise SizeError(f"size division {a} {op} {b} is undefined")
        if a is INF:
            if op in ("/", "/^"):
                return INF
            raise SizeError(f"size {op} of inf is undefined")
        if op == "/":
            return a // b
        if op == "%":
            return a % b
        if op == "/^":
            return -(-a // b)
        return (b - a % b) % b
    if op == "^^":
        a, b = args
        if a is INF:
            return 1 if b == 0 else INF
        if b is INF:
            if a in (0, 1):
                return a
            return INF
        return a ** b
    if op == "width":
        (a,) = args
        return INF if a is INF else width(a)
    if op == "lg2":
        (a,) = args
        return INF if a is INF else lg2(a)
    if op == "min":
        a, b = args
        if a is INF:
            return b
        if b is INF:
            return a
        return min(a, b)
    if op == "max":
        a, b = args
        return INF if a is INF or b is INF else max(a, b)
    if op == "lenFromThenTo":
        if INF in args:
            raise SizeError("enumeration bounds must be finite")
        return len_from_then_to(*args)
    raise SizeError(f"unknown type-level operator `{op}`")


def compare(rel: str, a: Size, b: Size) -> bool:
    """A numeric relation between concrete sizes (inf is larger than every natural)."""
    if rel == "==":
        return a is b if a is INF or b is INF else a == b
    if rel == "!=":
        return not compare("==", a, b)
    ka = (1, 0) if a is INF else (0, a)
    kb = (1, 0) if b is INF else (0, b)
    return {">=": ka >= kb, "<=": ka <= kb, ">": ka > kb, "<": ka < kb}[rel]


Resolver = Callable[[SzMeta], "Size | None"]


def norm(s: Size, resolve: Resolver) -> Size:
    """Substitute solved metas and fold every concrete operator application.

    Raises `SizeError` when a concrete application is undefined.
    """
    t = type(s)
    if t is int or s is INF or t is SzRigid:
        return s
    if t is SzMeta:
        bound = resolve(s)
        return s if bound is None else norm(bound, resolve)
    args = tuple(norm(a, resolve) for a in s.args)
    if all(type(a) is int or a is INF for a in args):
        return eval_op(s.op, args)
    op = s.op
    if (op == "+" or op == "max") and INF in args:
        return INF
    if op == "min" and INF in args:
        return args[1] if args[0] is INF else args[0]
    if op == "+":
        if args[0] == 0 and type(args[0]) is int:
            return args[1]
        if args[1] == 0 and type(args[1]) is int:
            return args[0]
    elif op == "*":
        for i in (0, 1):
            if type(args[i]) is int and args[i] == 1:
                return args[1 - i]
            if type(args[i]) is int and args[i] == 0:
                return 0
    elif op == "-" and type(args[1]) is int and args[1] == 0:
        return args[0]
    return SzOp(op, args)


def metas_of(s: Size, out: set[SzMeta] | None = None) -> set[SzMeta]:
    out = set() if out is None else out
    t = type(s)
    if t is SzMeta:
        out.add(s)
    elif t is SzOp:
        for a in s.args:
            metas_of(a, out)
    return out


def has_rigid(s: Size) -> bool:
    t = type(s)
    if t is SzRigid:
        return True
    return t is SzOp and any(has_rigid(a) for a in s.args)


# ---- polynomials over unknown atoms -------------------------------------------------------------

Mono = tuple  # sorted tuple of atoms (SzMeta, SzRigid or opaque SzOp)
Poly = dict  # Mono -> int coefficient; the empty Mono is the constant term


def _atom_key(a: object) -> tuple:
    if type(a) is SzMeta:
        return (0, a.id, "")
    if type(a) is SzRigid:
        return (1, a.uid, "")
    return (2, 0, repr(a))


def _padd(p: Poly, q: Poly, k: int = 1) -> Poly:
    r = dict(p)
    for m, c in q.items():
        v = r.get(m, 0) + k * c
        if v:
            r[m] = v
        else:
            r.pop(m, None)
    return r


def _pmul(p: Poly, q: Poly) -> Poly:
    r: Poly = {}
    for m1, c1 in p.items():
        for m2, c2 in q.items():
            m = tuple(sorted(m1 + m2, key=_atom_key))
            v = r.get(m, 0) + c1 * c2
            if v:
                r[m] = v
            else:
                r.pop(m, None)
    return r


def to_poly(s: Size) -> Poly | None:
    """The polynomial of a normalised, `inf`-free size; None if `inf` occurs."""
    t = type(s)
    if t is int:
        return {(): s} if s else {}
    if s is INF:
        return None
    if t is SzMeta or t is SzRigid:
        return {(s,): 1}
    if s.op in ("+", "-", "*"):
        a, b = to_poly(s.args[0]), to_poly(s.args[1])
        if a is None or b is None:
            return None
        if s.op == "+":
            return _padd(a, b)
        if s.op == "-":
            return _padd(a, b, -1)
        return _pmul(a, b)
    return {(s,): 1}


def from_poly(p: Poly) -> Size:
    """A size expression for a polynomial with non-negative constant and coefficients."""
    terms: list[Size] = []
    const = p.get((), 0)
    for m, c in sorted(p.items(), key=lambda kv: [_atom_key(a) for a in kv[0]]):
        if not m:
            continue
        term: Size = m[0]
        for a in m[1:]:
            term = SzOp("*", (term, a))
        if c != 1:
            term = SzOp("*", (c, term))
        terms.append(term)
    result: Size | None = None
    for term in terms:
        result = term if result is None else SzOp("+", (result, term))
    if result is None:
        return const
    return SzOp("+", (result, const)) if const else result


# ---- solving one equation -----------------------------------------------------------------------

TRUE = ("true",)
FALSE = ("false",)
UNKNOWN = ("unknown",)


def solve_eq(a: Size, b: Size) -> tuple:
    """Decide or solve `a == b` for normalised sizes.

    Returns TRUE, FALSE, UNKNOWN (not decidable yet) or `("bind", meta, size)`
    when exactly one unknown can be determined.
    """
    if type(a) in (int,) and type(b) is int:
        return TRUE if a == b else FALSE
    if a is INF or b is INF:
        return _solve_inf(b if a is INF else a)
    pa, pb = to_poly(a), to_poly(b)
    if pa is None or pb is None:
        return UNKNOWN
    diff = _padd(pa, pb, -1)
    if not diff:
        return TRUE
    atoms = {x for m in diff for x in m}
    if not atoms:
        # `m + 1 == m`: no natural solves it, but `inf` may (a stream defined from its own tail).
        return _solve_inf_only(a, b) if metas_of(a) | metas_of(b) else FALSE
    metas: set[SzMeta] = set()
    for x in atoms:
        metas_of(x, metas)
    if not metas:
        return UNKNOWN
    if len(metas) == 1:
        (m,) = metas
        c = diff.get((m,))
        linear = c is not None and all(m not in mono for mono in diff if mono != (m,)) and \
            all(type(x) is not SzOp or m not in metas_of(x) for x in atoms)
        if linear:
            rest = {k: v for k, v in diff.items() if k != (m,)}
            if all(not k for k in rest):
                v = -rest.get((), 0)
                if v % c or v // c < 0:
                    return FALSE
                return ("bind", m, v // c)
            if all(v % c == 0 for v in rest.values()):
                return ("bind", m, from_poly({k: -v // c for k, v in rest.items()}))
            return UNKNOWN
    return _invert(a, b) if type(b) is int else _invert(b, a) if type(a) is int else UNKNOWN


def _solve_inf_only(a: Size, b: Size) -> tuple:
    """Bind the single unknown of `a == b` to `inf` when that makes both sides `inf`."""
    metas = metas_of(a) | metas_of(b)
    if len(metas) != 1 or has_rigid(a) or has_rigid(b):
        return UNKNOWN
    (m,) = metas
    try:
        va, vb = (norm(x, lambda y: INF if y == m else None) for x in (a, b))
    except SizeError:
        return FALSE
    return ("bind", m, INF) if va is INF and vb is INF else FALSE


def unique_solution(a: Size, b: Size) -> tuple[SzMeta, Size] | None:
    """The unknown of `a == b` and its value, when that value is unique; for equations the
    worklist cannot invert, such as the length of a stream defined from its own tail
    (`n == 2 + min n (n - 1)` gives inf, `n == 1 + min n 3000` gives 3001). Each `min`/`max`
    around the unknown is split into its two cases; a case that holds for every value makes
    the solution ambiguous."""
    metas = metas_of(a) | metas_of(b)
    if len(metas) != 1 or has_rigid(a) or has_rigid(b):
        return None
    (m,) = metas

    def holds(v: Size) -> bool:
        try:
            va, vb = (norm(x, lambda y: v if y == m else None) for x in (a, b))
        except SizeError:
            return False
        return compare("==", va, vb)

    splits: list[SzOp] = []
    _minmax(a, m, splits)
    _minmax(b, m, splits)
    if len(splits) > 6:
        return None
    candidates: set = {INF} if holds(INF) else set()
    for choice in range(1 << len(splits)):
        pick = {id(op): op.args[(choice >> i) & 1] for i, op in enumerate(splits)}
        try:
            ca, cb = (norm(_pick(x, pick), lambda y: None) for x in (a, b))
        except SizeError:
            continue
        r = TRUE if ca == cb else solve_eq(ca, cb)
        if r is TRUE:
            return None
        if r[0] == "bind" and r[1] == m:
            candidates.add(r[2])
    valid = [v for v in candidates if holds(v)]
    return (m, valid[0]) if len(valid) == 1 else None


def _minmax(s: Size, m: SzMeta, out: list) -> None:
    if type(s) is SzOp:
        if s.op in ("min", "max") and m in metas_of(s):
            out.append(s)
        for x in s.args:
            _minmax(x, m, out)


def _pick(s: Size, pick: dict) -> Size:
    if type(s) is SzOp:
        if id(s) in pick:
            return _pick(pick[id(s)], pick)
        return SzOp(s.op, tuple(_pick(x, pick) for x in s.args))
    return s


def _solve_inf(other: Size) -> tuple:
    if type(other) is int:
        return FALSE
    metas = metas_of(other)
    if len(metas) != 1:
        return UNKNOWN
    (m,) = metas
    if has_rigid(other):
        return UNKNOWN
    def value_at(v: Size) -> Size | None:
        try:
            return norm(other, lambda x: v if x == m else None)
        except SizeError:
            return None
    if value_at(INF) is not INF:
        return FALSE
    finite = [value_at(k) is INF for k in range(4)]
    if all(finite):
        return TRUE
    return UNKNOWN if any(finite) else ("bind", m, INF)


def _invert(e: Size, v: int) -> tuple:
    """Solve `e == v` when `e` is an exactly invertible operator of one unknown."""
    if type(e) is not SzOp or e.op != "^^":
        return UNKNOWN
    base, exp = e.args
    if type(base) is int and type(exp) is SzMeta:
        if base < 2:
            return UNKNOWN
        k, p = 0, 1
        while p < v:
            p *= base
            k += 1
        return ("bind", exp, k) if p == v else FALSE
    if type(exp) is int and type(base) is SzMeta and exp > 0:
        r = round(v ** (1.0 / exp))
        for cand in (r - 1, r, r + 1):
            if cand >= 0 and cand ** exp == v:
                return ("bind", base, cand)
        return FALSE
    return UNKNOWN
