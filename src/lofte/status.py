"""`lofte status`: one period's standing, or a line for every period file.

This module returns data only; `lofte.render.status` draws it.  Opening a
period is `lofte.rules.opening.open_period`; assessing it is
`lofte.follow.period.period_status`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lofte.errors import Diagnostic, UsageError
from lofte.follow.period import Outcome, PeriodStatus, period_status
from lofte.read.loader import Workspace, gc_paused, municipality_folders, resolve_targets
from lofte.rules.opening import open_period


def run(
    period: str | None,
    data_dir: Path,
    as_of: date,
    tertial: str | None = None,
    cache_dir: Path | None = None,
) -> Outcome:
    """`lofte status [PERIOD]`: one period's standing, or a line for every period file.

    With ``cache_dir`` validated documents are taken from, and kept in, the
    cache there (`lofte.read.cache`): an unchanged file is not parsed or
    validated again, which is most of a start.
    """
    workspace = Workspace()
    if cache_dir is not None:
        from lofte.read.cache import ParseCache

        workspace.cache = ParseCache(cache_dir, documents=True)
    # Everything made here lives until the output is drawn, and nothing is a
    # cycle to collect: the cyclic collector would only rescan a heap that
    # grows with the file, which made a 12,500-activity file superlinear
    # (3.2 s against 1.5 s paused; docs/performance.md).
    try:
        with gc_paused():
            return _run(period, data_dir, as_of, tertial, workspace)
    finally:
        if workspace.cache is not None:
            workspace.cache.close()


def _run(
    period: str | None, data_dir: Path, as_of: date, tertial: str | None, workspace: Workspace
) -> Outcome:
    if period is None:
        if tertial is not None:
            raise UsageError("--tertial needs a period: lofte status PERIOD --tertial T")
        return _overview(data_dir, as_of, workspace)
    opened, problems = open_period(period, data_dir, workspace)
    if opened is None:
        return Outcome(None, [], problems)
    return Outcome(period_status(opened, as_of, tertial), [], [])


def _overview(data_dir: Path, as_of: date, workspace: Workspace) -> Outcome:
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
    return Outcome(None, found, problems, tree=bool(municipality_folders(data_dir)))


__all__ = ["Outcome", "run"]
