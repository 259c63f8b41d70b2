"""The Pydantic models of a promise file.

Keys are English, content is the source's Swedish.  Every model forbids
unknown keys and validates strictly: a YAML value whose type differs from
what the field expects (a number where text is meant, text where a count is
meant) is an error, never silently coerced.  Dates are written as ISO
``YYYY-MM-DD`` text; the loader reads YAML 1.2, which has no date type.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PERIOD_RE = r"^[0-9]{4}(?:-[0-9]{4})?$"
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MONTH_RE = re.compile(r"^[0-9]{4}-[0-9]{2}$")


def _parse_date(value: object) -> dt.date:
    # YAML 1.2 has no timestamp type, so a date arrives as text.  A bare
    # number (20200316) or a datetime is a typing mistake, not a date.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {describe(value)}")
    if not _DATE_RE.match(value):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {describe(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"impossible date {value!r}: {exc}") from None


def _parse_month(value: object) -> str:
    if not isinstance(value, str) or not _MONTH_RE.match(value):
        raise ValueError(f"expected a month as YYYY-MM, got {describe(value)}")
    if not 1 <= int(value[5:]) <= 12:
        raise ValueError(f"impossible month {value!r}")
    return value


def _parse_period(value: object) -> str:
    # `period: 2020` is what people type; accept the bare year as well as "2020".
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not re.match(PERIOD_RE, value):
        raise ValueError(
            f"expected a year or a range of years such as '2024-2025', got {describe(value)}"
        )
    if "-" in value:
        first, last = (int(part) for part in value.split("-"))
        if last < first:
            raise ValueError(f"period {value!r} ends before it starts")
    return value


def describe(value: object) -> str:
    """A short, user-facing description of a YAML value, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


Date = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]
Month = Annotated[
    str,
    BeforeValidator(_parse_month),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}$"}),
]
Period = Annotated[
    str,
    BeforeValidator(_parse_period),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": PERIOD_RE}, {"type": "integer"}]}),
]
Slug = Annotated[str, Field(pattern=SLUG_RE, max_length=80)]
Text = Annotated[str, Field(min_length=1)]
PositiveInt = Annotated[int, Field(gt=0)]


def empty_list(description: str | None = None) -> Any:
    """A list field that is empty when absent: a new ``list()`` for each instance.

    Not ``= []``: pydantic deep-copies a mutable default for every instance,
    which took two fifths of the validation time of a national corpus (see
    docs/performance.md).  The schema still says ``"default": []``.
    """
    return Field(default_factory=list, description=description, json_schema_extra={"default": []})


def empty_dict(description: str | None = None) -> Any:
    """A mapping field that is empty when absent; see `empty_list`."""
    return Field(default_factory=dict, description=description, json_schema_extra={"default": {}})


class Strict(BaseModel):
    """Base for every model: unknown keys forbidden, no type coercion."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# ----------------------------------------------------------------- people


class Signatory(Strict):
    """Someone who signed, spelled as the source spells them."""

    name: Text
    title: Text
    organisation: Text


class Source(Strict):
    """Which document a file transcribes, and what it leaves out."""

    document: Text
    note: str | None = None


# ---------------------------------------------------------------- targets


class CountTarget(Strict):
    """ "minst två insatser": at least, exactly or at most N of a unit."""

    kind: Literal["count"]
    at_least: PositiveInt | None = None
    exactly: PositiveInt | None = None
    at_most: PositiveInt | None = None
    unit: Text
    measure: str | None = Field(
        default=None, description="How the count is made, where the text is vague."
    )

    @model_validator(mode="after")
    def _one_comparator(self) -> CountTarget:
        given = [v for v in (self.at_least, self.exactly, self.at_most) if v is not None]
        if len(given) != 1:
            raise ValueError("a count target needs exactly one of at_least, exactly, at_most")
        return self

    @property
    def comparator(self) -> str:
        """The comparator's key: at_least, exactly or at_most."""
        if self.at_least is not None:
            return "at_least"
        return "exactly" if self.exactly is not None else "at_most"

    @property
    def number(self) -> int:
        """The target number, whichever comparator carries it."""
        value = self.at_least or self.exactly or self.at_most
        assert value is not None  # guaranteed by _one_comparator
        return value


class CoverageTarget(Strict):
    """Every item of a list: "i kommunens samtliga kommundelar"."""

    kind: Literal["coverage"]
    of: Slug | None = Field(
        default=None, description="A place list of the municipality file, e.g. kommundelar."
    )
    items: list[Text] | None = None
    unit: str | None = None
    measure: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> CoverageTarget:
        if (self.of is None) == (self.items is None):
            raise ValueError(
                "a coverage target needs exactly one of 'of' (a named list) or 'items'"
            )
        return self


class RecurringTarget(Strict):
    """At least N times per tertial or quarter: "träffas kontinuerligt"."""

    kind: Literal["recurring"]
    per: Literal["tertial", "quarter"]
    at_least: PositiveInt = 1
    measure: str | None = None


class MilestoneTarget(Strict):
    """Done once, by the activity's due date or else the period's end."""

    kind: Literal["milestone"]
    measure: str | None = None


class OngoingTarget(Strict):
    """Qualitative, continuing work, followed up with a note each tertial."""

    kind: Literal["ongoing"]
    measure: str | None = None


Target = Annotated[
    CountTarget | CoverageTarget | RecurringTarget | MilestoneTarget | OngoingTarget,
    Field(discriminator="kind"),
]
TARGET_KINDS = ("count", "coverage", "recurring", "milestone", "ongoing")


# --------------------------------------------------------------- progress


class Record(Strict):
    """One follow-up: a count, a note, or both, on a date."""

    date: Date
    count: PositiveInt | None = None
    note: Text | None = None
    places: list[Text] = empty_list()
    partners: list[Text] = empty_list()
    link: Text | None = None
    deviation: Text | None = None

    @model_validator(mode="after")
    def _count_or_note(self) -> Record:
        if self.count is None and self.note is None:
            raise ValueError("a progress record needs a count, a note, or both")
        return self


# ------------------------------------------------------------- activities


class Window(Strict):
    """A time window for an activity."""

    start: Date
    end: Date

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.end < self.start:
            raise ValueError("the window ends before it starts")
        return self


class Roles(Strict):
    """A handlingsplan row's columns: each party's role."""

    municipality: str | None = None
    police: str | None = None
    communication: str | None = None


class Activity(Strict):
    """A concrete activity, with who does it and what counts as done."""

    id: Slug
    title: Text | None = Field(
        default=None, description="A short title in the source's own words, for headings."
    )
    text: Text
    responsible: list[Slug] = empty_list(
        "Actor ids: polisen, kommunen, or a unit of the municipality file."
    )
    promise: Slug | None = Field(
        default=None, description="The promise it serves, for activities listed apart."
    )
    places: list[Text] = empty_list()
    due: Date | None = None
    window: Window | None = None
    roles: Roles | None = None
    target: Target | None = None
    progress: list[Record] = empty_list()


class Group(Strict):
    """A promise, focus area or goal, with the activities under it."""

    id: Slug
    title: str | None = None
    text: str | None = None
    category: str | None = None
    activities: list[Activity] = empty_list()


# ------------------------------------------------------------- the rest


class MonthRange(Strict):
    """From one month to another, inclusive."""

    start: Month
    end: Month


class Indicator(Strict):
    """A figure of the situation picture."""

    measure: Text
    value: str | None = None
    change_percent: float | None = None
    qualifier: str | None = Field(
        default=None, description="e.g. nästan, ca, as the source words it"
    )
    baseline: MonthRange | None = None
    compared: MonthRange | None = None
    source: str | None = None
    text: str | None = None


class Situation(Strict):
    """The lägesbild."""

    text: Text
    focus: list[Text] = empty_list()
    sources: list[Text] = empty_list()
    indicators: list[Indicator] = empty_list()


class FollowUp(Strict):
    """How and where the work is followed up."""

    cadence: Literal["tertial", "quarter"]
    forum: str | None = None
    published_on: list[Text] = empty_list()
    text: str | None = None


class Communication(Strict):
    """How the work is told to citizens."""

    text: Text
    channels: list[Text] = empty_list()


class _Document(Strict):
    source: Source | None = None
    period: Period
    starts: Date | None = None
    ends: Date | None = None
    title: Text
    municipality: Slug = Field(description="The municipality file, e.g. strangnas.")
    police_area: str | None = None
    signed: Date | None = None
    signatories: list[Signatory] = empty_list()
    situation: Situation | None = None
    expected_effects: list[Text] = empty_list()
    follow_up: FollowUp | None = None
    communication: Communication | None = None

    def groups(self) -> list[Group]:
        """Every group (promise, focus area, goal) of the document."""
        return []

    def loose_activities(self) -> list[Activity]:
        """Activities listed apart from any group."""
        return []

    def all_activities(self) -> Iterator[tuple[Group | None, Activity]]:
        """Every activity with the group it stands under, if any."""
        for group in self.groups():
            for activity in group.activities:
                yield group, activity
        for activity in self.loose_activities():
            yield None, activity

    @property
    def first_day(self) -> dt.date:
        """The period's first day: its explicit start, else 1 January of its first year."""
        if self.starts is not None:
            return self.starts
        return dt.date(int(self.period[:4]), 1, 1)

    @property
    def last_day(self) -> dt.date:
        """The period's last day: explicit end, else 31 December of its last year."""
        if self.ends is not None:
            return self.ends
        return dt.date(int(self.period[-4:]), 12, 31)


class Promise(_Document):
    """A medborgarlöfte for one year or a range of years."""

    kind: Literal["medborgarlofte"]
    applies_from: Literal["signing"] | None = Field(
        default=None, description="'signing' when the promise applies from its signing date."
    )
    builds_on: Slug | None = Field(default=None, description="The agreement file it builds on.")
    promises: list[Group] = empty_list()
    focus_areas: list[Group] = empty_list()
    activities: list[Activity] = empty_list("Activities the source lists apart from its promises.")

    def groups(self) -> list[Group]:
        return [*self.promises, *self.focus_areas]

    def loose_activities(self) -> list[Activity]:
        return self.activities

    @property
    def effective_start(self) -> dt.date:
        """When the promise starts to apply: its signing date if it says so."""
        if self.applies_from == "signing" and self.signed is not None:
            return self.signed
        return self.first_day


class Agreement(_Document):
    """A samverkansöverenskommelse, with its goals and handlingsplan."""

    kind: Literal["samverkansoverenskommelse"]
    goals: list[Text] = empty_list()
    focus_areas: list[Group] = empty_list()
    action_plan: list[Activity] = empty_list()
    commitments: str | None = None

    def groups(self) -> list[Group]:
        return self.focus_areas

    def loose_activities(self) -> list[Activity]:
        return self.action_plan

    @property
    def effective_start(self) -> dt.date:
        """When the agreement starts to apply."""
        return self.first_day


class PlaceList(Strict):
    """A named list of places, such as the municipality's kommundelar."""

    items: list[Text] = Field(min_length=1)
    complete: bool = Field(
        default=True, description="False when the sources name only some of the items."
    )
    note: str | None = None


class Municipality(Strict):
    """Facts about one municipality, stated once: its units and place lists."""

    kind: Literal["municipality"]
    source: Source | None = None
    name: Text
    police_area: str | None = None
    actors: dict[Slug, Text] = empty_dict(
        "Local units that may be responsible, by id, with display names."
    )
    places: dict[Slug, PlaceList] = empty_dict()


Document = Annotated[Promise | Agreement | Municipality, Field(discriminator="kind")]
DOCUMENT_KINDS = ("medborgarlofte", "samverkansoverenskommelse", "municipality")

#: Actors every municipality has: the two parties of every promise.
BUILTIN_ACTORS: dict[str, str] = {"polisen": "Polisen", "kommunen": "Kommunen"}
