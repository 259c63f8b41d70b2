"""The Swedish words the quantity reader knows, as plain tables.

Kept apart from the grammar in `lofte.rules.quantities` so that a word can be added by
someone who reads Swedish without reading the parser.  All lower case.
"""

from __future__ import annotations

from typing import Literal

Comparator = Literal["at_least", "exactly", "at_most"]

WORDS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
    "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "aderton": 18, "nitton": 19,
    "tjugo": 20,
}  # fmt: skip
# Comparators as the words before the number; the offset turns "fler än fem" into 6.
COMPARATORS: dict[tuple[str, ...], tuple[Comparator, int]] = {
    ("minst",): ("at_least", 0),
    ("åtminstone",): ("at_least", 0),
    ("minimum",): ("at_least", 0),
    ("som", "minst"): ("at_least", 0),
    ("inte", "färre", "än"): ("at_least", 0),
    ("inte", "mindre", "än"): ("at_least", 0),
    ("fler", "än"): ("at_least", 1),
    ("högst",): ("at_most", 0),
    ("max",): ("at_most", 0),
    ("maximalt",): ("at_most", 0),
    ("maximum",): ("at_most", 0),
    ("som", "mest"): ("at_most", 0),
    ("som", "högst"): ("at_most", 0),
    ("upp", "till"): ("at_most", 0),
    ("inte", "fler", "än"): ("at_most", 0),
    ("inte", "mer", "än"): ("at_most", 0),
    ("färre", "än"): ("at_most", -1),
}
# "ett antal", "ett stort antal", "ett par": vague only after "ett"; "flera" alone.
VAGUE_AFTER_ETT = {"flertal", "antal", "par", "fåtal"}
PIECES = {"stycken", "st", "styck"}
MONTHS = {
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "okt", "nov", "dec",
}  # fmt: skip
AGE = {"år", "års", "åren", "årig", "åriga", "åring", "åringar", "åringarna", "ålder"}
DURATION = {
    "månad", "månader", "månaderna", "vecka", "veckor", "veckorna", "dag", "dagar",
    "dagarna", "dygn", "timme", "timmar", "timmarna", "minut", "minuter", "sekunder",
}  # fmt: skip
NOT_COUNTED = {"procent", "procentenheter", "kr", "kronor", "sek", "euro", "kap", "kapitlet"}
LABELS = {
    "åk", "årskurs", "klass", "kap", "kapitel", "vecka", "v", "sida", "sidan", "nr", "nummer",
    "paragraf", "punkt", "steg", "fas", "bilaga", "t", "q", "tertial", "kvartal", "kl",
    "klockan", "åldern", "ålder", "version", "linje", "buss",
}  # fmt: skip
PER = {
    "tertial": "tertial", "tertialet": "tertial", "kvartal": "quarter", "kvartalet": "quarter",
    "år": "year", "året": "year", "månad": "month", "månaden": "month", "vecka": "week",
    "veckan": "week",
}  # fmt: skip
# Words that end the unit noun phrase: prepositions, conjunctions, pronouns, verbs.
STOP = {
    "på", "i", "mot", "under", "med", "för", "till", "av", "om", "från", "vid", "inom", "per",
    "och", "samt", "som", "att", "eller", "är", "kan", "ska", "har", "hos", "genom", "efter",
    "mellan", "utan", "över", "kring", "runt", "bland", "där", "när", "sig", "den", "det",
    "de", "än", "in", "ut", "varje", "inför", "innan", "enligt", "hade", "var", "blir",
    "vi", "ni", "jag", "du", "han", "hon", "man", "dom", "kommer", "känner", "gör", "får",
    "finns", "sker", "ändå", "också", "även", "framöver", "idag", "nu", "redan", "bara",
}  # fmt: skip
