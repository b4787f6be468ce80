"""A compact s-expression rendering of Cryptol AST nodes, so parser tests can state
the expected tree shape in one readable string (spans are left out)."""

from __future__ import annotations

from crux_py.cryptol import syntax as S


def show(node: object) -> str:
    """Render an expression, type, pattern, prop or declaration."""
    match node:
        case S.Var(name=n) | S.TVar(name=n) | S.PVar(name=n):
            return n
        case S.Lit(value=v, width=None):
            return str(v)
        case S.Lit(value=v, width=w):
            return f"{v}:{w}"
        case S.StrLit(value=v):
            return repr(v)
        case S.App():
            fn, args = node, []
            while isinstance(fn, S.App):
                args.append(fn.arg)
                fn = fn.fn
            return "(" + " ".join([show(fn)] + [show(a) for a in reversed(args)]) + ")"
        case S.TypeApp(expr=e, args=args):
            return f"{show(e)}`{{{', '.join(show(a) for a in args)}}}"
        case S.TypeArg(name=None, type=t):
            return show(t)
        case S.TypeArg(name=n, type=t):
            return f"{n}={show(t)}"
        case S.Demote(type=t):
            return f"`{show(t)}"
        case S.Tuple(items=items) | S.TTuple(items=items) | S.PTuple(items=items):
            return "(" + ", ".join(show(i) for i in items) + ")"
        case S.SeqLit(items=items) | S.PSeq(items=items):
            return "[" + ", ".join(show(i) for i in items) + "]"
        case S.EnumFromTo(first=a, then=None, last=c):
            return f"[{show(a)} .. {show(c)}]"
        case S.EnumFromTo(first=a, then=b, last=c):
            return f"[{show(a)}, {show(b)} .. {show(c)}]"
        case S.InfFrom(first=a, then=None):
            return f"[{show(a)} ...]"
        case S.InfFrom(first=a, then=b):
            return f"[{show(a)}, {show(b)} ...]"
        case S.Comprehension(head=h, branches=bs):
            return "[" + show(h) + "".join(" | " + ", ".join(show(g) for g in b) for b in bs) + "]"
        case S.Generator(pattern=p, expr=e):
            return f"{show(p)} <- {show(e)}"
        case S.If(cond=c, then=t, orelse=o):
            return f"(if {show(c)} {show(t)} {show(o)})"
        case S.Case(scrutinee=s, alts=alts):
            return f"(case {show(s)} " + "; ".join(f"{show(a.pattern)} -> {show(a.body)}" for a in alts) + ")"
        case S.Lambda(params=ps, body=b):
            return "(\\" + " ".join(show(p) for p in ps) + f" -> {show(b)})"
        case S.Where(expr=e, decls=ds):
            return f"({show(e)} where " + "; ".join(show(d) for d in ds) + ")"
        case S.Typed(expr=e, type=t) | S.PTyped(pattern=e, type=t):
            return f"({show(e)} : {show(t)})"
        case S.TNum(value=v):
            return str(v)
        case S.TInf():
            return "inf"
        case S.TBit():
            return "Bit"
        case S.TWild() | S.PWild():
            return "_"
        case S.TSeq(length=n, elem=S.TBit()):
            return f"[{show(n)}]"
        case S.TSeq(length=n, elem=e):
            return f"[{show(n)}]{show(e)}"
        case S.TFun(arg=a, result=r):
            return f"({show(a)} -> {show(r)})"
        case S.TApp(name=n, args=args) | S.Prop(name=n, args=args) | S.PCon(name=n, args=args):
            return "(" + " ".join([n] + [show(a) for a in args]) + ")"
        case S.Schema(tparams=tps, props=props, type=t):
            head = "{" + ", ".join(tps) + "} " if tps else ""
            quals = "(" + ", ".join(show(p) for p in props) + ") => " if props else ""
            return head + quals + show(t)
        case S.Signature(names=ns, schema=s):
            return f"{', '.join(ns)} : {show(s)}"
        case S.Binding(name=n, params=ps, body=b, is_property=prop):
            head = ("property " if prop else "") + " ".join([n] + [show(p) for p in ps])
            if isinstance(b, S.Guarded):
                return head + "".join(f" | {', '.join(show(p) for p in g.props)} => {show(g.body)}"
                                      for g in b.guards)
            return f"{head} = {show(b)}"
        case S.PatternBinding(pattern=p, expr=e):
            return f"{show(p)} = {show(e)}"
        case S.TypeSynonym(name=n, params=ps, type=t):
            return "type " + " ".join([n, *ps]) + f" = {show(t)}"
        case S.ConstraintSynonym(name=n, params=ps, props=props):
            return "type constraint " + " ".join([n, *ps]) + " = (" + ", ".join(show(p) for p in props) + ")"
        case S.ParamType(name=n, kind=k):
            return f"type {n} : {k}"
        case S.ParamConstraint(props=props):
            return "type constraint (" + ", ".join(show(p) for p in props) + ")"
        case S.TopDecl(decl=d, private=priv):
            return ("private " if priv else "") + show(d)
    raise TypeError(f"cannot show {node!r}")
