"""`lofte validate`: load every file, run the rules, collect every problem."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from lofte.errors import Diagnostic
from lofte.read.loader import display_path, resolve_targets
from lofte.rules.bulk import check_files

#: The modeline that points the YAML language server at a schema, on a file's first lines.
MODELINE = re.compile(rb"^#\s*yaml-language-server:\s*\$schema=(\S+)", re.MULTILINE)


def validate(
    args: list[str], data_dir: Path, *, jobs: int | None = None, cache_dir: Path | None = None
) -> tuple[int, list[Diagnostic]]:
    """Validate the named files (or the whole data dir): ``(files checked, diagnostics)``.

    Files are checked one at a time (see `lofte.rules.bulk`), on several processes
    for large sets unless ``jobs`` says otherwise; the diagnostics come back
    sorted, so the output does not depend on how the work was split.  With
    ``cache_dir`` parses are reused from there (see `lofte.read.cache`).  A
    schema copy that the files point editors at and that differs from the
    installed lofte's schema is a warning (`stale_schema_copies`).
    """
    paths = resolve_targets(args, data_dir)
    diagnostics = check_files(paths, jobs, cache_dir) + stale_schema_copies(paths)
    return len(paths), sorted(diagnostics)


def stale_schema_copies(paths: list[Path]) -> list[Diagnostic]:
    """A warning for each schema copy named by the files' modelines that is out of date.

    Only a copy that exists and is a local file is compared (a missing one is the
    editor's business, and a URL is never fetched).  The files' first 512 bytes
    are read again for the modeline; the schema is built only if there is a copy.
    """
    copies: dict[Path, None] = {}
    for path in paths:
        try:
            # A FIFO or device named like a promise file would block here; the
            # loader has already refused it, so only regular files are read.
            if not stat.S_ISREG(path.stat().st_mode):
                continue
            with path.open("rb") as handle:
                head = handle.read(512)
        except OSError:
            continue
        found = MODELINE.search(head)
        if found is None or b"://" in found.group(1):
            continue
        copy = (path.parent / found.group(1).decode("utf-8", "replace")).resolve()
        if copy.is_file():
            copies[copy] = None
    if not copies:
        return []
    from lofte import __version__
    from lofte.schemagen import installed_schema_text

    current = installed_schema_text().encode("utf-8")
    problems = []
    for copy in copies:
        if copy.read_bytes() != current:
            shown = display_path(copy)
            problems.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    "schema-copy",
                    f"differs from the schema of the installed lofte {__version__}; "
                    f"refresh it: lofte schema -o {shown}",
                    "warning",
                )
            )
    return problems
