"""Working through many files: one at a time, so memory stays flat, and on every core when it pays.

A national repository holds thousands of files.  `map_files` streams them
through a bounded `Workspace` (only the few files that references lead to
stay loaded) and, for large sets on a machine with several cores, splits
them into contiguous chunks, directory by directory, across forked worker
processes.  Each worker has its own workspace.  A command supplies the work
done on each file (``validate``: `validate_file`'s diagnostics; ``check``:
those, then its own rules) and gets one result per file back, in the order
of the paths, whichever way the work was split.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from lofte.errors import Diagnostic
from lofte.read.loader import Loaded, Workspace, gc_paused
from lofte.rules.core import run_rules

#: Below this many files one process is faster: starting the workers costs
#: more than they save (the crossover measured by benchmarks/run.py; see
#: docs/performance.md).
PARALLEL_FROM = 64
#: Files kept loaded while streaming: enough for one directory's references.
KEEP = 16
#: Chunks per worker: smaller chunks even out uneven files, larger ones
#: reload fewer referenced files at their edges.
CHUNKS_PER_JOB = 4

R = TypeVar("R")
#: The work on one file: its path and the worker's workspace → a result.  In
#: worker processes both the work and its results cross by pickle: a
#: module-level function or an instance of a module-level class, returning
#: plain values.
Work = Callable[[Path, Workspace], R]


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


def map_files(
    paths: list[Path], work: Work[R], jobs: int | None = None, cache_dir: Path | None = None
) -> list[R]:
    """``work`` on every path, one file at a time: one result per path, in the order of ``paths``.

    ``jobs`` as `choose_jobs` takes it.  With ``cache_dir``, parses are kept
    there and reused (see `lofte.read.cache`).
    """
    jobs = choose_jobs(len(paths), jobs)
    if jobs <= 1:
        return map_serial(paths, work, cache_dir)
    return _map_parallel(paths, work, jobs, cache_dir)


def map_serial(paths: list[Path], work: Work[R], cache_dir: Path | None = None) -> list[R]:
    """``work`` on the paths one at a time in this process, in a workspace of `KEEP` files."""
    from lofte.read.cache import ParseCache

    cache = ParseCache(cache_dir) if cache_dir is not None else None
    workspace = Workspace(limit=KEEP, cache=cache)
    try:
        with gc_paused():
            return [work(path, workspace) for path in paths]
    finally:
        if cache is not None:
            cache.close()


def validate_file(path: Path, workspace: Workspace) -> tuple[Loaded | None, list[Diagnostic]]:
    """Load ``path`` through ``workspace`` and run validate's rules: the file, every problem."""
    one, problems = workspace.load(path)
    if one is None:
        return None, problems
    return one, [*problems, *run_rules(one, workspace)]


def _validate_diagnostics(path: Path, workspace: Workspace) -> list[Diagnostic]:
    return validate_file(path, workspace)[1]


def check_files(
    paths: list[Path], jobs: int | None = None, cache_dir: Path | None = None
) -> list[Diagnostic]:
    """Validate every path (`validate_file`); the diagnostics, unsorted."""
    parts = map_files(paths, _validate_diagnostics, jobs, cache_dir)
    return [diagnostic for part in parts for diagnostic in part]


def check_serial(paths: list[Path], cache_dir: Path | None = None) -> list[Diagnostic]:
    """Validate the paths one at a time in this process; the diagnostics, unsorted."""
    parts = map_serial(paths, _validate_diagnostics, cache_dir)
    return [diagnostic for part in parts for diagnostic in part]


def _by_directory(paths: list[Path]) -> list[int]:
    """Indices of ``paths`` grouped by directory, first appearance first, stable within one."""
    by_dir: dict[Path, list[int]] = {}
    for i, path in enumerate(paths):
        by_dir.setdefault(path.parent, []).append(i)
    return [i for group in by_dir.values() for i in group]


def _slices(count_items: int, count: int) -> list[slice]:
    count = max(1, min(count, count_items))
    size, extra = divmod(count_items, count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(slice(start, end))
        start = end
    return out


def chunks(paths: list[Path], count: int) -> list[list[Path]]:
    """``paths`` grouped by directory (first appearance first), cut into ``count`` even slices."""
    ordered = [paths[i] for i in _by_directory(paths)]
    return [ordered[part] for part in _slices(len(ordered), count)]


def _map_parallel(paths: list[Path], work: Work[R], jobs: int, cache_dir: Path | None) -> list[R]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    from lofte.read import fastread  # noqa: F401  (imported once, before the fork)
    from lofte.read.loader import _adapter

    # Build the validator here, once: forked workers inherit it instead of
    # each importing the models and building it again.
    _adapter()
    if cache_dir is not None:
        from lofte.read.cache import ParseCache

        ParseCache(cache_dir).create()  # see ParseCache.create: no creation race
    order = _by_directory(paths)
    ordered = [paths[i] for i in order]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        task = partial(map_serial, work=work, cache_dir=cache_dir)
        slices = _slices(len(ordered), jobs * CHUNKS_PER_JOB)
        parts = pool.map(task, [ordered[part] for part in slices])
        done = [result for part in parts for result in part]
    # Back into the order of ``paths``: the caller sees no trace of the split.
    by_index = dict(zip(order, done, strict=True))
    return [by_index[i] for i in range(len(paths))]
