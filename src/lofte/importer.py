"""`lofte import`: filled follow-up sheets back into the YAML, all of them or nothing.

1. Read every sheet (`lofte.read.sheet`): the layout, and each cell's type.
2. Lock every period file the sheets name (in one order, so two imports
   cannot deadlock), load each, and require that it validates, as `record` does.
3. Check every row against its file: the key, the activity, the date against
   the period, the places against their lists, a count or a note present.
4. Drop rows imported before (their key is already in the file, and the
   record would be the same), and refuse rows that changed since (a conflict).
5. Splice all records of a file in one pass (`lofte.write.batch`) and prove
   the result: pure additions that still validate.
6. Only if no sheet and no file had a problem, write every file
   (`lofte.write.atomic.replace_many`); else write nothing.

Idempotence: each row has a stable key (`2020-T2/socialtjansten/planlagda-insatser`)
that the record carries as ``sheet:``.  A row whose key is in the file with
the same record adds nothing; with a different one it is a conflict, named
with both places, and nothing is written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lofte.errors import Diagnostic
from lofte.read.loader import (
    data_files,
    display_path,
    municipality_folders,
    period_names,
    period_path,
)
from lofte.read.sheet import OTHER_ROW, CellProblem, Row, Sheet, header, row_key

__all__ = ["Added", "ImportOutcome", "import_sheets", "render_outcome"]

Problem = CellProblem | Diagnostic


@dataclass(frozen=True)
class Added:
    """One record that goes (or went) into a file, and the row it came from."""

    file: str
    line: int
    kind: str  # progress, other_work or deviations
    activity: str  # the activity of a progress record, else ''
    entry: dict[str, Any]
    sheet: str
    row: int


@dataclass
class ImportOutcome:
    """What happened: problems (then nothing was written), or what was added where."""

    problems: list[Problem] = field(default_factory=list)
    added: list[Added] = field(default_factory=list)
    already: int = 0  # rows imported before, skipped
    sheets: int = 0
    files: list[str] = field(default_factory=list)
    diff: str = ""
    written: bool = False


@dataclass
class _Target:
    """One period file and the rows going into it."""

    path: Path
    display: str
    sheets: list[Sheet] = field(default_factory=list)


def import_sheets(
    files: list[Path], data_dir: Path, *, today: dt.date, dry_run: bool = False
) -> ImportOutcome:
    """Import every sheet in ``files`` into the period files of ``data_dir``."""
    from lofte.errors import UsageError
    from lofte.read.sheet import read_sheet

    if not data_dir.is_dir():
        raise UsageError(
            f"{display_path(data_dir)}: data directory not found (set --data-dir or LOFTE_DATA_DIR)"
        )
    outcome = ImportOutcome()
    sheets: list[Sheet] = []
    for path in files:
        sheet, problems = read_sheet(path, display_path(path))
        outcome.problems += problems
        if sheet is not None:
            sheets.append(sheet)
    outcome.sheets = len(files)
    targets: dict[Path, _Target] = {}
    for sheet in sheets:
        found = period_path(sheet.period, data_dir) if _plain_period(sheet.period) else None
        if found is None or not found.is_file():
            outcome.problems.append(_no_period(sheet, data_dir))
            continue
        key = found.resolve()
        targets.setdefault(key, _Target(found, display_path(found))).sheets.append(sheet)
    if not dry_run:
        # Like an editor (and `record`), leave alone a file its owner made read-only.
        outcome.problems += [
            Diagnostic(t.display, 1, 1, "import", "cannot write: the file is read-only")
            for t in targets.values()
            if not os.access(t.path, os.W_OK)
        ]
    if _errors(outcome.problems) and not targets:
        return outcome
    try:
        with _locks([t.path for t in targets.values()], dry_run):
            staged = [_prepare(target, today, outcome) for target in targets.values()]
            if _errors(outcome.problems):
                outcome.added = []
                return outcome
            _finish(staged, outcome, dry_run)
    except OSError as exc:
        outcome.problems.append(CellProblem(display_path(data_dir), "1", f"cannot write: {exc}"))
    return outcome


def pending(path: Path, data_dir: Path, *, today: dt.date) -> Diagnostic | None:
    """Why the file at ``path`` must not be written over by a new sheet, or None.

    A sheet holding rows `lofte import` would still add, or rows it cannot
    read yet, is a unit's follow-up that is not in the YAML: replacing it would
    lose their work.  A file that is no follow-up sheet is somebody else's.
    Only a sheet whose every filled row is already imported may be replaced
    (re-exporting it is how a unit sees what was reported).
    """
    from lofte.read.sheet import read_sheet

    display = display_path(path)
    sheet, _ = read_sheet(path, display)
    if sheet is None:
        return Diagnostic(
            display,
            1,
            1,
            "sheet",
            "already exists and is not a follow-up sheet; write the new sheet elsewhere (-o FILE)",
        )
    outcome = import_sheets([path], data_dir, today=today, dry_run=True)
    rows = len({(added.sheet, added.row) for added in outcome.added})
    if _errors(outcome.problems):
        why = (
            f"holds follow-up not yet imported, with problems (lofte import {display} "
            "shows them); fix and import it first, or write the new sheet elsewhere (-o FILE)"
        )
    elif rows:
        why = (
            f"holds follow-up not yet imported ({rows} row{'s' if rows > 1 else ''}); "
            f"import it first (lofte import {display}) or write the new sheet elsewhere "
            "(-o FILE)"
        )
    else:
        return None
    return Diagnostic(display, 1, 1, "sheet", why)


def _plain_period(period: str) -> bool:
    """A period as a sheet names it: ``2020``, or ``strangnas/2020`` in a tree.

    The folder is any visible folder name (``Vingåker``), one level down: never a
    path that leaves the data directory.
    """
    folder = r"[^/\\.\x00-\x1f][^/\\\x00-\x1f]*"
    return bool(re.fullmatch(rf"(?:{folder}/)?[a-z0-9][a-z0-9-]*", period))


def _no_period(sheet: Sheet, data_dir: Path) -> CellProblem:
    from lofte.read.loader import Workspace

    tree = bool(municipality_folders(data_dir))
    workspace = Workspace()
    periods = [  # a municipality file is no period (one that does not load may be)
        path
        for path in (data_files(data_dir) if data_dir.is_dir() else [])
        if (loaded := workspace.load(path)[0]) is None or loaded.document.kind != "municipality"
    ]
    have = period_names(periods, tree)
    return sheet.problem(
        "B2",
        f"this sheet is for the period {sheet.period!r}, which has no file in "
        f"{display_path(data_dir)} (it has {', '.join(have)})",
    )


def _errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


@contextlib.contextmanager
def _locks(paths: list[Path], dry_run: bool) -> Iterator[None]:
    """Hold every file's lock, taken in one order; a dry run takes none.

    A lock covers a whole directory (`lofte.write.atomic.locked`), and a second
    flock on the same directory would wait for the first one for ever, so each
    directory is locked once, through one of its files.
    """
    from lofte.write.atomic import lock_target, locked

    with contextlib.ExitStack() as stack:
        if not dry_run:
            one_per_directory = {lock_target(path): path for path in paths}
            for directory in sorted(one_per_directory, key=str):
                stack.enter_context(locked(one_per_directory[directory]))
        yield


@dataclass
class _Staged:
    target: _Target
    old: bytes
    new: bytes


def _prepare(target: _Target, today: dt.date, outcome: ImportOutcome) -> _Staged | None:
    """Check every row for one file and splice its records; problems go into ``outcome``."""
    from lofte.read.loader import Workspace
    from lofte.write.batch import Addition, Invalid, addition_at, append_many, verify_batch
    from lofte.write.record_input import Refused
    from lofte.write.record_target import Stop, valid_file
    from lofte.write.splice import SpliceRefused

    workspace = Workspace()
    try:
        loaded = valid_file(workspace, target.path, target.display)
    except Stop as stop:
        message = stop.diagnostic.message.replace("lofte record writes", "lofte import writes")
        outcome.problems.append(
            Diagnostic(
                stop.diagnostic.path, stop.diagnostic.line, stop.diagnostic.col, "import", message
            )
        )
        return None
    town = workspace.sibling(loaded, loaded.document.municipality)
    checker = _Checker(loaded, town.document if town is not None else None, today)
    rows: list[tuple[Sheet, Row, Addition]] = []
    for sheet in target.sheets:
        rows += checker.sheet(sheet, outcome)
    if _errors(outcome.problems) or not rows:
        return None
    additions = [addition for _, _, addition in rows]
    try:
        batch = append_many(loaded.raw, additions)
        verify_batch(loaded, batch, additions, workspace)
    except SpliceRefused as refused:
        outcome.problems.append(
            Diagnostic(target.display, refused.line, refused.col, "import", refused.message)
        )
        return None
    except Invalid as invalid:
        # A rule the rows' own checks do not cover: name the row it comes from.
        index = addition_at(batch, invalid.line)
        if index is None:
            outcome.problems.append(Diagnostic(target.display, 1, 1, "import", str(invalid)))
        else:
            sheet, row, _ = rows[index]
            outcome.problems.append(
                sheet.problem(f"{sheet.letters['key']}{row.number}", f"this row: {invalid}")
            )
        return None
    except Refused as refused:
        outcome.problems.append(Diagnostic(target.display, 1, 1, "import", str(refused)))
        return None
    for (sheet, row, addition), line in zip(rows, batch.lines, strict=True):
        activity = str(checker.ids.get(addition.path, ""))
        outcome.added.append(
            Added(
                target.display,
                line,
                addition.key,
                activity,
                addition.entry,
                sheet.display,
                row.number,
            )
        )
    return _Staged(target, loaded.raw, batch.data)


def _finish(staged: list[_Staged | None], outcome: ImportOutcome, dry_run: bool) -> None:
    from lofte.write.textdiff import unified_diff

    changed = [s for s in staged if s is not None and s.new != s.old]
    outcome.files = [s.target.display for s in changed]
    if dry_run:
        outcome.diff = "".join(unified_diff(s.old, s.new, s.target.display) for s in changed)
        return
    if changed:
        from lofte.write.atomic import replace_many

        replace_many([(s.target.path, s.old, s.new) for s in changed])
        outcome.written = True


class _Checker:
    """Rows against one period file: keys, activities, dates, places, conflicts."""

    def __init__(self, loaded: Any, municipality: Any, today: dt.date) -> None:
        from lofte.follow.calendar import terms_of
        from lofte.rules.core import activity_paths

        self.loaded = loaded
        self.document = loaded.document
        self.municipality = (
            municipality if getattr(municipality, "kind", "") == "municipality" else None
        )
        self.today = today
        self.terms = {t.id: t for t in terms_of(self.document)}
        paths = [path for path, _ in activity_paths(loaded)]
        activities = [a for _, a in self.document.all_activities()]
        self.activities = {a.id: (p, a) for p, a in zip(paths, activities, strict=True)}
        self.ids = {p: a.id for p, a in zip(paths, activities, strict=True)}
        # Keys already in the file: key → (data path of the record, the record as written).
        self.existing: dict[str, tuple[tuple[str | int, ...], dict[str, Any]]] = {}
        for path, raw in activity_paths(loaded):
            progress: list[Any] = raw.get("progress") or []  # type: ignore[assignment]
            for index, record in enumerate(progress):
                if isinstance(record, dict) and isinstance(record.get("sheet"), str):
                    self.existing.setdefault(record["sheet"], ((*path, "progress", index), record))
        for key in ("other_work", "deviations"):
            entries: list[Any] = loaded.data.get(key) or []
            for index, entry in enumerate(entries):
                if isinstance(entry, dict) and isinstance(entry.get("sheet"), str):
                    self.existing.setdefault(entry["sheet"], ((key, index), entry))
        self.seen: dict[str, tuple[dict[str, Any], str]] = {}

    def sheet(self, sheet: Sheet, outcome: ImportOutcome) -> list[tuple[Sheet, Row, Any]]:
        from lofte.model import BUILTIN_ACTORS

        term = self.terms.get(sheet.term)
        if term is None:
            names = ", ".join(self.terms)
            outcome.problems.append(
                sheet.problem(
                    "D2", f"no term {sheet.term!r} in the period {self.document.period} ({names})"
                )
            )
            return []
        actors = dict(BUILTIN_ACTORS)
        if self.municipality is not None:
            actors.update(self.municipality.actors)
        if sheet.unit and sheet.unit not in actors:
            outcome.problems.append(
                sheet.problem("F2", f"no unit {sheet.unit!r} in {self.document.municipality}")
            )
            return []
        found = []
        others = 0
        for row in sheet.rows:
            if not row.id:
                others += 1
            added = self.row(sheet, term, row, others, outcome)
            if added is not None:
                found.append((sheet, row, added))
        return found

    def row(self, sheet: Sheet, term: Any, row: Row, others: int, outcome: ImportOutcome) -> Any:
        """The addition a row makes, or None (a problem, or a row imported before)."""
        from lofte.write.batch import Addition

        problems = outcome.problems
        before = len(problems)
        unit = sheet.unit or None
        if not row.id:
            # A row for work outside the plan: its key is prepared in the sheet; a row a
            # person added below the prepared ones gets the next number.
            expected = row_key(sheet.term, unit, OTHER_ROW.format(n=others))
            key = row.key or expected
            if key.split("/")[0] != sheet.term or not key.startswith(expected.rpartition("-")[0]):
                problems.append(self._key_problem(sheet, row, expected))
                return None
            row.key = key
            where, entry = self._other(sheet, term, row, problems)
            path: tuple[str | int, ...] = ()
        else:
            expected = row_key(sheet.term, unit, row.id)
            if row.key != expected:
                problems.append(self._key_problem(sheet, row, expected))
                return None
            found = self.activities.get(row.id)
            if found is None:
                ids = list(self.activities)
                close = difflib.get_close_matches(row.id, ids, n=1, cutoff=0.5)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                problems.append(
                    sheet.problem(
                        f"{sheet.letters['id']}{row.number}",
                        f"no activity {row.id!r} in {self.loaded.display}{hint}",
                    )
                )
                return None
            path, activity = found
            where, entry = self._planned(sheet, term, row, activity, problems)
            if where == "deviations":
                path = ()
        if row.invalid or any(p.severity == "error" for p in problems[before:]):
            return None
        entry["sheet"] = row.key
        if self._repeat(sheet, row, entry, outcome):
            return None
        return Addition(path, where, entry)

    def _key_problem(self, sheet: Sheet, row: Row, expected: str) -> CellProblem:
        ref = f"{sheet.letters['key']}{row.number}"
        if not row.key:
            return sheet.problem(ref, f"the row's key is missing (expected {expected!r})")
        parts = row.key.split("/")
        if parts[0] != sheet.term:
            return sheet.problem(
                ref,
                f"this row is from another sheet: its key {row.key!r} is for {parts[0]}, "
                f"the sheet for {sheet.term}; fill in the sheet exported for that term",
            )
        return sheet.problem(ref, f"the row's key is {row.key!r}, expected {expected!r}")

    def _dating(self, sheet: Sheet, term: Any, row: Row, problems: list[Problem]) -> dict[str, Any]:
        """``date`` and ``covers`` as the row gives them; neither: ``covers`` the sheet's term."""
        from lofte.follow.calendar import covers_problem
        from lofte.model import COVERS_RE

        document = self.document
        first, last = document.effective_start, document.last_day
        entry: dict[str, Any] = {}
        day = row.values.get("date")
        ref = f"{sheet.letters['date']}{row.number}"
        if day is not None:
            if day > self.today:
                problems.append(
                    sheet.problem(ref, f"the date {day} is in the future (today is {self.today})")
                )
            elif not first <= day <= last:
                problems.append(
                    sheet.problem(
                        ref,
                        f"the date {day} is outside the period {document.period} "
                        f"({first} – {last})",
                    )
                )
            entry["date"] = day.isoformat()
        covers = row.values.get("covers")
        if covers is not None:
            ref = f"{sheet.letters['covers']}{row.number}"
            if not re.match(COVERS_RE, covers):
                problems.append(
                    sheet.problem(
                        ref,
                        f"expected a term ({term.id}), a year or the period "
                        f"({document.period}), got {covers!r}",
                    )
                )
            elif (trouble := covers_problem(covers, document)) is not None:
                problems.append(sheet.problem(ref, trouble))
            entry["covers"] = covers
        if not entry:
            entry["covers"] = term.id
        return entry

    def _planned(
        self, sheet: Sheet, term: Any, row: Row, activity: Any, problems: list[Problem]
    ) -> tuple[str, dict[str, Any]]:
        """A row of a planned activity: a progress record, or (a deviation alone) a deviation
        of the document that names the activity, as `lofte record --deviation` writes it."""
        values = row.values

        def cell(key: str) -> str:
            return f"{sheet.letters[key]}{row.number}"

        lang = sheet.lang
        entry = self._dating(sheet, term, row, problems)
        # A cell that failed its check is reported at the cell; read without it, the
        # row would seem to lack it ("needs a count") or to have changed (a conflict).
        if "count" not in values and "note" not in values and not row.invalid:
            if "deviation" in values and not set(values) - {"date", "covers", "deviation"}:
                return "deviations", {
                    **entry,
                    "text": values["deviation"],
                    "affects": [activity.id],
                }
            problems.append(
                sheet.problem(
                    cell("count"),
                    f"a row needs a count or a note ({header('count', lang)} or "
                    f"{header('note', lang)}), or a deviation alone, or nothing at all",
                )
            )
        if "count" in values:
            entry["count"] = values["count"]
        if "note" in values:
            entry["note"] = values["note"]
        target = activity.target
        if target is not None and target.kind == "ongoing" and "note" not in values:
            if "count" in values and "note" not in row.invalid:
                problems.append(
                    sheet.problem(
                        cell("note"),
                        f"activity {activity.id!r} is ongoing work, followed up with a note: "
                        f"fill in {header('note', lang)}",
                    )
                )
        if "places" in values:
            entry["places"] = [
                self._place(sheet, cell("places"), place, activity, problems)
                for place in values["places"]
            ]
        if "partners" in values:
            entry["partners"] = values["partners"]
        for key in ("link", "deviation"):
            if key in values:
                entry[key] = values[key]
        return "progress", entry

    def _other(
        self, sheet: Sheet, term: Any, row: Row, problems: list[Problem]
    ) -> tuple[str, dict[str, Any]]:
        """A row below the activities: work outside the plan (`other_work`), or, with only a
        deviation, a deviation of the whole document."""
        values = row.values
        lang = sheet.lang

        def cell(key: str) -> str:
            return f"{sheet.letters[key]}{row.number}"

        entry = self._dating(sheet, term, row, problems)
        if not row.text and "text" not in row.invalid:
            if "deviation" in values and not set(values) - {"date", "covers", "deviation"}:
                return "deviations", {**entry, "text": values["deviation"]}
            problems.append(
                sheet.problem(
                    cell("text"),
                    f"work outside the plan needs a text: say what was done in "
                    f"{header('text', lang)}",
                )
            )
            return "other_work", entry
        entry["text"] = row.text
        for key, instead in (("note", "text"), ("deviation", "text")):
            if key in values:
                problems.append(
                    sheet.problem(
                        cell(key),
                        f"work outside the plan has no {header(key, lang)}: put it in "
                        f"{header(instead, lang)}, or a deviation on a row of its own",
                    )
                )
        if "count" in values:
            entry["count"] = values["count"]
        for key in ("partners", "places"):
            if key in values:
                entry[key] = values[key]
        if "link" in values:
            entry["link"] = values["link"]
        return "other_work", entry

    def _place(
        self, sheet: Sheet, ref: str, place: str, activity: Any, problems: list[Problem]
    ) -> str:
        """As `record` checks a place for a coverage target; elsewhere a near miss of a listed
        place (the drop-down's) is refused as a likely misspelling."""
        from lofte.model import CoverageTarget
        from lofte.rules.places import nearest_place

        lists = self.municipality.places if self.municipality is not None else {}
        target = activity.target
        if isinstance(target, CoverageTarget) and (target.items is not None or target.of in lists):
            if target.items is not None:
                items, complete, name = target.items, True, "items of the target"
            else:
                listed = lists[target.of]
                items, complete = listed.items, listed.complete
                name = f"{target.of} in {self.document.municipality}.yaml"
        else:
            items = [i for plist in lists.values() for i in plist.items] + list(activity.places)
            complete, name = False, "places in the sheet's list"
        if place in items:
            return place
        near = nearest_place(place, items)
        if near is None and not complete:
            if isinstance(target, CoverageTarget):
                problems.append(
                    sheet.problem(
                        ref,
                        f"{place!r} is not among the {name}, which is marked incomplete; "
                        "recorded as given (add it to the list if it belongs there)",
                        "warning",
                    )
                )
            return place
        hint = f"; did you mean {near!r}?" if near else ""
        problems.append(
            sheet.problem(ref, f"{place!r} is not one of the {name} ({', '.join(items)}){hint}")
        )
        return place

    def _repeat(
        self, sheet: Sheet, row: Row, entry: dict[str, Any], outcome: ImportOutcome
    ) -> bool:
        """Whether the row was imported before (True: skip it); a changed row is a conflict."""
        from lofte.write.verify import same

        ref = f"{sheet.letters['key']}{row.number}"
        here = f"{sheet.display}:{sheet.at(ref)}"
        if row.key in self.seen:
            earlier, where = self.seen[row.key]
            if same(earlier, entry):
                outcome.already += 1
                return True
            outcome.problems.append(
                sheet.problem(
                    ref,
                    f"the row {row.key!r} comes twice with different values (also at {where}); "
                    "import one of them",
                )
            )
            return True
        self.seen[row.key] = (entry, here)
        existing = self.existing.get(row.key)
        if existing is None:
            return False
        path, record = existing
        if same(record, entry):
            outcome.already += 1
            return True
        line, _ = self.loaded.positions.value(path)
        changed = [k for k in dict.fromkeys([*record, *entry]) if record.get(k) != entry.get(k)]
        outcome.problems.append(
            sheet.problem(
                ref,
                f"conflict: this row was imported before ({self.loaded.display}:{line}) and has "
                f"changed since ({', '.join(changed)}); change the record in the file by hand, "
                "or put the row back as it was",
            )
        )
        return True


def render_outcome(outcome: ImportOutcome) -> str:
    """What was (or would be) added, one line an entry, as `record` words it; then a summary."""
    verb = "recorded" if outcome.written else "would record"
    lines = []
    for added in outcome.added:
        entry = added.entry
        parts = [f"count {entry['count']}"] if "count" in entry else []
        parts += [f"a {key}" for key in ("note", "link", "deviation") if key in entry]
        for key in ("places", "partners"):
            if key in entry:
                parts.append(f"{len(entry[key])} {key[:-1] if len(entry[key]) == 1 else key}")
        dated = [entry["date"]] if "date" in entry else []
        dated += [f"covering {entry['covers']}"] if "covers" in entry else []
        head = f"{added.file}:{added.line}: {verb} {' '.join(dated)}"
        row = f"({added.sheet} row {added.row})"
        if added.kind == "other_work":
            also = f" ({', '.join(parts)})" if parts else ""
            lines.append(f"{head} as other work: {entry['text']}{also} {row}")
        elif added.kind == "deviations":
            affects = entry.get("affects")
            whom = f"for {', '.join(affects)}" if affects else "for the whole file"
            lines.append(f"{head} a deviation {whom}: {entry['text']} {row}")
        else:
            lines.append(f"{head} for {added.activity}: {', '.join(parts)} {row}")
    n = len(outcome.added)
    entries = f"{n} entr{'ies' if n != 1 else 'y'}"
    files = f"{len(outcome.files)} file{'s' if len(outcome.files) != 1 else ''}"
    sheets = f"{outcome.sheets} sheet{'s' if outcome.sheets != 1 else ''}"
    done = "imported" if outcome.written or not n else "would import"
    summary = f"{sheets}: {done} {entries} into {files}"
    if outcome.already:
        summary += f"; {outcome.already} row{'s' if outcome.already != 1 else ''} imported before"
    lines.append(summary)
    return "\n".join(lines) + "\n"
