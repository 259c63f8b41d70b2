"""Many records into one file in one pass: every splice from one parse, proven as a whole.

`lofte record` adds one record (`lofte.write.splice`, `lofte.write.verify`);
`lofte import` adds hundreds, and parsing the file again for each would make
the import as slow as that many `record` calls.  Here the marks tree is built
once, every addition finds its place in it by the same rules as
`splice.append_entry` (after the list's last item and the comments that
belong to it; a new key after the mapping's last entry), and all insertions
are made at once.  Records for the same list go in together, in the order
given.

`verify_batch` is `verify.verify` for several insertions: the new bytes are
the old ones with whole lines inserted at some places and not a byte else
changed; read back, the data equals the old data with every record appended
where it was meant to go; and the new file passes every rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lofte.errors import errors_in
from lofte.read.loader import Loaded, Workspace, load_bytes
from lofte.read.marks import Node, tree
from lofte.write.record_input import Refused
from lofte.write.recordtext import file_style, render
from lofte.write.splice import (
    BOM,
    SpliceRefused,
    _belonging,
    _end_line,
    _ending,
    _separated,
    split_lines,
)
from lofte.write.verify import same

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Addition:
    """One item to append: to the list under ``key`` of the mapping at ``path``."""

    path: DataPath
    key: str
    entry: dict[str, Any]


@dataclass(frozen=True)
class Batch:
    """The new bytes; each insertion as (byte offset in the old file, bytes inserted); and,
    for each addition in the order given, the 1-based line where it starts in the new file."""

    data: bytes
    inserts: tuple[tuple[int, bytes], ...]
    lines: tuple[int, ...]


@dataclass
class _Plan:
    after: int  # the old line (0-based) the new lines follow
    depth: int  # deeper plans at the same line go first
    lines: list[str]
    starts: list[tuple[int, int]]  # (addition index, line offset inside `lines`)


def append_many(raw: bytes, additions: list[Addition]) -> Batch:
    """Add every addition to the file ``raw``; raises `SpliceRefused` where one cannot go."""
    text = raw.decode("utf-8")
    bom = BOM if text.startswith(BOM) else ""
    text = text[len(bom) :]
    lines = split_lines(text)
    root = tree(text)
    groups: dict[tuple[DataPath, str], list[int]] = {}
    for index, addition in enumerate(additions):
        groups.setdefault((addition.path, addition.key), []).append(index)
    plans = [
        _plan(root, lines, path, key, [(i, additions[i].entry) for i in indexes])
        for (path, key), indexes in groups.items()
    ]
    plans.sort(key=lambda plan: (plan.after, -plan.depth))
    return _apply(bom, lines, plans, len(additions))


def _plan(
    root: Node,
    lines: list[str],
    path: DataPath,
    key: str,
    entries: list[tuple[int, dict[str, Any]]],
) -> _Plan:
    node = root
    for step in path:
        node = node.child(step)
    name = node.get("id")
    ident = repr(name[1].value) if name else "the document"
    if node.flow:
        raise SpliceRefused(
            node.start[0] + 1,
            node.start[1] + 1,
            f"activity {ident} is written in flow style ({{...}}); write it as a block mapping, "
            "one key a line, so that records can be added as new lines",
        )
    found = node.get(key)
    new: list[str] = []
    starts: list[tuple[int, int]] = []
    if found is None:
        key_col = node.entries[0][1][1]
        offset, content, flow = file_style(root)
        flow = flow and key == "progress"  # a new list of the document is written in block
        after = _belonging(lines, _end_line(lines, node), key_col)
        dash = key_col + offset
        new.append(" " * key_col + f"{key}:")
        for index, entry in entries:
            starts.append((index, len(new)))
            new += render(entry, dash, dash + content, flow)
        return _Plan(after, key_col, new, starts)
    (line, col), items = found
    if items.kind != "seq" or items.flow:
        what = "an empty flow list ([])" if not items.items else "a flow list ([...])"
        fix = (
            "remove that line, and the first record will create the list"
            if not items.items
            else "write it as a block list, one '- ' item a line"
        )
        owner = f"the {key} of activity {ident}" if path else f"the {key} of the document"
        raise SpliceRefused(line + 1, col + 1, f"{owner} is {what}; {fix}")
    dash, last = items.start[1], items.items[-1]
    after = _belonging(lines, _end_line(lines, last), dash)
    separated = _separated(lines, items.items)
    for index, entry in entries:
        if separated:
            new.append("")
        starts.append((index, len(new)))
        new += render(entry, dash, last.start[1], last.flow)
    return _Plan(after, dash, new, starts)


def _apply(bom: str, lines: list[str], plans: list[_Plan], count: int) -> Batch:
    fallback = next((e for e in map(_ending, lines) if e), "\n")
    by_line: dict[int, list[_Plan]] = {}
    for plan in plans:
        by_line.setdefault(plan.after, []).append(plan)
    out: list[str] = [bom]
    inserts: list[tuple[int, bytes]] = []
    firsts = [0] * count
    offset = len(bom.encode("utf-8"))
    line_no = 0  # lines written so far
    for i, line in enumerate(lines):
        out.append(line)
        offset += len(line.encode("utf-8"))
        line_no += 1
        chunk: list[str] = []
        # New lines take the ending of the line they follow; after a last line
        # without one, the break goes first and the file still ends without one.
        ending = _ending(line)
        for plan in by_line.get(i, []):
            for index, at in plan.starts:
                firsts[index] = line_no + len(chunk) + at + 1
            chunk += [text + ending if ending else fallback + text for text in plan.lines]
        if chunk:
            added = "".join(chunk)
            out.append(added)
            inserts.append((offset, added.encode("utf-8")))
            line_no += len(chunk)
    return Batch("".join(out).encode("utf-8"), tuple(inserts), tuple(firsts))


def is_line_insertions(old: bytes, batch: Batch) -> bool:
    """Whether ``batch`` is ``old`` with whole lines inserted at its offsets, nothing else."""
    rebuilt: list[bytes] = []
    at = 0
    for offset, added in batch.inserts:
        if offset < at or not added:
            return False
        whole = offset == 0 or old[offset - 1 : offset] in (b"\n", b"\r") or offset == len(old)
        lines = added.endswith((b"\n", b"\r")) or (
            offset == len(old) and added.startswith((b"\n", b"\r"))
        )
        if not (whole and lines):
            return False
        rebuilt += [old[at:offset], added]
        at = offset
    rebuilt.append(old[at:])
    return b"".join(rebuilt) == batch.data


def with_items(data: Any, additions: list[Addition]) -> Any:
    """A copy of ``data`` with every addition appended; only containers on the paths are copied."""
    for addition in additions:
        data = _with_item(data, addition.path, addition.key, addition.entry)
    return data


def _with_item(data: Any, path: DataPath, key: str, entry: dict[str, Any]) -> Any:
    if not path:
        mapping = dict(data)
        mapping[key] = [*(mapping.get(key) or []), entry]
        return mapping
    copy: Any = list(data) if isinstance(data, list) else dict(data)
    copy[path[0]] = _with_item(data[path[0]], path[1:], key, entry)
    return copy


def verify_batch(
    old: Loaded, batch: Batch, additions: list[Addition], workspace: Workspace
) -> Loaded:
    """The new file, loaded, once proven; raises `Refused` otherwise."""
    from lofte.rules.core import run_rules

    if not is_line_insertions(old.raw, batch):
        raise _internal("the change is not a pure insertion of lines")
    new, problems = load_bytes(old.path, batch.data, old.display)
    if new is None:
        raise Refused(f"the new records would make the file invalid: {problems[0].message}")
    if not same(with_items(old.data, additions), new.data):
        raise _internal("the file read back is not the old one plus the records")
    problems = errors_in(run_rules(new, workspace))
    if problems:
        first = sorted(problems)[0]
        raise Invalid(
            first.line,
            f"the new records would make the file invalid: line {first.line}: {first.message}",
        )
    return new


class Invalid(Refused):
    """The new file breaks a rule at ``line`` (1-based, in the new file)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def addition_at(batch: Batch, line: int) -> int | None:
    """The index of the addition whose lines hold ``line`` of the new file, if any."""
    best: int | None = None
    for index, start in enumerate(batch.lines):
        if start <= line and (best is None or start > batch.lines[best]):
            best = index
    return best


def _internal(what: str) -> Refused:
    return Refused(f"internal error: {what}; nothing was written (please report this)")
