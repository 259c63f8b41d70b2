"""The tree layout: one folder per municipality; the one-municipality layout unchanged."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from lofte.errors import UsageError
from lofte.read.loader import (
    data_files,
    municipality_folders,
    period_names,
    period_path,
    resolve_targets,
)

REPORT_DATA = ROOT / "tests" / "fixtures" / "report" / "data"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA, root / "strangnas")
    shutil.copytree(REPORT_DATA, root / "exempelby")
    (root / ".git").mkdir()
    (root / ".git" / "x.yaml").write_text("kind: municipality\n", encoding="utf-8")
    (root / "notes").mkdir()  # a folder without promise files is no municipality
    (root / "notes" / "README.md").write_text("x", encoding="utf-8")
    return root


def test_one_municipality_is_no_tree() -> None:
    assert municipality_folders(DATA) == []
    assert data_files(DATA) == sorted(DATA.glob("*.yaml"))
    assert period_path("2020", DATA) == DATA / "2020.yaml"
    assert period_path("2099", DATA) == DATA / "2099.yaml"  # unknown: reported as before
    assert resolve_targets([], DATA) == sorted(DATA.glob("*.yaml"))


def test_a_tree_is_its_visible_folders_with_promise_files(tree: Path) -> None:
    assert municipality_folders(tree) == [tree / "exempelby", tree / "strangnas"]
    files = data_files(tree)
    assert len(files) == 10 and files[0] == tree / "exempelby" / "2022.yaml"
    assert resolve_targets([], tree) == files
    assert resolve_targets([str(tree)], tree) == files  # a folder argument walks it too


def test_period_arguments_in_a_tree(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert period_path("strangnas/2020", tree) == tree / "strangnas" / "2020.yaml"
    assert period_path("2022", tree) == tree / "exempelby" / "2022.yaml"  # only one has it
    assert period_path("strangnas/2099", tree) == tree / "strangnas" / "2099.yaml"
    assert period_path("nowhere/2020", tree) == Path("nowhere/2020")  # a path as given
    assert period_path("2099", tree) == tree / "2099.yaml"
    shutil.copy(tree / "strangnas" / "2021.yaml", tree / "exempelby" / "2021.yaml")
    with pytest.raises(UsageError) as raised:
        period_path("2021", tree)
    assert str(raised.value) == (
        "2021: 2 municipalities have this period; write MUNICIPALITY/PERIOD "
        "(exempelby/2021, strangnas/2021)"
    )
    # A path that exists as given is that path, as before.
    (tmp_path / "strangnas").mkdir()
    (tmp_path / "strangnas" / "2020").write_text("", encoding="utf-8")
    assert period_path("strangnas/2020", tree) == Path("strangnas/2020")


def test_period_names_carry_the_folder_only_in_a_tree(tree: Path) -> None:
    assert period_names([DATA / "2019.yaml", DATA / "2020.yaml"]) == ["2019", "2020"]
    assert period_names(data_files(tree))[:2] == ["exempelby/2022", "exempelby/2023"]


def test_the_overview_names_tree_lines_with_their_folder_when_one_municipality_fails(
    tmp_path: Path,
) -> None:
    """A tree whose other municipality does not open still names `strangnas/2020`, not `2020`.

    A bare `2020` would not even be a period argument here if both had the period.
    """
    from conftest import run_cli

    root = tmp_path / "data"
    shutil.copytree(DATA, root / "strangnas")
    shutil.copytree(REPORT_DATA, root / "exempelby")
    (root / "exempelby" / "exempelby.yaml").unlink()
    result = run_cli("status", "--data-dir", str(root), "--as-of", "2026-11-22", cwd=tmp_path)
    assert result.code == 1
    names = re.findall(r"^([a-z0-9-]+/[a-z0-9-]+) ", result.out, re.MULTILINE)
    assert names == [
        "strangnas/2019",
        "strangnas/2020",
        "strangnas/2021",
        "strangnas/2024-2025",
        "strangnas/samverkan-2020-2023",
    ]
