"""Safe writes: a file is either its old bytes or its new bytes, never anything between.

`locked` serialises read–modify–write cycles on one file across processes;
`replace_bytes` swaps in new content the way editors and git do: a temporary
file in the same directory, fsynced, renamed over the target, the directory
fsynced.  Both resolve symlinks first, so a linked data file stays a link and
two links to one file share one lock.  A target that is not a regular file (a
FIFO, ``/dev/null``, a terminal) is written into, never renamed over.
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


def lock_target(path: Path) -> Path:
    """What `locked` locks for ``path``: the directory holding the resolved file."""
    return path.resolve().parent


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock for ``path`` for the duration of the block.

    The lock is a ``flock`` on the directory that holds the (resolved) file,
    opened read-only: no lock file is made, so nothing is left beside the data
    and nothing in the repository (a committed symlink, say) can redirect it.
    Not the data file itself: `os.replace` gives it a new inode, so a lock on
    the old inode would not stop the next process that opens the new one.
    The directory keeps its inode, so every writer meets on the same lock;
    writes to different files of one directory wait for each other, which
    costs nothing at the pace records are made.
    """
    fd = os.open(lock_target(path), os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
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
    try:
        # Through the path as given: `/dev/stdout` is a link to `/proc/self/fd/1`,
        # which names a pipe ("pipe:[123]") that no resolved path reaches.
        given = path.stat()
    except FileNotFoundError:
        given = None
    if given is not None and not stat.S_ISREG(given.st_mode):
        _write_into(path, given, data)
        return
    target = path.resolve()
    try:
        old: os.stat_result | None = target.stat()
    except FileNotFoundError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        _write_into(target, old, data)
        return
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


def _write_into(target: Path, old: os.stat_result, data: bytes) -> None:
    """Write into a FIFO or a device as the shell's ``>`` does; a rename would replace it.

    A directory (or a socket, which cannot be opened) is refused.  A FIFO
    blocks until something reads it, as it does for any writer.
    """
    if stat.S_ISDIR(old.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(target))
    if not (stat.S_ISFIFO(old.st_mode) or stat.S_ISCHR(old.st_mode)):
        raise OSError(errno.EINVAL, "not a regular file, a FIFO or a character device")
    fd = os.open(target, os.O_WRONLY | os.O_CLOEXEC)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


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
    try:
        parent = path.resolve().parent
    except (OSError, RuntimeError):  # a symlink loop
        raise LofteError(f"{path}: cannot write: too many levels of symbolic links") from None
    if not parent.is_dir():
        raise LofteError(f"{path}: directory {path.parent} does not exist")
    try:
        replace_bytes(path, text.encode("utf-8"))
    except OSError as exc:
        raise LofteError(f"{path}: cannot write: {exc.strerror or exc}") from None


def replace_many(files: list[tuple[Path, bytes, bytes]]) -> None:
    """Replace several files with new bytes, all of them or, as far as a machine allows, none.

    ``files`` holds (path, old bytes, new bytes).  First every new file is
    written to a temporary file beside its target and fsynced; a failure there
    (a full disk, a read-only directory) removes the temporary files and
    changes nothing.  Then each is renamed over its target.  A rename in the
    same directory fails only in rare cases (the directory made read-only in
    the meantime); then the files already renamed are put back to their old
    bytes, each again atomically, before the error is raised.  If even that
    fails, the `LofteError` names the files that hold new content.  A crash
    (power cut) between two renames can leave the first files new and the
    rest old: each file is whole, but not the set; `git diff` shows which.
    """
    staged: list[tuple[Path, Path, bytes]] = []
    try:
        for path, old, new in files:
            target = path.resolve()
            staged.append((target, _stage(target, new), old))
    except BaseException:
        for _, tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        raise
    done: list[tuple[Path, bytes]] = []
    try:
        for target, tmp, old in staged:
            os.replace(tmp, target)
            done.append((target, old))
    except OSError as exc:
        for _, tmp, _ in staged[len(done) :]:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        kept: list[str] = []
        for target, old in done:
            try:
                replace_bytes(target, old)
            except OSError:
                kept.append(str(target))
        if kept:
            raise LofteError(
                f"cannot write {exc.filename or ''}: {exc.strerror or exc}; these files were "
                f"written and could not be put back: {', '.join(kept)}"
            ) from None
        raise
    for directory in sorted({target.parent for target, _, _ in staged}):
        _fsync_directory(directory)


def _stage(target: Path, data: bytes) -> Path:
    """``data`` in a fsynced temporary file beside ``target``, with ``target``'s mode and owner."""
    old = target.stat()
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(old.st_mode))
        if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
            with contextlib.suppress(PermissionError):
                os.chown(tmp, old.st_uid, old.st_gid)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return tmp


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` completely or not at all, through `replace_bytes`."""
    if not path.resolve().parent.is_dir():
        raise LofteError(f"{path}: directory {path.parent} does not exist")
    try:
        replace_bytes(path, data)
    except OSError as exc:
        raise LofteError(f"{path}: cannot write: {exc.strerror or exc}") from None
