"""LT201–LT203: progress records are consistent with their activity and period.

Validate already guarantees what the format can: a record sits under an existing
activity (a ``progress`` list anywhere else is an unknown key), its date lies inside
the period's first and last day, it has a count or a note.  These rules add what
needs the promise's meaning or the date of the check.
"""

from __future__ import annotations

from typing import Any

from lofte.read.loader import Loaded
from lofte.rules.codes import Context, Finding, finding
from lofte.rules.core import activity_paths
from lofte.rules.places import nearest_place


def records_consistent(loaded: Loaded, context: Context) -> list[Finding]:
    """Record dates, counts and places agree with the activity's target and the period."""
    doc = loaded.document
    if doc.kind == "municipality":
        return []
    town = context.workspace.sibling(loaded, doc.municipality)
    places = town.document.places if town is not None else {}
    start = doc.effective_start
    findings: list[Finding] = []
    paths = [path for path, _ in activity_paths(loaded)]
    for path, (_, activity) in zip(paths, doc.all_activities(), strict=True):
        target = activity.target
        for i, record in enumerate(activity.progress):
            here = (*path, "progress", i)
            name = f"activity {activity.id!r}"
            day = record.date.isoformat() if record.date is not None else f"{record.covers}"
            when = None
            if record.date is None:
                pass  # a span record (`covers`): validate checks the span lies in the period
            elif record.date < start:
                when = f"before the promise applies on its signing date {start.isoformat()}"
            elif record.date > context.as_of:
                when = f"after the as-of date {context.as_of.isoformat()}"
            if when is not None:
                findings.append(
                    finding(
                        loaded,
                        activity.id,
                        (*here, "date"),
                        "LT201",
                        f"{name}: record dated {day}, {when}",
                    )
                )
            if target is not None and target.kind == "count" and record.count is None:
                findings.append(
                    finding(
                        loaded,
                        activity.id,
                        here,
                        "LT202",
                        f"{name}: record of {day} has no count, so it cannot be counted "
                        f"toward {target.comparator.replace('_', ' ')} {target.number} "
                        f"{target.unit}",
                    )
                )
            if target is not None and target.kind == "coverage":
                findings += _places(loaded, activity.id, here, record, target, places)
    return findings


def _places(
    loaded: Loaded,
    activity: str,
    here: tuple[str | int, ...],
    record: Any,
    target: Any,
    places: dict[str, Any],
) -> list[Finding]:
    if target.items is not None:
        allowed, complete, label = list(target.items), True, "the target's items"
    elif target.of in places:
        place_list = places[target.of]
        allowed, complete, label = list(place_list.items), place_list.complete, repr(target.of)
    else:
        return []  # an unknown list is validate's problem (reference)
    out: list[Finding] = []
    for j, place in enumerate(record.places):
        if place in allowed:
            continue
        near = nearest_place(place, allowed)
        hint = f"; did you mean {near!r}?" if near else ""
        if complete:
            message = f"activity {activity!r}: place {place!r} is not in {label}{hint}"
        else:
            message = (
                f"activity {activity!r}: place {place!r} is not in {label}, which is marked "
                f"incomplete; add it there if it belongs{hint}"
            )
        out.append(
            finding(
                loaded,
                activity,
                (*here, "places", j),
                "LT203",
                message,
                None if complete else "warning",
            )
        )
    return out


RULES = [records_consistent]
