"""lofte.write.reuse: a folder of an earlier site is linked only when proven unchanged.

Unit tests of the manifest on made-up files; tests/test_site.py runs the same
through `lofte site` (rebuilds, forged manifests, a missing secret).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from lofte.write.reuse import (
    MANIFESTS,
    fingerprint,
    folder_key,
    previous_site,
    reuse,
    write_manifest,
)
from lofte.write.tree import MARK, Tree

SPILL = ".spill"


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOFTE_CACHE_KEY", "a test key")


def _built(root: Path, key: str = "k1") -> Tree:
    """An old site with one folder ``town`` (two pages, a spill file) and its manifest."""
    root.mkdir()
    tree = Tree(root)
    tree.write(MARK, "")
    tree.written = []
    tree.write("town/index.html", "<p>index</p>")
    tree.write("en/town/index.html", "<p>index</p>")
    tree.write(f"{SPILL}/town.sv.json", json.dumps([{"key": "a"}]))
    write_manifest(tree, "town", key, {"name": "Town", "periods": 2}, SPILL)
    return tree


def _new(tmp_path: Path) -> Tree:
    (tmp_path / "new").mkdir()
    return Tree(tmp_path / "new")


def test_an_unchanged_folder_is_linked_with_its_summary_and_spill(tmp_path: Path) -> None:
    _built(tmp_path / "old")
    assert previous_site(tmp_path / "old") == tmp_path / "old"
    tree = _new(tmp_path)
    reused = reuse(tmp_path / "old", tree, "town", "k1", SPILL, lambda fields: fields)
    assert reused is not None
    assert reused.summary == {"name": "Town", "periods": 2}
    assert reused.files == 3  # two pages and the manifest; the spill file is not in the site
    page = tmp_path / "new" / "town" / "index.html"
    assert os.stat(page).st_ino == os.stat(tmp_path / "old" / "town" / "index.html").st_ino
    spilled = tmp_path / "new" / SPILL / "town.sv.json"
    assert json.loads(spilled.read_text(encoding="utf-8")) == [{"key": "a"}]
    assert (tmp_path / "new" / MANIFESTS / "town.json").is_file()  # for the build after


def _refused(tmp_path: Path, accept: Any = None, key: str = "k1") -> None:
    tree = _new(tmp_path)
    got = reuse(tmp_path / "old", tree, "town", key, SPILL, accept or (lambda fields: fields))
    assert got is None
    assert not (tmp_path / "new" / "town").exists()  # nothing linked
    assert tree.files == 0


def test_another_key_is_refused(tmp_path: Path) -> None:
    _built(tmp_path / "old")
    _refused(tmp_path, key="k2")


@pytest.mark.parametrize("answer", ["none", "TypeError"])
def test_a_summary_the_build_does_not_accept_links_nothing(tmp_path: Path, answer: str) -> None:
    _built(tmp_path / "old")

    def accept(fields: dict[str, Any]) -> Any:
        if answer == "TypeError":
            raise TypeError("unexpected field")
        return None

    _refused(tmp_path, accept)


def test_a_page_changed_since_it_was_written_is_refused(tmp_path: Path) -> None:
    _built(tmp_path / "old")
    (tmp_path / "old" / "en" / "town" / "index.html").write_text("<p>edited</p>")
    _refused(tmp_path)


def test_a_manifest_signed_with_another_secret_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOFTE_CACHE_KEY", "someone else's key")
    _built(tmp_path / "old")
    monkeypatch.setenv("LOFTE_CACHE_KEY", "a test key")
    _refused(tmp_path)


@pytest.mark.parametrize("text", ["{", "[]", '{"key": "k1"}', ""])
def test_a_damaged_manifest_is_refused(tmp_path: Path, text: str) -> None:
    _built(tmp_path / "old")
    (tmp_path / "old" / MANIFESTS / "town.json").write_text(text, encoding="utf-8")
    _refused(tmp_path)


def test_without_a_secret_no_manifest_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lofte.read.cache

    monkeypatch.setattr(lofte.read.cache, "cache_secret", lambda: None)
    _built(tmp_path / "old")
    assert not (tmp_path / "old" / MANIFESTS).exists()
    assert previous_site(tmp_path / "old") is None


def test_the_keys_change_with_any_byte(tmp_path: Path) -> None:
    folder = tmp_path / "town"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.yaml").write_text("a: 1\n")
    code = tmp_path / "code"
    code.mkdir()
    (code / "m.py").write_text("x = 1\n")
    first = fingerprint(["2024-06-01"], [("code", code, "*.py")])
    assert first == fingerprint(["2024-06-01"], [("code", code, "*.py")])
    assert first != fingerprint(["2024-06-02"], [("code", code, "*.py")])
    key = folder_key(first, folder)
    (folder / "sub" / "a.yaml").write_text("a: 2\n")
    assert folder_key(first, folder) != key
    (code / "m.py").write_text("x = 2\n")
    assert fingerprint(["2024-06-01"], [("code", code, "*.py")]) != first
