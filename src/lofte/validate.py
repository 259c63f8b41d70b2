"""`lofte validate`: load every file, run the rules, collect every problem."""

from __future__ import annotations

from pathlib import Path

from lofte.bulk import check_files
from lofte.checks import run_rules
from lofte.errors import Diagnostic
from lofte.loader import Loaded, Workspace, load_many, resolve_targets


def validate(
    args: list[str], data_dir: Path, *, jobs: int | None = None, cache_dir: Path | None = None
) -> tuple[int, list[Diagnostic]]:
    """Validate the named files (or the whole data dir): ``(files checked, diagnostics)``.

    Files are checked one at a time (see `lofte.bulk`), on several processes
    for large sets unless ``jobs`` says otherwise; the diagnostics come back
    sorted, so the output does not depend on how the work was split.  With
    ``cache_dir`` parses are reused from there (see `lofte.cache`).
    """
    paths = resolve_targets(args, data_dir)
    return len(paths), sorted(check_files(paths, jobs, cache_dir))


def validate_paths(paths: list[Path]) -> tuple[Workspace, list[Loaded], list[Diagnostic]]:
    """Load and validate ``paths``: the workspace, the files that loaded, every problem.

    For commands that go on from valid files (``lofte check``) without loading twice;
    it holds every file, where `validate` streams them.
    """
    workspace, loaded, diagnostics = load_many(paths)
    for one in loaded:
        diagnostics.extend(run_rules(one, workspace))
    return workspace, loaded, diagnostics
