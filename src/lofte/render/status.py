"""Drawing `lofte status`: rich tables on a terminal, the same as plain text elsewhere.

JSON is `lofte.render.status_json`; `render` picks between them.

Only this module imports rich, and only the status command imports this module.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from lofte.render import status_json
from lofte.words import SYMBOLS, standing_word

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console

    from lofte.follow.period import Outcome, PeriodStatus
    from lofte.follow.standing import ActivityStatus
    from lofte.model import Activity

_STYLE = {
    "kept": "green",
    "exceeded": "green",
    "done": "green",
    "on_track": "green",
    "followed_up": "cyan",
    "partly_kept": "yellow",
    "behind": "yellow",
    "not_kept": "red",
    "overdue": "red",
    "not_started": "dim",
    "no_follow_up": "dim",
}
_NONE = "–"


def render(outcome: Outcome, fmt: str, *, terminal: bool, width: int | None = None) -> str:
    """The whole output of `lofte status` as text."""
    if fmt == "json":
        if outcome.diagnostics:
            return status_json.dump(status_json.diagnostics(outcome.diagnostics))
        if outcome.period is not None:
            return status_json.dump(status_json.as_json(outcome.period))
        return status_json.dump(status_json.periods(outcome.overview))
    lines = [d.render() + "\n" for d in outcome.diagnostics]
    if outcome.period is not None:
        return "".join(lines) + table(outcome.period, terminal=terminal, width=width)
    if not outcome.overview and not outcome.diagnostics:
        return "no period files\n"
    return "".join(lines) + overview(outcome.overview, width or 80)


def overview(periods: list[PeriodStatus], width: int = 80) -> str:
    """One line per period file: its name and its summary, wrapped under itself."""
    import textwrap

    from lofte.read.loader import period_names

    names = period_names([p.period.loaded.path for p in periods])
    pad = max(map(len, names), default=0) + 2
    out = []
    for name, period in zip(names, periods, strict=True):
        wrapped = textwrap.wrap(period.summary(), max(20, width - pad), break_on_hyphens=False)
        out.append(name.ljust(pad) + ("\n" + " " * pad).join(wrapped) + "\n")
    return "".join(out)


# ----------------------------------------------------------------- table


def table(status: PeriodStatus, *, terminal: bool, width: int | None = None) -> str:
    """Rich tables grouped by promise, the notes they need, and the summary line."""
    from rich.console import Console

    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=terminal,
        color_system="auto" if terminal else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    _header(console, status)
    for title, rows in _grouped(status):
        _group_table(console, title, rows, terminal)
    notes = [_note(a, s) for _, a, s in status.rows if s.kind == "coverage"]
    for note in filter(None, notes):
        console.print(note)
    console.print(status.summary())
    # Rich pads every line to the full width; the padding is noise in a file or a pipe.
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


def _header(console: Console, status: PeriodStatus) -> None:
    from rich.text import Text

    document = status.period.document
    console.print(Text(document.title, style="bold"))
    closed = sum(t.closed(status.as_of) for t in status.terms)
    kind = "tertials" if status.terms[0].kind == "tertial" else "quarters"
    line = f"Status on {status.as_of.isoformat()}: {closed} of {len(status.terms)} {kind} closed"
    if document.effective_start != document.first_day:
        line += f"; applies from {document.effective_start.isoformat()} (signing)"
    console.print(line)
    term = status.term
    if term is not None and term.closed(status.as_of):
        console.print(f"{term.label('en')}: standing at its end, {term.end.isoformat()}")
    elif term is not None and status.as_of < term.start:
        console.print(f"{term.label('en')}: not begun yet")
    elif term is not None:
        console.print(f"{term.label('en')}: still running")


def _grouped(
    status: PeriodStatus,
) -> list[tuple[str, list[tuple[Activity, ActivityStatus]]]]:
    order: dict[str | None, tuple[str, list[tuple[Activity, ActivityStatus]]]] = {}
    for group, activity, state in status.rows:
        key = group.id if group is not None else None
        if key not in order:
            name = (group.title or group.text or "") if group is not None else ""
            title = f"{group.id}: {name}" if group is not None else _loose_title(status)
            order[key] = (title, [])
        order[key][1].append((activity, state))
    # Activities under no promise come last, whatever order the file lists them in.
    return [order[k] for k in order if k is not None] + ([order[None]] if None in order else [])


# Fixed content widths keep every table of a period aligned and inside 80
# columns; the activity column takes what is left (more on a wider terminal).
# Between two columns: one column of right padding and the box's blank divider.
_WIDTHS = {"Target": 16, "Progress": 10, "Standing": 14, "Updated": 10}
_GAPS = 2 * len(_WIDTHS)


def _loose_title(status: PeriodStatus) -> str:
    # An agreement's loose activities are its handlingsplan; a promise's stand apart.
    agreement = status.period.document.kind == "samverkansoverenskommelse"
    return "Action plan" if agreement else "Other activities"


def _group_table(
    console: Console, title: str, rows: list[tuple[Activity, ActivityStatus]], terminal: bool
) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    wide = max(20, console.width - sum(_WIDTHS.values()) - _GAPS)
    grid = Table(
        title=Text(" ".join(title.split()), style="bold", overflow="ellipsis", no_wrap=True),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        safe_box=not terminal,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        leading=1,
    )
    grid.add_column("Activity", width=wide)
    for name, width in _WIDTHS.items():
        wraps = name == "Target"
        grid.add_column(
            name, width=width, no_wrap=not wraps, overflow="fold" if wraps else "ellipsis"
        )
    for activity, state in rows:
        symbol, said = SYMBOLS[state.standing], standing_word(state.standing, "en")
        grid.add_row(
            _activity_cell(activity, wide),
            _target(activity, state),
            _progress(activity, state),
            Text(f"{symbol} {said}", style=_STYLE[state.standing]),
            _iso(state.last_record) or _NONE,
        )
    console.print(grid)
    console.print()


def _activity_cell(activity: Activity, width: int) -> Any:
    from rich.text import Text

    cell = Text(activity.id, style="bold", overflow="fold")
    # A title in the source's own words, where the file gives one, else the text.
    text = " ".join((activity.title or activity.text).split())
    short = text if len(text) <= width else text[: width - 1].rstrip() + "…"
    cell.append("\n" + short)
    who = ", ".join(activity.responsible)
    if who:
        cell.append("\nby " + who, style="dim")
    return cell


def _target(activity: Activity, state: ActivityStatus) -> str:
    target = activity.target
    if target is None:
        return _NONE
    if target.kind == "count":
        sign = {"at_least": "≥", "exactly": "", "at_most": "≤"}[target.comparator]
        return f"{sign}{target.number} {target.unit}"
    if target.kind == "coverage":
        total = len(state.items)
        noun = target.of or target.unit or "items"
        star = "*" if not state.list_complete else ""
        return f"all {total}{star} {noun}" if total else f"all {noun}"
    if target.kind == "recurring":
        return f"{target.at_least}× per {target.per}"
    if target.kind == "milestone":
        return f"once, by {_iso(state.deadline)}"
    return "ongoing"


def _bar(have: int, of: int, cells: int = 5) -> str:
    filled = min(cells, round(cells * have / of)) if of else 0
    return "█" * filled + "░" * (cells - filled)


def _progress(activity: Activity, state: ActivityStatus) -> str:
    # Nothing recorded is shown as nothing, never as an empty bar that reads as zero.
    if state.records == 0 or activity.target is None:
        return _NONE
    target = activity.target
    if target.kind == "count":
        if state.recorded is None:
            return f"?/{target.number}"
        return f"{_bar(state.recorded, target.number)} {state.recorded}/{target.number}"
    if target.kind == "coverage" and (state.covered or state.missing):
        total = len(state.covered) + len(state.missing)
        return f"{_bar(len(state.covered), total)} {len(state.covered)}/{total}"
    if target.kind in ("recurring", "ongoing") and state.terms_due:
        met, due = len(state.terms_met), len(state.terms_due)
        return f"{_bar(met, due)} {met}/{due}"
    return f"{state.records} record{'' if state.records == 1 else 's'}"


def _note(activity: Activity, state: ActivityStatus) -> str:
    # Coverage names what is missing, and says so when the list itself is partial
    # (the star matches the one in the target column).
    target = activity.target
    name = f"the {target.of} list" if target is not None and target.kind == "coverage" else ""
    name = name if name != "the None list" else "the list"
    star = "" if state.list_complete else "* "
    if state.missing:
        line = f"{star}{activity.id}: missing {', '.join(state.missing)}"
    elif state.covered:
        line = f"{star}{activity.id}: every listed item covered"
    elif not state.list_complete:
        return f"* {activity.id}: {name} names {len(state.items)} items and is incomplete"
    else:
        return ""
    if not state.list_complete:
        line += f"; {name} is incomplete, so others may be missing too"
    return line


__all__ = ["overview", "render", "table"]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
