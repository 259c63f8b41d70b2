"""The one hardened YAML reader, and the one configured round-trip YAML.

Reading goes through libyaml's C parser (PyYAML's binding), event by event,
and builds plain Python data itself.  That is both the fast path (libyaml's
events reach Python several times faster than PyYAML builds objects) and the
safe one, because every rule is enforced here, on the events:

* no anchors, aliases, merge keys or explicit tags: the format needs none,
  and refusing the first anchor stops a billion-laughs file at once;
* a depth limit and a size cap, checked before anything is built;
* YAML 1.2 core-schema scalars: ``no``/``on``/``yes`` stay text, ``010`` is
  ten, ``12:30`` and ``2020-03-16`` are text (dates are parsed by the model);
* only one document, a mapping at the top, no duplicate keys, text keys;
* invalid UTF-8 and control characters reported at a line and column.

Positions are optional: they cost a tuple per node, so the loader builds
them only when it has a problem to place (see `read` and `loader`).  Without
them, `read` first tries `lofte.read.fastread`, a tighter loop over the same
events that refuses to decide anything unusual and leaves it to the careful
builder here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lofte.errors import Diagnostic

if TYPE_CHECKING:
    from ruamel.yaml import YAML

from lofte.read.resolve import MAX_BYTES, MAX_DEPTH, NumberTooLong, resolve_plain

Path = tuple[str | int, ...]

# NEL and the Unicode line/paragraph separators: libyaml (YAML 1.1) breaks
# lines at them, YAML 1.2 does not, so the same file reads two ways.
_AMBIGUOUS_BREAKS = re.compile("[\x85\u2028\u2029]")
_AMBIGUOUS_BYTES = tuple(c.encode("utf-8") for c in "\x85\u2028\u2029")
# What a double-quoted scalar may not hold once its escapes are decoded: the
# control characters (all but tab and line feed, which a block scalar may hold
# raw) and the ambiguous breaks.  ``"\e[31m"`` or ``"\x07"`` is refused exactly
# as the raw character is.
_ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# Where libyaml reads a document differently from YAML 1.2 (found by the
# yaml-test-suite and a generated campaign; see `_Builder`).  Text that might
# hold one skips the fast path, and the careful builder decides (`_may_trap`).
_GLUED_HEADER = re.compile(r"[|>][1-9+-]{0,2}#")
_GLUED_COMMENT = "a comment needs a space before '#'; YAML readers disagree on this one"
# A last line of only blanks with no line break after it: libyaml drops the
# final line break a block scalar ending there has (yaml-test-suite L24T).
_BLANK_TAIL = re.compile(r"\n[ \t]+\Z")


@dataclass
class Positions:
    """Where each node stands: path → (key line, key col, value line, value col), 1-based.

    For list items and the root the key position is the value position.
    """

    spots: dict[Path, tuple[int, int, int, int]] = field(default_factory=dict)

    def key(self, path: Path) -> tuple[int, int]:
        """Where the key of the entry at ``path`` stands (its nearest known ancestor if absent)."""
        spot = self._nearest(path)
        return spot[0], spot[1]

    def value(self, path: Path) -> tuple[int, int]:
        """Where the value at ``path`` starts (its nearest known ancestor if absent)."""
        spot = self._nearest(path)
        return spot[2], spot[3]

    def _nearest(self, path: Path) -> tuple[int, int, int, int]:
        while path not in self.spots and path:
            path = path[:-1]
        return self.spots.get(path, (1, 1, 1, 1))


class YamlProblem(Exception):
    """A located reason to refuse the input; becomes one `Diagnostic`."""

    def __init__(self, line: int, col: int, code: str, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message = line, col, code, message


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8, a leading BOM dropped.  Raises `YamlProblem` for bad bytes."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        col = len(head[head.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise YamlProblem(
            line,
            col,
            "encoding",
            f"invalid UTF-8 byte 0x{data[exc.start]:02x}; save the file as UTF-8",
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def read(data: bytes, *, positions: bool = False) -> tuple[Any, Positions | None]:
    """Parse one YAML document into plain data (dicts, lists, str, int, float, bool, None).

    Raises `YamlProblem` on anything the format refuses.  With ``positions``
    it also returns where every node stands.
    """
    text = _checked_text(data)
    if not positions and not _may_trap(text):
        # The fast path vouches for ordinary files; anything it is unsure of
        # (a refusal, or merely something unusual) goes to the careful
        # builder, which decides and explains.
        import yaml

        from lofte.read.fastread import Unsure, fast_read

        try:
            return fast_read(text), None
        except (Unsure, ValueError, yaml.YAMLError):
            pass
    return _Builder(text, positions).build()


def _checked_text(data: bytes) -> str:
    """The file's text, once the checks of the whole file pass; raises `YamlProblem`."""
    if len(data) > MAX_BYTES:
        raise YamlProblem(
            1, 1, "too-large", f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}"
        )
    text = decode(data)
    if not text.strip():
        raise YamlProblem(1, 1, "empty", "file is empty; a promise file starts with 'kind:'")
    # Searching the bytes is a memchr; the regex on the text is only for placing a hit.
    odd = _AMBIGUOUS_BREAKS.search(text) if any(b in data for b in _AMBIGUOUS_BYTES) else None
    if odd:
        line, col = _offset_to_line_col(text, odd.start())
        raise YamlProblem(
            line,
            col,
            "control-char",
            f"character U+{ord(odd.group()):04X} is a line break to YAML 1.1 readers and text to "
            "YAML 1.2 ones; remove it",
        )
    tail = _BLANK_TAIL.search(text) if text[-1] in " \t" else None
    if tail:
        line, _ = _offset_to_line_col(text, tail.start() + 1)
        raise YamlProblem(
            line,
            1,
            "blank-tail",
            "the file ends in a line of only spaces with no line break; YAML readers "
            "disagree on it in a block scalar: delete the spaces",
        )
    return text


def read_node(
    data: bytes, path: tuple[str | int, ...], *, accepted: bool = False
) -> tuple[Any, tuple[int, int], tuple[int, int, str]] | None:
    """The data of the node at ``path``, where it starts and where the parse went on, or None.

    For `lofte record`'s proof of its new bytes: the text is checked as
    `read` checks a whole file, then parsed only as far as the node (see
    `lofte.read.fastread.fast_node`).  None when the fast path is not sure,
    or the path is not there: the caller then reads the whole file.  With
    ``accepted`` (bytes the reader has accepted whole, whose node the caller
    compares with what it read) the checks of the whole text are skipped.
    """
    import yaml

    from lofte.read.fastread import Unsure, fast_node

    try:
        text = decode(data) if accepted else _checked_text(data)
    except YamlProblem:
        return None
    if not accepted and _may_trap(text):
        return None
    try:
        return fast_node(text, path)
    except (Unsure, KeyError, ValueError, yaml.YAMLError):
        return None


def _may_trap(text: str) -> bool:
    """Whether ``text`` may hold what the careful builder must look at: a cheap scan.

    "?" right after a flow indicator (``[?x]``, ``{ ?x: 1 }``), a comment glued
    to a quoted scalar (``"v"# x``) or a block scalar's header (``>#``), and any
    backslash, which may start an escape to check for control characters.
    Each is found by ``str.find`` (a memchr), not by a regex over the text.
    """
    if "\\" in text:
        return True
    at = text.find("?")
    while at >= 0:
        if text[at + 1 : at + 2] not in (" ", "\t", "\r", "\n", ""):
            back = at - 1
            while back >= 0 and text[back] in " \t":
                back -= 1
            if back < 0 or text[back] in "\n[{,:":
                return True
        at = text.find("?", at + 1)
    at = text.find("#", 1)
    while at > 0:
        if text[at - 1] in "\"'|>" or _GLUED_HEADER.search(text, max(0, at - 3), at + 1):
            return True
        at = text.find("#", at + 1)
    return False


class _Builder:
    """Turns libyaml events into data, enforcing the rules as it goes."""

    def __init__(self, text: str, positions: bool) -> None:
        import yaml  # only commands that read YAML pay for it
        from yaml._yaml import CParser

        self.yaml = yaml
        self.parser: Any = CParser(text)
        self.text = text
        self.spots: dict[Path, tuple[int, int, int, int]] | None = {} if positions else None
        self.flow = 0  # how many flow collections ([ ], { }) the current node is inside

    def build(self) -> tuple[Any, Positions | None]:
        yaml = self.yaml
        try:
            self.parser.get_event()  # StreamStart
            event = self.parser.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                raise YamlProblem(1, 1, "empty", "file holds no YAML document")
            self._document_start(event)
            root = self.parser.peek_event()
            if not isinstance(root, yaml.MappingStartEvent):
                line, col = _mark(root)
                raise YamlProblem(
                    line,
                    col,
                    "not-mapping",
                    "the file must be a mapping of keys, starting with 'kind:'",
                )
            value = self._node((), 0, None)
            self.parser.get_event()  # DocumentEnd
            event = self.parser.get_event()
            if not isinstance(event, yaml.StreamEndEvent):
                line, col = _mark(event)
                raise YamlProblem(line, col, "multi-document", "only one YAML document per file")
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            what = exc.problem or "malformed YAML"
            context = f" ({exc.context})" if exc.context else ""
            if _char_at(self.text, line, col) == "\t":
                # libyaml says "found character that cannot start any token": a
                # coordinator who pressed Tab needs to hear what the character is.
                what, context = "a tab where YAML needs spaces; indent with spaces, not tabs", ""
            elif what == "found unexpected end of stream" and exc.context_mark is not None:
                start = exc.context_mark
                context += (
                    f"; the quote opened at line {start.line + 1}, column {start.column + 1} "
                    "is never closed"
                    if exc.context == "while scanning a quoted scalar"
                    else ""
                )
            else:
                context += _SYNTAX_HINTS.get(what, "")
            raise YamlProblem(line, col, "syntax", f"YAML syntax: {what}{context}") from None
        except yaml.reader.ReaderError as exc:
            # libyaml's reader counts bytes of the UTF-8 it was given, not characters.
            offset = len(self.text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
            line, col = _offset_to_line_col(self.text, offset)
            raise YamlProblem(
                line, col, "control-char", f"control character U+{exc.character:04X} is not allowed"
            ) from None
        return value, Positions(self.spots) if self.spots is not None else None

    def _document_start(self, event: Any) -> None:
        if event.version is not None and event.version != (1, 2):
            line, col = _mark(event)
            version = ".".join(map(str, event.version))
            raise YamlProblem(
                line,
                col,
                "yaml-version",
                f"%YAML {version} is not supported; lofte reads YAML 1.2 (remove the directive)",
            )
        if event.tags:
            line, col = _mark(event)
            raise YamlProblem(line, col, "tag", "%TAG directives are not allowed")

    def _node(self, path: Path, depth: int, key_spot: tuple[int, int] | None) -> Any:
        yaml = self.yaml
        event = self.parser.get_event()
        line, col = event.start_mark.line + 1, event.start_mark.column + 1
        if self.spots is not None:
            kl, kc = key_spot or (line, col)
            self.spots[path] = (kl, kc, line, col)
        kind = type(event)
        if kind is yaml.AliasEvent:
            raise YamlProblem(
                line, col, "alias", "aliases (*name) are not allowed; write the value out"
            )
        if event.anchor is not None:
            raise YamlProblem(line, col, "anchor", f"anchors (&{event.anchor}) are not allowed")
        if event.tag is not None:
            raise YamlProblem(line, col, "tag", f"tags ({event.tag}) are not allowed")
        if kind is yaml.ScalarEvent:
            return self._scalar(event, line, col)
        if depth >= MAX_DEPTH:
            raise YamlProblem(line, col, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
        flow = 1 if event.flow_style else 0
        self.flow += flow
        if kind is yaml.SequenceStartEvent:
            items: list[Any] = []
            while not self.parser.check_event(yaml.SequenceEndEvent):
                items.append(self._node((*path, len(items)), depth + 1, None))
            self.parser.get_event()
            self.flow -= flow
            return items
        mapping = self._mapping(path, depth)
        self.flow -= flow
        return mapping

    def _scalar(self, event: Any, line: int, col: int) -> Any:
        """A scalar's value, after the rules on what libyaml would misread."""
        style = event.style
        if not style:  # libyaml reports a plain scalar's style as ''
            start = event.start_mark.index
            if self.flow and start and self.text[start - 1] == "?":
                raise YamlProblem(
                    line,
                    col - 1,
                    "flow-question",
                    "a plain value starting with '?' inside [ ] or { } is read as a key by "
                    "some YAML readers and as text by others; quote it",
                )
            try:
                return resolve_plain(event.value)
            except NumberTooLong as exc:
                raise YamlProblem(line, col, "number", str(exc)) from None
        if style in "|>" and _GLUED_HEADER.match(self.text, event.start_mark.index):
            raise YamlProblem(line, col, "comment", _GLUED_COMMENT)
        if style in "\"'":
            end = event.end_mark.index
            if self.text[end : end + 1] == "#":
                raise YamlProblem(
                    event.end_mark.line + 1,
                    event.end_mark.column + 1,
                    "comment",
                    _GLUED_COMMENT,
                )
            bad = _ESCAPED_CONTROL.search(event.value) if style == '"' else None
            if bad:
                raise YamlProblem(
                    line,
                    col,
                    "control-char",
                    f"control character U+{ord(bad.group()):04X} (written as an escape) "
                    "is not allowed",
                )
        return event.value

    def _mapping(self, path: Path, depth: int) -> dict[str, Any]:
        yaml = self.yaml
        mapping: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        while not self.parser.check_event(yaml.MappingEndEvent):
            event = self.parser.get_event()
            line, col = event.start_mark.line + 1, event.start_mark.column + 1
            if type(event) is not yaml.ScalarEvent:
                if type(event) is yaml.AliasEvent:
                    raise YamlProblem(line, col, "alias", "aliases (*name) are not allowed")
                raise YamlProblem(
                    line, col, "key", "a key must be plain text, not a list or mapping"
                )
            if event.anchor is not None or event.tag is not None:
                raise YamlProblem(line, col, "tag", "anchors and tags are not allowed on keys")
            key = self._scalar(event, line, col)
            if not isinstance(key, str):
                raise YamlProblem(line, col, "key", f"key {event.value!r} must be text; quote it")
            if key == "<<" and not event.style:
                raise YamlProblem(line, col, "merge", "merge keys (<<) are not allowed")
            if key in mapping:
                raise YamlProblem(
                    line,
                    col,
                    "duplicate-key",
                    f"duplicate key {key!r} (first at line {first_seen[key]})",
                )
            first_seen[key] = line
            mapping[key] = self._node((*path, key), depth + 1, (line, col))
        self.parser.get_event()
        return mapping


def _mark(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


#: What a coordinator can do about libyaml's most frequent messages, most often
#: from a line indented differently from its neighbours.
_INDENT = "; check that this line is indented like the lines it belongs with"
_SYNTAX_HINTS = {
    "did not find expected key": _INDENT,
    "did not find expected '-' indicator": _INDENT,
    "mapping values are not allowed in this context": (
        "; a line indented too far, or a text holding ': ' that needs quotes"
    ),
}


def _char_at(text: str, line: int, col: int) -> str:
    """The character at a 1-based line and column, or "" past the text."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines) or not 1 <= col <= len(lines[line - 1]):
        return ""
    return lines[line - 1][col - 1]


def _offset_to_line_col(text: str, offset: int) -> tuple[int, int]:
    head = text[:offset]
    return head.count("\n") + 1, offset - (head.rfind("\n") + 1) + 1


def problem_diagnostic(path: str, problem: YamlProblem) -> Diagnostic:
    """The `Diagnostic` for a refused input."""
    return Diagnostic(path, problem.line, problem.col, problem.code, problem.message)


def roundtrip_yaml() -> YAML:
    """The project's one configured round-trip `YAML()` (ruamel), matching our files' style.

    It serves writing only, never bulk reading: it is slow, and in its
    round-trip mode it keeps arbitrary tags.  Our files indent mappings by
    two, and list dashes by two under their key with content at four.
    """
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml
