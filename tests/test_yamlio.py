"""The hardened reader: YAML 1.2 semantics and every refusal, located."""

from __future__ import annotations

import math
import time

import pytest

from conftest import EXAMPLES
from lofte.read.resolve import MAX_BYTES, resolve_plain
from lofte.read.yamlio import YamlProblem, read, roundtrip_yaml

TOO_LONG = "number is longer than 64 characters; quote it if it is text"


def problem(data: bytes) -> tuple[int, int, str, str]:
    with pytest.raises(YamlProblem) as info:
        read(data)
    p = info.value
    return p.line, p.col, p.code, p.message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("NO", "NO"),
        ("y", "y"),
        ("010", 10),
        ("0o17", 15),
        ("0x1F", 31),
        ("-7", -7),
        ("+3", 3),
        ("12:30", "12:30"),
        ("2020-03-16", "2020-03-16"),
        ("1_000", "1_000"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("0b101", "0b101"),
        ("Strängnäs", "Strängnäs"),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(text: str, value: object) -> None:
    assert resolve_plain(text) == value
    assert type(resolve_plain(text)) is type(value)


def test_nan_is_a_float() -> None:
    assert math.isnan(resolve_plain(".nan"))


def test_yaml11_traps_in_a_whole_file() -> None:
    data, _ = read((EXAMPLES / "positive" / "yaml12-2022.yaml").read_bytes())
    assert data["title"] == "no"
    assert data["police_area"] == "on"
    activity = data["activities"][0]
    assert activity["text"] == "yes"
    assert activity["target"]["at_least"] == 10
    assert activity["target"]["unit"] == "12:30"


def test_quoted_scalars_stay_text() -> None:
    data, _ = read(b"a: '010'\nb: \"true\"\nc: |\n  no\n")
    assert data == {"a": "010", "b": "true", "c": "no\n"}


def test_bom_and_crlf_read_like_plain_lf() -> None:
    plain, _ = read(b"a: 1\nb: [x, y]\n")
    crlf, _ = read(b"\xef\xbb\xbfa: 1\r\nb: [x, y]\r\n")
    assert plain == crlf


def test_positions_are_one_based_key_and_value() -> None:
    _, positions = read(b"a:\n  b: [1, 2]\n", positions=True)
    assert positions is not None
    assert positions.key(("a", "b")) == (2, 3)
    assert positions.value(("a", "b")) == (2, 6)
    assert positions.value(("a", "b", 1)) == (2, 10)
    # An absent path falls back to its nearest ancestor.
    assert positions.value(("a", "b", 7, "x")) == (2, 6)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a: &x 1\nb: *x\n", (1, 4, "anchor", "anchors (&x) are not allowed")),
        (b"a: [*x]\n", (1, 5, "alias", "aliases (*name) are not allowed; write the value out")),
        (b"a: !custom 1\n", (1, 4, "tag", "tags (!custom) are not allowed")),
        (b"a: !!str 1\n", (1, 4, "tag", "tags (tag:yaml.org,2002:str) are not allowed")),
        (b"<<: {a: 1}\n", (1, 1, "merge", "merge keys (<<) are not allowed")),
        (b"? [a]\n: 1\n", (1, 3, "key", "a key must be plain text, not a list or mapping")),
        (b"1: a\n", (1, 1, "key", "key '1' must be text; quote it")),
        (
            b"%TAG !e! tag:e.com,2000:\n---\na: 1\n",
            (1, 1, "tag", "%TAG directives are not allowed"),
        ),
        (b"a: 1\n---\nb: 2\n", (2, 1, "multi-document", "only one YAML document per file")),
        (
            b"---\n...\n",
            (2, 1, "not-mapping", "the file must be a mapping of keys, starting with 'kind:'"),
        ),
        (b"# only a comment\n", (1, 1, "empty", "file holds no YAML document")),
        (b"a: \x07\n", (1, 4, "control-char", "control character U+0007 is not allowed")),
        (
            b"a: b\xc2\x85c\n",
            (
                1,
                5,
                "control-char",
                "character U+0085 is a line break to YAML 1.1 readers and text to "
                "YAML 1.2 ones; remove it",
            ),
        ),
        (b"a: 0x" + b"1" * 100 + b"\n", (1, 4, "number", TOO_LONG)),
    ],
)
def test_refusals_are_located(data: bytes, expected: tuple[int, int, str, str]) -> None:
    assert problem(data) == expected


def test_oversized_input_is_refused_before_parsing() -> None:
    data = b"a: " + b"x" * MAX_BYTES + b"\n"
    start = time.perf_counter()
    assert problem(data)[2] == "too-large"
    # Not a timing assertion on speed, only that it does not parse: a parse of
    # this much would take seconds, the refusal takes microseconds.
    assert time.perf_counter() - start < 1.0


def test_billion_laughs_stops_at_the_first_anchor() -> None:
    data = (EXAMPLES / "negative" / "billion-laughs-2020.yaml").read_bytes()
    assert problem(data)[2] == "anchor"


def test_roundtrip_yaml_keeps_quotes_and_long_lines() -> None:
    import io

    yaml = roundtrip_yaml()
    text = 'a: "quoted"\nb: ' + "x " * 100 + "y\nc:\n  - {k: v}\n"
    out = io.StringIO()
    yaml.dump(yaml.load(text), out)
    assert out.getvalue() == text
