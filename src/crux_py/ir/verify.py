"""Well-formedness checks for a FunctionIR (syntax only, no semantics).

`verify` returns a list of problems (empty when well formed); the frontend
runs it after every translation and treats any problem as an internal
error. Checked: block labels match their keys; entry and exit exist; the
exit block is empty and is the only one ending in `Return(ret)`; every jump
target exists; every `Branch` condition is the register written by a
`Truth` that is the last statement of its block; every block except the
exit is reachable from the entry. Nested functions (`MakeFunction`) are
checked too. The node contract is in `nodes.py` and `function.py`.
"""

from __future__ import annotations

from crux_py.ir.function import FunctionIR
from crux_py.ir.nodes import Branch, Jump, MakeFunction, Reg, Return, Truth, Try


def verify(fir: FunctionIR) -> list[str]:
    problems = _verify_one(fir)
    for block in fir.blocks.values():
        for stmt in block.stmts:
            if isinstance(stmt, MakeFunction):
                problems.extend(f"in {stmt.func.qualname}: {p}" for p in verify(stmt.func))
    return problems


def _verify_one(fir: FunctionIR) -> list[str]:
    problems: list[str] = []
    for label, block in fir.blocks.items():
        if block.label != label:
            problems.append(f"block keyed {label} is labelled {block.label}")
    if fir.entry not in fir.blocks:
        problems.append(f"entry block {fir.entry} missing")
    if fir.exit not in fir.blocks:
        problems.append(f"exit block {fir.exit} missing")
    else:
        exit_block = fir.blocks[fir.exit]
        if exit_block.stmts:
            problems.append("exit block has statements")
        if exit_block.term != Return(fir.ret, exit_block.term.span):
            problems.append(f"exit block does not end in `return {fir.ret}`")
    for label, block in fir.blocks.items():
        term = block.term
        if isinstance(term, Return) and label != fir.exit:
            problems.append(f"block {label} returns but is not the exit block")
        if isinstance(term, Try):
            for target in (term.body_end, term.end):
                if target not in fir.blocks:
                    problems.append(f"block {label} jumps to unknown block {target}")
        if isinstance(term, (Jump, Branch, Try)):
            for target in fir.successors(label):
                if target not in fir.blocks:
                    problems.append(f"block {label} jumps to unknown block {target}")
        if isinstance(term, Branch):
            last = block.stmts[-1] if block.stmts else None
            if not (
                isinstance(term.cond, Reg) and isinstance(last, Truth) and last.dst == term.cond
            ):
                problems.append(
                    f"branch condition {term.cond} of block {label} is not set by a Truth"
                    " just before it"
                )
    reachable = _reachable(fir)
    problems.extend(
        f"block {label} is unreachable"
        for label in fir.blocks
        if label not in reachable and label != fir.exit
    )
    return problems


def _reachable(fir: FunctionIR) -> set[str]:
    seen: set[str] = set()
    stack = [fir.entry] if fir.entry in fir.blocks else []
    while stack:
        label = stack.pop()
        if label in seen:
            continue
        seen.add(label)
        stack.extend(t for t in fir.successors(label) if t in fir.blocks)
    return seen
