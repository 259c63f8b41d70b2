"""Activity headings: a `title:` where given, else unique words of the text (issue 11)."""

from __future__ import annotations

from lofte.model import Activity
from lofte.render.headings import first_sentence, headings

# Made up, shaped like 2019's grannsamverkan and båtsamverkan: the same first 110 characters.
SAME_START = (
    "Kommunen och polisen ska informera i publika sammanhang, på sina webbplatser "
    "och via sociala medier om "
)


def activity(ident: str, text: str, title: str | None = None) -> Activity:
    data = {"id": ident, "text": text, "target": {"kind": "ongoing"}}
    if title is not None:
        data["title"] = title
    return Activity.model_validate(data)


def test_a_title_is_the_heading() -> None:
    got = headings([activity("a", "Lång text om något. Mer text.", "Grannsamverkan")])
    assert got == {"a": "Grannsamverkan"}


def test_without_a_title_the_first_sentence() -> None:
    assert headings([activity("a", "Lång text om något. Mer text.")]) == {
        "a": "Lång text om något."
    }


def test_derived_headings_that_clash_grow_until_they_differ() -> None:
    first = activity("grann", SAME_START + "grannsamverkan och dna-märkning. Vi etablerar åtta.")
    second = activity("bat", SAME_START + "båtsamverkan. Målet är två nya områden.")
    assert first_sentence(first.text) == first_sentence(second.text)
    got = headings([first, second])
    assert got == {
        "grann": SAME_START + "grannsamverkan …",
        "bat": SAME_START + "båtsamverkan.",
    }


def test_a_title_and_a_derived_heading_that_read_the_same_are_told_apart() -> None:
    got = headings(
        [activity("a", "Trygghetsvandringar."), activity("b", "Text.", "Trygghetsvandringar.")]
    )
    assert len(set(got.values())) == 2
    assert got["b"] == "Trygghetsvandringar."
    assert got["a"] == "Trygghetsvandringar. (a)"


def test_identical_texts_are_told_apart_by_their_ids() -> None:
    got = headings([activity("x", "Samma text."), activity("y", "Samma text.")])
    assert got == {"x": "Samma text. (x)", "y": "Samma text. (y)"}
