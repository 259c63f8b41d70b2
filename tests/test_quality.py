"""The code stays strict: ruff (lint and format) and mypy --strict, run as tests."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

# Only the folders that exist: benchmarks/ arrives with the performance work.
PY_DIRS = [d for d in ("src", "tests", "benchmarks") if (ROOT / d).is_dir()]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is in the test extra")
def test_ruff_lint_is_clean() -> None:
    proc = _run("ruff", "check", *PY_DIRS)
    assert proc.returncode == 0, proc.stdout


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is in the test extra")
def test_ruff_format_is_clean() -> None:
    proc = _run("ruff", "format", "--check", *PY_DIRS)
    assert proc.returncode == 0, proc.stdout


def test_mypy_strict_is_clean() -> None:
    pytest.importorskip("mypy")
    proc = _run(sys.executable, "-m", "mypy")
    assert proc.returncode == 0, proc.stdout
