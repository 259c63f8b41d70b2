"""Many records spliced from one parse equal the same records added one `record` splice at
a time, byte for byte, and the proof of a batch catches what is not a pure addition."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from lofte.write.batch import Addition, append_many, is_line_insertions
from lofte.write.splice import SpliceRefused, append_entry, append_record

FIXTURES = ROOT / "tests" / "fixtures" / "record"
FILES = {name: (FIXTURES / f"{name}-2020.yaml").read_bytes() for name in ("hard", "style")}
FILES["data-2020"] = (ROOT / "tests" / "fixtures" / "sheet" / "data" / "2020.yaml").read_bytes()
FILES["no-final-newline"] = b"activities:\n  - id: a\n    text: x\n  - id: b\n    text: y"
FILES["crlf"] = b"activities:\r\n  - id: a\r\n    text: x\r\n\r\n  - id: b\r\n    text: y\r\n"


def _paths(raw: bytes) -> list[tuple[str | int, ...]]:
    from lofte.read.yamlio import read

    data, _ = read(raw)
    paths: list[tuple[str | int, ...]] = []
    for g, group in enumerate(data.get("promises", [])):
        paths += [("promises", g, "activities", a) for a in range(len(group["activities"]))]
    paths += [("activities", a) for a in range(len(data.get("activities", [])))]
    return paths


def _sequential(raw: bytes, additions: list[Addition]) -> bytes:
    for addition in additions:
        raw = append_entry(raw, addition.path, addition.key, addition.entry).data
    return raw


def _splicable(raw: bytes) -> list[tuple[str | int, ...]]:
    good = []
    for path in _paths(raw):
        try:
            append_record(raw, path, {"date": "2020-06-01", "count": 1})
        except SpliceRefused:
            continue
        good.append(path)
    return good


entries = st.fixed_dictionaries(
    {"date": st.sampled_from(["2020-05-01", "2020-06-15"])},
    optional={
        "count": st.integers(1, 99),
        "note": st.sampled_from(["Möte", "a: b", "yes", "# not a comment"]),
        "places": st.lists(st.sampled_from(["Åker", "x, y"]), min_size=1, max_size=2),
        "sheet": st.just("2020-T2/alla/a"),
    },
)


@pytest.mark.parametrize("name", sorted(FILES))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_one_pass_equals_one_record_at_a_time(name: str, data: st.DataObject) -> None:
    raw = FILES[name]
    paths = _splicable(raw)
    # Progress of activities, and the document's own lists (other_work, deviations).
    places = [(p, "progress") for p in paths] + [((), "other_work"), ((), "deviations")]
    picks = data.draw(st.lists(st.sampled_from(places), min_size=1, max_size=8))
    additions = [Addition(p, key, data.draw(entries)) for p, key in picks]
    batch = append_many(raw, additions)
    assert batch.data == _sequential(raw, additions)
    assert is_line_insertions(raw, batch)
    # Each addition's line is where its record starts in the new file.
    lines = batch.data.decode("utf-8").lstrip("\ufeff").splitlines()
    for addition, line in zip(additions, batch.lines, strict=True):
        key = next(iter(addition.entry))
        assert lines[line - 1].lstrip(" -{").startswith(f"{key}: ")


def test_lines_are_numbered_in_the_new_file() -> None:
    raw = b"activities:\n  - id: a\n    text: x\n  - id: b\n    text: y\n"
    first = Addition(("activities", 1), "progress", {"date": "2020-01-02", "count": 1})
    second = Addition(("activities", 0), "progress", {"date": "2020-01-01", "count": 2})
    third = replace(first, entry={"date": "2020-01-03", "note": "m"})
    batch = append_many(raw, [first, second, third])
    assert batch.data.decode() == (
        "activities:\n"
        "  - id: a\n"
        "    text: x\n"
        "    progress:\n"
        "      - date: 2020-01-01\n"
        "        count: 2\n"
        "  - id: b\n"
        "    text: y\n"
        "    progress:\n"
        "      - date: 2020-01-02\n"
        "        count: 1\n"
        "      - date: 2020-01-03\n"
        "        note: m\n"
    )
    assert batch.lines == (10, 5, 12)
    assert [offset for offset, _ in batch.inserts] == [
        len(b"activities:\n  - id: a\n    text: x\n"),
        len(raw),
    ]


def test_a_change_that_is_not_an_insertion_fails_the_proof() -> None:
    raw = b"activities:\n  - id: a\n    text: x\n"
    batch = append_many(
        raw, [Addition(("activities", 0), "progress", {"date": "2020-01-01", "count": 1})]
    )
    assert is_line_insertions(raw, batch)
    tampered: Any = replace(batch, data=batch.data.replace(b"text: x", b"text: y"))
    assert not is_line_insertions(raw, tampered)
    mid_line: Any = replace(batch, inserts=((5, batch.inserts[0][1]),))
    assert not is_line_insertions(raw, mid_line)


def test_a_rule_broken_by_one_record_is_placed_at_that_record(sheet_data: Path) -> None:
    from lofte.read.loader import Workspace
    from lofte.write.batch import Invalid, addition_at, verify_batch
    from lofte.write.record_target import valid_file

    workspace = Workspace()
    path = sheet_data / "2020.yaml"
    loaded = valid_file(workspace, path, "data/2020.yaml")
    good = Addition(
        ("promises", 0, "activities", 0), "progress", {"date": "2020-05-01", "count": 1}
    )
    late = Addition(
        ("promises", 0, "activities", 2), "progress", {"date": "2021-05-01", "count": 1}
    )
    batch = append_many(loaded.raw, [good, late])
    with pytest.raises(Invalid) as caught:
        verify_batch(loaded, batch, [good, late], workspace)
    assert addition_at(batch, caught.value.line) == 1
    assert str(caught.value).startswith("the new records would make the file invalid: line ")
