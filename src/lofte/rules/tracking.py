"""LT101–LT104: every activity has a target, and the target holds what the text states.

A text's quantities come from the Swedish quantity reader (`lofte.rules.quantities`).  A
target captures a quantity like this:

- count: the same number and comparator ("minst åtta" ↔ ``at_least: 8``);
- recurring: "minst två gånger per tertial" ↔ ``per: tertial, at_least: 2``; the text
  must name the same rhythm, since "två gånger" alone is a total, not a rhythm;
- milestone: one thing, done once: "en (1) mätning" or "minst en";
- coverage: "i de fyra kommundelarna" ↔ a list of exactly four items;
- ongoing: no number.

A vague quantity ("flera insatser") is tracked by a count target that says so
(``vague: flera``), by a recurring target, or by one that says in ``measure`` how it
will be counted.  Under a numbered count target it is flagged: the number is not the
text's.
"""

from __future__ import annotations

from typing import Any

from lofte.model import VAGUE_WORDS
from lofte.read.loader import Loaded
from lofte.rules.codes import Context, Finding, finding
from lofte.rules.core import activity_paths
from lofte.rules.quantities import Quantity, read_quantities

_PER = {"tertial": "tertial", "quarter": "quarter", "year": "year"}
_WORDS = {"at_least": "at least", "exactly": "exactly", "at_most": "at most"}


def describe_target(target: Any, places: dict[str, Any] | None = None) -> str:
    """The target in words, for messages: "a count of at least 6 insatser"."""
    if target.kind == "count" and target.vague is not None:
        return f"a count of {target.vague} {target.unit} (no number)"
    if target.kind == "count":
        return f"a count of {_WORDS[target.comparator]} {target.number} {target.unit}"
    if target.kind == "recurring":
        return f"recurring at least {target.at_least} per {target.per}"
    if target.kind == "coverage":
        size = _coverage_size(target, places)
        what = f"the list {target.of!r}" if target.of is not None else "its items"
        return f"a coverage of {what}" + (f" ({size} items)" if size is not None else "")
    return f"{'a milestone' if target.kind == 'milestone' else 'ongoing'} (no number)"


def _coverage_size(target: Any, places: dict[str, Any] | None) -> int | None:
    if target.items is not None:
        return len(target.items)
    place_list = (places or {}).get(target.of)
    if place_list is None or not place_list.complete:
        return None  # an incomplete list has no known size
    return len(place_list.items)


def captures(target: Any, quantity: Quantity, places: dict[str, Any] | None = None) -> bool:
    """Whether the structured target holds this stated quantity."""
    if quantity.number is None:
        if target.kind == "count":
            return target.vague is not None
        return target.kind == "recurring" or bool(target.measure)
    if target.kind == "count":
        return (target.number, target.comparator) == (quantity.number, quantity.comparator)
    if target.kind == "recurring":
        return (
            quantity.per == _PER[target.per]
            and quantity.comparator == "at_least"
            and quantity.number == target.at_least
        )
    if target.kind == "milestone":
        return quantity.number == 1 and quantity.comparator in ("exactly", "at_least")
    if target.kind == "coverage":
        size = _coverage_size(target, places)
        return quantity.comparator == "exactly" and quantity.number == size
    return False


def tracked(loaded: Loaded, context: Context) -> list[Finding]:
    """Every activity has a target that captures every quantity its text states."""
    doc = loaded.document
    if doc.kind == "municipality":
        return []
    town = context.workspace.sibling(loaded, doc.municipality)
    places = town.document.places if town is not None else None
    findings: list[Finding] = []
    paths = [path for path, _ in activity_paths(loaded)]
    for path, (_, activity) in zip(paths, doc.all_activities(), strict=True):
        findings += _one(loaded, path, activity, places)
    return findings


def _one(
    loaded: Loaded, path: tuple[str | int, ...], activity: Any, places: dict[str, Any] | None
) -> list[Finding]:
    name = f"activity {activity.id!r}"
    target = activity.target
    if target is None:
        return [
            finding(
                loaded,
                activity.id,
                (*path, "id"),
                "LT101",
                f"{name} has no target; give it one (continuing work is {{kind: ongoing}})",
            )
        ]
    found: list[Finding] = []
    quantities = read_quantities(activity.text)
    # The stated number the target holds, if any: every other number is one too many.
    held = next(
        (q for q in quantities if q.number is not None and captures(target, q, places)), None
    )
    mismatched = False  # one mismatch is reported as such; a further number is untracked
    for quantity in quantities:
        if captures(target, quantity, places):
            continue
        said = f"the text says {quantity.phrase!r} ({quantity.describe()})"
        if quantity.number is None:
            code, where = "LT104", "kind"
            # The format's own way to hold "flera insatser": a vague count.
            how = (
                f"write it as {{kind: count, vague: {quantity.vague}, unit: {quantity.unit}}}"
                if quantity.vague in VAGUE_WORDS and quantity.unit
                else "add a count"
            )
            message = (
                f"{said} and the target, {describe_target(target, places)}, "
                f"does not say how it is counted; {how}, or give it a measure"
            )
        elif held is not None:
            code, where = "LT103", "kind"
            message = f"{said} but the target already holds {held.phrase!r}; split the activity"
        elif target.kind in ("count", "recurring") and not mismatched:
            mismatched = True
            code = "LT102"
            where = target.comparator if target.kind == "count" else "at_least"
            message = f"{said} but the target is {describe_target(target, places)}"
        else:
            code, where = "LT103", "kind"
            message = f"{said} but the target, {describe_target(target, places)}, does not hold it"
        found.append(
            finding(loaded, activity.id, (*path, "target", where), code, f"{name}: {message}")
        )
    return found


RULES = [tracked]
