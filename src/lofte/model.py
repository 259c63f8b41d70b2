"""The Pydantic models of a promise file.

Keys are English, content is the source's Swedish.  Every model forbids
unknown keys and validates strictly: a YAML value whose type differs from
what the field expects (a number where text is meant, text where a count is
meant) is an error, never silently coerced.  Dates are written as ISO
``YYYY-MM-DD`` text; the loader reads YAML 1.2, which has no date type.

Where a source knows a date only to the month ("undertecknat i mars 2022",
"under sommarperioden"), ``YYYY-MM`` is accepted wherever a date is (`When`):
it is kept as a `YearMonth`, so the precision is not lost, and it means its
whole month: a start (``starts``, ``window.start``, ``signed``) is its first
day, an end (``ends``, ``window.end``, ``due``) its last.  Models resolve
them in one place (`first_of`, `last_of`, and properties such as
``Window.first``).  Progress records stay day-precise: a record says what was
done on a day, and `lofte record` writes the day it is given.
"""

# No `from __future__ import annotations`: pydantic would then compile and evaluate
# every annotation string when the module is imported (10 M instructions of each
# `lofte status`; docs/performance.md).  Forward references are quoted instead.

import datetime as dt
import functools
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

# The values and methods the models share with the cache's views (lofte.modelbase);
# the values re-exported here, where they were defined before.
from lofte.modelbase import BUILTIN_ACTORS as BUILTIN_ACTORS
from lofte.modelbase import (
    ActivityMethods,
    AgreementMethods,
    CountTargetMethods,
    DocumentMethods,
    GroupMethods,
    MunicipalityMethods,
    PromiseMethods,
    WindowMethods,
)
from lofte.modelbase import YearMonth as YearMonth
from lofte.modelbase import covers_bounds as covers_bounds
from lofte.modelbase import first_of as first_of
from lofte.modelbase import last_of as last_of

SLUG_RE = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PERIOD_RE = r"^[0-9]{4}(?:[-/][0-9]{4})?$"
URL_RE = r"^https?://[^\s]+$"
#: A sheet row's key (`lofte import`): term, unit and row, e.g. 2020-T2/polisen/planlagda-insatser.
SHEET_KEY_RE = r"^[0-9]{4}-[TQ][1-4]/[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$"
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MONTH_RE = re.compile(r"^[0-9]{4}-[0-9]{2}$")
COVERS_RE = r"^[0-9]{4}(?:-(?:T[1-3]|Q[1-4]|[0-9]{4}))?$"

#: The years a file may name, in periods and dates alike: wide enough for any
#: promise, and far enough from Python's year 1 and 9999 that the calendar's
#: arithmetic (a term's end, the day after a period) never leaves its range.
YEARS = range(1900, 3000)


def _check_year(year: int, value: str) -> None:
    if year not in YEARS:
        raise ValueError(
            f"year {year:04d} in {value!r} is out of range; years run from "
            f"{YEARS.start} to {YEARS.stop - 1}"
        )


def _parse_date(value: object) -> dt.date:
    # YAML 1.2 has no timestamp type, so a date arrives as text.  A bare
    # number (20200316) or a datetime is a typing mistake, not a date.
    if type(value) is str:
        return _date_of(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {describe(value)}")
    return _date_of(str(value))


@functools.lru_cache(maxsize=4096)
def _date_of(value: str) -> dt.date:
    # Remembered: a file of a few thousand records names the same few hundred
    # days again and again (16,000 dates in the 1 MB benchmark file, which
    # `record` validates twice).  A refusal raises, and is not remembered.
    if not _DATE_RE.match(value):
        if _MONTH_RE.match(value):
            # Only a record's date is a `Date`: what was done, was done on a day.
            raise ValueError(f"a record is dated to the day: expected YYYY-MM-DD, got {value!r}")
        raise ValueError(f"expected a date as YYYY-MM-DD, got {describe(value)}")
    _check_year(int(value[:4]), value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"impossible date {value!r}: {exc}") from None


def _parse_month(value: object) -> str:
    if not isinstance(value, str) or not _MONTH_RE.match(value):
        raise ValueError(f"expected a month as YYYY-MM, got {describe(value)}")
    _check_year(int(value[:4]), value)
    if not 1 <= int(value[5:]) <= 12:
        raise ValueError(f"impossible month {value!r}")
    return value


def _parse_when(value: object) -> dt.date | YearMonth:
    # A day (2022-03-16) or a month (2022-03), each checked for being possible.
    if isinstance(value, dt.date | YearMonth) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _MONTH_RE.match(value):
        month = int(value[5:])
        if not 1 <= month <= 12:
            raise ValueError(f"impossible month {value!r}")
        return YearMonth(int(value[:4]), month)
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise ValueError(
            f"expected a date as YYYY-MM-DD, or a month as YYYY-MM, got {describe(value)}"
        )
    return _parse_date(value)


def _parse_url(value: object) -> str:
    if not isinstance(value, str) or not re.match(URL_RE, value):
        raise ValueError(f"expected an address starting http:// or https://, got {describe(value)}")
    return value


def _parse_period(value: object) -> str:
    # `period: 2020` is what people type; accept the bare year as well as "2020".
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not re.match(PERIOD_RE, value):
        raise ValueError(
            f"expected a year or a range of years such as '2024-2025' or '2022/2023', "
            f"got {describe(value)}"
        )
    for year in re.split(r"[-/]", value):
        _check_year(int(year), value)
    if len(value) > 4:
        first, last = int(value[:4]), int(value[5:])
        if last < first:
            raise ValueError(f"period {value!r} ends before it starts")
    return value


def _parse_covers(value: object) -> str:
    # `covers: 2019` is what people type for a year; accept it as "2019".
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not re.match(COVERS_RE, value):
        raise ValueError(
            "expected a year (2019), a term (2019-T3, 2021-Q2) or the period's id "
            f"(2020-2023), got {describe(value)}"
        )
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
When = Annotated[
    dt.date | YearMonth,
    PlainValidator(_parse_when),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])$"},
            ]
        }
    ),
]
Url = Annotated[
    str,
    BeforeValidator(_parse_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
]
Period = Annotated[
    str,
    BeforeValidator(_parse_period),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": PERIOD_RE}, {"type": "integer"}]}),
]
Covers = Annotated[
    str,
    BeforeValidator(_parse_covers),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": COVERS_RE}, {"type": "integer"}],
            "description": "The span a follow-up reports on: a year (2019), a term "
            "(2019-T3, 2021-Q2) or the period's id (2020-2023).",
        }
    ),
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


#: The tags of a text-or-mapping union (`by_shape`); the reader skips them when it
#: locates an error, since they name a branch, not a key of the file.
SHAPE_TAGS = ("one-of:text", "one-of:mapping")


def _shape(value: object) -> str:
    return SHAPE_TAGS[1] if isinstance(value, dict) else SHAPE_TAGS[0]


def by_shape(text: Any, mapping: Any) -> Any:
    """A value given either as text or as a mapping, validated as the one it is.

    A plain union would report a mapping's mistakes twice, once as "expected
    text"; the shape picks the branch, so each mistake is said once.
    """
    return Annotated[
        Annotated[text, Tag(SHAPE_TAGS[0])] | Annotated[mapping, Tag(SHAPE_TAGS[1])],
        Discriminator(_shape),
    ]


class Strict(BaseModel):
    """Base for every model: unknown keys forbidden, no type coercion."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)


# ----------------------------------------------------------------- people


class Signatory(Strict):
    """Someone who signed, spelled as the source spells them."""

    name: Text
    title: Text
    organisation: Text


class Source(Strict):
    """Which document a file transcribes, and what it leaves out."""

    document: Text
    url: Url | None = Field(default=None, description="Where the document itself can be read.")
    note: str | None = None


class DocumentRef(Strict):
    """A document that is not transcribed here, by its title and address."""

    title: Text
    url: Url | None = None


# ---------------------------------------------------------------- targets


#: The words a source uses for a stated but unnumbered amount: "flera riktade insatser".
VAGUE_WORDS = ("flera", "några", "ett antal", "fler")


class CountTarget(CountTargetMethods, Strict):
    """ "minst två insatser": at least, exactly or at most N of a unit.

    Or ``vague``: "flera riktade insatser", an amount stated without a number;
    counts add up, but nothing can be kept or not kept against it.
    """

    kind: Literal["count"]
    at_least: PositiveInt | None = None
    exactly: PositiveInt | None = None
    at_most: PositiveInt | None = None
    vague: Literal["flera", "några", "ett antal", "fler"] | None = Field(
        default=None, description="The source's word for an amount it does not number."
    )
    unit: Text
    measure: str | None = Field(
        default=None, description="How the count is made, where the text is vague."
    )

    @field_validator("vague")
    @classmethod
    def _vague_alone(cls, vague: str | None, info: ValidationInfo) -> str | None:
        # Checked on `vague` itself (the numbers come before it), so the
        # message points at the word, not at the whole target.
        given = [k for k in ("at_least", "exactly", "at_most") if info.data.get(k) is not None]
        if vague is not None and given:
            raise ValueError(
                f"vague: {vague!r} states no number, but the target also says {given[0]}; "
                "keep one of them"
            )
        return vague

    @model_validator(mode="after")
    def _one_comparator(self) -> "CountTarget":
        given = [v for v in (self.at_least, self.exactly, self.at_most) if v is not None]
        if self.vague is not None:
            return self
        if len(given) != 1:
            raise ValueError(
                "a count target needs exactly one of at_least, exactly, at_most (or vague)"
            )
        return self


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
    def _one_source(self) -> "CoverageTarget":
        if (self.of is None) == (self.items is None):
            raise ValueError(
                "a coverage target needs exactly one of 'of' (a named list) or 'items'"
            )
        return self


class RecurringTarget(Strict):
    """At least N times per tertial, quarter or year: "den årliga trygghetsvandringen"."""

    kind: Literal["recurring"]
    per: Literal["tertial", "quarter", "year"]
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


class _Dated(Strict):
    """Something dated by a day, or by the span it reports on (`covers`), or both."""

    date: Date | None = None
    covers: Covers | None = Field(
        default=None,
        description="The span it reports on: a year, a term or the period's id.",
    )
    sheet: Annotated[str, Field(pattern=SHEET_KEY_RE, max_length=200)] | None = Field(
        default=None,
        description="Written by `lofte import`: the key of the sheet row this entry came from "
        "(TERM/UNIT/ROW), so that importing the sheet again adds nothing.",
    )

    @model_validator(mode="after")
    def _dated(self) -> "_Dated":
        if self.date is None and self.covers is None:
            raise ValueError("needs a date, or covers for the span it reports on (or both)")
        return self


class Record(_Dated):
    """One follow-up: a count, a note, or both, on a date or for a span (`covers`)."""

    count: PositiveInt | None = None
    note: Text | None = None
    places: list[Text] = empty_list()
    partners: list[Text] = empty_list()
    link: Text | None = None
    deviation: Text | None = None

    @model_validator(mode="after")
    def _count_or_note(self) -> "Record":
        if self.count is None and self.note is None:
            raise ValueError("a progress record needs a count, a note, or both")
        return self


class OtherWork(_Dated):
    """Something done that no planned activity names (`other_work:`): never counts to a target."""

    text: Text
    count: PositiveInt | None = None
    unit: Text | None = None
    partners: list[Text] = empty_list()
    places: list[Text] = empty_list()
    link: Text | None = None
    promise: Slug | None = Field(
        default=None, description="The promise or focus area it served, if the source says."
    )


class Deviation(_Dated):
    """What went otherwise than planned (`deviations:`), for some activities or the whole file."""

    text: Text
    affects: list[Slug] = empty_list("Activity ids; empty means the whole document.")


# ------------------------------------------------------------- activities


class Window(WindowMethods, Strict):
    """A time window for an activity: days, or whole months ("juni–augusti")."""

    start: When
    end: When

    @model_validator(mode="after")
    def _ordered(self) -> "Window":
        if self.last < self.first:
            raise ValueError(
                f"the window ends ({self.end.isoformat()}) before it starts "
                f"({self.start.isoformat()})"
            )
        return self


class Roles(Strict):
    """A handlingsplan row's columns: each party's role."""

    municipality: str | None = None
    police: str | None = None
    communication: str | None = None


class Activity(ActivityMethods, Strict):
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
    promised_by: list[Slug] | None = Field(
        default=None,
        min_length=1,
        description="Who promises it (actor ids); inherited from its group when absent.",
    )
    places: list[Text] = empty_list()
    due: When | None = None
    window: Window | None = None
    roles: Roles | None = None
    target: Target | None = None
    progress: list[Record] = empty_list()
    acknowledge: dict[str, Text] = empty_dict(
        "Check findings acknowledged, by code, each with the reason: {LT202: '...'}."
    )


class Group(GroupMethods, Strict):
    """A promise, focus area or goal, with the activities under it.

    A group with ``promised_by`` and neither title nor text is a party's group
    ("Polisen lovar"): it is headed by the party, not numbered as a promise.
    """

    id: Slug
    title: str | None = None
    text: str | None = None
    category: str | None = None
    promised_by: list[Slug] | None = Field(
        default=None,
        min_length=1,
        description="Who promises it: actor ids such as [polisen], [kommunen], or units.",
    )
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


class _Document(DocumentMethods, Strict):
    source: Source | None = None
    period: Period
    starts: When | None = None
    ends: When | None = None
    title: Text
    municipality: Slug = Field(description="The municipality file, e.g. strangnas.")
    police_area: str | None = None
    signed: When | None = Field(
        default=None,
        description="The signing date, or its month (2022-03) where only that is known.",
    )
    signatories: list[Signatory] = empty_list()
    situation: Situation | None = None
    expected_effects: list[Text] = empty_list()
    follow_up: FollowUp | None = None
    communication: Communication | None = None
    other_work: list[OtherWork] = empty_list("Work done that no planned activity names.")
    acknowledge: dict[str, Text] = empty_dict(
        "Check findings acknowledged for every activity of the file, by code, with the reason."
    )
    deviations: list[Deviation] = empty_list(
        "Deviations from the plan, for some activities (affects) or the whole document."
    )


class Promise(PromiseMethods, _Document):
    """A medborgarlöfte for one year or a range of years."""

    kind: Literal["medborgarlofte"]
    applies_from: Literal["signing"] | None = Field(
        default=None, description="'signing' when the promise applies from its signing date."
    )
    builds_on: by_shape(Slug, DocumentRef) | None = Field(  # type: ignore[valid-type]
        default=None,
        description="The agreement file it builds on, or {title, url} of one not transcribed.",
    )
    promises: list[Group] = empty_list()
    focus_areas: list[Group] = empty_list()
    activities: list[Activity] = empty_list("Activities the source lists apart from its promises.")


class Agreement(AgreementMethods, _Document):
    """A samverkansöverenskommelse, with its goals and handlingsplan."""

    kind: Literal["samverkansoverenskommelse"]
    goals: list[Text] = empty_list()
    focus_areas: list[Group] = empty_list()
    action_plan: list[Activity] = empty_list()
    commitments: str | None = None


class PlaceList(Strict):
    """A named list of places, such as the municipality's kommundelar."""

    items: list[Text] = Field(min_length=1)
    complete: bool = Field(
        default=True, description="False when the sources name only some of the items."
    )
    note: str | None = None


class Unit(Strict):
    """A unit that may be responsible or promise, marked with its organisation."""

    name: Text
    organisation: Literal["kommunen", "polisen"] = Field(
        description="kommunen for a municipal unit, polisen for a police unit."
    )


class Municipality(MunicipalityMethods, Strict):
    """Facts about one municipality, stated once: its units and place lists."""

    kind: Literal["municipality"]
    source: Source | None = None
    name: Text
    police_area: str | None = None
    actors: dict[Slug, by_shape(Text, Unit)] = empty_dict(  # type: ignore[valid-type]
        "Units that may be responsible or promise, by id: a display name (a municipal "
        "unit), or {name, organisation} for a police unit or to say so explicitly."
    )
    places: dict[Slug, PlaceList] = empty_dict()


Document = Annotated[Promise | Agreement | Municipality, Field(discriminator="kind")]
DOCUMENT_KINDS = ("medborgarlofte", "samverkansoverenskommelse", "municipality")
