"""Add a progress record to a file's text as whole new lines, touching no other byte.

This is the technique pre-commit uses to rewrite YAML: parse with the C
parser for the marks (`lofte.read.marks`: only up to the end of the activity,
or the whole file for its list style when the activity has no ``progress:``
yet), find the line after which the record belongs, render the record in
the file's own style, and insert it.  A round trip through ruamel would
rewrite the whole file to change one list, and costs forty times as much
(see the record issue for the numbers).

Where the record goes:

* after the last item of the activity's ``progress:`` list, and after any
  comment lines indented deeper than that list's dashes (they belong to the
  last item); a comment at the dash column or further left belongs to what
  follows, so the record goes before it, as do blank lines;
* without a ``progress:`` key, a new one at the activity's key indentation,
  after the activity's last entry, by the same comment rule.

The style comes from the file: dash and content columns of the list (or of
the file's other lists), flow ``- {date: …}`` records where the last record
is flow, a blank line between records where the file puts one, the line
ending of the neighbouring line, a BOM kept, a missing final newline left
missing.  What cannot be done by adding lines (flow-style activities and
progress lists) is refused with a `SpliceRefused` saying how to fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lofte.read.marks import Node, subtree, tree
from lofte.write.recordtext import file_style, render

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_BLOCK_HEADER = re.compile(r"[|>]([-+0-9]*)")
BOM = "\ufeff"


class SpliceRefused(Exception):
    """The record cannot be added as new lines; ``line`` and ``col`` are 1-based."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


@dataclass(frozen=True)
class Splice:
    """The new bytes, and where the insertion is: a byte offset and the first new line."""

    data: bytes
    offset: int
    inserted: bytes
    first_line: int


def append_record(raw: bytes, path: tuple[str | int, ...], record: dict[str, Any]) -> Splice:
    """Add ``record`` to the progress of the activity at data ``path`` in the file ``raw``."""
    return append_entry(raw, path, "progress", record)


def append_entry(
    raw: bytes, path: tuple[str | int, ...], key: str, record: dict[str, Any]
) -> Splice:
    """Add ``record`` to the list ``key`` of the mapping at data ``path`` (``()``: the document).

    `other_work` and `deviations` are lists of the document itself; `progress` one
    of an activity.  The same rules of place and style hold for each.
    """
    text = raw.decode("utf-8")
    bom = BOM if text.startswith(BOM) else ""
    text = text[len(bom) :]
    lines = _LINE.findall(text)
    # Only the activity's own marks, parsed no further than its end; the
    # whole file's tree only when the file's list style must be looked up.
    activity = subtree(text, path)
    name = activity.get("id")
    ident = repr(name[1].value) if name else "?"
    whose = f"activity {ident}" if path else "the document"
    if activity.flow:
        raise SpliceRefused(
            activity.start[0] + 1,
            activity.start[1] + 1,
            f"activity {ident} is written in flow style ({{...}}); write it as a block mapping, "
            "one key a line, so that a record can be added as new lines",
        )
    found = activity.get(key)
    if found is None:
        key_col = activity.entries[0][1][1]
        offset, content, flow = file_style(tree(text))
        flow = flow and key == "progress"
        after = _belonging(lines, _end_line(lines, activity), key_col)
        dash = key_col + offset
        new = [" " * key_col + f"{key}:", *render(record, dash, dash + content, flow)]
        return _insert(bom, lines, after, new)
    (line, col), progress = found
    if progress.kind != "seq" or progress.flow:
        what = "an empty flow list ([])" if not progress.items else "a flow list ([...])"
        fix = (
            "remove that line, and the first record will create the list"
            if not progress.items
            else "write it as a block list, one '- ' item a line"
        )
        raise SpliceRefused(line + 1, col + 1, f"the {key} of {whose} is {what}; {fix}")
    dash, last = progress.start[1], progress.items[-1]
    after = _belonging(lines, _end_line(lines, last), dash)
    new = render(record, dash, last.start[1], last.flow)
    if _separated(lines, progress.items):
        new.insert(0, "")
    return _insert(bom, lines, after, new)


def split_lines(text: str) -> list[str]:
    """``text`` as lines with their endings, broken where YAML breaks them (LF, CRLF, CR)."""
    return _LINE.findall(text)


def _end_line(lines: list[str], node: Node) -> int:
    """The last line (0-based) holding text of ``node``."""
    last = node.last()
    line, col = last.end
    if last.kind == "scalar" and last.style in ("|", ">"):
        # A block scalar ends at the start of the line after it, trailing blank
        # lines included; those are its text only under keep chomping ('|+').
        if col == 0 and line > last.start[0]:
            line -= 1
        header = _BLOCK_HEADER.match(lines[last.start[0]], last.start[1])
        if not (header and "+" in header.group(1)):
            while line > last.start[0] and not lines[line].strip():
                line -= 1
    return line


def _belonging(lines: list[str], after: int, indicator: int) -> int:
    """The last line that belongs to the entry ending at ``after``: comments deeper than it."""
    end, i = after, after + 1
    while i < len(lines):
        body = lines[i].rstrip("\r\n")
        stripped = body.lstrip(" \t")
        if stripped and not (stripped.startswith("#") and len(body) - len(stripped) > indicator):
            break
        if stripped:
            end = i
        i += 1
    return end


def _separated(lines: list[str], items: list[Node]) -> bool:
    """Whether every two neighbouring records have a blank line between them."""
    if len(items) < 2:
        return False
    return all(
        any(not lines[i].strip() for i in range(_end_line(lines, a) + 1, b.start[0]))
        for a, b in zip(items, items[1:], strict=False)
    )


def _insert(bom: str, lines: list[str], after: int, new: list[str]) -> Splice:
    ending = _ending(lines[after])
    # The new lines take the ending of the line they follow; a file without a
    # final newline stays without one, so then the break goes first.
    eol = ending or next((e for e in map(_ending, lines) if e), "\n")
    added = "".join(line + eol for line in new) if ending else "".join(eol + line for line in new)
    head = bom + "".join(lines[: after + 1])
    tail = "".join(lines[after + 1 :])
    return Splice(
        data=(head + added + tail).encode("utf-8"),
        offset=len(head.encode("utf-8")),
        inserted=added.encode("utf-8"),
        first_line=after + 2 + (1 if new and not new[0] else 0),
    )


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]
