"""Drawing `lofte status`: rich tables on a terminal, the same as plain text elsewhere.

JSON is `lofte.render.status_json`; `render` picks between them.  Off a
terminal the table is drawn by `lofte.render.plain`, which gives the bytes
rich would without importing it (a pipe, a file or CI never loads rich, and
the table is linear in the activities); it hands anything it cannot draw
exactly back to rich.

Only this module imports rich, and only the status command imports this module.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from lofte.words import SYMBOLS, standing_word, word

if TYPE_CHECKING:
    from datetime import date

    from lofte.follow.period import Outcome, PeriodStatus
    from lofte.follow.standing import ActivityStatus
    from lofte.model import Activity, Group

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
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def render(
    outcome: Outcome, fmt: str, *, terminal: bool, width: int | None = None, lang: str = "en"
) -> str:
    """The whole output of `lofte status` as text; ``lang`` for the table (JSON is English)."""
    if fmt == "json":
        from lofte.render import status_json  # json only for JSON: not a table's start-up

        if outcome.diagnostics:
            return status_json.dump(status_json.diagnostics(outcome.diagnostics))
        if outcome.period is not None:
            return status_json.dump(status_json.as_json(outcome.period))
        return status_json.dump(status_json.periods(outcome.overview, outcome.tree))
    lines = [d.render() + "\n" for d in outcome.diagnostics]
    if outcome.period is not None:
        # The reader refuses control characters, so file text holds none; the
        # bidi controls it may hold (zero-width, so the layout keeps) are
        # dropped, so no text can reorder what the terminal shows.
        drawn = table(outcome.period, terminal=terminal, width=width, lang=lang)
        return "".join(lines) + _BIDI.sub("", drawn)
    if not outcome.overview and not outcome.diagnostics:
        return "no period files\n"
    return "".join(lines) + overview(outcome.overview, width or 80, lang, outcome.tree)


def overview(
    periods: list[PeriodStatus], width: int = 80, lang: str = "en", tree: bool = False
) -> str:
    """One line per period file: its name and its summary, wrapped under itself."""
    import textwrap

    from lofte.errors import printable
    from lofte.read.loader import period_names

    names = [
        printable(name) for name in period_names([p.period.loaded.path for p in periods], tree)
    ]
    pad = max(map(len, names), default=0) + 2
    out = []
    for name, period in zip(names, periods, strict=True):
        wrapped = textwrap.wrap(period.summary(lang), max(20, width - pad), break_on_hyphens=False)
        out.append(name.ljust(pad) + ("\n" + " " * pad).join(wrapped) + "\n")
    return "".join(out)


# ----------------------------------------------------------------- table


def table(
    status: PeriodStatus, *, terminal: bool, width: int | None = None, lang: str = "en"
) -> str:
    """Tables grouped by promise, the notes they need, other work, deviations, summary.

    Off a terminal, on a `lofte.render.plain.Console` (the same text, without
    rich); on a terminal, or for what the plain console declines, on rich's.
    """
    if not terminal:
        from lofte.render.plain import Unsupported

        try:
            return _plain_table(status, width or console_width(), lang)
        except Unsupported:
            pass  # a character or a width only rich lays out exactly
    return _rich_table(status, terminal=terminal, width=width, lang=lang)


def _plain_table(status: PeriodStatus, width: int, lang: str = "en") -> str:
    """The table on the plain console; raises `Unsupported` for what only rich draws exactly."""
    from lofte.render.plain import Console

    console = Console(width)
    _draw(console, status, False, lang)
    return console.getvalue()


def console_width() -> int:
    """The width rich would take: ``COLUMNS``, else a terminal on a standard stream, else 80."""
    import os

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns)
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (OSError, ValueError):
            continue
    return 80


def _rich_table(
    status: PeriodStatus, *, terminal: bool, width: int | None, lang: str = "en"
) -> str:
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
    _draw(console, status, terminal, lang)
    # Rich pads every line to the full width; the padding is noise in a file or a pipe.
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


def _draw(console: Any, status: PeriodStatus, terminal: bool, lang: str) -> None:
    """Everything `status` prints, on rich's console or on the plain one (same ``print``)."""
    _header(console, status, lang)
    document = status.period.document
    marked = {ident for d in status.counted(document.deviations) for ident in d.affects}
    names = _names(status)
    several_years = document.first_day.year != document.last_day.year
    for title, rows in _grouped(status, names, lang):
        _group_table(console, title, rows, terminal, names, several_years, lang, marked)
    notes = [_note(a, s, lang) for _, a, s in status.rows if s.kind == "coverage"]
    for note in filter(None, notes):
        console.print(note)
    _other_work(console, status, lang)
    _deviations(console, status, lang)
    console.print(status.summary(lang))


def _plain(console: Any) -> bool:
    from lofte.render.plain import Console

    return isinstance(console, Console)


def _bold(console: Any, text: str) -> Any:
    """``text`` in bold on rich's console; as it is on the plain one (no colour, no rich)."""
    if _plain(console):
        return text
    from rich.text import Text

    return Text(text, style="bold")


def _header(console: Any, status: PeriodStatus, lang: str) -> None:
    document = status.period.document
    console.print(_bold(console, document.title))
    closed = sum(t.closed(status.as_of) for t in status.terms)
    line = word("status.on", lang).format(
        date=status.as_of.isoformat(),
        closed=closed,
        total=len(status.terms),
        terms=word(f"terms.{status.terms[0].kind}", lang),
    )
    if document.effective_start != document.first_day:
        line += word("status.applies_from", lang).format(date=document.effective_start.isoformat())
    console.print(line)
    term = status.term
    if term is not None and term.closed(status.as_of):
        key = "status.term_closed"
    elif term is not None and status.as_of < term.start:
        key = "status.term_not_begun"
    else:
        key = "status.term_running"
    if term is not None:
        console.print(word(key, lang).format(term=term.label(lang), date=term.end.isoformat()))


def _other_work(console: Any, status: PeriodStatus, lang: str) -> None:
    """Work outside the plan, after the activities: it has no target and counts to none."""
    shown = status.counted(status.period.document.other_work)
    if not shown:
        return
    console.print(word("status.other_work", lang) + ":")
    for item in shown:
        amount = f" ({item.count}{' ' + item.unit if item.unit else ''})" if item.count else ""
        console.print(f"- {_when(item)}: {' '.join(item.text.split())}{amount}")
    console.print()


def _deviations(console: Any, status: PeriodStatus, lang: str) -> None:
    """Deviations, each with what it affects; affected rows carry the same mark."""
    shown = status.counted(status.period.document.deviations)
    if not shown:
        return
    console.print(word("status.deviations", lang) + ":")
    for item in shown:
        whom = ", ".join(item.affects) if item.affects else word("status.whole_file", lang)
        text = " ".join(item.text.split())
        console.print(f"{_MARK} {_when(item)}: {text} ({word('status.affects', lang)} {whom})")
    console.print()


def _when(item: Any) -> str:
    # A span (`covers: "2020"`) or a day; both when both are given.
    parts = [item.covers, _iso(item.date)]
    return ", ".join(p for p in parts if p)


Row = tuple["Activity", "ActivityStatus", "Group | None"]


def _names(status: PeriodStatus) -> dict[str, str]:
    from lofte.modelbase import BUILTIN_ACTORS

    town = status.period.municipality
    return town.actor_names() if town is not None else dict(BUILTIN_ACTORS)


def _grouped(
    status: PeriodStatus, names: dict[str, str], lang: str = "en"
) -> list[tuple[str, list[Row]]]:
    from lofte.words import promisers

    order: dict[str | None, tuple[str, list[Row]]] = {}
    for group, activity, state in status.rows:
        key = group.id if group is not None else None
        if key not in order:
            name = (group.title or group.text or "") if group is not None else ""
            if group is not None and group.promised_by:
                # Who promises: a party's group is named by it ("Polisen lovar").
                said = promisers(group.promised_by, names, lang)
                name = said if group.is_party else f"{name} ({said})"
            title = f"{group.id}: {name}" if group is not None else _loose_title(status, lang)
            order[key] = (title, [])
        order[key][1].append((activity, state, group))
    # Activities under no promise come last, whatever order the file lists them in.
    return [order[k] for k in order if k is not None] + ([order[None]] if None in order else [])


# Fixed content widths keep every table of a period aligned and inside 80
# columns; the activity column takes what is left (more on a wider terminal).
# Between two columns: one column of right padding and the box's blank divider.
_WIDTHS = {"Target": 16, "Progress": 10, "Standing": 14, "Updated": 10}
_GAPS = 2 * len(_WIDTHS)


def _loose_title(status: PeriodStatus, lang: str) -> str:
    # An agreement's loose activities are its handlingsplan; a promise's stand apart.
    agreement = status.period.document.kind == "samverkansoverenskommelse"
    return word("status.action_plan" if agreement else "status.other", lang)


#: The mark of a row a deviation affects, repeated before the deviation's line.
_MARK = "†"


def _group_table(
    console: Any,
    title: str,
    rows: list[Row],
    terminal: bool,
    names: dict[str, str],
    several_years: bool,
    lang: str = "en",
    marked: set[str] | None = None,
) -> None:
    wide = max(20, console.width - sum(_WIDTHS.values()) - _GAPS)
    if _plain(console):
        _plain_group_table(console, title, rows, wide, names, several_years, lang, marked)
        return
    from rich import box
    from rich.table import Table
    from rich.text import Text

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
    grid.add_column(word("status.col.activity", lang), width=wide)
    for name, width in _WIDTHS.items():
        # Target wraps; so does Standing, whose Swedish words are longer.
        wraps = name in ("Target", "Standing")
        grid.add_column(
            word(f"status.col.{name.lower()}", lang),
            width=width,
            no_wrap=not wraps,
            overflow="fold" if wraps else "ellipsis",
        )
    for activity, state, group in rows:
        symbol, said = SYMBOLS[state.standing], standing_word(state.standing, lang)
        grid.add_row(
            _activity_cell(
                activity, wide, group, names, several_years, lang, activity.id in (marked or set())
            ),
            _target(activity, state, lang),
            _progress(activity, state, lang),
            Text(f"{symbol} {said}", style=_STYLE[state.standing]),
            state.last_covers or _iso(state.last_record) or _NONE,
        )
    console.print(grid)
    console.print()


def _plain_group_table(
    console: Any,
    title: str,
    rows: list[Row],
    wide: int,
    names: dict[str, str],
    several_years: bool,
    lang: str = "en",
    marked: set[str] | None = None,
) -> None:
    """The rich table of `_group_table`, cell for cell, drawn by `lofte.render.plain`."""
    from lofte.render import plain

    columns = [plain.Column(word("status.col.activity", lang), wide)]
    for name, size in _WIDTHS.items():
        wraps = name in ("Target", "Standing")
        columns.append(
            plain.Column(
                word(f"status.col.{name.lower()}", lang),
                size,
                wraps=wraps,
                overflow="fold" if wraps else "ellipsis",
            )
        )
    cells = [
        [
            "\n".join(
                text
                for text, _ in _activity_lines(
                    activity,
                    wide,
                    group,
                    names,
                    several_years,
                    lang,
                    activity.id in (marked or set()),
                )
            ),
            _target(activity, state, lang),
            _progress(activity, state, lang),
            f"{SYMBOLS[state.standing]} {standing_word(state.standing, lang)}",
            state.last_covers or _iso(state.last_record) or _NONE,
        ]
        for activity, state, group in rows
    ]
    console.write(plain.table(" ".join(title.split()), columns, cells, console.width))


def _activity_cell(
    activity: Activity,
    width: int,
    group: Group | None = None,
    names: dict[str, str] | None = None,
    several_years: bool = False,
    lang: str = "en",
    marked: bool = False,
) -> Any:
    from rich.text import Text

    (ident, _), *rest = _activity_lines(activity, width, group, names, several_years, lang, marked)
    cell = Text(activity.id, style="bold", overflow="fold")
    cell.append(ident[len(activity.id) :])
    for text, style in rest:
        cell.append("\n" + text, style=style)
    return cell


def _activity_lines(
    activity: Activity,
    width: int,
    group: Group | None = None,
    names: dict[str, str] | None = None,
    several_years: bool = False,
    lang: str = "en",
    marked: bool = False,
) -> list[tuple[str, str | None]]:
    """The cell's lines and their styles: the id (and its mark), the title cut to one line of
    ``width``, who promises it (where its group does not), who is responsible, its months."""
    from lofte.follow.calendar import month_span
    from lofte.words import promisers

    lines: list[tuple[str, str | None]] = [(activity.id + (f" {_MARK}" if marked else ""), None)]
    # A title in the source's own words, where the file gives one, else the text.
    text = " ".join((activity.title or activity.text).split())
    short = text if len(text) <= width else text[: width - 1].rstrip() + "…"
    lines.append((short, None))
    own = activity.promised_by
    if own is not None and (group is None or group.promised_by != own):
        lines.append((promisers(own, names or {}, lang), "dim"))
    who = ", ".join(activity.responsible)
    if who:
        lines.append((f"{word('status.by', lang)} {who}", "dim"))
    window = activity.window
    if window is not None:
        span = month_span(window.first, window.last, lang, year=several_years)
        # The months alone: a prefix would not fit the narrowest column in Swedish.
        lines.append((span, "dim"))
    return lines


def _target(activity: Activity, state: ActivityStatus, lang: str = "en") -> str:
    target = activity.target
    if target is None:
        return _NONE
    if target.kind == "count" and target.vague is not None:
        return f"{target.vague} {target.unit}"
    if target.kind == "count":
        sign = {"at_least": "≥", "exactly": "", "at_most": "≤"}[target.comparator]
        return f"{sign}{target.number} {target.unit}"
    if target.kind == "coverage":
        total = len(state.items)
        noun = target.of or target.unit or word("items", lang)
        star = "*" if not state.list_complete else ""
        key = "status.all_n" if total else "status.all"
        return word(key, lang).format(total=total, star=star, noun=noun)
    if target.kind == "recurring":
        per = word(f"term.{target.per}", lang).lower()
        return word("status.per", lang).format(times=target.at_least, per=per)
    if target.kind == "milestone":
        return word("status.once_by", lang).format(date=_iso(state.deadline))
    return word("status.ongoing", lang)


def _bar(have: int, of: int, cells: int = 5) -> str:
    filled = min(cells, round(cells * have / of)) if of else 0
    return "█" * filled + "░" * (cells - filled)


def _progress(activity: Activity, state: ActivityStatus, lang: str = "en") -> str:
    # Nothing recorded is shown as nothing, never as an empty bar that reads as zero.
    if state.records == 0 or activity.target is None:
        return _NONE
    target = activity.target
    if target.kind == "count" and target.vague is not None:
        # No number to draw a bar against: the sum, and the word the source used.
        return f"{state.recorded}/{target.vague}" if state.recorded is not None else "?"
    if target.kind == "coverage" and not state.places_known and state.standing == "followed_up":
        # Places unknown: the count, with no bar (a note below says why).
        return str(state.recorded) if state.recorded is not None else "?"
    if target.kind == "count":
        if state.recorded is None:
            return f"?/{target.number}"
        return f"{_bar(state.recorded, target.number)} {state.recorded}/{target.number}"
    if target.kind == "coverage" and (state.covered or state.missing):
        total = len(state.covered) + len(state.missing)
        return f"{_bar(len(state.covered), total)} {len(state.covered)}/{total}"
    if target.kind in ("recurring", "ongoing") and state.reported_for:
        return ", ".join(state.reported_for)  # a span record: no finer detail, no bar
    if target.kind in ("recurring", "ongoing") and state.terms_due:
        met, due = len(state.terms_met), len(state.terms_due)
        return f"{_bar(met, due)} {met}/{due}"
    if state.records == 1:
        return word("status.record", lang)
    return word("status.records", lang).format(n=state.records)


def _note(activity: Activity, state: ActivityStatus, lang: str = "en") -> str:
    # Coverage names what is missing, and says so when the list itself is partial
    # (the star matches the one in the target column).
    from lofte.follow.describe import describe

    target = activity.target
    assert target is not None and target.kind == "coverage"
    if target.of is not None:
        name = word("status.list_named", lang).format(of=target.of)
    else:
        name = word("status.the_list", lang)
    star = "" if state.list_complete else "* "
    if not state.places_known and state.standing == "followed_up":
        return f"{activity.id}: {describe(state, activity, lang)}"
    if state.missing:
        line = f"{star}{activity.id}: {word('status.missing', lang)} {', '.join(state.missing)}"
    elif state.covered:
        line = f"{star}{activity.id}: {word('status.all_covered', lang)}"
    elif not state.list_complete:
        said = word("status.list_incomplete", lang).format(name=name, n=len(state.items))
        return f"* {activity.id}: {said}"
    else:
        return ""
    if not state.list_complete:
        line += word("status.others_missing", lang).format(name=name)
    return line


__all__ = ["overview", "render", "table"]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
