"""Validated documents in the cache (`lofte status`): a start saved, never a problem hidden."""

from __future__ import annotations

import hashlib
import hmac
import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from lofte.read.cache import ParseCache, cache_secret
from lofte.read.loader import load_file
from lofte.read.pickled import loads


def _documents(cache_dir: Path) -> list[tuple[bytes, bytes, bytes]]:
    if not (cache_dir / "parse.sqlite3").is_file():
        return []
    with sqlite3.connect(cache_dir / "parse.sqlite3") as db:
        rows = list(db.execute("SELECT key, checksum, payload FROM documents"))
    db.close()
    return rows


def _status(cwd: Path, cache: Path, *args: str) -> tuple[int, str]:
    result = run_cli(
        "status", "2020", "--as-of", "2020-12-31", "--cache-dir", str(cache), *args, cwd=cwd
    )
    return result.code, result.out


def test_a_warm_status_prints_exactly_what_a_cold_one_does(data_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = _status(data_copy.parent, cache)
    # The period, its municipality file and its agreement.
    assert len(_documents(cache)) == 3
    warm = _status(data_copy.parent, cache)
    uncached = _status(data_copy.parent, cache, "--no-cache")
    assert cold == warm == uncached
    assert cold[0] == 0 and "Medborgarlöfte" in cold[1]


def test_an_entry_gives_back_the_same_document(data_copy: Path, tmp_path: Path) -> None:
    loaded, problems = load_file(data_copy / "2020.yaml")
    assert loaded is not None and problems == []
    cache = ParseCache(tmp_path, documents=True)
    cache.put_loaded(loaded.raw, loaded.data, loaded.document)
    cache.close()
    hit = ParseCache(tmp_path, documents=True).get_loaded(loaded.raw)
    assert hit is not None
    assert hit[0] == loaded.data
    # The document comes back as a view (lofte.modelbase) with the same values.
    assert type(hit[1]).__name__ == f"{type(loaded.document).__name__}View"
    assert hit[1].dump() == loaded.document.model_dump(mode="json")
    # Only a cache asked for documents keeps or gives them.
    assert ParseCache(tmp_path).get_loaded(loaded.raw) is None


def test_a_file_that_does_not_validate_is_never_stored(data_copy: Path, tmp_path: Path) -> None:
    target = data_copy / "2020.yaml"
    target.write_bytes(target.read_bytes().replace(b"kind: medborgarlofte", b"kind: promise", 1))
    cache = tmp_path / "cache"
    first = _status(data_copy.parent, cache)
    assert first[0] == 1
    # The period does not validate, so status opens nothing else: nothing stored.
    assert _documents(cache) == []
    assert _status(data_copy.parent, cache) == first


def test_an_edited_file_is_validated_afresh(data_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _status(data_copy.parent, cache)[0] == 0
    target = data_copy / "2020.yaml"
    target.write_bytes(target.read_bytes().replace(b"kind: medborgarlofte", b"kind: promise", 1))
    code, out = _status(data_copy.parent, cache)
    assert code == 1
    assert "data/2020.yaml:" in out


def test_a_forged_document_never_hides_an_error(data_copy: Path, tmp_path: Path) -> None:
    # Whoever can write the cache directory stores the good file's document
    # under the bad file's key; without the secret the MAC cannot match.
    cache = tmp_path / "cache"
    assert _status(data_copy.parent, cache)[0] == 0
    target = data_copy / "2020.yaml"
    good = target.read_bytes()
    bad = good.replace(b"kind: medborgarlofte", b"kind: promise", 1)
    key_of = ParseCache(cache, documents=True)._document_key
    good_payload = next(p for k, _, p in _documents(cache) if k == key_of(good))
    with sqlite3.connect(cache / "parse.sqlite3") as db:
        db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?)",
            (key_of(bad), b"models", hashlib.sha256(good_payload).digest(), good_payload),
        )
    db.close()
    target.write_bytes(bad)
    assert _status(data_copy.parent, cache) == _status(data_copy.parent, cache, "--no-cache")
    assert _status(data_copy.parent, cache)[0] == 1


def test_a_damaged_document_is_a_miss(data_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = _status(data_copy.parent, cache)
    with sqlite3.connect(cache / "parse.sqlite3") as db:
        db.execute("UPDATE documents SET payload = substr(payload, 1, 40)")
    db.close()
    assert _status(data_copy.parent, cache) == expected


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("ran code from the cache",))


@pytest.mark.parametrize(
    "payload",
    [
        pickle.dumps(_Boom()),
        pickle.dumps(({}, Path("x"))),
        pickle.dumps(({}, shutil.rmtree)),
        b"not a pickle",
    ],
)
def test_an_entry_naming_anything_but_lofte_models_is_refused(
    payload: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Even with the secret (a leaked CI key), an entry cannot run code: the
    # unpickler resolves only lofte's model classes and dates.
    assert loads(payload) is None
    raw = b"kind: municipality\n"
    cache = ParseCache(tmp_path, documents=True)
    cache.put_loaded(raw, {}, None)
    cache.close()
    key = ParseCache(tmp_path, documents=True)._document_key(raw)
    secret = cache_secret()
    assert secret is not None
    mac = hmac.new(secret, key + payload, hashlib.sha256).digest()
    with sqlite3.connect(tmp_path / "parse.sqlite3") as db:
        db.execute("UPDATE documents SET checksum = ?, payload = ?", (mac, payload))
    db.close()
    assert ParseCache(tmp_path, documents=True).get_loaded(raw) is None
    assert "ran code" not in capsys.readouterr().out


def test_another_version_of_the_models_never_sees_these_entries_and_clears_them(
    data_copy: Path, tmp_path: Path
) -> None:
    loaded, _ = load_file(data_copy / "2020.yaml")
    assert loaded is not None
    cache = ParseCache(tmp_path, documents=True)
    cache.put_loaded(loaded.raw, loaded.data, loaded.document)
    cache.close()
    other = ParseCache(tmp_path, documents=True)
    other._models = b"models of another lofte"
    assert other.get_loaded(loaded.raw) is None
    other.put_loaded(b"kind: municipality\n", {}, None)
    other.close()
    assert len(_documents(tmp_path)) == 1


def test_the_models_fingerprint_follows_the_models_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lofte.read.cache as cache_module

    before = cache_module.models_fingerprint(b"reader")
    assert cache_module.models_fingerprint(b"another reader") != before
    source = Path(cache_module.__file__).parent.parent
    fake = tmp_path / "read" / "cache.py"
    fake.parent.mkdir()
    for name in ("model.py", "modelbase.py"):
        (tmp_path / name).write_bytes((source / name).read_bytes())
    monkeypatch.setattr(cache_module, "__file__", str(fake))
    assert cache_module.models_fingerprint(b"reader") == before  # the same sources
    for name in ("model.py", "modelbase.py"):
        (tmp_path / name).write_bytes((source / name).read_bytes() + b"\n# edited\n")
        assert cache_module.models_fingerprint(b"reader") != before, name
        (tmp_path / name).write_bytes((source / name).read_bytes())


def test_examples_are_stored_and_given_back_alike(tmp_path: Path) -> None:
    from lofte.modelbase import as_view

    for path in sorted(EXAMPLES.glob("positive/*.yaml")):
        loaded, _ = load_file(path)
        if loaded is None:
            continue
        view = as_view(loaded.document)
        payload = pickle.dumps((loaded.data, view), protocol=pickle.HIGHEST_PROTOCOL)
        back = loads(payload)
        assert back is not None, path.name
        assert back[0] == loaded.data, path.name
        assert back[1].dump() == loaded.document.model_dump(mode="json"), path.name
        # A pickle of the pydantic models themselves is refused: only views load.
        models = pickle.dumps(loaded.document, protocol=pickle.HIGHEST_PROTOCOL)
        assert loads(models) is None, path.name
