"""`lofte validate`: load every file, run the rules, collect every problem."""

from __future__ import annotations

from pathlib import Path

from lofte.errors import Diagnostic
from lofte.read.loader import resolve_targets
from lofte.rules.bulk import check_files


def validate(
    args: list[str], data_dir: Path, *, jobs: int | None = None, cache_dir: Path | None = None
) -> tuple[int, list[Diagnostic]]:
    """Validate the named files (or the whole data dir): ``(files checked, diagnostics)``.

    Files are checked one at a time (see `lofte.rules.bulk`), on several processes
    for large sets unless ``jobs`` says otherwise; the diagnostics come back
    sorted, so the output does not depend on how the work was split.  With
    ``cache_dir`` parses are reused from there (see `lofte.read.cache`).
    """
    paths = resolve_targets(args, data_dir)
    return len(paths), sorted(check_files(paths, jobs, cache_dir))
