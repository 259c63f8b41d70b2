"""`lofte status --format json`: the stable contract for dashboards (README.md describes it)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from lofte.errors import Diagnostic
from lofte.follow.describe import describe
from lofte.follow.standing import tally

if TYPE_CHECKING:
    from lofte.follow.period import PeriodStatus
    from lofte.follow.standing import ActivityStatus
    from lofte.model import Activity, Group

#: Bumped only when a field changes meaning or disappears; adding a field keeps it.
JSON_VERSION = 1


def dump(data: dict[str, Any]) -> str:
    """Indented JSON with its non-ASCII text as it is, and a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def diagnostics(problems: list[Diagnostic]) -> dict[str, Any]:
    """Problems instead of a status: ``{"diagnostics": [...]}``."""
    return {"diagnostics": [asdict(d) for d in problems]}


def periods(found: list[PeriodStatus]) -> dict[str, Any]:
    """`lofte status` without a period: one entry per period file."""
    from lofte.read.loader import period_names

    names = period_names([p.period.loaded.path for p in found])
    return {
        "version": JSON_VERSION,
        "periods": [_brief(p, name) for p, name in zip(found, names, strict=True)],
    }


def as_json(status: PeriodStatus) -> dict[str, Any]:
    """The stable JSON contract (README.md, "lofte status --format json")."""
    document = status.period.document
    return {
        "version": JSON_VERSION,
        "period": document.period,
        "file": status.period.loaded.stem,
        "title": document.title,
        "as_of": status.as_of.isoformat(),
        "tertial": status.term.id if status.term is not None else None,
        "cadence": status.terms[0].kind,
        "effective_start": document.effective_start.isoformat(),
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
        "activities": [_activity(group, a, s) for group, a, s in status.rows],
        "summary": tally(status.statuses),
        "summary_line": status.summary(),
    }


def _activity(group: Group | None, activity: Activity, status: ActivityStatus) -> dict[str, Any]:
    target = activity.target
    coverage = status.kind == "coverage"
    judged = coverage and bool(status.covered or status.missing)
    terms = status.kind in ("recurring", "ongoing")
    return {
        "id": activity.id,
        "promise": group.id if group is not None else None,
        "title": activity.title,
        "text": activity.text,
        "responsible": list(activity.responsible),
        "target": target.model_dump(mode="json", exclude_unset=True) if target else None,
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
