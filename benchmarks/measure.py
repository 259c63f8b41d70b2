"""Timing real processes: wall clock and peak memory, several runs after a warm-up, medians."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
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


def run_once(
    argv: Sequence[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, int]:
    """Run ``argv`` to completion: (wall seconds, peak RSS in KiB of it and its children).

    The peak comes from ``wait4``: the rusage of this one child (for a child
    that forks workers, the largest of them), not a running total.
    """
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(argv), cwd=cwd, env={**os.environ, **(env or {})}, stdout=out, stderr=out
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            out.seek(0)
            tail = out.read()[-2000:].decode("utf-8", "replace")
            raise CommandFailed(f"{' '.join(argv[:4])} … exited {proc.returncode}:\n{tail}")
    return seconds, usage.ru_maxrss


def measure(
    label: str,
    argv: Sequence[str],
    *,
    runs: int,
    warmup: int = 1,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    before_each: object = None,
) -> Sample:
    """Run ``argv`` ``warmup`` times unmeasured, then ``runs`` times measured.

    ``before_each`` (a callable) runs before every run, outside the timing,
    e.g. to restore a file the command writes.
    """
    sample = Sample(label)
    try:
        for i in range(warmup + runs):
            if callable(before_each):
                before_each()
            seconds, kib = run_once(argv, cwd=cwd, env=env)
            if i >= warmup:
                sample.seconds.append(seconds)
                sample.peak_kib.append(kib)
    except CommandFailed as exc:
        sample.failed = str(exc)
    return sample


def interleaved(
    commands: list[tuple[str, Sequence[str]]],
    *,
    runs: int,
    warmup: int = 1,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> list[Sample]:
    """Measure several commands round-robin, so that a burst of load on the machine hits all.

    Ratios between commands measured this way are fairer than between
    commands measured one after the other.
    """
    samples = [Sample(label) for label, _ in commands]
    for i in range(warmup + runs):
        for sample, (_, argv) in zip(samples, commands, strict=True):
            if sample.failed:
                continue
            try:
                seconds, kib = run_once(argv, cwd=cwd, env=env)
            except CommandFailed as exc:
                sample.failed = str(exc)
                continue
            if i >= warmup:
                sample.seconds.append(seconds)
                sample.peak_kib.append(kib)
    return samples
