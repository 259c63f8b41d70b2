"""The stable codes of `lofte check`, their one-line explanations, and what rules share.

A code never changes meaning once released: tools and CI logs refer to it.  LT1xx
are about targets, LT2xx about progress records, LT3xx about freshness.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from typing import NamedTuple

from lofte.errors import Diagnostic, Severity, UsageError
from lofte.read.loader import Loaded, Workspace


class Code(NamedTuple):
    """One check code: its name, default severity and explanation."""

    code: str
    name: str
    severity: Severity
    explanation: str


CODES: dict[str, Code] = {
    c.code: c
    for c in [
        Code(
            "LT101",
            "no-target",
            "error",
            "An activity has no target. Every activity needs one; continuing work without a "
            "number is a target too: `target: {kind: ongoing}`.",
        ),
        Code(
            "LT102",
            "quantity-mismatch",
            "error",
            "The text states a number that the target holds with another number or "
            'comparator: "minst åtta stycken" needs a count target with `at_least: 8`; '
            "a bare number needs `exactly`, högst/max needs `at_most`.",
        ),
        Code(
            "LT103",
            "quantity-untracked",
            "error",
            "The text states a number that no structured target captures (the target is "
            "ongoing, a milestone or a coverage of another size, or already holds another "
            "number). Make the target a count or recurring target, or split the activity.",
        ),
        Code(
            "LT104",
            "vague-quantity",
            "error",
            'The text promises an unstated number ("flera", "några", "ett antal") and the '
            "target does not say how it will be counted: make it a vague count "
            "(`{kind: count, vague: flera, unit: ...}`), or give it a `measure`.",
        ),
        Code(
            "LT201",
            "record-date",
            "error",
            "A progress record is dated before the promise applies (its signing date, with "
            "`applies_from: signing`) or after the --as-of date.",
        ),
        Code(
            "LT202",
            "record-without-count",
            "warning",
            "A progress record under a count target states no count. The format allows it "
            "(a follow-up whose count is unknown), but it cannot be counted toward the target.",
        ),
        Code(
            "LT203",
            "record-place",
            "error",
            "A progress record names a place outside its coverage target's list; a warning "
            "when the list is marked incomplete (`complete: false`).",
        ),
        Code(
            "LT204",
            "record-outside-window",
            "warning",
            "A progress record is dated outside its activity's `window` (\"under "
            'sommarperioden": `window: {start: 2022-06, end: 2022-08}`). It still counts; '
            "correct the date, or the window if the work really ran longer.",
        ),
        Code(
            "LT301",
            "stale",
            "error",
            "A tertial or quarter closed more than --grace days ago (default 30) with no "
            "record or note for the activity: an error while the period runs, a warning once "
            "it has ended; --strict makes warnings errors.",
        ),
    ]
}
UNTRACKED = frozenset({"LT101", "LT102", "LT103", "LT104"})
STALE = frozenset({"LT301"})


def explain(word: str) -> str:
    """``LT102 quantity-mismatch: …`` for a code or a name; an unknown one is a usage error."""
    wanted = word.strip()
    for code in CODES.values():
        if wanted.upper() == code.code or wanted.lower() == code.name:
            return f"{code.code} {code.name}: {code.explanation}"
    choices = [*CODES, *(c.name for c in CODES.values())]
    close = difflib.get_close_matches(wanted.upper(), list(CODES), n=1, cutoff=0.6)
    close = close or difflib.get_close_matches(wanted.lower(), choices, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known codes: {', '.join(CODES)}"
    raise UsageError(f"--explain: unknown check code {word!r}{hint}")


class Context(NamedTuple):
    """What every check rule may look at besides the file: other files and the date.

    The workspace is bounded (`lofte.rules.bulk.KEEP` files): a rule reaches another file
    through it (`Workspace.sibling`), which loads the file again if it was let go.
    """

    workspace: Workspace
    as_of: dt.date
    grace: int


class Finding(NamedTuple):
    """A diagnostic about one activity (its id), so the closing line can count activities."""

    activity: str
    diagnostic: Diagnostic


CheckRule = Callable[[Loaded, Context], list[Finding]]


def finding(
    loaded: Loaded,
    activity: str,
    path: tuple[str | int, ...],
    code: str,
    message: str,
    severity: Severity | None = None,
) -> Finding:
    """A finding at ``path`` with the code's default severity unless one is given."""
    level = severity or CODES[code].severity
    return Finding(activity, loaded.at(path, code, message, severity=level))
