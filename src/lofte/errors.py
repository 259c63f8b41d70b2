"""Problems as values, and the one exception that ends a command.

Following beancount, every stage returns its results together with a list
of `Diagnostic` values instead of raising; the CLI renders them all at once.
Only what truly cannot go on (a usage mistake, an unreadable data directory)
raises `LofteError`, caught once at the CLI boundary.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

# What could break a line of text output or act on a terminal or a CI log:
# every control character (line feed and tab too: a diagnostic is one line),
# the Unicode line and paragraph separators and the bidi controls.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` for one line of text output: control characters shown as escapes (``\\x1b``).

    File names and file contents reach diagnostics and status lines; without
    this a name holding a newline could forge a whole ``path:line:col:`` line,
    or a value an escape sequence or a ``::warning`` line a CI log obeys.
    """
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text


#: ``acknowledged``: a `lofte check` finding the file acknowledges (`acknowledge:`,
#: with a reason); listed as such, never counted as a problem.
Severity = Literal["error", "warning", "acknowledged"]


class Diagnostic(NamedTuple):
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
        line = f"{self.path}:{self.line}:{self.col}: {prefix}{code}{self.message}"
        return printable(line)


class LofteError(Exception):
    """A fatal problem: the command cannot go on.  Exit code 1."""

    exit_code = 1


class UsageError(LofteError):
    """The command line itself is wrong.  Exit code 2."""

    exit_code = 2


def errors_in(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics that are errors, not warnings."""
    return [d for d in diagnostics if d.severity == "error"]
