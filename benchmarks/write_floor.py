"""The floor under `lofte site`: writing the files of a built site again, without rendering.

``python write_floor.py SITE OUT`` reads every file of SITE and writes it under
OUT (a new folder), one file at a time as `lofte.write.tree.Tree` does, on as
many processes as there are cores (the site's top-level folders split between
them, as `lofte site` splits municipalities).  What it costs is what creating
that many files costs on this disk: no rendering can make `lofte site` faster.
"""

from __future__ import annotations

import os
import sys
from multiprocessing import get_context
from pathlib import Path


def copy(pair: tuple[str, str]) -> int:
    """Copy the tree ``pair[0]`` to ``pair[1]`` file by file; the number of files."""
    source, target = pair
    count = 0
    for folder, _, names in os.walk(source):
        rel = os.path.relpath(folder, source)
        where = os.path.join(target, rel) if rel != "." else target
        os.makedirs(where, exist_ok=True)
        for name in names:
            with open(os.path.join(folder, name), "rb") as handle:
                data = handle.read()
            with open(os.path.join(where, name), "wb") as handle:
                handle.write(data)
            count += 1
    return count


def main() -> None:
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True)
    parts = [(str(p), str(out / p.name)) for p in sorted(site.iterdir()) if p.is_dir()]
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    with get_context("fork").Pool(jobs) as pool:
        files = sum(pool.map(copy, parts, chunksize=1))
    for p in site.iterdir():
        if p.is_file():
            (out / p.name).write_bytes(p.read_bytes())
            files += 1
    print(f"wrote {files} files")


if __name__ == "__main__":
    main()
