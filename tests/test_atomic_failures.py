"""`lofte.write.atomic` when the machine says no: the old bytes stay, nothing is left beside.

A full disk, a failing rename, a directory that cannot be fsynced, a target
that is no file, a symlink loop: each leaves the file exactly as it was and
no temporary file behind, and the user gets one line (a `LofteError`).
"""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path
from typing import Any

import pytest

from lofte.errors import LofteError
from lofte.write import atomic

OLD = b"kind: medborgarlofte\n"
NEW = b"kind: medborgarlofte\nperiod: '2020'\n"


def _target(tmp_path: Path) -> Path:
    path = tmp_path / "2020.yaml"
    path.write_bytes(OLD)
    return path


def _untouched(path: Path) -> None:
    assert path.read_bytes() == OLD
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no .tmp left


def _fail_fsync(monkeypatch: pytest.MonkeyPatch, on_call: int, code: int = errno.ENOSPC) -> None:
    """``os.fsync`` raising ``code`` on its ``on_call``-th call (a full disk, say)."""
    real = os.fsync
    calls: list[int] = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == on_call:
            raise OSError(code, os.strerror(code))
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)


def test_a_full_disk_while_writing_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _target(tmp_path)
    _fail_fsync(monkeypatch, 1)
    with pytest.raises(LofteError) as caught:
        atomic.write_bytes(path, NEW)
    assert str(caught.value) == f"{path}: cannot write: No space left on device"
    _untouched(path)


def test_a_failing_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _target(tmp_path)

    def replace(src: Any, dst: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(LofteError) as caught:
        atomic.write_text(path, NEW.decode())
    assert str(caught.value) == f"{path}: cannot write: Permission denied"
    _untouched(path)


def test_staging_several_files_cleans_up_on_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (first, second):
        path.write_bytes(OLD)
    _fail_fsync(monkeypatch, 2)  # the second file's temporary copy
    with pytest.raises(OSError, match="No space left"):
        atomic.replace_many([(first, OLD, NEW), (second, OLD, NEW)])
    assert first.read_bytes() == OLD and second.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOTSUP])
def test_a_directory_that_cannot_be_fsynced_still_gets_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    path = _target(tmp_path)
    _fail_fsync(monkeypatch, 2, code)  # the file's fsync passes, the directory's says no
    atomic.write_bytes(path, NEW)
    assert path.read_bytes() == NEW


def test_another_fsync_error_of_the_directory_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _target(tmp_path)
    _fail_fsync(monkeypatch, 2, errno.EIO)
    with pytest.raises(LofteError) as caught:
        atomic.write_bytes(path, NEW)
    assert str(caught.value) == f"{path}: cannot write: Input/output error"


def test_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(LofteError) as caught:
        atomic.write_text(tmp_path / "a" / "2020.yaml", "x")
    assert str(caught.value) == (
        f"{tmp_path / 'a' / '2020.yaml'}: cannot write: too many levels of symbolic links"
    )


@pytest.mark.parametrize("write", [atomic.write_text, atomic.write_bytes])
def test_a_missing_directory_is_named(tmp_path: Path, write: Any) -> None:
    path = tmp_path / "nowhere" / "2020.yaml"
    with pytest.raises(LofteError) as caught:
        write(path, "x" if write is atomic.write_text else b"x")
    assert str(caught.value) == f"{path}: directory {path.parent} does not exist"
    assert not (tmp_path / "nowhere").exists()


def test_a_directory_is_not_written_over(tmp_path: Path) -> None:
    target = tmp_path / "2020.yaml"
    target.mkdir()
    with pytest.raises(LofteError) as caught:
        atomic.write_bytes(target, NEW)
    assert str(caught.value) == f"{target}: cannot write: is a directory"
    assert target.is_dir() and list(target.iterdir()) == []


def test_a_socket_is_not_written_over(tmp_path: Path) -> None:
    target = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(target))
        with pytest.raises(LofteError) as caught:
            atomic.write_bytes(target, NEW)
    finally:
        server.close()
    assert str(caught.value) == (
        f"{target}: cannot write: not a regular file, a FIFO or a character device"
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
@pytest.mark.parametrize("many", [False, True])
def test_a_replaced_file_keeps_its_owner(tmp_path: Path, many: bool) -> None:
    # CI runs as root: a coordinator's file edited by root (sudo) must stay theirs.
    path = _target(tmp_path)
    os.chown(path, 65534, 65534)
    if many:
        atomic.replace_many([(path, OLD, NEW)])
    else:
        atomic.write_bytes(path, NEW)
    assert path.read_bytes() == NEW
    assert (path.stat().st_uid, path.stat().st_gid) == (65534, 65534)
