"""`lofte import` of many filled sheets against as many single `lofte record` calls.

A measurement, not a test: ``python benchmarks/import_speed.py``.  In a
temporary directory (never in the repository) it makes up a municipality
with 50 units and a 2020 promise file with 20 activities that every unit is
responsible for, exports one sheet per unit with `lofte sheet` (50 sheets ×
20 rows), fills every row, and then times, each on a fresh copy of the data:

* ``import``: one ``lofte import`` process with the 50 sheets, writing the
  1000 records into the one period file (the median of ``--runs``, 3);
* ``record``: the same 1000 records as 1000 ``lofte record`` processes, one
  after another (``--record-calls N`` times only the first N and scales the
  time up to 1000, marked as such).

Both are real processes, start-up included, as a coordinator would run them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNITS = 50
ACTIVITIES = 20

TOWN = """\
# Made up for a measurement.
kind: municipality
name: Påhittad kommun
actors:
{actors}
places:
  kommundelar:
    items: [Norrby, Söderby]
"""
HEAD = """\
# Made up for a measurement.
kind: medborgarlofte
period: "2020"
title: Påhittat löfte för mätning
municipality: pahittad
promises:
  - id: unga
    text: Vi lovar att arbeta med unga.
    activities:
"""
ACTIVITY = """\
      - id: aktivitet-{a}
        text: >-
          Kommunen och polisen genomför insatser med inriktning ungdomar, del {a}.
        responsible: [{units}]
        target: {{kind: count, at_least: 40, unit: insatser}}

"""


def unit(n: int) -> str:
    return f"enhet-{n:02d}"


def make_data(root: Path) -> Path:
    data = root / "data"
    data.mkdir()
    actors = "\n".join(f"  {unit(n)}: Enhet {n}" for n in range(UNITS))
    (data / "pahittad.yaml").write_text(TOWN.format(actors=actors), encoding="utf-8")
    units = ", ".join(unit(n) for n in range(UNITS))
    body = "".join(ACTIVITY.format(a=a, units=units) for a in range(ACTIVITIES))
    (data / "2020.yaml").write_text(HEAD + body, encoding="utf-8")
    return data


def lofte(*args: str, cwd: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "lofte", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={**os.environ, "LOFTE_NO_CACHE": "1"},
    )


def rows() -> list[tuple[int, int, str, int, str]]:
    """Every (unit, activity, date, count, note) the sheets hold, in sheet order."""
    found = []
    for n in range(UNITS):
        for a in range(ACTIVITIES):
            day = f"2020-{5 + a % 4:02d}-{1 + n % 28:02d}"
            found.append((n, a, day, 1 + (n + a) % 3, f"Insats {a} av enhet {n}"))
    return found


def fill_sheets(root: Path) -> list[Path]:
    import openpyxl

    sheets = []
    filled = rows()
    for n in range(UNITS):
        path = root / f"uppfoljning-2020-T2-{unit(n)}.xlsx"
        lofte("sheet", "2020", "-t", "T2", "--responsible", unit(n), "-o", str(path), cwd=root)
        book = openpyxl.load_workbook(path)
        sheet = book["Uppföljning"]
        for _, a, day, count, note in filled[n * ACTIVITIES : (n + 1) * ACTIVITIES]:
            row = 5 + a
            assert sheet[f"B{row}"].value == f"aktivitet-{a}"
            sheet[f"I{row}"], sheet[f"K{row}"], sheet[f"N{row}"] = day, count, note
        book.save(path)
        sheets.append(path)
    return sheets


def time_import(root: Path, data: Path, sheets: list[Path], runs: int) -> float:
    """The median of ``runs`` imports, each into a fresh copy of the data."""
    times = []
    for run in range(runs):
        work = root / f"import-{run}"
        shutil.copytree(data, work / "data")
        start = time.perf_counter()
        lofte("import", *(str(s) for s in sheets), cwd=work)
        times.append(time.perf_counter() - start)
        text = (work / "data" / "2020.yaml").read_text(encoding="utf-8")
        assert text.count("sheet: ") == UNITS * ACTIVITIES, "the import did not write every record"
    return statistics.median(times)


def time_records(root: Path, data: Path, calls: int) -> float:
    work = root / "record"
    shutil.copytree(data, work / "data")
    start = time.perf_counter()
    for _, a, day, count, note in rows()[:calls]:
        args = ["--date", day, "--count", str(count), "--note", note]
        lofte("record", "2020", f"aktivitet-{a}", *args, cwd=work)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--record-calls",
        type=int,
        default=UNITS * ACTIVITIES,
        help="How many `lofte record` calls to time (scaled up to 1000).",
    )
    parser.add_argument("--runs", type=int, default=3, help="Imports to take the median of.")
    args = parser.parse_args()
    total = UNITS * ACTIVITIES
    with tempfile.TemporaryDirectory(prefix="lofte-import-bench-") as tmp:
        root = Path(tmp)
        data = make_data(root)
        sheets = fill_sheets(root)
        imported = time_import(root, data, sheets, args.runs)
        calls = min(args.record_calls, total)
        recorded = time_records(root, data, calls) * total / calls
    scaled = "" if calls == total else f" (timed {calls}, scaled to {total})"
    print(f"lofte import, {UNITS} sheets x {ACTIVITIES} rows (median): {imported:8.2f} s")
    print(f"lofte record, {total} calls{scaled}:{recorded:14.2f} s")
    print(f"import is {recorded / imported:.1f}x faster")


if __name__ == "__main__":
    main()
