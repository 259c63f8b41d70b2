"""One activity as a report shows it: its target and outcome in words, a bar, its records.

Only what was recorded is shown: an activity with no records has no bar and
no outcome numbers, and a count followed up with notes alone has no number.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from lofte.render.headings import first_sentence
from lofte.render.reportview import ActivityView, Bar, RecordView

if TYPE_CHECKING:
    from collections.abc import Mapping

    from lofte.follow.calendar import Term
    from lofte.follow.standing import ActivityStatus
    from lofte.model import Activity, PlaceList, Record


def activity_view(
    activity: Activity,
    status: ActivityStatus,
    term: Term | None,
    terms: list[Term],
    actors: dict[str, str],
    as_of: dt.date,
    cadence: str,
    last_day: dt.date,
    places: Mapping[str, PlaceList],
    lang: str,
    heading: str | None = None,
    promised_by: str | None = None,
    window: str | None = None,
    deviations: list[str] | None = None,
) -> ActivityView:
    """One activity as the report shows it; ``heading`` from `lofte.render.headings.headings`.

    Without a heading, its title or the first sentence of its text is used.
    ``promised_by`` ("Polisen lovar") is given where the activity's party is
    not already its group's heading; ``window`` is its window in words.
    ``deviations`` are the document's deviations that name this activity.
    """
    from lofte.follow.describe import describe
    from lofte.model import covers_bounds
    from lofte.words import SYMBOLS, standing_word

    def day(record: Record) -> dt.date:
        # A record for a span (`covers`) without a date counts from the span's last day.
        if record.date is not None:
            return record.date
        assert record.covers is not None
        return min(covers_bounds(record.covers)[1], last_day)

    shown = [
        r for r in activity.progress if day(r) <= as_of and (term is None or term.contains(day(r)))
    ]
    records = [_record(r, day(r), terms, lang) for r in sorted(shown, key=day)]
    return ActivityView(
        id=activity.id,
        heading=heading or activity.title or first_sentence(activity.text),
        title=activity.title,
        text=_one_paragraph(activity.text),
        responsible=[actors.get(a, a) for a in activity.responsible],
        target=_target(activity, cadence, last_day, places, lang),
        standing=status.standing,
        standing_word=standing_word(status.standing, lang),
        symbol=SYMBOLS[status.standing],
        outcome=describe(status, activity, lang, prose=True),
        bar=_bar(status, activity, lang),
        records=records,
        deviations=[r.deviation for r in records if r.deviation],
        affected_by=list(deviations or []),
        last_record=status.last_record,
        promised_by=promised_by,
        window=window,
        last_label=_last_label(records),
    )


def _record(record: Record, day: dt.date, terms: list[Term], lang: str) -> RecordView:
    from lofte.words import word

    # "tertial 2": the date beside it already says the year and the month.
    label = next(
        (
            f"{word(f'term.{t.kind}', lang).lower()} {t.number}"
            for t in terms
            if t.contains(day) and record.covers is None
        ),
        "",
    )
    return RecordView(
        day,
        label,
        record.count,
        record.note,
        list(record.places),
        list(record.partners),
        record.link,
        record.deviation,
        covers=record.covers,
        dated=record.date is not None,
        when=span_label(record.covers, lang) if record.covers else "",
    )


def _last_label(records: list[RecordView]) -> str:
    """For a latest record that has no date, what it covers ("avser 2019"); else ""."""
    if not records:
        return ""
    latest = max(records, key=lambda r: (r.date, r.dated))
    return "" if latest.dated else latest.when


def span_label(covers: str, lang: str) -> str:
    """ "avser 2019" / "covers 2019": what a record or entry for a span says it covers.

    A term is named in words, "avser tertial 2 2022", as report prose names terms.
    """
    from lofte.follow.describe import span_name
    from lofte.words import word

    return word("report.reported_for", lang).format(span=span_name(covers, lang))


def when_label(date: dt.date | None, covers: str | None, lang: str) -> str:
    """A date in words, the span it covers, or both: "12 januari 2022 (avser 2021)".

    It starts an entry ("Avser 2021: …"), so its first letter is a capital.
    """
    from lofte.words import long_date

    parts = [long_date(date, lang)] if date is not None else []
    if covers is not None:
        label = span_label(covers, lang)
        parts.append(f"({label})" if parts else label[:1].upper() + label[1:])
    return " ".join(parts)


def _bar(status: ActivityStatus, activity: Activity, lang: str) -> Bar | None:
    """A bar only where there is a recorded number to draw: never an empty bar for nothing."""
    from lofte.follow.calendar import kind_of_term_id
    from lofte.follow.describe import target_phrase
    from lofte.words import word

    target = activity.target
    if target is None or status.records == 0:
        return None
    of = word("of", lang)
    if target.kind == "count" and target.vague is not None:
        return None  # no number to draw against: the outcome says what was recorded
    if target.kind == "count" and status.recorded is not None:
        phrase = target_phrase(activity, lang)
        return Bar(status.recorded, target.number, f"{status.recorded} {of} {phrase}")
    unknown = not status.places_known and status.standing == "followed_up"
    if target.kind == "coverage" and not unknown and (status.covered or status.missing):
        total = len(status.covered) + len(status.missing)
        return Bar(len(status.covered), total, f"{len(status.covered)} {of} {total}")
    if target.kind in ("recurring", "ongoing") and status.terms_due and not status.reported_for:
        met, due = len(status.terms_met), len(status.terms_due)
        kind = kind_of_term_id(status.terms_due[0])
        text = word("report.terms_met", lang).format(
            met=met, due=due, terms=word(f"terms.{kind}", lang)
        )
        return Bar(met, due, text)
    return None


def _target(
    activity: Activity,
    cadence: str,
    last_day: dt.date,
    places: Mapping[str, PlaceList],
    lang: str,
) -> str:
    from lofte.follow.describe import target_phrase
    from lofte.words import long_date, word

    target = activity.target
    if target is None:
        return word("report.no_target", lang)
    if target.kind == "count":
        text = target_phrase(activity, lang)
    elif target.kind == "coverage":
        listed = places.get(target.of) if target.of else None
        items = target.items or (listed.items if listed else [])
        key = "report.target_coverage_of" if target.of else "report.target_coverage"
        text = word(key, lang).format(of=target.of, items=", ".join(items))
        if target.of and not items:
            text = text.split(" (")[0]
    elif target.kind == "recurring":
        key = "report.target_once" if target.at_least == 1 else "report.target_recurring"
        text = word(key, lang).format(
            times=target.at_least, term=word(f"term.{target.per}", lang).lower()
        )
    else:
        due = long_date(activity.due_day or last_day, lang)
        text = word(f"report.target_{target.kind}", lang).format(
            term=word(f"term.{cadence}", lang).lower(), due=due
        )
    if target.measure:
        text += f" ({target.measure})"
    return text


def _one_paragraph(text: str | None) -> str:
    return " ".join((text or "").split())
