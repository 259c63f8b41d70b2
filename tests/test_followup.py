"""Follow-up as municipalities publish it (issue 11), on made-up fixtures of its own.

`tests/fixtures/followup/` is invented: a municipality, an agreement and a 2019 promise
followed up once for the year.  Every test copies it to tmp_path and runs the real CLI.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.conftest import Result, run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "followup"
AS_OF = "2020-03-01"


@pytest.fixture
def town(tmp_path: Path) -> Path:
    """A data directory with the made-up fixtures; returns the working directory."""
    data = tmp_path / "data"
    data.mkdir()
    for path in FIXTURES.glob("*.yaml"):
        shutil.copy(path, data)
    return tmp_path


def snapshot(cwd: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((cwd / "data").glob("*.yaml"))}


def lofte(cwd: Path, *args: str) -> Result:
    return run_cli(*args, cwd=cwd)


def record(cwd: Path, *args: str) -> Result:
    result = lofte(cwd, "record", *args)
    assert result.code == 0, result
    return result


def refused(cwd: Path, *args: str) -> str:
    """A refused record: exit 1, one located line, every data file byte-for-byte as it was."""
    before = snapshot(cwd)
    result = lofte(cwd, "record", *args)
    assert (result.code, result.out) == (1, ""), result
    assert snapshot(cwd) == before
    return result.err


def status_json(cwd: Path, period: str = "2019") -> dict[str, object]:
    result = lofte(cwd, "status", period, "--as-of", AS_OF, "-f", "json")
    assert result.code == 0, result
    data: dict[str, object] = json.loads(result.out)
    return data


def activity(report: dict[str, object], ident: str) -> dict[str, object]:
    activities = report["activities"]
    assert isinstance(activities, list)
    return next(a for a in activities if a["id"] == ident)


def year_summary(cwd: Path) -> None:
    """The invented year summary, entered as a municipality publishes it: once, for 2019."""
    record(cwd, "2019", "rad", "--covers", "2019", "--note", "Samverkat enligt plan.")
    record(cwd, "2019", "grannar", "--covers", "2019", "--count", "20", "--note", "20 nya.")
    record(cwd, "2019", "batar", "--covers", "2019", "--count", "3")
    record(cwd, "2019", "kontroller", "--covers", "2019", "--count", "303")


# ------------------------------------------------------------------- spans


def test_a_span_record_follows_up_every_term_and_claims_nothing_finer(town: Path) -> None:
    result = record(town, "2019", "rad", "--covers", "2019", "--note", "Samverkat enligt plan.")
    assert result.out == (
        "data/2019.yaml:19: recorded covering 2019 for rad: a note\nrad: reported for 2019\n"
    )
    text = (town / "data" / "2019.yaml").read_text(encoding="utf-8")
    assert (
        '        progress:\n          - covers: "2019"\n            note: Samverkat enligt plan.\n'
        in (text)
    )
    rad = activity(status_json(town), "rad")
    assert (rad["standing"], rad["terms_met"], rad["reported_for"]) == (
        "followed_up",
        ["2019-T1", "2019-T2", "2019-T3"],
        ["2019"],
    )
    assert rad["description"] == "reported for 2019"
    assert (rad["last_record"], rad["last_covers"]) == ("2019-12-31", "2019")
    table = lofte(town, "status", "2019", "--as-of", AS_OF).out
    row = next(line for line in table.splitlines() if line.startswith("rad "))
    # The span, not a day it never named; and no bar of terms it does not detail.
    assert row.split()[-3:] == ["followed", "up", "2019"]
    assert "█" not in row
    # Not "partly kept": no term is reported missing.
    assert "missing" not in str(rad["description"])


def test_span_counts_add_to_totals(town: Path) -> None:
    year_summary(town)
    report = status_json(town)
    assert (activity(report, "grannar")["standing"], activity(report, "grannar")["recorded"]) == (
        "kept",
        20,
    )
    assert activity(report, "batar")["standing"] == "exceeded"


def test_a_year_summary_counts_from_the_end_of_the_year(town: Path) -> None:
    record(town, "2019", "rad", "--covers", "2019", "--note", "Samverkat enligt plan.")
    args = ("status", "2019", "--as-of", AS_OF, "-f", "json")
    t2 = activity(json.loads(lofte(town, *args, "-t", "T2").out), "rad")
    assert (t2["standing"], t2["records"], t2["term_records"]) == ("no_follow_up", 0, 0)
    t3 = activity(json.loads(lofte(town, *args, "-t", "T3").out), "rad")
    assert (t3["standing"], t3["records"], t3["term_records"]) == ("followed_up", 1, 1)


def test_a_span_record_for_one_term(town: Path) -> None:
    record(town, "2019", "rad", "--covers", "2019-T3", "--note", "Ett möte.")
    rad = activity(status_json(town), "rad")
    assert (rad["standing"], rad["terms_met"]) == ("partly_kept", ["2019-T3"])


def test_report_prose_names_the_terms_a_record_covers(town: Path) -> None:
    """The report words terms ("tertial 2 2019"), as it words missing ones; status keeps ids."""
    record(town, "2019", "rad", "--covers", "2019-T2", "--note", "Ett möte.")
    record(town, "2019", "rad", "--covers", "2019-T3", "--note", "Ett till.")
    assert activity(status_json(town), "rad")["description"] == (
        "reported for 2019-T2, 2019-T3, partly kept; missing: 2019-T1"
    )
    md = lofte(town, "report", "2019", "--as-of", AS_OF).out
    assert (
        "- Utfall hittills: rapporterat för tertial 2 2019 och tertial 3 2019, delvis hållet; "
        "saknas för tertial 1 2019\n- Senast uppföljd: avser tertial 3 2019\n" in md
    )
    assert "- avser tertial 2 2019: Ett möte.\n- avser tertial 3 2019: Ett till.\n" in md
    en = lofte(town, "report", "2019", "--as-of", AS_OF, "--lang", "en").out
    assert "reported for tertial 2 2019 and tertial 3 2019, partly kept" in en
    assert "- covers tertial 3 2019: Ett till.\n" in en


# ------------------------------------------------------------ unknown places


def test_a_coverage_count_without_places_leaves_them_unknown(town: Path) -> None:
    result = record(town, "2019", "kontroller", "--covers", "2019", "--count", "303")
    assert result.err == (
        "data/2019.yaml:11:9: warning: no --place on coverage activity 'kontroller': the "
        "places are recorded as not stated (give --place for each place the source names)\n"
    )
    note = lofte(
        town, "record", "2019", "kontroller", "--note", "Kontroller.", "--date", "2019-05-02"
    )
    assert (note.code, note.err) == (
        0,
        "data/2019.yaml:11:9: warning: no --place on coverage activity 'kontroller': it covers "
        "no place (give --place for each place the source names)\n",
    )
    kontroller = activity(status_json(town), "kontroller")
    assert kontroller["standing"] == "followed_up"
    assert (kontroller["recorded"], kontroller["covered"], kontroller["missing"]) == (
        303,
        None,
        None,
    )
    assert kontroller["places_known"] is False
    assert kontroller["description"] == "303 recorded; places not stated"
    table = lofte(town, "status", "2019", "--as-of", AS_OF).out
    row = next(line for line in table.splitlines() if line.startswith("kontroller "))
    assert "303" in row and "█" not in row and "░" not in row
    assert "kontroller: 303 recorded; places not stated" in table.splitlines()
    html = lofte(town, "report", "2019", "--as-of", AS_OF, "-f", "html").out
    assert "303 registrerade; platser inte angivna" in html
    assert 'aria-valuetext="0 av 3"' not in html


# ---------------------------------------------------------------- other work


def test_other_work_is_written_shown_and_counts_toward_nothing(town: Path) -> None:
    before = status_json(town)["summary"]
    result = record(
        town, "2019", "--other", "Narkotikasök med hund", "--count", "1", "--covers", "2019"
    )
    assert result.out == (
        "data/2019.yaml:38: recorded covering 2019 as other work: Narkotikasök med hund (count 1)\n"
    )
    text = (town / "data" / "2019.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        'other_work:\n  - covers: "2019"\n    text: Narkotikasök med hund\n    count: 1\n'
    )
    report = status_json(town)
    assert report["other_work"] == [
        {
            "date": None,
            "covers": "2019",
            "day": "2019-12-31",
            "text": "Narkotikasök med hund",
            "count": 1,
            "unit": None,
            "partners": [],
            "places": [],
            "link": None,
            "promise": None,
        }
    ]
    assert report["summary"] == before
    table = lofte(town, "status", "2019", "--as-of", AS_OF).out
    assert "Other work done:\n- 2019: Narkotikasök med hund (1)\n" in table
    assert "## Övrigt som gjorts" in lofte(town, "report", "2019", "--as-of", AS_OF).out
    en = lofte(town, "report", "2019", "--as-of", AS_OF, "--lang", "en").out
    assert "## Other work done\n" in en
    assert "- Covers 2019: Narkotikasök med hund (Count: 1)" in en


def test_other_work_with_no_text_is_refused(town: Path) -> None:
    err = refused(town, "2019", "--other", "", "--covers", "2019")
    assert err == "data/2019.yaml:1:1: --other must not be empty\n"
    err = refused(town, "2019", "--other", "   ", "--covers", "2019")
    assert err == "data/2019.yaml:1:1: --other must not be empty\n"


def test_an_activity_of_the_agreement_is_named_with_its_file(town: Path) -> None:
    err = refused(town, "2019", "est", "--note", "Möten varje vecka.", "--covers", "2019")
    assert err == (
        "data/2019.yaml:1:1: no activity 'est' in this file; it is in "
        "data/samverkan-2019-2020.yaml, which this file builds on: record it there "
        "(lofte record samverkan-2019-2020 est ...), or as --other work here\n"
    )


# ---------------------------------------------------------------- deviations


def test_a_deviation_for_the_whole_file(town: Path) -> None:
    result = record(town, "2019", "--deviation", "Pandemin påverkade träffar.", "--covers", "2019")
    assert result.out == (
        "data/2019.yaml:38: recorded covering 2019 a deviation for the whole file: "
        "Pandemin påverkade träffar.\n"
    )
    report = status_json(town)
    expected = {
        "date": None,
        "covers": "2019",
        "day": "2019-12-31",
        "text": "Pandemin påverkade träffar.",
        "affects": [],
    }
    assert report["deviations"] == [expected]
    assert activity(report, "lokaler")["deviations"] == [expected]
    table = lofte(town, "status", "2019", "--as-of", AS_OF).out
    assert "Deviations:\n† 2019: Pandemin påverkade träffar. (affects the whole file)\n" in table
    md = lofte(town, "report", "2019", "--as-of", AS_OF).out
    assert (
        "## Avvikelser\n\n- Avser 2019: Pandemin påverkade träffar.\n  - Gäller hela löftet\n" in md
    )


def test_a_deviation_affecting_activities_marks_them(town: Path) -> None:
    record(
        town, "2019", "--deviation", "Inställt.", "--affects", "rad,lokaler", "--date", "2019-05-02"
    )
    report = status_json(town)
    assert activity(report, "rad")["deviations"][0]["affects"] == ["rad", "lokaler"]  # type: ignore[index]
    assert activity(report, "grannar")["deviations"] == []
    table = lofte(town, "status", "2019", "--as-of", AS_OF).out
    assert "rad †" in table and "lokaler †" in table and "grannar †" not in table
    assert "† 2019-05-02: Inställt. (affects rad, lokaler)" in table
    md = lofte(town, "report", "2019", "--as-of", AS_OF).out
    assert "Avvikelser:\n\n- 2 maj 2019: Inställt.\n" in md  # on the affected cards
    assert "  - Gäller: Kommunen och polisen träffas" in md


def test_a_deviation_alone_on_an_activity_changes_no_standing(town: Path) -> None:
    before = activity(status_json(town), "lokaler")["standing"]
    record(town, "2019", "lokaler", "--deviation", "Lokalen var stängd.", "--date", "2019-06-01")
    after = status_json(town)
    assert activity(after, "lokaler")["standing"] == before == "no_follow_up"
    assert after["deviations"] == [
        {
            "date": "2019-06-01",
            "covers": None,
            "day": "2019-06-01",
            "text": "Lokalen var stängd.",
            "affects": ["lokaler"],
        }
    ]


def test_affects_naming_an_unknown_activity_is_refused(town: Path) -> None:
    err = refused(town, "2019", "--deviation", "x", "--affects", "radd", "--covers", "2019")
    assert (
        err
        == "data/2019.yaml:1:1: --affects 'radd' is no activity of this file; did you mean 'rad'?\n"
    )


def test_affects_naming_an_unknown_activity_in_the_file_is_located(town: Path) -> None:
    path = town / "data" / "2019.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + 'deviations:\n  - covers: "2019"\n    text: x\n    affects: [rad, radd]\n',
        encoding="utf-8",
    )
    result = lofte(town, "validate", "2019")
    assert result.out.splitlines()[0] == (
        "data/2019.yaml:41:20: deviation affects 'radd', which is no activity of this file; "
        "did you mean 'rad'?"
    )
    before = snapshot(town)
    assert lofte(town, "record", "2019", "rad", "--note", "x", "--date", "2019-05-01").code == 1
    assert snapshot(town) == before


# -------------------------------------------------------------- bad covers


@pytest.mark.parametrize(
    ("covers", "message"),
    [
        ("2018", "--covers '2018' is outside the period 2019 (2019-01-01 – 2019-12-31)"),
        ("2020-T1", "--covers '2020-T1' is outside the period 2019 (2019-01-01 – 2019-12-31)"),
        (
            "2019-Q2",
            "--covers '2019-Q2' is not a tertial of the period 2019 (2019-01-01 – "
            "2019-12-31); its tertials: 2019-T1, 2019-T2, 2019-T3",
        ),
        ("2019-2020", "--covers '2019-2020' is not this period's id '2019'"),
        (
            "våren",
            "--covers 'våren' is not a year (2019), a term (2019-T3, 2021-Q2) or the "
            "period's id (2019)",
        ),
        (
            "2019-T4",
            "--covers '2019-T4' is not a year (2019), a term (2019-T3, 2021-Q2) or the "
            "period's id (2019)",
        ),
    ],
)
def test_a_bad_covers_is_refused(town: Path, covers: str, message: str) -> None:
    err = refused(town, "2019", "rad", "--note", "x", "--covers", covers)
    assert err == f"data/2019.yaml:15:9: {message}\n"


@pytest.mark.parametrize(
    ("covers", "message"),
    [
        ('"2018"', "covers '2018' is outside the period 2019 (2019-01-01 – 2019-12-31)"),
        (
            "2019-Q1",
            "covers '2019-Q1' is not a tertial of the period 2019 (2019-01-01 – "
            "2019-12-31); its tertials: 2019-T1, 2019-T2, 2019-T3",
        ),
        (
            "hela-året",
            "expected a year (2019), a term (2019-T3, 2021-Q2) or the period's id "
            "(2020-2023), got 'hela-året'",
        ),
    ],
)
def test_a_bad_covers_in_the_file_is_located(town: Path, covers: str, message: str) -> None:
    path = town / "data" / "2019.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "        target: {kind: ongoing}\n",
        f"        target: {{kind: ongoing}}\n        progress:\n          - covers: {covers}\n"
        "            note: x\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    result = lofte(town, "validate", "2019")
    assert result.code == 1
    assert result.out.splitlines()[0] == f"data/2019.yaml:33:21: {message}"
    before = snapshot(town)
    assert lofte(town, "record", "2019", "rad", "--note", "x", "--date", "2019-05-01").code == 1
    assert snapshot(town) == before


# ------------------------------------------------------------ check --strict


def test_check_strict_passes_on_an_honest_history(town: Path) -> None:
    year_summary(town)
    record(town, "2019", "matning", "--note", "Mätt under året.", "--covers", "2019")
    args = ("check", "2019", "--strict", "--as-of", AS_OF)
    result = lofte(town, *args)
    # Span records follow up every term; only lokaler lacks any follow-up.
    assert result.out.splitlines() == [
        "data/2019.yaml:41:13: LT301 activity 'lokaler': no record or note for 2019-T1, "
        "2019-T2, 2019-T3; the period has ended",
        "checked 6 targets in 1 file: 6 tracked, 0 untracked, 1 stale; 1 error in 1 file",
    ]
    assert result.code == 1
    path = town / "data" / "2019.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "        responsible: [kommunen]\n        target: {kind: ongoing}\n",
            "        responsible: [kommunen]\n        target: {kind: ongoing}\n"
            '        acknowledge: {LT301: "källan nämner inte lokalerna"}\n',
        ),
        encoding="utf-8",
    )
    result = lofte(town, *args)
    assert (result.code, result.out.splitlines()) == (
        0,
        [
            "data/2019.yaml:41:13: acknowledged: LT301 activity 'lokaler': no record or note "
            "for 2019-T1, 2019-T2, 2019-T3; the period has ended (acknowledged: källan nämner "
            "inte lokalerna)",
            "checked 6 targets in 1 file: 6 tracked, 0 untracked, 0 stale; no problems "
            "(1 acknowledged)",
        ],
    )


def test_lt301_spares_a_count_target_already_kept(town: Path) -> None:
    record(town, "2019", "grannar", "--count", "8", "--date", "2019-02-01")
    result = lofte(town, "check", "2019", "--as-of", AS_OF)
    assert "'grannar'" not in result.out
    assert "'batar'" in result.out  # not kept: still owes follow-up


def test_an_acknowledgement_of_an_unknown_code_is_located(town: Path) -> None:
    path = town / "data" / "2019.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "        responsible: [kommunen]\n        target: {kind: ongoing}\n",
            "        responsible: [kommunen]\n        target: {kind: ongoing}\n"
            '        acknowledge: {LT302: "finns inte"}\n',
        ),
        encoding="utf-8",
    )
    result = lofte(town, "validate", "2019")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "data/2019.yaml:32:23: acknowledge: no check code 'LT302'; did you mean 'LT301'? "
        "(codes: LT101, LT102, LT103, LT104, LT201, LT202, LT203, LT204, LT301)"
    )
    before = snapshot(town)
    assert lofte(town, "record", "2019", "rad", "--note", "x", "--date", "2019-05-01").code == 1
    assert snapshot(town) == before


# ------------------------------------------------------ no record, no verdict


def test_silence_past_a_deadline_is_no_follow_up(town: Path) -> None:
    matning = activity(status_json(town), "matning")
    assert (matning["standing"], matning["description"]) == (
        "no_follow_up",
        "nothing reported; due to be done by 31 December 2019",
    )
    sv = lofte(town, "report", "2019", "--as-of", AS_OF).out
    assert "Försenat" not in sv


# ------------------------------------------------------------ titles, lang


def test_titles_and_unique_headings_in_the_report(town: Path) -> None:
    md = lofte(town, "report", "2019", "--as-of", AS_OF).out
    headings = [line for line in md.splitlines() if line.startswith("#### ")]
    assert "#### Grannsamverkan" in headings
    assert len(headings) == len(set(headings)) == 6
    table = lofte(town, "status", "2019", "--as-of", AS_OF).out
    assert "Grannsamverkan" in table


def test_status_speaks_swedish(town: Path) -> None:
    year_summary(town)
    sv = lofte(town, "status", "2019", "--as-of", AS_OF, "--lang", "sv").out
    lines = sv.splitlines()
    assert lines[1] == "Läget 2020-03-01: 3 av 3 tertial avslutade"
    assert "Aktivitet" in sv and "Utfall" in sv and "✓ hållet" in sv
    assert "kontroller: 303 registrerade; platser inte angivna" in lines
    assert lines[-1] == "2 av 6 mål hållna, 2 uppföljda, 2 utan uppföljning"
    en = lofte(town, "status", "2019", "--as-of", AS_OF, "--lang", "en").out
    assert en.splitlines()[-1] == "2 of 6 targets kept, 2 followed up, 2 without follow-up"
    assert lofte(town, "status", "2019", "--lang", "fi").code == 2
