"""The site's open data: a CSV of activities per period, and the index of every file.

The CSV is UTF-8 with a byte order mark and CRLF line ends (RFC 4180), so
Excel and LibreOffice both read its å, ä and ö without asking; its separator
is the comma.  A cell that a spreadsheet would take for a formula (one that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a
leading apostrophe, as OWASP advises against CSV injection: the text of a
promise file must never run as a formula on a reader's machine.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from lofte.render.escape import clean

if TYPE_CHECKING:
    from lofte.follow.period import PeriodStatus
    from lofte.render.reportview import Report

#: The columns of PERIOD.csv, in order.
CSV_COLUMNS = (
    "period",
    "promise",
    "id",
    "title",
    "promised_by",
    "responsible",
    "target",
    "recorded",
    "standing",
    "standing_text",
    "last_record",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = " ".join(clean(str(value)).split())
    return "'" + text if text.startswith(_FORMULA) else text


def activities_csv(status: PeriodStatus, report: Report, titles: dict[str, str]) -> bytes:
    """One row per activity: what it is, who answers for it, and where it stands."""
    from lofte.words import standing_word

    views = {a.id: a for group in report.groups for a in group.activities}
    promised = promised_by(status)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for group, activity, one in status.rows:
        view = views.get(activity.id)
        writer.writerow(
            [
                _cell(status.period.document.period),
                _cell(group.id if group is not None else None),
                _cell(activity.id),
                _cell(titles.get(activity.id) or (view.heading if view else activity.text)),
                _cell(promised.get(activity.id)),
                _cell(", ".join(view.responsible) if view else ", ".join(activity.responsible)),
                _cell(view.target if view else None),
                _cell(one.recorded),
                _cell(one.standing),
                _cell(standing_word(one.standing, "sv")),
                _cell(one.last_record.isoformat() if one.last_record else None),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def promised_by(status: PeriodStatus) -> dict[str, str]:
    """Who promised each activity, by name ("Polisen, Kommunen"), where the file says.

    The activity's own `promised_by`, else its group's (as the status JSON has
    it), each id by the name the `responsible` column uses.
    """
    from lofte.modelbase import BUILTIN_ACTORS

    town = status.period.municipality
    names = town.actor_names() if town is not None else dict(BUILTIN_ACTORS)
    found: dict[str, str] = {}
    for group, activity, _ in status.rows:
        ids = activity.promised_by or (group.promised_by if group is not None else None)
        if ids:
            found[activity.id] = ", ".join(names.get(ident, ident) for ident in ids)
    return found


def activity_titles(status: PeriodStatus) -> dict[str, str]:
    """Activities' own titles, where the file gives one (`title`)."""
    return {activity.id: str(title) for _, activity, _ in status.rows if (title := activity.title)}


__all__ = ["CSV_COLUMNS", "activities_csv", "activity_titles", "promised_by"]
