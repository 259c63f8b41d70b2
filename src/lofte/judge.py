"""The per-kind rules behind `lofte.standing.assess_activity`, for activities with records.

Each rule returns the fields of `ActivityStatus` it decides, as a dict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from lofte.calendar import Term

if TYPE_CHECKING:
    from lofte.model import CountTarget, CoverageTarget, PlaceList, Record


@dataclass(frozen=True)
class Span:
    """An activity's time: from its start to its deadline, seen on ``view``."""

    start: date
    deadline: date
    view: date  # as_of, or the day after the term the view is restricted to
    closed: list[Term]  # the terms closed on ``view``
    places: Mapping[str, PlaceList] | None = None  # the municipality's place lists

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


def _paced(have: int, of: int, span: Span) -> dict[str, Any]:
    expected = of * span.share()
    standing = "on_track" if have >= expected else "behind"
    return {"standing": standing, "expected": round(float(expected), 2)}


def count(target: CountTarget, recorded: int | None, span: Span) -> dict[str, Any]:
    """A count target: kept/exceeded/partly/not kept at the end, paced before."""
    if recorded is None:  # followed up with notes only: the count is unknown
        return {"standing": "followed_up"}
    number = target.number
    if target.comparator == "at_most":
        # A cap has no pace; once passed it cannot be kept again.
        if recorded > number:
            return {"standing": "not_kept"}
        return {"standing": "kept" if span.ended else "on_track"}
    if target.comparator == "exactly" and recorded > number:
        return {"standing": "exceeded"}
    if span.ended:
        return {"standing": "kept" if recorded >= number else "partly_kept"}
    return _paced(recorded, number, span)


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


def coverage(target: CoverageTarget, records: list[Record], span: Span) -> dict[str, Any]:
    """A coverage target: the items with a record against the whole list."""
    items, _ = coverage_list(target, span.places)
    if not items:  # the list is not known here, so nothing can be said to be missing
        return {"standing": "followed_up"}
    # Places are typed by hand in `lofte record --place`: compare without case.
    seen = {place.casefold() for record in records for place in record.places}
    covered = tuple(item for item in items if item.casefold() in seen)
    missing = tuple(item for item in items if item.casefold() not in seen)
    result: dict[str, Any] = {"covered": covered, "missing": missing}
    if not covered:
        result["standing"] = "followed_up"
    elif span.ended:
        result["standing"] = "partly_kept" if missing else "kept"
    else:
        result.update(_paced(len(covered), len(items), span))
    return result


def terms(kind: str, at_least: int, records: list[Record], span: Span) -> dict[str, Any]:
    """Recurring and ongoing targets: which closed terms had their follow-up."""
    due = [t for t in span.closed if t.end >= span.start and t.start <= span.deadline]
    met = [t for t in due if sum(t.contains(r.date) for r in records) >= at_least]
    every = len(met) == len(due)
    if kind == "ongoing":
        standing = "followed_up" if every else "behind"
    elif span.ended:
        standing = "kept" if every else "partly_kept" if met else "not_kept"
    else:
        standing = "on_track" if every else "behind"
    return {
        "standing": standing,
        "terms_due": tuple(t.id for t in due),
        "terms_met": tuple(t.id for t in met),
    }
