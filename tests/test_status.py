"""`lofte status` through the real command line: table, JSON, overview, refusals, terminals."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, run_process
from lofte.follow.standing import STANDINGS

FIXTURES = ROOT / "tests" / "fixtures" / "status"
GOLDEN = FIXTURES / "golden"


@pytest.fixture
def status_dir(tmp_path: Path) -> Path:
    """A temporary data dir holding the made-up status fixtures."""
    target = tmp_path / "data"
    target.mkdir()
    for path in FIXTURES.glob("*.yaml"):
        shutil.copy(path, target)
    return target


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("LOFTE_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


@pytest.mark.parametrize("as_of", ["2020-05-20", "2020-09-15", "2021-01-15"])
def test_table_golden_at_80_columns(status_dir: Path, as_of: str) -> None:
    result = run_cli("status", "2020", "--as-of", as_of, cwd=status_dir.parent)
    assert result.code == 0
    golden(f"2020-{as_of}.txt", result.out)
    assert max(cells(line) for line in result.out.splitlines()) <= 80
    assert "\x1b[" not in result.out  # no TTY: plain text


def test_json_golden(status_dir: Path) -> None:
    result = run_cli("status", "2020", "--as-of", "2020-09-15", "-f", "json", cwd=status_dir.parent)
    assert result.code == 0
    golden("2020-2020-09-15.json", result.out)
    report = json.loads(result.out)
    assert list(report) == [
        "version",
        "period",
        "file",
        "title",
        "as_of",
        "tertial",
        "cadence",
        "effective_start",
        "tertials",
        "activities",
        "summary",
        "summary_line",
    ]
    assert list(report["summary"]) == list(STANDINGS)
    assert {a["standing"] for a in report["activities"]} <= set(STANDINGS)
    assert len({tuple(a) for a in report["activities"]}) == 1  # every activity, same keys


def test_json_tertial_view(status_dir: Path) -> None:
    result = run_cli(
        "status", "2020", "--as-of", "2021-01-15", "-t", "T2", "-f", "json", cwd=status_dir.parent
    )
    report = json.loads(result.out)
    assert report["tertial"] == "2020-T2"
    insatser = report["activities"][0]
    assert (insatser["standing"], insatser["recorded"], insatser["term_records"]) == (
        "behind",
        1,
        1,
    )


def test_table_for_a_tertial_names_it(status_dir: Path) -> None:
    result = run_cli("status", "2020", "--as-of", "2021-01-15", "-t", "t2", cwd=status_dir.parent)
    assert result.out.splitlines()[2] == (
        "Tertial 2 2020 (May–August): standing at its end, 2020-08-31"
    )
    running = run_cli("status", "2020", "--as-of", "2020-06-01", "-t", "T2", cwd=status_dir.parent)
    assert running.out.splitlines()[2] == "Tertial 2 2020 (May–August): still running"


def test_a_multi_year_period_by_tertial(status_dir: Path) -> None:
    args = ("status", "2024-2025", "--as-of", "2025-05-10", "-f", "json")
    report = json.loads(run_cli(*args, "-t", "2024-T2", cwd=status_dir.parent).out)
    assert [t["id"] for t in report["tertials"]][::5] == ["2024-T1", "2025-T3"]
    walks = report["activities"][0]
    # Through 2024-T2: 1 (the leap day, 2024-02-29) + 2 recorded, 2 of them in T2.
    assert (walks["recorded"], walks["term_recorded"], walks["standing"]) == (3, 2, "on_track")
    refused = run_cli(*args, "-t", "T2", cwd=status_dir.parent)
    assert refused.code == 2
    assert "so name one: '2024-T2' or '2025-T2'" in refused.err


def test_the_quarterly_agreement(status_dir: Path) -> None:
    args = ("status", "samverkan-2020-2023", "--as-of", "2020-07-01", "-f", "json")
    report = json.loads(run_cli(*args, cwd=status_dir.parent).out)
    assert report["cadence"] == "quarter"
    assert report["tertials"][0] == {
        "id": "2019-Q4",
        "start": "2019-12-20",
        "end": "2019-12-31",
        "closed": True,
        "before_start": False,
    }
    sspf, bra = report["activities"]
    assert sspf["terms_due"] == ["2019-Q4", "2020-Q1", "2020-Q2"] == sspf["terms_met"]
    assert (sspf["standing"], bra["standing"]) == ("followed_up", "no_follow_up")
    table = run_cli(*args[:4], cwd=status_dir.parent).out
    assert "Status on 2020-07-01: 3 of 15 quarters closed" in table
    assert "Action plan" in table


def test_a_period_with_no_records_at_all(status_dir: Path) -> None:
    result = run_cli("status", "tom-2022", "--as-of", "2022-09-15", cwd=status_dir.parent)
    assert result.code == 0
    golden("tom-2022-2022-09-15.txt", result.out)
    assert result.out.splitlines()[-1] == "5 targets: 5 without follow-up"
    assert "0/" not in result.out and "░" not in result.out  # nothing drawn as zero
    report = json.loads(
        run_cli(
            "status", "tom-2022", "--as-of", "2022-09-15", "-f", "json", cwd=status_dir.parent
        ).out
    )
    assert {a["standing"] for a in report["activities"]} == {"no_follow_up"}
    assert {a["recorded"] for a in report["activities"]} == {None}


def test_overview_one_line_per_period_file(status_dir: Path) -> None:
    result = run_cli("status", "--as-of", "2020-09-15", cwd=status_dir.parent)
    assert result.code == 0
    assert result.out == (
        "2020                 1 of 12 targets kept, 3 on track, 2 followed up, 2 behind,\n"
        "                     1 not kept, 1 not started, 2 without follow-up\n"
        "2024-2025            3 targets: 3 not started\n"
        "samverkan-2020-2023  2 targets: 1 followed up, 1 without follow-up\n"
        "tom-2022             5 targets: 5 not started\n"
    )
    report = json.loads(
        run_cli("status", "--as-of", "2020-09-15", "-f", "json", cwd=status_dir.parent).out
    )
    assert [p["file"] for p in report["periods"]] == [
        "2020",
        "2024-2025",
        "samverkan-2020-2023",
        "tom-2022",
    ]


def test_real_2020_on_data(data_copy: Path) -> None:
    result = run_cli("status", "2020", "--as-of", "2020-09-15", cwd=data_copy.parent)
    assert result.code == 0
    golden("real-2020-2020-09-15.txt", result.out)
    assert result.out.splitlines()[-1] == "7 targets: 7 without follow-up"
    assert result.out.count("? no follow-up") == 7


def test_real_overview_on_data(data_copy: Path) -> None:
    result = run_cli("status", "--as-of", "2021-06-01", cwd=data_copy.parent)
    assert result.out == (
        "2019                 7 targets: 7 without follow-up\n"
        "2020                 7 targets: 7 without follow-up\n"
        "2021                 3 targets: 3 without follow-up\n"
        "2024-2025            15 targets: 15 not started\n"
        "samverkan-2020-2023  10 targets: 10 without follow-up\n"
    )


def test_real_coverage_says_the_list_is_incomplete(data_copy: Path) -> None:
    result = run_cli("status", "2019", "--as-of", "2020-01-15", cwd=data_copy.parent)
    assert "* trafikkontroller: the kommundelar list names 4 items and is incomplete" in result.out
    report = json.loads(
        run_cli("status", "2019", "--as-of", "2020-01-15", "-f", "json", cwd=data_copy.parent).out
    )
    coverage = next(a for a in report["activities"] if a["id"] == "trafikkontroller")
    assert coverage["items"] == ["Strängnäs", "Mariefred", "Åker", "Stallarholmen"]
    assert (coverage["list_complete"], coverage["missing"]) == (False, None)


def test_unknown_period_is_one_located_line(data_copy: Path) -> None:
    result = run_cli("status", "2002", cwd=data_copy.parent)
    assert result.out == "data/2002.yaml:1:1: no such file; did you mean '2021'?\n"
    assert result.code == 1


def test_a_file_that_does_not_validate_shows_its_problems(status_dir: Path) -> None:
    broken = status_dir / "2020.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("date: 2020-06-01,", "date: 2021-06-01,"),
        encoding="utf-8",
    )
    result = run_cli("status", "2020", "--as-of", "2020-09-15", cwd=status_dir.parent)
    assert result.out == (
        "data/2020.yaml:75:20: 2021-06-01 is outside the period (2020-01-01 – 2020-12-31)\n"
    )
    assert result.code == 1
    json_out = run_cli("status", "2020", "-f", "json", cwd=status_dir.parent)
    assert json.loads(json_out.out)["diagnostics"][0]["line"] == 75
    assert json_out.code == 1


def test_the_municipality_file_is_not_a_period(status_dir: Path) -> None:
    result = run_cli("status", "exempelby", cwd=status_dir.parent)
    assert result.out == (
        "data/exempelby.yaml:1:1: is a municipality file, not a period with activities\n"
    )
    assert result.code == 1


def test_usage_errors(status_dir: Path) -> None:
    bad_date = run_cli("status", "2020", "--as-of", "15/9", cwd=status_dir.parent)
    assert (bad_date.code, bad_date.err) == (
        2,
        "lofte: --as-of: expected a date as YYYY-MM-DD, got '15/9'\n",
    )
    no_period = run_cli("status", "-t", "T2", cwd=status_dir.parent)
    assert no_period.code == 2
    assert no_period.err == "lofte: --tertial needs a period: lofte status PERIOD --tertial T\n"
    bad_term = run_cli("status", "2020", "-t", "T4", cwd=status_dir.parent)
    assert bad_term.err == (
        "lofte: no tertial 'T4' in period 2020; did you mean 'T3'? (tertials: T1, T2, T3)\n"
    )


def test_as_of_defaults_to_today(status_dir: Path) -> None:
    import datetime as dt

    report = json.loads(run_cli("status", "2020", "-f", "json", cwd=status_dir.parent).out)
    assert report["as_of"] == dt.date.today().isoformat()


def _tty_run(cwd: Path, env: dict[str, str]) -> str:
    """``lofte status`` with standard output on a pseudo-terminal, read while it runs."""
    import pty

    leader, follower = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update({"COLUMNS": "80", "TERM": "xterm-256color", **env})
    proc = subprocess.Popen(
        [sys.executable, "-m", "lofte", "status", "2020", "--as-of", "2020-09-15"],
        cwd=cwd,
        env=full_env,
        stdout=follower,
        stderr=subprocess.DEVNULL,
    )
    os.close(follower)  # the child holds the only copy: EOF/EIO once it exits
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # Linux reports the closed terminal as EIO
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_colour_on_a_terminal_and_never_under_no_color(status_dir: Path) -> None:
    coloured = _tty_run(status_dir.parent, {})
    assert "\x1b[" in coloured
    plain = _tty_run(status_dir.parent, {"NO_COLOR": "1"})
    # NO_COLOR drops colour; bold and dim are not colour and may stay.
    assert "\x1b[3" not in plain and "\x1b[9" not in plain
    assert "▼ behind" in plain  # the symbol and the word, whatever the colour


def test_real_process_output_is_plain(status_dir: Path) -> None:
    result = run_process("status", "2020", "--as-of", "2020-09-15", cwd=status_dir.parent)
    assert result.code == 0
    assert result.out == (GOLDEN / "2020-2020-09-15.txt").read_text(encoding="utf-8")


def test_overview_reports_a_broken_file_and_goes_on(status_dir: Path) -> None:
    (status_dir / "2023.yaml").write_text("kind: medborgarlofte\n", encoding="utf-8")
    result = run_cli("status", "--as-of", "2020-09-15", cwd=status_dir.parent)
    lines = result.out.splitlines()
    assert lines[0].startswith("data/2023.yaml:1:1: ")
    assert [line.split()[0] for line in lines if not line.startswith(("data/", " "))] == [
        "2020",
        "2024-2025",
        "samverkan-2020-2023",
        "tom-2022",
    ]
    assert result.code == 1


def test_an_empty_data_dir(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    result = run_cli("status", cwd=tmp_path)
    assert (result.code, result.out) == (0, "no period files\n")


def test_a_term_not_begun(status_dir: Path) -> None:
    result = run_cli("status", "2020", "--as-of", "2020-06-01", "-t", "T3", cwd=status_dir.parent)
    assert result.out.splitlines()[2] == "Tertial 3 2020 (September–December): not begun yet"


def test_core_modules_import_neither_typer_nor_rich() -> None:
    code = (
        "import sys\n"
        "import lofte.follow.calendar, lofte.follow.standing, lofte.status, lofte.words\n"
        "import lofte.render.status_json\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.splitlines()[-1] == "[]"


def test_only_the_status_renderer_imports_rich() -> None:
    import re

    statement = re.compile(r"^\s*(?:import|from) rich\b", re.M)
    users = sorted(
        path.relative_to(ROOT / "src").as_posix()
        for path in (ROOT / "src").rglob("*.py")
        if statement.search(path.read_text(encoding="utf-8"))
    )
    assert users == ["lofte/render/status.py"]


def test_a_wider_terminal_gives_the_activity_more_room(status_dir: Path) -> None:
    result = run_cli(
        "status", "2020", "--as-of", "2020-09-15", cwd=status_dir.parent, env={"COLUMNS": "120"}
    )
    lines = result.out.splitlines()
    assert max(cells(line) for line in lines) <= 120
    full = "Kommunen samordnar minst fyra föräldraträffar på skolor."
    assert any(line.startswith(full + " ") for line in lines)
