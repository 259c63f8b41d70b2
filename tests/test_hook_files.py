"""The pre-commit hooks run on exactly the files lofte validate reads (or reports).

`.pre-commit-hooks.yaml` (for a repository that uses lofte's hooks) and the
local hooks `lofte init` writes share one ``files:`` pattern; it matches every
path that `lofte validate` would check or report (a ``.yml`` file gets an error,
never a silent skip), and beyond them only files one folder down, where the tree
layout keeps a municipality's files.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import ROOT
from lofte.init import PRE_COMMIT
from lofte.read.loader import resolve_targets

TREE = [
    "data/2020.yaml",
    "data/2022.yml",
    "data/strangnas.yaml",
    "data/.pre-commit-config.yaml",
    "data/.2020.yaml.lock",
    "data/.2020.yaml.x1.tmp",
    "data/notes.txt",
    "data/old/2019.yaml",
    "promises.yaml",
    "docs/2020.yaml",
]


def _patterns() -> set[str]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = yaml.safe_load(PRE_COMMIT)["repos"][0]["hooks"]
    return {hook["files"] for hook in [*hooks, *local]}


def test_one_pattern_for_every_hook() -> None:
    assert _patterns() == {r"^data/(?:[^/.][^/]*/)?[^/.][^/]*\.ya?ml$"}


def test_the_pattern_matches_what_validate_reads(tmp_path: Path) -> None:
    for name in TREE:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("kind: municipality\nname: X\n", encoding="utf-8")
    (pattern,) = _patterns()
    read = {p.relative_to(tmp_path).as_posix() for p in resolve_targets([], tmp_path / "data")}
    matched = {name for name in TREE if re.search(pattern, name)}
    assert read == {"data/2020.yaml", "data/2022.yml", "data/strangnas.yaml"}
    # One folder down is where the tree layout (a folder per municipality) keeps its
    # files; beside files of data/ itself such a folder is not read, and the hook,
    # which checks the whole data directory, then only runs once more than needed.
    assert matched - read == {"data/old/2019.yaml"}
