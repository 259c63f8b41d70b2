"""Headings for activities: a `title:` where the file gives one, else words of the text.

A heading derived from the text is the first sentence, cut at a word when it is
long.  Two activities may begin with the same words (2019's grannsamverkan and
båtsamverkan both begin "Strängnäs kommun och polisen ska informera i publika
sammanhang, på sina webbplatser och via sociala medier om …"), so a derived
heading is lengthened, word by word, until no other heading of the document
reads the same; texts identical to the end are told apart by their ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lofte.model import Activity

#: How long a derived heading may grow before it is cut at a word.
LIMIT = 110


def one_paragraph(text: str | None) -> str:
    """Text with its line breaks and runs of spaces folded into single spaces."""
    return " ".join((text or "").split())


def first_sentence(text: str, limit: int = LIMIT) -> str:
    """The first sentence of ``text``, shortened at a word with " …" if long."""
    flat = one_paragraph(text)
    end = flat.find(". ")
    sentence = flat if end < 0 else flat[: end + 1]
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + " …"


def headings(activities: Iterable[Activity]) -> dict[str, str]:
    """Every activity's heading by id, no two alike within the activities given."""
    chosen: dict[str, str] = {}
    words: dict[str, list[str]] = {}  # the texts of derived headings, word by word
    for activity in activities:
        if activity.title is not None:
            chosen[activity.id] = one_paragraph(activity.title)
        else:
            words[activity.id] = one_paragraph(activity.text).split(" ")
            chosen[activity.id] = first_sentence(activity.text)
    while True:
        growing = [i for i in _clashes(chosen) if i in words and not _whole(chosen[i], words[i])]
        if not growing:
            break
        for activity_id in growing:
            chosen[activity_id] = _one_more_word(chosen[activity_id], words[activity_id])
    # Still alike: derived headings give way to titles, then every clash shows its id.
    for activity_id in [i for i in _clashes(chosen) if i in words]:
        chosen[activity_id] = f"{chosen[activity_id]} ({activity_id})"
    for activity_id in _clashes(chosen):
        chosen[activity_id] = f"{chosen[activity_id]} ({activity_id})"
    return chosen


def _clashes(chosen: dict[str, str]) -> list[str]:
    seen: dict[str, list[str]] = {}
    for activity_id, heading in chosen.items():
        seen.setdefault(heading.casefold(), []).append(activity_id)
    return [i for ids in seen.values() if len(ids) > 1 for i in ids]


def _whole(heading: str, words: list[str]) -> bool:
    return heading == " ".join(words)


def _one_more_word(heading: str, words: list[str]) -> str:
    """The heading with the text's next word: "… medier om" becomes "… medier om båtsamverkan."."""
    shown = len(heading.removesuffix(" …").split(" "))
    taken = min(len(words), shown + 1)
    grown = " ".join(words[:taken])
    # A heading that now ends a sentence needs no mark that text follows.
    return grown if taken == len(words) or grown.endswith((".", "!", "?")) else grown + " …"
