"""write.splice at its edges: every line ending and BOM on the last line, block scalars.

Each case says the exact bytes after the splice, where the insertion starts
(``offset``) and which line is the first new one (``first_line``).
"""

from __future__ import annotations

import pytest

from lofte.write.splice import SpliceRefused, append_record, split_lines
from lofte.write.verify import is_line_insertion

RECORD = {"date": "2020-06-01", "count": 1}
PATH = ("activities", 0)
BOM = b"\xef\xbb\xbf"
SOURCE = b"activities:\n  - id: a\n    progress:\n      - date: 2020-01-01\n"
NEW = b"      - date: 2020-06-01\n        count: 1\n"


@pytest.mark.parametrize("bom", [b"", BOM], ids=["no-bom", "bom"])
@pytest.mark.parametrize("final", [True, False], ids=["final-newline", "no-final-newline"])
@pytest.mark.parametrize("eol", [b"\n", b"\r\n", b"\r"], ids=["lf", "crlf", "cr"])
def test_the_last_line_keeps_its_ending_and_the_bom(bom: bytes, final: bool, eol: bytes) -> None:
    source = bom + SOURCE.replace(b"\n", eol)
    expected = bom + (SOURCE + NEW).replace(b"\n", eol)
    if not final:
        source, expected = source[: -len(eol)], expected[: -len(eol)]
    spliced = append_record(source, PATH, RECORD)
    assert spliced.data == expected
    assert spliced.offset == len(source)
    assert spliced.first_line == 5
    assert spliced.data == source[: spliced.offset] + spliced.inserted + source[spliced.offset :]
    assert is_line_insertion(source, spliced)


def test_a_crlf_file_whose_last_line_has_no_ending_takes_crlf() -> None:
    source = b"activities:\r\n  - id: a\r\n    text: x"
    spliced = append_record(source, PATH, RECORD)
    assert spliced.data == source + (
        b"\r\n    progress:\r\n      - date: 2020-06-01\r\n        count: 1"
    )
    assert spliced.offset == len(source)
    assert spliced.inserted == spliced.data[len(source) :]


def test_the_offset_counts_bytes_not_characters() -> None:
    source = "activities:\n  - id: å\n    text: Ö\n# slut\n".encode()
    spliced = append_record(BOM + source, PATH, RECORD)
    assert spliced.offset == len(BOM) + len("activities:\n  - id: å\n    text: Ö\n".encode())
    assert spliced.first_line == 4


CASES = {
    # A block scalar's last line, then blank lines: the record goes after its text.
    "literal, clip": (
        "activities:\n  - id: a\n    text: |\n      x\n\n\n  - id: b\n",
        "activities:\n  - id: a\n    text: |\n      x\n"
        "    progress:\n      - date: 2020-06-01\n        count: 1\n\n\n  - id: b\n",
    ),
    "folded, clip": (
        "activities:\n  - id: a\n    text: >\n      x\n      y\n\n  - id: b\n",
        "activities:\n  - id: a\n    text: >\n      x\n      y\n"
        "    progress:\n      - date: 2020-06-01\n        count: 1\n\n  - id: b\n",
    ),
    "folded, strip": (
        "activities:\n  - id: a\n    text: >-\n      x\n\n  - id: b\n",
        "activities:\n  - id: a\n    text: >-\n      x\n"
        "    progress:\n      - date: 2020-06-01\n        count: 1\n\n  - id: b\n",
    ),
    "folded, keep": (
        "activities:\n  - id: a\n    text: >+\n      x\n\n  - id: b\n",
        "activities:\n  - id: a\n    text: >+\n      x\n\n"
        "    progress:\n      - date: 2020-06-01\n        count: 1\n  - id: b\n",
    ),
    "literal with an indentation indicator": (
        "activities:\n  - id: a\n    text: |2\n        x\n\n  - id: b\n",
        "activities:\n  - id: a\n    text: |2\n        x\n"
        "    progress:\n      - date: 2020-06-01\n        count: 1\n\n  - id: b\n",
    ),
    "a block scalar that is the last record's value": (
        "activities:\n  - id: a\n    progress:\n      - date: 2020-01-01\n"
        "        note: >\n          x\n\n  - id: b\n",
        "activities:\n  - id: a\n    progress:\n      - date: 2020-01-01\n"
        "        note: >\n          x\n      - date: 2020-06-01\n        count: 1\n\n"
        "  - id: b\n",
    ),
    "a comment deeper than the dashes belongs to the last record": (
        "activities:\n  - id: a\n    progress:\n      - date: 2020-01-01\n"
        "       # deeper by one\n      # at the dash\n",
        "activities:\n  - id: a\n    progress:\n      - date: 2020-01-01\n"
        "       # deeper by one\n      - date: 2020-06-01\n        count: 1\n      # at the dash\n",
    ),
    "a last line ending in X keeps its X": (
        "activities:\n  - id: a\n    text: Polis X\n  - id: b\n",
        "activities:\n  - id: a\n    text: Polis X\n"
        "    progress:\n      - date: 2020-06-01\n        count: 1\n  - id: b\n",
    ),
    "a key with a '#' inside is no comment": (
        "activities:\n- id: a\n  text: x\nXXXX#y: 1\n",
        "activities:\n- id: a\n  text: x\n"
        "  progress:\n  - date: 2020-06-01\n    count: 1\nXXXX#y: 1\n",
    ),
    "an activity of one key": (
        "activities:\n  - id: a\n",
        "activities:\n  - id: a\n    progress:\n      - date: 2020-06-01\n        count: 1\n",
    ),
    "a literal text that ends the file without a newline": (
        "activities:\n  - id: a\n    text: |\n      x",
        "activities:\n  - id: a\n    text: |\n      x\n"
        "    progress:\n      - date: 2020-06-01\n        count: 1",
    ),
    "a deeper comment after the next activity is not this one's": (
        "activities:\n  - id: a\n    progress:\n      - date: 2020-01-01\n"
        "       # deeper\n  - id: b\n        # deeper in b\n",
        "activities:\n  - id: a\n    progress:\n      - date: 2020-01-01\n"
        "       # deeper\n      - date: 2020-06-01\n        count: 1\n"
        "  - id: b\n        # deeper in b\n",
    ),
    "records separated by blank lines get one too": (
        "activities:\n  - id: a\n    progress:\n      - date: 2020-01-01\n\n"
        "      - date: 2020-02-01\n",
        "activities:\n  - id: a\n    progress:\n      - date: 2020-01-01\n\n"
        "      - date: 2020-02-01\n\n      - date: 2020-06-01\n        count: 1\n",
    ),
    "one blank line between three records is not enough": (
        "activities:\n  - id: a\n    progress:\n      - date: 2020-01-01\n\n"
        "      - date: 2020-02-01\n      - date: 2020-03-01\n",
        "activities:\n  - id: a\n    progress:\n      - date: 2020-01-01\n\n"
        "      - date: 2020-02-01\n      - date: 2020-03-01\n"
        "      - date: 2020-06-01\n        count: 1\n",
    ),
    "a single record is not separated": (
        "activities:\n  - id: a\n    progress:\n      - date: 2020-01-01\n\n  - id: b\n",
        "activities:\n  - id: a\n    progress:\n      - date: 2020-01-01\n"
        "      - date: 2020-06-01\n        count: 1\n\n  - id: b\n",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_where_the_record_goes_after_block_scalars_and_comments(name: str) -> None:
    before, after = CASES[name]
    spliced = append_record(before.encode(), PATH, RECORD)
    assert spliced.data.decode() == after
    assert is_line_insertion(before.encode(), spliced)


def test_first_line_counts_the_blank_separator() -> None:
    before, _ = CASES["records separated by blank lines get one too"]
    spliced = append_record(before.encode(), PATH, RECORD)
    assert spliced.first_line == 8  # line 7 is the new blank line
    assert spliced.inserted.startswith(b"\n      - date")


@pytest.mark.parametrize(
    ("source", "where", "message"),
    [
        (
            b"activities:\n  - id: a\n    progress: []\n",
            (3, 5),
            "the progress of activity 'a' is an empty flow list ([]); remove that line, "
            "and the first record will create the list",
        ),
        (
            b"activities:\n  - id: a\n    progress: [{date: 2020-01-01}]\n",
            (3, 5),
            "the progress of activity 'a' is a flow list ([...]); "
            "write it as a block list, one '- ' item a line",
        ),
        (
            b"activities:\n  - {id: a}\n",
            (2, 5),
            "activity 'a' is written in flow style ({...}); write it as a block mapping, "
            "one key a line, so that a record can be added as new lines",
        ),
        (
            b"activities:\n  - {text: x}\n",
            (2, 5),
            "activity ? is written in flow style ({...}); write it as a block mapping, "
            "one key a line, so that a record can be added as new lines",
        ),
    ],
)
def test_refusals_say_where_and_why(source: bytes, where: tuple[int, int], message: str) -> None:
    with pytest.raises(SpliceRefused) as info:
        append_record(source, PATH, RECORD)
    assert (info.value.line, info.value.col, info.value.message) == (*where, message)
    assert str(info.value) == message


def test_split_lines_breaks_where_yaml_does() -> None:
    assert split_lines("a\nb\r\nc\rd") == ["a\n", "b\r\n", "c\r", "d"]
    assert split_lines("") == []
    assert split_lines("\n\n") == ["\n", "\n"]
