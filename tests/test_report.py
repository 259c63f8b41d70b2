"""`lofte report`: golden reports for a made-up period, options, and the real data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

FIXTURES = ROOT / "tests" / "fixtures" / "report"
GOLDEN = FIXTURES / "golden"

# name → arguments after `lofte report`; the report date is pinned so the goldens hold.
CASES = {
    "2022-sv.md": ["2022", "--as-of", "2023-01-15"],
    "2022-en.md": ["2022", "--as-of", "2023-01-15", "--lang", "en"],
    "2022-T2-sv.md": ["2022", "--tertial", "T2", "--as-of", "2022-09-10"],
    "2022-T3-sv.md": ["2022", "-t", "2022-T3", "--as-of", "2022-10-01"],
    "2022-sv.html": ["2022", "--format", "html", "--as-of", "2023-01-15"],
    "2022-T2-en.html": ["2022", "-t", "T2", "-f", "html", "--lang", "en", "--as-of", "2022-09-10"],
    "2023-sv.md": ["2023", "--as-of", "2023-12-31"],
}


@pytest.fixture
def report_data(tmp_path: Path) -> Path:
    """A copy of the made-up report data, in a temporary directory."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", target)
    return target


@pytest.mark.parametrize("name", sorted(CASES))
def test_report_matches_golden(name: str, report_data: Path) -> None:
    result = run_cli("report", *CASES[name], "--data-dir", str(report_data))
    assert result.err == ""
    assert result.code == 0
    golden = GOLDEN / name
    if os.environ.get("LOFTE_UPDATE_GOLDEN"):
        golden.write_text(result.out, encoding="utf-8")
    assert result.out == golden.read_text(encoding="utf-8")


def test_every_golden_file_has_a_case() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(CASES)


def test_one_activity_is_said_in_the_singular(report_data: Path, tmp_path: Path) -> None:
    """ "Rapporten följer upp 1 aktivitet.", in the report and in the site's chart."""
    text = (report_data / "2023.yaml").read_text(encoding="utf-8")
    one = text.replace('period: "2023"', 'period: "2024"').replace("2023-03-01", "2024-03-01")
    one = one[: one.index("      - id: belysning")] + one[one.index("follow_up:") :]
    (report_data / "2024.yaml").write_text(one, encoding="utf-8")
    args = ("2024", "--as-of", "2024-12-31", "--data-dir", str(report_data))
    assert "\nRapporten följer upp 1 aktivitet.\n" in run_cli("report", *args).out
    html = run_cli("report", *args, "-f", "html", "--lang", "en").out
    assert "<p>The report follows up 1 activity.</p>" in html
    out = tmp_path / "site"
    site = ("site", "-o", str(out), "--data-dir", str(report_data), "--as-of", "2024-12-31")
    assert run_cli(*site).code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Läget för 1 aktivitet: 1 utan uppföljning.</title>" in index


def test_no_follow_up_is_said_plainly_and_never_as_zero(report_data: Path) -> None:
    for fmt in ("md", "html"):
        result = run_cli(
            "report", "2023", "-f", fmt, "--as-of", "2023-12-31", "--data-dir", str(report_data)
        )
        assert result.code == 0
        assert result.out.count("Ingen uppföljning registrerad") == 2
        assert "0 av" not in result.out
        assert "Registrerat under" not in result.out


def test_a_count_followed_up_with_notes_only_shows_no_number(report_data: Path) -> None:
    result = run_cli(
        "report", "2022", "-t", "T1", "--as-of", "2022-05-01", "--data-dir", str(report_data)
    )
    section = result.out.split("#### Kommunen samordnar två föräldramöten")[1].split("####")[0]
    assert "Utfall hittills: uppföljt, antal inte angivet" in section
    assert "0 av" not in section


def test_the_tertial_view_lists_only_that_tertials_records(report_data: Path) -> None:
    result = run_cli(
        "report", "2022", "-t", "T2", "--as-of", "2023-01-15", "--data-dir", str(report_data)
    )
    assert "8 juni 2022" in result.out  # T2
    assert "22 mars 2022" not in result.out  # T1
    assert "5 oktober 2022" not in result.out  # T3, though before the report date
    assert "Läget per: 31 augusti 2022" in result.out


def test_english_uses_the_same_templates_with_english_words(report_data: Path) -> None:
    result = run_cli(
        "report",
        "2022",
        "--lang",
        "en",
        "-f",
        "html",
        "--as-of",
        "2023-01-15",
        "--data-dir",
        str(report_data),
    )
    assert '<html lang="en">' in result.out
    assert "15 January 2023" in result.out and "Outcome so far" in result.out
    assert "januari" not in result.out.split("<main>")[0]


def test_output_file_is_written_whole(report_data: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "rapport.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    result = run_cli(
        "report",
        "2022",
        "-f",
        "html",
        "-o",
        str(target),
        "--as-of",
        "2023-01-15",
        "--data-dir",
        str(report_data),
    )
    assert (result.code, result.out, result.err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == (GOLDEN / "2022-sv.html").read_text("utf-8")
    assert [p.name for p in target.parent.iterdir()] == ["rapport.html"]  # no temp file left
    assert target.stat().st_mode & 0o044  # readable by others: it is to be published


def test_failed_render_leaves_the_output_file_as_it_was(report_data: Path, tmp_path: Path) -> None:
    broken = tmp_path / "templates"
    broken.mkdir()
    (broken / "report.md.j2").write_text("{{ report.nonexistent }}\n", encoding="utf-8")
    target = tmp_path / "rapport.md"
    target.write_text("old", encoding="utf-8")
    result = run_cli(
        "report",
        "2022",
        "-o",
        str(target),
        "--templates",
        str(broken),
        "--data-dir",
        str(report_data),
    )
    assert result.code == 1
    assert result.err.startswith("lofte: ")
    assert "report.md.j2:1" in result.err and "nonexistent" in result.err
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "rapport.md", "templates"]


def test_templates_override_one_template_and_fall_back_for_the_rest(
    report_data: Path, tmp_path: Path
) -> None:
    own = tmp_path / "own"
    own.mkdir()
    (own / "report.css.j2").write_text("body { font-family: 'Exempelby Sans'; }\n", "utf-8")
    (own / "_summary.md.j2").write_text(
        "## {{ words['report.summary'] }} ({{ report.total }})\n", "utf-8"
    )
    html = run_cli(
        "report",
        "2022",
        "-f",
        "html",
        "--templates",
        str(own),
        "--as-of",
        "2023-01-15",
        "--data-dir",
        str(report_data),
    )
    assert html.code == 0
    assert "font-family: 'Exempelby Sans'" in html.out
    assert "grid-template-columns" not in html.out  # the built-in CSS is replaced...
    assert '<h2 id="summary">Sammanfattning</h2>' in html.out  # ...the rest falls back
    md = run_cli(
        "report",
        "2022",
        "--templates",
        str(own),
        "--as-of",
        "2023-01-15",
        "--data-dir",
        str(report_data),
    )
    assert "## Sammanfattning (7)\n" in md.out


def test_templates_directory_must_exist(report_data: Path, tmp_path: Path) -> None:
    result = run_cli(
        "report", "2022", "--templates", str(tmp_path / "nope"), "--data-dir", str(report_data)
    )
    assert result.code == 2
    assert result.err == f"lofte: {tmp_path / 'nope'}: templates directory not found\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tertial", "T4"], "no tertial 'T4' in period 2022"),
        (["--as-of", "2022-13-01"], "--as-of: expected a date as YYYY-MM-DD, got '2022-13-01'"),
        (["--as-of", "20220101"], "--as-of: expected a date as YYYY-MM-DD, got '20220101'"),
    ],
)
def test_usage_mistakes_are_one_line_and_exit_2(
    args: list[str], message: str, report_data: Path
) -> None:
    result = run_cli("report", "2022", *args, "--data-dir", str(report_data))
    assert result.code == 2
    assert message in result.err
    assert len(result.err.splitlines()) == 1
    assert result.out == ""


def test_a_municipality_file_is_not_a_period(report_data: Path) -> None:
    result = run_cli("report", "exempelby", "--data-dir", str(report_data))
    assert result.code == 1
    assert result.out == ""
    assert (
        "exempelby.yaml:1:1: is a municipality file, not a period with activities\n" in result.err
    )


def test_a_file_with_errors_gives_its_diagnostics_and_no_report(report_data: Path) -> None:
    path = report_data / "2022.yaml"
    path.write_text(path.read_text("utf-8").replace("count: 2\n", "count: två\n"), "utf-8")
    result = run_cli("report", "2022", "--data-dir", str(report_data))
    assert result.code == 1
    assert result.out == ""
    assert "2022.yaml:" in result.err and "expected a whole number, got 'två'" in result.err


def test_missing_period_is_located(report_data: Path) -> None:
    result = run_cli("report", "2021", "--data-dir", str(report_data))
    assert result.code == 1
    assert "2021.yaml:1:1: no such file" in result.err


def test_real_data_2020_report(data_copy: Path) -> None:
    result = run_cli("report", "2020", "--as-of", "2020-09-01", "--data-dir", str(data_copy))
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("# Medborgarlöfte Strängnäs kommun 2020\n")
    assert "- Kommun: Strängnäs kommun\n" in out
    assert "- Lokalpolisområde: Lokalpolisområde Eskilstuna\n" in out
    assert "- Gäller: 16 mars 2020 – 31 december 2020\n" in out
    assert "Bygger på: Samverkansöverenskommelse mellan Polismyndigheten och Strängnäs" in out
    # data/ holds no progress: every activity says so, and nothing is counted as zero.
    assert out.count("**Ingen uppföljning registrerad**") == 7
    assert "| Utan uppföljning | 7 |" in out
    assert "0 av" not in out
    assert "**Publiceras på:** polisen.se, strängnäs.se" in out
    assert "**Lars Ekström**, Kommundirektör, Strängnäs kommun" in out


@pytest.mark.parametrize("period", ["2019", "2020", "2021", "2024-2025", "samverkan-2020-2023"])
def test_every_real_period_renders_in_both_formats(period: str, data_copy: Path) -> None:
    for fmt in ("md", "html"):
        result = run_cli(
            "report", period, "-f", fmt, "--as-of", "2025-06-30", "--data-dir", str(data_copy)
        )
        assert result.code == 0, result.err
        assert "Traceback" not in result.out + result.err


def test_html_is_self_contained_with_only_the_records_links(report_data: Path) -> None:
    import re

    result = run_cli(
        "report", "2022", "-f", "html", "--as-of", "2023-01-15", "--data-dir", str(report_data)
    )
    page = result.out
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert "url(" not in page and "@import" not in page  # the CSS fetches nothing
    assert page.count("<h1>") == 1 and '<html lang="sv">' in page
    targets = re.findall(r'\b(?:src|href|action)="([^"]*)"', page)
    assert targets == ["https://exempelby.invalid/nyheter/foraldramote"]
    anchors = re.findall(r"<a [^>]*>", page)
    assert anchors == [
        '<a href="https://exempelby.invalid/nyheter/foraldramote" rel="nofollow noopener">'
    ]
    # Every bar has its numbers in the ARIA attributes and in visible text beside it.
    bars = re.findall(r'<div class="bar" role="progressbar"[^>]*>', page)
    assert len(bars) == 5
    assert 'aria-valuemin="0" aria-valuemax="4" aria-valuenow="4" ' in bars[0]
    assert 'aria-valuetext="4 av minst 4 trygghetsvandringar"' in bars[0]
    assert "4 av minst 4 trygghetsvandringar, hållet" in page


def test_activities_listed_apart_stand_under_the_promise_they_name(data_copy: Path) -> None:
    # 2019 lists its activities apart from its promises, each naming the promise it
    # serves (but trygghetsvandringar, which names none): found by a first user.
    result = run_cli("report", "2019", "--as-of", "2020-01-15", cwd=data_copy.parent)
    assert result.code == 0
    sections = result.out.split("\n### ")
    heads = [s.splitlines()[0] for s in sections[1:]]
    assert heads[:3] == ["Löfte 1", "Löfte 2", "Övriga aktiviteter"]
    first, second, other = sections[1:4]
    assert "trafikkontroller" in first and "trimmade mopeder" in first
    assert "grannsamverkansområden" in second and "lämpliga lokaler" in second
    assert other.count("\n#### ") == 1 and "trygghetsvandringar" in other
