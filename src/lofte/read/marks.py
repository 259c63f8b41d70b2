"""Where each node of a YAML file stands: a light tree built from libyaml's event marks.

The splicer needs more than `yamlio`'s positions: where a node ends, whether
it is written in flow style, how far a list's dashes are indented.  libyaml's
events carry all of that as (line, column) marks, 0-based, columns counted in
characters.  The tree is built only for a file `yamlio.read` has accepted,
so it enforces no rules of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Mark = tuple[int, int]


@dataclass
class Node:
    """One node: ``kind`` is ``map``, ``seq`` or ``scalar``; marks are 0-based (line, col)."""

    kind: str
    start: Mark
    end: Mark
    flow: bool = False
    #: A scalar's style: '' plain, "'" or '"' quoted, '|' or '>' block.
    style: str = ""
    value: str = ""
    #: A mapping's entries: key text, the key's start mark, the value.
    entries: list[tuple[str, Mark, Node]] = field(default_factory=list)
    #: A sequence's items.
    items: list[Node] = field(default_factory=list)

    def get(self, key: str) -> tuple[Mark, Node] | None:
        """The key mark and value of entry ``key`` of a mapping, if present."""
        for name, mark, value in self.entries:
            if name == key:
                return mark, value
        return None

    def child(self, step: str | int) -> Node:
        """The child at one step of a data path (a key or a list index)."""
        if isinstance(step, int):
            return self.items[step]
        found = self.get(step)
        if found is None:
            raise KeyError(step)
        return found[1]

    def last(self) -> Node:
        """The node whose text ends this one: its last descendant, or itself when flow."""
        node = self
        while not node.flow:
            if node.kind == "map" and node.entries:
                node = node.entries[-1][2]
            elif node.kind == "seq" and node.items:
                node = node.items[-1]
            else:
                break
        return node


def tree(text: str) -> Node:
    """The root node of the one document in ``text`` (a BOM already removed)."""
    import yaml
    from yaml._yaml import CParser

    parser: Any = CParser(text)
    parser.get_event()  # StreamStart
    parser.get_event()  # DocumentStart
    return _Builder(yaml, parser).node()


def subtree(text: str, path: tuple[str | int, ...]) -> Node:
    """The node at data ``path`` of ``text``, with the file's marks, parsing no further than it.

    The events before the node are skipped without building anything, and
    the parse stops where the node ends: what `tree` gives for the node, at
    a cost that grows with the node's place in the file, not the whole file
    (the splicer's parse of an activity in a 1 MB file).  A step that is not
    in the document raises `KeyError`.
    """
    import yaml
    from yaml._yaml import CParser

    parser: Any = CParser(text)
    parser.get_event()  # StreamStart
    parser.get_event()  # DocumentStart
    builder = _Builder(yaml, parser)
    for step in path:
        start = parser.get_event()  # the container the step goes into
        if isinstance(step, int):
            if type(start) is not yaml.SequenceStartEvent:
                raise KeyError(step)
            for _ in range(step):
                if type(parser.peek_event()) is yaml.SequenceEndEvent:
                    raise KeyError(step)
                builder.skip()
        else:
            if type(start) is not yaml.MappingStartEvent:
                raise KeyError(step)
            while True:
                key = parser.get_event()
                if type(key) is not yaml.ScalarEvent:
                    raise KeyError(step)
                if key.value == step:
                    break
                builder.skip()
        if type(parser.peek_event()) in builder.end:
            raise KeyError(step)
    return builder.node()


class _Builder:
    def __init__(self, yaml: Any, parser: Any) -> None:
        self.parser = parser
        self.scalar = yaml.ScalarEvent
        self.seq = yaml.SequenceStartEvent
        self.end = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
        self.starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)

    def skip(self) -> None:
        """Consume one node's events, building nothing."""
        get, starts, ends = self.parser.get_event, self.starts, self.end
        depth = 0
        while True:
            kind = type(get())
            if kind in starts:
                depth += 1
            elif kind in ends:
                depth -= 1
            if depth == 0:
                return

    def node(self) -> Node:
        event = self.parser.get_event()
        start = (event.start_mark.line, event.start_mark.column)
        if isinstance(event, self.scalar):
            end = (event.end_mark.line, event.end_mark.column)
            return Node("scalar", start, end, style=event.style or "", value=event.value)
        flow = bool(event.flow_style)
        if isinstance(event, self.seq):
            seq = Node("seq", start, start, flow=flow)
            while not isinstance(self.parser.peek_event(), self.end):
                seq.items.append(self.node())
            seq.end = self._close(seq)
            return seq
        mapping = Node("map", start, start, flow=flow)
        while not isinstance(self.parser.peek_event(), self.end):
            key = self.parser.get_event()
            mark = (key.start_mark.line, key.start_mark.column)
            mapping.entries.append((key.value, mark, self.node()))
        mapping.end = self._close(mapping)
        return mapping

    def _close(self, node: Node) -> Mark:
        event = self.parser.get_event()
        if node.flow:
            return event.end_mark.line, event.end_mark.column
        # A block collection's end event stands at the next token, which may lie
        # past comments and blank lines; its own text ends with its last child.
        return node.last().end if node.last() is not node else node.start
