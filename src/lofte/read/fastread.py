"""The fast path of the hardened reader: accepts only what it is sure of.

`yamlio.read` tries this first.  It walks libyaml's events with as little
Python per event as it can (no positions, no path tuples, no peeking, one
``type(e) is`` test per event) and builds the same plain data as the careful
builder in `yamlio`.  It never explains a refusal: on anything unusual (an
anchor, an alias, a tag, a non-text or duplicate key, a merge key, too deep,
a ``%YAML`` or ``%TAG`` directive, a second document, a syntax error, an
over-long number) it raises `Unsure`, and `read` hands the text to the
careful builder, which is the authority and says exactly what is wrong.

So the fast path may only ever be *stricter* than the careful one, never
laxer; tests/test_fastread.py checks both directions on every example and on
generated input.
"""

from __future__ import annotations

from typing import Any

from yaml import DocumentStartEvent, StreamEndEvent
from yaml._yaml import CParser
from yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from lofte.read.resolve import MAX_DEPTH, resolve_plain

#: Plain scalars whose first character may start a number go through
#: `resolve_plain`; "" is in the string, so an empty plain scalar does too.
_NUMBER_START = "0123456789+-."
#: Other plain scalars that are not text in YAML 1.2's core schema, and the
#: merge key, which is text to `resolve_plain` but refused as a key.
_NOT_TEXT = frozenset(
    {"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"}
)


class Unsure(Exception):
    """The fast path does not vouch for this input; the careful builder decides."""


def fast_read(text: str) -> dict[str, Any]:
    """Plain data for ``text``, or `Unsure`.  The caller has already checked size and encoding."""
    parser = CParser(text)
    get = parser.get_event
    get()  # StreamStart
    document = get()
    if type(document) is not DocumentStartEvent or document.version is not None or document.tags:
        raise Unsure
    root = get()
    if type(root) is not MappingStartEvent or root.anchor is not None or root.tag is not None:
        raise Unsure
    data = _mapping(get, 1)
    get()  # DocumentEnd
    if type(get()) is not StreamEndEvent:
        raise Unsure
    return data


def _mapping(get: Any, depth: int) -> dict[str, Any]:
    # ``depth`` is the depth of this mapping's values; the careful builder
    # refuses a collection at depth MAX_DEPTH, and so does this.
    mapping: dict[str, Any] = {}
    while True:
        event = get()
        kind = type(event)
        if kind is not ScalarEvent:
            if kind is MappingEndEvent:
                return mapping
            raise Unsure  # alias or collection as a key
        key = event.value
        if event.anchor is not None or event.tag is not None or key in mapping:
            raise Unsure
        if not event.style:
            if key == "<<" or key in _NOT_TEXT:
                raise Unsure
            if key[0] in _NUMBER_START and not isinstance(resolve_plain(key), str):
                raise Unsure
        event = get()
        kind = type(event)
        if event.anchor is not None or event.tag is not None:
            raise Unsure  # also an alias: its anchor is its name, and it has no tag
        if kind is ScalarEvent:
            value = event.value
            if not event.style and (value[:1] in _NUMBER_START or value in _NOT_TEXT):
                value = resolve_plain(value)
            mapping[key] = value
        elif depth >= MAX_DEPTH:
            raise Unsure
        elif kind is MappingStartEvent:
            mapping[key] = _mapping(get, depth + 1)
        elif kind is SequenceStartEvent:
            mapping[key] = _sequence(get, depth + 1)
        else:
            raise Unsure  # alias


def _sequence(get: Any, depth: int) -> list[Any]:
    items: list[Any] = []
    append = items.append
    while True:
        event = get()
        kind = type(event)
        if kind is SequenceEndEvent:
            return items
        if event.anchor is not None or event.tag is not None:
            raise Unsure  # also an alias: its anchor is its name
        if kind is ScalarEvent:
            value = event.value
            if not event.style and (value[:1] in _NUMBER_START or value in _NOT_TEXT):
                value = resolve_plain(value)
            append(value)
        elif depth >= MAX_DEPTH:
            raise Unsure
        elif kind is MappingStartEvent:
            append(_mapping(get, depth + 1))
        elif kind is SequenceStartEvent:
            append(_sequence(get, depth + 1))
        else:
            raise Unsure


def fast_node(text: str, path: tuple[str | int, ...]) -> tuple[Any, tuple[int, int, str]]:
    """The data of the node at ``path`` of ``text``, and where the event after it starts.

    Parses no further than that event: the events before the node are
    skipped without building anything (they are checked when the whole file
    is read).  The node itself is read by the same rules as `fast_read`,
    and `Unsure` is raised as there; a path that is not in the document
    raises `KeyError`.  The next event is given as (line, column, event
    name), 0-based, so that a caller can see where the parse went on.
    """
    parser = CParser(text)
    get: Any = parser.get_event
    get()  # StreamStart
    document = get()
    if type(document) is not DocumentStartEvent or document.version is not None or document.tags:
        raise Unsure
    event: Any = get()
    for depth, step in enumerate(path, start=1):
        if event.anchor is not None or event.tag is not None:
            raise Unsure
        if isinstance(step, int):
            if type(event) is not SequenceStartEvent:
                raise KeyError(step)
            for _ in range(step):
                _skip(get)
        else:
            if type(event) is not MappingStartEvent:
                raise KeyError(step)
            while True:
                key = get()
                if type(key) is not ScalarEvent:
                    raise KeyError(step)
                if key.value == step:
                    break
                _skip(get)
        event = get()
        if type(event) in (MappingEndEvent, SequenceEndEvent) or depth >= MAX_DEPTH:
            raise KeyError(step)
    kind = type(event)
    if event.anchor is not None or event.tag is not None:
        raise Unsure
    if kind is MappingStartEvent:
        data: Any = _mapping(get, len(path) + 1)
    elif kind is SequenceStartEvent:
        data = _sequence(get, len(path) + 1)
    elif kind is ScalarEvent:
        data = event.value
        if not event.style and (data[:1] in _NUMBER_START or data in _NOT_TEXT):
            data = resolve_plain(data)
    else:
        raise Unsure
    after: Any = get()
    return data, (after.start_mark.line, after.start_mark.column, type(after).__name__)


def _skip(get: Any) -> None:
    """Consume one node's events (a scalar, or a collection to its end), building nothing."""
    depth = 0
    while True:
        kind = type(get())
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            depth += 1
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            depth -= 1
        if depth <= 0:
            return
