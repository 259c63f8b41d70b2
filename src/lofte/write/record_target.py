"""Where a record goes: a file that validates as it is, and an activity it has.

`lofte record` writes only into a file that passes `lofte validate`: a
record must never be the change that makes a broken file look like the
tool's fault, and the checks after the write (`verify`) need a valid
baseline to compare with.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from lofte.errors import Diagnostic, errors_in
from lofte.read.loader import Loaded, Workspace


class Stop(Exception):
    """A refusal, as the one located line to show."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def valid_file(workspace: Workspace, path: Path, display: str) -> Loaded:
    """The file, loaded, if it validates as it is; else the first problem."""
    from lofte.read.loader import load_bytes, read_bytes
    from lofte.rules.core import run_rules

    raw, problems = read_bytes(path, display)
    loaded = None
    if raw is not None:
        # Positions come lazily (Loaded.positions), only if a problem needs placing.
        loaded, problems = load_bytes(path, raw, display, cache=workspace.cache)
    if loaded is not None:
        problems = errors_in(run_rules(loaded, workspace))
    if problems:
        first = sorted(problems)[0]
        more = f"{len(problems)} problems" if len(problems) > 1 else "1 problem"
        suffix = (
            f" (nothing written: lofte record writes only to a file that validates; "
            f"`lofte validate` lists {more})"
        )
        if loaded is None and first.code == "file":
            suffix = ""  # a missing or unreadable file: the message says it all
        raise Stop(
            Diagnostic(first.path, first.line, first.col, first.code, first.message + suffix)
        )
    assert loaded is not None
    if loaded.document.kind == "municipality":
        raise Stop(
            at(display, (1, 1), "a municipality file has no activities; name a promise file")
        )
    return loaded


def find_activity(
    loaded: Loaded, ident: str, workspace: Workspace | None = None
) -> tuple[tuple[str | int, ...], Any]:
    """The data path and model of the activity ``ident``, or a refusal naming the nearest.

    An id of the agreement the file `builds_on` is named with that file, so the
    record goes where the activity is.
    """
    from lofte.rules.core import activity_paths

    paths = [path for path, _ in activity_paths(loaded)]
    activities = [activity for _, activity in loaded.document.all_activities()]
    for path, activity in zip(paths, activities, strict=True):
        if activity.id == ident:
            return path, activity
    ids = [activity.id for activity in activities]
    builds_on = getattr(loaded.document, "builds_on", None)
    if builds_on is not None and workspace is not None:
        other = workspace.sibling(loaded, builds_on)
        if other is not None and any(a.id == ident for _, a in other.document.all_activities()):
            raise Stop(
                at(
                    loaded.display,
                    (1, 1),
                    f"no activity {ident!r} in this file; it is in {other.display}, which this "
                    f"file builds on: record it there (lofte record {other.stem} {ident} ...), "
                    "or as --other work here",
                )
            )
    close = difflib.get_close_matches(ident, ids, n=3, cutoff=0.5)
    if close:
        hint = "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    else:
        hint = "; its activities are " + ", ".join(ids) if ids else "; it has no activities"
    raise Stop(at(loaded.display, (1, 1), f"no activity {ident!r} in this file{hint}"))


def at(display: str, where: tuple[int, int], message: str, severity: str = "error") -> Diagnostic:
    """A `record` diagnostic at a 1-based (line, col)."""
    return Diagnostic(display, where[0], where[1], "record", message, severity)  # type: ignore[arg-type]
