"""The keys a format for every municipality needs (issue 12), one behaviour each.

Month-precision dates, `per: year`, vague counts, `promised_by`, seasonal windows,
a period written "2022/2023".  The files are made up; the whole made-up
municipality that uses them together is `examples/` (tests/test_examples_dir.py).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, run_cli
from lofte.follow.calendar import month_span, terms_of
from lofte.follow.describe import describe
from lofte.follow.standing import assess
from lofte.model import Promise, YearMonth
from lofte.words import promisers

EXEMPELSTAD = ROOT / "examples" / "exempelstad.yaml"


def promise(activity: dict[str, Any], **doc: Any) -> Promise:
    """A made-up promise with one activity ``a``; ``doc`` overrides top-level keys."""
    data: dict[str, Any] = {
        "kind": "medborgarlofte",
        "period": "2022",
        "title": "Påhittat",
        "municipality": "exempelby",
        "activities": [{"id": "a", "text": "Påhittad aktivitet."} | activity],
        **doc,
    }
    return Promise.model_validate(data)


def standing(document: Promise, as_of: str) -> Any:
    return assess(document, date.fromisoformat(as_of))[0]


def write(data_dir: Path, name: str, data: dict[str, Any]) -> None:
    (data_dir / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


# ------------------------------------------------------------ month dates


def test_a_month_keeps_its_precision_and_means_its_whole_month() -> None:
    leap = YearMonth(2024, 2)
    assert (leap.first_day, leap.last_day, leap.isoformat()) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
        "2024-02",
    )
    doc = promise(
        {"due": "2022-06", "window": {"start": "2022-03", "end": "2022-09"}},
        starts="2022-02",
        ends="2022-11",
        signed="2022-03",
        applies_from="signing",
    )
    assert doc.signed == YearMonth(2022, 3)
    assert (doc.first_day, doc.last_day, doc.effective_start) == (
        date(2022, 2, 1),
        date(2022, 11, 30),
        date(2022, 3, 1),
    )
    activity = doc.activities[0]
    assert activity.due_day == date(2022, 6, 30)
    assert activity.window is not None
    assert (activity.window.first, activity.window.last) == (date(2022, 3, 1), date(2022, 9, 30))
    # Written back as written: the month stays a month.
    dumped = doc.model_dump(mode="json", exclude_unset=True)
    assert (dumped["signed"], dumped["activities"][0]["due"]) == ("2022-03", "2022-06")


def test_signed_in_a_month_starts_the_period_on_its_first_day() -> None:
    doc = promise({"target": {"kind": "ongoing"}}, signed="2022-03", applies_from="signing")
    terms = terms_of(doc)
    assert [(t.id, t.start, t.before_start) for t in terms[:1]] == [
        ("2022-T1", date(2022, 1, 1), False)
    ]
    # T1 is due from 1 March: no follow-up is asked for January and February alone.
    status = standing(doc, "2022-05-02")
    assert (status.starts, status.terms_due) == (date(2022, 3, 1), ("2022-T1",))


@pytest.mark.parametrize(
    ("start", "end", "lang", "year", "said"),
    [
        (date(2022, 6, 1), date(2022, 8, 31), "sv", False, "juni–augusti"),
        (date(2022, 6, 1), date(2022, 8, 31), "en", True, "June–August 2022"),
        (date(2022, 7, 1), date(2022, 7, 31), "sv", False, "juli"),
        (date(2022, 6, 15), date(2022, 8, 20), "sv", False, "15 juni–20 augusti"),
        (date(2022, 6, 15), date(2022, 6, 20), "sv", False, "15–20 juni"),
        (date(2022, 11, 1), date(2023, 2, 28), "sv", False, "november 2022–februari 2023"),
    ],
)
def test_a_window_in_words(start: date, end: date, lang: str, year: bool, said: str) -> None:
    assert month_span(start, end, lang, year=year) == said


# --------------------------------------------------------------- periods


def test_a_period_written_with_a_slash_names_the_dash_file(example_dir: Path) -> None:
    base = {"kind": "medborgarlofte", "title": "Påhittat", "municipality": "exempelby"}
    write(example_dir, "2022-2023.yaml", {**base, "period": "2022/2023"})
    write(example_dir, "2024.yaml", {**base, "period": "2022/2023"})
    result = run_cli("validate", cwd=example_dir.parent)
    assert result.out.splitlines() == [
        "data/2024.yaml:3:9: period '2022/2023' disagrees with the file name '2024.yaml'",
        "checked 4 files: 1 error in 1 file",
    ]
    status = run_cli("status", "2022-2023", "--as-of", "2022-05-02", cwd=example_dir.parent)
    assert status.code == 0


def test_a_period_that_ends_before_it_starts_is_refused_with_a_slash_too() -> None:
    with pytest.raises(ValueError, match="period '2023/2022' ends before it starts"):
        promise({}, period="2023/2022")


# ----------------------------------------------------------- vague counts

VAGUE = {"kind": "count", "vague": "flera", "unit": "riktade insatser"}


def test_a_vague_count_adds_up_and_is_followed_up_never_kept() -> None:
    silent = promise({"target": VAGUE})
    assert standing(silent, "2022-09-01").standing == "no_follow_up"
    counted = promise(
        {
            "target": VAGUE,
            "progress": [
                {"date": "2022-02-01", "count": 1},
                {"date": "2022-06-01", "count": 2, "note": "Två."},
            ],
        }
    )
    for as_of in ("2022-09-01", "2023-03-01"):  # during the period and after it ended
        status = standing(counted, as_of)
        assert (status.standing, status.recorded, status.expected) == ("followed_up", 3, None)
    activity = counted.activities[0]
    status = standing(counted, "2023-03-01")
    assert describe(status, activity, "sv") == "3 riktade insatser; målet: flera"
    assert describe(status, activity, "en") == "3 riktade insatser; target: flera"
    notes = promise({"target": VAGUE, "progress": [{"date": "2022-02-01", "note": "Gjort."}]})
    status = standing(notes, "2022-09-01")
    assert (status.standing, status.recorded) == ("followed_up", None)


@pytest.mark.parametrize(
    ("text", "target", "found"),
    [
        ("Genomföra flera riktade insatser.", VAGUE, ""),
        (
            "Genomföra flera riktade insatser.",
            {"kind": "count", "at_least": 2, "unit": "riktade insatser"},
            "LT104 activity 'a': the text says 'flera riktade insatser' (an unstated number) "
            "and the target, a count of at least 2 riktade insatser, does not say how it is "
            "counted; write it as {kind: count, vague: flera, unit: riktade insatser}, or give "
            "it a measure",
        ),
        (
            "Genomföra minst tre riktade insatser.",
            VAGUE,
            "LT102 activity 'a': the text says 'minst tre riktade insatser' (at least 3) "
            "but the target is a count of flera riktade insatser (no number)",
        ),
    ],
)
def test_check_accepts_vague_text_only_under_a_vague_target(
    example_dir: Path, text: str, target: dict[str, Any], found: str
) -> None:
    write(
        example_dir,
        "2022.yaml",
        {
            "kind": "medborgarlofte",
            "period": "2022",
            "title": "Påhittat",
            "municipality": "exempelby",
            "activities": [{"id": "a", "text": text, "target": target}],
        },
    )
    result = run_cli("check", "--as-of", "2022-03-01", "data/2022.yaml", cwd=example_dir.parent)
    lines = [line.split(": ", 1)[1] for line in result.out.splitlines()[:-1]]
    assert lines == ([found] if found else [])


# -------------------------------------------------------- yearly rhythms

YEARLY = {"kind": "recurring", "per": "year"}


def test_per_year_counts_in_calendar_years() -> None:
    doc = promise({"target": YEARLY}, period="2022-2023")
    assert [t.label("sv") for t in terms_of(doc, "year")] == ["År 2022", "År 2023"]
    walked = promise(
        {"target": YEARLY, "progress": [{"date": "2022-09-20", "note": "Vandring."}]},
        period="2022-2023",
    )
    assert standing(walked, "2022-12-31").standing == "on_track"  # no year has closed
    mid = standing(walked, "2023-06-01")
    assert (mid.standing, mid.terms_due, mid.terms_met) == ("on_track", ("2022",), ("2022",))
    end = standing(walked, "2024-01-10")
    assert (end.standing, end.terms_met) == ("partly_kept", ("2022",))
    assert describe(end, walked.activities[0], "sv") == (
        "uppföljt 1 av 2 avslutade år, delvis hållet; saknas: 2023"
    )


def _check_lines(example_dir: Path, activity: dict[str, Any], as_of: str) -> list[str]:
    write(
        example_dir,
        "2022.yaml",
        {
            "kind": "medborgarlofte",
            "period": "2022",
            "title": "Påhittat",
            "municipality": "exempelby",
            "activities": [{"id": "a", "text": "Påhittad aktivitet."} | activity],
        },
    )
    result = run_cli("check", "--as-of", as_of, "data/2022.yaml", cwd=example_dir.parent)
    return [line.split(": ", 1)[1] for line in result.out.splitlines()[:-1]]


def test_a_yearly_event_is_asked_for_once_its_year_has_closed(example_dir: Path) -> None:
    yearly = {"target": YEARLY}
    assert _check_lines(example_dir, yearly, "2022-10-15") == []
    assert _check_lines(example_dir, yearly, "2023-02-15") == [
        "warning: LT301 activity 'a': no record or note for 2022; the period has ended"
    ]
    done = yearly | {"progress": [{"date": "2022-09-20", "note": "Vandring."}]}
    assert _check_lines(example_dir, done, "2023-02-15") == []


def test_follow_up_is_asked_only_from_a_window_or_a_due_term(example_dir: Path) -> None:
    summer = {"target": {"kind": "ongoing"}, "window": {"start": "2022-06", "end": "2022-08"}}
    assert _check_lines(example_dir, summer, "2022-07-15") == []  # T1 is before the window
    assert _check_lines(example_dir, summer, "2022-10-15") == [
        "LT301 activity 'a': no record or note for 2022-T2 (due by 2022-09-30)"
    ]
    milestone = {"target": {"kind": "milestone"}, "due": "2022-10"}
    assert _check_lines(example_dir, milestone, "2022-10-15") == []  # due in T3
    assert _check_lines(example_dir, milestone, "2023-02-15") == [
        "warning: LT301 activity 'a': no record or note for 2022-T3; the period has ended"
    ]


def test_a_record_outside_the_window_is_recorded_with_a_warning(example_dir: Path) -> None:
    summer = {"target": {"kind": "ongoing"}, "window": {"start": "2022-06", "end": "2022-08"}}
    write(
        example_dir,
        "2022.yaml",
        {
            "kind": "medborgarlofte",
            "period": "2022",
            "title": "Påhittat",
            "municipality": "exempelby",
            "activities": [{"id": "a", "text": "Sommarvärdar."} | summer],
        },
    )
    args = ("record", "2022", "a", "--note", "Rekrytering.", "--date", "2022-05-20")
    result = run_cli(*args, cwd=example_dir.parent)
    assert result.code == 0
    assert result.err == (
        "data/2022.yaml:2:3: warning: --date 2022-05-20 is outside the activity's window "
        "2022-06 – 2022-08; recorded as given\n"
    )
    assert "2022-05-20" in (example_dir / "2022.yaml").read_text(encoding="utf-8")
    inside = run_cli(
        "record", "2022", "a", "--note", "I tjänst.", "--date", "2022-07-01", cwd=example_dir.parent
    )
    assert "window" not in inside.out + inside.err


# ---------------------------------------------------------- who promises


@pytest.mark.parametrize(
    ("ids", "sv", "en"),
    [
        (["polisen"], "Polisen lovar", "The police promise"),
        (["kommunen"], "Kommunen lovar", "The municipality promises"),
        (
            ["polisen", "kommunen"],
            "Polisen och kommunen lovar",
            "The police and the municipality promise",
        ),
        (
            ["omradespolisen"],
            "Områdespolisen Exempelstad lovar",
            "Områdespolisen Exempelstad promises",
        ),
        (
            ["fritid", "socialtjansten", "polisen"],
            "Fritidsförvaltningen, Socialtjänsten och polisen lovar",
            "Fritidsförvaltningen, Socialtjänsten and the police promise",
        ),
    ],
)
def test_who_promises_in_the_sources_words(ids: list[str], sv: str, en: str) -> None:
    from lofte.model import Municipality

    town = Municipality.model_validate(yaml.safe_load(EXEMPELSTAD.read_text(encoding="utf-8")))
    names = town.actor_names()
    assert (promisers(ids, names, "sv"), promisers(ids, names, "en")) == (sv, en)
    assert town.organisation_of("omradespolisen") == "polisen"
    assert town.organisation_of("fritid") == "kommunen"


def test_a_police_unit_may_be_responsible_and_promise(example_dir: Path) -> None:
    shutil.copy(EXEMPELSTAD, example_dir)
    write(
        example_dir,
        "2022.yaml",
        {
            "kind": "medborgarlofte",
            "period": "2022",
            "title": "Påhittat",
            "municipality": "exempelstad",
            "promises": [
                {
                    "id": "polisen-lovar",
                    "promised_by": ["omradespolisen"],
                    "activities": [{"id": "a", "text": "Text.", "responsible": ["omradespolisen"]}],
                }
            ],
        },
    )
    result = run_cli("validate", "data/2022.yaml", cwd=example_dir.parent)
    assert result.out == "checked 1 file: no problems\n"


def test_check_reads_a_yearly_rhythm_in_the_text(example_dir: Path) -> None:
    walks = {
        "text": "Genomföra trygghetsvandringar minst två gånger per år.",
        "target": {"kind": "recurring", "per": "year", "at_least": 2},
    }
    assert _check_lines(example_dir, walks, "2022-03-01") == []
    per_tertial = walks | {"target": {"kind": "recurring", "per": "tertial", "at_least": 2}}
    assert _check_lines(example_dir, per_tertial, "2022-03-01") == [
        "LT102 activity 'a': the text says 'minst två gånger per år' (at least 2 per year) "
        "but the target is recurring at least 2 per tertial"
    ]


def test_a_note_under_a_vague_count_is_followed_up_and_not_counted(example_dir: Path) -> None:
    noted = {
        "text": "Genomföra flera riktade insatser.",
        "target": VAGUE,
        "progress": [{"date": "2022-02-01", "note": "Gjort."}],
    }
    assert _check_lines(example_dir, noted, "2022-03-01") == [
        "warning: LT202 activity 'a': record of 2022-02-01 has no count, so it cannot be "
        "counted toward flera riktade insatser"
    ]
