"""The report's view of an assessed period: `build_report`, shared by report and site.

The context is data only (dataclasses of strings, numbers and dates) for the
templates in ``templates/`` to lay out; words come from the one catalogue in
`lofte.words`, standings from `lofte.follow.standing.assess` by way of
`lofte.follow.period.period_status`.  The shape is in `lofte.render.reportview`,
each activity's part in `lofte.render.activityview`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lofte.render.activityview import activity_view
from lofte.render.headings import headings
from lofte.render.reportview import SUMMARY, GroupView, Report, SummaryCount

if TYPE_CHECKING:
    from lofte.follow.calendar import Term
    from lofte.follow.period import PeriodStatus
    from lofte.follow.standing import ActivityStatus
    from lofte.model import Activity, Agreement, Group, Municipality, Promise


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
    heads = headings(activity for _, activity in document.all_activities())
    groups = [
        GroupView(
            f"{label}: {group.title}" if group is not None and group.title else label,
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
                )
                for a in activities
            ],
            label,
            group.title if group is not None else None,
        )
        for label, group, activities in _groups(document, lang)
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
        # Running text: "tertial 2 2020 (maj–augusti)", "tertial 2 2020 (May–August)".
        label = term.label(lang)
        return word("report.heading_term", lang).format(term=label[:1].lower() + label[1:])
    return word("report.heading_period", lang).format(period=document.period)


def _groups(
    document: Promise | Agreement, lang: str
) -> list[tuple[str, Group | None, list[Activity]]]:
    from lofte.words import word

    out: list[tuple[str, Group | None, list[Activity]]] = []
    # Activities listed apart (2019) stand under the promise they name, as in
    # `lofte status`; only those that name none are "other activities".
    loose = list(document.loose_activities())
    promise_ids = {group.id for group in getattr(document, "promises", [])}
    for key, groups in (
        ("promise", getattr(document, "promises", [])),
        ("focus_area", document.focus_areas),
    ):
        for number, group in enumerate(groups, start=1):
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

    return {**BUILTIN_ACTORS, **(municipality.actors if municipality else {})}


def _paragraphs(text: str) -> list[str]:
    # A folded scalar (>-) keeps one newline where the file has a blank line.
    return [_one_paragraph(p) for p in text.split("\n") if p.strip()]


def _one_paragraph(text: str | None) -> str:
    return " ".join((text or "").split())
