"""LT301: every closed tertial or quarter has a record or note for every activity.

A term (tertial, or quarter for an agreement followed up four times a year) is due
when it closed more than ``--grace`` days before the as-of date: on ``end + grace`` it
is not yet due, the day after it is.  A record counts for the term it is dated in.
A record covering a span (`covers: "2019"`) follows up every term inside it, and a
count target already kept owes no more follow-up.  Missing follow-up is an error
while the period runs and a warning once it has ended
(nobody can follow up 2019 any more, but the gap should stay visible).  Terms wholly
before a promise applies (its signing) need nothing; an activity with a window needs
follow-up only in the terms that overlap it, and a milestone none after it is done.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lofte.read.loader import Loaded
from lofte.rules.codes import Context, Finding, finding
from lofte.rules.core import activity_paths


def fresh(loaded: Loaded, context: Context) -> list[Finding]:
    """Each due term has a record or note for each activity."""
    from lofte.follow.calendar import terms_of

    doc = loaded.document
    if doc.kind == "municipality" or context.as_of < doc.effective_start:
        return []
    grace = dt.timedelta(days=context.grace)
    due = [t for t in terms_of(doc) if not t.before_start and t.end + grace < context.as_of]
    if not due:
        return []
    ended = context.as_of > doc.last_day
    findings: list[Finding] = []
    paths = [path for path, _ in activity_paths(loaded)]
    for path, (_, activity) in zip(paths, doc.all_activities(), strict=True):
        if _kept_count(activity, doc, context.as_of):
            continue  # a count target already kept owes no more follow-up
        missing = [
            t for t in due if _needs(activity, t, doc) and not _followed_up(activity, t, doc)
        ]
        if not missing:
            continue
        names = ", ".join(t.id for t in missing)
        if len(missing) > 3:
            names = f"{len(missing)} {missing[0].kind}s, {missing[0].id} … {missing[-1].id}"
        when = (
            "; the period has ended"
            if ended
            else f" (due by {(missing[0].end + grace).isoformat()})"
        )
        findings.append(
            finding(
                loaded,
                activity.id,
                (*path, "id"),
                "LT301",
                f"activity {activity.id!r}: no record or note for {names}{when}",
                "warning" if ended else "error",
            )
        )
    return findings


def _followed_up(activity: Any, term: Any, doc: Any) -> bool:
    # Dated in the term, or covering a span (`covers: "2019"`) that holds it.
    from lofte.follow.calendar import in_term

    return any(in_term(record, term, doc) for record in activity.progress)


def _kept_count(activity: Any, doc: Any, as_of: dt.date) -> bool:
    from lofte.follow.calendar import day_of

    target = activity.target
    if target is None or target.kind != "count" or target.comparator == "at_most":
        return False
    counts = [r.count or 0 for r in activity.progress if day_of(r, doc) <= as_of]
    return bool(sum(counts) >= target.number)


def _needs(activity: Any, term: Any, doc: Any) -> bool:
    from lofte.follow.calendar import day_of

    window = activity.window
    if window is not None and (term.end < window.start or term.start > window.end):
        return False
    target = activity.target
    if target is not None and target.kind == "milestone":
        # Done once is done: no follow-up is owed after the term it was recorded in.
        return not any(day_of(record, doc) < term.start for record in activity.progress)
    return True


RULES = [fresh]
