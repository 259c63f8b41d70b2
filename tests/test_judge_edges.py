"""follow.judge and follow.standing at their edges, as tables: the day a term closes and
the day after, a record on the deadline and on the as-of day, a cap at the end of its
period, the first day an activity applies, a term view's last day."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

import pytest

from lofte.follow.calendar import find_term, terms_of
from lofte.follow.judge import Span
from lofte.follow.standing import activity_time, records_in, unrecorded_terms
from test_standing import one_activity, status_of


def count(n: int, day: str = "2020-02-01") -> list[dict[str, Any]]:
    return [{"date": day, "count": n}]


AT_LEAST_4 = {"kind": "count", "at_least": 4, "unit": "insatser"}
AT_MOST_3 = {"kind": "count", "at_most": 3, "unit": "inställda"}
EXACTLY_3 = {"kind": "count", "exactly": 3, "unit": "möten"}

# (target, progress, as of, standing, expected): 2020's last day is the deadline.
COUNTS = [
    (AT_LEAST_4, count(4, "2020-12-31"), "2020-12-31", "on_track", 2.67),  # on the deadline
    (AT_LEAST_4, count(4, "2020-12-31"), "2020-12-30", "no_follow_up", 2.67),  # not yet
    (AT_LEAST_4, count(2), "2020-12-31", "behind", 2.67),
    (AT_LEAST_4, count(3), "2020-12-31", "on_track", 2.67),
    (AT_LEAST_4, count(4), "2021-01-01", "kept", None),  # the day after: judged
    (AT_LEAST_4, count(3), "2021-01-01", "partly_kept", None),
    (AT_LEAST_4, count(5), "2021-01-01", "kept", None),
    (AT_MOST_3, count(3), "2020-12-31", "on_track", None),  # a cap has no pace
    (AT_MOST_3, count(3), "2021-01-01", "kept", None),  # a cap at the end of its period
    (AT_MOST_3, count(4), "2020-05-01", "not_kept", None),  # passed: at once
    (AT_MOST_3, count(4), "2021-01-01", "not_kept", None),
    (EXACTLY_3, count(4), "2020-05-01", "exceeded", 0.99),
    (EXACTLY_3, count(3), "2021-01-01", "kept", None),
    (EXACTLY_3, count(2), "2021-01-01", "partly_kept", None),
]


@pytest.mark.parametrize(("target", "progress", "as_of", "standing", "expected"), COUNTS)
def test_counts_around_the_deadline(
    target: dict[str, Any],
    progress: list[dict[str, Any]],
    as_of: str,
    standing: str,
    expected: float | None,
) -> None:
    status = status_of(one_activity(target, progress), "a", as_of)
    assert (status.standing, status.expected) == (standing, expected)
    assert status.ended is (as_of > "2020-12-31")
    assert (status.items, status.list_complete, status.kind) == ((), True, "count")


@pytest.mark.parametrize(
    ("as_of", "expected", "standing"),
    [
        ("2020-04-30", 0.0, "on_track"),  # the day T1 closes: no pace yet
        ("2020-05-01", 1.32, "behind"),  # the day after: T1's share is due
    ],
)
def test_pace_moves_the_day_after_a_term_closes(as_of: str, expected: float, standing: str) -> None:
    status = status_of(one_activity(AT_LEAST_4, count(1)), "a", as_of)
    assert (status.expected, status.standing) == (expected, standing)


def test_a_term_closing_on_the_first_day_counts_that_day() -> None:
    # Window 30 April – 29 May: T1 closes on its first day, 1 of 30 days.
    window = {"start": "2020-04-30", "end": "2020-05-29"}
    target = {"kind": "count", "at_least": 30, "unit": "insatser"}
    status = status_of(
        one_activity(target, count(1, "2020-04-30"), window=window), "a", "2020-05-01"
    )
    assert (status.expected, status.standing) == (1.0, "on_track")


def test_a_term_closing_the_day_before_the_start_counts_nothing() -> None:
    window = {"start": "2020-05-01", "end": "2020-05-30"}
    target = {"kind": "count", "at_least": 30, "unit": "insatser"}
    status = status_of(
        one_activity(target, count(1, "2020-05-01"), window=window), "a", "2020-05-02"
    )
    assert (status.expected, status.standing) == (0.0, "on_track")


@pytest.mark.parametrize(
    ("as_of", "standing"),
    [
        ("2020-05-31", "not_started"),  # the day before its window
        ("2020-06-01", "no_follow_up"),  # its first day
    ],
)
def test_the_first_day_an_activity_applies(as_of: str, standing: str) -> None:
    window = {"start": "2020-06-01", "end": "2020-08-31"}
    assert status_of(one_activity(AT_LEAST_4, [], window=window), "a", as_of).standing == standing


@pytest.mark.parametrize(
    ("day", "records", "recorded"),
    [
        ("2020-05-19", 1, 2),
        ("2020-05-20", 1, 2),  # a record dated on the as-of day counts
        ("2020-05-21", 0, None),  # the day after does not
    ],
)
def test_a_record_on_the_as_of_day(day: str, records: int, recorded: int | None) -> None:
    status = status_of(one_activity(AT_LEAST_4, count(2, day)), "a", "2020-05-20")
    assert (status.records, status.recorded) == (records, recorded)


@pytest.mark.parametrize(
    ("day", "records", "term_records"),
    [
        ("2020-04-30", 1, 1),  # on the term's last day: inside the view
        ("2020-05-01", 0, 0),  # the day after: outside it
    ],
)
def test_a_record_on_the_last_day_of_the_viewed_term(
    day: str, records: int, term_records: int
) -> None:
    status = status_of(one_activity(AT_LEAST_4, count(2, day)), "a", "2020-12-01", "T1")
    assert (status.records, status.term_records, status.term) == (records, term_records, "2020-T1")


RECURRING = {"kind": "recurring", "per": "tertial", "at_least": 1}


@pytest.mark.parametrize(
    ("window", "due"),
    [
        ({"start": "2020-04-30", "end": "2020-05-01"}, ("2020-T1", "2020-T2")),  # one day each
        ({"start": "2020-05-01", "end": "2020-08-31"}, ("2020-T2",)),
        ({"start": "2020-01-01", "end": "2020-04-30"}, ("2020-T1",)),
    ],
)
def test_the_terms_due_are_those_the_activity_touches(
    window: dict[str, str], due: tuple[str, ...]
) -> None:
    status = status_of(one_activity(RECURRING, [], window=window), "a", "2020-12-01")
    assert status.terms_due == due


@pytest.mark.parametrize(
    ("as_of", "terms_due", "standing"),
    [
        ("2020-08-31", ("2020-T1",), "on_track"),  # the day T2 closes: not yet due
        ("2020-09-01", ("2020-T1", "2020-T2"), "behind"),  # the day after: due
    ],
)
def test_a_recurring_term_is_due_the_day_after_it_closes(
    as_of: str, terms_due: tuple[str, ...], standing: str
) -> None:
    progress = [{"date": "2020-03-01", "note": "Möte."}]
    status = status_of(one_activity(RECURRING, progress), "a", as_of)
    assert (status.terms_due, status.terms_met, status.standing) == (
        terms_due,
        ("2020-T1",),
        standing,
    )


@pytest.mark.parametrize(
    ("as_of", "standing"),
    [
        ("2020-12-31", "on_track"),  # the deadline: still running
        ("2021-01-01", "kept"),  # the day after: judged
    ],
)
def test_recurring_judged_the_day_after_its_deadline(as_of: str, standing: str) -> None:
    progress = [{"date": d, "note": "Möte."} for d in ("2020-02-01", "2020-06-01", "2020-10-01")]
    assert status_of(one_activity(RECURRING, progress), "a", as_of).standing == standing


def test_the_span_of_2020() -> None:
    doc = one_activity(AT_LEAST_4, [])
    terms = terms_of(doc)
    start, deadline = date(2020, 1, 1), date(2020, 12, 31)
    assert Span(start, deadline, deadline, []).share() == Fraction(0)
    assert Span(start, deadline, deadline, terms[:1]).share() == Fraction(121, 366)
    assert Span(start, deadline, deadline, terms).share() == Fraction(1)
    # A term that closes after the deadline counts only up to the deadline.
    assert Span(start, date(2020, 3, 1), deadline, terms[:1]).share() == Fraction(1)
    assert not Span(start, deadline, deadline, terms).ended
    assert Span(start, deadline, date(2021, 1, 1), terms).ended


def test_records_in_a_term_up_to_the_as_of_day() -> None:
    progress = [{"date": d, "note": "x"} for d in ("2020-01-01", "2020-04-30", "2020-05-01")]
    doc = one_activity(None, progress)
    _, activity = next(iter(doc.all_activities()))
    t1 = find_term(doc, "T1")
    assert [r.date.isoformat() for r in records_in(activity, t1)] == ["2020-01-01", "2020-04-30"]
    assert [r.date.isoformat() for r in records_in(activity, t1, date(2020, 4, 29))] == [
        "2020-01-01"
    ]
    assert [r.date.isoformat() for r in records_in(activity, t1, date(2020, 4, 30))] == [
        "2020-01-01",
        "2020-04-30",
    ]


@pytest.mark.parametrize(
    ("window", "as_of", "unrecorded"),
    [
        (None, "2020-12-31", ["2020-T1", "2020-T2"]),
        (None, "2021-01-01", ["2020-T1", "2020-T2", "2020-T3"]),
        ({"start": "2020-04-30", "end": "2020-05-01"}, "2021-01-01", ["2020-T1", "2020-T2"]),
        ({"start": "2020-05-01", "end": "2020-08-31"}, "2021-01-01", ["2020-T2"]),
    ],
)
def test_unrecorded_terms_at_the_edges(
    window: dict[str, str] | None, as_of: str, unrecorded: list[str]
) -> None:
    doc = one_activity(RECURRING, [], **({"window": window} if window else {}))
    _, activity = next(iter(doc.all_activities()))
    terms = unrecorded_terms(doc, activity, date.fromisoformat(as_of))
    assert [t.id for t in terms] == unrecorded


@pytest.mark.parametrize(
    ("fields", "time"),
    [
        ({}, ("2020-01-01", "2020-12-31")),
        ({"due": "2020-06-30"}, ("2020-01-01", "2020-06-30")),
        ({"window": {"start": "2020-03-01", "end": "2020-09-30"}}, ("2020-03-01", "2020-09-30")),
        (
            {"due": "2020-06-30", "window": {"start": "2020-03-01", "end": "2020-09-30"}},
            ("2020-03-01", "2020-06-30"),
        ),
    ],
)
def test_activity_time(fields: dict[str, Any], time: tuple[str, str]) -> None:
    doc = one_activity(AT_LEAST_4, [], **fields)
    _, activity = next(iter(doc.all_activities()))
    start, deadline = activity_time(doc, activity)
    assert (start.isoformat(), deadline.isoformat()) == time


def test_a_span_without_days_counts_as_done_and_is_a_value() -> None:

    doc = one_activity(AT_LEAST_4, [])
    t2 = terms_of(doc)[1]
    # Due before it starts (signed 1 June, due 1 May): no days, so wholly done.
    empty = Span(date(2020, 6, 1), date(2020, 5, 1), date(2020, 9, 1), [t2])
    assert empty.share() == Fraction(1)
    assert Span(date(2020, 6, 1), date(2020, 5, 31), date(2020, 9, 1), [t2]).share() == 1
    with pytest.raises(AttributeError):
        empty.view = date(2020, 9, 2)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("target", "items", "complete"),
    [
        ({"kind": "coverage", "items": ["Norra", "Södra"]}, ("Norra", "Södra"), True),
        ({"kind": "coverage", "of": "okand"}, (), True),  # not known here: nothing required
    ],
)
def test_the_items_a_coverage_target_requires(
    target: dict[str, Any], items: tuple[str, ...], complete: bool
) -> None:
    status = status_of(one_activity(target, []), "a", "2020-05-01")
    assert (status.items, status.list_complete) == (items, complete)


@pytest.mark.parametrize(
    ("how_many", "lang", "line"),
    [
        (1, "en", "1 target: 1 without follow-up"),
        (1, "sv", "1 mål: 1 utan uppföljning"),
        (2, "en", "2 targets: 2 without follow-up"),
    ],
)
def test_a_summary_of_one_target_says_target(how_many: int, lang: str, line: str) -> None:
    from lofte.follow.standing import summary_line

    status = status_of(one_activity(AT_LEAST_4, []), "a", "2020-05-01")
    assert summary_line([status] * how_many, lang) == line


def test_an_activity_status_is_a_value() -> None:

    status = status_of(one_activity(AT_LEAST_4, []), "a", "2020-05-01")
    with pytest.raises(AttributeError):
        status.standing = "kept"  # type: ignore[misc]
    assert len({status, status_of(one_activity(AT_LEAST_4, []), "a", "2020-05-01")}) == 1


# ---------------------------------------------- what mutation testing found untested


def test_a_cap_not_reached_is_kept_at_the_end_not_partly() -> None:
    status = status_of(one_activity(AT_MOST_3, count(2)), "a", "2021-01-01")
    assert status.standing == "kept"


def _coverage(of_or_items: dict[str, Any], progress: list[dict[str, Any]], as_of: str) -> Any:
    target = {"kind": "coverage", **of_or_items}
    return status_of(one_activity(target, progress), "a", as_of)


def test_a_count_without_places_on_a_list_not_known_here_leaves_places_unknown() -> None:
    unknown = {"of": "ingen-sadan-lista"}
    counted = _coverage(unknown, [{"date": "2020-03-01", "count": 2}], "2020-06-01")
    assert (counted.standing, counted.places_known) == ("followed_up", False)
    placed = _coverage(
        unknown, [{"date": "2020-03-01", "count": 1, "places": ["Åker"]}], "2020-06-01"
    )
    assert (placed.standing, placed.places_known) == ("followed_up", True)


def test_unknown_places_claim_nothing_missing_even_where_some_are_named() -> None:
    items = {"items": ["Åker", "Mariefred", "Stallarholmen"]}
    progress = [
        {"date": "2020-02-01", "count": 1, "places": ["Åker"]},
        {"date": "2020-03-01", "count": 2},  # somewhere: the places are unknown
    ]
    status = _coverage(items, progress, "2020-06-01")
    assert (status.standing, status.covered, status.missing) == ("followed_up", ("Åker",), ())
    assert status.places_known is False


def test_notes_without_places_follow_a_coverage_target_up_and_cover_nothing() -> None:
    items = {"items": ["Åker", "Mariefred"]}
    status = _coverage(items, [{"date": "2020-02-01", "note": "Möte."}], "2020-06-01")
    assert (status.standing, status.covered, status.missing) == (
        "followed_up",
        (),
        ("Åker", "Mariefred"),
    )


def test_the_latest_span_record_names_what_it_covers() -> None:
    spans = [{"covers": "2020-T1", "note": "T1."}, {"covers": "2020-T2", "note": "T2."}]
    status = status_of(one_activity(AT_LEAST_4, spans), "a", "2020-12-31")
    assert status.last_covers == "2020-T2"
    # A dated record on the day a span ends is the later word: no span is named.
    same_day = [{"covers": "2020-T1", "note": "T1."}, {"date": "2020-04-30", "note": "Dag."}]
    assert status_of(one_activity(AT_LEAST_4, same_day), "a", "2020-12-31").last_covers is None
    reversed_order = list(reversed(same_day))
    assert (
        status_of(one_activity(AT_LEAST_4, reversed_order), "a", "2020-12-31").last_covers is None
    )


def test_a_span_records_report_date_meets_no_term_of_its_own() -> None:
    # The tertial report on T1, written on 15 May: it follows T1 up, not T2.
    every_tertial = {"kind": "recurring", "at_least": 1, "per": "tertial"}
    report = [{"covers": "2020-T1", "date": "2020-05-15", "note": "Rapport om T1."}]
    status = status_of(one_activity(every_tertial, report), "a", "2021-01-01")
    assert (status.standing, status.terms_met) == ("partly_kept", ("2020-T1",))
