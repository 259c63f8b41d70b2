"""Checking many files: one at a time, so memory stays flat, and on every core when that pays.

A national repository holds thousands of files.  `check_files` streams them
through a bounded `Workspace` (only the few files that references lead to
stay loaded) and, for large sets on a machine with several cores, splits
them into contiguous chunks, directory by directory, across forked worker
processes.  Each worker has its own workspace; the caller sorts the
diagnostics, so the output is the same, in the same order, either way.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from lofte.checks import run_rules
from lofte.errors import Diagnostic
from lofte.loader import Workspace, gc_paused

#: Below this many files one process is faster: starting the workers costs
#: more than they save (the crossover measured by benchmarks/run.py; see
#: docs/performance.md).
PARALLEL_FROM = 64
#: Files kept loaded while streaming: enough for one directory's references.
KEEP = 16
#: Chunks per worker: smaller chunks even out uneven files, larger ones
#: reload fewer referenced files at their edges.
CHUNKS_PER_JOB = 4


def available_cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - not Linux


def choose_jobs(files: int, requested: int | None) -> int:
    """How many processes to use: ``requested`` if given (>0), else all cores for large sets."""
    if requested is not None and requested > 0:
        return max(1, min(requested, files))
    if files < PARALLEL_FROM or sys.platform != "linux":
        # Workers are forked, which is cheap and safe on Linux only; elsewhere
        # they would start afresh and import everything again.
        return 1
    return max(1, min(available_cores(), files))


def check_files(
    paths: list[Path], jobs: int | None = None, cache_dir: Path | None = None
) -> list[Diagnostic]:
    """Load and check every path; the diagnostics, unsorted.

    With ``cache_dir``, parses are kept there and reused (see `lofte.cache`).
    """
    jobs = choose_jobs(len(paths), jobs)
    if jobs <= 1:
        return check_serial(paths, cache_dir)
    return _check_parallel(paths, jobs, cache_dir)


def check_serial(paths: list[Path], cache_dir: Path | None = None) -> list[Diagnostic]:
    """Load and check the paths one at a time in this process."""
    from lofte.cache import ParseCache

    cache = ParseCache(cache_dir) if cache_dir is not None else None
    workspace = Workspace(limit=KEEP, cache=cache)
    diagnostics: list[Diagnostic] = []
    try:
        with gc_paused():
            for path in paths:
                one, problems = workspace.load(path)
                diagnostics.extend(problems)
                if one is not None:
                    diagnostics.extend(run_rules(one, workspace))
    finally:
        if cache is not None:
            cache.close()
    return diagnostics


def chunks(paths: list[Path], count: int) -> list[list[Path]]:
    """``paths`` grouped by directory (first appearance first), cut into ``count`` even slices."""
    by_dir: dict[Path, list[Path]] = {}
    for path in paths:
        by_dir.setdefault(path.parent, []).append(path)
    ordered = [path for group in by_dir.values() for path in group]
    count = max(1, min(count, len(ordered)))
    size, extra = divmod(len(ordered), count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(ordered[start:end])
        start = end
    return out


def _check_parallel(paths: list[Path], jobs: int, cache_dir: Path | None) -> list[Diagnostic]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    from lofte import fastread  # noqa: F401  (imported once, before the fork)
    from lofte.loader import _adapter

    # Build the validator here, once: forked workers inherit it instead of
    # each importing the models and building it again.
    _adapter()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        work = partial(check_serial, cache_dir=cache_dir)
        parts = pool.map(work, chunks(paths, jobs * CHUNKS_PER_JOB))
        return [diagnostic for part in parts for diagnostic in part]
