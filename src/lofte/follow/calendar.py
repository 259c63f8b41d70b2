"""The follow-up calendar: a period's tertials or quarters.

Tertials are January–April, May–August and September–December; quarters are
the usual three-month quarters.  A term is cut to the period where the period
starts or ends inside it (the 2020–2023 agreement runs 2019-12-20 – 2023-06-01,
so its first quarter is 2019-12-20 – 2019-12-31).  A term that lies wholly
before the document's effective start (its signing date, for a promise that
applies from signing) is kept in the list and marked ``before_start``.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import difflib
from datetime import date
from typing import TYPE_CHECKING, Literal, NamedTuple

from lofte.errors import UsageError
from lofte.words import word

if TYPE_CHECKING:
    from lofte.model import Agreement, Deviation, OtherWork, Promise, Record

    Dated = Record | OtherWork | Deviation

TermKind = Literal["tertial", "quarter", "year"]
_MONTHS_PER: dict[str, int] = {"tertial": 4, "quarter": 3, "year": 12}
_LETTER: dict[str, str] = {"tertial": "T", "quarter": "Q", "year": ""}


class Term(NamedTuple):
    """One tertial or quarter of a period, cut to the period's own first and last day."""

    id: str  # always the full id: "2020-T2", "2021-Q3"; a year (`per: year`) is "2022"
    kind: TermKind
    year: int
    number: int
    start: date
    end: date
    before_start: bool = False  # wholly before the document's effective start

    @property
    def short_id(self) -> str:
        """``T2`` or ``Q3``: the id without its year (a year is its own id)."""
        if self.kind == "year":
            return self.id
        return f"{_LETTER[self.kind]}{self.number}"

    @property
    def days(self) -> int:
        """How many days the term has (inside the period)."""
        return (self.end - self.start).days + 1

    def closed(self, as_of: date) -> bool:
        """Whether the term ended before ``as_of``: on its last day it is still running."""
        return self.end < as_of

    def contains(self, day: date) -> bool:
        """Whether ``day`` falls in the term."""
        return self.start <= day <= self.end

    def label(self, lang: str = "sv") -> str:
        """ "Tertial 2 2020 (maj–augusti)"; a cut term names its days: "(20–31 december)"."""
        size = _MONTHS_PER[self.kind]
        first_month = (self.number - 1) * size + 1
        whole = self.start == date(self.year, first_month, 1) and self.end == _month_end(
            self.year, first_month + size - 1
        )
        if whole and self.kind == "year":
            return f"{word('term.year', lang)} {self.year}"
        if whole:
            span = f"{_month(self.start, lang)}–{_month(self.end, lang)}"
        elif self.start.month == self.end.month:
            span = f"{self.start.day}–{self.end.day} {_month(self.end, lang)}"
        else:
            first, last = _month(self.start, lang), _month(self.end, lang)
            span = f"{self.start.day} {first}–{self.end.day} {last}"
        if self.kind == "year":
            return f"{word('term.year', lang)} {self.year} ({span})"
        return f"{word(f'term.{self.kind}', lang)} {self.number} {self.year} ({span})"


def _month(day: date, lang: str) -> str:
    return word(f"month.{day.month}", lang)


def _month_end(year: int, month: int) -> date:
    return date(year, month, _stdlib_calendar.monthrange(year, month)[1])


def kind_of_term_id(term_id: str) -> TermKind:
    """The kind of a term id: ``2020-T1`` a tertial, ``2021-Q3`` a quarter, ``2022`` a year."""
    tail = term_id.split("-")[-1]
    if tail.startswith("Q"):
        return "quarter"
    return "tertial" if tail.startswith("T") else "year"


def month_span(start: date, end: date, lang: str = "sv", *, year: bool = False) -> str:
    """A window in words: "juni–augusti", "15 juni–20 augusti", with years if asked.

    Whole months are named as months; other days as days.  ``year`` adds the
    year (for a period over several years, where the month alone is ambiguous).
    """
    whole = start.day == 1 and end == _month_end(end.year, end.month)
    if whole:
        first, last = _month(start, lang), _month(end, lang)
        if start.year != end.year:
            return f"{first} {start.year}–{last} {end.year}"
        span = first if (start.month == end.month) else f"{first}–{last}"
    elif start.year != end.year:
        first, last = _month(start, lang), _month(end, lang)
        return f"{start.day} {first} {start.year}–{end.day} {last} {end.year}"
    elif start.month == end.month:
        span = f"{start.day}–{end.day} {_month(end, lang)}"
    else:
        span = f"{start.day} {_month(start, lang)}–{end.day} {_month(end, lang)}"
    return f"{span} {end.year}" if year else span


def cadence_of(document: Promise | Agreement) -> TermKind:
    """The document's follow-up cadence; tertial when the file does not say."""
    if document.follow_up is None:
        return "tertial"
    return document.follow_up.cadence


def terms_of(document: Promise | Agreement, kind: TermKind | None = None) -> list[Term]:
    """Every term of the period in order, in ``kind`` or else the document's own cadence."""
    kind = kind or cadence_of(document)
    first, last, effective = document.first_day, document.last_day, document.effective_start
    size = _MONTHS_PER[kind]
    terms: list[Term] = []
    for year in range(first.year, last.year + 1):
        for number in range(1, 12 // size + 1):
            start = date(year, (number - 1) * size + 1, 1)
            end = _month_end(year, number * size)
            if end < first or start > last:
                continue
            start, end = max(start, first), min(end, last)
            ident = str(year) if kind == "year" else f"{year}-{_LETTER[kind]}{number}"
            terms.append(Term(ident, kind, year, number, start, end, end < effective))
    return terms


def find_term(document: Promise | Agreement, name: str) -> Term:
    """The term named ``2024-T1`` (or just ``T2`` when the period lies in one year).

    Raises `UsageError` naming the terms there are, with the nearest as a hint.
    """
    terms = terms_of(document)
    wanted = name.strip().upper()
    one_year = len({t.year for t in terms}) == 1
    for term in terms:
        if wanted == term.id or (one_year and wanted == term.short_id):
            return term
    kind = terms[0].kind
    names = [t.short_id if one_year else t.id for t in terms]
    if not one_year and any(wanted == t.short_id for t in terms):
        years = [t.year for t in terms if t.short_id == wanted]
        hint = "; the period runs over several years, so name one: " + " or ".join(
            f"'{year}-{wanted}'" for year in years
        )
    else:
        close = difflib.get_close_matches(wanted, [t.id for t in terms] + names, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
    listed = ", ".join(names) if len(names) <= 8 else f"{names[0]} … {names[-1]}"
    raise UsageError(f"no {kind} {name!r} in period {document.period}{hint} ({kind}s: {listed})")


# ------------------------------------------------------------------ spans
# A record, an entry of `other_work` or a deviation may say which span it reports
# on (`covers: "2019"`, `2019-T3`, or the period's id) instead of, or besides, a day.


def covers_problem(covers: str, document: Promise | Agreement) -> str | None:
    """Why ``covers`` is not a span of this period, or None when it is one."""
    from lofte.modelbase import covers_bounds

    first, last = document.first_day, document.last_day
    where = f"the period {document.period} ({first.isoformat()} – {last.isoformat()})"
    if "-" in covers and covers[5] not in "TQ":
        # The id is the file name's: a period written "2022/2023" is covered as 2022-2023.
        if covers != document.period_id:
            return f"covers {covers!r} is not this period's id {document.period_id!r}"
        return None
    start, end = covers_bounds(covers)
    if end < first or start > last:
        return f"covers {covers!r} is outside {where}"
    if "-" in covers:
        kind = cadence_of(document)
        ids = [t.id for t in terms_of(document)]
        if covers not in ids:
            listed = ", ".join(ids) if len(ids) <= 8 else f"{ids[0]} … {ids[-1]}"
            return f"covers {covers!r} is not a {kind} of {where}; its {kind}s: {listed}"
    return None


def covers_span(covers: str, document: Promise | Agreement) -> tuple[date, date]:
    """The first and last day ``covers`` names, cut to the period."""
    from lofte.modelbase import covers_bounds

    if covers == document.period_id:
        return document.first_day, document.last_day
    start, end = covers_bounds(covers)
    return max(start, document.first_day), min(end, document.last_day)


def day_of(item: Dated, document: Promise | Agreement) -> date:
    """The day something counts from: its date, else the last day of the span it covers."""
    if item.date is not None:
        return item.date
    assert item.covers is not None  # the model requires one of the two
    return covers_span(item.covers, document)[1]


def covered_terms(item: Dated, terms: list[Term], document: Promise | Agreement) -> list[Term]:
    """The terms lying wholly inside the span ``item`` covers (none without `covers`)."""
    if item.covers is None:
        return []
    start, end = covers_span(item.covers, document)
    return [t for t in terms if start <= t.start and t.end <= end]


def in_term(item: Dated, term: Term, document: Promise | Agreement) -> bool:
    """Whether ``item`` follows ``term`` up: dated inside it, or covering a span holding it."""
    if item.covers is not None:
        start, end = covers_span(item.covers, document)
        return start <= term.start and term.end <= end
    return item.date is not None and term.contains(item.date)
