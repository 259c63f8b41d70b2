"""One run, every measurement side by side with its ratio: lofte against its references.

    pip install -e '.[bench]'        # lofte plus check-jsonschema, the peer
    python benchmarks/run.py         # the national-shaped corpus, about ten minutes
    python benchmarks/run.py --quick # a small corpus and one run each: a smoke test

It measures validate, check, status, report, record, site and import, each
next to its reference (a CSafeLoader load, the Typer hello-world,
check-jsonschema, single `lofte record` calls), and ends with one table of
every issue's targets, met or not.  A command that does not exist yet
(`site`, `import`) is reported as not available.

Every measurement is a real process, timed by wall clock, with its peak
resident memory from ``wait4``.  Commands that are compared are run
round-robin, after a warm-up round, several times; the tables give medians.
The machine is shared and noisy: the ratios, measured in the same rounds,
are what count.  The report is Markdown, for docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import corpus
import site_bench
from measure import Command, Sample, interleaved, succeeds

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
PY = sys.executable
LOFTE = [str(BIN / "lofte")] if (BIN / "lofte").is_file() else [PY, "-m", "lofte"]
#: `lofte check` judges freshness on this day: after every period of the corpus, so
#: every term is due, and the same work on every run whatever the date.
CHECK_AS_OF = "2024-06-01"


@dataclass
class Target:
    """A target of the issue: a ratio, the bound, and which way it must go."""

    what: str
    ratio: float
    bound: float
    at_most: bool = True

    @property
    def met(self) -> str:
        """yes / no / n/a."""
        if self.ratio != self.ratio:  # NaN: not measured
            return "n/a"
        return (
            "yes"
            if (self.ratio <= self.bound if self.at_most else self.ratio >= self.bound)
            else "no"
        )


class Report:
    """Markdown, printed as it is made and kept for --out."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        """Print and keep."""
        for line in lines:
            print(line, flush=True)
            self.lines.append(line)

    def table(self, samples: list[Sample], reference: Sample | None, note: str = "") -> None:
        """Median, spread and peak memory of each sample, with its ratio to ``reference``."""
        self.add(
            "| what | median s | min–max s | peak RSS MiB | ratio |",
            "|---|---:|---:|---:|---:|",
        )
        for s in samples:
            if s.failed:
                first = s.failed.splitlines()[0]
                self.add(f"| {s.label} | failed: {first} | | | |")
                continue
            ratio = _fmt(s.median / reference.median) + "×" if reference else ""
            spread = f"{min(s.seconds):.3f}–{max(s.seconds):.3f}"
            self.add(f"| {s.label} | {s.median:.3f} | {spread} | {s.peak_mib:.0f} | {ratio} |")
        if note:
            self.add("", note)


def _fmt(x: float) -> str:
    return "n/a" if x != x else f"{x:.2f}"


def ratio(a: Sample | None, b: Sample | None) -> float:
    """median(a) / median(b), NaN if either is missing or failed."""
    if a is None or b is None or a.failed or b.failed or not a.seconds or not b.seconds:
        return float("nan")
    return a.median / b.median


def progress(message: str) -> None:
    """A line on stderr, so the report on stdout stays clean."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def header(report: Report, args: argparse.Namespace, files: list[Path]) -> None:
    """What was measured, on what."""
    import pydantic
    import yaml

    from lofte import __version__

    sizes = sorted(p.stat().st_size for p in files if p.stem[:2] == "20")
    total = sum(p.stat().st_size for p in files)
    report.add(
        f"Run on {time.strftime('%Y-%m-%d %H:%M')}: {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start; "
        f"Python {platform.python_version()}, lofte {__version__}, PyYAML {yaml.__version__} "
        f"(libyaml {yaml._yaml.get_version_string()}), pydantic {pydantic.VERSION}.",
        "",
        f"Corpus: `benchmarks/corpus.py --municipalities {args.municipalities}`: "
        f"{len(files)} files, {total / 1e6:.1f} MB; promise files "
        f"{sizes[0] / 1e3:.0f}–{sizes[-1] / 1e3:.0f} KB (median "
        f"{statistics.median(sizes) / 1e3:.0f} KB).  {args.runs} measured runs after one "
        f"warm-up, round-robin, unless a table says otherwise.",
    )


def bulk(
    report: Report, args: argparse.Namespace, files: list[Path], tmp: Path
) -> dict[str, Sample]:
    """Validating and checking the whole corpus: lofte's variants against the references."""
    names = [str(p) for p in files]
    cache, check_cache = tmp / "cache", tmp / "check-cache"
    lofte = [*LOFTE, "validate", "--cache-dir", str(cache)]
    check = [*LOFTE, "check", "--as-of", CHECK_AS_OF, "--cache-dir", str(check_cache)]
    commands: list[Command] = [
        ("CSafeLoader load (reference)", [PY, str(HERE / "csafe_load.py"), *names]),
        ("libyaml events only (the floor)", [PY, str(HERE / "csafe_load.py"), "--events", *names]),
        ("lofte validate (cold cache)", [*lofte, *names]),
        ("lofte validate (warm cache)", [*lofte, *names]),
        ("lofte validate --no-cache", [*lofte, "--no-cache", *names]),
        ("lofte validate --no-cache -j 1", [*lofte, "--no-cache", "-j", "1", *names]),
        ("lofte check (cold cache)", [*check, *names]),
        ("lofte check (warm cache)", [*check, *names]),
        ("lofte check --no-cache", [*check, "--no-cache", *names]),
        ("lofte check --no-cache -j 1", [*check, "--no-cache", "-j", "1", *names]),
    ]
    if args.baseline:
        # The same commands from another source tree, in the same rounds: before and after.
        before = ["env", f"PYTHONPATH={args.baseline.resolve() / 'src'}", PY, "-m", "lofte"]
        commands += [
            ("before: lofte validate --no-cache", [*before, "validate", "--no-cache", *names]),
            ("before: lofte check", [*before, "check", "--as-of", CHECK_AS_OF, *names]),
        ]
    progress(f"bulk validation: {len(commands)} commands × {args.runs + 1}")
    wipe = {
        "lofte validate (cold cache)": lambda: shutil.rmtree(cache, ignore_errors=True),
        "lofte check (cold cache)": lambda: shutil.rmtree(check_cache, ignore_errors=True),
    }
    # check exits 1 for the problems it finds in the corpus (see CHECK_AS_OF).
    ok = {label: (0, 1) for label, _ in commands if "lofte check" in label}
    samples = interleaved(commands, runs=args.runs, before=wipe, ok=ok)
    by = {s.label: s for s in samples}
    checker = BIN / "check-jsonschema"
    if checker.is_file() and not args.skip_peer:
        progress(f"check-jsonschema: {args.slow_runs} run(s)")
        schema = str(ROOT / "schema" / "lofte.schema.json")
        peer = interleaved(
            [("check-jsonschema (lofte's schema)", [str(checker), "--schemafile", schema, *names])],
            runs=args.slow_runs,
            warmup=0,
        )[0]
        samples.append(peer)
        by["peer"] = peer
    report.add("", "## Validating and checking the corpus", "")
    report.table(
        samples,
        by["CSafeLoader load (reference)"],
        "Ratios are to the CSafeLoader load.  Cold cache: the cache directory is emptied "
        "before each run (a fresh CI checkout); warm: it holds the previous run's parses.  "
        f"`lofte check --as-of {CHECK_AS_OF}` (the corpus's made-up texts and records give "
        "it problems to report, and it exits 1).  "
        f"check-jsonschema ran {args.slow_runs} time(s), without warm-up"
        + (" (not installed: `pip install -e '.[bench]'`)" if not checker.is_file() else "")
        + ".",
    )
    if args.baseline:
        pairs = [
            ("lofte check --no-cache -j 1", "before: lofte check"),
            ("lofte check (cold cache)", "before: lofte check"),
            ("lofte check (warm cache)", "before: lofte check"),
            ("lofte validate --no-cache", "before: lofte validate --no-cache"),
        ]
        report.add(
            "",
            f"Before: `{args.baseline}`'s source.  "
            + "; ".join(f"{a} / {b}: {_fmt(ratio(by[a], by[b]))}×" for a, b in pairs)
            + ".",
        )
    return by


def memory(report: Report, args: argparse.Namespace, tmp: Path) -> float:
    """Peak memory of one validating process as the corpus grows; the ratio largest / smallest."""
    rows = []
    for scale in (0.25, 0.5, 1.0, 2.0) if not args.quick else (0.5, 1.0, 2.0):
        count = max(1, round(args.municipalities * scale))
        progress(f"memory: {count} municipalities")
        folder = tmp / f"scale-{count}"
        names = [str(p) for p in corpus.write_corpus(folder, count)]
        lofte = [*LOFTE, "validate", "--no-cache", "-j", "1", *names]
        reference = [PY, str(HERE / "csafe_load.py"), *names]
        got = interleaved([("lofte", lofte), ("csafe", reference)], runs=1, warmup=0)
        rows.append((count, len(names), got[0], got[1]))
        shutil.rmtree(folder)
    report.add("", "## Peak memory as the file count grows", "")
    report.add(
        "| municipalities | files | lofte validate -j 1: s | peak RSS MiB "
        "| CSafeLoader: peak RSS MiB |",
        "|---:|---:|---:|---:|---:|",
    )
    for count, files, lofte_sample, csafe in rows:
        report.add(
            f"| {count} | {files} | {lofte_sample.median:.2f} | {lofte_sample.peak_mib:.0f} | "
            f"{csafe.peak_mib:.0f} |"
        )
    first, last = rows[0][2].peak_mib, rows[-1][2].peak_mib
    report.add(
        "",
        f"One run each.  Peak RSS at {rows[-1][1]} files / at {rows[0][1]} files: "
        f"{last / first:.2f}×.",
    )
    return last / first


def crossover(report: Report, args: argparse.Namespace, files: list[Path]) -> None:
    """One process against two, on growing slices of the corpus: where forking starts to pay."""
    report.add("", "## One process or two: the crossover", "")
    report.add("| files | -j 1: s | -j 2: s | -j 1 / -j 2 |", "|---:|---:|---:|---:|")
    for count in (8, 16, 32, 48, 64, 96, 128, 256, 512):
        if count > len(files):
            break
        progress(f"crossover: {count} files")
        names = [str(p) for p in files[:count]]
        base = [*LOFTE, "validate", "--no-cache"]
        one, two = interleaved(
            [("1", [*base, "-j", "1", *names]), ("2", [*base, "-j", "2", *names])], runs=args.runs
        )
        report.add(f"| {count} | {one.median:.3f} | {two.median:.3f} | {_fmt(ratio(one, two))} |")
    from lofte.rules.bulk import PARALLEL_FROM

    report.add(
        "",
        f"`lofte validate` forks from {PARALLEL_FROM} files on (`lofte.rules.bulk.PARALLEL_FROM`).",
    )


def startup(report: Report, args: argparse.Namespace, tmp: Path) -> dict[str, Sample]:
    """Cold starts of tiny commands against Python and a bare Typer program."""
    cache = tmp / "startup-cache"
    cached = ["--cache-dir", str(cache)]
    commands: list[Command] = [
        ("python -c pass", [PY, "-c", "pass"]),
        ("bare Typer hello-world", [PY, str(HERE / "hello_typer.py")]),
        ("lofte --help", [*LOFTE, "--help"]),
        ("lofte validate 2020 (data/)", [*LOFTE, "validate", "--no-cache", "2020"]),
    ]
    has_status = succeeds([*LOFTE, "status", "--help"], cwd=ROOT)
    has_cache = has_status and succeeds([*LOFTE, "status", "--no-cache", "2020"], cwd=ROOT)
    if has_status and not has_cache:  # a build from before status kept a cache
        cached = []
    if has_status:
        commands.append(("lofte status 2020 (data/)", [*LOFTE, "status", *cached, "2020"]))
        commands.append(
            (
                "lofte status 2020 -f json (data/)",
                [*LOFTE, "status", *cached, "2020", "-f", "json"],
            )
        )
    if has_cache:
        commands.append(
            ("lofte status 2020 --no-cache (data/)", [*LOFTE, "status", "--no-cache", "2020"])
        )
        commands.append(
            ("lofte status 2020, cold cache (data/)", [*LOFTE, "status", *cached, "2020"])
        )
    if succeeds([*LOFTE, "report", "--help"], cwd=ROOT):
        commands.append(("lofte report 2020 (data/)", [*LOFTE, "report", "2020"]))
    progress(f"start-up: {len(commands)} commands × {args.startup_runs + 2}")
    # The cold-cache row empties the cache before it runs, and the rows after
    # it in the round fill it again: the plain rows measure a warm cache.
    empty = {"lofte status 2020, cold cache (data/)": lambda: shutil.rmtree(cache, True)}
    samples = interleaved(
        commands,
        runs=args.startup_runs,
        warmup=2,
        cwd=ROOT,
        env={"NO_COLOR": "1", "COLUMNS": "80"},
        before=empty,
    )
    report.add("", "## Start-up", "")
    report.table(
        samples,
        samples[1],
        f"Ratios are to the Typer hello-world.  {args.startup_runs} runs after two warm-ups.  "
        "Standard output is a file, as in a pipe or CI."
        + (
            "  `lofte status` keeps validated documents in its cache (`--cache-dir`, in a "
            "temporary folder here): its plain rows find them there, as every run after the "
            "first does; `--no-cache` neither reads nor writes it, and the cold-cache row "
            "empties it first (a fresh checkout's first run)."
            if has_cache
            else ""
        )
        + ("" if has_status else "  `lofte status`: not available yet (no such command)."),
    )
    return {s.label: s for s in samples}


def record(report: Report, args: argparse.Namespace, tmp: Path) -> dict[str, Sample]:
    """`lofte record` on a 1 MB file against a CSafeLoader load and a ruamel round trip."""
    report.add("", "## Recording into a 1 MB file", "")
    folder = tmp / "record"
    path = corpus.write_record_file(folder)
    pristine = path.read_bytes()
    if not succeeds([*LOFTE, "record", "--help"], cwd=ROOT):
        report.add("`lofte record`: not available yet (no such command).")
        return {}

    def restore() -> None:
        path.write_bytes(pristine)

    progress("record: 1 MB")
    argv = [*LOFTE, "record", "2020", "aktivitet-1", "--count", "1", "--date", "2020-06-01"]
    argv += ["--data-dir", str(folder)]
    cache = tmp / "record-cache"
    cached = succeeds([*LOFTE, "record", "--no-cache", "--help"], cwd=ROOT)
    rows: list[Command] = [
        ("CSafeLoader load (reference)", [PY, str(HERE / "csafe_load.py"), str(path)]),
        ("lofte record", [*argv, "--cache-dir", str(cache)] if cached else argv),
    ]
    hooks = {"lofte record": restore}
    if cached:
        rows.append(("lofte record --no-cache", [*argv, "--no-cache"]))
        rows.append(("lofte record, cold cache", [*argv, "--cache-dir", str(cache)]))
        hooks["lofte record --no-cache"] = restore

        def empty() -> None:
            restore()
            shutil.rmtree(cache, ignore_errors=True)

        hooks["lofte record, cold cache"] = empty
    fast = interleaved(rows, runs=args.runs, before=hooks)
    slow = interleaved(
        [("ruamel round trip (load, append, dump)", [PY, str(HERE / "roundtrip.py"), str(path)])],
        runs=args.slow_runs,
        warmup=0,
    )
    restore()
    report.table(
        [*fast, *slow],
        fast[0],
        f"{path.stat().st_size:,} bytes.  The file is restored before each run of `lofte record`; "
        f"the round trip ran {args.slow_runs} time(s)."
        + (
            "  `lofte record` finds the file as it is in its cache of validated documents "
            "(`--cache-dir`), as each record of a run finds the file the one before it wrote; "
            "the cold-cache row empties the cache first, `--no-cache` uses none."
            if cached
            else ""
        ),
    )
    return {s.label: s for s in [*fast, *slow]}


def per_activity(sample: Sample | None, activities: int) -> str:
    """Milliseconds per activity of a sample's median, for the tables."""
    if sample is None or sample.failed or not sample.seconds:
        return ""
    return f"{1000 * sample.median / activities:.3f}"


def large(report: Report, args: argparse.Namespace, tmp: Path) -> dict[str, float]:
    """status (table, JSON), report and record on a file of 12,500 activities, and a quarter of it.

    Returns the growth of the time per activity from the quarter to the whole
    file (1.0: linear), per command, and record / CSafeLoader on the whole.
    """
    sizes = (3_125, 12_500) if not args.quick else (1_000, 4_000)
    report.add("", f"## A large file: {sizes[-1]:,} activities", "")
    found: dict[str, float] = {}
    per: dict[tuple[str, int], float] = {}
    rows: list[tuple[int, Sample]] = []
    for count in sizes:
        folder = tmp / f"large-{count}"
        path = corpus.write_large_file(folder, count)
        pristine = path.read_bytes()
        last = f"aktivitet-{count - 1}"  # the file's last activity with a record: worst case
        data = ["--data-dir", str(folder)]
        as_of = ["--as-of", "2020-12-31"]
        commands: list[Command] = [
            ("CSafeLoader load (reference)", [PY, str(HERE / "csafe_load.py"), str(path)]),
            ("lofte status (table)", [*LOFTE, "status", "2020", *as_of, *data]),
            ("lofte status -f json", [*LOFTE, "status", "2020", "-f", "json", *as_of, *data]),
            ("lofte report", [*LOFTE, "report", "2020", *as_of, *data]),
            (
                "lofte record (last activity)",
                [*LOFTE, "record", "2020", last, "--count", "1", "--date", "2020-06-01", *data],
            ),
        ]

        def restore(path: Path = path, pristine: bytes = pristine) -> None:
            path.write_bytes(pristine)

        progress(f"large file: {count} activities, {len(commands)} commands × {args.runs + 1}")
        samples = interleaved(
            commands,
            runs=args.runs,
            env={"NO_COLOR": "1", "COLUMNS": "80"},
            before={"lofte record (last activity)": restore},
        )
        restore()
        for sample in samples:
            rows.append((count, sample))
            if sample.seconds and not sample.failed:
                per[(sample.label, count)] = sample.median / count
        by = {s.label: s for s in samples}
        if count == sizes[-1]:
            found["record/csafe"] = ratio(
                by["lofte record (last activity)"], by["CSafeLoader load (reference)"]
            )
            size = path.stat().st_size
        shutil.rmtree(folder)
    report.add(
        "| activities | what | median s | min–max s | ms per activity | peak RSS MiB |",
        "|---:|---|---:|---:|---:|---:|",
    )
    for count, s in rows:
        if s.failed:
            self_fail = s.failed.splitlines()[0]
            report.add(f"| {count:,} | {s.label} | failed: {self_fail} | | | |")
            continue
        spread = f"{min(s.seconds):.3f}–{max(s.seconds):.3f}"
        report.add(
            f"| {count:,} | {s.label} | {s.median:.3f} | {spread} | {per_activity(s, count)} "
            f"| {s.peak_mib:.0f} |"
        )
    growth = []
    for label in ("lofte status (table)", "lofte status -f json", "lofte report"):
        small, big = per.get((label, sizes[0])), per.get((label, sizes[-1]))
        value = big / small if small and big else float("nan")
        found[label] = value
        growth.append(f"{label} {_fmt(value)}×")
    report.add(
        "",
        f"`benchmarks/corpus.py --large-file`: {sizes[-1]:,} short activities in "
        f"{size:,} bytes (under the reader's 2 MiB cap), a record on every other one; "
        f"the quarter-size file is the same shape.  Time per activity, "
        f"{sizes[-1]:,} against {sizes[0]:,} (1.00× is linear): " + ", ".join(growth) + ".  "
        "`record` writes into the file's last activity with a record, the farthest the "
        "splicer has to read; the file is restored before each run.",
    )
    return found


def import_(report: Report, args: argparse.Namespace, tmp: Path) -> dict[str, float]:
    """`lofte import` of 50 sheets × 20 rows against single `lofte record` calls (issue 15)."""
    report.add("", "## `lofte import` against single records", "")
    nan = float("nan")
    needed = all(succeeds([*LOFTE, c, "--help"], cwd=ROOT) for c in ("sheet", "import"))
    try:
        import import_speed  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        needed = False
    import importlib.util

    needed = needed and importlib.util.find_spec("openpyxl") is not None  # the sheets
    if not needed:
        report.add("`lofte import`: not available (no such command in this build).")
        return {"record/import": nan}
    root = tmp / "import"
    root.mkdir()
    progress("import: 50 sheets, and single records")
    data = import_speed.make_data(root)
    sheets = import_speed.fill_sheets(root)
    runs = max(1, args.slow_runs)
    imported = import_speed.time_import(root, data, sheets, runs)
    total = import_speed.UNITS * import_speed.ACTIVITIES
    calls = min(total, 40 if not args.quick else 10)
    recorded = import_speed.time_records(root, data, calls) * total / calls
    report.add(
        "| what | s | ratio |",
        "|---|---:|---:|",
        f"| lofte import, {len(sheets)} sheets × {import_speed.ACTIVITIES} rows | "
        f"{imported:.2f} | 1.00× |",
        f"| {total} single `lofte record` calls (timed {calls}, scaled) | {recorded:.2f} | "
        f"{_fmt(recorded / imported)}× |",
        "",
        f"`benchmarks/import_speed.py`'s data and sheets; the import is the median of {runs} "
        "run(s), each into a fresh copy of the data.",
    )
    return {"record/import": recorded / imported}


def targets(report: Report, found: list[Target]) -> None:
    """The issue's targets, with this run's ratios."""
    report.add("", "## Targets", "", "| target | this run | bound | met |", "|---|---:|---:|---|")
    for t in found:
        sign = "≤" if t.at_most else "≥"
        shown = _fmt(t.ratio) + ("×" if t.ratio == t.ratio else "")
        report.add(f"| {t.what} | {shown} | {sign} {t.bound}× | {t.met} |")


def main(argv: list[str] | None = None) -> int:
    """Run everything and print the report."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--municipalities", type=int, default=290)
    parser.add_argument("--runs", type=int, default=5, help="measured runs (default 5)")
    parser.add_argument("--slow-runs", type=int, default=1, help="for check-jsonschema and ruamel")
    parser.add_argument("--startup-runs", type=int, default=15)
    parser.add_argument("--skip-peer", action="store_true", help="leave out check-jsonschema")
    parser.add_argument("--quick", action="store_true", help="20 municipalities, one run each")
    parser.add_argument("--out", type=Path, help="also write the report here")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="DIR",
        help="also measure validate and check from the lofte source tree DIR (DIR/src), "
        "in the same rounds, e.g. `git archive main src | tar -x -C DIR`",
    )
    parser.add_argument(
        "--only",
        default="bulk,memory,crossover,startup,record,large,site,import",
        help="comma-separated sections to run (default: all)",
    )
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    if args.quick:
        args.municipalities, args.runs, args.startup_runs = 20, 1, 3
    report = Report()
    with tempfile.TemporaryDirectory(prefix="lofte-bench-") as name:
        tmp = Path(name)
        # Measure lofte as installed, byte-compiled: an editable install under
        # PYTHONDONTWRITEBYTECODE would compile every lofte module on every
        # start.  The bytecode goes to a temporary tree, never into the repo.
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        progress(f"corpus: {args.municipalities} municipalities")
        files = corpus.write_corpus(tmp / "corpus", args.municipalities)
        header(report, args, files)
        found = bulk(report, args, files, tmp) if "bulk" in only else {}
        rss = memory(report, args, tmp) if "memory" in only else float("nan")
        if "crossover" in only:
            crossover(report, args, files)
        starts = startup(report, args, tmp) if "startup" in only else {}
        writes = record(report, args, tmp) if "record" in only else {}
        big = large(report, args, tmp) if "large" in only else {}
        imports = import_(report, args, tmp) if "import" in only else {}
        nan = float("nan")
        sites = (
            site_bench.measure(report, args, tmp / "corpus", tmp)
            if "site" in only
            else {"site/validate": nan, "rss": nan}
        )
    hello = starts.get("bare Typer hello-world")
    checks: list[Target] = [
        Target(
            "`lofte validate` / CSafeLoader load",
            ratio(
                found.get("lofte validate (cold cache)"), found.get("CSafeLoader load (reference)")
            ),
            1.0,
        ),
        Target(
            "check-jsonschema / `lofte validate`",
            ratio(found.get("peer"), found.get("lofte validate (cold cache)")),
            4.0,
            at_most=False,
        ),
        Target(
            "`lofte status 2020` cold process, warm cache / Typer hello-world",
            ratio(starts.get("lofte status 2020 (data/)"), hello),
            1.2,
        ),
        Target("`lofte --help` / Typer hello-world", ratio(starts.get("lofte --help"), hello), 1.2),
        Target(
            "`lofte record` 1 MB / CSafeLoader load of it",
            ratio(writes.get("lofte record"), writes.get("CSafeLoader load (reference)")),
            1.0,
        ),
        Target(
            "`lofte record`, last activity of the large file / CSafeLoader load of it",
            big.get("record/csafe", nan),
            1.0,
        ),
        Target(
            "`lofte status` table: time per activity, large file / a quarter of it",
            big.get("lofte status (table)", nan),
            1.5,
        ),
        Target(
            "`lofte status -f json`: time per activity, large file / a quarter of it",
            big.get("lofte status -f json", nan),
            1.5,
        ),
        Target(
            "`lofte report`: time per activity, large file / a quarter of it",
            big.get("lofte report", nan),
            1.5,
        ),
        Target("peak RSS, largest corpus / smallest", rss, 1.25),
        Target("`lofte site` / `lofte validate`, the tree (issue 13)", sites["site/validate"], 3.0),
        Target("`lofte site` peak RSS, largest / smallest", sites["rss"], 1.25),
        Target(
            "1000 single `lofte record` / one `lofte import` (issue 15)",
            imports.get("record/import", nan),
            20.0,
            at_most=False,
        ),
    ]
    targets(report, checks)
    report.add("", f"Load average at the end: {os.getloadavg()[0]:.1f}.")
    if args.out:
        args.out.write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
