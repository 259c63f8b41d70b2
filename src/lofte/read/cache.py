"""A content-keyed cache of what the hardened reader made of a file (as mypy and ruff keep).

What is cached, and why it cannot hide a problem:

* Only the *reader's* output for bytes it accepted: the plain data of a file.
  A file the reader refuses is never stored, so it is read, and reported,
  every time.  The models and the cross-file rules always run on the data,
  so an entry can save a parse but never make a file valid.
* The key is the SHA-256 of the file's bytes together with a fingerprint of
  the reader: the lofte version, the source of the modules that decide what
  a file means (`yamlio`, `fastread`), the Python, PyYAML and libyaml
  versions.  Editing the file or upgrading any of these makes a new key, so
  an entry is never stale; it is simply not found.
* Each entry carries the SHA-256 of its own payload, checked on every read.
  A damaged entry (cut short, a flipped bit, not JSON, not a mapping) is
  ignored, and the file is read afresh.

Entries live in one SQLite file, ``.lofte-cache/parse.sqlite3`` (or under
``LOFTE_CACHE_DIR``): one file per entry cost a millisecond each to create
here, more than parsing the file.  New entries are written in one
transaction at the end of a run, without an fsync (WAL, ``synchronous=NORMAL``):
a cache needs integrity, which the checksums give, not durability.  A cache
that cannot be opened or written (read-only checkout, a locked or damaged
database) is skipped, never an error; one that is not a database at all is
started afresh.
``--no-cache`` or ``LOFTE_NO_CACHE=1`` turns it off.  Anyone who can write
into the cache can also write the data files themselves.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

_FORMAT = b"lofte parse cache 1\n"
_DATABASE = "parse.sqlite3"
_GITIGNORE = "# Created by lofte: a cache, never committed.\n*\n"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# lofte parse cache\n"


def reader_fingerprint() -> bytes:
    """What the reader's output depends on, besides the file's bytes."""
    import yaml

    from lofte import __version__
    from lofte.read import fastread, resolve, yamlio

    digest = hashlib.sha256(_FORMAT)
    versions = (__version__, sys.version, yaml.__version__, yaml._yaml.get_version_string())
    digest.update(" ".join(versions).encode())
    for module in (yamlio, fastread, resolve):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.digest()


class ParseCache:
    """Plain data by the bytes it was read from, in one SQLite file under ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.fingerprint = reader_fingerprint()
        self._pending: list[tuple[bytes, bytes, bytes, bytes]] = []
        self._db: sqlite3.Connection | None = self._open(create=False)

    def _key(self, raw: bytes) -> bytes:
        return hashlib.sha256(self.fingerprint + raw).digest()

    def get(self, raw: bytes) -> dict[str, Any] | None:
        """The data read from ``raw`` before, or None (absent, unreadable or damaged)."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT checksum, payload FROM entries WHERE key = ?", (self._key(raw),)
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None or not isinstance(row[1], bytes):
            return None
        checksum, payload = row
        if checksum != hashlib.sha256(payload).digest():
            return None
        try:
            data = json.loads(payload)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def put(self, raw: bytes, data: dict[str, Any]) -> None:
        """Remember the data read from ``raw``; written to disk by `flush`."""
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        checksum = hashlib.sha256(payload).digest()
        self._pending.append((self._key(raw), self.fingerprint, checksum, payload))

    def flush(self) -> None:
        """Write the new entries in one transaction; silently skipped if that cannot be done."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        db = self._db or self._open(create=True)
        if db is None:
            return
        self._db = db
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", pending)
                # Entries of another reader can never be found again.
                db.execute("DELETE FROM entries WHERE reader != ?", (self.fingerprint,))
        except sqlite3.Error:
            return  # locked for too long, disk full, damaged: lofte works without its cache

    def close(self) -> None:
        """Flush, then close the database."""
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None

    def _open(self, *, create: bool) -> sqlite3.Connection | None:
        path = self.directory / _DATABASE
        if not create and not path.is_file():
            return None
        for attempt in (1, 2):
            try:
                if create:
                    self._prepare_directory()
                db = sqlite3.connect(path, timeout=10)
                # A cache needs no durability, only integrity (each entry is
                # checksummed): no fsync at every commit, and readers never
                # wait for the worker that is writing.
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, "
                    "reader BLOB NOT NULL, checksum BLOB NOT NULL, payload BLOB NOT NULL)"
                )
                return db
            except sqlite3.DatabaseError as exc:
                # Not a database at all (OperationalError, e.g. locked, is a
                # subclass and means wait or skip): start the cache afresh, once.
                if type(exc) is not sqlite3.DatabaseError or not create or attempt == 2:
                    return None
                for stale in (path, path.with_name(path.name + "-wal")):
                    stale.unlink(missing_ok=True)
            except OSError:
                return None
        return None  # pragma: no cover - the loop always returns

    def create(self) -> None:
        """Create the database now, before workers are forked to share it.

        Two processes creating the same new SQLite file at once lost one's
        first batch of entries now and then (seen in tests, no error raised);
        created once by the parent, the workers only ever open it.
        """
        db = self._db or self._open(create=True)
        if db is not None:
            db.close()
        self._db = None

    def _prepare_directory(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        # Keep it out of git and out of backups, as ruff and mypy do.
        for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _TAG)):
            marker = self.directory / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")
