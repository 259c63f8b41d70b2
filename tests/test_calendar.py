"""The follow-up calendar: tertials, quarters, multi-year periods, signing dates, leap years."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from lofte.errors import UsageError
from lofte.follow.calendar import Term, cadence_of, find_term, terms_of
from lofte.model import Agreement, Promise


def promise(period: str = "2020", **fields: Any) -> Promise:
    """A made-up promise with only what the calendar reads."""
    data: dict[str, Any] = {
        "kind": "medborgarlofte",
        "period": period,
        "title": "Påhittat",
        "municipality": "exempelby",
        **fields,
    }
    return Promise.model_validate(data)


def agreement(**fields: Any) -> Agreement:
    """The made-up shape of the 2020–2023 agreement: quarters from 2019-12-20."""
    data: dict[str, Any] = {
        "kind": "samverkansoverenskommelse",
        "period": "2020-2023",
        "starts": "2019-12-20",
        "ends": "2023-06-01",
        "title": "Påhittad överenskommelse",
        "municipality": "exempelby",
        "follow_up": {"cadence": "quarter"},
        **fields,
    }
    return Agreement.model_validate(data)


def spans(terms: list[Term]) -> list[tuple[str, str, str]]:
    return [(t.id, t.start.isoformat(), t.end.isoformat()) for t in terms]


def test_a_year_has_three_tertials() -> None:
    assert spans(terms_of(promise())) == [
        ("2020-T1", "2020-01-01", "2020-04-30"),
        ("2020-T2", "2020-05-01", "2020-08-31"),
        ("2020-T3", "2020-09-01", "2020-12-31"),
    ]


def test_cadence_defaults_to_tertial() -> None:
    assert cadence_of(promise()) == "tertial"
    assert cadence_of(promise(follow_up={"cadence": "quarter"})) == "quarter"


def test_leap_years_give_t1_and_q1_a_day_more() -> None:
    leap, common = terms_of(promise("2024"))[0], terms_of(promise("2023"))[0]
    assert (leap.days, common.days) == (121, 120)
    q1 = terms_of(promise("2024"), "quarter")[0]
    assert (q1.end, q1.days) == (date(2024, 3, 31), 91)
    assert leap.contains(date(2024, 2, 29))


def test_a_period_ending_on_a_leap_day_cuts_its_term() -> None:
    terms = terms_of(promise("2024", ends="2024-02-29"))
    assert spans(terms) == [("2024-T1", "2024-01-01", "2024-02-29")]
    assert terms[0].label("sv") == "Tertial 1 2024 (1 januari–29 februari)"


def test_a_term_is_closed_only_after_its_last_day() -> None:
    t1 = terms_of(promise())[0]
    assert not t1.closed(date(2020, 4, 30))
    assert t1.closed(date(2020, 5, 1))
    assert t1.contains(date(2020, 4, 30)) and not t1.contains(date(2020, 5, 1))


def test_swedish_and_english_names() -> None:
    t2 = terms_of(promise())[1]
    assert t2.label() == "Tertial 2 2020 (maj–augusti)"
    assert t2.label("en") == "Tertial 2 2020 (May–August)"
    q3 = terms_of(promise("2021"), "quarter")[2]
    assert q3.label("sv") == "Kvartal 3 2021 (juli–september)"
    assert q3.label("en") == "Quarter 3 2021 (July–September)"


def test_a_multi_year_period_has_six_tertials() -> None:
    ids = [t.id for t in terms_of(promise("2024-2025"))]
    assert ids == ["2024-T1", "2024-T2", "2024-T3", "2025-T1", "2025-T2", "2025-T3"]


def test_signing_mid_tertial_keeps_the_tertial_in_force() -> None:
    terms = terms_of(promise(signed="2020-03-16", applies_from="signing"))
    assert [t.before_start for t in terms] == [False, False, False]


def test_terms_wholly_before_signing_are_marked() -> None:
    terms = terms_of(promise(signed="2020-05-01", applies_from="signing"))
    assert [t.before_start for t in terms] == [True, False, False]
    # Signing alone, without applies_from, does not move the start.
    assert not terms_of(promise(signed="2020-05-01"))[0].before_start


def test_the_agreement_runs_in_quarters_from_2019_12_20() -> None:
    terms = terms_of(agreement())
    assert len(terms) == 15
    assert spans(terms)[0] == ("2019-Q4", "2019-12-20", "2019-12-31")
    assert spans(terms)[-1] == ("2023-Q2", "2023-04-01", "2023-06-01")
    assert terms[0].label() == "Kvartal 4 2019 (20–31 december)"
    assert terms[-1].label("en") == "Quarter 2 2023 (1 April–1 June)"
    assert terms[1].label() == "Kvartal 1 2020 (januari–mars)"
    assert not any(t.before_start for t in terms)


def test_a_recurring_target_can_ask_for_quarters_in_a_tertial_document() -> None:
    assert [t.id for t in terms_of(promise(), "quarter")] == [f"2020-Q{n}" for n in (1, 2, 3, 4)]


@pytest.mark.parametrize("name", ["T2", "t2", " 2020-T2 ", "2020-t2"])
def test_find_term_accepts_short_and_full_names_in_one_year(name: str) -> None:
    assert find_term(promise(), name).id == "2020-T2"


def test_find_term_in_a_multi_year_period() -> None:
    assert find_term(promise("2024-2025"), "2025-T1").start == date(2025, 1, 1)


def test_a_short_name_in_a_multi_year_period_asks_for_the_year() -> None:
    with pytest.raises(UsageError) as caught:
        find_term(promise("2024-2025"), "T2")
    assert str(caught.value) == (
        "no tertial 'T2' in period 2024-2025; the period runs over several years, so name "
        "one: '2024-T2' or '2025-T2' (tertials: 2024-T1, 2024-T2, 2024-T3, 2025-T1, 2025-T2, "
        "2025-T3)"
    )
    assert caught.value.exit_code == 2


def test_an_unknown_term_suggests_the_nearest() -> None:
    with pytest.raises(UsageError) as caught:
        find_term(promise(), "T4")
    assert str(caught.value) == (
        "no tertial 'T4' in period 2020; did you mean 'T3'? (tertials: T1, T2, T3)"
    )


def test_a_tertial_asked_of_a_quarterly_agreement() -> None:
    with pytest.raises(UsageError) as caught:
        find_term(agreement(), "2021-T3")
    assert str(caught.value) == (
        "no quarter '2021-T3' in period 2020-2023; did you mean '2021-Q3'? "
        "(quarters: 2019-Q4 … 2023-Q2)"
    )
    assert find_term(agreement(), "2021-Q3").label() == "Kvartal 3 2021 (juli–september)"
