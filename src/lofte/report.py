"""`lofte report`: a promise file and its standings as a plain report context.

The context is data only (dataclasses of strings, numbers and dates) for the
templates in ``templates/`` to lay out; words come from the one catalogue in
`lofte.words`, standings from `lofte.standing.assess`.  Only what was recorded
is reported: an activity without records says so, and no missing count is
ever shown as a zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lofte.errors import Diagnostic, UsageError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from lofte.calendar import Term
    from lofte.model import Activity, Agreement, Group, Municipality, PlaceList, Promise, Record
    from lofte.standing import ActivityStatus
    from lofte.status import PeriodStatus

#: The summary's four counts, and the standings each one gathers.
SUMMARY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kept", ("kept", "exceeded", "done")),
    ("on_track", ("on_track", "followed_up")),
    ("behind", ("behind", "partly_kept", "not_kept", "overdue")),
    ("no_follow_up", ("no_follow_up", "not_started")),
)


@dataclass(frozen=True)
class RecordView:
    """One follow-up as the report shows it."""

    date: dt.date
    term: str  # the label of the tertial it falls in
    count: int | None
    note: str | None
    places: list[str]
    partners: list[str]
    link: str | None
    deviation: str | None


@dataclass(frozen=True)
class Bar:
    """A progress bar: ``value`` of ``maximum``, with its numbers in words."""

    value: int
    maximum: int
    text: str

    @property
    def shown(self) -> int:
        """The value the bar draws: more than the target fills it, no more."""
        return min(self.value, self.maximum)

    @property
    def percent(self) -> int:
        """How full the bar is, 0–100."""
        return round(100 * self.shown / self.maximum)


@dataclass(frozen=True)
class ActivityView:
    """One activity: its target, what was recorded, where it stands."""

    id: str
    heading: str
    text: str
    responsible: list[str]
    target: str
    standing: str
    standing_word: str
    symbol: str
    outcome: str
    bar: Bar | None
    records: list[RecordView]
    deviations: list[str]
    last_record: dt.date | None

    @property
    def followed_up(self) -> bool:
        """Whether anything at all was recorded for it up to the report's date."""
        return self.last_record is not None


@dataclass(frozen=True)
class GroupView:
    """A promise, a focus area, or the activities listed apart."""

    heading: str
    text: str | None
    category: str | None
    activities: list[ActivityView]


@dataclass(frozen=True)
class SummaryCount:
    """One of the summary's counts."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Report:
    """Everything a report template may show."""

    lang: str
    title: str
    heading: str  # "Uppföljning tertial 2 2020 (maj–augusti)" or the yearly "Så gick det 2020"
    activities_heading: str  # "Löften och aktiviteter", or for an agreement its focus areas
    municipality: str
    police_area: str | None
    period: str
    term: str | None  # the tertial's label, None for the whole period
    terms: list[str]
    as_of: dt.date
    view_date: dt.date  # the day the standings are taken: the report date, or the term's end
    starts: dt.date
    ends: dt.date
    signed: dt.date | None
    builds_on: str | None
    summary: list[SummaryCount]
    summary_line: str
    total: int
    groups: list[GroupView]
    situation: list[str]
    focus: list[str]
    expected_effects: list[str]
    forum: str | None
    follow_up_text: str | None
    published_on: list[str]
    communication: str | None
    channels: list[str]
    signatories: list[dict[str, str]] = field(default_factory=list)


def report(
    period: str, data_dir: Path, as_of: str | None, tertial: str | None, lang: str = "sv"
) -> tuple[Report | None, list[Diagnostic]]:
    """Open the period as `lofte status` does and build its report.

    Returns ``(None, problems)`` when the file or the files it refers to have errors.
    """
    from lofte.status import open_period, period_status

    day = parse_date(as_of, "--as-of") if as_of is not None else dt.date.today()
    opened, problems = open_period(period, data_dir)
    if opened is None:
        return None, problems
    return build_report(period_status(opened, day, tertial), lang), problems


def parse_date(text: str, option: str) -> dt.date:
    """A date given on the command line, or a UsageError saying what is wrong."""
    import re

    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise UsageError(f"{option}: expected a date as YYYY-MM-DD, got {text!r}")


def build_report(status: PeriodStatus, lang: str = "sv") -> Report:
    """The report context of an assessed period: the whole of it, or the tertial assessed."""
    from lofte.calendar import cadence_of
    from lofte.words import word

    opened, term, terms, as_of = status.period, status.term, status.terms, status.as_of
    document, municipality, agreement = opened.document, opened.municipality, opened.agreement
    places = opened.places
    cadence = cadence_of(document)
    last_day = document.last_day
    statuses = status.statuses
    view_date = min(as_of, term.end if term is not None else last_day)
    actors = _actors(municipality)
    by_id = {s.activity_id: s for s in statuses}
    groups = [
        GroupView(
            heading,
            _one_paragraph(group.text) if group else None,
            group.category if group else None,
            [
                _activity(
                    a, by_id[a.id], term, terms, actors, as_of, cadence, last_day, places, lang
                )
                for a in activities
            ],
        )
        for heading, group, activities in _groups(document, lang)
    ]
    return Report(
        lang=lang,
        title=document.title,
        heading=_heading(document, term, lang),
        activities_heading=word(
            "report.activities_agreement"
            if document.kind == "samverkansoverenskommelse"
            else "report.activities",
            lang,
        ),
        municipality=municipality.name if municipality else document.municipality,
        police_area=document.police_area or (municipality.police_area if municipality else None),
        period=document.period,
        term=term.label(lang) if term else None,
        terms=[t.label(lang) for t in terms],
        as_of=as_of,
        view_date=view_date,
        starts=document.effective_start,
        ends=last_day,
        signed=document.signed,
        builds_on=agreement.title if agreement is not None else None,
        summary=_summary(statuses, lang),
        summary_line=status.summary(lang),
        total=len(statuses),
        groups=groups,
        situation=_paragraphs(document.situation.text)[:1] if document.situation else [],
        focus=list(document.situation.focus) if document.situation else [],
        expected_effects=list(document.expected_effects),
        forum=document.follow_up.forum if document.follow_up else None,
        follow_up_text=document.follow_up.text if document.follow_up else None,
        published_on=list(document.follow_up.published_on) if document.follow_up else [],
        communication=document.communication.text if document.communication else None,
        channels=list(document.communication.channels) if document.communication else [],
        signatories=[
            {"name": s.name, "title": s.title, "organisation": s.organisation}
            for s in document.signatories
        ],
    )


def _heading(document: Promise | Agreement, term: Term | None, lang: str) -> str:
    from lofte.words import word

    if term is not None:
        return word("report.heading_term", lang).format(term=term.label(lang).lower())
    return word("report.heading_period", lang).format(period=document.period)


def _groups(
    document: Promise | Agreement, lang: str
) -> list[tuple[str, Group | None, list[Activity]]]:
    from lofte.words import word

    out: list[tuple[str, Group | None, list[Activity]]] = []
    for key, groups in (
        ("promise", getattr(document, "promises", [])),
        ("focus_area", document.focus_areas),
    ):
        for number, group in enumerate(groups, start=1):
            label = f"{word(f'report.{key}', lang)} {number}"
            heading = f"{label}: {group.title}" if group.title else label
            out.append((heading, group, list(group.activities)))
    loose = document.loose_activities()
    if loose:
        key = (
            "report.action_plan" if document.kind == "samverkansoverenskommelse" else "report.other"
        )
        out.append((word(key, lang), None, list(loose)))
    return out


def _activity(
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
) -> ActivityView:
    from lofte.standing import describe
    from lofte.words import SYMBOLS, standing_word

    shown = [
        r for r in activity.progress if r.date <= as_of and (term is None or term.contains(r.date))
    ]
    records = [_record(r, terms, lang) for r in sorted(shown, key=lambda r: r.date)]
    return ActivityView(
        id=activity.id,
        heading=_first_sentence(activity.text),
        text=_one_paragraph(activity.text),
        responsible=[actors.get(a, a) for a in activity.responsible],
        target=_target(activity, cadence, last_day, places, lang),
        standing=status.standing,
        standing_word=standing_word(status.standing, lang),
        symbol=SYMBOLS[status.standing],
        outcome=describe(status, activity, lang),
        bar=_bar(status, activity, lang),
        records=records,
        deviations=[r.deviation for r in records if r.deviation],
        last_record=status.last_record,
    )


def _record(record: Record, terms: list[Term], lang: str) -> RecordView:
    from lofte.words import word

    # "tertial 2": the date beside it already says the year and the month.
    label = next(
        (
            f"{word(f'term.{t.kind}', lang).lower()} {t.number}"
            for t in terms
            if t.contains(record.date)
        ),
        "",
    )
    return RecordView(
        record.date,
        label,
        record.count,
        record.note,
        list(record.places),
        list(record.partners),
        record.link,
        record.deviation,
    )


def _bar(status: ActivityStatus, activity: Activity, lang: str) -> Bar | None:
    """A bar only where there is a recorded number to draw: never an empty bar for nothing."""
    from lofte.describe import target_phrase
    from lofte.words import word

    target = activity.target
    if target is None or status.records == 0:
        return None
    of = word("of", lang)
    if target.kind == "count" and status.recorded is not None:
        phrase = target_phrase(activity, lang)
        return Bar(status.recorded, target.number, f"{status.recorded} {of} {phrase}")
    if target.kind == "coverage" and (status.covered or status.missing):
        total = len(status.covered) + len(status.missing)
        return Bar(len(status.covered), total, f"{len(status.covered)} {of} {total}")
    if target.kind in ("recurring", "ongoing") and status.terms_due:
        met, due = len(status.terms_met), len(status.terms_due)
        kind = "quarter" if "-Q" in status.terms_due[0] else "tertial"
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
    from lofte.describe import target_phrase
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
        due = long_date(activity.due or last_day, lang)
        text = word(f"report.target_{target.kind}", lang).format(
            term=word(f"term.{cadence}", lang).lower(), due=due
        )
    if target.measure:
        text += f" ({target.measure})"
    return text


def _summary(statuses: list[ActivityStatus], lang: str) -> list[SummaryCount]:
    from lofte.words import word

    return [
        SummaryCount(
            key, word(f"report.summary_{key}", lang), sum(s.standing in ss for s in statuses)
        )
        for key, ss in SUMMARY
    ]


def _actors(municipality: Municipality | None) -> dict[str, str]:
    from lofte.model import BUILTIN_ACTORS

    return {**BUILTIN_ACTORS, **(municipality.actors if municipality else {})}


def _paragraphs(text: str) -> list[str]:
    # A folded scalar (>-) keeps one newline where the file has a blank line.
    return [_one_paragraph(p) for p in text.split("\n") if p.strip()]


def _one_paragraph(text: str | None) -> str:
    return " ".join((text or "").split())


def _first_sentence(text: str, limit: int = 110) -> str:
    """A heading for an activity: its first sentence, shortened at a word if long."""
    flat = _one_paragraph(text)
    end = flat.find(". ")
    sentence = flat if end < 0 else flat[: end + 1]
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + " …"
