"""Problems as values, and the one exception that ends a command.

Following beancount, every stage returns its results together with a list
of `Diagnostic` values instead of raising; the CLI renders them all at once.
Only what truly cannot go on (a usage mistake, an unreadable data directory)
raises `LofteError`, caught once at the CLI boundary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: ``acknowledged``: a `lofte check` finding the file acknowledges (`acknowledge:`,
#: with a reason); listed as such, never counted as a problem.
Severity = Literal["error", "warning", "acknowledged"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One located problem: ``path:line:col: message``.

    ``line`` and ``col`` are 1-based.  A problem with the file as a whole
    (missing, unreadable, empty) points at 1:1 so every line has one shape.
    """

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = "error"

    def render(self, with_code: bool = False) -> str:
        """The one-line text form."""
        prefix = f"{self.severity}: " if self.severity != "error" else ""
        code = f"{self.code} " if with_code else ""
        return f"{self.path}:{self.line}:{self.col}: {prefix}{code}{self.message}"


class LofteError(Exception):
    """A fatal problem: the command cannot go on.  Exit code 1."""

    exit_code = 1


class UsageError(LofteError):
    """The command line itself is wrong.  Exit code 2."""

    exit_code = 2


def errors_in(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics that are errors, not warnings."""
    return [d for d in diagnostics if d.severity == "error"]
