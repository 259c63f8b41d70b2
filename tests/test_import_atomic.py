"""`atomic.replace_many`: several files replaced all together, or put back as they were."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from lofte.errors import LofteError
from lofte.write import atomic


def _files(tmp_path: Path) -> list[tuple[Path, bytes, bytes]]:
    found = []
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        path = tmp_path / name
        path.write_bytes(b"old " + name.encode())
        path.chmod(0o640)
        found.append((path, path.read_bytes(), b"new " + name.encode()))
    return found


def test_every_file_is_replaced_keeping_its_mode(tmp_path: Path) -> None:
    files = _files(tmp_path)
    atomic.replace_many(files)
    assert [p.read_bytes() for p, _, _ in files] == [new for _, _, new in files]
    assert {oct(p.stat().st_mode & 0o777) for p, _, _ in files} == {"0o640"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "c.yaml"]


def test_a_failure_while_staging_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(tmp_path)
    real = atomic._stage
    calls: list[Path] = []

    def stage(target: Path, data: bytes) -> Path:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(target, data)

    monkeypatch.setattr(atomic, "_stage", stage)
    with pytest.raises(OSError, match="No space left"):
        atomic.replace_many(files)
    assert [p.read_bytes() for p, _, _ in files] == [old for _, old, _ in files]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "c.yaml"]


def test_a_rename_failing_half_way_puts_the_renamed_files_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(tmp_path)
    real = os.replace
    renames: list[Any] = []

    def replace(src: Any, dst: Any) -> None:
        renames.append(dst)
        if len(renames) == 2:
            raise PermissionError(13, "Permission denied", str(dst))
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(PermissionError):
        atomic.replace_many(files)
    assert [p.read_bytes() for p, _, _ in files] == [old for _, old, _ in files]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "c.yaml"]


def test_a_file_that_cannot_be_put_back_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(tmp_path)
    real = os.replace
    renames: list[Any] = []

    def replace(src: Any, dst: Any) -> None:
        renames.append(dst)
        if len(renames) >= 2:  # the second rename, and putting the first back
            raise PermissionError(13, "Permission denied", str(dst))
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(LofteError) as caught:
        atomic.replace_many(files)
    first = files[0][0].resolve()
    assert str(caught.value) == (
        f"cannot write {files[1][0].resolve()}: Permission denied; these files were written "
        f"and could not be put back: {first}"
    )
    assert first.read_bytes() == b"new a.yaml"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "c.yaml"]
