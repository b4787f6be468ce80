"""What4-like terms: hash-consed nodes (`nodes.py`), simplifying constructors
(`context.py` and the rule modules it calls), intervals, concrete evaluation
(`concrete.py`) and printing (`printer.py`). Knows nothing of solvers or IR.
"""

from crux_py.term.context import TermContext
from crux_py.term.nodes import Op, Term

__all__ = ["Op", "Term", "TermContext"]
