"""`lofte sheet` and `lofte import` through the command line: the round trip, idempotence,
all or nothing, and every bad input the issue lists refused at its cell with no YAML changed.

The sheets are exported by `lofte sheet` and filled with openpyxl (or as CSV text), the
way a person fills the cells; tests/test_sheet_libreoffice.py does the same through a
real office suite.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import ROOT, run_cli

# Rows of the 2020 sheet for every unit, and the fill columns.
ROW = {
    "planlagda-insatser": 5,
    "tata-kontakter": 6,
    "narkotikasok-skolor": 7,
    "linkopingsmodellen": 8,
}
DATE, COVERS, COUNT, PLACES, PARTNERS, NOTE, LINK, DEVIATION = "IJKLMNOP"


def export(data: Path, name: str, *args: str) -> Path:
    """``lofte sheet 2020 -t T2 ARGS -o NAME`` in the folder above ``data``."""
    out = data.parent / name
    result = run_cli("sheet", "2020", "-t", "T2", *args, "-o", str(out), cwd=data.parent)
    assert result.code == 0, result.err
    return out


def fill(path: Path, cells: dict[str, Any], out: Path | None = None) -> Path:
    """Type values into the data sheet, as a person would, and save."""
    book = openpyxl.load_workbook(path)
    sheet = book["Uppföljning"]
    for ref, value in cells.items():
        sheet[ref] = value
    target = out or path
    book.save(target)
    return target


def snapshot(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data.glob("*.yaml"))}


def imported(data: Path, *files: Path, dry_run: bool = False) -> Any:
    args = ["import", *(str(f.relative_to(data.parent)) for f in files)]
    return run_cli(*args, *(["--dry-run"] if dry_run else []), cwd=data.parent)


GOOD = {
    f"{DATE}5": dt.datetime(2020, 6, 15),
    f"{COUNT}5": 1,
    f"{NOTE}5": "Insats vid resecentrum",
    f"{PLACES}5": "Strängnäs; Mariefred",
    f"{PARTNERS}5": "Socialtjänsten",
    f"{LINK}5": "https://polisen.se/x",
    f"{NOTE}6": "Möten med skolorna",
    f"{DEVIATION}6": "Färre möten under sommaren",
}


# ------------------------------------------------------------------ sheet


def test_the_xlsx_has_instructions_lists_locked_columns_and_frozen_headers(
    sheet_data: Path,
) -> None:
    path = export(sheet_data, "u.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Uppföljning", "Instruktioner", "Listor"]
    data = book["Uppföljning"]
    assert data["A1"].value == "Uppföljning Tertial 2 2020 (maj–augusti): alla ansvariga"
    assert [data.cell(2, c).value for c in range(1, 9)] == [
        "Period", "2020", "Tertial", "2020-T2", "Ansvarig", None, "Format", "lofte-sheet 1",
    ]  # fmt: skip
    assert [data.cell(4, c).value for c in range(1, 17)] == [
        "Nyckel", "Aktivitet", "Rubrik", "Text", "Lovat av", "Ansvariga", "Mål",
        "Läge hittills", "Datum", "Avser", "Antal", "Platser", "Samverkanspartner",
        "Anteckning", "Underlag", "Avvikelse",
    ]  # fmt: skip
    assert [data.cell(r, 1).value for r in (5, 6, 12, 21)] == [
        "2020-T2/alla/planlagda-insatser",
        "2020-T2/alla/tata-kontakter",
        "2020-T2/alla/ovrigt-1",
        "2020-T2/alla/ovrigt-10",
    ]
    assert data["G5"].value == "minst 2 planlagda insatser"
    assert data["H5"].value == "ingen uppföljning registrerad"
    assert data.freeze_panes == "C5"
    assert data.protection.sheet
    assert data["A5"].protection.locked and data["H5"].protection.locked
    assert not data["K5"].protection.locked and not data["P5"].protection.locked
    assert data["D12"].protection.locked is False  # the text of work outside the plan
    widths = {c: data.column_dimensions[c].width for c in "ABDK"}
    assert widths["A"] > len("2020-T2/alla") and widths["D"] == 62 and widths["K"] < 12
    rules = {str(v.sqref): (v.type, v.formula1) for v in data.data_validations.dataValidation}
    assert rules["L5:L21"] == ("list", "'Listor'!$A$2:$A$6")
    assert rules["K5:K21"] == ("whole", "0")
    assert rules["I5:I21"] == ("date", "DATE(2020,3,16)")
    lists = book["Listor"]
    assert [lists.cell(r, 1).value for r in range(2, 7)] == [
        "Strängnäs", "Mariefred", "Åker", "Stallarholmen", "skolor",
    ]  # fmt: skip
    assert lists.sheet_state == "hidden"
    assert book["Instruktioner"]["A1"].value == "Så fyller du i uppföljningen"


def test_a_unit_gets_only_its_activities_and_a_csv_is_utf8_with_a_bom(sheet_data: Path) -> None:
    path = export(sheet_data, "s.csv", "--responsible", "socialtjansten", "-f", "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfUppf\xc3\xb6ljning Tertial 2 2020")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == [
        "Period", "2020", "Tertial", "2020-T2", "Ansvarig", "socialtjansten", "Format",
        "lofte-sheet 1",
    ]  # fmt: skip
    assert [r[1] for r in rows[4:6]] == ["linkopingsmodellen", "informationstraffar-orosanmalan"]
    assert rows[6][0] == "2020-T2/socialtjansten/ovrigt-1"


def test_an_unknown_unit_is_a_usage_error_with_a_hint(sheet_data: Path) -> None:
    result = run_cli("sheet", "2020", "--responsible", "socialtjenst", cwd=sheet_data.parent)
    assert (result.code, result.err) == (
        2,
        "lofte: --responsible: no unit 'socialtjenst' in strangnas; "
        "did you mean 'socialtjansten'?\n",
    )


# -------------------------------------------------------- the round trip


def test_round_trip_adds_pure_lines_shows_in_status_and_twice_adds_nothing(
    sheet_data: Path,
) -> None:
    sheet = fill(export(sheet_data, "u.xlsx"), GOOD)
    before = (sheet_data / "2020.yaml").read_text(encoding="utf-8")
    first = imported(sheet_data, sheet)
    assert (first.code, first.err) == (0, "")
    assert first.out == (
        "data/2020.yaml:54: recorded 2020-06-15 for planlagda-insatser: count 1, a note, "
        "a link, 2 places, 1 partner (u.xlsx row 5)\n"
        "data/2020.yaml:71: recorded covering 2020-T2 for tata-kontakter: a note, a deviation "
        "(u.xlsx row 6)\n"
        "1 sheet: imported 2 entries into 1 file\n"
    )
    after = (sheet_data / "2020.yaml").read_text(encoding="utf-8")
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    assert [line for line in diff[2:] if not line.startswith(("@@", "+"))] == []
    assert "\n".join(line for line in diff if line.startswith("+ ")) == (
        "+        progress:\n"
        "+          - date: 2020-06-15\n"
        "+            count: 1\n"
        "+            note: Insats vid resecentrum\n"
        "+            places: [Strängnäs, Mariefred]\n"
        "+            partners: [Socialtjänsten]\n"
        '+            link: "https://polisen.se/x"\n'
        '+            sheet: "2020-T2/alla/planlagda-insatser"\n'
        "+        progress:\n"
        '+          - covers: "2020-T2"\n'
        "+            note: Möten med skolorna\n"
        "+            deviation: Färre möten under sommaren\n"
        '+            sheet: "2020-T2/alla/tata-kontakter"'
    )
    status = run_cli("status", "2020", "--as-of", "2020-09-01", "-f", "json", cwd=sheet_data.parent)
    rows = {a["id"]: a for a in json.loads(status.out)["activities"]}
    assert (rows["planlagda-insatser"]["recorded"], rows["planlagda-insatser"]["records"]) == (1, 1)
    assert rows["tata-kontakter"]["last_record"] == "2020-08-31"
    again = imported(sheet_data, sheet)
    assert (again.code, again.out) == (
        0,
        "1 sheet: imported 0 entries into 0 files; 2 rows imported before\n",
    )
    assert (sheet_data / "2020.yaml").read_text(encoding="utf-8") == after


def test_a_changed_row_is_a_conflict_and_nothing_is_written(sheet_data: Path) -> None:
    sheet = fill(export(sheet_data, "u.xlsx"), GOOD)
    assert imported(sheet_data, sheet).code == 0
    before = snapshot(sheet_data)
    fill(sheet, {f"{COUNT}5": 2, f"{NOTE}7": "Ett sök"})
    result = imported(sheet_data, sheet)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "u.xlsx:Uppföljning!A5: conflict: this row was imported before (data/2020.yaml:54) "
        "and has changed since (count); change the record in the file by hand, or put the "
        "row back as it was\n"
        "nothing imported: 1 problem\n"
    )
    assert snapshot(sheet_data) == before


def test_the_same_sheet_twice_in_one_run_adds_once(sheet_data: Path) -> None:
    sheet = fill(export(sheet_data, "u.xlsx"), GOOD)
    copy = sheet.with_name("copy.xlsx")
    copy.write_bytes(sheet.read_bytes())
    result = imported(sheet_data, sheet, copy)
    assert result.out.splitlines()[-1] == (
        "2 sheets: imported 2 entries into 1 file; 2 rows imported before"
    )


def test_all_or_nothing_across_files(sheet_data: Path) -> None:
    good = fill(export(sheet_data, "u.xlsx"), GOOD)
    other = sheet_data.parent / "u2019.xlsx"
    result = run_cli("sheet", "2019", "-t", "T2", "-o", str(other), cwd=sheet_data.parent)
    assert result.code == 0
    fill(other, {f"{COUNT}5": "två"})
    before = snapshot(sheet_data)
    result = imported(sheet_data, good, other)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "u2019.xlsx:Uppföljning!K5: expected a whole number, got 'två'\n"
        "nothing imported: 1 problem\n"
    )
    assert snapshot(sheet_data) == before


def test_two_period_files_are_written_in_one_run(sheet_data: Path) -> None:
    good = fill(export(sheet_data, "u.xlsx"), GOOD)
    other = sheet_data.parent / "u2019.xlsx"
    run_cli("sheet", "2019", "-t", "T2", "-o", str(other), cwd=sheet_data.parent)
    fill(other, {f"{COUNT}5": 3, f"{DATE}5": "2019-06-01"})
    result = imported(sheet_data, good, other)
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == "2 sheets: imported 3 entries into 2 files"
    assert 'sheet: "2019-T2/alla/' in (sheet_data / "2019.yaml").read_text(encoding="utf-8")


def test_dry_run_prints_the_diff_and_writes_nothing(sheet_data: Path) -> None:
    sheet = fill(export(sheet_data, "u.xlsx"), {f"{NOTE}6": "Möte"})
    before = snapshot(sheet_data)
    result = imported(sheet_data, sheet, dry_run=True)
    assert result.code == 0
    assert result.out == (
        "--- a/data/2020.yaml\n"
        "+++ b/data/2020.yaml\n"
        "@@ -59,6 +59,10 @@\n"
        "           kriminalitet och narkotikabruk.\n"
        "         responsible: [omradespolis, kommunpolis, utryckningspolis]\n"
        "         target: {kind: ongoing}\n"
        "+        progress:\n"
        '+          - covers: "2020-T2"\n'
        "+            note: Möte\n"
        '+            sheet: "2020-T2/alla/tata-kontakter"\n'
        " \n"
        "       - id: narkotikasok-skolor\n"
        "         text: >-\n"
    )
    assert result.err == (
        "data/2020.yaml:63: would record covering 2020-T2 for tata-kontakter: a note "
        "(u.xlsx row 6)\n"
        "1 sheet: would import 1 entry into 1 file\n"
    )
    assert snapshot(sheet_data) == before


def test_a_csv_with_commas_from_a_unit_imports_and_empty_rows_are_skipped(
    sheet_data: Path,
) -> None:
    path = export(sheet_data, "s.csv", "--responsible", "socialtjansten", "-f", "csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    rows[4][10], rows[4][8] = "2", "2020-05-20"  # linkopingsmodellen: count, date and note
    rows[4][13] = "Hembesök"
    rows[5][13] = "Träff på skolan"  # a note only
    out = io.StringIO()
    csv.writer(out, delimiter=",").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    result = imported(sheet_data, path)
    assert result.code == 0, result.err
    assert result.out == (
        "data/2020.yaml:83: recorded 2020-05-20 for linkopingsmodellen: count 2, a note "
        "(s.csv row 5)\n"
        "data/2020.yaml:99: recorded covering 2020-T2 for informationstraffar-orosanmalan: a note "
        "(s.csv row 6)\n"
        "1 sheet: imported 2 entries into 1 file\n"
    )


# -------------------------------------------------------------- bad input


def _csv_cells(path: Path, cells: dict[tuple[int, int], str]) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    for (r, c), value in cells.items():
        rows[r - 1][c - 1] = value
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")


def _another_period(data: Path) -> Path:
    return fill(export(data, "u.xlsx"), {"B2": "2018", **GOOD})


def _row_of_another_term(data: Path) -> Path:
    return fill(export(data, "u.xlsx"), {"A5": "2020-T1/alla/planlagda-insatser", **GOOD})


def _unknown_activity(data: Path) -> Path:
    path = export(data, "u.csv", "-f", "csv")
    _csv_cells(path, {(5, 1): "2020-T2/alla/planlagda-insatsen", (5, 2): "planlagda-insatsen",
                      (5, 11): "1"})  # fmt: skip
    return path


def _renamed_column(data: Path) -> Path:
    return fill(export(data, "u.xlsx"), {"K4": "Antal st", **GOOD})


def _removed_column(data: Path) -> Path:
    path = export(data, "u.csv", "-f", "csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    for row in rows[3:]:
        del row[15]
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    return path


def _date_outside(data: Path) -> Path:
    return fill(export(data, "u.xlsx"), {**GOOD, f"{DATE}5": dt.datetime(2021, 1, 10)})


def _count_in_words(data: Path) -> Path:
    return fill(export(data, "uppfoljning-T2-socialtjansten.xlsx", "--responsible",
                       "socialtjansten"), {f"{COUNT}5": "två"})  # fmt: skip


def _place_near_miss(data: Path) -> Path:
    return fill(export(data, "u.xlsx"), {**GOOD, f"{PLACES}5": "Strangnas; Mariefred"})


def _not_a_spreadsheet(data: Path) -> Path:
    path = data.parent / "notes.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    return path


def _not_a_zip(data: Path) -> Path:
    path = data.parent / "u.xlsx"
    path.write_text("Period;2020\n", encoding="utf-8")
    return path


def _corrupt_xlsx(data: Path) -> Path:
    path = fill(export(data, "u.xlsx"), GOOD)
    path.write_bytes(path.read_bytes()[:3000])
    return path


def _password_protected(data: Path) -> Path:
    # Encrypted as Excel encrypts a workbook with a password (tests/fixtures/sheet/README.md).
    path = data.parent / "u.xlsx"
    shutil.copy(ROOT / "tests" / "fixtures" / "sheet" / "encrypted.xlsx", path)
    return path


def _formula(data: Path) -> Path:
    return fill(export(data, "u.xlsx"), {**GOOD, f"{COUNT}5": "=1+1"})


def _latin1_csv(data: Path) -> Path:
    path = export(data, "u.csv", "-f", "csv")
    text = path.read_text(encoding="utf-8-sig")
    path.write_bytes(text.encode("utf-8"))  # first without the BOM
    _csv_cells(path, {(6, 14): "Möte"})
    path.write_bytes(path.read_text(encoding="utf-8-sig").encode("latin-1", "replace"))
    return path


def _old_excel(data: Path) -> Path:
    path = data.parent / "u.xls"
    # The start of every .xls file (an OLE2 compound document), as Excel 97–2003 wrote it.
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
    return path


def _nul_bytes(data: Path) -> Path:
    path = export(data, "u.csv", "-f", "csv")
    path.write_bytes(path.read_bytes() + b"\x00\x00")
    return path


def _formula_in_csv(data: Path) -> Path:
    path = export(data, "u.csv", "-f", "csv")
    _csv_cells(path, {(5, 11): "=SUMMA(A1:A3)"})
    return path


def _column_twice(data: Path) -> Path:
    return fill(export(data, "u.xlsx"), {"P4": "Antal", **GOOD})


def _date_in_words(data: Path) -> Path:
    return fill(export(data, "u.xlsx"), {**GOOD, f"{DATE}5": "15 juni"})


BAD = {
    "an old Excel file": (
        _old_excel,
        "u.xls:1: is an old Excel (.xls) file; save it as .xlsx or CSV UTF-8",
    ),
    "NUL bytes": (_nul_bytes, "u.csv:1: is not a text file (it holds NUL bytes)"),
    "a formula in a CSV": (
        _formula_in_csv,
        "u.csv:K5: holds a formula (=SUMMA(A1:A3)); type the value itself (lofte never "
        "evaluates formulas)",
    ),
    "a column twice": (
        _column_twice,
        "u.xlsx:Uppföljning!P4: the column 'Antal' appears twice\n"
        "u.xlsx:Uppföljning!A4: the column 'Avvikelse' is missing (renamed or removed); keep "
        "the columns as exported",
    ),
    "a date in words": (
        _date_in_words,
        "u.xlsx:Uppföljning!I5: expected a date as YYYY-MM-DD, got '15 juni'",
    ),
    "another period": (
        _another_period,
        "u.xlsx:Uppföljning!B2: this sheet is for the period '2018', which has no file in "
        "data (it has 2019, 2020, 2021, 2024-2025, samverkan-2020-2023)",
    ),
    "a row of another term": (
        _row_of_another_term,
        "u.xlsx:Uppföljning!A5: this row is from another sheet: its key "
        "'2020-T1/alla/planlagda-insatser' is for 2020-T1, the sheet for 2020-T2; fill in "
        "the sheet exported for that term",
    ),
    "an unknown activity": (
        _unknown_activity,
        "u.csv:B5: no activity 'planlagda-insatsen' in data/2020.yaml; did you mean "
        "'planlagda-insatser'?",
    ),
    "a renamed column": (
        _renamed_column,
        "u.xlsx:Uppföljning!K4: unknown column 'Antal st'; did you mean 'Antal'? (keep the "
        "headers as exported)\n"
        "u.xlsx:Uppföljning!A4: the column 'Antal' is missing (renamed or removed); keep the "
        "columns as exported",
    ),
    "a removed column": (
        _removed_column,
        "u.csv:A4: the column 'Avvikelse' is missing (renamed or removed); keep the columns "
        "as exported",
    ),
    "a date outside the period": (
        _date_outside,
        "u.xlsx:Uppföljning!I5: the date 2021-01-10 is outside the period 2020 "
        "(2020-03-16 – 2020-12-31)",
    ),
    "a count in words": (
        _count_in_words,
        "uppfoljning-T2-socialtjansten.xlsx:Uppföljning!K5: expected a whole number, got 'två'",
    ),
    "a place not in the list": (
        _place_near_miss,
        "u.xlsx:Uppföljning!L5: 'Strangnas' is not one of the places in the sheet's list "
        "(Strängnäs, Mariefred, Åker, Stallarholmen); did you mean 'Strängnäs'?",
    ),
    "not a spreadsheet": (
        _not_a_spreadsheet,
        "notes.pdf:1: is not a spreadsheet: expected a follow-up sheet (.xlsx or .csv) from "
        "`lofte sheet`",
    ),
    "an xlsx that is no zip": (
        _not_a_zip,
        "u.xlsx:1: is not an xlsx file (not a zip archive); is it damaged?",
    ),
    "a corrupt xlsx": (
        _corrupt_xlsx,
        "u.xlsx:1: is not a readable xlsx file (File is not a zip file)",
    ),
    "a password-protected xlsx": (
        _password_protected,
        "u.xlsx:1: is password-protected (encrypted); save it without a password and import again",
    ),
    "a formula": (
        _formula,
        "u.xlsx:Uppföljning!K5: holds a formula (=1+1); type the value itself (lofte never "
        "evaluates formulas)",
    ),
    "a CSV in Latin-1": (
        _latin1_csv,
        "u.csv:A1: is not UTF-8 text (byte 0xF6, Latin-1 'ö'?); save it as CSV UTF-8 "
        "(Excel: 'CSV UTF-8'; LibreOffice: character set Unicode (UTF-8))",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_refused_at_its_cell_and_no_yaml_changes(sheet_data: Path, case: str) -> None:
    make, expected = BAD[case]
    path = make(sheet_data)
    before = snapshot(sheet_data)
    result = imported(sheet_data, path)
    problems = expected.count("\n") + 1
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"{expected}\nnothing imported: {problems} problem{'s' if problems > 1 else ''}\n"
    )
    assert snapshot(sheet_data) == before


def test_every_problem_of_every_sheet_is_reported_at_once(sheet_data: Path) -> None:
    sheet = fill(
        export(sheet_data, "u.xlsx"),
        {f"{COUNT}5": "två", f"{DATE}6": "igår", f"{NOTE}6": "x", f"{DATE}7": "2020-02-30",
         f"{COUNT}7": 0, f"{PLACES}8": "Åker", f"{NOTE}8": "x",
         f"{DATE}8": dt.datetime(2020, 6, 1, 12, 30)},
    )  # fmt: skip
    result = imported(sheet_data, sheet)
    assert result.err == (
        "u.xlsx:Uppföljning!K5: expected a whole number, got 'två'\n"
        "u.xlsx:Uppföljning!I6: expected a date as YYYY-MM-DD, got 'igår'\n"
        "u.xlsx:Uppföljning!I7: impossible date '2020-02-30'\n"
        "u.xlsx:Uppföljning!K7: expected a whole number above zero, got 0\n"
        "u.xlsx:Uppföljning!I8: expected a date as YYYY-MM-DD, got the date "
        "2020-06-01T12:30:00 with a time\n"
        "nothing imported: 5 problems\n"
    )


def test_a_cell_that_fails_its_check_adds_no_problem_of_its_row(sheet_data: Path) -> None:
    """Read without its bad cell a row would seem to lack a count, or to conflict."""
    sheet = fill(
        export(sheet_data, "u.xlsx"),
        {f"{COUNT}5": "två", f"{PLACES}5": "Åker", f"{NOTE}6": "x", f"{DATE}6": "2020-06-01"},
    )
    result = imported(sheet_data, sheet)
    assert result.err == (
        "u.xlsx:Uppföljning!K5: expected a whole number, got 'två'\nnothing imported: 1 problem\n"
    )
    sheet = fill(sheet, {f"{COUNT}5": None, f"{PLACES}5": None})
    assert imported(sheet_data, sheet).code == 0
    sheet = fill(sheet, {f"{DATE}6": "2020-06-31"})
    result = imported(sheet_data, sheet)
    assert result.err == (
        "u.xlsx:Uppföljning!I6: impossible date '2020-06-31'\nnothing imported: 1 problem\n"
    )


def test_a_row_without_count_or_note_and_an_ongoing_row_without_note(sheet_data: Path) -> None:
    sheet = fill(
        export(sheet_data, "u.xlsx"),
        {f"{PLACES}5": "Åker", f"{COUNT}6": 2},
    )
    result = imported(sheet_data, sheet)
    assert result.err == (
        "u.xlsx:Uppföljning!K5: a row needs a count or a note (Antal or Anteckning), or a "
        "deviation alone, or nothing at all\n"
        "u.xlsx:Uppföljning!N6: activity 'tata-kontakter' is ongoing work, followed up with a "
        "note: fill in Anteckning\n"
        "nothing imported: 2 problems\n"
    )


def test_an_english_sheet_reads_back(sheet_data: Path) -> None:
    path = export(sheet_data, "en.xlsx", "--lang", "en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Follow-up", "Instructions", "Lists"]
    assert book["Follow-up"]["K4"].value == "Count"
    book["Follow-up"]["K5"] = "two"
    book.save(path)
    result = imported(sheet_data, path)
    assert result.err.splitlines()[0] == "en.xlsx:Follow-up!K5: expected a whole number, got 'two'"
    book["Follow-up"]["K5"] = 2
    book.save(path)
    assert imported(sheet_data, path).out.splitlines()[-1] == (
        "1 sheet: imported 1 entry into 1 file"
    )


def test_a_place_outside_an_incomplete_coverage_list_is_recorded_with_a_warning(
    sheet_data: Path,
) -> None:
    out = sheet_data.parent / "u2019.xlsx"
    assert run_cli("sheet", "2019", "-t", "T2", "-o", str(out), cwd=sheet_data.parent).code == 0
    book = openpyxl.load_workbook(out)
    rows = {book["Uppföljning"].cell(r, 2).value: r for r in range(5, 30)}
    r = rows["trafikkontroller"]
    fill(out, {f"{COUNT}{r}": 3, f"{PLACES}{r}": "Härad", f"{DATE}{r}": "2019-06-01"})
    result = imported(sheet_data, out)
    assert result.code == 0
    assert result.err == (
        f"u2019.xlsx:Uppföljning!L{r}: warning: 'Härad' is not among the kommundelar in "
        "strangnas.yaml, which is marked incomplete; recorded as given (add it to the list if "
        "it belongs there)\n"
    )


def test_a_missing_sheet_file_and_a_missing_data_directory(sheet_data: Path) -> None:
    result = imported(sheet_data, sheet_data.parent / "gone.xlsx")
    assert result.err == "gone.xlsx:1: no such file\nnothing imported: 1 problem\n"
    result = run_cli("import", "gone.xlsx", "--data-dir", "nowhere", cwd=sheet_data.parent)
    assert (result.code, result.err) == (
        2,
        "lofte: nowhere: data directory not found (set --data-dir or LOFTE_DATA_DIR)\n",
    )


def test_a_sheet_too_long_and_a_zip_that_unpacks_too_far_are_refused(sheet_data: Path) -> None:
    import zipfile

    path = export(sheet_data, "u.csv", "-f", "csv")
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text + "x;y\r\n" * 5000, encoding="utf-8-sig")
    result = imported(sheet_data, path)
    assert (
        result.err.splitlines()[0] == "u.csv:A5005: has more than 5000 rows; a sheet is far smaller"
    )
    bomb = sheet_data.parent / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * (201 * 1024 * 1024))
    result = imported(sheet_data, bomb)
    assert result.err.splitlines()[0] == (
        "bomb.xlsx:1: unpacks to more than 209,715,200 bytes; not a follow-up sheet"
    )


def test_work_outside_the_plan_deviations_and_spans(sheet_data: Path) -> None:
    sheet = fill(
        export(sheet_data, "u.xlsx"),
        {
            f"{DEVIATION}7": "Inga sök på grund av pandemin",  # a deviation alone
            "D12": "Narkotikasök med hund",  # work outside the plan
            f"{COUNT}12": 1,
            f"{COVERS}12": "2020",
            f"{PARTNERS}12": "Tullverket",
            f"{DEVIATION}13": "Pandemin påverkade skolbesök",  # the whole file's
            f"{NOTE}8": "Hembesök",
            f"{COVERS}8": "2020-T1",
            f"{DATE}8": "2020-04-02",
        },
    )
    before = (sheet_data / "2020.yaml").read_text(encoding="utf-8")
    result = imported(sheet_data, sheet)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "data/2020.yaml:138: recorded covering 2020-T2 a deviation for narkotikasok-skolor: "
        "Inga sök på grund av pandemin (u.xlsx row 7)\n"
        "data/2020.yaml:83: recorded 2020-04-02 covering 2020-T1 for linkopingsmodellen: a note "
        "(u.xlsx row 8)\n"
        "data/2020.yaml:146: recorded covering 2020 as other work: Narkotikasök med hund "
        "(count 1, 1 partner) (u.xlsx row 12)\n"
        "data/2020.yaml:142: recorded covering 2020-T2 a deviation for the whole file: "
        "Pandemin påverkade skolbesök (u.xlsx row 13)\n"
        "1 sheet: imported 4 entries into 1 file\n"
    )
    after = (sheet_data / "2020.yaml").read_text(encoding="utf-8")
    assert after.startswith(
        before[: before.index("      - id: avloppsvatten")].split(
            "        target: {kind: ongoing}\n\n      - id: informationstraffar"
        )[0]
    )
    assert after.endswith(
        "deviations:\n"
        '  - covers: "2020-T2"\n'
        "    text: Inga sök på grund av pandemin\n"
        "    affects: [narkotikasok-skolor]\n"
        '    sheet: "2020-T2/alla/narkotikasok-skolor"\n'
        '  - covers: "2020-T2"\n'
        "    text: Pandemin påverkade skolbesök\n"
        '    sheet: "2020-T2/alla/ovrigt-2"\n'
        "other_work:\n"
        '  - covers: "2020"\n'
        "    text: Narkotikasök med hund\n"
        "    count: 1\n"
        "    partners: [Tullverket]\n"
        '    sheet: "2020-T2/alla/ovrigt-1"\n'
    )
    status = run_cli("status", "2020", "--as-of", "2021-01-15", "-f", "json", cwd=sheet_data.parent)
    report = json.loads(status.out)
    assert [w["text"] for w in report["other_work"]] == ["Narkotikasök med hund"]
    assert [d["text"] for d in report["deviations"]] == [
        "Inga sök på grund av pandemin",
        "Pandemin påverkade skolbesök",
    ]
    again = imported(sheet_data, sheet)
    assert again.out == "1 sheet: imported 0 entries into 0 files; 4 rows imported before\n"
    fill(sheet, {"D12": "Två narkotikasök med hund"})
    changed = imported(sheet_data, sheet)
    assert changed.err.splitlines()[0] == (
        "u.xlsx:Uppföljning!A12: conflict: this row was imported before (data/2020.yaml:146) "
        "and has changed since (text); change the record in the file by hand, or put the row "
        "back as it was"
    )


def test_bad_rows_of_other_work_and_spans(sheet_data: Path) -> None:
    sheet = fill(
        export(sheet_data, "u.xlsx"),
        {
            f"{COUNT}12": 2,  # no text
            "D13": "Något",
            f"{NOTE}13": "en anteckning",
            f"{COVERS}5": "2021",
            f"{COUNT}5": 1,
            f"{COVERS}6": "T9",
            f"{NOTE}6": "x",
        },
    )
    result = imported(sheet_data, sheet)
    assert result.err == (
        "u.xlsx:Uppföljning!J5: covers '2021' is outside the period 2020 "
        "(2020-01-01 – 2020-12-31)\n"
        "u.xlsx:Uppföljning!J6: expected a term (2020-T2), a year or the period (2020), "
        "got 'T9'\n"
        "u.xlsx:Uppföljning!D12: work outside the plan needs a text: say what was done in Text\n"
        "u.xlsx:Uppföljning!N13: work outside the plan has no Anteckning: put it in Text, or a "
        "deviation on a row of its own\n"
        "nothing imported: 4 problems\n"
    )


def _export_over(data: Path, name: str) -> Any:
    return run_cli("sheet", "2020", "-t", "T2", "-o", name, cwd=data.parent)


def test_a_sheet_with_follow_up_not_yet_imported_is_never_written_over(sheet_data: Path) -> None:
    sheet = fill(export(sheet_data, "u.xlsx"), GOOD)
    before = sheet.read_bytes()
    result = _export_over(sheet_data, "u.xlsx")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "u.xlsx:1:1: holds follow-up not yet imported (2 rows); import it first (lofte "
        "import u.xlsx) or write the new sheet elsewhere (-o FILE)\n"
    )
    assert sheet.read_bytes() == before
    # Imported, it may be exported again: that is how a unit sees what was reported.
    assert imported(sheet_data, sheet).code == 0
    assert _export_over(sheet_data, "u.xlsx").code == 0
    assert sheet.read_bytes() != before


def test_a_sheet_with_problems_or_a_file_of_another_kind_is_kept(sheet_data: Path) -> None:
    sheet = fill(export(sheet_data, "u.xlsx"), {f"{COUNT}6": "två"})
    before = sheet.read_bytes()
    result = _export_over(sheet_data, "u.xlsx")
    assert (result.code, result.err) == (
        1,
        "u.xlsx:1:1: holds follow-up not yet imported, with problems (lofte import u.xlsx "
        "shows them); fix and import it first, or write the new sheet elsewhere (-o FILE)\n",
    )
    assert sheet.read_bytes() == before
    other = sheet_data.parent / "budget.xlsx"
    other.write_bytes(b"not a sheet")
    result = _export_over(sheet_data, "budget.xlsx")
    assert (result.code, result.err) == (
        1,
        "budget.xlsx:1:1: already exists and is not a follow-up sheet; write the new sheet "
        "elsewhere (-o FILE)\n",
    )
    assert other.read_bytes() == b"not a sheet"


def test_an_unfilled_sheet_is_simply_written_again(sheet_data: Path) -> None:
    export(sheet_data, "u.csv", "-f", "csv")
    result = run_cli("sheet", "2020", "-t", "T2", "-f", "csv", "-o", "u.csv", cwd=sheet_data.parent)
    assert (result.code, result.err) == (0, "")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_sheet_exported_again_shows_what_was_imported_and_adds_nothing(
    sheet_data: Path, fmt: str
) -> None:
    sheet = fill(
        export(sheet_data, "u.xlsx"),
        {**GOOD, "D12": "Narkotikasök med hund", f"{COUNT}12": 1, f"{DEVIATION}7": "Pandemin"},
    )
    assert imported(sheet_data, sheet).code == 0
    again = export(sheet_data, f"again.{fmt}", "-f", fmt)
    if fmt == "xlsx":
        cells = openpyxl.load_workbook(again)["Uppföljning"]
        shown = {ref: cells[ref].value for ref in ("I5", "K5", "L5", "N6", "J6", "P7", "D12")}
        assert shown == {
            "I5": dt.datetime(2020, 6, 15),
            "K5": 1,
            "L5": "Strängnäs; Mariefred",
            "N6": "Möten med skolorna",
            "J6": "2020-T2",
            "P7": "Pandemin",
            "D12": "Narkotikasök med hund",
        }
    else:
        rows = list(csv.reader(io.StringIO(again.read_text(encoding="utf-8-sig")), delimiter=";"))
        assert rows[4][8:16] == [
            "2020-06-15", "", "1", "Strängnäs; Mariefred", "Socialtjänsten",
            "Insats vid resecentrum", "https://polisen.se/x", "",
        ]  # fmt: skip
    before = snapshot(sheet_data)
    result = imported(sheet_data, again)
    assert result.out == "1 sheet: imported 0 entries into 0 files; 4 rows imported before\n"
    assert snapshot(sheet_data) == before


def test_a_read_only_period_file_is_left_alone(
    sheet_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = fill(export(sheet_data, "u.xlsx"), GOOD)
    # As root the tests could write a 0444 file anyway; ask the check itself.
    import lofte.importer

    real = os.access
    monkeypatch.setattr(
        lofte.importer.os,
        "access",
        lambda path, mode: real(path, mode) and not str(path).endswith("2020.yaml"),
    )
    before = snapshot(sheet_data)
    result = imported(sheet_data, sheet)
    assert result.err == (
        "data/2020.yaml:1:1: cannot write: the file is read-only\nnothing imported: 1 problem\n"
    )
    assert snapshot(sheet_data) == before


def test_the_agreement_is_followed_up_by_quarter_and_named_by_its_file(sheet_data: Path) -> None:
    out = sheet_data.parent / "q.xlsx"
    args = ["sheet", "samverkan-2020-2023", "-t", "2021-Q3", "-o", str(out)]
    assert run_cli(*args, cwd=sheet_data.parent).code == 0
    book = openpyxl.load_workbook(out)
    sheet = book["Uppföljning"]
    assert [sheet.cell(2, c).value for c in range(1, 5)] == [
        "Period", "samverkan-2020-2023", "Kvartal", "2021-Q3",
    ]  # fmt: skip
    assert book["Listor"]["C2"].value == "2019-Q4"
    assert [c.value for c in book["Listor"]["C"] if c.value][-5:] == [
        "2020", "2021", "2022", "2023", "2020-2023",
    ]  # fmt: skip
    fill(out, {f"{NOTE}5": "Möte i rådet", f"{COVERS}6": "2021", f"{NOTE}6": "Året"})
    result = imported(sheet_data, out)
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[-1] == "1 sheet: imported 2 entries into 1 file"
    text = (sheet_data / "samverkan-2020-2023.yaml").read_text(encoding="utf-8")
    assert 'covers: "2021-Q3"' in text and 'covers: "2021"' in text


def test_openpyxl_is_imported_only_for_an_xlsx(sheet_data: Path) -> None:
    from test_startup import loaded, modules_after

    cwd = sheet_data.parent
    assert loaded(modules_after("--help"), "openpyxl") == []
    assert loaded(modules_after("status", "2020", cwd=cwd), "openpyxl") == []
    csv_sheet = modules_after("sheet", "2020", "-f", "csv", "-o", "s.csv", cwd=cwd)
    assert loaded(csv_sheet, "openpyxl") == []
    assert loaded(modules_after("sheet", "2020", "-o", "s.xlsx", cwd=cwd), "openpyxl") == [
        "openpyxl"
    ]


def test_a_sheet_of_a_tree_names_its_municipality_and_imports_there(tmp_path: Path) -> None:
    """Two municipalities with a 2020 each: the sheet says `Bå Ö/2020`, and imports there.

    A folder is named as the coordinator named it: capitals, letters, a space.
    """
    root = tmp_path / "data"
    for folder in ("a", "Bå Ö"):
        shutil.copytree(ROOT / "tests" / "fixtures" / "sheet" / "data", root / folder)
    before = (root / "a" / "2020.yaml").read_bytes()
    result = run_cli("sheet", "Bå Ö/2020", "-t", "T2", cwd=tmp_path)
    assert result.code == 0, result.err
    # Named with its municipality: a's sheet of the same term would otherwise replace it.
    out = tmp_path / "uppfoljning-Bå Ö-2020-T2.xlsx"
    assert result.out == f"wrote {out.name} (7 activities, 2020-T2)\n"
    book = openpyxl.load_workbook(out)
    assert book["Uppföljning"]["B2"].value == "Bå Ö/2020"
    assert "i 2020." in book["Instruktioner"]["A3"].value
    fill(out, {f"{COUNT}5": 1, f"{DATE}5": dt.datetime(2020, 6, 15)})
    result = imported(root, out)
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == "1 sheet: imported 1 entry into 1 file"
    assert 'sheet: "2020-T2/alla/' in (root / "Bå Ö" / "2020.yaml").read_text(encoding="utf-8")
    assert (root / "a" / "2020.yaml").read_bytes() == before


def test_a_sheet_names_police_units_given_as_name_and_organisation(tmp_path: Path) -> None:
    """The real data/ lists units as {name, organisation: polisen}: a sheet of it (xlsx and
    CSV) names them, and reads back; it was a traceback (a Unit where a name belongs)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"u.{fmt}"
        args = ("sheet", "2020", "-t", "T2", "-f", fmt, "-o", str(out), "--as-of", "2020-09-10")
        result = run_cli(*args, cwd=tmp_path)
        assert (result.code, result.err) == (0, ""), result.err
        assert result.out == f"wrote {out} (7 activities, 2020-T2)\n"
    rows = list(
        csv.reader(io.StringIO(out.with_suffix(".csv").read_text("utf-8-sig")), delimiter=";")
    )
    named = {row[1]: row[5] for row in rows[4:] if len(row) > 5 and row[1]}
    assert named["tata-kontakter"] == "Områdespolis, Kommunpolis, Utryckningspolis"
    assert imported(tmp_path / "data", out).out.splitlines()[-1] == (
        "1 sheet: imported 0 entries into 0 files"
    )


def test_a_sheet_of_one_activity_says_so_in_the_singular(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    out = tmp_path / "u.csv"
    args = ("sheet", "2020", "-t", "T2", "--responsible", "kommunpolis", "-f", "csv")
    result = run_cli(*args, "-o", str(out), cwd=tmp_path)
    assert result.out == f"wrote {out} (1 activity, 2020-T2)\n"
