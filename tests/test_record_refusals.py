"""Every refusal of `lofte record`: exit 1 (2 for usage), one exact located line, and
not a byte of any data file changed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from lofte.read.resolve import MAX_BYTES
from lofte.record import RecordRequest, record

FIXTURES = ROOT / "tests" / "fixtures" / "record"


@pytest.fixture
def workdir(data_copy: Path) -> Path:
    """A copy of data/ with the made-up record fixtures beside it; returns the cwd."""
    for fixture in FIXTURES.glob("*.yaml"):
        shutil.copy(fixture, data_copy)
    return data_copy.parent


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.iterdir()) if p.is_file()}


def refused(workdir: Path, *args: str) -> str:
    """Run a refused record; assert exit 1, nothing on stdout, no data byte changed."""
    before = snapshot(workdir / "data")
    result = run_cli("record", *args, cwd=workdir)
    after = snapshot(workdir / "data")
    assert result.code == 1, result
    assert result.out == ""
    # Data files are byte-identical, and no file is new (the lock is on the directory).
    assert after == before
    assert "Traceback" not in result.err
    return result.err


# Where planlagda-insatser stands; two comment lines on the signing date (issue 11)
# moved it from line 47.
INSATS = "data/2020.yaml:50:9: "
CASES = [
    # unknown activity ids, with the nearest
    (
        ["2020", "planlagd-insatser", "--count", "1"],
        "data/2020.yaml:1:1: no activity 'planlagd-insatser' in this file; "
        "did you mean 'planlagda-insatser'?",
    ),
    (
        ["2021", "zzz", "--count", "1"],
        "data/2021.yaml:1:1: no activity 'zzz' in this file; its activities are "
        "samarbete-polis-socialtjanst, dialog-med-unga, upparbetade-motesformer",
    ),
    # dates
    (
        ["2020", "planlagda-insatser", "--count", "1", "--date", "2019-12-31"],
        INSATS + "--date 2019-12-31 is outside the period 2020 (2020-03-16 – 2020-12-31)",
    ),
    # 2020 applies from its signing, 2020-03-16: work before then is not its follow-up.
    (
        ["2020", "planlagda-insatser", "--count", "1", "--date", "2020-02-01"],
        INSATS + "--date 2020-02-01 is outside the period 2020 (2020-03-16 – 2020-12-31)",
    ),
    (
        ["2020", "planlagda-insatser", "--count", "1", "--date", "2999-01-01"],
        INSATS + f"--date 2999-01-01 is in the future (today is {dt.date.today()})",
    ),
    (
        ["2020", "planlagda-insatser", "--count", "1", "--date", "2020-02-30"],
        INSATS + "--date '2020-02-30' is not a date; write it as YYYY-MM-DD",
    ),
    (
        ["2020", "planlagda-insatser", "--count", "1", "--date", "16/3"],
        INSATS + "--date '16/3' is not a date; write it as YYYY-MM-DD",
    ),
    (
        ["2020", "planlagda-insatser", "--count", "1"],
        INSATS + f"today, {dt.date.today()}, is outside the period 2020 (2020-03-16 – 2020-12-31); "
        "give the day it happened with --date",
    ),
    # counts
    *(
        (
            ["2020", "planlagda-insatser", "--count", count, "--date", "2020-05-01"],
            INSATS + f"--count must be a whole number above zero, got {count!r}",
        )
        for count in ("0", "-1", "tre", "2.5", "1e3", "٣")
    ),
    # places outside a coverage target's list
    (
        ["hard-2020", "coverage-of", "--note", "x", "--place", "Västra", "--date", "2020-06-01"],
        "data/hard-2020.yaml:73:9: --place 'Västra' is not one of the kommundelar in "
        "exempelby.yaml (Norra, Södra, Hamnen, Ön)",
    ),
    (
        ["hard-2020", "coverage-of", "--note", "x", "--place", "hamnen", "--date", "2020-06-01"],
        "data/hard-2020.yaml:73:9: --place 'hamnen' is not one of the kommundelar in "
        "exempelby.yaml (Norra, Södra, Hamnen, Ön); did you mean 'Hamnen'?",
    ),
    # accents forgiven when matching, as `lofte check` does: "Akers" misspells "Åker"
    (
        ["2019", "trafikkontroller", "--note", "x", "--place", "Akers", "--date", "2019-06-01"],
        "data/2019.yaml:122:5: --place 'Akers' is not one of the kommundelar in "
        "strangnas.yaml (Strängnäs, Mariefred, Åker, Stallarholmen); did you mean 'Åker'?",
    ),
    (
        [
            "hard-2020",
            "coverage-items",
            "--note",
            "x",
            "--place",
            "Stationen",
            "--date",
            "2020-06-01",
        ],
        "data/hard-2020.yaml:79:9: --place 'Stationen' is not one of the items of the target "
        "(Torget, Stationen: södra); did you mean 'Stationen: södra'?",
    ),
    (
        # An incomplete list still catches a near miss of a listed place.
        ["hard-2020", "coverage-byar", "--note", "x", "--place", "Åbyy", "--date", "2020-06-01"],
        "data/hard-2020.yaml:76:9: --place 'Åbyy' is not one of the byar in exempelby.yaml "
        "(Åby, Bäcken); did you mean 'Åby'?",
    ),
    # files that do not validate before the write
    (
        ["anchors-2020", "anchored", "--note", "x", "--date", "2020-06-01"],
        "data/anchors-2020.yaml:8:11: anchors (&shared) are not allowed (nothing written: "
        "lofte record writes only to a file that validates; `lofte validate` lists 1 problem)",
    ),
    (
        ["strangnas", "x", "--note", "y"],
        "data/strangnas.yaml:1:1: a municipality file has no activities; name a promise file",
    ),
    (["2030", "x", "--note", "y"], "data/2030.yaml:1:1: no such file; did you mean '2020'?"),
    # what cannot be done by adding lines
    (
        ["flow-2020", "flow-activity", "--note", "x", "--date", "2020-06-01"],
        "data/flow-2020.yaml:7:5: activity 'flow-activity' is written in flow style ({...}); "
        "write it as a block mapping, one key a line, so that a record can be added as new lines",
    ),
    (
        ["flow-2020", "empty-flow-list", "--note", "x", "--date", "2020-06-01"],
        "data/flow-2020.yaml:11:5: the progress of activity 'empty-flow-list' is an empty flow "
        "list ([]); remove that line, and the first record will create the list",
    ),
    (
        ["flow-2020", "flow-list", "--note", "x", "--date", "2020-06-01"],
        "data/flow-2020.yaml:15:5: the progress of activity 'flow-list' is a flow list ([...]); "
        "write it as a block list, one '- ' item a line",
    ),
    # the target decides what a record needs
    (
        ["2020", "tata-kontakter", "--count", "2", "--date", "2020-05-01"],
        "data/2020.yaml:62:9: activity 'tata-kontakter' is ongoing work, followed up with a "
        "note: give --note",
    ),
    # control characters and other unwritable text, whichever option carries it
    (
        ["2020", "planlagda-insatser", "--note", "ring\x07", "--date", "2020-05-01"],
        INSATS + "--note contains the control character U+0007; remove it",
    ),
    (
        ["2020", "planlagda-insatser", "--note", "a\x85b", "--date", "2020-05-01"],
        INSATS + "--note contains the control character U+0085; remove it",
    ),
    (
        ["2020", "planlagda-insatser", "--count", "1", "--place", "a\u2028b"],
        INSATS + "--place contains the control character U+2028; remove it",
    ),
    (
        ["2020", "planlagda-insatser", "--count", "1", "--partner", "\x1b[31mröd"],
        INSATS + "--partner contains the control character U+001B; remove it",
    ),
    (
        ["2020", "planlagda-insatser", "--count", "1", "--link", "x\u2029"],
        INSATS + "--link contains the control character U+2029; remove it",
    ),
    (
        ["2020", "planlagda-insatser", "--count", "1", "--deviation", "tab\there"],
        INSATS + "--deviation contains the control character U+0009; remove it",
    ),
    (
        ["2020", "planlagda-insatser", "--count", "1\n", "--date", "2020-05-01"],
        INSATS + "--count contains the control character U+000A; remove it",
    ),
    (
        ["2020", "planlagda-insatser", "--note", "  ", "--date", "2020-05-01"],
        INSATS + "--note must not be empty",
    ),
]


@pytest.mark.parametrize(("args", "message"), CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_refusal(workdir: Path, args: list[str], message: str) -> None:
    assert refused(workdir, *args) == message + "\n"


def test_an_invalid_file_is_refused_with_its_first_problem(workdir: Path) -> None:
    file = workdir / "data" / "2020.yaml"
    text = file.read_text(encoding="utf-8").replace("responsible: [polisen]", "responsibel: [x]")
    file.write_text(text, encoding="utf-8")
    assert refused(workdir, "2020", "planlagda-insatser", "--count", "1") == (
        "data/2020.yaml:54:9: unknown key 'responsibel'; did you mean 'responsible'? "
        "(nothing written: lofte record writes only to a file that validates; "
        "`lofte validate` lists 2 problems)\n"
    )


def test_a_record_that_would_make_the_file_invalid_is_refused(workdir: Path) -> None:
    # The file validates, but one more record pushes it past the size limit.
    file = workdir / "data" / "2020.yaml"
    raw = file.read_bytes()
    pad = MAX_BYTES - len(raw) - 20
    file.write_bytes(raw + b"#" * (pad % 1000 or 1) + b"\n" + (b"#" * 999 + b"\n") * (pad // 1000))
    assert len(file.read_bytes()) <= MAX_BYTES
    args = ["2020", "avloppsvatten", "--note", "Mätningen är klar", "--date", "2020-09-01"]
    added = "        progress:\n          - date: 2020-09-01\n            note: Mätningen är klar\n"
    size = len(file.read_bytes()) + len(added.encode())
    assert refused(workdir, *args) == (
        "data/2020.yaml:106:9: the new record would make the file invalid: "
        f"file is {size:,} bytes; the limit is {MAX_BYTES:,}\n"
    )


def test_an_unlisted_place_of_an_incomplete_list_is_recorded_with_a_warning(
    workdir: Path,
) -> None:
    args = ["hard-2020", "coverage-byar", "--note", "x", "--place", "Dalen", "--date", "2020-06-01"]
    result = run_cli("record", *args, cwd=workdir)
    assert result.code == 0
    assert result.err == (
        "data/hard-2020.yaml:76:9: warning: --place 'Dalen' is not among the byar in "
        "exempelby.yaml, which is marked incomplete; recorded as given "
        "(add it to the list if it belongs there)\n"
    )
    assert "places: [Dalen]" in (workdir / "data" / "hard-2020.yaml").read_text(encoding="utf-8")


def test_neither_count_nor_note_is_a_usage_error(workdir: Path) -> None:
    before = snapshot(workdir / "data")
    result = run_cli("record", "2020", "planlagda-insatser", "--place", "x", cwd=workdir)
    assert (result.code, result.out) == (2, "")
    assert result.err == "lofte: record: give --count, --note or both\n"
    assert snapshot(workdir / "data") == before


def test_a_missing_argument_is_a_usage_error(workdir: Path) -> None:
    # ACTIVITY_ID may be left out since issue 11 (for --other and --deviation), so the
    # usage error is lofte's own, saying what else to give.
    before = snapshot(workdir / "data")
    result = run_cli("record", "2020", cwd=workdir)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "lofte: record: name an activity, or give --other TEXT (work outside the plan) "
        "or --deviation TEXT (a deviation for the whole file or --affects)\n"
    )
    assert snapshot(workdir / "data") == before


def test_an_activity_without_its_period_says_the_period_is_missing(workdir: Path) -> None:
    """`lofte record planlagda-insatser --count 1`: not "name an activity"."""
    before = snapshot(workdir / "data")
    result = run_cli("record", "planlagda-insatser", "--count", "1", cwd=workdir)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "lofte: record: no period 'planlagda-insatser'; give the period first, then the "
        "activity: lofte record PERIOD planlagda-insatser ...\n"
    )
    assert snapshot(workdir / "data") == before


def test_a_future_date_inside_the_period_is_refused(data_copy: Path) -> None:
    request = RecordRequest("2024-2025", "trygghetsvandringar", date="2025-06-02", note="x")
    outcome = record(request, data_copy, today=dt.date(2025, 6, 1))
    assert [p.message for p in outcome.problems] == [
        "--date 2025-06-02 is in the future (today is 2025-06-01)"
    ]
    assert not outcome.written


def test_the_default_date_is_today(data_copy: Path) -> None:
    request = RecordRequest("2024-2025", "trygghetsvandringar", note="Vandring i centrum")
    outcome = record(request, data_copy, today=dt.date(2025, 3, 14))
    assert outcome.entry == {"date": "2025-03-14", "note": "Vandring i centrum"}
    assert outcome.problems == [] and outcome.written
