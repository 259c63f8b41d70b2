"""What the models are without pydantic: their methods, the values they use, and views.

`lofte.model` defines the pydantic models that validate a file.  Building
them costs about a tenth of a `lofte status` start (pydantic collects 169
fields of 28 classes, even with their validators deferred).  A start that
finds its files validated in the cache (`lofte.read.cache`) needs none of
that: it needs the documents' values and what the models can tell about
them (`all_activities`, `last_day`, a target's `comparator` ...).  So:

* the models' methods and properties live here, in mixins the models inherit
  (``class Promise(PromiseMethods, _Document)``), and the plain values they
  use (`YearMonth`, `first_of`, `last_of`, `covers_bounds`, `BUILTIN_ACTORS`);
* a validated document is stored in the cache as *views* (`as_view`): plain
  objects of the classes below, one per model class, with the same fields
  and the same mixins, so the code downstream reads them exactly as it reads
  the models.  `tests/test_modelbase.py` keeps the views' fields, methods and
  JSON dumps equal to the models' for every file the tests know.

Only what the models' methods need is here; validation stays in `lofte.model`.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

#: Actors every municipality has: the two parties of every promise.
BUILTIN_ACTORS: dict[str, str] = {"polisen": "Polisen", "kommunen": "Kommunen"}


class YearMonth(NamedTuple):
    """A date known only to the month, written ``2022-03``: it stands for its whole month.

    A named tuple, not a dataclass: a value that orders by (year, month), at a
    sixth of a frozen dataclass's import cost (docs/performance.md).
    """

    year: int
    month: int

    @property
    def first_day(self) -> dt.date:
        """The month's first day: what the month means as a start."""
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        """The month's last day: what the month means as an end."""
        return dt.date(self.year, self.month, _calendar.monthrange(self.year, self.month)[1])

    def isoformat(self) -> str:
        """``2022-03``, as written."""
        return f"{self.year:04d}-{self.month:02d}"


def first_of(value: dt.date | YearMonth) -> dt.date:
    """A date as a start: a month means its first day."""
    return value.first_day if isinstance(value, YearMonth) else value


def last_of(value: dt.date | YearMonth) -> dt.date:
    """A date as an end: a month means its last day."""
    return value.last_day if isinstance(value, YearMonth) else value


def covers_bounds(covers: str) -> tuple[dt.date, dt.date]:
    """The first and last day a `covers` value names, before the period cuts it.

    A year, a tertial (T1 January–April, T2 May–August, T3 September–December), a
    quarter, or a range of years (a period's id).
    """
    year = int(covers[:4])
    if len(covers) == 4:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    tail = covers[5:]
    if tail[0] in "TQ":
        months = 4 if tail[0] == "T" else 3
        first = (int(tail[1]) - 1) * months + 1
        last = first + months - 1
        end = dt.date(year + last // 12, last % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date(year, first, 1), end
    return dt.date(year, 1, 1), dt.date(int(tail), 12, 31)


# ----------------------------------------------------------------- the methods
#
# The fields a mixin reads are declared for the type checker only: annotated at
# run time, pydantic would take them for fields of the models that inherit them.


class CountTargetMethods:
    """What a count target tells beyond its fields."""

    if TYPE_CHECKING:  # the models' fields; annotated here they would become fields
        vague: Any
        at_least: Any
        exactly: Any
        at_most: Any

    @property
    def comparator(self) -> str:
        """The comparator's key: at_least, exactly, at_most, or vague."""
        if self.vague is not None:
            return "vague"
        if self.at_least is not None:
            return "at_least"
        return "exactly" if self.exactly is not None else "at_most"

    @property
    def number(self) -> int:
        """The target number, whichever comparator carries it (0 for a vague amount)."""
        return int(self.at_least or self.exactly or self.at_most or 0)


class WindowMethods:
    """A window's days."""

    if TYPE_CHECKING:  # the models' fields; annotated here they would become fields
        start: Any
        end: Any

    @property
    def first(self) -> dt.date:
        """The window's first day (a month's first day)."""
        return first_of(self.start)

    @property
    def last(self) -> dt.date:
        """The window's last day (a month's last day)."""
        return last_of(self.end)


class ActivityMethods:
    """An activity's due day."""

    if TYPE_CHECKING:  # the models' fields; annotated here they would become fields
        due: Any

    @property
    def due_day(self) -> dt.date | None:
        """The due date as a day: a month (``due: 2022-06``) means its last day."""
        return last_of(self.due) if self.due is not None else None


class GroupMethods:
    """Whether a group is a party's."""

    if TYPE_CHECKING:  # the models' fields; annotated here they would become fields
        promised_by: Any
        title: Any
        text: Any

    @property
    def is_party(self) -> bool:
        """Whether the group is a party ("Polisen lovar") rather than a promise."""
        return self.promised_by is not None and not self.title and not self.text


class DocumentMethods:
    """What a promise or an agreement tells beyond its fields."""

    if TYPE_CHECKING:  # the models' fields; annotated here they would become fields
        starts: Any
        ends: Any
        period: Any
        signed: Any

    def groups(self) -> list[Any]:
        """Every group (promise, focus area, goal) of the document."""
        return []

    def loose_activities(self) -> list[Any]:
        """Activities listed apart from any group."""
        return []

    def all_activities(self) -> Iterator[tuple[Any, Any]]:
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
            return first_of(self.starts)
        return dt.date(int(self.period[:4]), 1, 1)

    @property
    def last_day(self) -> dt.date:
        """The period's last day: explicit end, else 31 December of its last year."""
        if self.ends is not None:
            return last_of(self.ends)
        return dt.date(int(self.period[-4:]), 12, 31)

    @property
    def signed_day(self) -> dt.date | None:
        """The signing date as a day: a month (``signed: 2022-03``) means its first day."""
        return first_of(self.signed) if self.signed is not None else None

    @property
    def period_id(self) -> str:
        """The period as a file names it: "2022/2023" is ``2022-2023``."""
        return str(self.period).replace("/", "-")


class PromiseMethods(DocumentMethods):
    """A promise's groups and when it applies."""

    if TYPE_CHECKING:  # the models' fields; annotated here they would become fields
        promises: Any
        focus_areas: Any
        activities: Any
        applies_from: Any

    def groups(self) -> list[Any]:
        return [*self.promises, *self.focus_areas]

    def loose_activities(self) -> list[Any]:
        return list(self.activities)

    @property
    def effective_start(self) -> dt.date:
        """When the promise starts to apply: its signing date if it says so."""
        if self.applies_from == "signing" and self.signed is not None:
            return first_of(self.signed)
        return self.first_day


class AgreementMethods(DocumentMethods):
    """An agreement's groups and when it applies."""

    if TYPE_CHECKING:  # the models' fields; annotated here they would become fields
        focus_areas: Any
        action_plan: Any

    def groups(self) -> list[Any]:
        return list(self.focus_areas)

    def loose_activities(self) -> list[Any]:
        return list(self.action_plan)

    @property
    def effective_start(self) -> dt.date:
        """When the agreement starts to apply."""
        return self.first_day


class MunicipalityMethods:
    """A municipality's actors."""

    if TYPE_CHECKING:  # the models' fields; annotated here they would become fields
        actors: Any

    def actor_names(self) -> dict[str, str]:
        """Every actor's display name by id, the two parties included."""
        names = dict(BUILTIN_ACTORS)
        for ident, actor in self.actors.items():
            names[ident] = actor if isinstance(actor, str) else actor.name
        return names

    def organisation_of(self, ident: str) -> str | None:
        """``kommunen`` or ``polisen`` for an actor id; None for an unknown id."""
        if ident in BUILTIN_ACTORS:
            return ident
        actor = self.actors.get(ident)
        if actor is None:
            return None
        return "kommunen" if isinstance(actor, str) else str(actor.organisation)


# ------------------------------------------------------------------- the views


class View:
    """A validated model's values as a plain object (see the module's docstring).

    ``_fields`` are the model's fields in their order, ``_set`` those the file
    gave (pydantic's ``model_fields_set``), for `dump`.
    """

    _fields: tuple[str, ...] = ()
    _set: frozenset[str] = frozenset()

    def dump(self, *, exclude_unset: bool = False) -> dict[str, Any]:
        """The values as JSON data, as pydantic's ``model_dump(mode="json")`` gives them."""
        return {
            name: _json(getattr(self, name), exclude_unset)
            for name in self._fields
            if not exclude_unset or name in self._set
        }

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({values})"


def _json(value: Any, exclude_unset: bool) -> Any:
    if isinstance(value, View):
        return value.dump(exclude_unset=exclude_unset)
    if isinstance(value, dt.date | YearMonth):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json(item, exclude_unset) for item in value]
    if isinstance(value, dict):
        return {key: _json(item, exclude_unset) for key, item in value.items()}
    return value


def dump(value: Any, *, exclude_unset: bool = False) -> dict[str, Any]:
    """A model's or a view's values as JSON data (``model_dump(mode="json")``)."""
    if isinstance(value, View):
        return value.dump(exclude_unset=exclude_unset)
    result: dict[str, Any] = value.model_dump(mode="json", exclude_unset=exclude_unset)
    return result


class CountTargetView(CountTargetMethods, View):
    """A `CountTarget`'s values."""


class WindowView(WindowMethods, View):
    """A `Window`'s values."""


class ActivityView(ActivityMethods, View):
    """An `Activity`'s values."""


class GroupView(GroupMethods, View):
    """A `Group`'s values."""


class PromiseView(PromiseMethods, View):
    """A `Promise`'s values."""


class AgreementView(AgreementMethods, View):
    """An `Agreement`'s values."""


class MunicipalityView(MunicipalityMethods, View):
    """A `Municipality`'s values."""


#: The view class of each model class with methods; every other model is a `View`.
VIEWS: dict[str, type[View]] = {
    "CountTarget": CountTargetView,
    "Window": WindowView,
    "Activity": ActivityView,
    "Group": GroupView,
    "Promise": PromiseView,
    "Agreement": AgreementView,
    "Municipality": MunicipalityView,
}


def as_view(value: Any) -> Any:
    """A validated document (or any value in one) with every model made a view."""
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        view = VIEWS.get(type(value).__name__, View)()
        names = tuple(fields)
        view._fields = names
        view._set = frozenset(value.model_fields_set)
        for name in names:
            setattr(view, name, as_view(getattr(value, name)))
        return view
    if isinstance(value, list):
        return [as_view(item) for item in value]
    if isinstance(value, tuple) and not isinstance(value, YearMonth):
        return tuple(as_view(item) for item in value)
    if isinstance(value, dict):
        return {key: as_view(item) for key, item in value.items()}
    return value


__all__ = [
    "BUILTIN_ACTORS",
    "VIEWS",
    "View",
    "YearMonth",
    "as_view",
    "covers_bounds",
    "dump",
    "first_of",
    "last_of",
]
