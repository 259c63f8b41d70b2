"""How a file writes its lists, and a progress record written the same way.

The style is read from the file itself: how far a list's dashes stand from
their key and its items from their dash (``  - date:`` or ``-   date:``),
and whether records are block mappings, one key a line, or flow mappings,
``- {date: …, count: …}``.  Values are written by `lofte.write.scalars`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from lofte.read.marks import Node
from lofte.write.scalars import flow_list, scalar


def file_style(root: Node) -> tuple[int, int, bool]:
    """How the file indents a list under its key (dash offset, content offset), and
    whether its progress records are flow mappings.  Defaults: ``  - key: value``, block."""
    offsets: Counter[tuple[int, int]] = Counter()
    flows: Counter[bool] = Counter()
    for key, key_col, value in block_lists(root):
        first = value.items[0]
        offsets[(value.start[1] - key_col, first.start[1] - value.start[1])] += 1
        if key == "progress":
            flows.update(item.flow for item in value.items)
    offset, content = offsets.most_common(1)[0][0] if offsets else (2, 2)
    return offset, content, bool(flows) and flows[True] > flows[False]


def block_lists(node: Node) -> Iterator[tuple[str, int, Node]]:
    """Every non-empty block list that is the value of a key: (key, key column, list)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.flow:
            continue
        for key, mark, value in current.entries:
            if value.kind == "seq" and not value.flow and value.items:
                yield key, mark[1], value
            stack.append(value)
        stack.extend(current.items)


def render(record: dict[str, Any], dash: int, content: int, flow: bool) -> list[str]:
    """The lines of ``record`` as a list item: dash at column ``dash``, keys at ``content``."""
    pairs = [f"{key}: {_value(key, value)}" for key, value in record.items()]
    lead = " " * dash + "-" + " " * (content - dash - 1)
    if flow:
        return [lead + "{" + ", ".join(pairs) + "}"]
    return [lead + pairs[0], *(" " * content + pair for pair in pairs[1:])]


def _value(key: str, value: Any) -> str:
    if key == "date":
        return str(value)  # ISO date, plain as everywhere in the files
    if isinstance(value, list):
        return flow_list(value)
    return scalar(value)
