"""The real data: every file validates, round-trips, and says what the sources say."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from conftest import DATA, run_cli
from lofte.read.loader import load_file
from lofte.read.yamlio import roundtrip_yaml

FILES = sorted(DATA.glob("*.yaml"))


def _doc(stem: str):  # type: ignore[no-untyped-def]
    loaded, problems = load_file(DATA / f"{stem}.yaml")
    assert problems == []
    assert loaded is not None
    return loaded.document


def test_all_expected_files_are_there() -> None:
    assert [p.stem for p in FILES] == [
        "2019",
        "2020",
        "2021",
        "2024-2025",
        "samverkan-2020-2023",
        "strangnas",
    ]


def test_data_validates(data_copy: Path) -> None:
    result = run_cli("validate", cwd=data_copy.parent)
    assert result.out == "checked 6 files: no problems\n"
    assert result.code == 0


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_data_file_round_trips_byte_for_byte(path: Path) -> None:
    # The basis for writing progress: the project's ruamel configuration
    # reproduces every data file exactly.
    yaml = roundtrip_yaml()
    text = path.read_text(encoding="utf-8")
    out = io.StringIO()
    yaml.dump(yaml.load(text), out)
    assert out.getvalue() == text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_data_progress_is_only_published_outcomes_citing_their_source(path: Path) -> None:
    # Since issue 11 data/ holds the outcomes the municipality published for 2019-2021:
    # each one a year's summary (covers), citing title, site and date, and its address.
    doc = load_file(path)[0]
    assert doc is not None
    if doc.document.kind == "municipality":
        return
    document = doc.document
    records = [r for _, a in document.all_activities() for r in a.progress]
    for record in records:
        assert record.covers in ("2019", "2020", "2021") and record.date is None
        assert record.note is not None and 'Källa: "' in record.note
        assert record.link is not None and record.link.startswith("https://")
        assert record.link.split("/")[2] in ("www.strangnas.se", "turism.strangnas.se")
    for entry in [*document.other_work, *document.deviations]:
        assert entry.covers in ("2020", "2021") and 'Källa: "' in entry.text
    published = {"2019.yaml": 6, "2020.yaml": 1, "samverkan-2020-2023.yaml": 4}
    assert len(records) == published.get(path.name, 0)


def test_2019_targets_and_signatories() -> None:
    doc = _doc("2019")
    targets = {a.id: a.target for _, a in doc.all_activities()}
    assert targets["grannsamverkansomraden"].at_least == 8
    assert targets["batsamverkansomraden"].exactly == 2
    assert targets["trygghetsvandringar"].at_least == 4
    assert targets["trimmade-mopeder"].at_least == 2
    assert targets["trafikkontroller"].of == "kommundelar"
    assert targets["trafiksakerhetsrad"].kind == "recurring"
    assert str(doc.signed) == "2019-02-08"
    assert [s.name for s in doc.signatories] == ["Lars Ekström", "Christer Sjökvist"]
    assert len(doc.promises) == 2 and len(doc.activities) == 7


def test_2020_targets_dates_and_signatories() -> None:
    doc = _doc("2020")
    targets = {a.id: a.target for _, a in doc.all_activities()}
    assert targets["planlagda-insatser"].at_least == 2
    assert targets["narkotikasok-skolor"].exactly == 2
    assert targets["foraldratraffar"].at_least == 2
    assert targets["avloppsvatten"].kind == "milestone"
    assert str(doc.effective_start) == "2020-03-16"
    assert doc.builds_on == "samverkan-2020-2023"
    assert [s.name for s in doc.signatories] == ["Lars Ekström", "Christer Sjökvist"]


def test_2021_and_2024_2025() -> None:
    doc = _doc("2021")
    assert str(doc.signed) == "2021-03-11"
    assert [s.name for s in doc.signatories] == ["Lars Ekström", "Christer Sjöqvist"]
    later = _doc("2024-2025")
    assert later.signed is None and later.signatories == []
    assert [g.title for g in later.focus_areas] == [
        "Delaktighet och förtroende",
        "Trygghet i det offentliga rummet",
        "Skydda unga från kriminalitet",
        "Information och utbildning",
        "Trafiksäkerhet",
    ]


def test_agreement() -> None:
    doc = _doc("samverkan-2020-2023")
    assert (str(doc.first_day), str(doc.last_day)) == ("2019-12-20", "2023-06-01")
    assert doc.follow_up.cadence == "quarter"
    assert [i.change_percent for i in doc.situation.indicators] == [40, 33]
    assert len(doc.action_plan) == 10
    linkoping = next(a for a in doc.action_plan if a.id == "linkopingsmodellen")
    assert linkoping.roles.municipality == "Socialtjänst? deltar"
    assert [s.name for s in doc.signatories] == ["Lars Ekström", "Christer Sjöqvist"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_data_file_points_editors_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/lofte.schema.json"
    assert (path.parent / "../schema/lofte.schema.json").resolve().is_file()
