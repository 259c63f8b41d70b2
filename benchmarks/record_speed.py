"""How fast `lofte record` writes, next to a bare C parse and a ruamel round trip.

A quick measurement, not a test: ``python benchmarks/record_speed.py``.
It generates made-up promise files of about 50 KB and 1 MB in a temporary
directory (never in the repository), then times, median of several runs:

* ``record``: the whole core of `lofte record` in-process (lock, load and
  validate before, splice, verify by re-reading and validating, atomic write);
* ``splice``: only locating and inserting the lines;
* ``cyaml``: a bare ``yaml.load(text, Loader=yaml.CSafeLoader)``;
* ``ruamel``: `roundtrip_yaml()` load, append a record, dump;
* ``process``: ``python -m lofte record`` as a fresh process, start-up included.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from lofte.read.yamlio import roundtrip_yaml
from lofte.record import RecordRequest, record
from lofte.write.splice import append_record

ROOT = Path(__file__).resolve().parent.parent
HEAD = """\
# Made up for a measurement.
kind: medborgarlofte
period: "2020"
title: Påhittat löfte för mätning
municipality: strangnas
promises:
"""
ACTIVITY = """\
      # Aktivitet {g}-{a}: en kommentar som människor skriver.
      - id: aktivitet-{g}-{a}
        text: >-
          Polisen kommer genomföra minst två planlagda insatser under året med
          inriktning ungdomar och narkotika, i samverkan med kommunen.
        responsible: [polisen, kommunen]
        target: {{kind: count, at_least: 4, unit: insatser}}
        progress:
          - date: 2020-02-{day:02d}
            count: 1
            note: "Insats {a}: genomförd vid resecentrum"
          - {{date: 2020-03-{day:02d}, count: 2, places: [Strängnäs, Mariefred]}}
"""


def promise_file(target_bytes: int) -> str:
    parts, size, g = [HEAD], len(HEAD), 0
    while size < target_bytes:
        group = f"  - id: lofte-{g}\n    text: Vi lovar att arbeta med unga.\n    activities:\n"
        group += "".join(ACTIVITY.format(g=g, a=a, day=1 + a % 28) for a in range(10))
        parts.append(group)
        size += len(group.encode())
        g += 1
    return "".join(parts)


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def ruamel_round_trip(raw: bytes) -> bytes:
    rt = roundtrip_yaml()
    data = rt.load(raw)
    progress = data["promises"][-1]["activities"][-1]["progress"]
    progress.append({"date": "2020-06-01", "count": 1, "note": "Ny insats"})
    out = io.BytesIO()
    rt.dump(data, out)
    return out.getvalue()


def measure(label: str, target_bytes: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        shutil.copy(ROOT / "data" / "strangnas.yaml", data_dir)
        file = data_dir / "2020.yaml"
        file.write_text(promise_file(target_bytes), encoding="utf-8")
        raw = file.read_bytes()
        groups = raw.count(b"\n  - id: lofte-")
        last = f"aktivitet-{groups - 1}-9"
        path = ("promises", groups - 1, "activities", 9)
        entry = {"date": "2020-06-01", "count": 1, "note": "Ny insats"}
        request = RecordRequest("2020", last, date="2020-06-01", count="1", note="Ny insats")
        today = dt.date(2020, 12, 31)
        results = {
            "record": median_ms(lambda: record(request, data_dir, today=today), runs),
            "splice": median_ms(lambda: append_record(raw, path, entry), runs),
            "cyaml": median_ms(
                lambda: yaml.load(raw.decode(), Loader=yaml.CSafeLoader),  # noqa: S506
                runs,
            ),
            "ruamel": median_ms(lambda: ruamel_round_trip(raw), max(1, runs // 3)),
            "process": median_ms(
                lambda: subprocess.run(
                    [sys.executable, "-m", "lofte", "record", "2020", last, "--count", "1",
                     "--date", "2020-06-01"],
                    cwd=Path(tmp), check=True, capture_output=True,
                ),
                max(1, runs // 3),
            ),
        }  # fmt: skip
        print(f"{label} ({len(raw):,} bytes, {groups * 10} activities):")
        for name, ms in results.items():
            print(f"  {name:8} {ms:9.1f} ms")


if __name__ == "__main__":
    measure("50 KB", 50_000, runs=9)
    measure("1 MB", 1_000_000, runs=5)
