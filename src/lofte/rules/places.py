"""Matching a place someone typed against a place list, forgiving case and accents."""

from __future__ import annotations

import difflib
import unicodedata


def fold(text: str) -> str:
    """Case- and accent-free form: "Åker" and "aker" fold alike."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def nearest_place(place: str, items: list[str]) -> str | None:
    """The listed item ``place`` most likely misspells, if any.

    Shared by `lofte record` (which refuses a near miss) and `lofte check`
    (which hints at it), so the two never disagree about a misspelling.
    """
    folded = {fold(item): item for item in items}
    key = fold(place)
    if key in folded:
        return folded[key]
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.75)
    if close:
        return folded[close[0]]
    return next((item for f, item in folded.items() if f.startswith(key)), None)
