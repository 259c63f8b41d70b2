"""`lofte site` on the national-shaped corpus, next to `lofte validate` on the same tree.

The corpus (benchmarks/corpus.py) is already the tree layout `lofte site`
walks: one folder per municipality with its municipality file, agreement and
promises.  Both commands get the folder as ``--data-dir``, so both walk it
themselves; both without the parse cache, with every core (the default).
Then the peak memory of `lofte site -j 1` as the number of municipalities
grows: it builds one municipality at a time, so it should stay flat.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import corpus
from measure import Sample, interleaved

PY = sys.executable
BIN = Path(PY).parent
LOFTE = [str(BIN / "lofte")] if (BIN / "lofte").is_file() else [PY, "-m", "lofte"]
#: The site's date: after every period of the corpus, so every term has its page.
AS_OF = "2024-06-01"


def measure(report: object, args: argparse.Namespace, tree: Path, tmp: Path) -> dict[str, float]:
    """Time both on ``tree``; then site's peak memory at growing sizes.  Ratios back."""
    out = tmp / "site"
    validate = [*LOFTE, "validate", "--no-cache", "--data-dir", str(tree)]
    site = [*LOFTE, "site", "--as-of", AS_OF, "--data-dir", str(tree), "-o", str(out)]
    runs = max(1, args.slow_runs)
    cold = "lofte site (the tree)"
    samples = interleaved(
        [("lofte validate (the tree)", validate), (cold, site)],
        runs=runs,
        warmup=0,
        # Cold: no earlier site to reuse a municipality from.
        before={cold: lambda: shutil.rmtree(out, ignore_errors=True)},
    )
    by = {s.label: s for s in samples}
    files = sum(1 for p in out.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    # The floor: creating the same files again, no rendering (benchmarks/write_floor.py).
    floor_out = tmp / "site-floor"
    label = "writing the same files again, no rendering (the floor)"
    floor = interleaved(
        [(label, [PY, str(Path(__file__).with_name("write_floor.py")), str(out), str(floor_out)])],
        runs=runs,
        warmup=0,
        before={label: lambda: shutil.rmtree(floor_out, ignore_errors=True)},
    )
    shutil.rmtree(floor_out, ignore_errors=True)
    # Incremental: over the site just built, reusing what is proven unchanged.
    town = sorted(p for p in tree.iterdir() if p.is_dir())[0]
    period = sorted(town.glob("*.yaml"))[-1]
    again, one = (
        "lofte site again over it, nothing changed (incremental)",
        f"lofte site again over it, {town.name}/{period.name} changed (incremental)",
    )

    def touch() -> None:
        with period.open("a", encoding="utf-8") as handle:
            handle.write("# changed\n")

    incremental = interleaved(
        [(again, site), (one, site)], runs=runs, warmup=0, before={one: touch}
    )
    samples = [*samples, *floor, *incremental]
    add = report.add  # type: ignore[attr-defined]
    add("", "## `lofte site` on the corpus, next to `lofte validate`", "")
    report.table(  # type: ignore[attr-defined]
        samples,
        by["lofte validate (the tree)"],
        f"Both on the tree (`--data-dir`), without the parse cache, every core; {runs} "
        f"run(s) each, round-robin, no warm-up.  The site: {files:,} files, "
        f"{size / 2**20:,.0f} MiB (`--as-of {AS_OF}`, Swedish and English).",
    )
    rows: list[tuple[int, Sample]] = []
    for scale in (0.25, 0.5, 1.0) if not args.quick else (0.5, 1.0):
        count = max(1, round(args.municipalities * scale))
        folder = tmp / f"site-scale-{count}"
        corpus.write_corpus(folder, count)
        target = tmp / f"site-out-{count}"
        command = [*LOFTE, "site", "-j", "1", "--as-of", AS_OF, "--data-dir", str(folder)]
        got = interleaved([("site", [*command, "-o", str(target)])], runs=1, warmup=0)[0]
        rows.append((count, got))
        shutil.rmtree(folder)
        shutil.rmtree(target, ignore_errors=True)
    add("", "| municipalities | lofte site -j 1: s | peak RSS MiB |", "|---:|---:|---:|")
    for count, sample in rows:
        add(f"| {count} | {sample.median:.1f} | {sample.peak_mib:.0f} |")
    growth = rows[-1][1].peak_mib / rows[0][1].peak_mib
    add(
        "",
        f"One run each.  Peak RSS at {rows[-1][0]} / at {rows[0][0]} municipalities: "
        f"{growth:.2f}×.",
    )
    site_s, validate_s = by[cold].median, by["lofte validate (the tree)"].median
    return {"site/validate": site_s / validate_s, "rss": growth}
