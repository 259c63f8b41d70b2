"""Safe writes: a file is either its old bytes or its new bytes, never anything between.

`locked` serialises read–modify–write cycles on one file across processes;
`replace_bytes` swaps in new content the way editors and git do: a temporary
file in the same directory, fsynced, renamed over the target, the directory
fsynced.  Both resolve symlinks first, so a linked data file stays a link and
two links to one file share one lock.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from lofte.errors import LofteError


def lock_path(path: Path) -> Path:
    """The sidecar lock file of ``path``: ``.<name>.lock`` beside the resolved target."""
    target = path.resolve()
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock for ``path`` for the duration of the block.

    The lock is on a sidecar file, never on the data file itself: `os.replace`
    gives the data file a new inode, so a lock on the old inode would not stop
    the next process that opens the new one.  The sidecar is left in place;
    removing it would let a waiter that already opened it and a newcomer that
    creates a fresh one both believe they hold the lock.
    """
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the flock


def replace_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, replacing the file if it exists.

    A replaced file keeps its permission bits (and owner and group where the
    process may set them); a new one gets what a plain new file would get
    under the umask.  A crash at any point leaves the old file or the new one
    under the name; at worst a stray ``.<name>.*.tmp`` beside it.
    """
    target = path.resolve()
    try:
        old: os.stat_result | None = target.stat()
    except FileNotFoundError:
        old = None
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file 0600, which would hide a published report.
        os.chmod(tmp, stat.S_IMODE(old.st_mode) if old else 0o666 & ~_umask())
        if old and (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
            with contextlib.suppress(PermissionError):
                os.chown(tmp, old.st_uid, old.st_gid)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_directory(target.parent)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_directory(directory: Path) -> None:
    # The rename lives in the directory entry: without this fsync a power cut
    # right after the replace could bring the old name back.
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems cannot fsync a directory; the replace is done anyway.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` completely or not at all as UTF-8, through `replace_bytes`."""
    if not path.resolve().parent.is_dir():
        raise LofteError(f"{path}: directory {path.parent} does not exist")
    try:
        replace_bytes(path, text.encode("utf-8"))
    except OSError as exc:
        raise LofteError(f"{path}: cannot write: {exc.strerror or exc}") from None
