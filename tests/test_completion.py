"""Shell completion, through Typer's completion environment variables as a shell sets them.

Bash sets ``_LOFTE_COMPLETE=complete_bash`` with ``COMP_WORDS`` and ``COMP_CWORD``;
zsh ``complete_zsh`` with ``_TYPER_COMPLETE_ARGS``.  The real ``lofte`` program runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA

#: The periods of data/: every file but the municipality file.
PERIODS = ["2019", "2020", "2021", "2024-2025", "samverkan-2020-2023"]


def _bash(line: str, cwd: Path, env: dict[str, str] | None = None) -> list[str]:
    words = line.split(" ")
    proc = subprocess.run(
        [sys.executable, "-m", "lofte"],
        cwd=cwd,
        env={
            **os.environ,
            "_LOFTE_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
            **(env or {}),
        },
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return proc.stdout.splitlines()


def _zsh(line: str, cwd: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "lofte"],
        cwd=cwd,
        env={**os.environ, "_LOFTE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return proc.stdout


@pytest.mark.parametrize("command", ["status", "report", "record", "check", "validate", "sheet"])
def test_periods_complete_from_the_data_directory(command: str) -> None:
    assert _bash(f"lofte {command} ", DATA.parent) == PERIODS


def test_periods_complete_what_is_typed() -> None:
    assert _bash("lofte status 20", DATA.parent) == ["2019", "2020", "2021", "2024-2025"]
    assert _bash("lofte status sam", DATA.parent) == ["samverkan-2020-2023"]


def test_periods_follow_data_dir_and_its_env_var(tmp_path: Path) -> None:
    assert _bash(f"lofte validate --data-dir {DATA} 202", tmp_path) == PERIODS[1:4]
    assert _bash(f"lofte record --data-dir={DATA} 2021 d", tmp_path) == ["dialog-med-unga"]
    assert _bash("lofte check 2", tmp_path, {"LOFTE_DATA_DIR": str(DATA)}) == PERIODS[:4]
    assert _bash("lofte status ", tmp_path) == [""]  # no data directory here: nothing, no error


def test_record_completes_the_periods_activity_ids() -> None:
    assert _bash("lofte record 2020 ", DATA.parent) == [
        "planlagda-insatser",
        "tata-kontakter",
        "narkotikasok-skolor",
        "linkopingsmodellen",
        "informationstraffar-orosanmalan",
        "avloppsvatten",
        "foraldratraffar",
    ]
    assert _bash("lofte record 2020 in", DATA.parent) == ["informationstraffar-orosanmalan"]


def test_record_completes_places() -> None:
    assert _bash("lofte record 2020 planlagda-insatser --place ", DATA.parent)[:4] == [
        "Strängnäs",
        "Mariefred",
        "Åker",
        "Stallarholmen",
    ]
    line = "lofte record --date 2020-05-12 2020 planlagda-insatser --place St"
    assert _bash(line, DATA.parent) == ["Strängnäs", "Stallarholmen"]


def test_zsh_gets_the_same_answers() -> None:
    assert _zsh("lofte record 2020 pl", DATA.parent) == (
        "_arguments '*: :((\"planlagda-insatser\"))'\n"
    )


def _tree(tmp_path: Path) -> Path:
    """A two-municipality tree: data/strangnas (data/) and data/exempelstad (examples/)."""
    import shutil

    from conftest import ROOT

    tree = tmp_path / "data"
    shutil.copytree(DATA, tree / "strangnas")
    (tree / "exempelstad").mkdir()
    for path in (ROOT / "examples").glob("*.yaml"):
        shutil.copy(path, tree / "exempelstad")
    return tree


def test_in_a_tree_periods_complete_as_municipality_slash_period(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    every = _bash("lofte status ", tree.parent)
    assert every == [
        "exempelstad/2022-2023",
        "exempelstad/2024",
        "exempelstad/samverkan-2022-2025",
        *(f"strangnas/{period}" for period in PERIODS),
    ]
    assert _bash("lofte status str", tree.parent) == [f"strangnas/{p}" for p in PERIODS]
    assert _bash("lofte report exempelstad/20", tree.parent) == [
        "exempelstad/2022-2023",
        "exempelstad/2024",
    ]


def test_in_a_tree_activities_and_places_come_from_the_municipalitys_folder(
    tmp_path: Path,
) -> None:
    tree = _tree(tmp_path)
    assert _bash("lofte record strangnas/2020 pl", tree.parent) == ["planlagda-insatser"]
    line = "lofte record strangnas/2020 planlagda-insatser --place St"
    assert _bash(line, tree.parent) == ["Strängnäs", "Stallarholmen"]


def test_a_period_in_several_municipalities_completes_nothing_and_fails_nothing(
    tmp_path: Path,
) -> None:
    import shutil

    tree = tmp_path / "data"
    shutil.copytree(DATA, tree / "a")
    shutil.copytree(DATA, tree / "b")
    # `2020` alone names two files: the command would say so; completion offers nothing.
    assert _bash("lofte record 2020 pl", tree.parent) == [""]
    assert _bash("lofte record a/2020 pl", tree.parent) == ["planlagda-insatser"]
