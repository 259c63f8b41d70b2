"""`lofte status`: open a period with the files it refers to, and assess every activity.

This module returns data only; `lofte.render.status` draws it.  `open_period`
is also what other commands use to get a period with its municipality and
agreement (report needs the place lists and the agreement's title).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from lofte.calendar import Term, find_term, terms_of
from lofte.checks import run_rules
from lofte.errors import Diagnostic, UsageError, errors_in
from lofte.loader import Loaded, Workspace, period_path, resolve_targets
from lofte.standing import ActivityStatus, assess, summary_line

if TYPE_CHECKING:
    from lofte.model import Activity, Agreement, Group, Municipality, PlaceList, Promise


@dataclass(frozen=True)
class OpenPeriod:
    """A period file that validates, with its municipality file and agreement."""

    loaded: Loaded
    document: Promise | Agreement
    municipality: Municipality | None = None
    agreement: Agreement | None = None  # the agreement a promise builds on

    @property
    def places(self) -> dict[str, PlaceList]:
        """The municipality's place lists by name (empty without a municipality file)."""
        return dict(self.municipality.places) if self.municipality is not None else {}


@dataclass(frozen=True)
class PeriodStatus:
    """Every activity of one period with its standing on ``as_of``."""

    period: OpenPeriod
    as_of: date
    term: Term | None
    terms: list[Term]
    rows: list[tuple[Group | None, Activity, ActivityStatus]]

    @property
    def statuses(self) -> list[ActivityStatus]:
        """The statuses alone, in document order."""
        return [row[2] for row in self.rows]

    def summary(self, lang: str = "en") -> str:
        """ "5 of 7 targets kept, 1 behind, 1 without follow-up"."""
        return summary_line(self.statuses, lang)


@dataclass(frozen=True)
class Outcome:
    """What `lofte status` found: one period, or a line per period file, or problems."""

    period: PeriodStatus | None = None
    overview: list[PeriodStatus] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def open_period(
    arg: str, data_dir: Path, workspace: Workspace | None = None
) -> tuple[OpenPeriod | None, list[Diagnostic]]:
    """Load a period (``2020`` or a path) and the files it refers to.

    Returns the diagnostics instead when the file does not validate.
    """
    workspace = workspace or Workspace()
    path = period_path(arg, data_dir)
    loaded, problems = workspace.load(path)
    if loaded is None:
        return None, problems
    document = loaded.document
    if document.kind == "municipality":
        message = "is a municipality file, not a period with activities"
        return None, [Diagnostic(loaded.display, 1, 1, "kind", message)]
    problems = errors_in(run_rules(loaded, workspace))
    if problems:
        return None, sorted(problems)
    town = workspace.sibling(loaded, document.municipality)
    builds_on = getattr(document, "builds_on", None)
    agreement = workspace.sibling(loaded, builds_on) if builds_on else None
    return OpenPeriod(
        loaded,
        document,
        town.document if town is not None else None,
        agreement.document if agreement is not None else None,
    ), []


def period_status(period: OpenPeriod, as_of: date, tertial: str | None = None) -> PeriodStatus:
    """Assess every activity of an open period; ``tertial`` names a term (raises UsageError)."""
    document = period.document
    term = find_term(document, tertial) if tertial else None
    statuses = assess(document, as_of, term, period.places)
    groups = {group.id: group for group in document.groups()}
    rows = [
        (group if group is not None else groups.get(status.group_id or ""), activity, status)
        for (group, activity), status in zip(document.all_activities(), statuses, strict=True)
    ]
    return PeriodStatus(period, as_of, term, terms_of(document), rows)


def run(period: str | None, data_dir: Path, as_of: date, tertial: str | None = None) -> Outcome:
    """`lofte status [PERIOD]`: one period's standing, or a line for every period file."""
    if period is None:
        if tertial is not None:
            raise UsageError("--tertial needs a period: lofte status PERIOD --tertial T")
        return _overview(data_dir, as_of)
    opened, problems = open_period(period, data_dir)
    if opened is None:
        return Outcome(diagnostics=problems)
    return Outcome(period=period_status(opened, as_of, tertial))


def _overview(data_dir: Path, as_of: date) -> Outcome:
    workspace = Workspace()
    found: list[PeriodStatus] = []
    problems: list[Diagnostic] = []
    for path in resolve_targets([], data_dir):
        loaded, _ = workspace.load(path)
        if loaded is not None and loaded.document.kind == "municipality":
            continue  # the municipality file has no activities to stand anywhere
        opened, trouble = open_period(str(path), data_dir, workspace)
        problems.extend(trouble)
        if opened is not None:
            found.append(period_status(opened, as_of))
    return Outcome(overview=found, diagnostics=problems)


__all__ = ["OpenPeriod", "Outcome", "PeriodStatus", "open_period", "period_status", "run"]
