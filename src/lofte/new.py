"""`lofte new PERIOD`: the next period's promise file, scaffolded from the last one.

It keeps what a renewed promise usually keeps — the promises, their
activities with targets, who is responsible, places, the follow-up and
communication — and drops what belongs to the old period: progress, other
work and deviations, the signing date and signatories, the situation picture
(lägesbild), the source, and acknowledged findings about records and
follow-up (LT2xx, LT3xx).  Due dates and windows move by as many years as
the period does.  Comments mark what the coordinator must fill in.  The
result is validated before it is written; the file is written only when it
does not exist.  With no promise file to start from, it writes a skeleton
that names the municipality file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lofte.errors import Diagnostic, UsageError, errors_in
from lofte.model import PERIOD_RE
from lofte.read.loader import Loaded, Workspace, display_path, period_path, promise_files

__all__ = ["NewOutcome", "new"]

#: Top-level keys of the old period that the new one does not inherit.
DROPPED = (
    "source",
    "signed",
    "signatories",
    "starts",
    "ends",
    "situation",
    "other_work",
    "deviations",
)
#: Keys dropped wherever they stand in an activity or a group.
DROPPED_BELOW = ("progress", "other_work", "deviations")
#: Acknowledged check findings about records and follow-up (LT2xx, LT3xx) speak of the
#: old period's records and sources ("the 2020 follow-up does not mention …"): the new
#: period has neither, and its findings must show.  Those about the text and target
#: (LT1xx) go with the text, which is kept.
DROPPED_ACKNOWLEDGED = re.compile(r"LT[23]\d\d")


@dataclass
class NewOutcome:
    """The file written (or the problems that stopped it), and what it came from."""

    display: str
    source: str | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    written: bool = False


def new(period: str, data_dir: Path, previous: str | None = None) -> NewOutcome:
    """Write ``DATA_DIR/PERIOD.yaml`` from ``previous`` (default: the latest promise)."""
    from lofte.rules.core import run_rules
    from lofte.write.atomic import write_text

    if not re.match(PERIOD_RE, period) or (len(period) > 4 and int(period[5:]) < int(period[:4])):
        raise UsageError(f"period {period!r}: give a year (2026) or a range of years (2026-2027)")
    if not data_dir.is_dir():
        raise UsageError(
            f"{display_path(data_dir)}: data directory not found (run lofte init, "
            "or set --data-dir)"
        )
    # A period written "2022/2023" (as some promises are) is the file 2022-2023.yaml.
    target = data_dir / f"{period.replace('/', '-')}.yaml"
    outcome = NewOutcome(display_path(target))
    if target.exists():
        outcome.problems.append(_exists(outcome.display))
        return outcome
    workspace = Workspace()
    if previous is not None:
        source, problems = _valid(workspace, period_path(previous, data_dir), run_rules)
        if source is None:
            outcome.problems = problems
            return outcome
        if source.document.kind != "medborgarlofte":
            outcome.problems.append(
                Diagnostic(source.display, 1, 1, "kind", "is not a medborgarlöfte to copy from")
            )
            return outcome
    else:
        source = _latest(workspace, data_dir)
    if source is not None:
        outcome.source = source.display
        text = _from_previous(source, period)
    else:
        town = _only_municipality(workspace, data_dir)
        text = _skeleton(period, town.stem, town.document.name)
    loaded, problems = _check(workspace, target, text, run_rules)
    if loaded is None or errors_in(problems):
        outcome.problems = problems
        return outcome
    if target.exists():  # made meanwhile: never replaced
        outcome.problems.append(_exists(outcome.display))
        return outcome
    write_text(target, text)
    outcome.written = True
    return outcome


def _exists(display: str) -> Diagnostic:
    message = "the period already exists; lofte new writes only a new file"
    return Diagnostic(display, 1, 1, "exists", message)


def _valid(workspace: Workspace, path: Path, run_rules: Any) -> tuple[Loaded | None, list[Any]]:
    loaded, problems = workspace.load(path)
    if loaded is None:
        return None, problems
    problems = errors_in(run_rules(loaded, workspace))
    return (None, problems) if problems else (loaded, [])


def _latest(workspace: Workspace, data_dir: Path) -> Loaded | None:
    """The medborgarlöfte that ends last (files that do not load are passed over)."""
    found = []
    for path in promise_files(data_dir):
        loaded, _ = workspace.load(path)
        if loaded is not None and loaded.document.kind == "medborgarlofte":
            found.append((loaded.document.last_day, loaded.path.name, loaded))
    return max(found, key=lambda item: item[:2])[2] if found else None


def _only_municipality(workspace: Workspace, data_dir: Path) -> Loaded:
    towns = []
    for path in promise_files(data_dir):
        loaded, _ = workspace.load(path)
        if loaded is not None and loaded.document.kind == "municipality":
            towns.append(loaded)
    if len(towns) != 1:
        where = display_path(data_dir)
        if not towns:
            raise UsageError(f"{where}: no municipality file to name; run lofte init first")
        names = ", ".join(t.path.name for t in towns)
        raise UsageError(f"{where}: several municipality files ({names}); give --from PERIOD")
    return towns[0]


def _check(
    workspace: Workspace, target: Path, text: str, run_rules: Any
) -> tuple[Loaded | None, list[Diagnostic]]:
    from lofte.read.loader import load_bytes

    loaded, problems = load_bytes(target, text.encode("utf-8"), display_path(target))
    if loaded is None:
        return None, problems
    return loaded, run_rules(loaded, workspace)


def _years(period: str) -> tuple[int, int]:
    return int(period[:4]), int(period[-4:])


def _from_previous(source: Loaded, period: str) -> str:
    from ruamel.yaml.comments import CommentedMap

    from lofte.read.yamlio import roundtrip_yaml

    yaml = roundtrip_yaml()
    data = yaml.load(source.raw.decode("utf-8-sig"))
    old = str(source.document.period)
    shift = _years(period)[0] - _years(old)[0]
    last = dt.date(_years(period)[1], 12, 31)
    for key in DROPPED:
        data.pop(key, None)
    _drop_acknowledged(data)
    data["period"] = _quoted(period)
    title = str(data.get("title", ""))
    for spelling in (old, old.replace("-", "–")):
        if spelling in title:
            data["title"] = title.replace(spelling, period)
            break
    if isinstance(data, CommentedMap):
        data.yaml_add_eol_comment("fyll i: the title as the new promise has it", "title")
    for group_key in ("promises", "focus_areas"):
        for group in data.get(group_key) or []:
            _drop_below(group)
            for activity in group.get("activities") or []:
                _renew_activity(activity, shift, last)
    for activity in data.get("activities") or []:
        _renew_activity(activity, shift, last)
    out = io.StringIO()
    yaml.dump(data, out)
    return _with_notes(out.getvalue(), period, source, shift)


def _quoted(text: str) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(text)


def _drop_below(mapping: Any) -> None:
    for key in DROPPED_BELOW:
        mapping.pop(key, None)


def _drop_acknowledged(mapping: Any) -> None:
    found = mapping.get("acknowledge")
    if not isinstance(found, dict):
        return
    for code in [c for c in found if DROPPED_ACKNOWLEDGED.fullmatch(str(c))]:
        del found[code]
    if not found:
        del mapping["acknowledge"]


def _renew_activity(activity: Any, shift: int, last: dt.date) -> None:
    _drop_below(activity)
    _drop_acknowledged(activity)
    if "due" in activity:
        _move(activity, "due", shift, last)
    window = activity.get("window")
    if isinstance(window, dict):
        for key in ("start", "end"):
            if key in window:
                _move(window, key, shift, last)


def _move(mapping: Any, key: str, shift: int, last: dt.date) -> None:
    """Move a date by the period's shift; one that lands past the new period ends with it."""
    old = mapping[key]
    moved = _shifted(old, shift)
    text = moved.isoformat() if isinstance(moved, dt.date) else str(moved)
    if len(text) == 10 and text > last.isoformat():
        moved = last if isinstance(moved, dt.date) else last.isoformat()
        was = old.isoformat() if isinstance(old, dt.date) else str(old)
        mapping.yaml_add_eol_comment(f"fyll i: was {was}, after the new period", key)
    mapping[key] = moved


def _shifted(value: Any, years: int) -> Any:
    """A date (or ``YYYY-MM`` month) moved by whole years; 29 February becomes the 28th."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        day = dt.date.fromisoformat(text)
        try:
            moved = day.replace(year=day.year + years)
        except ValueError:  # 29 February into a common year
            moved = day.replace(year=day.year + years, day=28)
        return moved.isoformat() if not isinstance(value, dt.date) else moved
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", text):
        return f"{int(text[:4]) + years:04d}-{text[5:]}"
    return value


def _with_notes(text: str, period: str, source: Loaded, shift: int) -> str:
    """The dumped file with the coordinator's notes added as comments."""
    lines = text.splitlines(keepends=True)
    at = 1 if lines and lines[0].startswith("# yaml-language-server:") else 0
    years = "year" if abs(shift) == 1 else "years"
    moved = f" moved {shift:+d} {years}" if shift else " kept as they were"
    head = [
        f"# Medborgarlöfte {period}, copied by `lofte new` from {source.path.name}: promises,\n",
        "# activities, targets and who is responsible.  Fyll i (fill in) what is marked\n",
        "# below, and check every text and target against the new promise; due dates\n",
        f"# and windows, if any, are{moved}.\n",
    ]
    if at == 0:
        head.insert(0, "# yaml-language-server: $schema=../schema/lofte.schema.json\n")
    lines[at:at] = head
    for index, line in enumerate(lines):
        if line.startswith("municipality:"):
            lines[index + 1 : index + 1] = _SIGNING
            break
    return "".join(lines)


_SIGNING = [
    "# signed: YYYY-MM-DD             # fyll i: undertecknat, the signing date\n",
    "# signatories:                   # fyll i: undertecknare\n",
    "#   - {name: …, title: Kommundirektör, organisation: …}\n",
    "# situation:                     # fyll i: lägesbild, the new situation picture\n",
    "#   text: …\n",
]


def _skeleton(period: str, town: str, name: str) -> str:
    from lofte.write.scalars import scalar

    return (
        "# yaml-language-server: $schema=../schema/lofte.schema.json\n"
        f"# Medborgarlöfte {period}, started by `lofte new`.  Fyll i (fill in) what is marked.\n"
        "kind: medborgarlofte\n"
        f'period: "{period}"\n'
        f"title: {scalar(f'Medborgarlöfte {name} {period}')}  # fyll i: the title as written\n"
        f"municipality: {town}\n"
        + "".join(_SIGNING)
        + "promises: []                     # fyll i: the promises, e.g.\n"
        "# promises:\n"
        "#   - id: trygga-centrum\n"
        "#     text: Löftets text, som den står i dokumentet.\n"
        "#     activities:\n"
        "#       - id: trygghetsvandringar\n"
        "#         text: Polisen och kommunen genomför minst två trygghetsvandringar.\n"
        "#         responsible: [polisen, kommunen]\n"
        "#         target: {kind: count, at_least: 2, unit: trygghetsvandringar}\n"
        "follow_up:\n"
        "  cadence: tertial                # uppföljning per tertial (or quarter)\n"
    )
