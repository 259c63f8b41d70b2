"""The parse cache saves parses and never hides a problem, however its entries go wrong."""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from lofte.read.cache import ParseCache
from lofte.read.yamlio import read

NEGATIVE = sorted((EXAMPLES / "negative").glob("*.yaml"))


def _entries(cache_dir: Path) -> list[tuple[bytes, bytes, bytes]]:
    with sqlite3.connect(cache_dir / "parse.sqlite3") as db:
        return list(db.execute("SELECT key, checksum, payload FROM entries"))


def _rewrite_payloads(cache_dir: Path, change: object, *, fix_checksum: bool = False) -> None:
    db = sqlite3.connect(cache_dir / "parse.sqlite3")
    with db:
        for key, _, payload in list(db.execute("SELECT key, checksum, payload FROM entries")):
            new = change(payload) if callable(change) else payload
            checksum = hashlib.sha256(new).digest() if fix_checksum else _
            db.execute(
                "UPDATE entries SET checksum = ?, payload = ? WHERE key = ?", (checksum, new, key)
            )
    db.close()


def test_a_warm_run_reports_exactly_what_a_cold_run_does(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LOFTE_CACHE_DIR")  # the default: .lofte-cache where lofte runs
    for path in NEGATIVE:
        shutil.copy(path, example_dir)
    cwd = example_dir.parent
    cold = run_cli("validate", cwd=cwd)
    assert (cwd / ".lofte-cache" / "parse.sqlite3").is_file()
    warm = run_cli("validate", cwd=cwd)
    uncached = run_cli("validate", "--no-cache", cwd=cwd)
    assert warm.out == cold.out == uncached.out
    assert warm.code == cold.code == 1


def test_only_files_the_reader_accepts_are_stored(example_dir: Path, tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "negative" / "syntax-2020.yaml", example_dir)
    shutil.copy(EXAMPLES / "negative" / "unknown-key-2020.yaml", example_dir)
    cache = tmp_path / "cache"
    first = run_cli("validate", "--cache-dir", str(cache), cwd=example_dir.parent)
    # municipality, agreement and the unknown-key file parse; the syntax error does not.
    assert len(_entries(cache)) == 3
    second = run_cli("validate", "--cache-dir", str(cache), cwd=example_dir.parent)
    assert "syntax-2020.yaml" in second.out
    assert second.out == first.out


def test_an_edited_file_is_read_afresh(example_dir: Path) -> None:
    target = example_dir / "2020.yaml"
    shutil.copy(EXAMPLES / "positive" / "full-2020.yaml", target)
    cwd = example_dir.parent
    assert run_cli("validate", "2020", cwd=cwd).code == 0
    target.write_bytes(target.read_bytes().replace(b"count: 2\n", b"count: two\n"))
    result = run_cli("validate", "2020", cwd=cwd)
    assert result.code == 1
    assert "expected a whole number, got 'two'" in result.out


def test_a_forged_entry_never_hides_an_error(
    example_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 16: whoever can write the cache directory (a CI cache shared across
    # branches) stored data with a consistent checksum, and `at_least: -5`
    # validated.  Entries are authenticated with a secret kept outside it.
    target = example_dir / "2020.yaml"
    shutil.copy(EXAMPLES / "positive" / "full-2020.yaml", target)
    raw = target.read_bytes()
    bad = raw.replace(b"at_least: 2,", b"at_least: -5,", 1)
    assert bad != raw
    cache = tmp_path / "cache"
    args = ("validate", "--cache-dir", str(cache), "data/2020.yaml")
    assert run_cli(*args, cwd=example_dir.parent).code == 0
    # The forger stores the good file's data under the bad file's key, with a
    # checksum over that payload: what the format-1 cache accepted.
    good_payload = next(p for _, _, p in _entries(cache) if b"medborgarlofte" in p)
    reader = ParseCache(cache).fingerprint
    forged_key = hashlib.sha256(reader + bad).digest()
    with sqlite3.connect(cache / "parse.sqlite3") as db:
        db.execute(
            "INSERT INTO entries VALUES (?, ?, ?, ?)",
            (forged_key, reader, hashlib.sha256(good_payload).digest(), good_payload),
        )
    db.close()
    target.write_bytes(bad)
    result = run_cli(*args, cwd=example_dir.parent)
    uncached = run_cli(*args, "--no-cache", cwd=example_dir.parent)
    assert result.code == uncached.code == 1
    assert result.out == uncached.out
    assert "data/2020.yaml:" in result.out


def test_an_entry_under_another_secret_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = b"kind: municipality\nname: X\n"
    monkeypatch.setenv("LOFTE_CACHE_KEY", "one")
    cache = ParseCache(tmp_path)
    cache.put(raw, {"kind": "municipality", "name": "X"})
    cache.flush()
    assert ParseCache(tmp_path).get(raw) == {"kind": "municipality", "name": "X"}
    monkeypatch.setenv("LOFTE_CACHE_KEY", "two")
    assert ParseCache(tmp_path).get(raw) is None


def test_the_secret_is_made_once_private_and_outside_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import stat

    from lofte.read.cache import cache_secret

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    first = cache_secret()
    key = tmp_path / "state" / "lofte" / "cache-key"
    assert first is not None and len(first) == 32
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert cache_secret() == first
    key.chmod(0o644)  # readable by others: not a secret any more, so no cache
    assert cache_secret() is None
    key.chmod(0o600)
    key.unlink()
    key.symlink_to(tmp_path / "elsewhere")
    assert cache_secret() is None
    assert not (tmp_path / "elsewhere").exists()
    assert sorted(os.listdir(tmp_path / "state" / "lofte")) == ["cache-key"]


def test_a_damaged_entry_never_hides_an_error(example_dir: Path, tmp_path: Path) -> None:
    # The file has an unknown key; its entry is doctored to drop that key,
    # as a flipped bit might.  The checksum no longer matches: it is read afresh.
    shutil.copy(EXAMPLES / "negative" / "unknown-key-2020.yaml", example_dir)
    cache = tmp_path / "cache"
    args = ("validate", "--cache-dir", str(cache), "data/unknown-key-2020.yaml")
    before = run_cli(*args, cwd=example_dir.parent)
    assert before.code == 1
    _rewrite_payloads(cache, lambda p: p.replace(b'"responsibel"', b'"responsible"'))
    after = run_cli(*args, cwd=example_dir.parent)
    assert after.out == before.out


@pytest.mark.parametrize(
    "payload",
    [b"", b"{", b"[1, 2]", b'"text"', b"\xff\xfe", b'{"kind": "municipality"'],
    ids=["empty", "cut-short", "a-list", "a-string", "not-utf8", "truncated"],
)
def test_an_entry_that_is_not_a_mapping_is_a_miss(tmp_path: Path, payload: bytes) -> None:
    raw = b"kind: municipality\nname: X\n"
    cache = ParseCache(tmp_path)
    cache.put(raw, {"kind": "municipality", "name": "X"})
    cache.flush()
    # Even with a checksum that matches, a payload that is not a JSON mapping is no entry.
    _rewrite_payloads(tmp_path, lambda _: payload, fix_checksum=True)
    assert ParseCache(tmp_path).get(raw) is None


def test_a_database_that_is_not_one_is_started_afresh(example_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "parse.sqlite3").write_bytes(b"this is not a database" * 100)
    result = run_cli("validate", "--cache-dir", str(cache), cwd=example_dir.parent)
    assert (result.code, result.out) == (0, "checked 2 files: no problems\n")
    assert len(_entries(cache)) == 2


def test_an_unwritable_cache_is_skipped(example_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = run_cli("validate", "--cache-dir", str(blocker / "cache"), cwd=example_dir.parent)
    assert (result.code, result.out) == (0, "checked 2 files: no problems\n")


def test_another_reader_never_sees_these_entries_and_clears_them(tmp_path: Path) -> None:
    raw = b"kind: municipality\nname: X\n"
    cache = ParseCache(tmp_path)
    cache.put(raw, {"kind": "municipality", "name": "X"})
    cache.close()
    assert ParseCache(tmp_path).get(raw) == {"kind": "municipality", "name": "X"}
    other = ParseCache(tmp_path)
    other.fingerprint = b"another lofte version"
    assert other.get(raw) is None
    other.put(b"kind: municipality\nname: Y\n", {"kind": "municipality", "name": "Y"})
    other.close()
    assert len(_entries(tmp_path)) == 1


def test_the_cache_gives_back_exactly_the_readers_data(tmp_path: Path) -> None:
    raw = b"a: [.inf, -.inf, .nan, -0.0, 1.0, 10, 0x10, 123456789012345678901234567890]\n"
    raw += b"b: {c: ~, d: true, e: 'no', f: \"\\u00e5\\t\", g: ''}\n"
    data, _ = read(raw)
    cache = ParseCache(tmp_path)
    cache.put(raw, data)
    cache.close()
    got = ParseCache(tmp_path).get(raw)
    assert got is not None
    assert json.dumps(got) == json.dumps(data)
    assert [type(x) for x in got["a"]] == [type(x) for x in data["a"]]
    assert math.isnan(got["a"][2]) and math.copysign(1, got["a"][3]) == -1


def test_no_cache_writes_nothing(example_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOFTE_CACHE_DIR")
    cwd = example_dir.parent
    assert run_cli("validate", "--no-cache", cwd=cwd).code == 0
    assert run_cli("validate", cwd=cwd, env={"LOFTE_NO_CACHE": "1"}).code == 0
    assert not (cwd / ".lofte-cache").exists()


def test_the_cache_directory_keeps_itself_out_of_git(
    example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LOFTE_CACHE_DIR")
    cwd = example_dir.parent
    run_cli("validate", cwd=cwd)
    assert (cwd / ".lofte-cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (cwd / ".lofte-cache" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f59")


def test_workers_share_one_cache(tmp_path: Path) -> None:
    from conftest import benchmark_module

    root = tmp_path / "corpus"
    paths = benchmark_module("corpus").write_corpus(root, 12)
    args = ["validate", "-j", "2", "--cache-dir", str(tmp_path / "cache")]
    args += [str(p.relative_to(tmp_path)) for p in paths]
    cold = run_cli(*args, cwd=tmp_path)
    assert len(_entries(tmp_path / "cache")) == len(paths)
    warm = run_cli(*args, cwd=tmp_path)
    assert (
        (warm.code, warm.out)
        == (cold.code, cold.out)
        == (0, f"checked {len(paths)} files: no problems\n")
    )
