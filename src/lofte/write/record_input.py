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
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from lofte.model import Activity, CoverageTarget, Municipality
from lofte.rules.places import nearest_place

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_INTEGER = re.compile(r"[-+]?[0-9]+\Z")


class Refused(Exception):
    """A reason not to write, as one message (placed by the caller)."""


@dataclass(frozen=True)
class RecordRequest:
    """The command line of `lofte record`, as typed (texts unparsed)."""

    period: str
    activity: str
    date: str | None = None
    count: str | None = None
    note: str | None = None
    places: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    link: str | None = None
    deviation: str | None = None


@dataclass
class Context:
    """What the checks need to know about the file and its activity."""

    activity: Activity
    first_day: dt.date
    last_day: dt.date
    period: str
    today: dt.date
    municipality: Municipality | None
    municipality_name: str
    warnings: list[str] = field(default_factory=list)


def entry_for(request: RecordRequest, ctx: Context) -> dict[str, Any]:
    """The record to append, keys in the model's order; raises `Refused`."""
    given = [
        ("--date", request.date),
        ("--count", request.count),
        ("--note", request.note),
        *(("--place", p) for p in request.places),
        *(("--partner", p) for p in request.partners),
        ("--link", request.link),
        ("--deviation", request.deviation),
    ]
    for option, text in given:  # unwritable text first, whichever option carries it
        if text is not None:
            _text(option, text)
    day = _date(request.date, ctx)
    entry: dict[str, Any] = {"date": day.isoformat()}
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
    if request.partners:
        entry["partners"] = [_text("--partner", p) for p in request.partners]
    for key in ("link", "deviation"):
        value = getattr(request, key)
        if value is not None:
            entry[key] = _text(f"--{key}", value)
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
    # The reader's one rule for numbers: over 64 characters is too long (and
    # int() refuses 4,300 digits with a traceback).
    if len(text) > 64:
        raise Refused(f"--count is {len(text):,} characters long; a count has at most 64 digits")
    number = int(text) if _INTEGER.match(text) else None
    if number is None or number <= 0:
        raise Refused(f"--count must be a whole number above zero, got {text!r}")
    return number


def _place(place: str, ctx: Context) -> str:
    """A place is checked only where the target is coverage of a list: it must be an item."""
    target = ctx.activity.target
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
