"""read.yamlio and read.resolve at their edges: every refusal, placed and worded, by
both readers (the fast path and the careful builder), the limits at and past their
bounds, positions, and the typing of every kind of plain scalar."""

from __future__ import annotations

import io
import math

import pytest

from lofte.read.resolve import MAX_BYTES, MAX_DEPTH, resolve_plain
from lofte.read.yamlio import (
    Positions,
    YamlProblem,
    decode,
    problem_diagnostic,
    read,
    roundtrip_yaml,
)

BREAK = "is a line break to YAML 1.1 readers and text to YAML 1.2 ones; remove it"
NOT_MAPPING = "the file must be a mapping of keys, starting with 'kind:'"

REFUSED = {
    "anchor": (b"a: &x 1\n", (1, 4, "anchor", "anchors (&x) are not allowed")),
    "alias": (
        b"a: 1\nb: *x\n",
        (2, 4, "alias", "aliases (*name) are not allowed; write the value out"),
    ),
    "alias key": (b"a: 1\n*x : 2\n", (2, 1, "alias", "aliases (*name) are not allowed")),
    "tag": (
        b"kind: x\nb: !!str 2\n",
        (2, 4, "tag", "tags (tag:yaml.org,2002:str) are not allowed"),
    ),
    "tag on a key": (
        b"kind: x\n!!str b: 2\n",
        (2, 1, "tag", "anchors and tags are not allowed on keys"),
    ),
    "anchor on a key": (
        b"kind: x\n&a b: 2\n",
        (2, 1, "tag", "anchors and tags are not allowed on keys"),
    ),
    "list key": (
        b"kind: x\n? [a]\n: 2\n",
        (2, 3, "key", "a key must be plain text, not a list or mapping"),
    ),
    "number key": (b"kind: x\n1: 2\n", (2, 1, "key", "key '1' must be text; quote it")),
    "null key": (b"kind: x\n~: 2\n", (2, 1, "key", "key '~' must be text; quote it")),
    "merge key": (b"kind: x\n<<: {a: 1}\n", (2, 1, "merge", "merge keys (<<) are not allowed")),
    "duplicate key": (
        b"kind: x\na: 1\n\na: 2\n",
        (4, 1, "duplicate-key", "duplicate key 'a' (first at line 2)"),
    ),
    "%YAML 1.1": (
        b"%YAML 1.1\n---\nkind: x\n",
        (
            1,
            1,
            "yaml-version",
            "%YAML 1.1 is not supported; lofte reads YAML 1.2 (remove the directive)",
        ),
    ),
    "%TAG": (
        b"%TAG !e! tag:e.invalid,2020:\n---\nkind: x\n",
        (1, 1, "tag", "%TAG directives are not allowed"),
    ),
    "two documents": (
        b"kind: x\n---\nkind: y\n",
        (2, 1, "multi-document", "only one YAML document per file"),
    ),
    "a list at the top": (b"- a\n", (1, 1, "not-mapping", NOT_MAPPING)),
    "text at the top": (b"  just text\n", (1, 3, "not-mapping", NOT_MAPPING)),
    "blank": (b"  \n\n", (1, 1, "empty", "file is empty; a promise file starts with 'kind:'")),
    "only a comment": (b"# c\n", (1, 1, "empty", "file holds no YAML document")),
    "syntax": (
        b"kind: x\na: [1\n",
        (
            3,
            1,
            "syntax",
            "YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence)",
        ),
    ),
    "control character": (
        b"kind: x\na: \x07\n",
        (2, 4, "control-char", "control character U+0007 is not allowed"),
    ),
    "NEL": ("kind: x\na: b\x85c\n".encode(), (2, 5, "control-char", f"character U+0085 {BREAK}")),
    "LS": ("kind: x\na: b\u2028c\n".encode(), (2, 5, "control-char", f"character U+2028 {BREAK}")),
    "NEL, LS and PS, the first placed": (
        "kind: x\na: b\u2029c\x85d\u2028\n".encode(),
        (2, 5, "control-char", f"character U+2029 {BREAK}"),
    ),
    "only a BOM": (
        b"\xef\xbb\xbf",
        (1, 1, "empty", "file is empty; a promise file starts with 'kind:'"),
    ),
    "PS": ("kind: x\n\u2029\n".encode(), (2, 1, "control-char", f"character U+2029 {BREAK}")),
    "bad UTF-8 after a letter": (
        "kind: x\nä: ".encode() + b"\xff\n",
        (2, 4, "encoding", "invalid UTF-8 byte 0xff; save the file as UTF-8"),
    ),
    "bad UTF-8 first": (
        b"\xc3(",
        (1, 1, "encoding", "invalid UTF-8 byte 0xc3; save the file as UTF-8"),
    ),
    "a hex number too long": (
        b"kind: x\na: 0x" + b"f" * 63 + b"\n",
        (2, 4, "number", "number is longer than 64 characters; quote it if it is text"),
    ),
    "too deep": (
        b"a: " + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"\n",
        (1, 3 + MAX_DEPTH, "too-deep", "nesting deeper than 48 levels"),
    ),
}


@pytest.mark.parametrize("positions", [False, True], ids=["fast", "careful"])
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_each_refusal_is_placed_and_worded(name: str, positions: bool) -> None:
    data, (line, col, code, message) = REFUSED[name]
    with pytest.raises(YamlProblem) as info:
        read(data, positions=positions)
    assert (info.value.line, info.value.col, info.value.code, info.value.message) == (
        line,
        col,
        code,
        message,
    )
    assert str(info.value) == message
    shown = problem_diagnostic("f.yaml", info.value)
    assert (shown.path, shown.line, shown.col, shown.code, shown.message) == (
        "f.yaml",
        line,
        col,
        code,
        message,
    )


def _nested(lists: int) -> object:
    value: list[object] = []
    for _ in range(lists - 1):
        value = [value]
    return value


ACCEPTED = {
    "quoted number key": (b'kind: x\n"1": 2\n', {"kind": "x", "1": 2}),
    "quoted merge key": (b'kind: x\n"<<": 1\n', {"kind": "x", "<<": 1}),
    "%YAML 1.2": (b"%YAML 1.2\n---\nkind: x\n", {"kind": "x"}),
    "BOM": (b"\xef\xbb\xbfkind: x\n", {"kind": "x"}),
    "as deep as allowed": (
        b"a: " + b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1) + b"\n",
        {"a": _nested(MAX_DEPTH - 1)},
    ),
    "quoted scalars stay text": (
        b"a: '1'\nb: \"~\"\nc: ~\nd: 010\n",
        {"a": "1", "b": "~", "c": None, "d": 10},
    ),
    "a document end": (b"kind: x\n...\n", {"kind": "x"}),
}


@pytest.mark.parametrize("positions", [False, True], ids=["fast", "careful"])
@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_what_is_accepted(name: str, positions: bool) -> None:
    data, value = ACCEPTED[name]
    assert read(data, positions=positions)[0] == value


def test_the_size_limit_is_inclusive() -> None:
    at_limit = b"a: " + b"x" * (MAX_BYTES - 4) + b"\n"
    assert len(at_limit) == MAX_BYTES == 2 * 1024 * 1024
    assert read(at_limit)[0]["a"] == "x" * (MAX_BYTES - 4)
    with pytest.raises(YamlProblem) as info:
        read(at_limit + b" ")
    assert (info.value.line, info.value.col, info.value.code, info.value.message) == (
        1,
        1,
        "too-large",
        "file is 2,097,153 bytes; the limit is 2,097,152",
    )


def test_positions_of_keys_and_values() -> None:
    source = b"kind: x\nlist:\n  - a\n  - {b: 1}\nm:\n  k: v\n"
    data, positions = read(source, positions=True)
    assert data == {"kind": "x", "list": ["a", {"b": 1}], "m": {"k": "v"}}
    assert positions is not None
    assert positions.spots == {
        (): (1, 1, 1, 1),
        ("kind",): (1, 1, 1, 7),
        ("list",): (2, 1, 3, 3),
        ("list", 0): (3, 5, 3, 5),
        ("list", 1): (4, 5, 4, 5),
        ("list", 1, "b"): (4, 6, 4, 9),
        ("m",): (5, 1, 6, 3),
        ("m", "k"): (6, 3, 6, 6),
    }
    # An absent path is placed at its nearest known ancestor.
    assert positions.key(("list", 1, "b", "deeper")) == (4, 6)
    assert positions.value(("list", 1, "b", "deeper")) == (4, 9)
    assert positions.key(("absent",)) == (1, 1)
    assert read(source)[1] is None
    assert Positions().key(("a",)) == (1, 1)
    assert Positions().value(("a",)) == (1, 1)


def test_the_round_trip_writer_keeps_the_files_style() -> None:
    out = io.StringIO()
    roundtrip_yaml().dump({"a": {"b": [1, {"c": 2}]}, "long": "x " * 100}, out)
    assert out.getvalue() == "a:\n  b:\n    - 1\n    - c: 2\nlong: '" + "x " * 100 + "'\n"


LONGEST = "1" * 64
PLAIN = [
    ("", None),
    ("~", None),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("nUll", "nUll"),
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("tRue", "tRue"),
    ("false", False),
    ("False", False),
    ("FALSE", False),
    ("fAlse", "fAlse"),
    ("yes", "yes"),
    ("no", "no"),
    ("on", "on"),
    ("0", 0),
    ("7", 7),
    ("010", 10),
    ("+1", 1),
    ("-1", -1),
    ("1_000", "1_000"),
    ("0o17", 15),
    ("0o8", "0o8"),
    ("0o", "0o"),
    ("0x1F", 31),
    ("0xg", "0xg"),
    ("0b1", "0b1"),
    ("1.5", 1.5),
    (".5", 0.5),
    ("5.", 5.0),
    ("-1.5e3", -1500.0),
    ("1E-2", 0.01),
    (".inf", math.inf),
    ("+.inf", math.inf),
    ("-.Inf", -math.inf),
    (".INF", math.inf),
    ("inf", "inf"),
    ("-", "-"),
    ("+", "+"),
    (".", "."),
    ("12:30", "12:30"),
    ("2020-03-16", "2020-03-16"),
    ("9 a", "9 a"),
    ("Åker", "Åker"),
    (LONGEST, int(LONGEST)),  # the longest number read as one
    ("0x" + "f" * 62, int("f" * 62, 16)),
    ("0o" + "7" * 62, int("7" * 62, 8)),
    ("1." + "5" * 62, float("1." + "5" * 62)),
]


@pytest.mark.parametrize(("text", "value"), PLAIN)
def test_plain_scalars_resolve_by_the_core_schema(text: str, value: object) -> None:
    got = resolve_plain(text)
    assert got == value
    assert type(got) is type(value)


@pytest.mark.parametrize("text", [".nan", ".NaN", ".NAN"])
def test_not_a_number(text: str) -> None:
    got = resolve_plain(text)
    assert isinstance(got, float) and math.isnan(got)


@pytest.mark.parametrize("text", [".Nan", "nan", "-.nan"])
def test_not_quite_not_a_number(text: str) -> None:
    assert resolve_plain(text) == text


# One rule for every number (issue 16): a decimal, float, octal or hex number
# over 64 characters is refused, never silently read as text.
@pytest.mark.parametrize("text", ["0x" + "f" * 63, "0o" + "7" * 63, LONGEST + "1", "1." + "5" * 63])
def test_a_number_over_64_characters_is_refused(text: str) -> None:
    with pytest.raises(ValueError) as info:
        resolve_plain(text)
    assert str(info.value) == "number is longer than 64 characters; quote it if it is text"


@pytest.mark.parametrize(
    ("data", "text"),
    [(b"\xef\xbb\xbfkind: x", "kind: x"), (b"kind: \xef\xbb\xbf", "kind: \ufeff"), (b"", "")],
)
def test_decode_drops_only_a_leading_bom(data: bytes, text: str) -> None:
    assert decode(data) == text
