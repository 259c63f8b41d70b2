"""What a report shows: plain dataclasses of strings, numbers and dates for the templates.

`lofte.report` builds them; the templates in ``templates/`` lay them out.  A
template may use any field here, so fields are added, not renamed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: The summary's counts, and the standings each one gathers.  Partly kept stands
#: apart from behind and from not kept: a target half met is neither.
SUMMARY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kept", ("kept", "exceeded", "done")),
    ("on_track", ("on_track", "followed_up")),
    ("partly_kept", ("partly_kept",)),
    ("behind", ("behind",)),
    ("not_kept", ("not_kept", "overdue")),
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
    covers: str | None = None  # the span it reports on ("2019", "2019-T3"), if it says
    dated: bool = True  # False when only `covers` dates it: ``date`` is then the span's end
    when: str = ""  # for a record without a date: "avser 2019"


@dataclass(frozen=True)
class OtherWorkView:
    """Work done outside the plan: it has no target and counts toward none."""

    when: str  # "avser 2021", or a date in words
    text: str
    count: int | None
    unit: str | None
    partners: list[str]
    places: list[str]
    link: str | None
    promise: str | None  # the heading of the promise or focus area it served


@dataclass(frozen=True)
class DeviationView:
    """A deviation from the plan, with the headings of the activities it affects."""

    when: str
    text: str
    affects: list[str]  # activity headings; empty: the whole document


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
    title: str | None = None  # the file's `title:`, when it gives one
    promised_by: str | None = None  # "Polisen lovar", where its group does not say it already
    window: str | None = None  # its window in words: "juni–augusti"
    affected_by: list[str] = field(default_factory=list)  # the document's deviations naming it
    last_label: str = ""  # when the latest record has no date: the span it covers

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
    promised_by: str | None = None  # "Polisen lovar" for a promise; None for a party's group
    label: str = ""  # "Löfte 1": the heading's own words, without the source's title
    title: str | None = None  # the source's title of the group, if it has one


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
    signed: dt.date | None  # a month's signing (2022-03) is its first day; see signed_text
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
    signed_label: str | None = None  # "Undertecknat", or "Undertecknat i" before a month
    signed_when: str | None = None  # "16 mars 2020", or "mars 2022" for a month
    builds_on_url: str | None = None  # the address of the document it builds on, if given
    source_url: str | None = None  # the address of the document itself ("Läs hela …")
    source_link: str | None = None  # the words of that link
    signed_iso: str | None = None  # the signing as written: 2020-03-16, or 2022-03 for a month
    other_work: list[OtherWorkView] = field(default_factory=list)
    deviations: list[DeviationView] = field(default_factory=list)
    # The heading of an activity's records and the words when it has none, in the
    # words of the report's term ("Registrerat under kvartalet") or period.
    records_heading: str = ""
    no_records: str = ""
