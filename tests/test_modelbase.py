"""The cache's views of a document say exactly what the pydantic models say (lofte.modelbase)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, EXAMPLES, ROOT
from lofte.modelbase import VIEWS, View, as_view, dump
from lofte.read.loader import load_file

FILES = sorted(
    {
        *DATA.glob("*.yaml"),
        *(ROOT / "examples").glob("*.yaml"),
        *(EXAMPLES / "positive").glob("*.yaml"),
        *(EXAMPLES / "common").glob("*.yaml"),
        *(ROOT / "tests" / "fixtures").rglob("*.yaml"),
    }
)


def _documents() -> list[tuple[str, Any]]:
    found = []
    for path in FILES:
        loaded, _ = load_file(path)
        if loaded is not None:
            found.append((str(path.relative_to(ROOT)), loaded.document))
    return found


DOCUMENTS = _documents()


def test_the_files_are_many_and_of_every_kind() -> None:
    kinds = {document.kind for _, document in DOCUMENTS}
    assert kinds == {"medborgarlofte", "samverkansoverenskommelse", "municipality"}
    assert len(DOCUMENTS) > 30


def _pairs(model: Any, view: Any) -> list[tuple[Any, Any]]:
    """Every model in a document with its view, walking both alike."""
    found = [(model, view)]
    for name in type(model).model_fields:
        found += _walk(getattr(model, name), getattr(view, name))
    return found


def _walk(model: Any, view: Any) -> list[tuple[Any, Any]]:
    if hasattr(type(model), "model_fields"):
        assert isinstance(view, View)
        return _pairs(model, view)
    if isinstance(model, list | tuple):
        assert len(model) == len(view)
        return [pair for m, v in zip(model, view, strict=True) for pair in _walk(m, v)]
    if isinstance(model, dict):
        assert list(model) == list(view)
        return [pair for key in model for pair in _walk(model[key], view[key])]
    assert model == view and type(model) is type(view)
    return []


#: Every property and argument-free method the models take from lofte.modelbase.
ASKED = {
    "CountTarget": ["comparator", "number"],
    "Window": ["first", "last"],
    "Activity": ["due_day"],
    "Group": ["is_party"],
    "Promise": ["first_day", "last_day", "signed_day", "period_id", "effective_start"],
    "Agreement": ["first_day", "last_day", "signed_day", "period_id", "effective_start"],
    "Municipality": ["actor_names"],
}


#: The models `lofte status --format json` dumps (a window, a target).
DUMPED = {"Window", "CountTarget", "CoverageTarget", "RecurringTarget", "MilestoneTarget"}
DUMPED |= {"OngoingTarget"}


@pytest.mark.parametrize(("name", "document"), DOCUMENTS, ids=[n for n, _ in DOCUMENTS])
def test_a_view_has_the_models_fields_values_and_answers(name: str, document: Any) -> None:
    view = as_view(document)
    for model, seen in _pairs(document, view):
        kind = type(model).__name__
        assert type(seen) is VIEWS.get(kind, View), name
        assert seen._fields == tuple(type(model).model_fields), (name, kind)
        assert seen._set == model.model_fields_set, (name, kind)
        for asked in ASKED.get(kind, []):
            answer = getattr(model, asked)
            answer = answer() if callable(answer) else answer
            got = getattr(seen, asked)
            got = got() if callable(got) else got
            assert got == answer, (name, kind, asked)
        if kind not in DUMPED:
            continue
        # What status's JSON dumps is JSON as pydantic writes it, unset fields left out or not.
        assert dump(seen) == model.model_dump(mode="json"), (name, kind)
        assert dump(seen, exclude_unset=True) == model.model_dump(
            mode="json", exclude_unset=True
        ), (name, kind)
    if document.kind != "municipality":
        ids = [(g and g.id, a.id) for g, a in document.all_activities()]
        assert [(g and g.id, a.id) for g, a in view.all_activities()] == ids
    else:
        for ident in [*document.actors, "polisen", "kommunen", "nobody"]:
            assert view.organisation_of(ident) == document.organisation_of(ident)


def test_every_model_class_with_methods_has_its_view() -> None:
    import lofte.model as model
    from lofte import modelbase

    for name in dir(model):
        cls = getattr(model, name)
        if not isinstance(cls, type) or not hasattr(cls, "model_fields"):
            continue
        mixins = [b for b in cls.__mro__ if b.__module__ == "lofte.modelbase"]
        if mixins and not name.startswith("_"):
            assert name in VIEWS, name
            assert issubclass(VIEWS[name], mixins[0]), name
    assert all(isinstance(getattr(modelbase, v.__name__), type) for v in VIEWS.values())


def test_a_view_dumps_dates_and_months_as_written() -> None:
    from lofte.modelbase import YearMonth

    view = View()
    view._fields = ("a", "b", "c", "d")
    view._set = frozenset({"a", "c"})
    view.a, view.b = dt.date(2022, 3, 1), YearMonth(2022, 3)  # type: ignore[attr-defined]
    view.c, view.d = [("x", 1)], {"k": None}  # type: ignore[attr-defined]
    assert view.dump() == {"a": "2022-03-01", "b": "2022-03", "c": [["x", 1]], "d": {"k": None}}
    assert view.dump(exclude_unset=True) == {"a": "2022-03-01", "c": [["x", 1]]}
    assert repr(view).startswith("View(a=datetime.date(2022, 3, 1), b=YearMonth(")


def test_status_reads_views_and_builds_no_model(tmp_path: Path) -> None:
    import json
    import os
    import shutil
    import subprocess
    import sys

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    probe = (
        "import json, sys\nfrom lofte.cli import app\n"
        "try:\n    app(sys.argv[1:], prog_name='lofte')\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    args = ["status", "2020", "--as-of", "2020-12-31", "--cache-dir", str(tmp_path / "c")]
    runs = []
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-c", probe, *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "COLUMNS": "80"},
        )
        runs.append((proc.stdout, set(json.loads(proc.stderr.splitlines()[-1]))))
    (cold, first), (warm, again) = runs
    assert cold == warm  # the same table from the views as from the models
    assert "lofte.model" in first
    assert "lofte.model" not in again and "yaml" not in again


def _period_dirs() -> list[tuple[Path, str]]:
    """Every data directory the tests know, with each period file in it."""
    found = []
    for folder in (DATA, ROOT / "examples", ROOT / "tests" / "fixtures" / "status"):
        for path in sorted(folder.glob("*.yaml")):
            loaded, _ = load_file(path)
            if loaded is not None and loaded.document.kind != "municipality":
                found.append((folder, path.stem))
    return found


@pytest.mark.parametrize(
    ("folder", "period"), _period_dirs(), ids=[f"{f.name}/{p}" for f, p in _period_dirs()]
)
def test_status_from_views_says_what_status_from_models_says(
    folder: Path, period: str, tmp_path: Path
) -> None:
    # The first run reads the files (models) and fills the cache; the second
    # reads the views.  Table and JSON, in both languages, on three days.
    from conftest import run_cli

    cache = str(tmp_path / "cache")
    for day in ("2020-06-30", "2022-12-31", "2026-11-30"):
        for args in (["--lang", "sv"], ["--lang", "en"], ["--format", "json"]):
            common = ["status", period, "--data-dir", str(folder), "--as-of", day, *args]
            models = run_cli(*common, "--no-cache")
            run_cli(*common, "--cache-dir", cache)
            views = run_cli(*common, "--cache-dir", cache)
            assert (views.code, views.out, views.err) == (models.code, models.out, models.err)
    from lofte.read.cache import ParseCache

    hit = ParseCache(Path(cache), documents=True).get_loaded(
        (folder / f"{period}.yaml").read_bytes()
    )
    assert hit is not None and isinstance(hit[1], View)  # the second runs read views
