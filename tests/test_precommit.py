"""The hooks of .pre-commit-hooks.yaml, run by pre-commit itself in a temporary repository.

pre-commit clones the hook repository at a commit and builds the hook's environment
with pip (lofte's dependencies come from PyPI).  The hook repository is a copy of this
working tree committed in a temporary git repository, so the test covers the tree as
it is, committed or not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, timeout=900
    )


def _git(cwd: Path, *args: str) -> str:
    proc = _run(["git", *args], cwd, GIT_ENV)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def _hook_repo(tmp_path: Path) -> tuple[Path, str]:
    repo = tmp_path / "hook-repo"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("src", "schema", "templates"):
        shutil.copytree(ROOT / name, repo / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, repo / name)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "hooks")
    return repo, _git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def promises(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    tmp_path = tmp_path_factory.mktemp("pre-commit")
    hook_repo, rev = _hook_repo(tmp_path)
    work = tmp_path / "promises"
    (work / "data").mkdir(parents=True)
    shutil.copy(EXAMPLES / "common" / "exempelby.yaml", work / "data")
    shutil.copy(ROOT / "tests" / "examples-check" / "positive" / "tracked-2020.yaml", work / "data")
    (work / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hook_repo}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: lofte-validate\n"
        "      - id: lofte-check\n"
        '        args: [--as-of, "2020-10-15"]\n',
        encoding="utf-8",
    )
    _git(work, "init", "-q")
    _git(work, "add", ".")
    _git(work, "commit", "-q", "-m", "promises")
    env = {**GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    return work, env


def _pre_commit(work: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "pre_commit", "run", "--color", "never", *args], work, env)


def test_clean_promises_pass_both_hooks(promises: tuple[Path, dict[str, str]]) -> None:
    work, env = promises
    proc = _pre_commit(work, env, "--all-files")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "lofte validate" in proc.stdout and "lofte check" in proc.stdout
    assert proc.stdout.count("Passed") == 2


def test_a_change_to_one_file_is_checked_against_the_others(
    promises: tuple[Path, dict[str, str]],
) -> None:
    # Only the municipality file is staged; the promise that uses its place list breaks.
    work, env = promises
    town = work / "data" / "exempelby.yaml"
    old = town.read_text(encoding="utf-8")
    town.write_text(old.replace("  kommundelar:", "  delar:"), encoding="utf-8")
    _git(work, "add", "data/exempelby.yaml")
    try:
        proc = _pre_commit(work, env)
    finally:
        town.write_text(old, encoding="utf-8")
        _git(work, "add", "data/exempelby.yaml")
    assert proc.returncode == 1
    assert (
        "data/tracked-2020.yaml:39:34: no place list 'kommundelar' in exempelby.yaml; "
        "did you mean 'delar'?" in proc.stdout
    )


def test_an_untracked_target_fails_the_check_hook(promises: tuple[Path, dict[str, str]]) -> None:
    work, env = promises
    example = ROOT / "tests" / "examples-check" / "negative" / "LT101-no-target-2020.yaml"
    shutil.copy(example, work / "data")
    _git(work, "add", "data/LT101-no-target-2020.yaml")
    try:
        proc = _pre_commit(work, env)
    finally:
        _git(work, "rm", "-q", "--cached", "data/LT101-no-target-2020.yaml")
        (work / "data" / "LT101-no-target-2020.yaml").unlink()
    assert proc.returncode == 1
    assert "lofte validate" in proc.stdout and "Passed" in proc.stdout
    assert (
        "data/LT101-no-target-2020.yaml:7:9: LT101 activity 'insatser' has no target" in proc.stdout
    )


def test_a_change_outside_the_data_dir_runs_no_hook(promises: tuple[Path, dict[str, str]]) -> None:
    work, env = promises
    (work / "notes.yaml").write_text("not: a promise\n", encoding="utf-8")
    _git(work, "add", "notes.yaml")
    try:
        proc = _pre_commit(work, env)
    finally:
        _git(work, "rm", "-q", "--cached", "notes.yaml")
        (work / "notes.yaml").unlink()
    assert proc.returncode == 0
    assert proc.stdout.count("(no files to check)Skipped") == 2


def test_a_broken_yml_file_fails_the_hooks(promises: tuple[Path, dict[str, str]]) -> None:
    # Not skipped silently: each hook reports it (issue 14).
    work, env = promises
    (work / "data" / "2022.yml").write_text("kind: [broken\n", encoding="utf-8")
    _git(work, "add", "data/2022.yml")
    try:
        proc = _pre_commit(work, env)
    finally:
        _git(work, "rm", "-q", "--cached", "data/2022.yml")
        (work / "data" / "2022.yml").unlink()
    assert proc.returncode == 1
    line = "data/2022.yml:1:1: promise files end in .yaml, not .yml: rename it to 2022.yaml"
    assert proc.stdout.count(line) == 2
    assert proc.stdout.count("Failed") == 2
