"""`lofte sheet`: a follow-up sheet for one term, one row per activity, for one unit or all.

This module gathers what the sheet shows (`SheetView`); `lofte.render.sheet`
writes it as xlsx or CSV.  The rows carry stable keys (`lofte.read.sheet.row_key`),
so a sheet exported twice is the same sheet, and `lofte import` knows a row it
has seen.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any

from lofte.errors import Diagnostic, UsageError
from lofte.follow.calendar import Term, find_term, terms_of
from lofte.model import BUILTIN_ACTORS
from lofte.read.sheet import OTHER_ROW, row_key
from lofte.render.sheet import OTHER_ROWS, SheetView

__all__ = ["SheetView", "default_name", "sheet"]


def sheet(
    period: str,
    data_dir: Path,
    *,
    as_of: dt.date,
    term: str | None = None,
    responsible: str | None = None,
    lang: str = "sv",
) -> tuple[SheetView | None, list[Diagnostic]]:
    """The sheet of ``period`` for ``term`` (default: the last closed one) and one unit or all."""
    from lofte.follow.describe import describe
    from lofte.follow.period import period_status
    from lofte.read.loader import municipality_folders, period_names
    from lofte.render.activityview import _target
    from lofte.render.headings import headings
    from lofte.rules.opening import open_period
    from lofte.words import word

    opened, problems = open_period(period, data_dir)
    if opened is None:
        return None, problems
    document = opened.document
    chosen = find_term(document, term) if term else default_term(terms_of(document), as_of)
    # Display names: a unit may be given as {name, organisation} (a police unit).
    actors = (
        opened.municipality.actor_names()
        if opened.municipality is not None
        else dict(BUILTIN_ACTORS)
    )
    if responsible is not None and responsible not in actors:
        close = difflib.get_close_matches(responsible, list(actors), n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else f"; units: {', '.join(actors)}"
        raise UsageError(f"--responsible: no unit {responsible!r} in {document.municipality}{hint}")
    status = period_status(opened, as_of)
    places = opened.places
    cadence = chosen.kind
    titles = headings(activity for _, activity in document.all_activities())
    before = imported_entries(opened.loaded)
    rows = []
    for group, activity, standing in status.rows:
        if responsible is not None and responsible not in activity.responsible:
            continue
        promised = getattr(activity, "promised_by", None) or getattr(group, "promised_by", None)
        rows.append(
            {
                "key": row_key(chosen.id, responsible, activity.id),
                "id": activity.id,
                "title": titles[activity.id],
                "text": " ".join(activity.text.split()),
                "promised_by": ", ".join(actors.get(a, a) for a in promised or []),
                "responsible": ", ".join(actors.get(a, a) for a in activity.responsible),
                "target": _target(activity, cadence, document.last_day, places, lang),
                "standing": describe(standing, activity, lang),
                **before.get(row_key(chosen.id, responsible, activity.id), {}),
            }
        )
    listed = [item for plist in places.values() for item in plist.items]
    listed += [p for _, a in document.all_activities() for p in a.places if p not in listed]
    covers = [t.id for t in terms_of(document)]
    years = sorted({str(t.year) for t in terms_of(document)})
    covers += [y for y in years if y != str(document.period)] + [str(document.period)]
    view = SheetView(
        lang=lang,
        # What the commands take: the file name, with its folder in a tree, where
        # several municipalities have a 2025 and `lofte import` must find this one.
        period=period_names([opened.loaded.path], bool(municipality_folders(data_dir)))[0],
        term=chosen.id,
        term_label=chosen.label(lang),
        term_kind=chosen.kind,
        unit=responsible or "",
        unit_name=actors[responsible] if responsible else word("sheet.all_units", lang),
        first_day=document.effective_start.isoformat(),
        last_day=document.last_day.isoformat(),
        rows=rows,
        others=[
            {"key": key, **before.get(key, {})}
            for key in (
                row_key(chosen.id, responsible, OTHER_ROW.format(n=n))
                for n in range(1, OTHER_ROWS + 1)
            )
        ],
        places=list(dict.fromkeys(listed)),
        partners=list(dict.fromkeys(actors.values())),
        covers=covers,
    )
    warnings = []
    if not rows:
        warnings.append(
            Diagnostic(
                opened.loaded.display,
                1,
                1,
                "sheet",
                f"no activity names {responsible!r} as responsible; the sheet has only rows "
                "for work outside the plan",
                "warning",
            )
        )
    return view, warnings


def imported_entries(loaded: Any) -> dict[str, dict[str, Any]]:
    """What earlier imports wrote, by row key, as the sheet's fill columns show it.

    A sheet exported again shows what its rows became, so the sheet and the file
    agree: imported again unchanged it adds nothing; a changed row is a conflict.
    """
    from lofte.rules.core import activity_paths

    found: dict[str, dict[str, Any]] = {}
    lists: list[tuple[str, Any]] = [
        ("progress", item)
        for _, activity in activity_paths(loaded)
        for item in activity.get("progress") or []  # type: ignore[attr-defined]
    ]
    for kind in ("other_work", "deviations"):
        lists += [(kind, item) for item in loaded.data.get(kind) or []]
    for kind, entry in lists:
        key = entry.get("sheet") if isinstance(entry, dict) else None
        if not isinstance(key, str) or key in found:
            continue
        cells: dict[str, Any] = {}
        if "date" in entry:
            cells["date"] = dt.date.fromisoformat(entry["date"])
        for name in ("covers", "count", "note", "link", "deviation"):
            if name in entry:
                cells[name] = entry[name]
        for name in ("places", "partners"):
            if name in entry:
                cells[name] = "; ".join(entry[name])
        if kind == "other_work":
            cells["text"] = entry["text"]
        elif kind == "deviations":
            cells["deviation"] = entry["text"]
        found[key] = cells
    return found


def default_term(terms: list[Term], as_of: dt.date) -> Term:
    """The term a sheet asks about by default: the last one closed on ``as_of``, else the first."""
    closed = [t for t in terms if t.closed(as_of)]
    return closed[-1] if closed else terms[0]


def default_name(view: SheetView, fmt: str) -> str:
    """``uppfoljning-2020-T2-socialtjansten.xlsx``; in a tree ``uppfoljning-strangnas-2020-T2…``.

    The municipality is named in a tree, so that two municipalities' sheets of the
    same term do not take one name (the second would replace the first).
    """
    stem = "uppfoljning" if view.lang == "sv" else "follow-up"
    folder, _, _ = view.period.rpartition("/")
    where = f"-{folder}" if folder else ""
    unit = f"-{view.unit}" if view.unit else ""
    return f"{stem}{where}-{view.term}{unit}.{fmt}"


def render_sheet(view: SheetView, fmt: str) -> bytes:
    """The sheet's bytes in ``fmt`` (xlsx or csv)."""
    from lofte.render.sheet import csv_bytes, xlsx_bytes

    return xlsx_bytes(view) if fmt == "xlsx" else csv_bytes(view)
