"""Positive and negative example files, with golden diagnostics (check-jsonschema style)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli

POSITIVE = sorted((EXAMPLES / "positive").glob("*.yaml"))
NEGATIVE = sorted((EXAMPLES / "negative").glob("*.yaml"))


@pytest.mark.parametrize("example", POSITIVE, ids=lambda p: p.stem)
def test_positive_examples_validate(example: Path, example_dir: Path) -> None:
    shutil.copy(example, example_dir)
    result = run_cli("validate", f"data/{example.name}", cwd=example_dir.parent)
    assert result.out == "checked 1 file: no problems\n"
    assert result.code == 0


@pytest.mark.parametrize("example", NEGATIVE, ids=lambda p: p.stem)
def test_negative_examples_match_golden(example: Path, example_dir: Path) -> None:
    shutil.copy(example, example_dir)
    result = run_cli("validate", f"data/{example.name}", cwd=example_dir.parent)
    golden = example.with_suffix(".txt")
    if os.environ.get("LOFTE_UPDATE_GOLDEN"):
        golden.write_text(result.out, encoding="utf-8")
    assert result.out == golden.read_text(encoding="utf-8")
    assert result.code == 1
    assert "Traceback" not in result.out + result.err


def test_every_negative_example_has_a_golden_file() -> None:
    assert NEGATIVE, "no negative examples found"
    missing = [p.name for p in NEGATIVE if not p.with_suffix(".txt").is_file()]
    assert missing == []
