"""Shared test helpers: the real command line, run in-process or as a process."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "examples"
DATA = ROOT / "data"


@dataclass
class Result:
    """What a command printed and returned."""

    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
    """Run ``lofte ARGS`` in-process through Typer's runner, with an 80-column terminal."""
    from typer.testing import CliRunner

    from lofte.cli import app

    full_env = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb", **(env or {})}
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), env=full_env, catch_exceptions=False)
    finally:
        os.chdir(old)
    return Result(result.exit_code, result.stdout, result.stderr)


def run_process(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 60
) -> Result:
    """Run ``python -m lofte ARGS`` as a real process."""
    full_env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "lofte", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def benchmark_module(name: str) -> ModuleType:
    """A module of benchmarks/ (not a package, and not on the path), imported by file."""
    path = ROOT / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def broken_corpus(root: Path, negatives: list[str], into: str, every: int) -> list[Path]:
    """A generated (made-up) corpus of 12 municipalities with broken files mixed in.

    Every ``every``-th municipality gets one negative example as its ``into`` file,
    and the second municipality a broken municipality file, so its promises lose
    their references.  Returns the generated paths.
    """
    paths: list[Path] = benchmark_module("corpus").write_corpus(root, 12)
    folders = sorted({p.parent for p in paths})
    for folder, name in zip(folders[::every], negatives, strict=True):
        shutil.copy(EXAMPLES / "negative" / f"{name}-2020.yaml", folder / into)
    town = folders[1] / f"{folders[1].name}.yaml"
    town.write_text("kind: municipality\nname: [no]\n", encoding="utf-8")
    return paths


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lofte-cache")


@pytest.fixture(autouse=True)
def _cache_outside_the_tree(_cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`lofte validate` caches parses in ./.lofte-cache; in tests, in a temporary directory.

    So a test that validates from the repository's root writes nothing into
    the tree.  A test of the default location unsets LOFTE_CACHE_DIR itself.
    """
    monkeypatch.setenv("LOFTE_CACHE_DIR", str(_cache_dir))
    # The cache's secret (lofte.read.cache.cache_secret) lives in the state
    # directory: in tests, a temporary one, never the user's home.
    monkeypatch.setenv("XDG_STATE_HOME", str(_cache_dir.parent / "lofte-state"))
    monkeypatch.delenv("LOFTE_CACHE_KEY", raising=False)


@pytest.fixture
def data_copy(tmp_path: Path) -> Iterator[Path]:
    """A copy of data/ in a temporary directory (tests never touch the repo tree)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    yield target


@pytest.fixture
def example_dir(tmp_path: Path) -> Path:
    """A temporary data dir holding the common made-up example files."""
    target = tmp_path / "data"
    shutil.copytree(EXAMPLES / "common", target)
    return target


@pytest.fixture
def sheet_data(tmp_path: Path) -> Iterator[Path]:
    """A copy of tests/fixtures/sheet/data (data/ before any outcome) in a temporary directory."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "sheet" / "data", target)
    yield target
