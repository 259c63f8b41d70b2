"""`record` reads back only the activity it wrote into, and only when that proves the whole file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import DATA, ROOT, run_cli
from lofte.read.fastread import fast_node
from lofte.read.loader import Loaded, Workspace, load_file
from lofte.read.yamlio import _may_trap, decode, read, read_node
from lofte.write.record_input import Refused
from lofte.write.splice import Splice, append_entry
from lofte.write.verify import read_back_in_place, verify, with_record
from test_record_property import activities, records

FILES = sorted(DATA.glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").rglob("*-20*.yaml"))
ENTRY = {"date": "2020-06-01", "count": 1}


def _paths(raw: bytes) -> list[tuple[str | int, ...]]:
    try:
        return activities(raw)
    except Exception:  # noqa: BLE001 - fixtures that do not read are not this test's
        return []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_node_reads_as_the_whole_file_has_it(path: Path) -> None:
    raw = path.read_bytes()
    for where in _paths(raw):
        found = read_node(raw, where)
        if found is None:  # the fast path is unsure of this file: the whole file is read
            continue
        node = read(raw)[0]
        for step in where:
            node = node[step]
        assert found[0] == node, (path.name, where)


def test_the_parse_goes_on_where_the_next_entry_starts() -> None:
    text = "a:\n  - x: 1\n    y: 2\n  - x: 3\nb: 4\n"
    assert fast_node(text, ("a", 0)) == ({"x": 1, "y": 2}, (1, 4), (3, 4, "MappingStartEvent"))
    assert fast_node(text, ("a",)) == ([{"x": 1, "y": 2}, {"x": 3}], (1, 2), (4, 0, "ScalarEvent"))
    with pytest.raises(KeyError):
        fast_node(text, ("c",))
    with pytest.raises(KeyError):
        fast_node(text, ("a", 2))


# data/ before any outcome: the real files, without what makes the fast path
# unsure of data/2020.yaml today (a backslash, a `#` after a quote).
PLAIN = ROOT / "tests" / "fixtures" / "sheet" / "data"


def _loaded(tmp_path: Path) -> Loaded:
    target = tmp_path / "data"
    target.mkdir()
    for source in PLAIN.glob("*.yaml"):
        (target / source.name).write_bytes(source.read_bytes())
    loaded, problems = load_file(target / "2020.yaml")
    assert loaded is not None, problems
    return loaded


def _first_activity(loaded: Loaded) -> tuple[str | int, ...]:
    return activities(loaded.raw)[0]


def test_a_record_in_an_activity_is_proven_in_place(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path)
    where = _first_activity(loaded)
    spliced = append_entry(loaded.raw, where, "progress", ENTRY)
    expected = with_record(loaded.data, where, ENTRY)
    assert read_back_in_place(loaded, spliced, where, expected)
    new = verify(loaded, spliced, where, ENTRY, Workspace())
    # What the proof gives is what reading the whole new file gives.
    assert new.data == read(spliced.data)[0]


def _moved(loaded: Loaded, where: tuple[str | int, ...], text: bytes) -> Splice:
    # Lines inserted where the splicer would put the record, but other lines.
    honest = append_entry(loaded.raw, where, "progress", ENTRY)
    at = honest.offset
    return Splice(loaded.raw[:at] + text + loaded.raw[at:], at, text, honest.first_line)


def test_lines_that_leave_the_activity_are_not_proven_in_place(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path)
    where = _first_activity(loaded)
    # A record dedented to the list of activities: it ends the activity early.
    bad = _moved(loaded, where, b"  - id: smuggled\n")
    assert not read_back_in_place(loaded, bad, where, with_record(loaded.data, where, ENTRY))
    with pytest.raises(Refused):
        verify(loaded, bad, where, ENTRY, Workspace())


def test_an_activity_written_before_the_one_named_is_not_proven_in_place(
    tmp_path: Path,
) -> None:
    # The old activity plus the record, inserted as a new first activity: the
    # node at the path reads as expected, but it starts elsewhere, and the
    # parse goes on at the old activity, not where it went on before.
    loaded = _loaded(tmp_path)
    where = _first_activity(loaded)
    honest = append_entry(loaded.raw, where, "progress", ENTRY)
    start = loaded.raw.rfind(b"\n", 0, loaded.raw.find(b"- id:")) + 1
    block = honest.data[start : honest.offset + len(honest.inserted)]
    bad = Splice(loaded.raw[:start] + block + loaded.raw[start:], start, block, 1)
    expected = with_record(loaded.data, where, ENTRY)
    found = read_node(bad.data, where)
    assert found is not None and found[0] == _at(expected, where)
    assert not read_back_in_place(loaded, bad, where, expected)
    with pytest.raises(Refused):
        verify(loaded, bad, where, ENTRY, Workspace())


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def test_lines_that_change_the_activity_otherwise_are_refused(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path)
    where = _first_activity(loaded)
    honest = append_entry(loaded.raw, where, "progress", ENTRY)
    wrong = honest.inserted.replace(b"count: 1", b"count: 2")
    assert wrong != honest.inserted
    bad = _moved(loaded, where, wrong)
    assert not read_back_in_place(loaded, bad, where, with_record(loaded.data, where, ENTRY))
    with pytest.raises(Refused) as refused:
        verify(loaded, bad, where, ENTRY, Workspace())
    assert str(refused.value) == (
        "internal error: the file read back is not the old one plus the record; "
        "nothing was written (please report this)"
    )


STYLE = ROOT / "tests" / "fixtures" / "record" / "style-2020.yaml"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entry=records())
def test_generated_records_prove_in_place_exactly_when_the_whole_file_agrees(
    entry: dict[str, Any],
) -> None:
    raw = STYLE.read_bytes()
    old = read(raw)[0]
    proven, unsure = 0, False
    for where in activities(raw):
        spliced = append_entry(raw, where, "progress", entry)
        unsure = unsure or _may_trap(decode(spliced.data))
        loaded = Loaded(STYLE, "style-2020.yaml", raw, old, None)
        expected = with_record(old, where, entry)
        if read_back_in_place(loaded, spliced, where, expected):
            proven += 1
            assert read(spliced.data)[0] == expected
    # A text written with an escape (a backslash) or a quoted "#" makes the new
    # file one the fast path is unsure of: then the whole file is read back.
    assert proven or unsure


def test_a_record_with_and_without_the_cache_writes_the_same_bytes(
    data_copy: Path, tmp_path: Path
) -> None:
    args = ("record", "2020", "--date", "2020-06-01", "--count", "1")
    activity = _activity_id(data_copy)
    other = tmp_path / "other"
    other.mkdir()
    for source in data_copy.glob("*.yaml"):
        (other / source.name).write_bytes(source.read_bytes())
    cache = str(tmp_path / "cache")
    for _ in range(2):  # the second finds the file the first wrote in the cache
        cached = run_cli(*args[:2], activity, *args[2:], "--cache-dir", cache, cwd=data_copy.parent)
        plain = run_cli(
            *args[:2], activity, *args[2:], "--no-cache", "--data-dir", str(other), cwd=tmp_path
        )
        assert (cached.code, plain.code) == (0, 0), cached.out + plain.out
    assert (data_copy / "2020.yaml").read_bytes() == (other / "2020.yaml").read_bytes()


def _activity_id(data_dir: Path) -> str:
    data = read((data_dir / "2020.yaml").read_bytes())[0]
    for group in data.get("promises", []):
        for activity in group.get("activities", []):
            return str(activity["id"])
    return str(data["activities"][0]["id"])


CRLF = ROOT / "tests" / "examples" / "positive" / "bom-crlf-2021.yaml"


def test_a_crlf_file_is_proven_in_place_its_lines_counted_as_yaml_counts_them() -> None:
    raw = CRLF.read_bytes()
    assert b"\r\n" in raw
    old = read(raw)[0]
    loaded = Loaded(CRLF, CRLF.name, raw, old, None)
    proven = 0
    for where in activities(raw):
        spliced = append_entry(raw, where, "progress", ENTRY)
        assert spliced.inserted.endswith(b"\r\n") and b"\n" not in spliced.inserted.replace(
            b"\r\n", b""
        )
        expected = with_record(old, where, ENTRY)
        if read_back_in_place(loaded, spliced, where, expected):
            proven += 1
            assert read(spliced.data)[0] == expected
    assert proven == len(activities(raw)) > 0


@pytest.mark.parametrize(
    ("text", "breaks"), [(b"a\n", 1), (b"a\r\n", 1), (b"a\r", 1), (b"a\r\nb\nc\r", 3), (b"", 0)]
)
def test_line_breaks_count_as_yaml_counts_them(text: bytes, breaks: int) -> None:
    from lofte.write.verify import _breaks

    assert _breaks(text) == breaks


def _splice(old: bytes, at: int, added: bytes) -> Splice:
    return Splice(old[:at] + added + old[at:], at, added, 1)


def test_only_whole_lines_inserted_at_one_place_are_an_insertion() -> None:
    from lofte.write.verify import is_line_insertion

    old = b"a: 1\nb: 2\n"
    assert is_line_insertion(old, _splice(old, 0, b"x: 0\n"))
    assert is_line_insertion(old, _splice(old, 5, b"x: 0\n"))
    assert is_line_insertion(old, _splice(old, len(old), b"x: 0\n"))
    assert is_line_insertion(b"a: 1\rb: 2\r", _splice(b"a: 1\rb: 2\r", 5, b"x: 0\r"))
    # At the end of a file without a final newline, the new lines start with one.
    assert is_line_insertion(b"a: 1", _splice(b"a: 1", 4, b"\nx: 0"))
    assert not is_line_insertion(old, _splice(old, 2, b"x: 0\n"))  # inside a line
    assert not is_line_insertion(old, _splice(old, 5, b"x: 0"))  # not a whole line
    assert not is_line_insertion(old, _splice(old, 5, b""))  # nothing added
    assert not is_line_insertion(b"a: 1", _splice(b"a: 1", 4, b"x: 0\n"))  # glued on
    changed = _splice(old, 5, b"x: 0\n")
    changed = Splice(changed.data.replace(b"b: 2", b"b: 3"), 5, b"x: 0\n", 1)
    assert not is_line_insertion(old, changed)  # a byte elsewhere changed


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ({"a": 1, "b": [1, "x"]}, {"a": 1, "b": [1, "x"]}, True),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, False),  # key order
        ({"a": 1}, {"a": True}, False),  # 1 is not True here
        ({"a": 1}, {"a": 1.0}, False),
        ([1, 2], [1, 2, 3], False),
        ([1], [True], False),  # inside a list too
        ([1.0], [1], False),
        ([1, [2]], [1, [3]], False),
        ({"a": [{"b": "c"}]}, {"a": [{"b": "d"}]}, False),
        (float("nan"), float("nan"), True),
        (float("nan"), 1.0, False),
        ("1", 1, False),
    ],
)
def test_same_means_equal_types_order_and_values(a: object, b: object, equal: bool) -> None:
    from lofte.write.verify import same

    assert same(a, b) is equal
    assert same(b, a) is equal


def test_a_record_the_rules_refuse_is_refused_with_their_first_problem(tmp_path: Path) -> None:
    # Dated before the period: the document still validates, a rule does not.
    loaded = _loaded(tmp_path)
    where = _first_activity(loaded)
    entry = {"date": "2019-06-01", "count": 1}
    spliced = append_entry(loaded.raw, where, "progress", entry)
    workspace = Workspace()
    with pytest.raises(Refused, match="^the new record would make the file invalid: "):
        verify(loaded, spliced, where, entry, workspace)
