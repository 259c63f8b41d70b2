"""A whole folder written at once: built beside its target, then swapped in.

`lofte site` writes thousands of files.  They go into a hidden temporary
folder next to the target (the same file system, so the swap is a rename);
only when every file is written is the new folder swapped with the old one.
An interrupted build (an error, Ctrl-C, a killed process) leaves the old site
whole: at worst a hidden ``.NAME.build-*`` folder is left beside it.

The swap is one ``renameat2(RENAME_EXCHANGE)`` on Linux, so no reader ever
sees the target missing; elsewhere the old folder is renamed aside and the
new one renamed in (two renames: the target is missing for an instant, never
half-written).  The folder is marked as lofte's with a ``.lofte-site`` file,
and a non-empty folder without that mark is never replaced: ``-o data``
must not delete a data directory.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from lofte.errors import LofteError

#: The file that marks a folder as one `lofte site` wrote (and may replace).
MARK = ".lofte-site"
MARK_TEXT = "Written by `lofte site`; the whole folder is replaced on the next build.\n"


def replaceable(target: Path) -> str | None:
    """Why ``target`` cannot become the site, or None when it can."""
    if target.is_symlink() and not target.exists():
        return "is a broken symbolic link"
    if target.exists() and not target.is_dir():
        return "is a file, not a folder; the site is a folder of pages"
    if target.is_dir() and any(target.iterdir()) and not (target / MARK).is_file():
        return (
            f"is a folder lofte site did not write (it has no {MARK}); choose a new or empty folder"
        )
    return None


class Tree:
    """The folder being built: write files by their path relative to its root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = 0
        # A list here records every path written, with the SHA-256 of its bytes.
        self.written: list[tuple[str, str]] | None = None
        self._made: set[str] = set()

    def write(self, relative: str, content: str | bytes) -> None:
        """Write one file (``a/b.html``); its folders are made as needed."""
        path = self.root / relative
        parent = os.path.dirname(relative)
        if parent and parent not in self._made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(parent)
        data = content.encode("utf-8") if isinstance(content, str) else content
        with open(path, "wb") as handle:
            handle.write(data)
        self.files += 1
        if self.written is not None:
            import hashlib

            self.written.append((relative, hashlib.sha256(data).hexdigest()))


@contextlib.contextmanager
def building(target: Path) -> Iterator[Tree]:
    """Build a folder beside ``target`` and swap it in when the block ends without error.

    The caller checks `replaceable` first; an exception in the block removes
    the half-built folder and leaves ``target`` as it was.
    """
    if target.is_symlink():
        target = target.resolve()  # the folder a link names is replaced, the link kept
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=parent))
    try:
        tree = Tree(build)
        tree.write(MARK, MARK_TEXT)
        yield tree
        _swap(build, target)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise


def _swap(build: Path, target: Path) -> None:
    os.chmod(build, 0o755)  # mkdtemp makes it private; a site is published
    if not target.exists():
        os.replace(build, target)
        return
    if _exchange(build, target):
        shutil.rmtree(build)  # now the old site
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    try:
        os.replace(target, old / "site")
        os.replace(build, target)
    except OSError as exc:
        raise LofteError(f"{target}: cannot swap in the new site: {exc.strerror or exc}") from None
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where that is not available."""
    import ctypes
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):  # pragma: no cover - other systems
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # pragma: no cover - old C library
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(
        at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), ctypes.c_uint(rename_exchange)
    )
    return bool(result == 0)


__all__ = ["MARK", "Tree", "building", "replaceable"]
