"""The report's view of an assessed period: `build_report`, shared by report and site.

The context is data only (dataclasses of strings, numbers and dates) for the
templates in ``templates/`` to lay out; words come from the one catalogue in
`lofte.words`, standings from `lofte.follow.standing.assess` by way of
`lofte.follow.period.period_status`.  The shape is in `lofte.render.reportview`,
each activity's part in `lofte.render.activityview`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lofte.render.activityview import activity_view, when_label
from lofte.render.headings import headings
from lofte.render.reportview import (
    SUMMARY,
    DeviationView,
    GroupView,
    OtherWorkView,
    Report,
    SummaryCount,
)
from lofte.words import promisers

if TYPE_CHECKING:
    from lofte.follow.calendar import Term
    from lofte.follow.period import PeriodStatus
    from lofte.follow.standing import ActivityStatus
    from lofte.model import Activity, Agreement, Group, Municipality, Promise


#: The last document's headings: a site builds a report of every term of a period in
#: every language from the same document, and its headings depend on it alone.
_LAST_HEADINGS: list[tuple[object, dict[str, str]]] = []


def _headings(document: Promise | Agreement) -> dict[str, str]:
    """`headings` of the document's activities, computed once for the same document object."""
    if _LAST_HEADINGS and _LAST_HEADINGS[0][0] is document:
        return _LAST_HEADINGS[0][1]
    found = headings(activity for _, activity in document.all_activities())
    _LAST_HEADINGS[:] = [(document, found)]
    return found


def build_report(status: PeriodStatus, lang: str = "sv") -> Report:
    """The report context of an assessed period: the whole of it, or the tertial assessed."""
    from lofte.follow.calendar import cadence_of
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
    heads = _headings(document)
    several_years = document.first_day.year != last_day.year
    signed = _signed(document, lang)
    group_heads = {
        group.id: f"{label}: {_title(group)}" if _title(group) else label
        for label, group, _ in _groups(document, actors, lang)
        if group
    }
    groups = [
        GroupView(
            f"{label}: {_title(group)}" if _title(group) else label,
            _one_paragraph(group.text) if group else None,
            group.category if group else None,
            [
                activity_view(
                    a,
                    by_id[a.id],
                    term,
                    terms,
                    actors,
                    as_of,
                    cadence,
                    last_day,
                    places,
                    lang,
                    heading=heads[a.id],
                    promised_by=_own_promisers(group, a, actors, lang),
                    window=window_words(a, lang, several_years=several_years),
                    deviations=[
                        f"{when_label(d.date, d.covers, lang)}: {_one_paragraph(d.text)}"
                        for d in document.deviations
                        if a.id in d.affects and _shown(d, document, as_of, term)
                    ],
                )
                for a in activities
            ],
            promised_by=(
                promisers(group.promised_by, actors, lang)
                if group is not None and group.promised_by and not group.is_party
                else None
            ),
            label=label,
            title=_title(group),
        )
        for label, group, activities in _groups(document, actors, lang)
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
        signed=document.signed_day,
        signed_label=signed[0] if signed else None,
        signed_when=signed[1] if signed else None,
        signed_iso=document.signed.isoformat() if document.signed is not None else None,
        builds_on=_builds_on(document, agreement),
        builds_on_url=_builds_on_url(document),
        source_url=document.source.url if document.source is not None else None,
        source_link=word(
            "report.source_link_agreement"
            if document.kind == "samverkansoverenskommelse"
            else "report.source_link",
            lang,
        ),
        records_heading=word(
            f"report.records_in.{term.kind}" if term else "report.records_period", lang
        ),
        no_records=word(f"report.no_records_in.{term.kind if term else 'tertial'}", lang),
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
        other_work=[
            OtherWorkView(
                when_label(w.date, w.covers, lang),
                _one_paragraph(w.text),
                w.count,
                w.unit,
                list(w.partners),
                list(w.places),
                w.link,
                group_heads.get(w.promise or ""),
            )
            for w in document.other_work
            if _shown(w, document, as_of, term)
        ],
        deviations=[
            DeviationView(
                when_label(d.date, d.covers, lang),
                _one_paragraph(d.text),
                [heads[ident] for ident in d.affects if ident in heads],
            )
            for d in document.deviations
            if _shown(d, document, as_of, term)
        ],
    )


def _shown(item: Any, document: Promise | Agreement, as_of: Any, term: Term | None) -> bool:
    """An entry of `other_work` or `deviations` counts on the report date, in its term."""
    from lofte.follow.calendar import day_of

    day = day_of(item, document)
    return day <= as_of and (term is None or term.contains(day))


def _heading(document: Promise | Agreement, term: Term | None, lang: str) -> str:
    from lofte.words import word

    if term is not None:
        # Running text: "tertial 2 2020 (maj–augusti)", "tertial 2 2020 (May–August)".
        label = term.label(lang)
        return word("report.heading_term", lang).format(term=label[:1].lower() + label[1:])
    return word("report.heading_period", lang).format(period=document.period)


def _signed(document: Promise | Agreement, lang: str) -> tuple[str, str] | None:
    """("Undertecknat", "16 mars 2020"), or ("Undertecknat i", "mars 2022") for a month."""
    from lofte.model import YearMonth
    from lofte.words import long_date, month_year, word

    signed = document.signed
    if signed is None:
        return None
    if isinstance(signed, YearMonth):
        return word("report.signed_month", lang), month_year(signed.year, signed.month, lang)
    return word("report.signed", lang), long_date(signed, lang)


def _builds_on(document: Promise | Agreement, agreement: Agreement | None) -> str | None:
    """The title of what a promise builds on: the agreement file's, or the one it gives."""
    if agreement is not None:
        return agreement.title
    builds_on = getattr(document, "builds_on", None)
    return None if builds_on is None or isinstance(builds_on, str) else builds_on.title


def _builds_on_url(document: Promise | Agreement) -> str | None:
    """The address of the agreement a promise builds on: its own, or its source's."""
    from lofte.model import DocumentRef

    builds_on = getattr(document, "builds_on", None)
    if isinstance(builds_on, DocumentRef):
        return builds_on.url
    return None


def window_words(activity: Activity, lang: str, *, several_years: bool = False) -> str | None:
    """An activity's window in words: "juni–augusti" (with years over several years)."""
    from lofte.follow.calendar import month_span

    window = activity.window
    if window is None:
        return None
    return month_span(window.first, window.last, lang, year=several_years)


def _own_promisers(
    group: Group | None, activity: Activity, actors: dict[str, str], lang: str
) -> str | None:
    """Who promises an activity, where its group does not already say it."""
    from lofte.words import promisers

    own = activity.promised_by
    if own is None or (group is not None and group.promised_by == own):
        return None
    return promisers(own, actors, lang)


def _title(group: Group | None) -> str | None:
    """The source's title of a group; a party's group ("Polisen lovar") is headed by its party."""
    if group is None or (group.is_party and group.promised_by):
        return None
    return group.title


def _groups(
    document: Promise | Agreement, actors: dict[str, str], lang: str
) -> list[tuple[str, Group | None, list[Activity]]]:
    from lofte.words import promisers, word

    out: list[tuple[str, Group | None, list[Activity]]] = []
    # Activities listed apart (2019) stand under the promise they name, as in
    # `lofte status`; only those that name none are "other activities".
    loose = list(document.loose_activities())
    promise_ids = {group.id for group in getattr(document, "promises", [])}
    for key, groups in (
        ("promise", getattr(document, "promises", [])),
        ("focus_area", document.focus_areas),
    ):
        number = 0
        for group in groups:
            if group.is_party and group.promised_by:
                # "Polisen lovar": a party's group is headed by the party, not numbered.
                label = promisers(group.promised_by, actors, lang)
            else:
                number += 1
                label = f"{word(f'report.{key}', lang)} {number}"
            serving = [a for a in loose if key == "promise" and a.promise == group.id]
            out.append((label, group, [*group.activities, *serving]))
    loose = [a for a in loose if a.promise not in promise_ids]
    if loose:
        key = (
            "report.action_plan" if document.kind == "samverkansoverenskommelse" else "report.other"
        )
        out.append((word(key, lang), None, list(loose)))
    return out


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

    return municipality.actor_names() if municipality else dict(BUILTIN_ACTORS)


def _paragraphs(text: str) -> list[str]:
    # A folded scalar (>-) keeps one newline where the file has a blank line.
    return [_one_paragraph(p) for p in text.split("\n") if p.strip()]


def _one_paragraph(text: str | None) -> str:
    return " ".join((text or "").split())
