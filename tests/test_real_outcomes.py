"""The outcomes the municipality published, as recorded in data/ (issue 11, "Done when")."""

from __future__ import annotations

import json
import re

import pytest
from tests.conftest import DATA, run_cli

AS_OF = "2026-01-01"


def status(period: str) -> dict[str, dict[str, object]]:
    result = run_cli("status", period, "--as-of", AS_OF, "-f", "json", "--data-dir", str(DATA))
    assert result.code == 0, result
    report = json.loads(result.out)
    assert report["version"] == 2
    return {"": report, **{a["id"]: a for a in report["activities"]}}


def test_2019_reads_as_the_municipality_published_it() -> None:
    got = status("2019")
    standings = {ident: (a["standing"], a["recorded"]) for ident, a in got.items() if ident}
    assert standings == {
        "grannsamverkansomraden": ("kept", 20),
        "batsamverkansomraden": ("exceeded", 3),
        "lokaler-utbildningstillfallen": ("no_follow_up", None),
        "trygghetsvandringar": ("kept", 4),
        "trafikkontroller": ("followed_up", 303),
        "trimmade-mopeder": ("followed_up", None),
        "trafiksakerhetsrad": ("followed_up", None),
    }
    kontroller = got["trafikkontroller"]
    assert (kontroller["covered"], kontroller["missing"]) == (None, None)
    assert got["trafiksakerhetsrad"]["description"] == "reported for 2019"
    assert got["trimmade-mopeder"]["description"] == "followed up, count not stated"


def test_2020_shows_the_pandemic_and_does_not_call_silence_overdue() -> None:
    got = status("2020")
    assert got["avloppsvatten"]["standing"] == "no_follow_up"
    assert got["avloppsvatten"]["description"] == (
        "nothing reported; due to be done by 31 December 2020"
    )
    table = run_cli("status", "2020", "--as-of", AS_OF, "--data-dir", str(DATA)).out
    assert "Deviations:\n† 2020: Coronapandemin under 2020 påverkade flera aktiviteter" in table
    assert "overdue" not in table


def test_2021_has_the_narkotikasok_as_other_work() -> None:
    other = status("2021")[""]["other_work"]
    assert isinstance(other, list)
    found = [w for w in other if w["text"].startswith("Narkotikasök med hund")]
    assert [(w["count"], w["covers"]) for w in found] == [(1, "2021")]
    assert found[0]["link"] == (
        "https://www.strangnas.se/arkiv/nyheter/nyheter/"
        "2022-01-12-sammanfattning-av-medborgarloftet-for-2021"
    )


def test_check_strict_passes_on_the_real_data() -> None:
    result = run_cli("check", "--strict", "--as-of", AS_OF, "--data-dir", str(DATA), str(DATA))
    assert result.code == 0, result.out
    assert result.out.splitlines()[-1].startswith(
        "checked 42 targets in 6 files: 42 tracked, 0 untracked, 0 stale; no problems ("
    )


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_2019_report_says_what_was_published_with_unique_headings(lang: str, fmt: str) -> None:
    args = ("report", "2019", "--as-of", AS_OF, "--lang", lang, "-f", fmt)
    out = run_cli(*args, "--data-dir", str(DATA)).out
    pattern = r"^#### (.*)$" if fmt == "md" else r"<h4 [^>]*>(.*?)</h4>"
    headings = re.findall(pattern, out, flags=re.M)
    assert len(headings) == 7 and len(set(headings)) == 7
    said = {
        "sv": ["303 registrerade; platser inte angivna", "rapporterat för 2019", "Överträffat"],
        "en": ["303 recorded; places not stated", "reported for 2019", "Exceeded"],
    }[lang]
    for words in said:
        assert words in out
    assert "20 nya grannsamverkansområden har startats upp i kommunen" in out
    assert "0 av 4" not in out and "0 of 4" not in out
