"""`lofte record` through the command line: what it prints, --dry-run, and a whole year."""

from __future__ import annotations

import difflib
from pathlib import Path

from conftest import ROOT, run_cli

FIXTURES = ROOT / "tests" / "fixtures" / "record"

# An activity data/ holds no record for: planlagda-insatser has the published 2020
# outcome since issue 11.
RECORD = ["record", "2020", "foraldratraffar"]


def test_success_names_the_line_and_the_new_standing(data_copy: Path) -> None:
    cwd = data_copy.parent
    first = run_cli(*RECORD, "--count", "1", "--date", "2020-04-20", cwd=cwd)
    assert (first.code, first.err) == (0, "")
    assert first.out == (
        "data/2020.yaml:123: recorded 2020-04-20 for foraldratraffar: count 1\n"
        "foraldratraffar: 1 of at least 2 föräldraträffar, partly kept\n"
    )
    args = ["--count", "2", "--note", "Insats vid resecentrum", "--place", "Strängnäs"]
    second = run_cli(*RECORD, *args, "--date", "2020-10-02", cwd=cwd)
    assert second.out == (
        "data/2020.yaml:126: recorded 2020-10-02 for foraldratraffar: count 2, a note, "
        "1 place\n"
        "foraldratraffar: 3 of at least 2 föräldraträffar, kept\n"
    )


def test_the_standing_line_is_the_one_lofte_status_words(data_copy: Path) -> None:
    places = [
        a for p in ("Mariefred", "Strängnäs", "Åker", "Stallarholmen") for a in ("--place", p)
    ]
    args = ["record", "2019", "trafikkontroller", "--count", "3", "--date", "2019-06-01"]
    result = run_cli(*args, *places, cwd=data_copy.parent)
    assert result.out.splitlines()[-1] == (
        "trafikkontroller: 4 of 4 kommundelar covered, kept (the list is incomplete)"
    )
    args = ["record", "2020", "tata-kontakter", "--note", "Möte", "--date", "2020-06-01"]
    result = run_cli(*args, cwd=data_copy.parent)
    assert result.out.splitlines()[-1] == (
        "tata-kontakter: followed up in 1 of 3 closed tertials, behind; missing: 2020-T1, 2020-T3"
    )


def test_the_same_record_twice_is_written_out_twice(data_copy: Path) -> None:
    # ruamel would emit an anchor and an alias for a repeated object; text splicing cannot.
    args = [*RECORD, "--count", "1", "--note", "Samma", "--date", "2020-04-20"]
    assert run_cli(*args, cwd=data_copy.parent).code == 0
    assert run_cli(*args, cwd=data_copy.parent).code == 0
    text = (data_copy / "2020.yaml").read_text(encoding="utf-8")
    block = "          - date: 2020-04-20\n            count: 1\n            note: Samma\n"
    assert text.count(block) == 2
    assert "&" not in text and "*id" not in text


def test_dry_run_prints_the_diff_and_writes_nothing(data_copy: Path) -> None:
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    args = ["--count", "1", "--note", "Kväll: yes", "--date", "2020-04-20", "--dry-run"]
    result = run_cli(*RECORD, *args, cwd=data_copy.parent)
    assert result.code == 0
    assert result.out == (
        "--- a/data/2020.yaml\n"
        "+++ b/data/2020.yaml\n"
        "@@ -120,6 +120,10 @@\n"
        "         responsible: [kommunen, polisen]\n"
        "         places: [skolor]\n"
        "         target: {kind: count, at_least: 2, unit: föräldraträffar}\n"
        "+        progress:\n"
        "+          - date: 2020-04-20\n"
        "+            count: 1\n"
        '+            note: "Kväll: yes"\n'
        " \n"
        " expected_effects:\n"
        "   - Av erfarenhet vet vi att en minskad droganvändning reducerar annan kriminalitet.\n"
    )
    assert result.err == (
        "data/2020.yaml:123: would record 2020-04-20 for foraldratraffar: count 1, a note\n"
        "foraldratraffar: 1 of at least 2 föräldraträffar, partly kept\n"
    )
    # Not a byte written, not even a lock file.
    assert {p.name: p.read_bytes() for p in data_copy.iterdir()} == before


def test_dry_run_diff_marks_a_missing_final_newline(data_copy: Path) -> None:
    for name in ("hard-2020.yaml", "exempelby.yaml"):
        (data_copy / name).write_bytes((FIXTURES / name).read_bytes().rstrip(b"\n"))
    result = run_cli(
        "record", "hard-2020", "last-in-file", "--count", "1", "--date", "2020-03-01",
        "--dry-run", cwd=data_copy.parent,
    )  # fmt: skip
    assert result.code == 0
    # The old last line and the new last line are the same text, both without
    # a newline: the diff aligns them, and says so.
    assert result.out.splitlines()[-8:] == [
        "@@ -91,4 +91,6 @@",
        "     target: {kind: count, at_least: 2, unit: träffar}",
        "     progress:",
        "       - date: 2020-01-31",
        "+        count: 1",
        "+      - date: 2020-03-01",
        "         count: 1",
        "\\ No newline at end of file",
    ]


# A made-up year of outcomes for the 2019 promise, as a coordinator would
# record them tertial by tertial.  None of this is real.
YEAR_2019 = [
    ("grannsamverkansomraden", "2019-03-12", ["--count", "2", "--place", "Mariefred"]),
    ("trygghetsvandringar", "2019-03-28", ["--count", "1", "--place", "resecentrum Strängnäs"]),
    ("trafiksakerhetsrad", "2019-04-09", ["--note", "Första mötet: hastighet vid skolor"]),
    ("lokaler-utbildningstillfallen", "2019-04-25", ["--note", "Lokal i Åker för utbildning"]),
    ("trimmade-mopeder", "2019-05-17", ["--count", "1", "--note", "Kontroll i Strängnäs"]),
    ("batsamverkansomraden", "2019-05-30", ["--count", "1", "--place", "Stallarholmen"]),
    ("trafikkontroller", "2019-06-05", ["--count", "12", "--place", "Strängnäs"]),
    ("trafikkontroller", "2019-06-19", ["--count", "8", "--place", "Mariefred"]),
    ("grannsamverkansomraden", "2019-06-27", ["--count", "3", "--place", "Åker"]),
    ("trafiksakerhetsrad", "2019-08-20", ["--note", "Andra mötet", "--partner", "NTF"]),
    ("trygghetsvandringar", "2019-09-03", ["--count", "2", "--place", "Läggesta station"]),
    ("trimmade-mopeder", "2019-09-14", ["--count", "1", "--deviation", "Kortare än planerat"]),
    ("trafikkontroller", "2019-09-30", ["--count", "5", "--place", "Stallarholmen"]),
    ("batsamverkansomraden", "2019-10-08", ["--count", "1", "--place", "Mariefred"]),
    ("grannsamverkansomraden", "2019-10-22", ["--count", "3", "--note", "Område \"Solbacken\""]),
    ("lokaler-utbildningstillfallen", "2019-11-05", ["--note", "Lokaler för båtsamverkan"]),
    ("trafiksakerhetsrad", "2019-11-26", ["--note", "Tredje mötet; synpunkter: ja"]),
    ("trygghetsvandringar", "2019-12-02", ["--count", "1", "--link", "https://example.invalid/v"]),
]  # fmt: skip


def test_a_year_of_outcomes_into_2019_is_pure_additions_and_validates(data_copy: Path) -> None:
    file = data_copy / "2019.yaml"
    old = file.read_text(encoding="utf-8").splitlines(keepends=True)
    for activity, day, args in YEAR_2019:
        result = run_cli("record", "2019", activity, "--date", day, *args, cwd=data_copy.parent)
        assert (result.code, result.err) == (0, ""), (activity, result)
    new = file.read_text(encoding="utf-8").splitlines(keepends=True)
    opcodes = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    assert {tag for tag, *_ in opcodes} == {"equal", "insert"}
    added = sum(j2 - j1 for tag, _, _, j1, j2 in opcodes if tag == "insert")
    assert len(new) == len(old) + added
    assert run_cli("validate", cwd=data_copy.parent).out == "checked 6 files: no problems\n"
    last = run_cli(
        "record", "2019", "trimmade-mopeder", "--count", "1", "--date", "2019-12-10",
        "--dry-run", cwd=data_copy.parent,
    )  # fmt: skip
    assert last.err.splitlines()[-1] == (
        "trimmade-mopeder: 3 of at least 2 riktade insatser mot trimmade mopeder, kept"
    )
