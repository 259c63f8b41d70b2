"""Open a period file only when it passes validate's rules, with the files it names."""

from __future__ import annotations

from pathlib import Path

from lofte.errors import Diagnostic, errors_in
from lofte.follow.period import OpenPeriod
from lofte.read.loader import Workspace, period_path
from lofte.rules.core import run_rules


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
    # A {title, url} names a document that is not transcribed: there is no file to open.
    agreement = workspace.sibling(loaded, builds_on) if isinstance(builds_on, str) else None
    return OpenPeriod(
        loaded,
        document,
        town.document if town is not None else None,
        agreement.document if agreement is not None else None,
    ), []


__all__ = ["open_period"]
