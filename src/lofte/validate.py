"""`lofte validate`: load every file, run the rules, collect every problem."""

from __future__ import annotations

from pathlib import Path

from lofte.checks import run_rules
from lofte.errors import Diagnostic
from lofte.loader import load_many, resolve_targets


def validate(args: list[str], data_dir: Path) -> tuple[int, list[Diagnostic]]:
    """Validate the named files (or the whole data dir): ``(files checked, diagnostics)``."""
    paths = resolve_targets(args, data_dir)
    workspace, loaded, diagnostics = load_many(paths)
    for one in loaded:
        diagnostics.extend(run_rules(one, workspace))
    return len(paths), sorted(diagnostics)
