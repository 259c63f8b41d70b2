"""Proof, before any write, that the new bytes are the old file plus exactly one record.

Three checks, each cheap next to the cost of a wrong write:

1. the bytes: the new file is the old one with one run of whole lines
   inserted, and not a byte else changed;
2. the data: read back with the one hardened reader, the document equals
   the old one with the record appended to the activity's progress (same
   keys in the same order, same types: ``yes`` stays text, ``1`` an int);
3. the rules: the new file validates as a whole, like `lofte validate`.

For a record in an activity, the read-back of check 2 parses the new bytes
only as far as the end of the activity (`yamlio.read_node`): the bytes
before it are the old file's, and so are the bytes after it, where the parse
must go on at the same place, the inserted lines further down.  Then the
parser is in the same state on the same bytes and reads the rest as it did:
the whole document is the old one with the activity read back, which must be
the old activity plus the record.  Whenever that cannot be shown (a
document-level list, anything the fast reader is unsure of, the parse going
on anywhere else) the whole file is read back, as before.  So a record reads
the file once, not twice (docs/performance.md).
"""

from __future__ import annotations

from typing import Any

from lofte.errors import errors_in
from lofte.read.loader import Loaded, Workspace, load_bytes, load_data
from lofte.write.record_input import Refused
from lofte.write.splice import Splice


def verify(
    old: Loaded,
    spliced: Splice,
    path: tuple[str | int, ...],
    entry: dict[str, Any],
    workspace: Workspace,
    key: str = "progress",
) -> Loaded:
    """The new file, loaded, once proven; raises `Refused` otherwise."""
    from lofte.rules.core import run_rules

    if not is_line_insertion(old.raw, spliced):
        raise _internal("the change is not a pure insertion of lines")
    expected = with_record(old.data, path, entry, key)
    # Read back afresh, never from the cache: this read is the proof.  What it
    # gives is kept there, so that the next record finds the file as written.
    if path and read_back_in_place(old, spliced, path, expected):
        new, problems = load_data(old.path, spliced.data, old.display, expected)
    else:
        new, problems = load_bytes(old.path, spliced.data, old.display)
        if new is not None and not same(expected, new.data):
            raise _internal("the file read back is not the old one plus the record")
    if new is None:
        raise Refused(f"the new record would make the file invalid: {problems[0].message}")
    if workspace.cache is not None:
        workspace.cache.put(new.raw, new.data)  # a document cache keeps no plain data
        workspace.cache.put_loaded(new.raw, new.data, new.document)
    problems = errors_in(run_rules(new, workspace))
    if problems:
        raise Refused(f"the new record would make the file invalid: {problems[0].message}")
    return new


def read_back_in_place(
    old: Loaded, spliced: Splice, path: tuple[str | int, ...], expected: Any
) -> bool:
    """Whether the node at ``path`` reads back from the new bytes as ``expected`` has it,
    starting where it did, with the parse going on after it where it did in the old
    file, the new lines further on.

    So the lines went in between the node's start and the event after it; the
    bytes before are the old file's, and so are the bytes after, which the
    parser reads in the same state.  Both files are parsed only as far as the
    event after the node.  False (the caller then reads the whole file back)
    whenever that is not shown.
    """
    from lofte.read.yamlio import read_node

    after = read_node(spliced.data, path)
    before = read_node(old.raw, path, accepted=True) if after is not None else None
    if before is None or after is None:
        return False
    (was, was_start, was_next), (now, now_start, now_next) = before, after
    shift = _breaks(spliced.inserted)
    return (
        now_start == was_start
        and now_next == (was_next[0] + shift, was_next[1], was_next[2])
        and same(was, _at(old.data, path))
        and same(now, _at(expected, path))
    )


def _breaks(text: bytes) -> int:
    """The line breaks in ``text`` as YAML counts them (``\r\n`` is one)."""
    return text.count(b"\n") + text.count(b"\r") - text.count(b"\r\n")


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _internal(what: str) -> Refused:
    return Refused(f"internal error: {what}; nothing was written (please report this)")


def is_line_insertion(old: bytes, spliced: Splice) -> bool:
    """Whether ``spliced`` is ``old`` with whole lines inserted at one place, nothing else."""
    at, added, new = spliced.offset, spliced.inserted, spliced.data
    # At a line's start; or at the end of a file without a final newline, the
    # new lines then starting with one (never glued onto the last line).
    starts = added.startswith((b"\n", b"\r"))
    whole = at == 0 or old[at - 1 : at] in (b"\n", b"\r") or (at == len(old) and starts)
    lines = added.endswith((b"\n", b"\r")) or (at == len(old) and starts)
    return bool(added) and whole and lines and new == old[:at] + added + old[at:]


def with_record(
    data: Any, path: tuple[str | int, ...], entry: dict[str, Any], key: str = "progress"
) -> Any:
    """A copy of ``data`` with ``entry`` appended to the list ``key`` at ``path``.

    Only the containers along the path are copied; the rest is shared.
    """
    if not path:
        mapping = dict(data)
        mapping[key] = [*mapping.get(key, []), entry]
        return mapping
    copy: Any = list(data) if isinstance(data, list) else dict(data)
    copy[path[0]] = with_record(data[path[0]], path[1:], entry, key)
    return copy


def same(a: Any, b: Any) -> bool:
    """Equal, with equal types and equal key order all the way down (``1 != True`` here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b) or (a != a and b != b)  # NaN equals NaN here
