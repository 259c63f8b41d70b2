"""What `lofte record` was asked to write, checked against the file before any write.

`entry_for` turns the command line's texts into the plain record that goes
into the file, or raises `Refused` naming the option at fault.  Texts are
NFC-normalised (a terminal on macOS may send "Å" decomposed, the files hold
it composed) and stripped of surrounding blanks.  They are refused when they
hold control characters: those would be invisible in the file, and some
(U+0085) are silently changed by YAML tools.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from lofte.model import Activity, Agreement, CoverageTarget, Municipality, Promise
from lofte.rules.places import nearest_place

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_INTEGER = re.compile(r"[-+]?[0-9]+\Z")


class Refused(Exception):
    """A reason not to write, as one message (placed by the caller)."""


@dataclass(frozen=True)
class RecordRequest:
    """The command line of `lofte record`, as typed (texts unparsed)."""

    period: str
    activity: str | None  # None: an entry of `other_work` or `deviations`, no activity's
    date: str | None = None
    count: str | None = None
    note: str | None = None
    places: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    link: str | None = None
    deviation: str | None = None
    covers: str | None = None
    other: str | None = None
    affects: tuple[str, ...] = ()
    unit: str | None = None
    promise: str | None = None

    @property
    def kind(self) -> str:
        """Which list the entry goes to: ``progress``, ``other_work`` or ``deviations``.

        With an activity and nothing but a deviation, the deviation is the
        document's, naming that activity: it does not change the standing.
        """
        if self.other is not None:
            return "other_work"
        if self.activity is None or (
            self.deviation is not None and self.count is None and self.note is None
        ):
            return "deviations"
        return "progress"


@dataclass
class Context:
    """What the checks need to know about the file and its activity."""

    activity: Activity | None
    first_day: dt.date
    last_day: dt.date
    period: str
    today: dt.date
    municipality: Municipality | None
    municipality_name: str
    warnings: list[str] = field(default_factory=list)
    document: Promise | Agreement | None = None


def entry_for(request: RecordRequest, ctx: Context) -> dict[str, Any]:
    """The entry to append, keys in the model's order; raises `Refused`.

    A progress record for an activity, or (`RecordRequest.kind`) an entry of the
    document's `other_work` or `deviations`.
    """
    given = [
        ("--date", request.date),
        ("--covers", request.covers),
        ("--count", request.count),
        ("--note", request.note),
        *(("--place", p) for p in request.places),
        *(("--partner", p) for p in request.partners),
        ("--link", request.link),
        ("--deviation", request.deviation),
        ("--other", request.other),
        *(("--affects", a) for a in request.affects),
        ("--unit", request.unit),
        ("--promise", request.promise),
    ]
    for option, text in given:  # unwritable text first, whichever option carries it
        if text is not None:
            _text(option, text)
    entry = _dating(request, ctx)
    if request.kind == "other_work":
        return {**entry, **_other(request, ctx)}
    if request.kind == "deviations":
        return {**entry, **_deviation(request, ctx)}
    assert ctx.activity is not None
    _only_with("--affects", bool(request.affects), "--deviation without --count or --note")
    _only_with("--unit", request.unit is not None, "--other")
    _only_with("--promise", request.promise is not None, "--other")
    if request.count is not None:
        entry["count"] = _count(request.count)
    if request.note is not None:
        entry["note"] = _text("--note", request.note)
    target = ctx.activity.target
    if target is not None and target.kind == "ongoing" and request.note is None:
        raise Refused(
            f"activity {ctx.activity.id!r} is ongoing work, followed up with a note: give --note"
        )
    if request.places:
        entry["places"] = [_place(_text("--place", p), ctx) for p in request.places]
    elif isinstance(target, CoverageTarget):
        # Recorded, not refused: a source may give a count and name no place.
        unknown = (
            "the places are recorded as not stated"
            if request.count is not None
            else ("it covers no place")
        )
        ctx.warnings.append(
            f"no --place on coverage activity {ctx.activity.id!r}: {unknown} (give --place "
            "for each place the source names)"
        )
    if request.partners:
        entry["partners"] = [_text("--partner", p) for p in request.partners]
    for key in ("link", "deviation"):
        value = getattr(request, key)
        if value is not None:
            entry[key] = _text(f"--{key}", value)
    return entry


def _only_with(option: str, given: bool, needs: str) -> None:
    if given:
        raise Refused(f"{option} goes only with {needs}")


def _dating(request: RecordRequest, ctx: Context) -> dict[str, Any]:
    """``date`` and ``covers``: a span alone dates an entry; without either, today."""
    entry: dict[str, Any] = {}
    if request.date is not None or request.covers is None:
        entry["date"] = _date(request.date, ctx).isoformat()
    if request.covers is not None:
        entry["covers"] = _covers(_text("--covers", request.covers), ctx)
    return entry


def _covers(text: str, ctx: Context) -> str:
    from lofte.follow.calendar import covers_problem
    from lofte.model import COVERS_RE

    if not re.match(COVERS_RE, text):
        raise Refused(
            f"--covers {text!r} is not a year (2019), a term (2019-T3, 2021-Q2) or the "
            f"period's id ({ctx.period})"
        )
    if ctx.document is not None:
        problem = covers_problem(text, ctx.document)
        if problem is not None:
            raise Refused("--" + problem)
    return text


def _other(request: RecordRequest, ctx: Context) -> dict[str, Any]:
    """An entry of `other_work`: work done that no planned activity names."""
    text = _text("--other", request.other or "")
    _only_with("--note", request.note is not None, "an activity; --other is the text itself")
    _only_with("--deviation", request.deviation is not None, "an activity, or alone")
    _only_with("--affects", bool(request.affects), "--deviation")
    entry: dict[str, Any] = {"text": text}
    if request.count is not None:
        entry["count"] = _count(request.count)
    if request.unit is not None:
        entry["unit"] = _text("--unit", request.unit)
    if request.partners:
        entry["partners"] = [_text("--partner", p) for p in request.partners]
    if request.places:
        entry["places"] = [_text("--place", p) for p in request.places]
    if request.link is not None:
        entry["link"] = _text("--link", request.link)
    if request.promise is not None:
        entry["promise"] = _group(_text("--promise", request.promise), ctx)
    return entry


def _group(ident: str, ctx: Context) -> str:
    groups = [g.id for g in ctx.document.groups()] if ctx.document is not None else [ident]
    if ident not in groups:
        close = difflib.get_close_matches(ident, groups, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else f" (there are: {', '.join(groups)})"
        raise Refused(f"--promise {ident!r} is no promise or focus area of this file{hint}")
    return ident


def _deviation(request: RecordRequest, ctx: Context) -> dict[str, Any]:
    """An entry of `deviations`, for the activities it affects or the whole document."""
    if request.deviation is None:
        raise Refused("give --deviation TEXT, or --other TEXT, or an activity")
    for option, given in (
        ("--count", request.count is not None),
        ("--place", bool(request.places)),
        ("--partner", bool(request.partners)),
        ("--link", request.link is not None),
        ("--unit", request.unit is not None),
        ("--promise", request.promise is not None),
    ):
        _only_with(option, given, "a progress record or --other, not a deviation alone")
    entry: dict[str, Any] = {"text": _text("--deviation", request.deviation)}
    affects = [a for text in request.affects for a in _text("--affects", text).split(",")]
    affects = [a.strip() for a in affects if a.strip()]
    if ctx.activity is not None:
        affects = [ctx.activity.id, *(a for a in affects if a != ctx.activity.id)]
    ids = [a.id for _, a in ctx.document.all_activities()] if ctx.document is not None else []
    for ident in affects:
        if ctx.document is not None and ident not in ids:
            close = difflib.get_close_matches(ident, ids, n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise Refused(f"--affects {ident!r} is no activity of this file{hint}")
    if affects:
        entry["affects"] = affects
    return entry


def _text(option: str, value: str) -> str:
    for ch in value:
        if unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029":
            raise Refused(f"{option} contains the control character U+{ord(ch):04X}; remove it")
        if unicodedata.category(ch) == "Cs":
            raise Refused(f"{option} is not valid UTF-8 text")
    value = unicodedata.normalize("NFC", value).strip()
    if not value:
        raise Refused(f"{option} must not be empty")
    return value


def _date(text: str | None, ctx: Context) -> dt.date:
    if text is None:
        day = ctx.today
    else:
        text = _text("--date", text)
        try:
            if not _DATE.match(text):
                raise ValueError
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise Refused(f"--date {text!r} is not a date; write it as YYYY-MM-DD") from None
    if day > ctx.today:
        raise Refused(f"--date {day} is in the future (today is {ctx.today})")
    if not ctx.first_day <= day <= ctx.last_day:
        said = f"--date {day}" if text is not None else f"today, {day},"
        hint = "" if text is not None else "; give the day it happened with --date"
        raise Refused(
            f"{said} is outside the period {ctx.period} ({ctx.first_day} – {ctx.last_day}){hint}"
        )
    return day


def _count(text: str) -> int:
    text = _text("--count", text)
    number = int(text) if _INTEGER.match(text) else None
    if number is None or number <= 0:
        raise Refused(f"--count must be a whole number above zero, got {text!r}")
    return number


def _place(place: str, ctx: Context) -> str:
    """A place is checked only where the target is coverage of a list: it must be an item."""
    target = ctx.activity.target if ctx.activity is not None else None
    if not isinstance(target, CoverageTarget):
        return place
    if target.items is not None:
        items, complete, name = target.items, True, "items of the target"
    else:
        lists = ctx.municipality.places if ctx.municipality else {}
        if target.of not in lists:  # the rules report a missing list; nothing to check against
            return place
        listed = lists[target.of]
        items, complete = listed.items, listed.complete
        name = f"{target.of} in {ctx.municipality_name}.yaml"
    if place in items:
        return place
    near = nearest_place(place, items)
    if not complete and near is None:
        # The sources name only some of the items, so an unlisted place may be a
        # real one: record it as given, and say how to make the list complete.
        ctx.warnings.append(
            f"--place {place!r} is not among the {name}, which is marked incomplete; "
            "recorded as given (add it to the list if it belongs there)"
        )
        return place
    hint = f"; did you mean {near!r}?" if near else ""
    raise Refused(f"--place {place!r} is not one of the {name} ({', '.join(items)}){hint}")
