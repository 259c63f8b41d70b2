"""`lofte check` through the real command line: the real data, dates, formats, codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, run_cli, run_process
from lofte.rules.codes import CODES

CHECK_EXAMPLES = ROOT / "tests" / "examples-check"
# Since issue 11 data/ holds the published outcomes, and acknowledges (with reasons)
# the terms no published source follows up: nothing stale is left unexplained.
REAL_SUMMARY = (
    "checked 42 targets in 6 files: 42 tracked, 0 untracked, 0 stale; no problems (36 acknowledged)"
)


# --- the real data ----------------------------------------------------------------


def test_the_real_data_passes_as_a_real_process(data_copy: Path) -> None:
    # Every period of data/ has ended by 2026; what no source follows up is acknowledged.
    result = run_process("check", "data/", "--as-of", "2026-11-22", cwd=data_copy.parent)
    lines = result.out.splitlines()
    assert lines[-1] == REAL_SUMMARY
    assert all(": acknowledged: LT" in line for line in lines[:-1])
    assert sum(": acknowledged: LT202 " in line for line in lines) == 1
    assert result.code == 0
    assert result.err == ""


def test_the_real_data_passes_today_as_ci_runs_it(data_copy: Path) -> None:
    result = run_process("check", "data/", cwd=data_copy.parent)
    assert result.code == 0, result.out


def test_the_real_data_states_no_untracked_quantity(data_copy: Path) -> None:
    result = run_cli("check", "--as-of", "2026-11-22", cwd=data_copy.parent)
    assert not [line for line in result.out.splitlines() if " LT1" in line]


def test_strict_passes_on_the_real_datas_honest_history(data_copy: Path) -> None:
    # --strict turns warnings into errors, but acknowledged findings stay acknowledged.
    result = run_cli("check", "--strict", "--as-of", "2026-11-22", cwd=data_copy.parent)
    assert result.code == 0
    assert result.out.splitlines()[-1] == REAL_SUMMARY
    assert "warning:" not in result.out and "error" not in result.out


def test_strict_turns_an_unacknowledged_warning_into_an_error(data_copy: Path) -> None:
    path = data_copy / "2024-2025.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("# No published follow-up of 2024-2025")], "utf-8")
    result = run_cli("check", "--strict", "--as-of", "2026-11-22", cwd=data_copy.parent)
    assert result.code == 1
    assert result.out.splitlines()[-1].endswith("15 stale; 15 errors in 1 file (21 acknowledged)")
    assert "warning:" not in result.out


def test_ci_runs_check_on_data_after_validate() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines.index("lofte check data/") > lines.index("lofte validate data/")


# --- --as-of and --grace ------------------------------------------------------------

ONGOING = """\
# Made up: one ongoing activity in 2020, for the date boundaries.
kind: medborgarlofte
period: "2020"
title: Medborgarlöfte Exempelby 2020
municipality: exempelby
{extra}activities:
  - id: kontakter
    text: Täta kontakter med skola och socialtjänst.
    target: {{kind: ongoing}}
{progress}"""


def _one(example_dir: Path, progress: str = "", extra: str = "") -> Path:
    (example_dir / "2020.yaml").write_text(
        ONGOING.format(progress=progress, extra=extra), encoding="utf-8"
    )
    return example_dir.parent


def _stale(cwd: Path, *args: str) -> list[str]:
    result = run_cli("check", "2020", *args, cwd=cwd)
    assert result.code in (0, 1), result.out + result.err
    return [line for line in result.out.splitlines() if " LT301 " in line]


# T1 2020 closes on 30 April; with --grace N its follow-up is due by 30 April + N days.
@pytest.mark.parametrize(
    "grace,as_of,stale",
    [
        ("30", "2020-05-29", False),  # the day before closing + grace
        ("30", "2020-05-30", False),  # at closing + grace
        ("30", "2020-05-31", True),  # the day after
        ("0", "2020-04-30", False),
        ("0", "2020-05-01", True),
        ("10", "2020-05-10", False),
        ("10", "2020-05-11", True),
    ],
)
def test_grace_boundaries(example_dir: Path, grace: str, as_of: str, stale: bool) -> None:
    lines = _stale(_one(example_dir), "--grace", grace, "--as-of", as_of)
    due = {"30": "2020-05-30", "0": "2020-04-30", "10": "2020-05-10"}[grace]
    expected = [
        "data/2020.yaml:7:9: LT301 activity 'kontakter': no record or note for 2020-T1 "
        f"(due by {due})"
    ]
    assert lines == (expected if stale else [])


def test_the_default_grace_is_30_days(example_dir: Path) -> None:
    cwd = _one(example_dir)
    assert _stale(cwd, "--as-of", "2020-05-30") == []
    assert len(_stale(cwd, "--as-of", "2020-05-31")) == 1


@pytest.mark.parametrize("day,stale", [("2020-04-30", False), ("2020-05-01", True)])
def test_a_record_counts_for_the_tertial_it_is_dated_in(
    example_dir: Path, day: str, stale: bool
) -> None:
    cwd = _one(example_dir, f"    progress: [{{date: {day}, note: Möte.}}]\n")
    assert bool(_stale(cwd, "--as-of", "2020-05-31")) is stale


@pytest.mark.parametrize(
    "as_of,severity",
    [("2020-12-31", "error"), ("2021-01-01", "warning")],  # the period's last day, the day after
)
def test_missing_follow_up_is_an_error_while_running_and_a_warning_once_ended(
    example_dir: Path, as_of: str, severity: str
) -> None:
    cwd = _one(example_dir)
    result = run_cli("check", "2020", "--as-of", as_of, cwd=cwd)
    (line,) = [line for line in result.out.splitlines() if " LT301 " in line]
    assert (": warning: " in line) is (severity == "warning")
    assert "2020-T1, 2020-T2" in line and "2020-T3" not in line
    assert result.code == (1 if severity == "error" else 0)


def test_a_period_not_yet_begun_owes_nothing(example_dir: Path) -> None:
    assert _stale(_one(example_dir), "--as-of", "2019-12-31") == []


def test_tertials_before_the_signing_owe_nothing(example_dir: Path) -> None:
    cwd = _one(example_dir, extra="signed: 2020-06-01\napplies_from: signing\n")
    (line,) = _stale(cwd, "--as-of", "2020-10-15")
    assert line.endswith("no record or note for 2020-T2 (due by 2020-09-30)")


def test_strict_makes_warnings_errors(example_dir: Path) -> None:
    cwd = _one(example_dir)
    plain = run_cli("check", "2020", "--as-of", "2021-06-01", cwd=cwd)
    strict = run_cli("check", "2020", "--as-of", "2021-06-01", "--strict", cwd=cwd)
    assert plain.code == 0 and ": warning: LT301 " in plain.out
    assert strict.code == 1 and ": LT301 " in strict.out and "warning" not in strict.out
    assert strict.out.splitlines()[-1].endswith("; 1 error in 1 file")


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["--as-of", "2020-13-01"],
            "lofte: --as-of: expected a date as YYYY-MM-DD, got '2020-13-01'",
        ),
        (["--as-of", "20200101"], "lofte: --as-of: expected a date as YYYY-MM-DD, got '20200101'"),
        (["--grace", "-1"], "lofte: --grace: expected a number of days, 0 or more, got -1"),
    ],
)
def test_bad_dates_and_grace_are_usage_errors(
    example_dir: Path, args: list[str], message: str
) -> None:
    result = run_cli("check", "2020", *args, cwd=_one(example_dir))
    assert (result.code, result.err, result.out) == (2, message + "\n", "")


def test_missing_data_dir_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("lofte: data: data directory not found")


# --- records: the incomplete list, validate's part ------------------------------------


def test_a_place_outside_an_incomplete_list_is_a_warning(example_dir: Path) -> None:
    town = example_dir / "exempelby.yaml"
    town.write_text(town.read_text(encoding="utf-8") + "    complete: false\n", encoding="utf-8")
    shutil.copy(CHECK_EXAMPLES / "negative" / "LT203-record-place-2020.yaml", example_dir)
    result = run_cli(
        "check",
        "--as-of",
        "2020-10-15",
        "data/LT203-record-place-2020.yaml",
        cwd=example_dir.parent,
    )
    lines = result.out.splitlines()
    assert lines[0] == (
        "data/LT203-record-place-2020.yaml:11:54: warning: LT203 activity 'kommundelar': "
        "place 'Hamen' is not in 'kommundelar', which is marked incomplete; add it there if it "
        "belongs; did you mean 'Hamnen'?"
    )
    # The target's own items are a complete list: still an error.
    assert ": LT203 activity 'skolor': place 'Västraskolan'" in lines[2]


def test_a_file_failing_validate_reports_validates_problems_and_others_are_checked(
    example_dir: Path,
) -> None:
    for name in ("invalid-2020.yaml", "LT101-no-target-2020.yaml"):
        shutil.copy(CHECK_EXAMPLES / "negative" / name, example_dir)
    result = run_cli("check", "--as-of", "2020-10-15", cwd=example_dir.parent)
    assert result.out.splitlines() == [
        "data/LT101-no-target-2020.yaml:7:9: LT101 activity 'insatser' has no target; "
        "give it one (continuing work is {kind: ongoing})",
        "data/invalid-2020.yaml:10:5: unknown key 'progress'; "
        "expected one of: activities, category, id, text, title",
        "data/samverkan-2020-2023.yaml:13:9: LT301 activity 'team-ungdom': no record or note "
        "for 2019-Q4, 2020-Q1, 2020-Q2 (due by 2020-01-30)",
        "checked 2 targets in 4 files: 1 tracked, 1 untracked, 1 stale; 3 errors in 3 files",
    ]
    assert result.code == 1


# --- formats --------------------------------------------------------------------------


def _mismatch(example_dir: Path, fmt: str) -> tuple[int, str]:
    shutil.copy(CHECK_EXAMPLES / "negative" / "LT102-quantity-mismatch-2020.yaml", example_dir)
    result = run_cli(
        "check",
        "--as-of",
        "2020-10-15",
        "--format",
        fmt,
        "data/LT102-quantity-mismatch-2020.yaml",
        cwd=example_dir.parent,
    )
    return result.code, result.out


def test_json_format(example_dir: Path) -> None:
    code, out = _mismatch(example_dir, "json")
    data = json.loads(out)
    assert code == 1
    assert data["summary"].startswith("checked 4 targets in 1 file: 0 tracked, 4 untracked")
    first = data["diagnostics"][0]
    assert first == {
        "path": "data/LT102-quantity-mismatch-2020.yaml",
        "line": 9,
        "col": 37,
        "code": "LT102",
        "message": "activity 'sex-omraden': the text says 'minst åtta stycken nya "
        "grannsamverkansområden' (at least 8) but the target is a count of at least 6 nya "
        "grannsamverkansområden",
        "severity": "error",
    }


def test_github_format(example_dir: Path) -> None:
    code, out = _mismatch(example_dir, "github")
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == (
        "::error file=data/LT102-quantity-mismatch-2020.yaml,line=9,col=37,title=LT102::"
        "activity 'sex-omraden': the text says 'minst åtta stycken nya grannsamverkansområden' "
        "(at least 8) but the target is a count of at least 6 nya grannsamverkansområden"
    )
    assert len(lines) == 5 and lines[-1].startswith("checked 4 targets")


def test_github_format_marks_warnings(example_dir: Path) -> None:
    shutil.copy(CHECK_EXAMPLES / "negative" / "LT301-stale-ended-2019.yaml", example_dir)
    result = run_cli(
        "check",
        "--as-of",
        "2020-10-15",
        "-f",
        "github",
        "data/LT301-stale-ended-2019.yaml",
        cwd=example_dir.parent,
    )
    assert result.out.startswith("::warning file=data/LT301-stale-ended-2019.yaml,line=7,col=9,")
    assert result.code == 0


def test_text_format_is_path_line_col_code_message(example_dir: Path) -> None:
    code, out = _mismatch(example_dir, "text")
    assert out.splitlines()[0].startswith("data/LT102-quantity-mismatch-2020.yaml:9:37: LT102 ")


# --- --explain ------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(CODES))
def test_explain_every_code(code: str) -> None:
    result = run_cli("check", "--explain", code)
    assert result.code == 0
    assert result.out == f"{code} {CODES[code].name}: {CODES[code].explanation}\n"
    assert len(result.out.splitlines()) == 1


def test_explain_by_name_and_in_lower_case() -> None:
    assert run_cli("check", "--explain", "stale").out.startswith("LT301 stale: ")
    assert run_cli("check", "--explain", "lt101").out.startswith("LT101 no-target: ")


@pytest.mark.parametrize(
    "word,hint",
    [("LT1O2", "did you mean 'LT102'?"), ("no-targt", "did you mean 'no-target'?"),
     ("XYZ", "known codes: LT101, LT102, LT103, LT104, LT201, LT202, LT203, LT301")],
)  # fmt: skip
def test_explain_an_unknown_code_is_a_usage_error(word: str, hint: str) -> None:
    result = run_cli("check", "--explain", word)
    assert result.code == 2
    assert result.err == f"lofte: --explain: unknown check code {word!r}; {hint}\n"
    assert result.out == ""


def test_every_code_is_documented() -> None:
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for code in CODES.values():
        assert f"`{code.code}`" in doc and code.name in doc, code.code


def test_examples_use_the_common_files() -> None:
    assert (EXAMPLES / "common" / "exempelby.yaml").is_file()
