"""`lofte record`: add one progress record to a promise file, or refuse and change nothing.

Under the file's lock: load and validate the file as it is, find the
activity, check the command line against it (`record_input`), splice the
record in as new lines (`splice`), and prove the result (`verify`) before
the atomic replace (`atomic`).  Every refusal is one located `Diagnostic`;
the file's bytes are then exactly what they were.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lofte.errors import Diagnostic, UsageError, printable
from lofte.read.loader import Loaded, Workspace, display_path, period_path
from lofte.write.record_input import Context, RecordRequest, Refused, entry_for
from lofte.write.record_target import Stop, at, find_activity, valid_file

__all__ = ["RecordOutcome", "RecordRequest", "record", "render_outcome"]


@dataclass
class RecordOutcome:
    """What happened: refusals (then nothing was written), or the record and its effect."""

    display: str
    problems: list[Diagnostic] = field(default_factory=list)
    activity: str = ""
    entry: dict[str, Any] = field(default_factory=dict)
    line: int = 0
    standing: str = ""
    diff: str = ""
    written: bool = False
    kind: str = "progress"  # or other_work, deviations: the list the entry went to


def record(
    request: RecordRequest,
    data_dir: Path,
    *,
    today: dt.date,
    dry_run: bool = False,
    cache_dir: Path | None = None,
) -> RecordOutcome:
    """Record ``request`` into its period file (or, with ``dry_run``, only show the diff).

    With ``cache_dir`` the file as it is is read from the parse cache when it
    is there, and the file as written goes into it: of a run of records, each
    finds the file the one before it wrote (docs/performance.md).  The plain
    data, not the validated document: for a large file, storing and loading
    pydantic models costs more than validating again.
    """
    from lofte.write.atomic import locked

    if request.activity is None and request.other is None and request.deviation is None:
        if not period_path(request.period, data_dir).is_file():
            # `lofte record trygghetsvandringar --count 1`: the period was left out,
            # and the activity taken for it.
            raise UsageError(
                f"record: no period {request.period!r}; give the period first, then the "
                f"activity: lofte record PERIOD {request.period} ..."
            )
        raise UsageError(
            "record: name an activity, or give --other TEXT (work outside the plan) "
            "or --deviation TEXT (a deviation for the whole file or --affects)"
        )
    if request.kind == "progress" and request.count is None and request.note is None:
        raise UsageError("record: give --count, --note or both")
    if request.activity is not None and request.other is not None:
        raise UsageError("record: --other is work outside the plan; give it without an activity")
    path = period_path(request.period, data_dir)
    outcome = RecordOutcome(display_path(path))
    workspace = Workspace()
    if cache_dir is not None:
        from lofte.read.cache import ParseCache

        workspace.cache = ParseCache(cache_dir)
    try:
        if dry_run or not path.is_file():
            # A dry run writes nothing, not even a lock file; a missing file
            # is reported by the loader.
            with _no_gc():
                _record(path, request, today, dry_run, outcome, workspace)
        elif not _writable(path):
            raise Stop(at(outcome.display, (1, 1), "cannot write: the file is read-only"))
        else:
            with locked(path), _no_gc():
                _record(path, request, today, dry_run, outcome, workspace)
    except Stop as stop:
        outcome.problems.insert(0, stop.diagnostic)
    except OSError as exc:  # the lock file or the temp file could not be made
        outcome.problems.insert(0, at(outcome.display, (1, 1), f"cannot write: {exc}"))
    finally:
        if workspace.cache is not None:
            workspace.cache.close()  # after the write: the lock is not held for it
    return outcome


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    # Everything a record allocates lives until it is done; the cyclic
    # collector would only rescan it (measured: the marks tree of a 1 MB file
    # builds in half the time without it).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _writable(path: Path) -> bool:
    # Replacing works whenever the directory is writable; like an editor,
    # refuse to do it to a file its owner made read-only.  The mode bits are
    # checked too: for root, `os.access` is always true (CI containers).
    return bool(os.stat(path).st_mode & 0o222) and os.access(path, os.W_OK)


def _record(
    path: Path,
    request: RecordRequest,
    today: dt.date,
    dry_run: bool,
    outcome: RecordOutcome,
    workspace: Workspace,
) -> None:
    from lofte.write.atomic import replace_bytes
    from lofte.write.splice import SpliceRefused, append_entry
    from lofte.write.textdiff import unified_diff
    from lofte.write.verify import verify

    loaded = valid_file(workspace, path, outcome.display)
    document = loaded.document
    assert document.kind != "municipality"  # valid_file refuses it
    activity = None
    data_path: tuple[str | int, ...] = ()
    if request.activity is not None:
        data_path, activity = find_activity(loaded, request.activity, workspace)
    key = request.kind
    where = data_path if key == "progress" else ()

    def here() -> tuple[int, int]:
        # Looked up only for a refusal: positions cost a second parse.
        if data_path:
            return loaded.positions.value(data_path)
        if key in loaded.data:
            return loaded.positions.key((key,))
        return (1, 1)

    town = workspace.sibling(loaded, loaded.document.municipality)
    ctx = Context(
        activity=activity,
        first_day=document.effective_start,  # a promise applies from signing
        last_day=document.last_day,
        period=document.period,
        today=today,
        municipality=town.document if town and town.document.kind == "municipality" else None,
        municipality_name=document.municipality,
        document=document,
    )
    try:
        entry = entry_for(request, ctx)
        spliced = append_entry(loaded.raw, where, key, entry)
    except Refused as refused:
        raise Stop(at(outcome.display, here(), str(refused))) from None
    except SpliceRefused as refused:
        raise Stop(
            Diagnostic(outcome.display, refused.line, refused.col, "record", refused.message)
        ) from None
    try:
        after = verify(loaded, spliced, where, entry, workspace, key)
    except Refused as refused:
        raise Stop(at(outcome.display, here(), str(refused))) from None
    outcome.problems += [at(outcome.display, here(), w, "warning") for w in ctx.warnings]
    outcome.entry, outcome.line, outcome.kind = entry, spliced.first_line, key
    if activity is not None:
        outcome.activity = activity.id
        outcome.standing = _standing(
            after, activity.id, today, ctx.municipality and ctx.municipality.places
        )
    if dry_run:
        outcome.diff = unified_diff(loaded.raw, spliced.data, outcome.display)
    else:
        replace_bytes(path, spliced.data)
        outcome.written = True


def _standing(after: Loaded, ident: str, today: dt.date, places: Any) -> str:
    """The activity's standing once the record is in, as `lofte status` words it."""
    from lofte.follow.describe import describe
    from lofte.follow.standing import assess_activity

    document = after.document
    group, activity = next((g, a) for g, a in document.all_activities() if a.id == ident)
    return describe(assess_activity(document, group, activity, today, places=places), activity)


def render_outcome(outcome: RecordOutcome) -> str:
    """The success text: what was recorded where, and the activity's new standing."""
    entry = outcome.entry
    parts = [f"count {entry['count']}"] if "count" in entry else []
    parts += [f"a {key}" for key in ("note", "link", "deviation") if key in entry]
    for key in ("places", "partners"):
        if key in entry:
            parts.append(f"{len(entry[key])} {key[:-1] if len(entry[key]) == 1 else key}")
    verb = "would record" if not outcome.written else "recorded"
    when = " ".join(
        part
        for part in (entry.get("date"), f"covering {entry['covers']}" if "covers" in entry else "")
        if part
    )
    head = printable(outcome.display) + f":{outcome.line}: {verb} {when}"
    if outcome.kind == "other_work":
        return f"{head} as other work: {entry['text']}{_also(parts)}\n"
    if outcome.kind == "deviations":
        affects = entry.get("affects")
        whom = f"for {', '.join(affects)}" if affects else "for the whole file"
        return f"{head} a deviation {whom}: {entry['text']}\n"
    return (
        f"{head} for {outcome.activity}: "
        f"{', '.join(parts)}\n{outcome.activity}: {outcome.standing}\n"
    )


def _also(parts: list[str]) -> str:
    return f" ({', '.join(parts)})" if parts else ""
