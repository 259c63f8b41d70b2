"""render.escape at its edges: the first and last character of every invisible range.

Each range `clean` drops is checked at both ends, and so is the character just
outside each end, which must survive (a bound moved by one would eat it).
"""

from __future__ import annotations

import pytest
from markupsafe import Markup

from lofte.render.escape import clean, md_cell, md_text, one_line, safe_link

# (first, last) of each run of code points `clean` drops.
DROPPED = [
    (0x00AD, 0x00AD),  # soft hyphen
    (0x061C, 0x061C),  # Arabic letter mark
    (0x180E, 0x180E),  # Mongolian vowel separator
    (0x200B, 0x200F),  # zero-width space … right-to-left mark
    (0x202A, 0x202E),  # LRE … RLO
    (0x2060, 0x2064),  # word joiner … invisible plus
    (0x2066, 0x2069),  # LRI … PDI
    (0xFEFF, 0xFEFF),  # BOM / zero-width no-break space
]
# The neighbours just outside the ranges, which are kept as they are.  (U+2065 is
# unassigned; U+206A, a deprecated format character, is outside the ranges today.)
KEPT = sorted(
    {c for first, last in DROPPED for c in (first - 1, last + 1)}
    - {c for first, last in DROPPED for c in range(first, last + 1)}
)


@pytest.mark.parametrize("code", sorted({c for pair in DROPPED for c in pair}), ids=hex)
def test_first_and_last_of_each_range_are_dropped(code: int) -> None:
    assert clean(f"a{chr(code)}b") == "ab"
    assert str(md_text(f"a{chr(code)}b")) == "ab"


@pytest.mark.parametrize("code", KEPT, ids=hex)
def test_the_characters_beside_each_range_are_kept(code: int) -> None:
    assert clean(f"a{chr(code)}b") == f"a{chr(code)}b"


def test_the_neighbours_are_the_expected_ones() -> None:
    assert [hex(c) for c in KEPT] == [
        "0xac", "0xae", "0x61b", "0x61d", "0x180d", "0x180f", "0x200a", "0x2010",
        "0x2029", "0x202f", "0x205f", "0x2065", "0x206a", "0xfefe", "0xff00",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("a\x00b", "a b"),  # control characters become spaces
        ("a\x1fb", "a b"),
        ("a\x7fb", "a b"),
        ("a\x9fb", "a b"),
        ("a\nb\tc", "a\nb\tc"),  # newline and tab are kept
        ("a\rb", "a b"),
        ("a\u2028b\u2029c", "a\u2028b\u2029c"),  # separators: clean keeps them …
    ],
)
def test_clean_controls(text: str, cleaned: str) -> None:
    assert clean(text) == cleaned


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a\u2028b\u2029c", "a b c"),  # … one_line makes them spaces
        ("  a \n\n b\t\tc  ", "a b c"),
        ("a\u00adb", "ab"),
        ("", ""),
    ],
)
def test_one_line(text: str, line: str) -> None:
    assert one_line(text) == line


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("1", "1"),  # a digit run escapes only before "." or ")"
        ("1.", r"1\."),
        ("123456789. x", r"123456789\. x"),
        ("1234567890. x", r"1234567890. x"),  # ten digits: no list number
        ("1) x", r"1\) x"),
        ("1 x", "1 x"),
        ("= x", r"\= x"),
        ("x # y", r"x # y"),  # only at the start of the line
        ("x - y", "x - y"),
        ("a|b", r"a\|b"),
        (7, "7"),
    ],
)
def test_md_text_line_starts(text: object, escaped: str) -> None:
    assert str(md_text(text)) == escaped


def test_markup_passes_through_and_cells_are_never_empty() -> None:
    from markupsafe import Markup

    assert md_text(Markup("<b>")) == Markup("<b>")
    assert str(md_cell("\u200b")) == " "
    assert str(md_cell("x")) == "x"


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://polisen.se/aktuellt", "https://polisen.se/aktuellt"),
        ("  https://polisen.se/  ", "https://polisen.se/"),
        ("http://a.se", "http://a.se"),
        ("ftp://a.se/x", None),
        ("https://a.se/x\u200by", None),  # invisible character inside
        ("https://[::1/", None),  # urlsplit refuses it
        ("", None),
        ("https://user@a.se/", None),
        ("https:///x", None),  # no host
    ],
)
def test_safe_link_returns_the_link_itself(url: str, link: str | None) -> None:
    assert safe_link(url) == link


def _stock(value: object) -> str:
    """What stock Jinja writes for ``{{ value }}``: ``escape(finalize(value))``."""
    from markupsafe import escape

    from lofte.render.report import _html_finalize

    return str(escape(_html_finalize(value)))


def test_html_text_is_escape_after_clean_for_every_character() -> None:
    # Every character of the first planes, each alone and between letters.
    from lofte.render.escape import html_text

    for code in range(0x3000):
        for text in (chr(code), f"a{chr(code)}b"):
            assert html_text(text) == _stock(text), hex(code)


@pytest.mark.parametrize(
    "value",
    ["", "<b>&'\"", "a\u202eb<i>", 3, -7, True, None, 2.5, Markup("<b>x</b>"), ["<a>"]],
    ids=repr,
)
def test_html_text_is_escape_after_clean_for_every_kind(value: object) -> None:
    from lofte.render.escape import html_text

    assert html_text(value) == _stock(value)


def test_html_text_cleans_a_str_subclass_and_honours_html() -> None:
    import enum

    from lofte.render.escape import html_text

    class Word(enum.StrEnum):
        BAD = "a\u202e<b"

    class Safe:
        def __html__(self) -> str:
            return "<em>kept</em>"

    assert html_text(Word.BAD) == _stock(Word.BAD) == "a&lt;b"
    assert html_text(Safe()) == _stock(Safe()) == "<em>kept</em>"
