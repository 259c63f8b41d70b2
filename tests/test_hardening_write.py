"""Issue 16: writes that went wrong with hostile targets, each failing before its fix."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from conftest import run_cli
from lofte.write.atomic import replace_bytes

RECORD = ["record", "2020", "planlagda-insatser", "--count", "1", "--date", "2020-05-04"]


def test_a_committed_dangling_lock_symlink_creates_nothing(data_copy: Path, tmp_path: Path) -> None:
    # The old sidecar lock was opened with O_CREAT and without O_NOFOLLOW: a
    # committed symlink named .2020.yaml.lock made record create its target.
    elsewhere = tmp_path / "elsewhere" / "created-by-lofte"
    elsewhere.parent.mkdir()
    (data_copy / ".2020.yaml.lock").symlink_to(elsewhere)
    assert run_cli(*RECORD, cwd=data_copy.parent).code == 0
    assert not elsewhere.exists()
    assert sorted(p.name for p in data_copy.iterdir() if p.name.startswith(".")) == [
        ".2020.yaml.lock"  # the committed link, untouched
    ]


def test_record_leaves_no_file_beside_the_data(data_copy: Path) -> None:
    before = sorted(p.name for p in data_copy.iterdir())
    assert run_cli(*RECORD, cwd=data_copy.parent).code == 0
    assert sorted(p.name for p in data_copy.iterdir()) == before


def test_report_into_a_fifo_writes_into_it(data_copy: Path, tmp_path: Path) -> None:
    # `report -o FIFO` replaced the FIFO with a regular file.
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_cli(
        "report", "2020", "--as-of", "2020-12-31", "-o", str(fifo), cwd=data_copy.parent
    )
    reader.join(20)
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and got[0].startswith(b"# ")


def test_report_into_dev_stdout_on_a_pipe_writes_into_the_pipe(data_copy: Path) -> None:
    """`-o /dev/stdout | …`: the link leads to /proc/self/fd/1, a pipe no resolved path
    reaches; it was "cannot write: No such file or directory", exit 1."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "lofte", "report", "2020", "--as-of", "2020-12-31"]
        + ["-o", "/dev/stdout"],
        cwd=data_copy.parent,
        capture_output=True,  # stdout a pipe, as in `lofte report … | less`
        timeout=60,
        check=False,
    )
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout.startswith(b"# Medborgarl\xc3\xb6fte")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_report_onto_a_device_writes_into_it(data_copy: Path, tmp_path: Path) -> None:
    # A device node of our own (the null device's numbers), never the real /dev/null.
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    result = run_cli(
        "report", "2020", "--as-of", "2020-12-31", "-o", str(null), cwd=data_copy.parent
    )
    assert result.code == 0, result.err
    assert stat.S_ISCHR(null.stat().st_mode)  # still the device, not a regular file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "null"]


def test_replace_bytes_writes_into_a_fifo_and_never_renames_over_it(tmp_path: Path) -> None:
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    replace_bytes(fifo, b"hello\n")
    reader.join(20)
    assert got == [b"hello\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]
