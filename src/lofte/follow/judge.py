"""The per-kind rules behind `lofte.follow.standing.assess_activity`.

`plan` gives what the calendar alone says (how many are expected by now,
which items or terms are required); `outcome` judges the records against it.
Both return `ActivityStatus` fields as a dict.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple

from lofte.follow.calendar import Term

if TYPE_CHECKING:
    from lofte.model import CountTarget, CoverageTarget, PlaceList, Record, Target


class Span(NamedTuple):
    """An activity's time: from its start to its deadline, seen on ``view``."""

    start: date
    deadline: date
    view: date  # as_of, or the day after the term the view is restricted to
    closed: list[Term]  # the terms closed on ``view``, in the kind the target counts
    places: Mapping[str, PlaceList] | None = None  # the municipality's place lists
    reported: frozenset[str] = frozenset()  # closed terms a span record (`covers`) reports on

    @property
    def ended(self) -> bool:
        """Whether the deadline has passed: the target is judged, not paced."""
        return self.view > self.deadline

    def share(self) -> Fraction:
        """The share of the activity's days that closed terms cover (0 to 1).

        Pace moves only when a term closes, so a mid-term look does not punish
        work that is planned for the rest of the term.  A term partly before
        the start (signed 16 March, mid-T1) counts only with its days from the
        start: for 2020 that is 46 of 291 days once T1 has closed.
        """
        closed_end = max((t.end for t in self.closed), default=None)
        if closed_end is None or closed_end < self.start:
            return Fraction(0)
        total = (self.deadline - self.start).days + 1
        if total <= 0:
            return Fraction(1)
        done = (min(closed_end, self.deadline) - self.start).days + 1
        return Fraction(done, total)

    def due_terms(self) -> list[Term]:
        """Closed terms that overlap the activity's time: each needs its follow-up."""
        return [t for t in self.closed if t.end >= self.start and t.start <= self.deadline]


def coverage_list(
    target: CoverageTarget, places: Mapping[str, PlaceList] | None
) -> tuple[tuple[str, ...], bool]:
    """The items a coverage target requires and whether that list is complete.

    No items when the list is named (``of:``) but not known here.
    """
    if target.items is not None:
        return tuple(target.items), True
    if places is not None and target.of is not None and target.of in places:
        return tuple(places[target.of].items), places[target.of].complete
    return (), True


def _paced_number(target: CountTarget | CoverageTarget, span: Span) -> int:
    """How many the whole target asks for, where a pace applies (0 where none does)."""
    if target.kind == "coverage":
        return len(coverage_list(target, span.places)[0])
    # A cap has no pace, and a vague amount ("flera") no number to pace.
    return 0 if target.comparator in ("at_most", "vague") else target.number


def plan(target: Target | None, span: Span) -> dict[str, Any]:
    """What the calendar alone says: expected by now, required items, terms due."""
    if target is None or target.kind == "milestone":
        return {}
    if target.kind == "recurring" or target.kind == "ongoing":
        return {"terms_due": tuple(t.id for t in span.due_terms())}
    fields: dict[str, Any] = {}
    if target.kind == "coverage":
        items, complete = coverage_list(target, span.places)
        fields = {"items": items, "list_complete": complete}
    number = _paced_number(target, span)
    if number and not span.ended:
        fields["expected"] = round(float(number * span.share()), 2)
    return fields


def outcome(
    target: Target, records: list[Record], recorded: int | None, span: Span
) -> dict[str, Any]:
    """The standing of an activity that has records, with what they cover."""
    if target.kind == "count":
        return {"standing": _count(target, recorded, span)}
    if target.kind == "coverage":
        return _coverage(target, records, span)
    if target.kind == "milestone":
        return {"standing": "done"}
    at_least = target.at_least if target.kind == "recurring" else 1
    dated = [r.date for r in records if r.covers is None and r.date is not None]
    due = span.due_terms()
    met = [t for t in due if sum(t.contains(d) for d in dated) >= at_least]
    # A term a span record reports on is followed up, but the record says nothing
    # finer (how often, when): such a term is neither met nor missed.
    reported = [t for t in due if t not in met and t.id in span.reported]
    every = len(met) + len(reported) == len(due)
    if target.kind == "ongoing":
        standing = "followed_up" if every else "behind"
    elif every and reported:
        standing = "followed_up"
    elif span.ended:
        standing = "kept" if every else "partly_kept" if met or reported else "not_kept"
    else:
        standing = "on_track" if every else "behind"
    return {
        "standing": standing,
        "terms_met": tuple(t.id for t in due if t in met or t in reported),
    }


def _pace(have: int, target: CountTarget | CoverageTarget, span: Span) -> str:
    # Exact fractions: the rounded `expected` is for display only.
    return "on_track" if have >= _paced_number(target, span) * span.share() else "behind"


def _count(target: CountTarget, recorded: int | None, span: Span) -> str:
    if recorded is None:  # followed up with notes only: the count is unknown
        return "followed_up"
    if target.vague is not None:
        # "flera riktade insatser": counts add up, but no number was promised,
        # so nothing can be kept or not kept against it.
        return "followed_up"
    number = target.number
    if target.comparator == "at_most":
        # A cap has no pace; once passed it cannot be kept again.
        if recorded > number:
            return "not_kept"
        return "kept" if span.ended else "on_track"
    if target.comparator == "exactly" and recorded > number:
        return "exceeded"
    if span.ended:
        return "kept" if recorded >= number else "partly_kept"
    return _pace(recorded, target, span)


def _coverage(target: CoverageTarget, records: list[Record], span: Span) -> dict[str, Any]:
    items, _ = coverage_list(target, span.places)
    # A record with a count and no place leaves the places unknown: the count may
    # have been made anywhere.  A note alone without places claims no coverage.
    known = not any(record.count is not None and not record.places for record in records)
    if not items:  # the list is not known here, so nothing can be said to be missing
        return {"standing": "followed_up", "places_known": known}
    # Places are typed by hand in `lofte record --place`: compare without case.
    seen = {place.casefold() for record in records for place in record.places}
    covered = tuple(item for item in items if item.casefold() in seen)
    missing = tuple(item for item in items if item.casefold() not in seen)
    if not known and missing:
        # Unknown places: nothing is claimed missing, and nothing kept or behind.
        return {"standing": "followed_up", "covered": covered, "places_known": False}
    if not covered:
        standing = "followed_up"
    elif span.ended:
        standing = "partly_kept" if missing else "kept"
    else:
        standing = _pace(len(covered), target, span)
    return {"standing": standing, "covered": covered, "missing": missing, "places_known": known}
