"""`lofte check`: the CI gate that every target is tracked and followed up.

Each file is first validated (`lofte.rules.bulk.validate_file`); a file that fails reports
validate's diagnostics and is not checked further.  The valid ones go through the check
rules, a plain list like validate's: targets (LT1xx), records (LT2xx), freshness (LT3xx).
Files stream through `lofte.rules.bulk` as they do for `lofte validate`: one at a time, on
several processes for large sets, with the parse cache.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from lofte.errors import Diagnostic, UsageError, errors_in
from lofte.options import day_option
from lofte.read.loader import Loaded, Workspace, resolve_targets
from lofte.render import check_summary
from lofte.rules import freshness, records, tracking
from lofte.rules.bulk import map_files, validate_file
from lofte.rules.codes import STALE, UNTRACKED, CheckRule, Context, Finding

CHECK_RULES: list[CheckRule] = [*tracking.RULES, *records.RULES, *freshness.RULES]

#: An activity a finding is about: (the file as displayed, the activity's id).
Activity = tuple[str, str]


@dataclasses.dataclass(frozen=True)
class FileCheck:
    """What checking one file found: plain values, so it crosses from a worker by pickle."""

    diagnostics: list[Diagnostic]
    targets: int = 0
    untracked: frozenset[Activity] = frozenset()
    stale: frozenset[Activity] = frozenset()


@dataclasses.dataclass(frozen=True)
class CheckFile:
    """The work on one file (see `lofte.rules.bulk.Work`): validate's rules, then the check rules.

    The check rules run only on a file that validates without errors and is not a
    municipality file.  They see the worker's workspace, which reloads a referenced
    file (the municipality file) that it has let go.
    """

    as_of: dt.date
    grace: int

    def __call__(self, path: Path, workspace: Workspace) -> FileCheck:
        """Check ``path``."""
        one, diagnostics = validate_file(path, workspace)
        if one is None or errors_in(diagnostics) or one.document.kind == "municipality":
            return FileCheck(diagnostics)
        context = Context(workspace, self.as_of, self.grace)
        findings = [
            _acknowledged(found, one) for rule in CHECK_RULES for found in rule(one, context)
        ]
        about = [
            (f.diagnostic.code, (f.diagnostic.path, f.activity))
            for f in findings
            if f.diagnostic.severity != "acknowledged"
        ]
        return FileCheck(
            [*diagnostics, *(f.diagnostic for f in findings)],
            sum(1 for _ in one.document.all_activities()),
            frozenset(activity for code, activity in about if code in UNTRACKED),
            frozenset(activity for code, activity in about if code in STALE),
        )


def _acknowledged(found: Finding, loaded: Loaded) -> Finding:
    """The finding, marked acknowledged when its activity's `acknowledge:` names its code.

    The file's own `acknowledge:` holds for every activity; the activity's comes first.
    """
    document = loaded.document
    reasons: dict[str, str] = next(
        (a.acknowledge for _, a in document.all_activities() if a.id == found.activity),
        {},
    )
    code = found.diagnostic.code
    file_wide = getattr(document, "acknowledge", {})
    reason = reasons.get(code, file_wide.get(code))
    if reason is None:
        return found
    diagnostic = found.diagnostic._replace(
        severity="acknowledged",
        message=f"{found.diagnostic.message} (acknowledged: {reason})",
    )
    return found._replace(diagnostic=diagnostic)


def check(
    args: list[str],
    data_dir: Path,
    *,
    as_of: str | None = None,
    grace: int = 30,
    strict: bool = False,
    jobs: int | None = None,
    cache_dir: Path | None = None,
) -> tuple[list[Diagnostic], str]:
    """Check the named files (or the whole data dir): ``(diagnostics, closing line)``.

    The diagnostics come back sorted, so the output does not depend on how the
    work was split (``jobs``, as `lofte.rules.bulk.choose_jobs` takes it).  With
    ``cache_dir`` parses are reused from there (see `lofte.read.cache`).
    """
    day = day_option(as_of)
    if grace < 0:
        raise UsageError(f"--grace: expected a number of days, 0 or more, got {grace}")
    paths = resolve_targets(args, data_dir)
    results = map_files(paths, CheckFile(day, grace), jobs, cache_dir)
    diagnostics = [d for result in results for d in result.diagnostics]
    if strict:
        diagnostics = [
            d._replace(severity="error") if d.severity == "warning" else d for d in diagnostics
        ]
    diagnostics.sort()
    untracked = {activity for result in results for activity in result.untracked}
    stale = {activity for result in results for activity in result.stale}
    targets = sum(result.targets for result in results)
    summary = check_summary(len(paths), targets, len(untracked), len(stale), diagnostics)
    return diagnostics, summary
