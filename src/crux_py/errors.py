"""The exception classes of crux_py; every one derives from `CruxError`.

Failures of the code under proof are *data* (goals in `sim/goals.py`), never
these exceptions: an exception here means the tool itself cannot continue.
"""

from __future__ import annotations

from crux_py.source import SourceSpan


class CruxError(Exception):
    """Root of all crux_py errors."""


class UserError(CruxError):
    """A mistake in how crux_py is used, reported with a location when known."""

    def __init__(self, message: str, span: SourceSpan | None = None) -> None:
        self.message = message
        self.span = span
        super().__init__(f"{span}: {message}" if span else message)


class UnsupportedFeature(CruxError):
    """Python the engine does not model; never approximated, always reported."""

    def __init__(self, construct: str, span: SourceSpan | None = None, hint: str = "") -> None:
        self.construct = construct
        self.span = span
        self.hint = hint
        where = f"{span}: " if span else ""
        tail = f" ({hint})" if hint else ""
        super().__init__(f"{where}unsupported: {construct}{tail}")


class SolverError(CruxError):
    """A solver backend could not be created or used at all."""


class InternalError(CruxError):
    """A broken invariant inside crux_py: a bug to report, never the user's fault."""


def panic(message: str) -> InternalError:
    """Build the error for a broken invariant; callers `raise panic(...)`."""
    return InternalError(f"crux_py internal error (please report): {message}")


class CryptolError(CruxError):
    """A problem in a Cryptol module, reported as `file:line:col: message`."""

    def __init__(self, message: str, span: SourceSpan | None = None) -> None:
        self.message = message
        self.span = span
        super().__init__(f"{span}: {message}" if span else message)


class CryptolSyntaxError(CryptolError):
    """Cryptol text that does not lex, lay out or parse."""


class CryptolTypeError(CryptolError):
    """Cryptol that parses but is ill-typed (sizes that cannot agree, unknown names, ...)."""


class CryptolEvalError(CryptolError):
    """A Cryptol run-time failure (`error`, an index out of range, division by zero)."""


class SpecError(CruxError):
    """A compositional spec that cannot be used: malformed, unproved, or cyclic."""

    def __init__(self, message: str, span: SourceSpan | None = None) -> None:
        self.message = message
        self.span = span
        super().__init__(f"{span}: {message}" if span else message)
