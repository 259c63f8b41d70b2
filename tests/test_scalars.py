"""write.scalars at its edges: every YAML 1.1 word, every escape width, flow lists.

Each YAML 1.1 word is written into a record with the real splice and read back with
PyYAML's YAML 1.1 reader, which takes a plain ``y`` or ``off`` for a boolean.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from conftest import ROOT
from lofte.read.yamlio import YamlProblem, read
from lofte.write.scalars import flow_list, is_plain_safe, quoted, scalar
from lofte.write.splice import append_record

HARD = (ROOT / "tests" / "fixtures" / "record" / "hard-2020.yaml").read_bytes()
WORDS = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"]


def _last_record(data: Any) -> Any:
    return data["promises"][0]["activities"][0]["progress"][-1]


@pytest.mark.parametrize("word", [w for word in WORDS for w in (word, word.upper(), word.title())])
def test_each_yaml_1_1_word_is_quoted_and_read_back_as_text(word: str) -> None:
    assert not is_plain_safe(word)
    assert scalar(word) == f'"{word}"'
    record = {"date": "2020-06-01", "note": word, "places": [word, "Åker"]}
    spliced = append_record(HARD, ("promises", 0, "activities", 0), record).data
    assert f'note: "{word}"'.encode() in spliced
    assert f'places: ["{word}", Åker]'.encode() in spliced
    eleven = yaml.load(spliced.decode("utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506
    assert _last_record(eleven)["note"] == word
    assert _last_record(eleven)["places"] == [word, "Åker"]
    assert _last_record(read(spliced)[0]) == record


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("yesterday", True),  # a YAML 1.1 word only when it is the whole text
        ("nej", True),
        ("a", True),
        ("1a", False),  # must start with a letter
        ("a1", True),
        ("-a", False),
        ("a ", False),  # surrounding space
        (" a", False),
        ("", False),
        ("a\u00a0b", False),  # not printable
        ("a b", True),
        ("a:b", False),
        ("a~", False),
        ("a=b", False),
        ("a#b", False),
        ("Xylofon", True),  # no letter is punctuation
        ("X-ray Åker", True),
    ],
)
def test_what_may_stay_plain(text: str, plain: bool) -> None:
    assert is_plain_safe(text) is plain
    assert scalar(text) == (text if plain else quoted(text))


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("", '""'),
        ("a b", '"a b"'),
        ("X: 1", '"X: 1"'),  # letters are never escaped
        ('"', '"\\""'),
        ("\\", '"\\\\"'),
        ("\x00", '"\\x00"'),
        ("\x7f", '"\\x7f"'),  # last control character below 0x100
        ("\u00a0", '"\\xa0"'),  # no-break space: not printable, one byte wide
        ("\u00ff", '"\u00ff"'),  # printable: kept
        ("\u0100", '"\u0100"'),
        ("\u2028", '"\\u2028"'),
        ("\ufeff", '"\\ufeff"'),
        ("\uffff", '"\\uffff"'),  # the last code point that fits \\u
        ("\U000e0001", '"\\U000e0001"'),  # language tag: beyond \\u
        ("🚓", '"🚓"'),
    ],
)
def test_quoted_escapes_each_width(text: str, source: str) -> None:
    assert quoted(text) == source
    if text in ("\x00", "\x7f", "\u2028"):
        # the reader refuses these even written as escapes (issue 16), so the
        # writer's escape is only ever seen in a refusal, never read back
        with pytest.raises(YamlProblem, match="written as an escape"):
            read(f"k: {source}\n".encode())
        return
    assert read(f"k: {source}\n".encode())[0] == {"k": text}


def test_flow_lists_quote_entries_as_needed() -> None:
    assert flow_list([]) == "[]"
    assert flow_list(["Åker"]) == "[Åker]"
    assert flow_list(["Åker", "a, b", "yes"]) == '[Åker, "a, b", "yes"]'
    assert scalar(12) == "12"
