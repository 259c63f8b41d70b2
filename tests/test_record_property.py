"""Generated records spliced into the hard fixtures: the diff is exactly the added lines,
and every reader, YAML 1.2 (ours) and YAML 1.1 (PyYAML), reads back the text as given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from lofte.read.yamlio import read
from lofte.write.scalars import is_plain_safe, scalar
from lofte.write.splice import append_record
from lofte.write.verify import is_line_insertion

FIXTURES = ROOT / "tests" / "fixtures" / "record"
HARD = (FIXTURES / "hard-2020.yaml").read_bytes()
STYLE = (FIXTURES / "style-2020.yaml").read_bytes()

# Texts people type, and texts that trip YAML writers.
TRICKY = [
    "yes", "NO", "on", "Off", "y", "n", "~", "null", "true", "12:30", "010", "0x1F", "1e3",
    ".inf", "-", "- x", "? x", ": x", "a: b", "a:", "#x", "a #b", "a#b", "'q'", '"q"', "[x]",
    "{x}", "x, y", "&a", "*a", "!t", "%p", "@x", "`x", "|", ">", "=", "<<", "Åker", "Ön: södra",
    "https://example.invalid/a?b=c#d", "insatsen genomförd", " leading", "trailing ", "a\\b",
    "\u00a0nbsp", "zero\u200bwidth", "emoji 🚓", "\ufeffbom",
]  # fmt: skip
# What the command line lets through: no control characters, no line separators.
typed_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip() == s and s != "")
texts = st.one_of(st.sampled_from(TRICKY).map(str.strip).filter(bool), typed_text)


def records() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"date": st.dates().map(lambda d: f"2020-{d.month:02d}-{min(d.day, 28):02d}")},
        optional={
            "count": st.integers(1, 10**6),
            "note": texts,
            "places": st.lists(texts, min_size=1, max_size=3),
            "partners": st.lists(texts, min_size=1, max_size=2),
            "link": texts,
            "deviation": texts,
        },
    )


def activities(raw: bytes) -> list[tuple[str | int, ...]]:
    data, _ = read(raw)
    paths: list[tuple[str | int, ...]] = []
    for g, group in enumerate(data.get("promises", [])):
        paths += [("promises", g, "activities", a) for a in range(len(group["activities"]))]
    paths += [("activities", a) for a in range(len(data.get("activities", [])))]
    return paths


def node(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


VARIANTS = {
    "lf": lambda b: b,
    "crlf": lambda b: b.replace(b"\n", b"\r\n"),
    "cr": lambda b: b.replace(b"\n", b"\r"),
    "bom": lambda b: b"\xef\xbb\xbf" + b,
    "no-final-newline": lambda b: b.rstrip(b"\n"),
}


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    source=st.sampled_from([HARD, STYLE]),
    variant=st.sampled_from(sorted(VARIANTS)),
    pick=st.integers(0, 100),
    record=records(),
)
@example(source=HARD, variant="crlf", pick=0, record={"date": "2020-06-01", "note": "yes"})
def test_generated_records_are_pure_insertions(
    source: bytes, variant: str, pick: int, record: dict[str, Any]
) -> None:
    old = VARIANTS[variant](source)
    paths = activities(old)
    path = paths[pick % len(paths)]
    spliced = append_record(old, path, record)

    # Bytes: the old file with whole lines inserted at one place, nothing else.
    assert is_line_insertion(old, spliced)
    assert spliced.data == old[: spliced.offset] + spliced.inserted + old[spliced.offset :]
    eol = {"crlf": b"\r\n", "cr": b"\r"}.get(variant, b"\n")
    assert spliced.inserted.count(eol) >= 1
    assert b"\r" not in spliced.inserted.replace(eol, b"")  # no other line ending
    assert b"\n" not in spliced.inserted.replace(eol, b"")
    assert spliced.data.startswith(b"\xef\xbb\xbf") == (variant == "bom")
    assert spliced.data.endswith((b"\n", b"\r")) == old.endswith((b"\n", b"\r"))

    # Data: the old document plus exactly this record, read by our YAML 1.2 reader.
    before, _ = read(old)
    after, _ = read(spliced.data)
    assert node(after, path).get("progress", [])[-1] == record
    node(before, path).setdefault("progress", []).append(record)
    assert after == before

    # A YAML 1.1 reader takes every text for the same text (dates aside: it types them).
    eleven = yaml.load(spliced.data.decode("utf-8-sig"), Loader=yaml.CSafeLoader)  # noqa: S506
    got = dict(node(eleven, path)["progress"][-1])
    assert str(got.pop("date")) == record["date"]
    assert got == {k: v for k, v in record.items() if k != "date"}


@settings(database=None)
@given(texts)
def test_plain_scalars_are_text_to_both_readers(text: str) -> None:
    source = scalar(text)
    assert read(f"k: {source}\nl: [{source}]\n".encode())[0] == {"k": text, "l": [text]}
    eleven = yaml.load(f"k: {source}\nl: [{source}]\n", Loader=yaml.CSafeLoader)  # noqa: S506
    assert eleven == {"k": text, "l": [text]}
    if is_plain_safe(text):
        assert source == text


def test_everyday_swedish_stays_unquoted() -> None:
    assert scalar("Insatsen genomförd vid Åkers skola") == "Insatsen genomförd vid Åkers skola"
    assert scalar("Stallarholmen") == "Stallarholmen"
    assert [scalar(t) for t in ("yes", "NO", "on", "12:30", "010")] == [
        '"yes"',
        '"NO"',
        '"on"',
        '"12:30"',
        '"010"',
    ]
    assert scalar('Säger "hej": ja') == '"Säger \\"hej\\": ja"'
    assert scalar(3) == "3"


def test_fixture_paths_exist() -> None:
    assert Path(FIXTURES / "hard-2020.yaml").is_file()
    assert len(activities(HARD)) == 11
