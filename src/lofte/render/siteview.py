"""What a page of `lofte site` shows, beyond the report: charts, term strips, links.

The period pages reuse the report's view (`lofte.render.reportview.Report`,
built by `lofte.render.reportbuild.build_report`); this module adds what a website needs
around it: the stacked bars of standings, the strip of terms per activity,
the pages' links (always relative), and the lists of deviations and other
work.  Charts are drawn by the templates from the geometry computed here, so a
municipality's own templates can draw them differently.

Colour is never the only carrier: every segment and cell has a symbol, every
chart a text alternative in words, and the same numbers stand beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from lofte.render.reportview import SUMMARY

if TYPE_CHECKING:
    from lofte.follow.calendar import Term
    from lofte.follow.standing import ActivityStatus
    from lofte.model import Activity
    from lofte.render.reportview import Report, SummaryCount

#: Fill and symbol of each summary count.  Every fill has at least 4.5:1 contrast
#: with white (the symbol drawn on it) and 3:1 with the white page around it.
SUMMARY_LOOK: dict[str, tuple[str, str]] = {
    "kept": ("#1b6e3a", "✓"),
    "on_track": ("#1f5fa8", "→"),
    "partly_kept": ("#7a5200", "◐"),
    "behind": ("#a33b00", "▼"),
    "not_kept": ("#8f1d2c", "✗"),
    "no_follow_up": ("#595959", "?"),
}

#: The states of a term in an activity's strip, in the order the prose names them,
#: with fill, ink (the text on it), outline and symbol.
STRIP_LOOK: dict[str, tuple[str, str, str, str]] = {
    "followed": ("#1b6e3a", "#ffffff", "#1b6e3a", "✓"),
    # Followed up only by a record covering a longer span ("covers: 2019"): the
    # summary says nothing of this term alone, so the cell is not drawn as one that was.
    "summarised": ("#ffffff", "#1b6e3a", "#1b6e3a", "✓"),
    "missing": ("#8f1d2c", "#ffffff", "#8f1d2c", "✗"),
    "unrecorded": ("#ffffff", "#1b1b1b", "#595959", "○"),
    "open": ("#ffffff", "#1b1b1b", "#595959", "…"),
    "before": ("#e4e4e4", "#1b1b1b", "#767676", "–"),
}

CHART_WIDTH = 320
CHART_HEIGHT = 28


@dataclass(frozen=True)
class Link:
    """A link: its words and its relative address."""

    text: str
    href: str


@dataclass(frozen=True)
class Segment:
    """One part of a stacked bar."""

    key: str
    label: str
    count: int
    x: int
    width: int
    fill: str
    symbol: str

    @property
    def shows_symbol(self) -> bool:
        """Whether the segment is wide enough to draw its symbol inside."""
        return self.width >= 16


@dataclass(frozen=True)
class Chart:
    """A stacked bar of standings, with its text alternative."""

    id: str
    text: str
    segments: list[Segment]
    counts: list[SummaryCount]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT


@dataclass(frozen=True)
class Cell:
    """One term of an activity's strip."""

    term: str  # the term's id, 2022-T3
    short: str  # what the cell says: T3, or 2024 T1 in a period of several years
    name: str  # in prose: "tertial 3 2022"
    state: str
    state_word: str
    x: int
    fill: str
    ink: str
    stroke: str
    symbol: str


@dataclass(frozen=True)
class Strip:
    """An activity's terms in a row, which were followed up, and the same in words."""

    id: str
    title: str
    text: str
    cells: list[Cell]
    cell_width: int
    height: int = 40

    @property
    def width(self) -> int:
        """The whole strip's width in the SVG's units."""
        return len(self.cells) * self.cell_width


@dataclass(frozen=True)
class Noted:
    """A deviation or an item of other work, with the activity it belongs to."""

    date: dt.date | None
    text: str
    activity: str | None  # the activity's heading
    href: str | None  # its anchor on the page
    covers: str | None = None  # the span it reports on (`covers`) in words, when it says one
    day: dt.date | None = None  # the day it counts from: its date, else its span's last day
    count: int | None = None  # how many, where other work says
    unit: str | None = None


@dataclass(frozen=True)
class Page:
    """What every page has: its place in the site, and the links around it."""

    lang: str
    path: str  # relative to the site's root, e.g. en/strangnas/2020.html
    title: str
    breadcrumbs: list[Link]
    alternate: Link | None  # the same page in the other language
    alternate_lang: str | None
    feed: str | None
    stylesheet: str  # the site's style.css, relative to the page


@dataclass(frozen=True)
class PeriodCard:
    """A period on the municipality's index: its summary and where to read more."""

    heading: str
    title: str
    href: str
    span: str
    summary_line: str
    chart: Chart
    terms: list[Link]


@dataclass(frozen=True)
class PeriodPage:
    """A period's page, or one of its terms'."""

    page: Page
    report: Report
    summary_chart: Chart
    group_charts: list[Chart]
    strips: dict[str, Strip]
    deviations: list[Noted]  # on records and the file's own; other work is the report's
    source: str | None
    source_url: str | None
    data: list[Link]
    terms: list[Link]  # every term's page, the current one included
    whole: Link | None  # from a term's page: the whole period
    current: str | None  # the term this page shows, if any
    terms_word: str = ""  # "tertial" or "kvartal": what the terms are called
    promised_by: dict[str, str] = field(default_factory=dict)  # activity id → who promised it
    titles: dict[str, str] = field(default_factory=dict)  # activity id → its own title


@dataclass(frozen=True)
class MunicipalityPage:
    """A municipality's index: its periods newest first, its agreements."""

    page: Page
    name: str
    police_area: str | None
    periods: list[PeriodCard]
    agreements: list[PeriodCard]
    data_index: str | None


@dataclass(frozen=True)
class MunicipalityCard:
    """A municipality on the top index."""

    name: str
    href: str
    latest: str | None


@dataclass(frozen=True)
class TopPage:
    """The top index of a tree: municipalities grouped by local police area."""

    page: Page
    groups: list[tuple[str, list[MunicipalityCard]]]
    data_index: str | None


def href(source: str, target: str) -> str:
    """The relative link from the page at ``source`` to ``target`` (both root-relative files).

    ``posixpath.relpath`` gives the same, a few times slower (it resolves
    against the working directory); a site computes tens of thousands.
    """
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    here = source.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) + anchor


def chart(ident: str, counts: list[SummaryCount], text_key: str, lang: str, **fmt: Any) -> Chart:
    """A stacked bar of ``counts`` (the report's summary), with its words."""
    from lofte.words import word

    # One of a standing reads in the singular, in the sentence and the legend alike.
    counts = [
        replace(c, label=word(f"site.one.{c.key}", lang)) if c.count == 1 else c for c in counts
    ]
    total = sum(c.count for c in counts)
    widths = _shares([c.count for c in counts], CHART_WIDTH)
    segments: list[Segment] = []
    x = 0
    for count, width in zip(counts, widths, strict=True):
        if count.count:
            fill, symbol = SUMMARY_LOOK.get(count.key, ("#595959", "?"))
            segments.append(Segment(count.key, count.label, count.count, x, width, fill, symbol))
        x += width
    if total:
        listed = ", ".join(f"{c.count} {c.label.lower()}" for c in counts if c.count)
        if total == 1 and text_key == "site.summary_chart":
            text_key = "site.summary_chart_one"
        text = word(text_key, lang).format(total=total, counts=listed, **fmt)
    else:
        text = word("site.summary_none", lang)
    return Chart(ident, text, segments, counts)


def _shares(counts: list[int], width: int) -> list[int]:
    """Whole widths in proportion to ``counts`` that add up to ``width`` (largest remainder)."""
    total = sum(counts)
    if not total:
        return [0 for _ in counts]
    exact = [c * width / total for c in counts]
    whole = [int(e) for e in exact]
    order = sorted(range(len(counts)), key=lambda i: (whole[i] - exact[i], i))
    for i in order[: width - sum(whole)]:
        whole[i] += 1
    return whole


def strip(
    activity: Activity,
    status: ActivityStatus,
    terms: list[Term],
    view_date: dt.date,
    view_term: Term | None,
    lang: str,
    document: Any = None,
) -> Strip:
    """Which of the period's terms the activity was followed up in (a span record included)."""
    from lofte.follow.standing import records_in
    from lofte.words import word

    years = {t.year for t in terms}
    letter = {"tertial": "T", "quarter": word("term.quarter", lang)[:1]}
    cells: list[Cell] = []
    width = 64 if len(years) > 1 else 44
    for n, term in enumerate(terms):
        short = f"{letter[term.kind]}{term.number}"
        if len(years) > 1:
            short = f"{term.year} {short}"
        state = _state(activity, status, term, view_date, view_term, records_in, document)
        fill, ink, stroke, symbol = STRIP_LOOK[state]
        name = f"{word(f'term.{term.kind}', lang).lower()} {term.number} {term.year}"
        state_word = word(f"site.strip.key.{state}", lang)
        cells.append(
            Cell(term.id, short, name, state, state_word, n * width, fill, ink, stroke, symbol)
        )
    kind = terms[0].kind if terms else "tertial"
    title = word("site.strip", lang).format(terms=word(f"terms.{kind}", lang))
    return Strip(f"strip-{activity.id}", title, _strip_text(cells, lang), cells, width)


def _state(
    activity: Activity,
    status: ActivityStatus,
    term: Term,
    view_date: dt.date,
    view_term: Term | None,
    records_in: Any,
    document: Any,
) -> str:
    starts = status.starts or term.start
    deadline = status.deadline or term.end
    if term.before_start or term.end < starts or term.start > deadline:
        return "before"
    # With the document, `records_in` counts a span record (`covers`) in every term it covers.
    found = records_in(activity, term, view_date, document)
    if found:
        own = any(r.covers is None or r.covers == term.id for r in found)
        return "followed" if own else "summarised"
    # The page of an ended period is viewed on its last day, when its last term
    # still runs by the calendar; but the standing beside the strip was taken
    # after the deadline, when every term up to it had closed (`status.ended`).
    closed = (
        term.end < view_date
        or status.ended
        or (view_term is not None and term.end <= view_term.end)
    )
    if not closed:
        return "open"
    if term.id in status.terms_due:
        return "missing"
    return "unrecorded"


def _strip_text(cells: list[Cell], lang: str) -> str:
    from lofte.words import word

    parts = []
    for state in STRIP_LOOK:
        names = [c.name for c in cells if c.state == state]
        if names:
            parts.append(word(f"site.strip.{state}", lang).format(terms=join_and(names, lang)))
    text = "; ".join(parts)
    return (text[:1].upper() + text[1:] + ".") if text else ""


def join_and(items: list[str], lang: str) -> str:
    """ "a, b och c" / "a, b and c"."""
    from lofte.words import word

    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word('site.and', lang)} {items[-1]}"


def summary_counts(report: Report) -> list[SummaryCount]:
    """The report's summary in `SUMMARY`'s order (what the charts draw)."""
    order = [key for key, _ in SUMMARY]
    return sorted(report.summary, key=lambda c: order.index(c.key) if c.key in order else 99)


__all__ = [
    "Cell",
    "Chart",
    "Link",
    "MunicipalityCard",
    "MunicipalityPage",
    "Noted",
    "Page",
    "PeriodCard",
    "PeriodPage",
    "Segment",
    "Strip",
    "TopPage",
    "chart",
    "href",
    "join_and",
    "strip",
]
