"""A period with the files it refers to, and every activity's standing in it.

`OpenPeriod` is what `lofte.rules.opening.open_period` returns for a file that
validates; `period_status` assesses all of its activities on one day.  Status,
report and the other commands draw these.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from lofte.follow.calendar import Term, find_term, terms_of
from lofte.follow.standing import ActivityStatus, assess, summary_line

T = TypeVar("T", bound="Record | OtherWork | Deviation")

if TYPE_CHECKING:
    from lofte.errors import Diagnostic
    from lofte.model import (
        Activity,
        Agreement,
        Deviation,
        Group,
        Municipality,
        OtherWork,
        PlaceList,
        Promise,
        Record,
    )
    from lofte.read.loader import Loaded


class OpenPeriod(NamedTuple):
    """A period file that validates, with its municipality file and agreement."""

    loaded: Loaded
    document: Promise | Agreement
    municipality: Municipality | None = None
    agreement: Agreement | None = None  # the agreement a promise builds on

    @property
    def places(self) -> dict[str, PlaceList]:
        """The municipality's place lists by name (empty without a municipality file)."""
        return dict(self.municipality.places) if self.municipality is not None else {}


class PeriodStatus(NamedTuple):
    """Every activity of one period with its standing on ``as_of``."""

    period: OpenPeriod
    as_of: date
    term: Term | None
    terms: list[Term]
    rows: list[tuple[Group | None, Activity, ActivityStatus]]

    @property
    def statuses(self) -> list[ActivityStatus]:
        """The statuses alone, in document order."""
        return [row[2] for row in self.rows]

    def counted(self, items: Sequence[T]) -> list[T]:
        """The entries of `other_work` or `deviations` that count on this view's day.

        Like records: dated (or, for a span, ending) on or before ``as_of``, and, in a
        view restricted to a term, not after it.
        """
        from lofte.follow.calendar import day_of

        document = self.period.document
        last = self.as_of if self.term is None else min(self.as_of, self.term.end)
        return [item for item in items if day_of(item, document) <= last]

    def summary(self, lang: str = "en") -> str:
        """ "5 of 7 targets kept, 1 behind, 1 without follow-up"."""
        return summary_line(self.statuses, lang)


class Outcome(NamedTuple):
    """What `lofte status` found: one period, or a line per period file, or problems."""

    period: PeriodStatus | None
    overview: list[PeriodStatus]
    diagnostics: list[Diagnostic]
    #: The data directory is a tree (a folder per municipality): the overview names
    #: its lines ``strangnas/2020``, even when only one municipality's files opened.
    tree: bool = False


def period_status(period: OpenPeriod, as_of: date, tertial: str | None = None) -> PeriodStatus:
    """Assess every activity of an open period; ``tertial`` names a term (raises UsageError)."""
    document = period.document
    term = find_term(document, tertial) if tertial else None
    statuses = assess(document, as_of, term, period.places)
    groups = {group.id: group for group in document.groups()}
    rows = [
        (group if group is not None else groups.get(status.group_id or ""), activity, status)
        for (group, activity), status in zip(document.all_activities(), statuses, strict=True)
    ]
    return PeriodStatus(period, as_of, term, terms_of(document), rows)


__all__ = ["OpenPeriod", "Outcome", "PeriodStatus", "period_status"]
