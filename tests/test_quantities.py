"""The Swedish quantity reader, on every sentence of the seeds and every data activity."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA, ROOT
from lofte.read.loader import load_file
from lofte.rules.quantities import WORDS, Quantity, read_quantities
from seed_text import seed_sentences

FIXTURES = ROOT / "tests" / "fixtures" / "check"
SEEDS = ROOT.parent / "shared" / "seeds"  # where CI keeps them; not needed by the tests


def _load(name: str) -> Any:
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))


def _as_dict(q: Quantity) -> dict[str, object]:
    out: dict[str, object] = {}
    if q.vague is not None:
        out["vague"] = q.vague
    else:
        out["number"], out["comparator"] = q.number, q.comparator
    if q.per is not None:
        out["per"] = q.per
    out["unit"], out["phrase"] = q.unit, q.phrase
    return out


SENTENCES = _load("seed_sentences.yaml")


@pytest.mark.parametrize("entry", SENTENCES, ids=lambda e: f"{e['seed']}:{e['text'][:40]}")
def test_every_seed_sentence_reads_as_expected(entry: dict[str, Any]) -> None:
    assert [_as_dict(q) for q in read_quantities(entry["text"])] == entry["quantities"]


def test_the_phrase_is_where_the_quantity_starts() -> None:
    for entry in SENTENCES:
        for q in read_quantities(entry["text"]):
            assert entry["text"][q.start : q.start + len(q.phrase)] == q.phrase


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds are not beside the repository")
def test_the_fixture_holds_every_sentence_of_the_seeds() -> None:
    expected = [(name[:3], text) for name, text in seed_sentences(SEEDS)]
    assert [(e["seed"], e["text"]) for e in SENTENCES] == expected


def test_every_stated_target_of_the_seeds_is_found() -> None:
    # The numbered promises of the seeds, as the data transcribes them.
    found = {
        (q.number, q.comparator, q.unit)
        for e in SENTENCES
        for q in read_quantities(e["text"])
        if q.number is not None
    }
    assert {
        (8, "at_least", "nya grannsamverkansområden"),
        (2, "exactly", "nya båtsamverkansområden"),
        (4, "at_least", "trygghetsvandringar"),
        (2, "at_least", "riktade insatser"),
        (2, "at_least", "planlagda insatser"),
        (2, "exactly", "narkotikasök"),
        (2, "at_least", "föräldraträffar"),
    } <= found


def test_no_year_age_paragraph_date_or_percentage_is_taken_for_a_quantity() -> None:
    numbers = [q.number for e in SENTENCES for q in read_quantities(e["text"])]
    # Every number in the seeds that is a year, an age, a paragraph, a date, a
    # percentage or a grade: none of them may be read.
    for not_a_quantity in (2007, 2015, 2017, 2018, 2019, 2020, 2021, 2023, 2024, 2025, 14, 15,
                           18, 11, 24, 40, 33, 12):  # fmt: skip
        assert not_a_quantity not in numbers
    assert sorted(n for n in numbers if n is not None) == [2, 2, 2, 2, 2, 3, 4, 4, 8, 21]


DATA_EXPECTED = _load("data_activities.yaml")


def _data_activities() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(DATA.glob("*.yaml")):
        loaded, problems = load_file(path)
        assert loaded is not None and problems == []
        if loaded.document.kind != "municipality":
            out += [(path.name, a.id, a.text) for _, a in loaded.document.all_activities()]
    return out


@pytest.mark.parametrize("name,ident,text", _data_activities(), ids=lambda v: str(v)[:30])
def test_every_data_activity_reads_as_expected(name: str, ident: str, text: str) -> None:
    assert [_as_dict(q) for q in read_quantities(text)] == DATA_EXPECTED[name][ident]


def test_the_data_fixture_names_exactly_the_data_activities() -> None:
    listed = {(name, ident) for name, ids in DATA_EXPECTED.items() for ident in ids}
    assert listed == {(name, ident) for name, ident, _ in _data_activities()}


# --- en/ett, both ways, on real sentences ---------------------------------------------

ARTICLE = [  # real seed sentences where en/ett is the article: no quantity
    "Relativt sett är Strängnäs kommun en trygg och säker kommun att bo och vistas i.",
    "Ett led i att öka kunskapen bland dem som om arbetar och kommer i kontakt med ungdomar.",
    "Ett arbete som annars sker löpande i dagliga verksamheten, men under 2020 med ett extra "
    "fokus.",
    "En trygghetsvandring kan också initieras av till exempel en förening, ett nätverk eller "
    "en skola.",
    "Temavecka En vecka fri från våld med bland annat föreläsningar om våld i nära relationer.",
    "Det innebar att polisen gick från 21 polismyndigheter till att bli en stor gemensam "
    "polismyndighet.",
]
# Made-up variants of real sentences where the text makes the count of one explicit.
COUNTED = [
    ("Strängnäs kommun kommer under året att samordna minst en föräldraträff på skolor.",
     (1, "at_least", "föräldraträff")),
    ("Polisen kommer genomföra en (1) planlagd insats under året.",
     (1, "exactly", "planlagd insats")),
    ("Polisen kommer genomföra en stycken narkotikasök på skolor med hund.",
     (1, "exactly", "narkotikasök")),
    ("Polisen kommer genomföra ett st riktat tillslag mot trimmade mopeder.",
     (1, "exactly", "riktat tillslag")),
    ("Strängnäs kommun och polisen ska träffas en gång per tertial i ett trafiksäkerhetsråd.",
     (1, "exactly", "gång")),
    ("Högst ett möte med föräldrarna.", (1, "at_most", "möte")),
]  # fmt: skip


@pytest.mark.parametrize("sentence", ARTICLE)
def test_en_and_ett_as_the_article_are_no_quantity(sentence: str) -> None:
    assert [q.number for q in read_quantities(sentence)] in ([], [21])


@pytest.mark.parametrize("sentence,expected", COUNTED)
def test_en_and_ett_count_where_the_text_makes_it_explicit(
    sentence: str, expected: tuple[int, str, str]
) -> None:
    (q,) = read_quantities(sentence)
    assert (q.number, q.comparator, q.unit) == expected


# --- the grammar, case by case (made-up phrases) ------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("minst 3 insatser", [(3, "at_least")]),
        ("högst fem insatser", [(5, "at_most")]),
        ("max 5 insatser", [(5, "at_most")]),
        ("åtminstone tre insatser", [(3, "at_least")]),
        ("upp till tio besök", [(10, "at_most")]),
        ("fler än fem insatser", [(6, "at_least")]),
        ("färre än fem insatser", [(4, "at_most")]),
        ("inte fler än fem insatser", [(5, "at_most")]),
        ("3–5 insatser", [(3, "at_least")]),
        ("tre till fem insatser", [(3, "at_least")]),
        ("två (2) insatser", [(2, "exactly")]),
        ("12 st. insatser", [(12, "exactly")]),
        ("tjugo vandringar och elva möten", [(20, "exactly"), (11, "exactly")]),
        ("minst 2000 besökare", [(2000, "at_least")]),
        ("10\u00a0000 flygblad", [(10000, "exactly")]),
        ("under 2020 och 2021", []),
        ("perioden november 2017-april 2018", []),
        ("2019-12-20 - 2023-06-01", []),
        ("den 11 mars", []),
        ("unga i åldern 21 år och yngre", []),
        ("personer främst i 15–18 årsåldern", []),
        ("alla 18-åringar", []),
        ("de senaste tolv månaderna", []),
        ("minst fyra dagar med tema", [(4, "at_least")]),
        ("socialtjänstlagen 14§", []),
        ("socialtjänstlagen 14 §", []),
        ("enligt § 14", []),
        ("ökat med nästan 40 %", []),
        ("ökade med ca 33%", []),
        ("1,5 timmar", []),
        ("elever i åk 2", []),
        ("vecka 12", []),
        ("klockan 18", []),
        ("kl 12:30", []),
        ("budget 5000 kr", []),
        ("1. Polisen genomför kontroller", []),
        ("information om sex och samlevnad", []),
        ("sex insatser", [(6, "exactly")]),
        ("minst två gånger per tertial", [(2, "at_least")]),
    ],
)
def test_grammar(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(q.number, q.comparator) for q in read_quantities(text)] == expected


@pytest.mark.parametrize(
    "text,per", [("två gånger per tertial", "tertial"), ("fyra möten per kvartal", "quarter"),
                 ("en gång i månaden", "month"), ("4 ggr/år", "year"), ("tre gånger", None)]
)  # fmt: skip
def test_rhythm(text: str, per: str | None) -> None:
    (q,) = read_quantities(text)
    assert q.per == per


@pytest.mark.parametrize(
    "text,vague,unit",
    [
        ("flera insatser", "flera", "insatser"),
        ("några träffar", "några", "träffar"),
        ("ett antal aktiviteter", "ett antal", "aktiviteter"),
        ("ett stort antal skolor", "ett stort antal", "skolor"),
        ("ett flertal möten", "ett flertal", "möten"),
        ("ett par vandringar", "ett par", "vandringar"),
    ],
)
def test_vague_quantities(text: str, vague: str, unit: str) -> None:
    (q,) = read_quantities(text)
    assert (q.number, q.vague, q.unit, q.describe()) == (None, vague, unit, "an unstated number")


def test_a_vague_word_without_a_noun_is_no_quantity() -> None:
    assert read_quantities("Trots det så känner många sig otrygga.") == []


@given(st.integers(min_value=1800, max_value=2199), st.sampled_from(["under", "inför", "år"]))
def test_no_year_is_a_quantity(year: int, word: str) -> None:
    assert read_quantities(f"Polisen ska {word} {year} genomföra kontroller.") == []


@given(st.sampled_from(sorted(WORDS.items())), st.sampled_from(["minst", "högst", ""]))
def test_every_number_word_with_every_comparator(item: tuple[str, int], comparator: str) -> None:
    word, value = item
    (q,) = read_quantities(f"Polisen genomför {comparator} {word} stycken insatser.")
    expected = {"minst": "at_least", "högst": "at_most", "": "exactly"}[comparator]
    assert (q.number, q.comparator, q.unit) == (value, expected, "insatser")
