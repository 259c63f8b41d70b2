"""follow.calendar at its edges: the day a term closes and the day after, signing on a
term's last day, periods that start or end on a term's first or last day."""

from __future__ import annotations

from datetime import date

import pytest

from lofte.errors import UsageError
from lofte.follow.calendar import find_term, terms_of
from test_calendar import agreement, promise, spans

T1 = terms_of(promise())[0]  # 2020-01-01 – 2020-04-30


@pytest.mark.parametrize(
    ("day", "closed", "contains"),
    [
        (date(2019, 12, 31), False, False),  # the day before it opens
        (date(2020, 1, 1), False, True),  # its first day
        (date(2020, 4, 30), False, True),  # the day it closes: still running
        (date(2020, 5, 1), True, False),  # the day after: closed
    ],
)
def test_the_day_a_term_closes_and_the_day_after(day: date, closed: bool, contains: bool) -> None:
    assert (T1.closed(day), T1.contains(day)) == (closed, contains)


@pytest.mark.parametrize(
    ("signed", "before_start"),
    [
        ("2020-04-29", [False, False, False]),
        ("2020-04-30", [False, False, False]),  # signed on T1's last day: T1 is in force
        ("2020-05-01", [True, False, False]),  # the day after: T1 lies wholly before it
        ("2020-09-01", [True, True, False]),
    ],
)
def test_signing_on_and_after_a_terms_last_day(signed: str, before_start: list[bool]) -> None:
    terms = terms_of(promise(signed=signed, applies_from="signing"))
    assert [t.before_start for t in terms] == before_start


@pytest.mark.parametrize(
    ("starts", "ends", "first", "last"),
    [
        ("2019-12-31", "2020-04-01", ("2019-Q4", "2019-12-31", "2019-12-31"),
         ("2020-Q2", "2020-04-01", "2020-04-01")),
        ("2020-01-01", "2020-03-31", ("2020-Q1", "2020-01-01", "2020-03-31"),
         ("2020-Q1", "2020-01-01", "2020-03-31")),
        ("2019-10-01", "2020-06-30", ("2019-Q4", "2019-10-01", "2019-12-31"),
         ("2020-Q2", "2020-04-01", "2020-06-30")),
    ],
)  # fmt: skip
def test_a_period_cut_on_a_terms_first_or_last_day(
    starts: str, ends: str, first: tuple[str, ...], last: tuple[str, ...]
) -> None:
    terms = spans(terms_of(agreement(starts=starts, ends=ends)))
    assert (terms[0], terms[-1]) == (first, last)


@pytest.mark.parametrize(
    ("period", "kind", "days"),
    [
        ("2020", "tertial", [121, 123, 122]),
        ("2021", "tertial", [120, 123, 122]),
        ("2021", "quarter", [90, 91, 92, 92]),
    ],
)
def test_days_of_each_term(period: str, kind: str, days: list[int]) -> None:
    terms = terms_of(promise(period), kind)  # type: ignore[arg-type]
    assert [t.days for t in terms] == days
    assert [t.short_id for t in terms] == [f"{kind[0].upper()}{n}" for n in range(1, 5)][
        : len(days)
    ]


def test_a_term_cut_at_both_ends_in_different_months() -> None:
    (term,) = terms_of(agreement(starts="2021-01-15", ends="2021-03-10"))
    assert term.label() == "Kvartal 1 2021 (15 januari–10 mars)"
    assert term.label("en") == "Quarter 1 2021 (15 January–10 March)"
    assert term.days == 55


def test_a_term_cut_only_at_its_end() -> None:
    (term,) = terms_of(agreement(starts="2021-01-01", ends="2021-03-30"))
    assert term.label() == "Kvartal 1 2021 (1 januari–30 mars)"


@pytest.mark.parametrize(
    ("period", "listed"),
    [
        ("2024-2025", "2024-Q1, 2024-Q2, 2024-Q3, 2024-Q4, 2025-Q1, 2025-Q2, 2025-Q3, 2025-Q4"),
        ("2024-2026", "2024-Q1 … 2026-Q4"),  # more than eight are shortened
    ],
)
def test_the_terms_listed_in_a_refusal(period: str, listed: str) -> None:
    with pytest.raises(UsageError) as caught:
        find_term(promise(period, follow_up={"cadence": "quarter"}), "x")
    assert str(caught.value) == f"no quarter 'x' in period {period} (quarters: {listed})"


def test_a_term_is_a_value() -> None:

    with pytest.raises(AttributeError):
        T1.end = date(2020, 5, 1)  # type: ignore[misc]
    assert {T1, terms_of(promise())[0]} == {T1}


def test_nine_terms_are_shortened_in_a_refusal() -> None:
    with pytest.raises(UsageError) as caught:
        find_term(promise("2024-2026"), "x")
    assert str(caught.value) == "no tertial 'x' in period 2024-2026 (tertials: 2024-T1 … 2026-T3)"
