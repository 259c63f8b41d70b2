"""Place matching shared by record and check."""

from __future__ import annotations

import pytest

from lofte.rules.places import fold, nearest_place

ITEMS = ["Strängnäs", "Mariefred", "Åker", "Stallarholmen"]


def test_fold_drops_case_and_accents() -> None:
    assert fold("ÅKER") == fold("aker") == "aker"


@pytest.mark.parametrize(
    ("typed", "near"),
    [
        ("Akers", "Åker"),
        ("strangnas", "Strängnäs"),
        ("Stallarholm", "Stallarholmen"),
        ("Mariefrd", "Mariefred"),
        ("Läggesta", None),
        ("Eskilstuna", None),
    ],
)
def test_nearest_place(typed: str, near: str | None) -> None:
    assert nearest_place(typed, ITEMS) == near
