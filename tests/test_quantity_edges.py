"""rules.quantities and its word tables, entry by entry and edge by edge.

The tables of `lofte.rules.quantity_words` are written out here on purpose: a test
that iterated over the module's own table would lose its case together with the
word, and could never notice a word going missing.
"""

from __future__ import annotations

import pytest

from lofte.rules.quantities import Quantity, read_quantities


def _read(text: str) -> list[tuple[int | None, str | None, str]]:
    return [(q.number, q.comparator, q.unit) for q in read_quantities(text)]


NUMBER_WORDS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
    "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "aderton": 18, "nitton": 19,
    "tjugo": 20,
}  # fmt: skip


@pytest.mark.parametrize(("word", "value"), sorted(NUMBER_WORDS.items()))
def test_each_number_word(word: str, value: int) -> None:
    assert _read(f"minst {word} insatser") == [(value, "at_least", "insatser")]
    assert _read(f"{word.capitalize()} stycken insatser") == [(value, "exactly", "insatser")]
    # A number word ends the unit: "insatser tre möten" is two phrases.
    assert _read(f"minst två insatser {word} stycken möten") == [
        (2, "at_least", "insatser"),
        (value, "exactly", "möten"),
    ]


COMPARATORS = [
    ("minst", 5, "at_least"),
    ("åtminstone", 5, "at_least"),
    ("minimum", 5, "at_least"),
    ("som minst", 5, "at_least"),
    ("inte färre än", 5, "at_least"),
    ("inte mindre än", 5, "at_least"),
    ("fler än", 6, "at_least"),
    ("högst", 5, "at_most"),
    ("max", 5, "at_most"),
    ("maximalt", 5, "at_most"),
    ("maximum", 5, "at_most"),
    ("som mest", 5, "at_most"),
    ("som högst", 5, "at_most"),
    ("upp till", 5, "at_most"),
    ("inte fler än", 5, "at_most"),
    ("inte mer än", 5, "at_most"),
    ("färre än", 4, "at_most"),
]


@pytest.mark.parametrize(("words", "number", "comparator"), COMPARATORS)
def test_each_comparator(words: str, number: int, comparator: str) -> None:
    (q,) = read_quantities(f"Polisen gör {words} fem insatser.")
    assert (q.number, q.comparator, q.unit) == (number, comparator, "insatser")
    assert q.phrase == f"{words} fem insatser"
    assert q.start == len("Polisen gör ")


@pytest.mark.parametrize("word", ["flertal", "antal", "par", "fåtal"])
def test_each_vague_word_after_ett(word: str) -> None:
    (q,) = read_quantities(f"ett {word} möten")
    assert (q.number, q.comparator, q.vague, q.unit) == (None, None, f"ett {word}", "möten")


@pytest.mark.parametrize("word", ["flera", "några", "många"])
def test_each_vague_word_alone(word: str) -> None:
    (q,) = read_quantities(f"Vi gör {word.capitalize()} insatser")
    assert (q.vague, q.unit, q.phrase, q.start) == (
        word,
        "insatser",
        f"{word.capitalize()} insatser",
        len("Vi gör "),
    )


@pytest.mark.parametrize("word", ["stycken", "st", "styck"])
def test_each_word_for_pieces(word: str) -> None:
    assert _read(f"en {word} insats") == [(1, "exactly", "insats")]
    assert _read(f"tre {word}") == [(3, "exactly", "")]


MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "okt", "nov", "dec",
]  # fmt: skip
AGE = ["år", "års", "åren", "årig", "åriga", "åring", "åringar", "åringarna", "ålder"]
NOT_COUNTED = ["procent", "procentenheter", "kr", "kronor", "sek", "euro", "kap", "kapitlet"]


@pytest.mark.parametrize("word", MONTHS + AGE + NOT_COUNTED + ["årsåldern"])
def test_no_date_age_or_amount_of_money_is_a_quantity(word: str) -> None:
    assert _read(f"minst 12 {word}") == []
    assert _read(f"minst 12-{word}") == []


DURATION = [
    "månad", "månader", "månaderna", "vecka", "veckor", "veckorna", "dag", "dagar",
    "dagarna", "dygn", "timme", "timmar", "timmarna", "minut", "minuter", "sekunder",
]  # fmt: skip


@pytest.mark.parametrize("word", DURATION)
def test_a_duration_counts_only_after_a_comparator(word: str) -> None:
    assert _read(f"de senaste tolv {word}") == []
    assert _read(f"minst tolv {word}") == [(12, "at_least", word)]


LABELS = [
    "åk", "årskurs", "klass", "kap", "kapitel", "vecka", "v", "sida", "sidan", "nr", "nummer",
    "paragraf", "punkt", "steg", "fas", "bilaga", "t", "q", "tertial", "kvartal", "kl",
    "klockan", "åldern", "ålder", "version", "linje", "buss",
]  # fmt: skip


@pytest.mark.parametrize("word", LABELS)
def test_a_number_after_a_label_is_no_quantity(word: str) -> None:
    assert _read(f"i {word} 12 insatser") == []
    assert _read(f"i {word.upper()} 12 insatser") == []


@pytest.mark.parametrize(
    ("rhythm", "per"),
    [
        ("per tertial", "tertial"),
        ("per tertialet", "tertial"),
        ("per kvartal", "quarter"),
        ("i kvartalet", "quarter"),
        ("om året", "year"),
        ("varje år", "year"),
        ("per månad", "month"),
        ("i månaden", "month"),
        ("per vecka", "week"),
        ("i veckan", "week"),
    ],
)
def test_each_rhythm(rhythm: str, per: str) -> None:
    (q,) = read_quantities(f"tre insatser {rhythm} och mer")
    assert (q.number, q.unit, q.per, q.phrase) == (3, "insatser", per, f"tre insatser {rhythm}")
    assert q.describe() == f"exactly 3 per {per}"


@pytest.mark.parametrize(
    ("unit", "per"),
    [
        ("ggr/år", "year"),
        ("ggr/kvartalet", "quarter"),
        ("ggr/Tertial", "tertial"),
        ("ggr/x", None),
        ("ggr/x/år", "year"),
    ],  # the last part names the rhythm
)
def test_a_rhythm_inside_the_unit(unit: str, per: str | None) -> None:
    (q,) = read_quantities(f"4 {unit}")
    assert (q.unit, q.per) == (unit, per)


STOP = [
    "på", "i", "mot", "under", "med", "för", "till", "av", "om", "från", "vid", "inom", "per",
    "och", "samt", "som", "att", "eller", "är", "kan", "ska", "har", "hos", "genom", "efter",
    "mellan", "utan", "över", "kring", "runt", "bland", "där", "när", "sig", "den", "det",
    "de", "än", "in", "ut", "varje", "inför", "innan", "enligt", "hade", "var", "blir",
    "vi", "ni", "jag", "du", "han", "hon", "man", "dom", "kommer", "känner", "gör", "får",
    "finns", "sker", "ändå", "också", "även", "framöver", "idag", "nu", "redan", "bara",
]  # fmt: skip


@pytest.mark.parametrize("word", STOP)
def test_each_stop_word_ends_the_unit(word: str) -> None:
    (q,) = read_quantities(f"tre insatser {word} skolorna")
    assert (q.unit, q.phrase) == ("insatser", "tre insatser")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tre stora trygga fina insatser", [(3, "exactly", "stora trygga fina")]),  # 3 words
        ("1799 besökare", [(1799, "exactly", "besökare")]),  # years are 1800–2199
        ("1800 besökare", []),
        ("2199 besökare", []),
        ("2200 besökare", [(2200, "exactly", "besökare")]),
        ("12345 besökare", [(12345, "exactly", "besökare")]),
        ("0999 besökare", [(999, "exactly", "besökare")]),
        ("minst 2020 besökare", [(2020, "at_least", "besökare")]),
        ("2020 stycken besökare", [(2020, "exactly", "besökare")]),
        ("två (2) insatser", [(2, "exactly", "insatser")]),
        ("två (3) insatser", []),  # the digits contradict the word
        ("3: insatser", []),
        ("3 insatser:", [(3, "exactly", "insatser")]),
        ("tre–fem insatser", [(3, "at_least", "insatser")]),
        ("3-5 insatser", [(3, "at_least", "insatser")]),
        ("3—5 insatser", [(3, "at_least", "insatser")]),
        ("Polisen: 1. tre insatser", [(3, "exactly", "insatser")]),
        ("a\n 1. tre", []),  # list numbering at a line start
        ("a\n 1) tre", []),
        ("en gång per tertial", [(1, "exactly", "gång")]),
        ("en gången per år", [(1, "exactly", "gången")]),
        ("en gång", []),
        ("minst sex", [(6, "at_least", "")]),
        ("sex", []),
        ("ett stort stort antal skolor", []),
        ("ett antal av skolorna", [(None, None, "skolorna")]),
        ("flera", []),
        ("10\u202f000 flygblad", [(10000, "exactly", "flygblad")]),
        ("T2 tre insatser", [(3, "exactly", "insatser")]),
        ("3–5", [(3, "at_least", "")]),  # a range is explicit even without a noun
        ("§ 14 kontroller", []),  # a paragraph number after the sign
        ("minst 14 §", []),  # and before it, even after a comparator
        ("a\n 1–2. tre", []),  # a numbered list, even as a range
        ("a\nx1–2. tre", [(1, "at_least", "")]),  # one letter before it: no list mark
    ],
)
def test_edges(text: str, expected: list[tuple[int | None, str | None, str]]) -> None:
    assert _read(text) == expected


def test_phrases_and_offsets_of_several_quantities() -> None:
    text = "tre insatser per år och två (2) möten, 12 st. besök"
    assert [(q.phrase, q.start, q.per) for q in read_quantities(text)] == [
        ("tre insatser per år", 0, "year"),
        ("två (2) möten", 24, None),
        ("12 st. besök", 39, None),
    ]


@pytest.mark.parametrize(
    ("quantity", "described"),
    [
        (Quantity(3, "at_least", "x", "x", 0), "at least 3"),
        (Quantity(3, "at_most", "x", "x", 0), "at most 3"),
        (Quantity(3, "exactly", "x", "x", 0), "exactly 3"),
        (Quantity(3, None, "x", "x", 0), "exactly 3"),
        (Quantity(1, "at_least", "x", "x", 0, per="tertial"), "at least 1 per tertial"),
        (Quantity(None, None, "x", "x", 0, vague="flera"), "an unstated number"),
    ],
)
def test_describe(quantity: Quantity, described: str) -> None:
    assert quantity.describe() == described
