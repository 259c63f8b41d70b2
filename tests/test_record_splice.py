"""The splicer on small made-up documents: exactly where the new lines go, and how they look."""

from __future__ import annotations

import pytest

from lofte.write.splice import SpliceRefused, append_record
from lofte.write.verify import is_line_insertion

RECORD = {"date": "2020-06-01", "count": 1}
PATH = ("activities", 0)

CASES = {
    "multi-line plain text ends the activity": (
        "activities:\n  - id: a\n    text: a long plain text\n      that goes on here\n# next\n",
        "activities:\n"
        "  - id: a\n"
        "    text: a long plain text\n"
        "      that goes on here\n"
        "    progress:\n"
        "      - date: 2020-06-01\n"
        "        count: 1\n"
        "# next\n",
    ),
    "a nested block mapping ends the activity": (
        "activities:\n  - id: a\n    target:\n      kind: count\n      at_least: 2\n\n  - id: b\n",
        "activities:\n"
        "  - id: a\n"
        "    target:\n"
        "      kind: count\n"
        "      at_least: 2\n"
        "    progress:\n"
        "      - date: 2020-06-01\n"
        "        count: 1\n"
        "\n"
        "  - id: b\n",
    ),
    "a list flush with its key, a key after it": (
        "activities:\n"
        "- id: a\n"
        "  progress:\n"
        "  - date: 2020-01-01\n"
        "    note: x\n"
        "  # about the target\n"
        "  target: {kind: ongoing}\n",
        "activities:\n"
        "- id: a\n"
        "  progress:\n"
        "  - date: 2020-01-01\n"
        "    note: x\n"
        "  - date: 2020-06-01\n"
        "    count: 1\n"
        "  # about the target\n"
        "  target: {kind: ongoing}\n",
    ),
    "a document end marker": (
        "activities:\n  - id: a\n    text: x\n...\n# after the end\n",
        "activities:\n  - id: a\n    text: x\n"
        "    progress:\n      - date: 2020-06-01\n        count: 1\n...\n# after the end\n",
    ),
    "keep chomping at the end of the file keeps its blank lines": (
        "activities:\n  - id: a\n    text: |+\n      x\n\n\n",
        "activities:\n  - id: a\n    text: |+\n      x\n\n\n"
        "    progress:\n      - date: 2020-06-01\n        count: 1\n",
    ),
    "a literal text whose lines look like comments": (
        "activities:\n  - id: a\n    text: |\n      # not a comment\n    # a comment\n",
        "activities:\n  - id: a\n    text: |\n      # not a comment\n"
        "    progress:\n      - date: 2020-06-01\n        count: 1\n    # a comment\n",
    ),
    "a flow list of places spread over lines": (
        "activities:\n"
        "  - id: a\n"
        "    progress:\n"
        "      - date: 2020-01-01\n"
        "        places: [Norra,\n"
        "          Södra]\n"
        "  - id: b\n",
        "activities:\n"
        "  - id: a\n"
        "    progress:\n"
        "      - date: 2020-01-01\n"
        "        places: [Norra,\n"
        "          Södra]\n"
        "      - date: 2020-06-01\n"
        "        count: 1\n"
        "  - id: b\n",
    ),
    "the activity starts on the line after its dash": (
        "activities:\n  -\n    id: a\n    text: x\n",
        "activities:\n  -\n    id: a\n    text: x\n"
        "    progress:\n      - date: 2020-06-01\n        count: 1\n",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_where_the_record_goes(name: str) -> None:
    before, after = CASES[name]
    spliced = append_record(before.encode(), PATH, RECORD)
    assert spliced.data.decode() == after
    assert is_line_insertion(before.encode(), spliced)


def test_first_line_names_the_first_new_line() -> None:
    before, _ = CASES["a nested block mapping ends the activity"]
    assert append_record(before.encode(), PATH, RECORD).first_line == 6


def test_an_activity_in_flow_style_is_refused_with_its_place() -> None:
    with pytest.raises(SpliceRefused) as info:
        append_record(b"activities:\n  - {id: a, text: x}\n", PATH, RECORD)
    assert (info.value.line, info.value.col) == (2, 5)


def test_the_record_keys_keep_their_order_and_values_are_quoted_as_needed() -> None:
    record = {
        "date": "2020-06-01",
        "count": 2,
        "note": "ja: yes",
        "places": ["Norra", "on"],
        "partners": ["fritid"],
        "link": "https://example.invalid/x",
        "deviation": "Inställd # flyttad",
    }
    spliced = append_record(b"activities:\n  - id: a\n    text: x\n", PATH, record)
    assert spliced.inserted.decode() == (
        "    progress:\n"
        "      - date: 2020-06-01\n"
        "        count: 2\n"
        '        note: "ja: yes"\n'
        '        places: [Norra, "on"]\n'
        "        partners: [fritid]\n"
        '        link: "https://example.invalid/x"\n'
        '        deviation: "Inställd # flyttad"\n'
    )
