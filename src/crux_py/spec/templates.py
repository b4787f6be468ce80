"""Templates: the shape of a value seen during a spec's proof, with the
variables that stand for its symbolic parts.

A template records, for a simulator value, which leaves were symbolic
variables (named), which were constants, and how lists, tuples and objects
of user classes nest.
`capture.py` makes templates of a spec's call (arguments, result, lists the
call may change); `override.py` matches them against the values of a later
call and instantiates them with fresh variables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from crux_py.errors import SpecError
from crux_py.sim.state import State
from crux_py.sim.values import InstanceObj, ListObj, Ref, SymBool, SymInt, is_concrete
from crux_py.source import SourceSpan
from crux_py.term.nodes import Op


@dataclass(frozen=True, slots=True)
class VarLeaf:
    """A symbolic int or bool that is exactly the variable `name`."""

    name: str
    width: int
    lo: int
    hi: int
    is_bool: bool


@dataclass(frozen=True, slots=True)
class ConstLeaf:
    value: object


@dataclass(frozen=True, slots=True)
class ListTemplate:
    rid: int
    """The heap object of the list in the spec's run (to follow aliasing and changes)."""
    items: tuple[Template, ...]


@dataclass(frozen=True, slots=True)
class TupleTemplate:
    items: tuple[Template, ...]


@dataclass(frozen=True, slots=True)
class InstanceTemplate:
    """An object of a user class (`self`, say): its class and its attributes."""

    rid: int
    cls: type
    attrs: tuple[tuple[str, Template], ...]


Template = Union[VarLeaf, ConstLeaf, ListTemplate, TupleTemplate, InstanceTemplate]
Mutable = Union[ListTemplate, InstanceTemplate]


def template_of(st: State, value: object, what: str, span: SourceSpan) -> Template:
    """The template of a value whose symbolic parts must be plain variables."""
    if isinstance(value, SymInt):
        if value.term.op is not Op.VAR:
            raise SpecError(f"{what} is an expression, not a symbolic input; call the function on "
                            "symbolic inputs directly", span)
        return VarLeaf(value.term.name, value.term.width, value.lo, value.hi, False)
    if isinstance(value, SymBool):
        if value.term.op is not Op.VAR:
            raise SpecError(f"{what} is an expression, not a symbolic input", span)
        return VarLeaf(value.term.name, 0, 0, 1, True)
    if isinstance(value, Ref):
        obj = st.heap[value.rid]
        if isinstance(obj, InstanceObj):
            return InstanceTemplate(value.rid, obj.cls, tuple((name, template_of(st, x, f"{what}.{name}", span))
                                                              for name, x in obj.attrs))
        if not isinstance(obj, ListObj):
            raise SpecError(f"{what} is not a list, object, int, bool or tuple", span)
        return ListTemplate(value.rid, tuple(template_of(st, x, f"{what}[{i}]", span)
                                             for i, x in enumerate(obj.items)))
    if isinstance(value, tuple):
        return TupleTemplate(tuple(template_of(st, x, f"{what}[{i}]", span) for i, x in enumerate(value)))
    if is_concrete(value):
        return ConstLeaf(value)
    raise SpecError(f"{what} has a kind of value specs do not support ({type(value).__name__})", span)


def _parts(t: Template) -> list[Template]:
    if isinstance(t, (ListTemplate, TupleTemplate)):
        return list(t.items)
    if isinstance(t, InstanceTemplate):
        return [x for _, x in t.attrs]
    return []


def leaves(t: Template) -> list[VarLeaf]:
    if isinstance(t, VarLeaf):
        return [t]
    return [leaf for part in _parts(t) for leaf in leaves(part)]


def mutable_templates(t: Template) -> list[Mutable]:
    """The lists and objects inside a template (what a call may change)."""
    own: list[Mutable] = [t] if isinstance(t, (ListTemplate, InstanceTemplate)) else []
    return own + [x for part in _parts(t) for x in mutable_templates(part)]
