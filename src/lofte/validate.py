"""`lofte validate`: load every file, run the rules, collect every problem."""

from __future__ import annotations

from pathlib import Path

from lofte.checks import run_rules
from lofte.errors import Diagnostic
from lofte.loader import Loaded, Workspace, load_many, resolve_targets


def validate(args: list[str], data_dir: Path) -> tuple[int, list[Diagnostic]]:
    """Validate the named files (or the whole data dir): ``(files checked, diagnostics)``."""
    paths = resolve_targets(args, data_dir)
    _, _, diagnostics = validate_paths(paths)
    return len(paths), sorted(diagnostics)


def validate_paths(paths: list[Path]) -> tuple[Workspace, list[Loaded], list[Diagnostic]]:
    """Load and validate ``paths``: the workspace, the files that loaded, every problem.

    For commands that go on from valid files (``lofte check``) without loading twice.
    """
    workspace, loaded, diagnostics = load_many(paths)
    for one in loaded:
        diagnostics.extend(run_rules(one, workspace))
    return workspace, loaded, diagnostics
