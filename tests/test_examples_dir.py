"""`examples/`: the made-up Exempelstad uses every feature of the format and passes every gate.

The folder is copied to a temporary data directory (tests never write into the
repository); validate and check must be clean, and status (text and JSON) and the
report (Markdown, Swedish tertial and English HTML) match golden files.  Regenerate
after a deliberate change with ``LOFTE_UPDATE_GOLDEN=1``, and read the diff.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

EXAMPLES_DIR = ROOT / "examples"
GOLDEN = ROOT / "tests" / "fixtures" / "examples-dir"
AS_OF = "2022-10-15"


@pytest.fixture
def town(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for path in EXAMPLES_DIR.glob("*.yaml"):
        shutil.copy(path, data)
    return tmp_path


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("LOFTE_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_examples_are_labelled_as_invented() -> None:
    readme = (EXAMPLES_DIR / "README.md").read_text(encoding="utf-8")
    assert "**Everything in this folder is invented.**" in readme
    for path in EXAMPLES_DIR.glob("*.yaml"):
        assert "INVENTED" in path.read_text(encoding="utf-8").splitlines()[1], path.name


def test_the_examples_validate(town: Path) -> None:
    result = run_cli("validate", cwd=town)
    assert (result.code, result.out) == (0, "checked 4 files: no problems\n")


def test_the_examples_pass_check_strictly(town: Path) -> None:
    result = run_cli("check", "--as-of", AS_OF, "--strict", cwd=town)
    assert result.out == (
        "checked 14 targets in 4 files: 14 tracked, 0 untracked, 0 stale; no problems\n"
    )
    assert result.code == 0


def test_status_shows_parties_windows_and_vague_counts(town: Path) -> None:
    result = run_cli("status", "2022-2023", "--as-of", AS_OF, cwd=town)
    assert result.code == 0
    golden("status-2022-2023.txt", result.out)
    lines = result.out.splitlines()
    assert "polisen-lovar: Polisen lovar" in lines
    assert "tryggare-centrum: Tryggare centrum (Polisen och kommunen lovar)" in lines
    assert "June–August 2022" in lines
    assert "riktade-insatser        flera riktade     3/flera     ✎ followed up   2022-06-10" in (
        lines
    )
    assert "applies from 2022-03-01 (signing)" in lines[1]


def test_status_json_says_who_promises_and_when(town: Path) -> None:
    result = run_cli("status", "2022-2023", "--as-of", AS_OF, "-f", "json", cwd=town)
    assert result.code == 0
    golden("status-2022-2023.json", result.out)
    data = json.loads(result.out)
    assert (data["period"], data["signed"], data["effective_start"]) == (
        "2022/2023",
        "2022-03",
        "2022-03-01",
    )
    by_id = {a["id"]: a for a in data["activities"]}
    vague = by_id["riktade-insatser"]
    assert (vague["standing"], vague["recorded"], vague["promised_by_text"]) == (
        "followed_up",
        3,
        "Polisen lovar",
    )
    assert vague["description"] == "3 riktade insatser; target: flera"
    assert by_id["foraldramoten"]["promised_by_text"] == "Områdespolisen Exempelstad lovar"
    assert by_id["webbinformation"]["promised_by"] == ["polisen", "kommunen"]
    summer = by_id["sommarvardar"]
    assert (summer["window"], summer["starts"], summer["deadline"]) == (
        {"start": "2022-06", "end": "2022-08"},
        "2022-06-01",
        "2022-08-31",
    )
    assert by_id["belysning"]["deadline"] == "2022-06-30"  # due: 2022-06
    assert by_id["trygghetsvandring"]["target"] == {"kind": "recurring", "per": "year"}


def test_the_report_in_swedish(town: Path) -> None:
    result = run_cli("report", "2022-2023", "--as-of", AS_OF, "-t", "2022-T2", cwd=town)
    assert result.code == 0
    golden("report-2022-2023-T2-sv.md", result.out)
    out = result.out
    assert "\n### Polisen lovar\n" in out
    assert "\n### Kommunen lovar\n" in out
    assert "\n### Löfte 1: Tryggare centrum\n\n*Polisen och kommunen lovar*\n" in out
    assert "- Tid: juni–augusti 2022\n" in out
    assert "- Utfall hittills: 3 riktade insatser; målet: flera\n" in out
    assert "\nUndertecknat i mars 2022\n" in out
    assert (
        "- Bygger på: [Regional samverkansöverenskommelse 2021-2024 (påhittad)]"
        "(<https://region.example/samverkan-2021-2024.pdf>)\n"
    ) in out
    assert (
        "- [Läs hela medborgarlöftet](<https://exempelstad.example/medborgarlofte-2022-2023.pdf>)"
        in out
    )


def test_the_report_in_english_html(town: Path) -> None:
    result = run_cli(
        "report", "2022-2023", "--as-of", "2024-01-15", "--lang", "en", "-f", "html", cwd=town
    )
    assert result.code == 0
    golden("report-2022-2023-en.html", result.out)
    out = result.out
    assert '<h3 id="group-1">The police promise</h3>' in out
    assert '<h3 id="group-2">The municipality promises</h3>' in out
    assert '<p class="promised-by">The police and the municipality promise</p>' in out
    assert "<dd>June–August 2022</dd>" in out
    assert 'Signed in <time datetime="2022-03">March 2022</time>' in out
    assert (
        '<a href="https://exempelstad.example/medborgarlofte-2022-2023.pdf" rel="noopener">'
        "Read the whole promise</a>"
    ) in out


def test_the_agreement_and_a_promise_that_builds_on_it(town: Path) -> None:
    result = run_cli("report", "2024", "--as-of", "2024-03-01", cwd=town)
    assert result.code == 0
    assert "- Bygger på: Samverkansöverenskommelse Exempelstad 2022-2025\n" in result.out
    assert "- Gäller: 1 februari 2024 – 30 november 2024\n" in result.out
    status = run_cli("status", "samverkan-2022-2025", "--as-of", AS_OF, cwd=town)
    assert status.out.splitlines()[-1] == "2 targets: 2 followed up"
