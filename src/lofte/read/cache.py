"""A content-keyed cache of what the hardened reader made of a file (as mypy and ruff keep).

What is cached, and why it cannot hide a problem:

* Only the *reader's* output for bytes it accepted: the plain data of a file.
  A file the reader refuses is never stored, so it is read, and reported,
  every time.  The models and the cross-file rules run on the data, so an
  entry can save a parse but never make a file valid.
* With ``documents`` (`lofte status`), also the validated document of a file
  that validated, in a second table: its key adds the source of `model.py`
  and the pydantic and pydantic-core versions, so an entry is exactly what
  validating these bytes with this code gives, and the cross-file rules
  still run on it every time.  It is stored as views (`lofte.modelbase`:
  plain objects with the models' fields and methods), pickled, so a start
  that finds it builds no pydantic model at all, and read back only as those
  views (`lofte.read.pickled`).
* The key is the SHA-256 of the file's bytes together with a fingerprint of
  the reader: the lofte version, the source of the modules that decide what
  a file means (`yamlio`, `fastread`, `resolve`), the Python version and
  PyYAML's (`reader_fingerprint`).  Editing the file or upgrading any of these
  makes a new key, so an entry is never stale; it is simply not found.
* Each entry is authenticated: an HMAC-SHA-256 over its key and payload, with
  a secret that is *not* in the cache directory (`cache_secret`).  A cache
  directory is often shared more widely than the data (a CI cache restored
  across branches); whoever can write it could otherwise store a consistent
  entry with other data and make a broken file look valid.  An entry whose
  MAC does not check (forged, cut short, a flipped bit, made under another
  secret) is ignored, and the file is read afresh.

The secret is ``$LOFTE_CACHE_KEY`` when set (in CI, from a secret of the CI
system), else 32 random bytes in ``$XDG_STATE_HOME/lofte/cache-key`` (default
``~/.local/state/lofte/cache-key``), made on first use with mode 0600 and used
only while it is a regular file of this user that nobody else may read.
Without a usable secret there is no cache.

Entries live in one SQLite file, ``.lofte-cache/parse.sqlite3`` (or under
``LOFTE_CACHE_DIR``): one file per entry cost a millisecond each to create
here, more than parsing the file.  New entries are written in one
transaction at the end of a run, without an fsync (WAL, ``synchronous=NORMAL``):
a cache needs integrity, which the MACs give, not durability.  A cache
that cannot be opened or written (read-only checkout, a locked or damaged
database) is skipped, never an error; one that is not a database at all is
started afresh.
``--no-cache`` or ``LOFTE_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import sqlite3
import stat
import sys
from pathlib import Path
from typing import Any

_FORMAT = b"lofte parse cache 3\n"
_DOCUMENTS_FORMAT = b"lofte document cache 2\n"
_DATABASE = "parse.sqlite3"
_GITIGNORE = "# Created by lofte: a cache, never committed.\n*\n"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# lofte parse cache\n"


def reader_fingerprint() -> bytes:
    """What the reader's output depends on, besides the file's bytes.

    Known without importing PyYAML (7 ms of every start, which a cache hit
    should not pay): its ``__init__.py``, which holds its version, and the
    name, size and time of its compiled libyaml binding, which the PyYAML
    wheels link libyaml into.  A PyYAML built against a shared system libyaml
    is not told apart by that library's version; an upgrade of either package
    replaces the binding's file, and the key with it.
    """
    from lofte import __version__

    digest = hashlib.sha256(_FORMAT)
    digest.update(" ".join((__version__, sys.version)).encode())
    digest.update(_package_identity("yaml"))
    here = Path(__file__).parent
    for name in ("yamlio.py", "fastread.py", "resolve.py"):
        digest.update((here / name).read_bytes())
    return digest.digest()


def models_fingerprint(reader: bytes) -> bytes:
    """What a validated document depends on, besides the file's bytes: the reader and the models."""
    import pydantic_core
    from pydantic.version import VERSION

    digest = hashlib.sha256(_DOCUMENTS_FORMAT + reader)
    digest.update(" ".join((VERSION, pydantic_core.__version__)).encode())
    for name in ("model.py", "modelbase.py"):
        digest.update((Path(__file__).parent.parent / name).read_bytes())
    return digest.digest()


def _package_identity(name: str) -> bytes:
    """A package's ``__init__.py`` and the size and time of each compiled module beside it."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:  # pragma: no cover - a dependency is missing
        return b"missing " + name.encode()
    init = Path(spec.origin)
    parts = [init.read_bytes()]
    for binary in sorted(init.parent.glob("_*.*")):
        if binary.suffix in (".so", ".pyd"):
            info = binary.stat()
            parts.append(f"{binary.name} {info.st_size} {info.st_mtime_ns}".encode())
    return b"\n".join(parts)


_SECRET_BYTES = 32


def cache_secret() -> bytes | None:
    """The secret that authenticates cache entries, or None (then nothing is cached)."""
    given = os.environ.get("LOFTE_CACHE_KEY")
    if given:
        return hashlib.sha256(b"lofte cache key\n" + given.encode()).digest()
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    path = Path(state) / "lofte" / "cache-key"
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".cache-key.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        try:
            os.write(fd, os.urandom(_SECRET_BYTES))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # atomic, and never over a secret another process made
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
        return _read_secret(path)
    except OSError:
        return None


def _read_secret(path: Path) -> bytes | None:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_uid != os.getuid()
            or info.st_mode & 0o077
            or info.st_size != _SECRET_BYTES
        ):
            return None
        secret = os.read(fd, _SECRET_BYTES)
    finally:
        os.close(fd)
    return secret if len(secret) == _SECRET_BYTES else None


class ParseCache:
    """Plain data (and, with ``documents``, validated documents) by the bytes they were read
    from, in one SQLite file under ``directory``."""

    def __init__(self, directory: Path, *, documents: bool = False) -> None:
        self.directory = directory
        self.fingerprint = reader_fingerprint()
        #: Also keep validated documents (`get_loaded`): for the commands that
        #: open one period and must start fast (`status`, `record`).
        self.documents = documents
        self._models: bytes | None = None
        self._secret = cache_secret()
        self._pending: list[tuple[bytes, bytes, bytes, bytes]] = []
        self._pending_documents: list[tuple[bytes, bytes, bytes, bytes]] = []
        self._db: sqlite3.Connection | None = (
            self._open(create=False) if self._secret is not None else None
        )

    def _key(self, raw: bytes) -> bytes:
        return hashlib.sha256(self.fingerprint + raw).digest()

    def _mac(self, key: bytes, payload: bytes) -> bytes:
        assert self._secret is not None
        return hmac.new(self._secret, key + payload, hashlib.sha256).digest()

    def _payload(self, table: str, key: bytes) -> bytes | None:
        """The payload stored under ``key`` in ``table`` if its MAC checks, else None."""
        assert self._db is not None
        try:
            row = self._db.execute(
                f"SELECT checksum, payload FROM {table} WHERE key = ?",  # table: one of two names
                (key,),
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None or not isinstance(row[0], bytes) or not isinstance(row[1], bytes):
            return None
        mac, payload = row
        return payload if hmac.compare_digest(mac, self._mac(key, payload)) else None

    def get(self, raw: bytes) -> dict[str, Any] | None:
        """The data read from ``raw`` before, or None (absent, unreadable or damaged)."""
        payload = self._payload("entries", self._key(raw)) if self._db is not None else None
        if payload is None:
            return None
        import json

        try:
            data = json.loads(payload)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def put(self, raw: bytes, data: dict[str, Any]) -> None:
        """Remember the data read from ``raw``; written to disk by `flush`.

        A cache of documents keeps the data with each document that validates
        (`put_loaded`), so it does not store it twice.
        """
        if self._secret is None or self.documents:
            return
        import json

        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        key = self._key(raw)
        self._pending.append((key, self.fingerprint, self._mac(key, payload), payload))

    def _document_key(self, raw: bytes) -> bytes:
        if self._models is None:
            self._models = models_fingerprint(self.fingerprint)
        return hashlib.sha256(self._models + raw).digest()

    def get_loaded(self, raw: bytes) -> tuple[dict[str, Any], Any] | None:
        """The data and the validated document (as views) made of ``raw`` before, or None.

        Only a document that validated is ever stored, and its key holds the
        source of the models and the pydantic versions as well as the reader's
        fingerprint, so an entry is what validating these bytes gives now.  The
        cross-file rules still run on it every time.
        """
        if self._db is None or not self.documents:
            return None
        payload = self._payload("documents", self._document_key(raw))
        if payload is None:
            return None
        from lofte.read.pickled import loads

        found = loads(payload)
        if not isinstance(found, tuple) or len(found) != 2 or not isinstance(found[0], dict):
            return None
        return found[0], found[1]

    def put_loaded(self, raw: bytes, data: dict[str, Any], document: Any) -> None:
        """Remember the document validated from ``raw``; written to disk by `flush`."""
        if self._secret is None or not self.documents:
            return
        import pickle

        from lofte.modelbase import as_view

        # As views: plain objects a start reads without building any pydantic model.
        payload = pickle.dumps((data, as_view(document)), protocol=pickle.HIGHEST_PROTOCOL)
        key = self._document_key(raw)
        assert self._models is not None
        self._pending_documents.append((key, self._models, self._mac(key, payload), payload))

    def flush(self) -> None:
        """Write the new entries in one transaction; silently skipped if that cannot be done."""
        pending, self._pending = self._pending, []
        documents, self._pending_documents = self._pending_documents, []
        if not pending and not documents:
            return
        db = self._db or self._open(create=True)
        if db is None:
            return
        self._db = db
        try:
            with db:
                if pending:
                    db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", pending)
                    # Entries of another reader can never be found again.
                    db.execute("DELETE FROM entries WHERE reader != ?", (self.fingerprint,))
                if documents:
                    db.executemany(
                        "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)", documents
                    )
                    db.execute("DELETE FROM documents WHERE models != ?", (self._models,))
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
                db.execute(
                    "CREATE TABLE IF NOT EXISTS documents (key BLOB PRIMARY KEY, "
                    "models BLOB NOT NULL, checksum BLOB NOT NULL, payload BLOB NOT NULL)"
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
        if self._secret is None:
            return
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
