"""Where a cold `lofte site` spends its CPU, part by part, next to `lofte validate`'s.

    python benchmarks/corpus.py --out /tmp/c20 --municipalities 20
    python benchmarks/site_parts.py /tmp/c20

One process, one worker (``jobs=1``), no parse cache, no earlier site.  It
validates the tree three times (the fastest counts), then builds the site once
with the site's own functions wrapped in timers, and prints each part's CPU
time (user + system, `time.process_time`) per municipality and as a multiple of
validate's.  The timers are exclusive: a part's time leaves out the parts it
calls (a page's time leaves out writing its file), so the rows add up to the
whole.  In-process, both sides are without the start-up of a new process and
of its workers, which `benchmarks/site_bench.py` includes: its ratio is lower.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The site's date, as in `site_bench.py`: after every period of the corpus.
AS_OF = dt.date(2024, 6, 1)


def _timed(
    fn: Callable[..., Any],
    name: Callable[..., str],
    spent: dict[str, float],
    stack: list[list[float]],
) -> Callable[..., Any]:
    """``fn``, adding its exclusive CPU time to ``spent[name(*args)]``."""

    def run(*args: Any, **kwargs: Any) -> Any:
        stack.append([time.process_time(), 0.0])  # its start, the time of the parts it called
        try:
            return fn(*args, **kwargs)
        finally:
            start, inner = stack.pop()
            whole = time.process_time() - start
            spent[name(*args)] = spent.get(name(*args), 0.0) + whole - inner
            if stack:
                stack[-1][1] += whole

    return run


def _page_kind(*args: Any) -> str:
    status, term = args[3], args[6]
    agreement = status.period.document.kind == "samverkansoverenskommelse"
    return f"{'agreement' if agreement else 'promise'} {'term' if term else 'whole-period'} pages"


def _parts() -> list[tuple[Any, str, Callable[..., str]]]:
    """(owner, attribute, its row's label) of every part timed."""
    import lofte.follow.period as period
    import lofte.render.site_data as site_data
    import lofte.render.status_json as status_json
    import lofte.site as site
    from lofte.write.tree import Tree

    def named(label: str) -> Callable[..., str]:
        return lambda *_: label

    return [
        (site, "_write_period_page", _page_kind),
        (site, "_build_report", named("report views (a period's, a term's; each language)")),
        (site, "_write_feed", named("feeds")),
        (site, "_entries", named("feed entries")),
        (site, "_write_index", named("municipality index pages")),
        (period, "period_status", named("standings (each period, each term)")),
        (status_json, "as_json", named("open data: JSON")),
        (status_json, "dump", named("open data: JSON")),
        (site_data, "activities_csv", named("open data: CSV")),
        (Tree, "write", named("writing files (open, write, close, hash)")),
    ]


def measure(tree: Path) -> tuple[int, float, float, dict[str, float]]:
    """Municipalities, validate's CPU (fastest of 3), the site's, and the site's by part."""
    import lofte.site as site
    from lofte.validate import validate

    count = sum(1 for p in tree.iterdir() if p.is_dir())
    runs = []
    for _ in range(3):
        start = time.process_time()
        validate([], tree, jobs=1, cache_dir=None)
        runs.append(time.process_time() - start)
    spent: dict[str, float] = {}
    stack: list[list[float]] = []
    parts = _parts()
    saved = [getattr(owner, attr) for owner, attr, _ in parts]
    for owner, attr, name in parts:
        setattr(owner, attr, _timed(getattr(owner, attr), name, spent, stack))
    out = Path(tempfile.mkdtemp()) / "site"
    try:
        start = time.process_time()
        site.site(out, tree, AS_OF, jobs=1)
        whole = time.process_time() - start
    finally:
        for (owner, attr, _), original in zip(parts, saved, strict=True):
            setattr(owner, attr, original)
        shutil.rmtree(out.parent, ignore_errors=True)
    spent["the rest (reading and validating the files, the top index, …)"] = whole - sum(
        spent.values()
    )
    return count, min(runs), whole, spent


def main() -> None:
    count, checked, whole, spent = measure(Path(sys.argv[1]))

    def row(label: str, seconds: float) -> str:
        return f"| {label} | {1000 * seconds / count:.1f} | {seconds / checked:.2f}× |"

    print(f"{count} municipalities; CPU ms per municipality; × = multiple of validate's\n")
    print("| part | ms | × validate |\n|---|---:|---:|")
    print(row("**lofte validate** (in-process, fastest of 3)", checked))
    print(row("**lofte site**, cold", whole))
    for label, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(row(label, seconds))


if __name__ == "__main__":
    main()
