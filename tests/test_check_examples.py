"""`lofte check` on made-up example files: golden diagnostics, one negative file per rule."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from lofte.rules.codes import CODES

CHECK_EXAMPLES = ROOT / "tests" / "examples-check"
POSITIVE = sorted((CHECK_EXAMPLES / "positive").glob("*.yaml"))
NEGATIVE = sorted((CHECK_EXAMPLES / "negative").glob("*.yaml"))
AS_OF = "2020-10-15"  # see tests/examples-check/README.md


def _check(example: Path, example_dir: Path, *args: str) -> tuple[int, str, str]:
    shutil.copy(example, example_dir)
    result = run_cli(
        "check", "--as-of", AS_OF, *args, f"data/{example.name}", cwd=example_dir.parent
    )
    return result.code, result.out, result.err


@pytest.mark.parametrize("example", POSITIVE, ids=lambda p: p.stem)
def test_positive_examples_pass_without_any_diagnostic(example: Path, example_dir: Path) -> None:
    code, out, _ = _check(example, example_dir, "--strict")
    assert out.splitlines()[-1].endswith("; no problems"), out
    assert len(out.splitlines()) == 1
    assert code == 0


@pytest.mark.parametrize("example", NEGATIVE, ids=lambda p: p.stem)
def test_negative_examples_match_golden(example: Path, example_dir: Path) -> None:
    code, out, err = _check(example, example_dir)
    golden = example.with_suffix(".txt")
    if os.environ.get("LOFTE_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    errors = [line for line in out.splitlines()[:-1] if ": warning: " not in line]
    assert code == (1 if errors else 0)
    assert err == ""


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_a_negative_example_that_reports_it(code: str) -> None:
    examples = [p for p in NEGATIVE if p.name.startswith(code)]
    assert examples, f"no example for {code}"
    for example in examples:
        lines = example.with_suffix(".txt").read_text(encoding="utf-8").splitlines()[:-1]
        assert lines and all(f" {code} " in line for line in lines), example.name


def test_every_negative_example_has_a_golden_file() -> None:
    assert NEGATIVE
    assert [p.name for p in NEGATIVE if not p.with_suffix(".txt").is_file()] == []
