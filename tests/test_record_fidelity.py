"""Byte fidelity: recording changes a file only by the lines it adds.

On every real data file (a copy) and on the made-up hard fixtures, in LF,
CRLF, with a BOM and without a final newline.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, ROOT
from lofte.read.loader import load_file
from lofte.read.yamlio import read, roundtrip_yaml
from lofte.record import RecordRequest, record

FIXTURES = ROOT / "tests" / "fixtures" / "record"
TODAY = dt.date(2020, 12, 31)


def node(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def activity_paths(data: dict[str, Any]) -> list[tuple[str | int, ...]]:
    paths: list[tuple[str | int, ...]] = []
    for key in ("promises", "focus_areas"):
        for g, group in enumerate(data.get(key, [])):
            paths += [(key, g, "activities", a) for a in range(len(group.get("activities", [])))]
    for key in ("activities", "action_plan"):
        paths += [(key, a) for a in range(len(data.get(key, [])))]
    return paths


def assert_pure_insertion(old: bytes, new: bytes) -> bytes:
    """``new`` is ``old`` with one run of whole lines inserted; returns the insertion."""
    prefix = 0
    while prefix < len(old) and old[prefix] == new[prefix]:
        prefix += 1
    # Back up to a line start, so an insertion that repeats old bytes still splits at a line.
    while prefix > 0 and old[prefix - 1 : prefix] != b"\n" and prefix != len(old):
        prefix -= 1
    added = new[prefix : prefix + len(new) - len(old)]
    assert new == old[:prefix] + added + old[prefix:]
    assert added.endswith(b"\n") or (prefix == len(old) and added.startswith(b"\n"))
    return added


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_every_data_file_round_trips_through_ruamel(path: Path) -> None:
    raw = path.read_bytes()
    yaml = roundtrip_yaml()
    out = io.BytesIO()
    yaml.dump(yaml.load(raw), out)
    assert out.getvalue() == raw


def _request_for(period: str, activity: dict[str, Any], day: dt.date) -> RecordRequest:
    target = activity.get("target") or {}
    kind = target.get("kind")
    common: dict[str, Any] = {"date": day.isoformat()}
    if kind == "count":
        return RecordRequest(period, activity["id"], count="1", **common)
    if kind == "coverage":
        return RecordRequest(period, activity["id"], note="Genomförd", places=("Åker",), **common)
    return RecordRequest(period, activity["id"], note="Uppföljning: ja, no", **common)


@pytest.mark.parametrize(
    "name", [p.stem for p in sorted(DATA.glob("*.yaml")) if p.stem != "strangnas"]
)
def test_recording_into_every_activity_of_a_data_file(name: str, data_copy: Path) -> None:
    file = data_copy / f"{name}.yaml"
    loaded, _ = load_file(file)
    assert loaded is not None
    data, day = loaded.data, min(loaded.document.last_day, dt.date.today())
    for path in activity_paths(data):
        old = file.read_bytes()
        activity = node(read(old)[0], path)
        request = _request_for(name, activity, day)
        outcome = record(request, data_copy, today=dt.date.today())
        assert outcome.problems == [] and outcome.written
        new = file.read_bytes()
        assert_pure_insertion(old, new)
        before, after = read(old)[0], read(new)[0]
        assert node(after, path)["progress"][-1] == outcome.entry
        node(before, path).setdefault("progress", []).append(outcome.entry)
        assert after == before


# Records for the hard fixtures: texts that need quoting, non-ASCII, lists.
HARD_REQUESTS = {
    "comment-deep": {"count": "1", "note": "Tredje: yes"},
    "comment-shallow": {"count": "1"},
    "flow-records": {"count": "2", "note": 'Kväll, "kontroll" # ej kommentar'},
    "no-progress": {"note": "Löpande arbete"},
    "keep-chomp": {"note": "Klar"},
    "progress-not-last": {"note": "12:30"},
    "dash-newline": {"count": "3", "partners": ("fritid", "Föreningen Ön")},
    "coverage-of": {"note": "Två kommundelar", "places": ("Hamnen", "Ön")},
    "coverage-byar": {"note": "Åby", "places": ("Åby",)},
    "coverage-items": {"note": "Södra delen", "places": ("Stationen: södra",)},
    "last-in-file": {"count": "1", "link": "https://example.invalid/a#b"},
    "blank-separated": {"count": "1", "note": "on"},
    "without-progress": {"count": "2", "deviation": "Flyttad till hösten"},
    "also-without": {"note": "NO"},
}

VARIANTS = {
    "lf": lambda b: b,
    "crlf": lambda b: b.replace(b"\n", b"\r\n"),
    "bom": lambda b: b"\xef\xbb\xbf" + b,
    "bom-crlf": lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"),
    "no-final-newline": lambda b: b.rstrip(b"\n"),
}


def _record_all(data_dir: Path, stem: str) -> bytes:
    file = data_dir / f"{stem}.yaml"
    for path in activity_paths(read(file.read_bytes())[0]):
        old = file.read_bytes()
        ident = node(read(old)[0], path)["id"]
        request = RecordRequest(stem, ident, date="2020-06-01", **HARD_REQUESTS[ident])
        outcome = record(request, data_dir, today=TODAY)
        assert [p for p in outcome.problems if p.severity == "error"] == [], outcome.problems
        assert_pure_insertion(old, file.read_bytes())
    return file.read_bytes()


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("stem", ["hard-2020", "style-2020"])
def test_hard_fixtures_match_the_golden_result(stem: str, variant: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(FIXTURES / "exempelby.yaml", data_dir)
    source = (FIXTURES / f"{stem}.yaml").read_bytes()
    (data_dir / f"{stem}.yaml").write_bytes(VARIANTS[variant](source))
    result = _record_all(data_dir, stem)
    golden = FIXTURES / f"{stem}.recorded"
    if variant == "lf" and os.environ.get("LOFTE_UPDATE_GOLDEN"):
        golden.write_bytes(result)
    assert result == VARIANTS[variant](golden.read_bytes())


def test_comment_after_the_last_record_is_placed_by_its_indentation() -> None:
    lines = (FIXTURES / "hard-2020.recorded").read_text(encoding="utf-8").splitlines()
    deep = lines.index("            # Still about the second record.")
    assert lines[deep + 1 : deep + 4] == [
        "          - date: 2020-06-01",
        "            count: 1",
        '            note: "Tredje: yes"',
    ]
    shallow = lines.index(
        "          # This comment introduces the next activity, not the record above."
    )
    assert lines[shallow - 3 : shallow] == [
        "            count: 1   # an end-of-line comment stays on its line",
        "          - date: 2020-06-01",
        "            count: 1",
    ]


def test_a_first_record_creates_the_list_in_the_files_style() -> None:
    hard = (FIXTURES / "hard-2020.recorded").read_text(encoding="utf-8")
    assert (
        "        target: {kind: ongoing}\n"
        "        progress:\n"
        "          - date: 2020-06-01\n"
        "            note: Löpande arbete\n"
        "\n"
        "      # The next activity ends in a literal text"
    ) in hard
    style = (FIXTURES / "style-2020.recorded").read_text(encoding="utf-8")
    assert (
        "        target: {kind: count, at_least: 2, unit: träffar}\n"
        "        progress:\n"
        "        -   {date: 2020-06-01, count: 2, deviation: Flyttad till hösten}\n"
    ) in style
