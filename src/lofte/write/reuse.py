"""Reusing a folder of an earlier site: what it was built from, proven, then hard-linked.

A tree's site is rebuilt whole, beside the old one (`lofte.write.tree`).  A
municipality whose pages would come out byte for byte the same need not be
rendered again: its files in the old site are linked into the new one (a hard
link: no copy, no new inode).  "The same" is proven, not guessed: the
manifest a build leaves per municipality (``.lofte-reuse/FOLDER.json``) holds
a key, the SHA-256 of everything its pages are made from (every file of its
folder and a fingerprint of the rest: the site's date and languages, the
templates, lofte's own code, the versions of Python and the libraries), and
the list of files it wrote, each with the SHA-256 of its bytes.  Any
difference, a missing file, a file changed since it was written, or a damaged
manifest, and the folder is built again.

The manifests are authenticated with the parse cache's secret (`cache_secret`:
$LOFTE_CACHE_KEY, or a per-user key outside the site), as issue 16 did for the
cache: an output folder is often restored from a CI cache shared more widely
than the data, and a manifest is an instruction to copy files into the next
site.  A forged one (other files, other digests, paths out of the folder)
would otherwise survive every rebuild and be published.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from lofte.write.tree import Tree

#: Where a site keeps its manifests, one per municipality folder.
MANIFESTS = ".lofte-reuse"


class Reused(NamedTuple):
    """A reused folder: its summary (as the build's ``accept`` made it) and the files linked."""

    summary: Any
    files: int


def previous_site(out: Path) -> Path | None:
    """The site at ``out`` that is being replaced, if lofte wrote it with manifests."""
    from lofte.write.tree import MARK

    target = out.resolve() if out.is_symlink() else out
    if (target / MARK).is_file() and (target / MANIFESTS).is_dir():
        return target
    return None


def fingerprint(parts: Iterable[str], trees: Iterable[tuple[str, Path, str]]) -> str:
    """The SHA-256 of ``parts`` and of every file of each ``(label, folder, glob)`` tree."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    for label, root, pattern in trees:
        for path in sorted(root.rglob(pattern)):
            if path.is_file():
                rel = path.relative_to(root).as_posix()
                digest.update(f"{label}/{rel}".encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def folder_key(fingerprint: str, folder: Path) -> str:
    """The fingerprint and every file of the municipality's folder, hashed together."""
    digest = hashlib.sha256(fingerprint.encode("ascii") + b"\0" + folder.name.encode() + b"\0")
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            rel = path.relative_to(folder).as_posix()
            digest.update(rel.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def write_manifest(tree: Tree, folder: str, key: str, summary: dict[str, Any], spill: str) -> None:
    """What the next build needs to reuse ``folder``: its key, files and ``summary``.

    ``tree.written`` lists what the folder's build wrote; the files under
    ``spill`` (kept for the top feed, not part of the site) go into the
    manifest by content.
    """
    written = tree.written or []
    spilled = {}
    for path, _ in written:
        if path.startswith(f"{spill}/"):
            spilled[path.removeprefix(f"{spill}/")] = json.loads(
                (tree.root / path).read_text(encoding="utf-8")
            )
    secret = _secret()
    if secret is None:
        return  # without the secret no manifest could be trusted: nothing is reused
    manifest = {
        "key": key,
        # Each file with the SHA-256 of what was written: one changed since (by hand,
        # or by a later step of a CI job) is not reused.
        "files": [[p, digest] for p, digest in written if not p.startswith(f"{spill}/")],
        "spill": spilled,
        "summary": summary,
    }
    tree.write(f"{MANIFESTS}/{folder}.json", _signed(manifest, secret))


def reuse(
    previous: Path,
    tree: Tree,
    folder: str,
    key: str,
    spill: str,
    accept: Callable[[dict[str, Any]], Any],
) -> Reused | None:
    """``folder``'s files linked from ``previous`` into ``tree`` if proven unchanged; else None.

    Proven: the manifest's MAC checks, its key is ``key``, every path stays
    inside its site, every file is there with the bytes it was written with,
    and ``accept`` makes the build's summary of the stored one (None, or a
    TypeError, ValueError or KeyError, refuses).  All before the first link:
    a refused folder is built again, and a linked file written over would
    change the old site's file too.
    """
    import os
    import shutil

    try:
        manifest = _verified((previous / MANIFESTS / f"{folder}.json").read_text(encoding="utf-8"))
        if manifest is None or manifest.get("key") != key:
            return None
        files = [str(p) for p, _ in manifest["files"]]
        names = [str(name) for name in manifest["spill"]]
        if not all(_inside(previous, p) for p in files) or not all(
            _inside(tree.root / spill, name) for name in names
        ):
            return None
        sources = [previous / p for p in files]
        if not all(p.is_file() and not p.is_symlink() for p in sources):
            return None
        for source, (_, digest) in zip(sources, manifest["files"], strict=True):
            if hashlib.sha256(source.read_bytes()).hexdigest() != digest:
                return None
        summary = accept(dict(manifest["summary"]))
        if summary is None:
            return None
        rows = {str(name): rows for name, rows in manifest["spill"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no manifest, or a damaged one: build the folder again
    before = tree.files
    for rel, source in zip(files, sources, strict=True):
        target = tree.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)  # a file system without hard links
        tree.files += 1
    for name, content in rows.items():
        tree.write(f"{spill}/{name}", json.dumps(content, ensure_ascii=False))
        tree.files -= 1  # not part of the site
    secret = _secret()
    if secret is not None:
        tree.write(f"{MANIFESTS}/{folder}.json", _signed(manifest, secret))
    return Reused(summary, tree.files - before)


def _secret() -> bytes | None:
    from lofte.read.cache import cache_secret

    return cache_secret()


def _body(manifest: dict[str, Any]) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _signed(manifest: dict[str, Any], secret: bytes) -> str:
    import hmac

    mac = hmac.new(secret, _body(manifest), hashlib.sha256).hexdigest()
    return json.dumps({**manifest, "mac": mac}, ensure_ascii=False)


def _verified(text: str) -> dict[str, Any] | None:
    """The manifest in ``text`` if its MAC checks with this user's secret, else None."""
    import hmac

    secret = _secret()
    manifest = json.loads(text)
    if secret is None or not isinstance(manifest, dict):
        return None
    mac = manifest.pop("mac", None)
    good = hmac.new(secret, _body(manifest), hashlib.sha256).hexdigest()
    return manifest if isinstance(mac, str) and hmac.compare_digest(mac, good) else None


def _inside(root: Path, relative: str) -> bool:
    """Whether ``relative`` is a plain relative path that stays inside ``root``."""
    from pathlib import PurePosixPath

    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts or "\\" in relative:
        return False
    return (root / relative).resolve().is_relative_to(root.resolve())


__all__ = ["MANIFESTS", "Reused", "fingerprint", "folder_key", "previous_site", "reuse"]
