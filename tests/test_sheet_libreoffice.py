"""The round trip through a real office suite: `lofte sheet` → filled → saved by LibreOffice
(`soffice --headless --convert-to`) → `lofte import`.

A file written by openpyxl and read back by openpyxl proves little; these sheets are
re-written by LibreOffice Calc, which has its own ideas about shared strings, styles,
dates and numbers, as the file a unit sends back would.  Each test gives soffice a
profile of its own (``-env:UserInstallation``), so parallel runs do not clash.

Slow (a soffice start per conversion) but never optional in CI: `.ci/run` installs
Debian's ``libreoffice-calc-nogui``, and with CI=true a missing soffice fails these
tests instead of skipping them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import run_cli

pytestmark = pytest.mark.slow


def _soffice() -> str:
    found = os.environ.get("LOFTE_SOFFICE") or shutil.which("soffice")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("soffice is missing, and CI must run the LibreOffice tests (see .ci/run)")
    pytest.skip("soffice is not installed: apt-get install libreoffice-calc-nogui, or run .ci/run")


def save_in_libreoffice(source: Path, out: Path, tmp: Path, to: str = "xlsx") -> Path:
    """Open ``source`` in LibreOffice Calc and save it as ``to`` into the folder ``out``."""
    profile = tmp / "soffice-profile"
    out.mkdir(exist_ok=True)
    result = subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(tmp)},
    )
    saved = out / f"{source.stem}.{to.split(':')[0]}"
    assert saved.is_file(), result.stdout + result.stderr
    return saved


def test_export_fill_save_in_libreoffice_import(sheet_data: Path, tmp_path: Path) -> None:
    cwd = sheet_data.parent
    exported = cwd / "uppfoljning-2020-T2.xlsx"
    assert run_cli("sheet", "2020", "-t", "T2", cwd=cwd).code == 0
    book = openpyxl.load_workbook(exported)
    sheet = book["Uppföljning"]
    # What a person types: a date, a number, places from the drop-down, a note.
    sheet["I5"] = dt.datetime(2020, 6, 15)
    sheet["K5"] = 1
    sheet["L5"] = "Strängnäs; Mariefred"
    sheet["N5"] = "Insats vid resecentrum"
    sheet["N6"] = "Möten med skolorna"
    sheet["I7"] = "2020-05-04"  # a date typed as text
    sheet["K7"] = 1
    filled = cwd / "filled" / exported.name
    filled.parent.mkdir()
    book.save(filled)
    saved = save_in_libreoffice(filled, cwd / "libreoffice", tmp_path)
    assert saved.read_bytes() != filled.read_bytes()
    # LibreOffice kept what the sheet is made of.
    again = openpyxl.load_workbook(saved)
    kept = again["Uppföljning"]
    assert kept.protection.sheet and kept["A5"].protection.locked
    assert not kept["K5"].protection.locked
    assert {str(v.sqref) for v in kept.data_validations.dataValidation} >= {"L5:L21", "K5:K21"}
    before = (sheet_data / "2020.yaml").read_text(encoding="utf-8")

    result = run_cli("import", str(saved.relative_to(cwd)), cwd=cwd)
    assert (result.code, result.err) == (0, "")
    assert result.out.splitlines()[-1] == "1 sheet: imported 3 entries into 1 file"
    after = (sheet_data / "2020.yaml").read_text(encoding="utf-8")
    assert [line for line in _changed(before, after) if not line.startswith("+")] == []
    assert "            count: 1\n            note: Insats vid resecentrum\n" in after
    status = run_cli("status", "2020", "--as-of", "2020-09-01", "-f", "json", cwd=cwd)
    rows = {a["id"]: a for a in json.loads(status.out)["activities"]}
    assert rows["planlagda-insatser"]["recorded"] == 1
    assert rows["narkotikasok-skolor"]["last_record"] == "2020-05-04"
    assert rows["tata-kontakter"]["standing"] == "behind"  # followed up in T2 only

    second = run_cli("import", str(saved.relative_to(cwd)), cwd=cwd)
    assert second.out == "1 sheet: imported 0 entries into 0 files; 3 rows imported before\n"
    assert (sheet_data / "2020.yaml").read_text(encoding="utf-8") == after


def test_a_csv_saved_by_libreoffice_imports(sheet_data: Path, tmp_path: Path) -> None:
    cwd = sheet_data.parent
    exported = cwd / "s.xlsx"
    args = ["sheet", "2020", "-t", "T2", "--responsible", "socialtjansten", "-o", str(exported)]
    assert run_cli(*args, cwd=cwd).code == 0
    book = openpyxl.load_workbook(exported)
    book["Uppföljning"]["N5"] = "Hembesök tillsammans med polisen"
    book["Uppföljning"]["K5"] = 2
    book.save(exported)
    # Calc's CSV filter: comma-separated, '"' quotes, UTF-8 (76), first line as is.
    saved = save_in_libreoffice(
        exported, cwd / "out", tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76,1"
    )
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert rows[4][1] == "linkopingsmodellen"
    result = run_cli("import", str(saved.relative_to(cwd)), cwd=cwd)
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "data/2020.yaml:83: recorded covering 2020-T2 for linkopingsmodellen: count 2, a note "
        "(out/s.csv row 5)\n"
        "1 sheet: imported 1 entry into 1 file\n"
    )


def _changed(before: str, after: str) -> list[str]:
    import difflib

    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in list(diff)[2:] if not line.startswith("@@")]


def test_a_formula_saved_by_libreoffice_is_refused_not_evaluated(
    sheet_data: Path, tmp_path: Path
) -> None:
    cwd = sheet_data.parent
    exported = cwd / "u.xlsx"
    assert run_cli("sheet", "2020", "-t", "T2", "-o", str(exported), cwd=cwd).code == 0
    book = openpyxl.load_workbook(exported)
    book["Uppföljning"]["K5"] = "=1+1"
    book["Uppföljning"]["N5"] = "Två insatser"
    book.save(exported)
    saved = save_in_libreoffice(exported, cwd / "out", tmp_path)
    before = (sheet_data / "2020.yaml").read_bytes()
    result = run_cli("import", str(saved.relative_to(cwd)), cwd=cwd)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "out/u.xlsx:Uppföljning!K5: holds a formula (=1+1); type the value itself (lofte "
        "never evaluates formulas)\n"
        "nothing imported: 1 problem\n"
    )
    assert (sheet_data / "2020.yaml").read_bytes() == before
