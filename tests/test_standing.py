"""Standing on a date: every standing, the pace, the term view, the sentences, the words.

The promise files are the made-up fixtures in tests/fixtures/status/ (read only).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from lofte.follow.calendar import find_term
from lofte.follow.describe import describe
from lofte.follow.standing import STANDINGS, ActivityStatus, assess, summary_line, tally
from lofte.model import Municipality, Promise
from lofte.read.loader import load_file
from lofte.words import LANGS, SYMBOLS, WORDS, standing_word

FIXTURES = ROOT / "tests" / "fixtures" / "status"


def _load(name: str) -> Any:
    loaded, problems = load_file(FIXTURES / name)
    assert loaded is not None, problems
    return loaded.document


FIXTURE_2020: Promise = _load("2020.yaml")
TOWN: Municipality = _load("exempelby.yaml")


def status_of(
    document: Any, activity_id: str, as_of: str, tertial: str | None = None
) -> ActivityStatus:
    term = find_term(document, tertial) if tertial else None
    for status in assess(document, date.fromisoformat(as_of), term, TOWN.places):
        if status.activity_id == activity_id:
            return status
    raise AssertionError(f"no activity {activity_id}")


def one_activity(
    target: dict[str, Any] | None,
    progress: list[dict[str, Any]],
    doc: dict[str, Any] | None = None,
    **fields: Any,
) -> Promise:
    """A made-up promise with a single activity ``a``; ``fields`` go into the activity."""
    activity = {"id": "a", "text": "Påhittad aktivitet.", "target": target, "progress": progress}
    data: dict[str, Any] = {
        "kind": "medborgarlofte",
        "period": "2020",
        "title": "Påhittat",
        "municipality": "exempelby",
        "promises": [{"id": "p", "text": "Påhittat löfte.", "activities": [activity | fields]}],
        **(doc or {}),
    }
    return Promise.model_validate(data)


COUNT_4 = {"kind": "count", "at_least": 4, "unit": "insatser"}
SIGNED = {"signed": "2020-03-16", "applies_from": "signing"}

# (as of, activity, standing): the fixture reaches every standing.
CASES = [
    ("2020-05-20", "insatser", "on_track"),
    ("2020-09-15", "insatser", "behind"),
    ("2021-01-15", "insatser", "kept"),
    ("2021-01-15", "narkotikasok", "exceeded"),
    ("2021-01-15", "foraldratraffar", "partly_kept"),
    ("2020-05-20", "installda", "not_kept"),
    ("2021-01-15", "informationstraffar", "followed_up"),
    ("2021-01-15", "kontakter", "followed_up"),
    ("2020-09-15", "hostlov", "not_started"),
    ("2020-09-15", "vandringar", "no_follow_up"),
    ("2020-09-15", "matning", "done"),
    ("2020-06-30", "kamera", "no_follow_up"),
    # No record, no verdict: a milestone past its deadline with nothing recorded is
    # not "overdue" (issue 11); silence states no lateness.
    ("2020-07-01", "kamera", "no_follow_up"),
    ("2020-09-15", "rad", "on_track"),
    ("2021-01-15", "rad", "partly_kept"),
    ("2020-09-15", "kontroller", "on_track"),
    ("2021-01-15", "kontroller", "partly_kept"),
]


@pytest.mark.parametrize(("as_of", "activity", "standing"), CASES)
def test_fixture_standings(as_of: str, activity: str, standing: str) -> None:
    assert status_of(FIXTURE_2020, activity, as_of).standing == standing


def test_the_fixture_reaches_every_standing() -> None:
    # `overdue` stays in STANDINGS (the JSON summary keeps its keys), but silence
    # alone never produces it, and nothing else does.
    reached = {standing for _, _, standing in CASES}
    assert reached == set(STANDINGS) - {"overdue"}


@pytest.mark.parametrize("as_of", ["2020-07-01", "2020-12-31", "2021-01-15", "2030-01-01"])
def test_silence_is_no_follow_up_whatever_the_date(as_of: str) -> None:
    # Every activity of the fixture without a record, judged on any day after its start.
    silent = [
        a.id for _, a in FIXTURE_2020.all_activities() if not a.progress and a.id != "hostlov"
    ]
    assert silent, "the fixture has silent activities"
    for ident in silent:
        assert status_of(FIXTURE_2020, ident, as_of).standing == "no_follow_up", ident


def test_recurring_kept_and_not_kept_and_ongoing_behind() -> None:
    recurring = {"kind": "recurring", "per": "tertial", "at_least": 2}
    twice = [{"date": d, "note": "Möte."} for d in ("2020-02-01", "2020-03-01")]
    twice += [{"date": d, "note": "Möte."} for d in ("2020-05-02", "2020-06-01")]
    twice += [{"date": d, "note": "Möte."} for d in ("2020-10-01", "2020-11-01")]
    doc = one_activity(recurring, twice)
    assert status_of(doc, "a", "2021-01-01").standing == "kept"
    assert status_of(doc, "a", "2020-05-01").terms_met == ("2020-T1",)
    once_each = [{"date": "2020-02-01", "note": "Möte."}, {"date": "2020-06-01", "note": "Möte."}]
    assert status_of(one_activity(recurring, once_each), "a", "2021-01-01").standing == "not_kept"
    ongoing = one_activity({"kind": "ongoing"}, [{"date": "2020-06-01", "note": "Arbete."}])
    late = status_of(ongoing, "a", "2020-09-01")
    assert (late.standing, late.terms_due, late.terms_met) == (
        "behind",
        ("2020-T1", "2020-T2"),
        ("2020-T2",),
    )


def test_coverage_kept_and_places_compared_without_case() -> None:
    target = {"kind": "coverage", "items": ["Norra", "Södra"]}
    progress = [{"date": "2020-03-01", "count": 1, "places": ["norra", "SÖDRA"]}]
    status = status_of(one_activity(target, progress), "a", "2021-01-01")
    assert (status.standing, status.covered, status.missing) == ("kept", ("Norra", "Södra"), ())
    # JSON version 2 (issue 11): a coverage target's recorded is the sum of its counts.
    assert status.recorded == 1


def test_coverage_of_a_list_not_known_here_is_only_followed_up() -> None:
    doc = one_activity(
        {"kind": "coverage", "of": "stadsdelar"}, [{"date": "2020-03-01", "note": "Gjort."}]
    )
    status = status_of(doc, "a", "2021-01-01")
    assert (status.standing, status.items, status.missing) == ("followed_up", (), ())


def test_pace_counts_mid_t1_signing_pro_rata() -> None:
    doc = one_activity(COUNT_4, [{"date": "2020-04-01", "count": 1}], SIGNED)
    # On T1's last day no term has closed: nothing is expected yet.
    assert status_of(doc, "a", "2020-04-30").expected == 0.0
    # After T1: 46 of the 291 days from signing (2020-03-16) to 2020-12-31.
    assert status_of(doc, "a", "2020-05-01").expected == round(4 * 46 / 291, 2) == 0.63
    # After T2: 169 of 291 days, 2.32 expected, 1 recorded.
    after_t2 = status_of(doc, "a", "2020-09-01")
    assert (after_t2.standing, after_t2.expected) == ("behind", 2.32)


def test_pace_without_signing_counts_the_leap_year_from_1_january() -> None:
    doc = one_activity(COUNT_4, [{"date": "2020-04-01", "count": 1}])
    status = status_of(doc, "a", "2020-05-01")
    # T1 2020 has 121 of the leap year's 366 days: 1.32 expected, 1 recorded.
    assert (status.standing, status.expected) == ("behind", round(4 * 121 / 366, 2))


def test_pace_follows_the_activity_window_and_due_date() -> None:
    summer = {"start": "2020-05-01", "end": "2020-08-31"}
    doc = one_activity(
        {**COUNT_4, "at_least": 2}, [{"date": "2020-05-02", "count": 1}], window=summer
    )
    assert status_of(doc, "a", "2020-04-15").standing == "not_started"
    # T1 closed before the window opened: nothing is expected on its last day.
    assert status_of(doc, "a", "2020-08-31").expected == 0.0
    assert status_of(doc, "a", "2020-09-01").standing == "partly_kept"
    due = one_activity(COUNT_4, [{"date": "2020-02-01", "count": 1}], due="2020-08-31")
    # Due at T2's end: after T1, 121 of the 244 days to the due date have passed.
    assert status_of(due, "a", "2020-05-01").expected == round(4 * 121 / 244, 2)
    assert status_of(due, "a", "2020-09-01").standing == "partly_kept"


def test_records_after_as_of_do_not_count() -> None:
    status = status_of(FIXTURE_2020, "insatser", "2020-09-30")
    assert (status.recorded, status.records, status.last_record) == (1, 1, date(2020, 5, 12))


def test_a_tertial_view_is_the_standing_at_the_end_of_that_tertial() -> None:
    status = status_of(FIXTURE_2020, "insatser", "2021-01-15", "T2")
    assert (status.standing, status.recorded, status.expected) == ("behind", 1, 1.16)
    assert (status.term, status.term_records, status.term_recorded) == ("2020-T2", 1, 1)
    t3 = status_of(FIXTURE_2020, "insatser", "2021-01-15", "T3")
    assert (t3.standing, t3.recorded, t3.term_recorded) == ("kept", 3, 2)


def test_nothing_in_the_tertial_is_not_a_zero() -> None:
    status = status_of(FIXTURE_2020, "narkotikasok", "2021-01-15", "T2")
    assert (status.term_records, status.term_recorded) == (0, None)


def test_notes_only_count_is_followed_up_with_count_unknown() -> None:
    status = status_of(FIXTURE_2020, "informationstraffar", "2021-01-15")
    assert (status.standing, status.recorded, status.records) == ("followed_up", None, 1)
    activity = _activity(FIXTURE_2020, "informationstraffar")
    assert describe(status, activity) == "followed up, count not stated"
    assert describe(status, activity, "sv") == "uppföljt, antal inte angivet"


def _activity(document: Any, ident: str) -> Any:
    return next(a for _, a in document.all_activities() if a.id == ident)


SENTENCES = [
    ("2021-01-15", "insatser", "3 of at least 2 planlagda insatser, kept"),
    ("2021-01-15", "narkotikasok", "3 of 2 narkotikasök, exceeded"),
    (
        "2020-09-15",
        "foraldratraffar",
        "1 of at least 4 föräldraträffar, behind (2.32 expected by now)",
    ),
    ("2020-05-20", "installda", "3 of at most 2 inställda medborgardialoger, not kept"),
    (
        "2021-01-15",
        "kontroller",
        "2 of 3 kommundelar covered, partly kept; missing: Södra (the list is incomplete)",
    ),
    ("2021-01-15", "rad", "followed up in 2 of 3 closed tertials, partly kept; missing: 2020-T3"),
    ("2021-01-15", "kontakter", "followed up in 3 of 3 closed tertials"),
    ("2020-09-15", "matning", "done 2020-06-01"),
    ("2020-09-15", "kamera", "nothing reported; due to be done by 30 June 2020"),
    ("2020-05-20", "kamera", "not recorded as done, due 2020-06-30"),
    ("2020-09-15", "vandringar", "no follow-up recorded"),
    ("2020-09-15", "hostlov", "not started: starts 2020-10-01"),
]


@pytest.mark.parametrize(("as_of", "activity", "sentence"), SENTENCES)
def test_english_sentences(as_of: str, activity: str, sentence: str) -> None:
    status = status_of(FIXTURE_2020, activity, as_of)
    assert describe(status, _activity(FIXTURE_2020, activity), "en") == sentence


def test_swedish_sentences() -> None:
    def sv(as_of: str, ident: str) -> str:
        return describe(status_of(FIXTURE_2020, ident, as_of), _activity(FIXTURE_2020, ident), "sv")

    assert sv("2021-01-15", "insatser") == "3 av minst 2 planlagda insatser, hållet"
    assert sv("2020-09-15", "insatser") == (
        "1 av minst 2 planlagda insatser, efter plan (1,16 väntat hittills)"
    )
    assert sv("2021-01-15", "kontroller") == (
        "2 av 3 kommundelar täckta, delvis hållet; saknas: Södra (listan är ofullständig)"
    )
    assert sv("2021-01-15", "rad") == (
        "uppföljt 2 av 3 avslutade tertial, delvis hållet; saknas: 2020-T3"
    )
    assert sv("2020-09-15", "vandringar") == "ingen uppföljning registrerad"
    assert sv("2020-09-15", "kamera") == "inget rapporterat; skulle vara klart 30 juni 2020"


def test_summary_lines() -> None:
    end = assess(FIXTURE_2020, date(2021, 1, 15), places=TOWN.places)
    assert summary_line(end) == (
        "3 of 12 targets kept, 2 followed up, 3 partly kept, 1 not kept, 3 without follow-up"
    )
    assert summary_line(end, "sv") == (
        "3 av 12 mål hållna, 2 uppföljda, 3 delvis hållna, 1 inte hållet, 3 utan uppföljning"
    )
    early = assess(FIXTURE_2020, date(2020, 1, 15), places=TOWN.places)
    assert summary_line(early) == "12 targets: 12 not started"
    assert tally(early)["not_started"] == 12 and sum(tally(early).values()) == 12
    assert summary_line([]) == "no targets"


def test_an_activity_without_a_target() -> None:
    assert status_of(one_activity(None, []), "a", "2020-06-01").standing == "no_follow_up"
    noted = one_activity(None, [{"date": "2020-02-01", "note": "Gjort."}])
    status = status_of(noted, "a", "2020-06-01")
    assert (status.standing, status.kind, status.recorded) == ("followed_up", None, None)


def test_one_catalogue_with_the_same_keys_in_both_languages() -> None:
    assert set(LANGS) == set(WORDS)
    assert set(WORDS["sv"]) == set(WORDS["en"])
    for standing in STANDINGS:
        assert SYMBOLS[standing]
        assert standing_word(standing, "sv") and standing_word(standing, "en")
    assert set(SYMBOLS) == set(STANDINGS)
    assert WORDS["sv"]["month.5"] == "maj" and WORDS["en"]["month.12"] == "December"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'fi'"):
        standing_word("kept", "fi")


def test_fixture_files_are_labelled_made_up() -> None:
    for path in Path(FIXTURES).glob("*.yaml"):
        assert "made up" in path.read_text(encoding="utf-8").lower(), path.name


def test_unrecorded_terms_for_a_freshness_check() -> None:
    from lofte.follow.standing import activity_time, unrecorded_terms

    kontakter = _activity(FIXTURE_2020, "kontakter")
    assert unrecorded_terms(FIXTURE_2020, kontakter, date(2021, 1, 15)) == []
    insatser = _activity(FIXTURE_2020, "insatser")
    missing = unrecorded_terms(FIXTURE_2020, insatser, date(2021, 1, 15))
    assert [t.id for t in missing] == ["2020-T1"]  # records in T2 and T3 only
    # A record dated after as_of does not follow up its term yet.
    assert [t.id for t in unrecorded_terms(FIXTURE_2020, insatser, date(2020, 9, 1))] == ["2020-T1"]
    hostlov = _activity(FIXTURE_2020, "hostlov")
    assert activity_time(FIXTURE_2020, hostlov) == (date(2020, 10, 1), date(2020, 11, 30))
    assert [t.id for t in unrecorded_terms(FIXTURE_2020, hostlov, date(2021, 1, 1))] == ["2020-T3"]


def test_sentences_for_quarters_and_two_year_periods() -> None:
    document = _load("2024-2025.yaml")
    statuses = assess(document, date(2025, 5, 10))
    activities = [a for _, a in document.all_activities()]
    assert [describe(s, a) for s, a in zip(statuses, activities, strict=True)] == [
        "4 of at least 6 trygghetsvandringar, on track",
        "followed up in 3 of 4 closed tertials, behind; missing: 2024-T3",
        "at least 2 times a quarter in 1 of 5 closed quarters, behind; "
        "missing: 2024-Q2, 2024-Q3, 2024-Q4, 2025-Q1",
    ]
    assert describe(statuses[2], activities[2], "sv") == (
        "minst 2 gånger per kvartal i 1 av 5 avslutade kvartal, efter plan; "
        "saknas: 2024-Q2, 2024-Q3, 2024-Q4, 2025-Q1"
    )


def test_exactly_on_pace_is_on_track() -> None:
    # Window 1 April – 30 May: once T1 closes, 30 of 60 days have passed, so 1 of 2.
    spring = {"start": "2020-04-01", "end": "2020-05-30"}
    target = {"kind": "count", "at_least": 2, "unit": "insatser"}
    doc = one_activity(target, [{"date": "2020-04-10", "count": 1}], window=spring)
    status = status_of(doc, "a", "2020-05-01")
    assert (status.expected, status.standing) == (1.0, "on_track")
