"""`lofte status --format json`: the stable contract for dashboards (README.md describes it)."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from lofte.errors import Diagnostic
from lofte.follow.describe import describe
from lofte.follow.standing import tally
from lofte.modelbase import dump as values

if TYPE_CHECKING:
    from lofte.follow.period import PeriodStatus
    from lofte.follow.standing import ActivityStatus
    from lofte.model import Activity, Agreement, Deviation, Group, OtherWork, Promise

#: Bumped only when a field changes meaning or disappears; adding a field keeps it.
#: 2 (issue 11): `covered`/`missing` are null when the places are unknown (a record
#: with no place), `recorded` sums coverage counts too, and silence is never
#: `overdue`; added `other_work`, `deviations`, and per activity `title`,
#: `deviations`, `reported_for`, `last_covers` and `places_known`.
JSON_VERSION = 2


def dump(data: dict[str, Any]) -> str:
    """Indented JSON with its non-ASCII text as it is, and a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def diagnostics(problems: list[Diagnostic]) -> dict[str, Any]:
    """Problems instead of a status: ``{"diagnostics": [...]}``."""
    return {"diagnostics": [d._asdict() for d in problems]}


def periods(found: list[PeriodStatus], tree: bool = False) -> dict[str, Any]:
    """`lofte status` without a period: one entry per period file."""
    from lofte.read.loader import period_names

    names = period_names([p.period.loaded.path for p in found], tree)
    return {
        "version": JSON_VERSION,
        "periods": [_brief(p, name) for p, name in zip(found, names, strict=True)],
    }


def as_json(status: PeriodStatus) -> dict[str, Any]:
    """The stable JSON contract (README.md, "lofte status --format json")."""
    from lofte.modelbase import BUILTIN_ACTORS

    document = status.period.document
    town = status.period.municipality
    names = town.actor_names() if town is not None else dict(BUILTIN_ACTORS)
    return {
        "version": JSON_VERSION,
        "period": document.period,
        "file": status.period.loaded.stem,
        "title": document.title,
        "as_of": status.as_of.isoformat(),
        "tertial": status.term.id if status.term is not None else None,
        "cadence": status.terms[0].kind,
        "effective_start": document.effective_start.isoformat(),
        "signed": document.signed.isoformat() if document.signed is not None else None,
        "tertials": [
            {
                "id": t.id,
                "start": t.start.isoformat(),
                "end": t.end.isoformat(),
                "closed": t.closed(status.as_of),
                "before_start": t.before_start,
            }
            for t in status.terms
        ],
        "activities": [
            _activity(group, a, s, _affecting(status, a.id), names) for group, a, s in status.rows
        ],
        "other_work": [_other(w, document) for w in status.counted(document.other_work)],
        "deviations": [_deviation(d, document) for d in status.counted(document.deviations)],
        "summary": tally(status.statuses),
        "summary_line": status.summary(),
    }


def _affecting(status: PeriodStatus, ident: str) -> list[dict[str, Any]]:
    """The deviations that affect one activity: its own, and the whole document's."""
    document = status.period.document
    return [
        _deviation(d, document)
        for d in status.counted(document.deviations)
        if not d.affects or ident in d.affects
    ]


def _dating(item: Any, document: Promise | Agreement) -> dict[str, Any]:
    from lofte.follow.calendar import day_of

    return {
        "date": _iso(item.date),
        "covers": item.covers,
        "day": day_of(item, document).isoformat(),
    }


def _deviation(item: Deviation, document: Promise | Agreement) -> dict[str, Any]:
    return {**_dating(item, document), "text": item.text, "affects": list(item.affects)}


def _other(item: OtherWork, document: Promise | Agreement) -> dict[str, Any]:
    return {
        **_dating(item, document),
        "text": item.text,
        "count": item.count,
        "unit": item.unit,
        "partners": list(item.partners),
        "places": list(item.places),
        "link": item.link,
        "promise": item.promise,
    }


def _activity(
    group: Group | None,
    activity: Activity,
    status: ActivityStatus,
    deviations: list[dict[str, Any]],
    names: dict[str, str],
) -> dict[str, Any]:
    from lofte.words import promisers

    target = activity.target
    # Who promises: the activity's own promised_by, else its group's.
    promised_by = activity.promised_by or (group.promised_by if group is not None else None)
    coverage = status.kind == "coverage"
    # Places unknown (a record naming none): neither covered nor missing can be said.
    unknown = not status.places_known and status.standing == "followed_up"
    judged = coverage and not unknown and bool(status.covered or status.missing)
    terms = status.kind in ("recurring", "ongoing")
    return {
        "id": activity.id,
        "promise": group.id if group is not None else None,
        "title": activity.title,
        "text": activity.text,
        "responsible": list(activity.responsible),
        "promised_by": list(promised_by) if promised_by else None,
        "promised_by_text": promisers(promised_by, names) if promised_by else None,
        "window": values(activity.window) if activity.window else None,
        "starts": _iso(status.starts),
        "target": values(target, exclude_unset=True) if target else None,
        "standing": status.standing,
        "recorded": status.recorded,
        "records": status.records,
        "last_record": _iso(status.last_record),
        "expected": status.expected,
        "deadline": _iso(status.deadline),
        "items": list(status.items) if coverage else None,
        "list_complete": status.list_complete if coverage else None,
        "covered": list(status.covered) if judged else None,
        "missing": list(status.missing) if judged else None,
        "terms_due": list(status.terms_due) if terms else None,
        "terms_met": list(status.terms_met) if terms and status.records else None,
        "term_records": status.term_records,
        "term_recorded": status.term_recorded,
        "description": describe(status, activity, "en"),
        "reported_for": list(status.reported_for),
        "last_covers": status.last_covers,
        "places_known": status.places_known if coverage else None,
        "deviations": deviations,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _brief(status: PeriodStatus, name: str) -> dict[str, Any]:
    return {
        "file": name,
        "period": status.period.document.period,
        "as_of": status.as_of.isoformat(),
        "summary": tally(status.statuses),
        "summary_line": status.summary(),
    }
