"""The Swedish quantity reader: which numbers an activity's text promises.

``read_quantities("Polisen kommer genomföra minst två stycken insatser.")`` gives one
`Quantity`: 2, at least, of "insatser".  It reads digits and the number words en/ett
to tjugo, the comparators minst/högst/max (bare means exactly), "stycken"/"st", ranges
("3–5 insatser" promises at least 3) and vague quantities (flera, några, ett antal).

What it does not take for a quantity, because it is no promise of a number of things:
years ("under 2020"), dates ("11 mars", "2019-02-08"), ages ("21 år", "15–18
årsåldern"), durations without a comparator ("de senaste tolv månaderna"; "minst fyra
dagar" is a quantity), paragraphs ("14§", "14 kap."), percentages, clock times, labels
("åk 2", "vecka 12", "T2") and list numbering.
"en"/"ett" are far more often the article ("en trygg kommun", "ett led i") than a
count, so they count only where the text makes the count explicit: after a comparator
("minst en"), confirmed in digits ("en (1)"), before "stycken"/"st", or "en gång per
tertial".  Every other number needs a noun after it (or a comparator before it), so
"sex och samlevnad" is no six.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lofte.rules.quantity_words import (
    AGE,
    COMPARATORS,
    DURATION,
    LABELS,
    MONTHS,
    NOT_COUNTED,
    PER,
    PIECES,
    STOP,
    VAGUE_AFTER_ETT,
    WORDS,
    Comparator,
)

_TOKEN = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"|(?P<decimal>\d+[.,]\d+)"
    r"|(?P<number>\d{1,3}(?:[\u00a0\u202f]\d{3})+|\d+)"
    r"|(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*(?:/[^\W\d_]+)*)"
    r"|(?P<sym>[^\w\s])"
)
_DASHES = {"-", "–", "—"}


@dataclass(frozen=True)
class Quantity:
    """One stated quantity: a number with its comparator, or a vague word."""

    number: int | None  # None for a vague quantity
    comparator: Comparator | None  # None for a vague quantity
    unit: str  # the noun phrase that follows, for messages
    phrase: str  # the words as written, from comparator to unit
    start: int  # offset of the phrase in the text
    per: str | None = None  # "tertial", "quarter", "year", … for "två gånger per tertial"
    vague: str | None = None  # the vague word: flera, några, ett antal, …

    def describe(self) -> str:
        """ "at least 8", "exactly 2", "at least 1 per tertial" or "an unstated number"."""
        if self.number is None:
            return "an unstated number"
        words = {"at_least": "at least", "exactly": "exactly", "at_most": "at most"}
        per = f" per {self.per}" if self.per else ""
        return f"{words[self.comparator or 'exactly']} {self.number}{per}"


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def _tokens(text: str) -> list[_Tok]:
    return [
        _Tok(m.lastgroup or "sym", m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)
    ]


def read_quantities(text: str) -> list[Quantity]:
    """Every quantity the text states, in order."""
    toks = _tokens(text)
    found: list[Quantity] = []
    i = 0
    while i < len(toks):
        quantity, i = _at(text, toks, i)
        if quantity is not None:
            found.append(quantity)
    return found


def _value(tok: _Tok) -> int | None:
    if tok.kind == "number":
        return int(re.sub(r"\D", "", tok.text))
    return WORDS.get(tok.low) if tok.kind == "word" else None


def _at(text: str, toks: list[_Tok], i: int) -> tuple[Quantity | None, int]:
    """The quantity starting at token ``i`` (if any) and the index to go on from."""
    tok = toks[i]
    vague = _vague_at(toks, i)
    if vague is not None:
        words, j = vague
        return _vague_quantity(text, toks, i, j, words)
    value = _value(tok)
    if value is None:
        return None, i + 1
    comparator, offset, first = _comparator_before(toks, i)
    j = i + 1
    ranged = False
    # A range "3–5" or "tre till fem": the promise is the lower bound.
    if j + 1 < len(toks) and (toks[j].text in _DASHES or toks[j].low == "till"):
        upper = _value(toks[j + 1])
        if upper is not None and upper > value and toks[j + 1].kind == tok.kind:
            j += 2
            ranged = True
    confirmed = False
    # "en (1)", "två (2)": the digits confirm the word.
    if (
        j + 2 < len(toks)
        and toks[j].text == "("
        and _value(toks[j + 1]) == value
        and toks[j + 2].text == ")"
    ):
        j += 3
        confirmed = True
    pieces = j < len(toks) and toks[j].low in PIECES
    if pieces:
        j += 1
        if j < len(toks) and toks[j].text == ".":
            j += 1
    if not _is_quantity(text, toks, i, j, comparator is not None, confirmed or pieces):
        return None, max(j, i + 1)
    unit, k = _unit(toks, j)
    per, k = _per(toks, k, unit)
    explicit = comparator is not None or confirmed or pieces or ranged
    if tok.low in ("en", "ett") and not (explicit or (unit in ("gång", "gången") and per)):
        return None, i + 1
    if not unit and not explicit:
        return None, j
    start = toks[first].start
    end = toks[k - 1].end if k > i else tok.end
    return (
        Quantity(
            number=value + offset,
            comparator=comparator or ("at_least" if ranged else "exactly"),
            unit=unit,
            phrase=text[start:end],
            start=start,
            per=per,
        ),
        k,
    )


def _comparator_before(toks: list[_Tok], i: int) -> tuple[Comparator | None, int, int]:
    """The comparator in the words just before token ``i``: (comparator, offset, first index)."""
    # Longest first, so that "inte fler än" wins over "fler än".
    for words, (comparator, offset) in sorted(COMPARATORS.items(), key=lambda kv: -len(kv[0])):
        n = len(words)
        if i >= n and tuple(t.low for t in toks[i - n : i]) == words:
            return comparator, offset, i - n
    return None, 0, i


def _is_quantity(
    text: str, toks: list[_Tok], i: int, j: int, has_comparator: bool, explicit: bool
) -> bool:
    """False for years, dates, ages, durations, paragraphs, percentages, labels, list marks."""
    tok = toks[i]
    before = toks[i - 1] if i > 0 else None
    after = toks[j] if j < len(toks) else None
    after_word = after
    if after is not None and after.text in _DASHES and j + 1 < len(toks):
        after_word = toks[j + 1]  # "21-åringar"
    if before is not None and (before.low in LABELS or before.text == "§"):
        return False
    if after is not None and after.text in ("%", "§", ":"):
        return False
    if after_word is not None:
        word = after_word.low
        if word in MONTHS or word in NOT_COUNTED or word in AGE or word.startswith("årsålder"):
            return False
        if word in DURATION and not has_comparator:
            return False
    if tok.kind == "number":
        value = _value(tok) or 0
        year_like = len(tok.text) == 4 and 1800 <= value <= 2199
        if year_like and not (has_comparator or explicit):
            return False
        line_start = text.rfind("\n", 0, tok.start) + 1
        if (
            after is not None
            and after.text in (".", ")")
            and not text[line_start : tok.start].strip()
        ):
            return False  # "1. Polisen …": a numbered list
    return True


def _unit(toks: list[_Tok], j: int) -> tuple[str, int]:
    """Up to three words of noun phrase from token ``j``, ending at a stop word or sign."""
    words: list[str] = []
    while j < len(toks) and len(words) < 3:
        tok = toks[j]
        if tok.kind != "word" or tok.low in STOP or tok.low in WORDS:
            break
        words.append(tok.text)
        j += 1
    return " ".join(words), j


def _per(toks: list[_Tok], k: int, unit: str) -> tuple[str | None, int]:
    """ "per tertial", "i månaden", "varje vecka", "om året", or "ggr/år" in the unit."""
    if "/" in unit:
        return PER.get(unit.rsplit("/", 1)[1].lower()), k
    if k + 1 < len(toks) and toks[k].low in ("per", "i", "varje", "om", "varannan"):
        per = PER.get(toks[k + 1].low)
        if per is not None:
            return per, k + 2
    return None, k


def _vague_at(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """A vague quantity's words starting at ``i`` and the index after them."""
    low = toks[i].low
    if low in ("flera", "några", "många"):
        return toks[i].text, i + 1
    if low == "ett":
        for j in (i + 1, i + 2):  # "ett antal", "ett stort antal"
            if j < len(toks) and toks[j].low in VAGUE_AFTER_ETT:
                if j == i + 2 and toks[i + 1].kind != "word":
                    break
                return " ".join(t.text for t in toks[i : j + 1]), j + 1
    return None


def _vague_quantity(
    text: str, toks: list[_Tok], i: int, j: int, words: str
) -> tuple[Quantity | None, int]:
    if j < len(toks) and toks[j].low == "av":
        j += 1  # "ett antal av"
    unit, k = _unit(toks, j)
    if not unit:
        return None, j  # "känner många sig otrygga": a pronoun, no quantity of things
    start = toks[i].start
    return (
        Quantity(
            number=None,
            comparator=None,
            unit=unit,
            phrase=text[start : toks[k - 1].end],
            start=start,
            vague=words.lower(),
        ),
        k,
    )
