"""Where each activity stands on a date: the one computation status, report and check share.

The rules, per target kind (README.md, "How standing is judged", says the same):

- count: the sum of stated counts against the target.  Before the deadline
  it is ``on_track`` or ``behind`` a pro-rata pace (target × the share of the
  activity's time that closed terms cover); after it, ``kept``, ``exceeded``
  (more than an exact number), ``partly_kept`` (fewer) or ``not_kept`` (more
  than an at-most cap, at once).  Records with notes but no count are
  ``followed_up``: count unknown, neither kept nor zero.  A vague count
  ("flera", no number) is ``followed_up`` once anything is recorded: its
  counts add up, but nothing can be kept or not kept against it.
- coverage: covered items against the list, with the same pace and end rules.
- recurring: closed terms (tertials, quarters or calendar years, as ``per``
  says) with enough records against closed terms.
- milestone: ``done`` once recorded.
- ongoing: ``followed_up`` when every closed term has a record, else ``behind``.

Nothing recorded is ``no_follow_up`` (or ``not_started`` before the activity
starts), whatever the date: never zero, and never ``overdue`` or ``behind``,
which only records can show.  ``overdue`` stays in `STANDINGS` so the JSON
summary keeps its keys; silence alone never produces it.  Only records dated
on or before ``as_of`` count.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from lofte.follow import judge
from lofte.follow.calendar import Term, covered_terms, day_of, in_term, terms_of

__all__ = [
    "STANDINGS",
    "ActivityStatus",
    "assess",
    "assess_activity",
    "activity_time",
    "follow_up_from",
    "records_in",
    "summary_line",
    "tally",
    "unrecorded_terms",
]

if TYPE_CHECKING:
    from lofte.model import Activity, Agreement, Group, PlaceList, Promise, Record

#: Every standing, in the order of the JSON summary.  None of them means zero.
STANDINGS = (
    "kept",
    "exceeded",
    "partly_kept",
    "not_kept",
    "on_track",
    "behind",
    "not_started",
    "followed_up",
    "no_follow_up",
    "done",
    "overdue",
)


class ActivityStatus(NamedTuple):
    """One activity's standing on a date, with the numbers behind it."""

    activity_id: str
    group_id: str | None  # its promise or focus area; for a loose activity its `promise:`
    standing: str
    recorded: int | None  # sum of counts; None for other kinds or when no count was stated
    records: int
    last_record: date | None
    kind: str | None = None  # the target's kind; None for an activity without a target
    starts: date | None = None  # when the activity starts to apply
    deadline: date | None = None  # when it is judged: due date, window end or period end
    ended: bool = False  # whether the deadline had passed on the day the view is taken
    # What the calendar alone says, records or not:
    expected: float | None = None  # count/coverage before the deadline: pace by now, 2 decimals
    items: tuple[str, ...] = ()  # coverage: the items required (empty if the list is unknown)
    list_complete: bool = True  # coverage: False when the place list is known to be partial
    terms_due: tuple[str, ...] = ()  # recurring/ongoing: closed terms that need follow-up
    # What the records show, only once there are records (else empty, never "none of them"):
    covered: tuple[str, ...] = ()  # coverage: items with a record, in list order
    missing: tuple[str, ...] = ()  # coverage: items without one
    terms_met: tuple[str, ...] = ()  # recurring/ongoing: due terms that had their follow-up
    reported_for: tuple[str, ...] = ()  # the spans its records cover (`covers`), in file order
    last_covers: str | None = None  # the span of the latest record when it has no date
    places_known: bool = True  # coverage: False when a record names no place (places unknown)
    term: str | None = None  # the term this view is restricted to, if any
    term_records: int | None = None  # records inside that term
    term_recorded: int | None = None  # sum of counts inside that term (None as for recorded)


def records_in(
    activity: Activity,
    term: Term,
    as_of: date | None = None,
    document: Promise | Agreement | None = None,
) -> list[Record]:
    """The activity's records that follow ``term`` up (and count on ``as_of``).

    With ``document``, a record covering a span that holds the term counts too;
    without it only dated records do, each in the term of its date.
    """
    if document is None:
        return [
            r
            for r in activity.progress
            if r.date is not None and term.contains(r.date) and (as_of is None or r.date <= as_of)
        ]
    return [
        r
        for r in activity.progress
        if in_term(r, term, document) and (as_of is None or day_of(r, document) <= as_of)
    ]


def activity_time(document: Promise | Agreement, activity: Activity) -> tuple[date, date]:
    """When an activity runs: from the effective start (or its window's) to its deadline.

    The deadline is its ``due`` date, else its window's end, else the period's last day.
    """
    start = document.effective_start
    deadline = activity.due_day or document.last_day
    if activity.window is not None:
        start = max(start, activity.window.first)
        deadline = min(deadline, activity.window.last)
    return start, deadline


def follow_up_from(document: Promise | Agreement, activity: Activity) -> date:
    """The first day follow-up can be asked of an activity.

    Its start (the effective start, or its window's), and for a milestone
    with a ``due`` date the first day of the term that date falls in: a thing
    to be done by June is not asked about in January.
    """
    start, deadline = activity_time(document, activity)
    target = activity.target
    if activity.due is not None and target is not None and target.kind == "milestone":
        term = next((t for t in terms_of(document) if t.contains(deadline)), None)
        if term is not None:
            start = max(start, term.start)
    return start


def unrecorded_terms(document: Promise | Agreement, activity: Activity, as_of: date) -> list[Term]:
    """Closed terms (in the document's cadence) of the activity's time that have no record.

    What a freshness check asks: was every closed tertial followed up?
    """
    start, deadline = activity_time(document, activity)
    return [
        term
        for term in terms_of(document)
        if term.closed(as_of)
        and term.end >= start
        and term.start <= deadline
        and not records_in(activity, term, as_of, document)
    ]


def assess(
    document: Promise | Agreement,
    as_of: date,
    term: Term | None = None,
    places: Mapping[str, PlaceList] | None = None,
) -> list[ActivityStatus]:
    """Every activity's standing, in document order.

    ``term`` gives the standing *at the end of that term*: records after it
    are left out and the terms up to it count as closed; ``term_records`` then
    says what was recorded inside it.  ``places`` are the municipality's
    place lists, which coverage targets with ``of:`` need.
    """
    return [
        assess_activity(document, group, activity, as_of, term, places)
        for group, activity in document.all_activities()
    ]


def assess_activity(
    document: Promise | Agreement,
    group: Group | None,
    activity: Activity,
    as_of: date,
    term: Term | None = None,
    places: Mapping[str, PlaceList] | None = None,
) -> ActivityStatus:
    """One activity's standing; see `assess`."""
    records = [r for r in activity.progress if day_of(r, document) <= as_of]
    if term is not None:
        records = [r for r in records if day_of(r, document) <= term.end]
    start, deadline = activity_time(document, activity)
    target = activity.target
    counts = [r.count for r in records if r.count is not None]
    base = ActivityStatus(
        activity_id=activity.id,
        group_id=group.id if group is not None else activity.promise,
        standing="no_follow_up",
        recorded=sum(counts)
        if counts and target is not None and target.kind in ("count", "coverage")
        else None,
        records=len(records),
        last_record=max((day_of(r, document) for r in records), default=None),
        reported_for=tuple(dict.fromkeys(r.covers for r in records if r.covers is not None)),
        last_covers=_last_covers(records, document),
        kind=target.kind if target is not None else None,
        starts=start,
        deadline=deadline,
    )
    view = as_of if term is None else min(as_of, term.end + timedelta(days=1))
    if term is not None:
        # A span record counts in the term only once its span has ended by the term's end.
        inside = [
            r
            for r in records_in(activity, term, as_of, document)
            if day_of(r, document) <= term.end
        ]
        in_counts = [r.count for r in inside if r.count is not None]
        base = base._replace(
            term=term.id,
            term_records=len(inside),
            term_recorded=sum(in_counts) if base.recorded is not None and in_counts else None,
        )
    # Recurring targets count in their own terms; pace follows the document's cadence.
    per = target.per if target is not None and target.kind == "recurring" else None
    closed = [t for t in terms_of(document, per) if t.closed(view)]
    # Terms a span record reports on (`covers`): followed up, in no finer detail.
    reported = frozenset(t.id for r in records for t in covered_terms(r, closed, document))
    span = judge.Span(start, deadline, view, closed, places, reported)
    base = base._replace(ended=span.ended, **judge.plan(target, span))
    if not records:
        if view < start:
            return base._replace(standing="not_started")
        # No record, no verdict: silence is never read as lateness or as falling
        # behind, whatever the date.  A passed deadline is said as a fact by
        # `lofte.follow.describe`; `lofte check`'s freshness rules warn about it.
        return base._replace(standing="no_follow_up")
    if target is None:
        return base._replace(standing="followed_up")
    return base._replace(**judge.outcome(target, records, base.recorded, span))


def _last_covers(records: list[Record], document: Promise | Agreement) -> str | None:
    """The span of the latest record, when only its span dates it (no finer date known)."""
    if not records:
        return None
    latest = max(records, key=lambda r: (day_of(r, document), r.date is not None))
    return latest.covers if latest.date is None else None


def tally(statuses: list[ActivityStatus]) -> dict[str, int]:
    """How many activities have each standing, every standing present (zeros included)."""
    counts = dict.fromkeys(STANDINGS, 0)
    for status in statuses:
        counts[status.standing] += 1
    return counts


# The standings a summary counts after the kept ones, best news first.
_SUMMARY_ORDER = (
    "on_track",
    "followed_up",
    "partly_kept",
    "behind",
    "not_kept",
    "overdue",
    "not_started",
    "no_follow_up",
)


def summary_line(statuses: list[ActivityStatus], lang: str = "en") -> str:
    """ "5 of 7 targets kept, 1 behind, 1 without follow-up"; kept includes exceeded and done.

    With nothing kept it does not lead with a zero: "7 targets: 7 without follow-up".
    """
    from lofte.words import word

    if not statuses:
        return word("summary.none", lang)
    counts = tally(statuses)
    kept = counts["kept"] + counts["exceeded"] + counts["done"]
    total = len(statuses)
    parts = [
        f"{counts[key]} {word(f'summary.{key}' if counts[key] > 1 else f'summary.one.{key}', lang)}"
        for key in _SUMMARY_ORDER
        if counts[key]
    ]
    if kept:
        return ", ".join(
            [
                word(
                    "summary.targets_kept" if kept > 1 else "summary.one_target_kept", lang
                ).format(kept=kept, total=total),
                *parts,
            ]
        )
    head = word("summary.target" if total == 1 else "summary.targets", lang).format(total=total)
    return f"{head}: {', '.join(parts)}"
