"""Safe writes with real processes: parallel writers all land, a killed writer leaves the
old file or the new one and never a truncated one, links and modes survive."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, run_process
from lofte.read.yamlio import read

# foraldratraffar: an activity data/ holds no record for (planlagda-insatser has the
# published 2020 outcome since issue 11).
RECORD = ["record", "2020", "foraldratraffar", "--count", "1", "--date", "2020-05-04"]


def _insats_progress(file: Path) -> list[dict[str, object]]:
    data, _ = read(file.read_bytes())
    progress: list[dict[str, object]] = data["promises"][0]["activities"][6].get("progress", [])
    return progress


@pytest.mark.slow
def test_twenty_parallel_writers_all_land(data_copy: Path) -> None:
    file = data_copy / "2020.yaml"
    old = file.read_bytes()
    env = {**os.environ, "COLUMNS": "80"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "lofte", *RECORD, "--note", f"process {i}"],
            cwd=data_copy.parent,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(20)
    ]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else b"") for p in procs]
    for proc in procs:
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
    assert results == [(0, b"")] * 20
    notes = sorted(str(r["note"]) for r in _insats_progress(file))
    assert notes == sorted(f"process {i}" for i in range(20))
    new = file.read_bytes()
    assert new.startswith(old[: old.index(b"\n\nexpected_effects:")])
    assert new.endswith(old[old.index(b"\n\nexpected_effects:") :])
    assert run_cli("validate", cwd=data_copy.parent).out == "checked 6 files: no problems\n"
    assert not [p.name for p in data_copy.iterdir() if p.name.endswith(".tmp")]


# The writer process: the real command line, with one step of the write made fatal.
# The patch lives only in this child process; the product code has no hook for it.
KILLER = """
import os, signal, sys
point = sys.argv[1]
calls = {"fsync": 0}
real_fsync, real_replace = os.fsync, os.replace

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def fsync(fd):
    calls["fsync"] += 1
    if point == "before-temp-fsync" and calls["fsync"] == 1:
        die()
    if point == "before-directory-fsync" and calls["fsync"] == 2:
        die()
    real_fsync(fd)

def replace(src, dst):
    if point == "before-replace":
        die()
    real_replace(src, dst)

os.fsync, os.replace = fsync, replace
from lofte.cli import main
sys.argv = ["lofte", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize(
    ("point", "survivor"),
    [("before-temp-fsync", "old"), ("before-replace", "old"), ("before-directory-fsync", "new")],
)
def test_a_writer_killed_mid_write_leaves_the_old_or_the_new_file(
    point: str, survivor: str, data_copy: Path, tmp_path: Path
) -> None:
    # The bytes a completed write produces, from a twin copy.
    twin = tmp_path / "twin"
    shutil.copytree(data_copy, twin / "data")
    assert run_process(*RECORD, cwd=twin).code == 0
    new = (twin / "data" / "2020.yaml").read_bytes()

    file = data_copy / "2020.yaml"
    old = file.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, point, *RECORD],
        cwd=data_copy.parent,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == -signal.SIGKILL
    assert file.read_bytes() == {"old": old, "new": new}[survivor]
    leftovers = [p for p in data_copy.iterdir() if p.name.endswith(".tmp")]
    if point == "before-replace":
        # Killed between the fsynced write and the replace: the complete new
        # file waits beside the untouched old one.
        assert [p.read_bytes() for p in leftovers] == [new]
    # The lock died with the writer: the next record goes through.
    assert run_cli(*RECORD, cwd=data_copy.parent).code == 0
    assert len(_insats_progress(file)) == (1 if survivor == "old" else 2)


def test_a_symlinked_data_file_stays_a_link_to_the_updated_target(
    data_copy: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    store.mkdir()
    target = store / "medborgarlofte-2020.yaml"
    (data_copy / "2020.yaml").rename(target)
    (data_copy / "2020.yaml").symlink_to(target)
    target.chmod(0o640)

    assert run_cli(*RECORD, cwd=data_copy.parent).code == 0
    link = data_copy / "2020.yaml"
    assert link.is_symlink() and link.resolve() == target
    assert len(_insats_progress(target)) == 1
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert (store / ".medborgarlofte-2020.yaml.lock").is_file()  # beside the real file


@pytest.mark.parametrize("mode", [0o600, 0o644, 0o664])
def test_the_file_mode_is_kept(data_copy: Path, mode: int) -> None:
    file = data_copy / "2020.yaml"
    file.chmod(mode)
    inode = file.stat().st_ino
    assert run_cli(*RECORD, cwd=data_copy.parent).code == 0
    assert stat.S_IMODE(file.stat().st_mode) == mode
    assert file.stat().st_ino != inode  # replaced, not rewritten in place
    assert sorted(p.name for p in data_copy.iterdir() if p.name.startswith(".")) == [
        ".2020.yaml.lock"
    ]


def test_the_crash_script_is_the_real_command(data_copy: Path) -> None:
    # Without a fatal point the patched process writes normally: the test above
    # kills the real code path, not a stand-in.
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, "none", *RECORD],
        cwd=data_copy.parent,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert proc.returncode == 0, proc.stderr
    assert len(_insats_progress(data_copy / "2020.yaml")) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write read-only files")
def test_a_read_only_file_is_refused(data_copy: Path) -> None:
    file = data_copy / "2020.yaml"
    file.chmod(0o444)
    old = file.read_bytes()
    result = run_cli(*RECORD, cwd=data_copy.parent)
    assert (result.code, result.err) == (
        1,
        "data/2020.yaml:1:1: cannot write: the file is read-only\n",
    )
    assert file.read_bytes() == old


def test_a_file_the_user_may_not_write_is_refused(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same refusal as above, where the tests run as root.
    monkeypatch.setattr("lofte.record._writable", lambda path: False)
    old = (data_copy / "2020.yaml").read_bytes()
    result = run_cli(*RECORD, cwd=data_copy.parent)
    assert (result.code, result.err) == (
        1,
        "data/2020.yaml:1:1: cannot write: the file is read-only\n",
    )
    assert (data_copy / "2020.yaml").read_bytes() == old


def test_an_unwritable_directory_is_reported_not_raised(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stands for a directory the user may not write in (tests may run as root).
    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied", str(data_copy / ".2020.yaml.lock"))

    monkeypatch.setattr("lofte.write.atomic.os.open", refuse)
    old = (data_copy / "2020.yaml").read_bytes()
    result = run_cli(*RECORD, cwd=data_copy.parent)
    assert result.code == 1
    assert result.err == (
        "data/2020.yaml:1:1: cannot write: [Errno 13] Permission denied: "
        f"'{data_copy / '.2020.yaml.lock'}'\n"
    )
    assert (data_copy / "2020.yaml").read_bytes() == old
