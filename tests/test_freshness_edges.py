"""rules.freshness (LT301) at its edges: records on a term's first and last day,
windows that begin or end on a term's edge, milestones, long lists of missing terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

PROMISE = """\
# Made up: one activity, for the edges of LT301.
kind: medborgarlofte
period: "{period}"
title: Medborgarlöfte Exempelby {period}
municipality: exempelby
activities:
  - id: kontakter
    text: Täta kontakter med skola och socialtjänst.
    target: {{kind: {kind}}}
{more}"""


def _lt301(example_dir: Path, as_of: str, more: str = "", **fields: str) -> list[str]:
    period = fields.get("period", "2020")
    text = PROMISE.format(period=period, kind=fields.get("kind", "ongoing"), more=more)
    (example_dir / f"{period}.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", period, "--as-of", as_of, cwd=example_dir.parent)
    assert result.err == ""
    lines = [line for line in result.out.splitlines() if " LT301 " in line]
    assert result.code == (1 if any(": warning: " not in line for line in lines) else 0)
    return lines


WHERE = "data/2020.yaml:7:9: LT301 activity 'kontakter': "


@pytest.mark.parametrize(
    ("day", "missing"),
    [
        ("2020-01-01", "2020-T2"),  # T1's first day
        ("2020-04-30", "2020-T2"),  # T1's last day
        ("2020-05-01", "2020-T1"),  # T2's first day
        ("2020-08-31", "2020-T1"),  # T2's last day
        ("2020-09-01", "2020-T1, 2020-T2"),  # T3: not yet due
    ],
)
def test_a_record_on_a_terms_first_or_last_day(example_dir: Path, day: str, missing: str) -> None:
    lines = _lt301(example_dir, "2020-10-15", f"    progress: [{{date: {day}, note: Möte.}}]\n")
    due = "2020-05-30" if missing.startswith("2020-T1") else "2020-09-30"
    assert lines == [f"{WHERE}no record or note for {missing} (due by {due})"]


@pytest.mark.parametrize(
    ("start", "end", "missing"),
    [
        ("2020-04-30", "2020-05-01", "2020-T1, 2020-T2"),  # one day in each of T1 and T2
        ("2020-05-01", "2020-08-31", "2020-T2"),  # exactly T2
        ("2020-05-02", "2020-08-30", "2020-T2"),
        ("2020-01-01", "2020-04-30", "2020-T1"),  # exactly T1
    ],
)
def test_a_window_needs_the_terms_it_touches(
    example_dir: Path, start: str, end: str, missing: str
) -> None:
    window = f"    window: {{start: {start}, end: {end}}}\n"
    due = "2020-05-30" if missing.startswith("2020-T1") else "2020-09-30"
    assert _lt301(example_dir, "2020-10-15", window) == [
        f"{WHERE}no record or note for {missing} (due by {due})"
    ]


@pytest.mark.parametrize(
    ("day", "lines"),
    [
        ("2020-04-30", []),  # done in T1: nothing owed after it
        ("2020-05-01", ["no record or note for 2020-T1; the period has ended"]),
        ("2020-08-31", ["no record or note for 2020-T1; the period has ended"]),
    ],
)
def test_a_milestone_owes_nothing_after_it_is_done(
    example_dir: Path, day: str, lines: list[str]
) -> None:
    progress = f"    progress: [{{date: {day}, note: Klart.}}]\n"
    found = _lt301(example_dir, "2021-01-15", progress, kind="milestone")
    assert found == [f"{WHERE.replace(': LT301', ': warning: LT301')}{line}" for line in lines]


@pytest.mark.parametrize(
    ("as_of", "named"),
    [
        ("2021-01-31", "2020-T1, 2020-T2, 2020-T3 (due by 2020-05-30)"),  # three: named
        ("2021-05-31", "4 tertials, 2020-T1 … 2021-T1 (due by 2020-05-30)"),  # four: counted
        ("2021-09-30", "4 tertials, 2020-T1 … 2021-T1 (due by 2020-05-30)"),  # at the grace
        ("2021-10-01", "5 tertials, 2020-T1 … 2021-T2 (due by 2020-05-30)"),  # the day after
    ],
)
def test_more_than_three_missing_terms_are_counted(
    example_dir: Path, as_of: str, named: str
) -> None:
    (line,) = _lt301(example_dir, as_of, period="2020-2021")
    assert line == (
        f"data/2020-2021.yaml:7:9: LT301 activity 'kontakter': no record or note for {named}"
    )


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2020-12-31", "error"),  # the period's last day: still running
        ("2021-01-01", "warning"),  # the day after: ended
    ],
)
def test_error_while_running_warning_once_ended(
    example_dir: Path, as_of: str, expected: str
) -> None:
    (line,) = _lt301(example_dir, as_of)
    if expected == "error":
        assert line == f"{WHERE}no record or note for 2020-T1, 2020-T2 (due by 2020-05-30)"
    else:
        assert line == (
            f"{WHERE.replace(': LT301', ': warning: LT301')}no record or note for "
            "2020-T1, 2020-T2; the period has ended"
        )


def test_a_quarterly_document_names_quarters(example_dir: Path) -> None:
    more = "follow_up: {cadence: quarter}\n"
    text = PROMISE.format(period="2020", kind="ongoing", more="")
    text = text.replace("activities:", more + "activities:")
    (example_dir / "2020.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "2020", "--as-of", "2021-02-15", cwd=example_dir.parent)
    (line,) = [line for line in result.out.splitlines() if " LT301 " in line]
    assert line == (
        "data/2020.yaml:8:9: warning: LT301 activity 'kontakter': no record or note for "
        "4 quarters, 2020-Q1 … 2020-Q4; the period has ended"
    )


def test_the_finding_points_at_the_id_wherever_it_stands(example_dir: Path) -> None:
    text = PROMISE.format(period="2020", kind="ongoing", more="").replace(
        "  - id: kontakter\n    text: Täta kontakter med skola och socialtjänst.\n",
        "  - text: Täta kontakter med skola och socialtjänst.\n    id: kontakter\n",
    )
    (example_dir / "2020.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", "2020", "--as-of", "2020-06-15", cwd=example_dir.parent)
    (line,) = [line for line in result.out.splitlines() if " LT301 " in line]
    assert line == (
        "data/2020.yaml:8:9: LT301 activity 'kontakter': no record or note for 2020-T1 "
        "(due by 2020-05-30)"
    )
