"""`lofte check`: the CI gate that every target is tracked and followed up.

Each file is first validated (`lofte.validate`); a file that fails reports validate's
diagnostics and is not checked further.  The valid ones go through the check rules,
a plain list like validate's: targets (LT1xx), records (LT2xx), freshness (LT3xx).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from lofte.checks import freshness, records, tracking
from lofte.checks.codes import STALE, UNTRACKED, CheckRule, Context, Finding
from lofte.errors import Diagnostic, UsageError, errors_in
from lofte.loader import resolve_targets
from lofte.options import day_option
from lofte.render import check_summary
from lofte.validate import validate_paths

CHECK_RULES: list[CheckRule] = [*tracking.RULES, *records.RULES, *freshness.RULES]


def check(
    args: list[str],
    data_dir: Path,
    *,
    as_of: str | None = None,
    grace: int = 30,
    strict: bool = False,
) -> tuple[list[Diagnostic], str]:
    """Check the named files (or the whole data dir): ``(diagnostics, closing line)``."""
    day = day_option(as_of)
    if grace < 0:
        raise UsageError(f"--grace: expected a number of days, 0 or more, got {grace}")
    paths = resolve_targets(args, data_dir)
    workspace, loaded, diagnostics = validate_paths(paths)
    broken = {d.path for d in errors_in(diagnostics)}
    context = Context(workspace, day, grace)
    findings: list[Finding] = []
    targets = 0
    for one in loaded:
        if one.display in broken or one.document.kind == "municipality":
            continue
        targets += sum(1 for _ in one.document.all_activities())
        for rule in CHECK_RULES:
            findings.extend(rule(one, context))
    untracked = {
        (f.diagnostic.path, f.activity) for f in findings if f.diagnostic.code in UNTRACKED
    }
    stale = {(f.diagnostic.path, f.activity) for f in findings if f.diagnostic.code in STALE}
    diagnostics.extend(f.diagnostic for f in findings)
    if strict:
        diagnostics = [dataclasses.replace(d, severity="error") for d in diagnostics]
    diagnostics.sort()
    summary = check_summary(len(paths), targets, len(untracked), len(stale), diagnostics)
    return diagnostics, summary
