"""Many files: one at a time or on several processes, the same report in the same order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, benchmark_module, broken_corpus, run_cli, run_process
from lofte.read.loader import Workspace
from lofte.rules.bulk import PARALLEL_FROM, check_serial, choose_jobs, chunks

corpus = benchmark_module("corpus")


@pytest.fixture
def national(tmp_path: Path) -> Path:
    """A small generated corpus with broken files mixed into several municipalities."""
    root = tmp_path / "corpus"
    names = ["syntax", "unknown-key", "references", "cross-rules"]
    paths = broken_corpus(root, names, "2020.yaml", every=3)
    assert len(paths) >= PARALLEL_FROM
    return root


def _args(root: Path) -> list[str]:
    return [str(p.relative_to(root.parent)) for p in sorted(root.glob("*/*.yaml"))]


def test_parallel_and_serial_reports_are_identical(national: Path) -> None:
    args = _args(national)
    serial = run_process("validate", "--no-cache", "-j", "1", *args, cwd=national.parent)
    parallel = run_process("validate", "--no-cache", "-j", "2", *args, cwd=national.parent)
    automatic = run_process("validate", "--no-cache", *args, cwd=national.parent)
    assert serial.code == parallel.code == automatic.code == 1
    assert parallel.out == serial.out == automatic.out
    assert parallel.err == ""
    assert serial.out.count("\n") > 10
    assert serial.out.splitlines()[-1].startswith(f"checked {len(args)} files: ")


def test_json_output_is_identical_too(national: Path) -> None:
    args = ["validate", "--no-cache", "-f", "json", *_args(national)]
    one = run_cli(*args, "-j", "1", cwd=national.parent)
    two = run_cli(*args, "-j", "2", cwd=national.parent)
    assert one.out == two.out


def test_chunks_keep_every_path_once_grouped_by_directory() -> None:
    paths = [Path(f"{d}/{n}.yaml") for n in range(3) for d in "abc"]  # interleaved
    parts = chunks(paths, 4)
    assert len(parts) == 4
    flat = [p for part in parts for p in part]
    assert sorted(flat) == sorted(paths)
    assert [p.parent.name for p in flat] == list("aaabbbccc")
    assert max(map(len, parts)) - min(map(len, parts)) <= 1


def test_chunks_of_few_paths() -> None:
    assert chunks([Path("a.yaml")], 8) == [[Path("a.yaml")]]


def test_jobs_requested_and_automatic() -> None:
    assert choose_jobs(1000, 3) == 3
    assert choose_jobs(2, 8) == 2
    assert choose_jobs(PARALLEL_FROM - 1, None) == 1
    assert choose_jobs(PARALLEL_FROM, None) >= 1


def test_a_bounded_workspace_reloads_what_it_dropped(example_dir: Path) -> None:
    shutil.copy(EXAMPLES / "positive" / "full-2020.yaml", example_dir / "2020.yaml")
    workspace = Workspace(limit=1)
    first, _ = workspace.load(example_dir / "2020.yaml")
    assert first is not None
    assert workspace.sibling(first, "exempelby") is not None
    assert list(workspace.files) == [(example_dir / "exempelby.yaml").resolve()]
    again, _ = workspace.load(example_dir / "2020.yaml")
    assert again is not None and again is not first
    assert again.data == first.data


def test_streaming_finds_what_loading_everything_finds(national: Path) -> None:
    from lofte.read.loader import load_many
    from lofte.rules.core import run_rules

    paths = sorted(national.glob("*/*.yaml"))
    workspace, loaded, expected = load_many(paths)
    for one in loaded:
        expected.extend(run_rules(one, workspace))
    assert sorted(check_serial(paths)) == sorted(expected)
