"""Rules that look across a file, or across files: a plain list of functions.

Each rule takes one loaded file and the workspace (to resolve references)
and returns diagnostics.  Adding a rule is adding a function to `RULES`.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from lofte.errors import Diagnostic
from lofte.modelbase import first_of, last_of
from lofte.read.loader import Loaded, Workspace

if TYPE_CHECKING:
    from lofte.model import YearMonth

Rule = Callable[[Loaded, Workspace], list[Diagnostic]]
Path = tuple[str | int, ...]


def _hint(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def activity_paths(loaded: Loaded) -> Iterator[tuple[Path, dict[str, object]]]:
    """Every activity mapping of the raw data with its path."""
    data = loaded.data
    for key in ("promises", "focus_areas"):
        for g, group in enumerate(data.get(key) or []):
            for a, activity in enumerate(group.get("activities") or []):
                yield (key, g, "activities", a), activity
    for key in ("activities", "action_plan"):
        for a, activity in enumerate(data.get(key) or []):
            yield (key, a), activity


def unique_ids(loaded: Loaded, _: Workspace) -> list[Diagnostic]:
    """Group ids and activity ids are each unique within a file."""
    problems: list[Diagnostic] = []
    data = loaded.data
    seen: dict[str, Path] = {}
    for key in ("promises", "focus_areas"):
        for g, group in enumerate(data.get(key) or []):
            problems += _seen(loaded, seen, (key, g, "id"), group["id"], "promise or focus area")
    seen = {}
    for path, activity in activity_paths(loaded):
        problems += _seen(loaded, seen, (*path, "id"), str(activity["id"]), "activity")
    return problems


def _seen(
    loaded: Loaded, seen: dict[str, Path], path: Path, ident: str, what: str
) -> list[Diagnostic]:
    # Positions are looked up only for a duplicate: building them costs a
    # second parse, which a clean file should never pay.
    if ident in seen:
        first = loaded.positions.value(seen[ident])[0]
        return [
            loaded.at(path, "duplicate-id", f"{what} id {ident!r} is already used at line {first}")
        ]
    seen[ident] = path
    return []


def period_matches_name(loaded: Loaded, _: Workspace) -> list[Diagnostic]:
    """The period agrees with the file name: ``2020.yaml`` or ``samverkan-2020-2023.yaml``."""
    doc = loaded.document
    if doc.kind == "municipality":
        return []
    stem = loaded.stem
    # A source's "2022/2023" is the file name's 2022-2023.
    period = doc.period_id
    if stem == period or stem.endswith("-" + period):
        return []
    return [
        loaded.at(
            ("period",),
            "period-name",
            f"period {doc.period!r} disagrees with the file name {loaded.path.name!r}",
        )
    ]


def references_resolve(loaded: Loaded, workspace: Workspace) -> list[Diagnostic]:
    """builds_on, municipality, promise, responsible and coverage lists all name something real."""
    doc = loaded.document
    if doc.kind == "municipality":
        return []
    problems: list[Diagnostic] = []
    builds_on = getattr(doc, "builds_on", None)
    # A document given by {title, url} is not transcribed here: nothing to resolve.
    if isinstance(builds_on, str):
        other = workspace.sibling(loaded, builds_on)
        if other is None:
            problems.append(
                loaded.at(
                    ("builds_on",),
                    "reference",
                    f"builds_on {builds_on!r}: no valid file {builds_on}.yaml beside this one",
                )
            )
        elif other.document.kind != "samverkansoverenskommelse":
            problems.append(
                loaded.at(
                    ("builds_on",),
                    "reference",
                    f"builds_on {builds_on!r} is a {other.document.kind}, not an agreement",
                )
            )
    town = workspace.sibling(loaded, doc.municipality)
    if town is None or town.document.kind != "municipality":
        problems.append(
            loaded.at(
                ("municipality",),
                "reference",
                f"municipality {doc.municipality!r}: no valid municipality file "
                f"{doc.municipality}.yaml beside this one",
            )
        )
        # Without the municipality file its units are unknown; one problem is enough.
        actors, places = None, None
    else:
        actors = town.document.actor_names()
        places = town.document.places
    if actors is not None:
        problems += _promisers_resolve(loaded, actors)
    promise_ids = [str(g["id"]) for g in loaded.data.get("promises") or []]
    for path, activity in activity_paths(loaded):
        promise = activity.get("promise")
        if promise is not None and promise not in promise_ids:
            problems.append(
                loaded.at(
                    (*path, "promise"),
                    "reference",
                    f"no promise {promise!r} in this file{_hint(str(promise), promise_ids)}",
                )
            )
        responsible: list[str] = activity.get("responsible") or []  # type: ignore[assignment]
        for i, actor in enumerate(responsible):
            if actors is not None and actor not in actors:
                problems.append(
                    loaded.at(
                        (*path, "responsible", i),
                        "unknown-actor",
                        f"unknown actor {actor!r}{_hint(actor, list(actors))}",
                    )
                )
        target = activity.get("target")
        if isinstance(target, dict) and target.get("kind") == "coverage" and "of" in target:
            name = target["of"]
            if places is not None and name not in places:
                problems.append(
                    loaded.at(
                        (*path, "target", "of"),
                        "reference",
                        f"no place list {name!r} in {doc.municipality}.yaml"
                        f"{_hint(str(name), list(places))}",
                    )
                )
    return problems


def _promisers_resolve(loaded: Loaded, actors: dict[str, str]) -> list[Diagnostic]:
    """Every ``promised_by`` id, on a group or an activity, names a known actor."""
    data = loaded.data
    paths: list[tuple[Path, object]] = [
        ((key, g), group)
        for key in ("promises", "focus_areas")
        for g, group in enumerate(data.get(key) or [])
    ]
    paths += list(activity_paths(loaded))
    problems: list[Diagnostic] = []
    for path, node in paths:
        ids = node.get("promised_by") if isinstance(node, dict) else None
        for i, actor in enumerate(ids or []):
            if actor not in actors:
                problems.append(
                    loaded.at(
                        (*path, "promised_by", i),
                        "unknown-actor",
                        f"promised_by: unknown actor {actor!r}{_hint(str(actor), list(actors))}",
                    )
                )
    return problems


def dates_in_period(loaded: Loaded, _: Workspace) -> list[Diagnostic]:
    """Due dates, windows and records lie inside the period; it is signed before it ends."""
    doc = loaded.document
    if doc.kind == "municipality":
        return []
    first, last = doc.first_day, doc.last_day
    if last < first:
        # Checked here rather than in the model, to point at `ends` itself.
        end_key = "ends" if doc.ends is not None else "starts"
        return [loaded.at((end_key,), "date-range", "the period ends before it starts")]
    span = f"{first.isoformat()} – {last.isoformat()}"
    problems: list[Diagnostic] = []
    signed = doc.signed_day
    if getattr(doc, "applies_from", None) == "signing" and doc.signed is None:
        # As `lofte new` leaves it: `# signed: YYYY-MM-DD  # fyll i`.  Until it is filled
        # in, the period starts on its first day, which the file does not say.
        problems.append(
            loaded.at(
                ("applies_from",),
                "unsigned",
                f"applies_from: signing, but no signed date: the period is taken to start "
                f"{first.isoformat()} until 'signed:' is filled in",
                severity="warning",
            )
        )
    if doc.signed is not None and signed is not None and signed > last:
        problems.append(
            loaded.at(
                ("signed",),
                "date-range",
                f"signed {doc.signed.isoformat()}, after the period ends ({last.isoformat()})",
            )
        )
    activities = dict(activity_paths(loaded))
    for (group, activity), path in zip(doc.all_activities(), activities, strict=True):
        del group
        # A month lies inside the period when the whole of it does.
        stamps: list[tuple[Path, dt.date | YearMonth | None]] = [((*path, "due"), activity.due)]
        if activity.window is not None:
            stamps += [
                ((*path, "window", "start"), activity.window.start),
                ((*path, "window", "end"), activity.window.end),
            ]
        stamps += [
            ((*path, "progress", i, "date"), r.date) for i, r in enumerate(activity.progress)
        ]
        for where, day in stamps:
            if day is not None and not (first <= first_of(day) and last_of(day) <= last):
                problems.append(
                    loaded.at(
                        where, "date-range", f"{day.isoformat()} is outside the period ({span})"
                    )
                )
    return problems


def spans_and_notes(loaded: Loaded, _: Workspace) -> list[Diagnostic]:
    """`covers` names a span of the period; other work, deviations and acknowledgements resolve.

    Every `covers` (on a record, an entry of `other_work`, a deviation) is a year, a
    term of the file's cadence or the period's own id, inside the period; the dates of
    `other_work` and `deviations` lie in the period; a deviation `affects` activities
    of this file; `other_work`'s `promise` is a promise or focus area of it; and an
    `acknowledge` names check codes that exist.
    """
    doc = loaded.document
    if doc.kind == "municipality":
        return []
    from lofte.follow.calendar import covers_problem
    from lofte.rules.codes import CODES

    problems: list[Diagnostic] = []
    first, last = doc.first_day, doc.last_day
    span = f"{first.isoformat()} – {last.isoformat()}"

    def dated(path: Path, item: Any) -> None:
        if item.covers is not None:
            problem = covers_problem(item.covers, doc)
            if problem is not None:
                problems.append(loaded.at((*path, "covers"), "covers", problem))
        if item.date is not None and not first <= item.date <= last:
            problems.append(
                loaded.at(
                    (*path, "date"),
                    "date-range",
                    f"{item.date.isoformat()} is outside the period ({span})",
                )
            )

    activity_ids = [a.id for _, a in doc.all_activities()]
    group_ids = [g.id for g in doc.groups()]
    for path, (_, activity) in zip(
        [p for p, _ in activity_paths(loaded)], doc.all_activities(), strict=True
    ):
        for i, record in enumerate(activity.progress):
            if record.covers is not None:
                dated((*path, "progress", i), record)
        problems += _acknowledged_codes(loaded, path, activity.acknowledge, CODES)
    problems += _acknowledged_codes(loaded, (), doc.acknowledge, CODES)
    for i, work in enumerate(doc.other_work):
        dated(("other_work", i), work)
        if work.promise is not None and work.promise not in group_ids:
            problems.append(
                loaded.at(
                    ("other_work", i, "promise"),
                    "reference",
                    f"no promise or focus area {work.promise!r} in this file"
                    f"{_hint(work.promise, group_ids)}",
                )
            )
    for i, deviation in enumerate(doc.deviations):
        dated(("deviations", i), deviation)
        for j, ident in enumerate(deviation.affects):
            if ident not in activity_ids:
                problems.append(
                    loaded.at(
                        ("deviations", i, "affects", j),
                        "reference",
                        f"deviation affects {ident!r}, which is no activity of this file"
                        f"{_hint(ident, activity_ids)}",
                    )
                )
    return problems


def _acknowledged_codes(
    loaded: Loaded, path: Path, acknowledge: dict[str, str], codes: Any
) -> list[Diagnostic]:
    """An `acknowledge:` names only check codes that exist (LT101 … LT301)."""
    return [
        loaded.at(
            (*path, "acknowledge", code),
            "acknowledge",
            f"acknowledge: no check code {code!r}{_hint(code, list(codes))}"
            f" (codes: {', '.join(codes)})",
            key=True,
        )
        for code in acknowledge
        if code not in codes
    ]


RULES: list[Rule] = [
    unique_ids,
    period_matches_name,
    references_resolve,
    dates_in_period,
    spans_and_notes,
]


def run_rules(loaded: Loaded, workspace: Workspace) -> list[Diagnostic]:
    """Every rule on one file."""
    problems: list[Diagnostic] = []
    for rule in RULES:
        problems.extend(rule(loaded, workspace))
    return problems
