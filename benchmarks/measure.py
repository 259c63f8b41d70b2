"""Timing real processes: wall clock and peak memory, several runs after a warm-up, medians."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Sample:
    """One command measured: wall-clock seconds and peak RSS (KiB) of each run."""

    label: str
    seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)
    failed: str | None = None

    @property
    def median(self) -> float:
        """Median wall-clock seconds (NaN when the command failed)."""
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def peak_mib(self) -> float:
        """The largest peak RSS of the runs, in MiB."""
        return max(self.peak_kib, default=0) / 1024


class CommandFailed(Exception):
    """A measured command exited with an unexpected code."""


#: GNU time reports the peak RSS of the command alone.  ``wait4`` on our own
#: child would also count this (large) Python process, which the child is a
#: copy of between fork and exec; Linux keeps that high-water mark across exec.
GNU_TIME = "/usr/bin/time"


def _has_gnu_time() -> bool:
    try:
        proc = subprocess.run([GNU_TIME, "--version"], capture_output=True, check=False)
    except OSError:
        return False
    return b"GNU" in proc.stdout + proc.stderr


HAS_GNU_TIME = _has_gnu_time()


def run_once(
    argv: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    ok: Sequence[int] = (0,),
) -> tuple[float, int]:
    """Run ``argv`` to completion: (wall seconds, peak RSS in KiB).

    The peak is the command's own (for a command that forks workers, the
    largest of them), through GNU time where there is one, else ``wait4``.
    An exit code other than 0 counts as success only when it is in ``ok`` and
    the command wrote nothing to stderr (``lofte check`` exits 1 for the
    problems it reports on stdout; a crash writes a traceback to stderr).
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r") as peak,
    ):
        command = list(argv)
        if HAS_GNU_TIME:
            command = [GNU_TIME, "-f", "%M", "-o", peak.name, *command]
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=out, stderr=err
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        errors = err.read()
        if proc.returncode != 0 and (proc.returncode not in ok or errors):
            out.seek(0)
            tail = (out.read() + errors)[-2000:].decode("utf-8", "replace")
            raise CommandFailed(f"{' '.join(argv[:4])} … exited {proc.returncode}:\n{tail}")
        kib = int(peak.read().split()[-1]) if HAS_GNU_TIME else usage.ru_maxrss
    return seconds, kib


Command = tuple[str, Sequence[str]]


def interleaved(
    commands: list[Command],
    *,
    runs: int,
    warmup: int = 1,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    before: dict[str, Callable[[], None]] | None = None,
    ok: Mapping[str, Sequence[int]] | None = None,
) -> list[Sample]:
    """Measure several commands round-robin, ``warmup`` unmeasured rounds first.

    Round-robin, a burst of load on the machine hits every command alike, so
    ratios between them are fairer than between commands measured one after
    the other.  ``before[label]`` runs before each run of that command,
    outside the timing (to restore a file it writes, or empty a cache);
    ``ok[label]`` are its exit codes that count as success (see `run_once`).
    """
    samples = [Sample(label) for label, _ in commands]
    hooks = before or {}
    codes = ok or {}
    for i in range(warmup + runs):
        for sample, (label, argv) in zip(samples, commands, strict=True):
            if sample.failed:
                continue
            if label in hooks:
                hooks[label]()
            try:
                seconds, kib = run_once(argv, cwd=cwd, env=env, ok=codes.get(label, (0,)))
            except CommandFailed as exc:
                sample.failed = str(exc)
                continue
            if i >= warmup:
                sample.seconds.append(seconds)
                sample.peak_kib.append(kib)
    return samples


def succeeds(argv: Sequence[str], *, cwd: Path | None = None) -> bool:
    """Whether ``argv`` runs and exits 0 (e.g. ``lofte status --help``: does the command exist?)."""
    try:
        run_once(argv, cwd=cwd)
    except (CommandFailed, OSError):
        return False
    return True
