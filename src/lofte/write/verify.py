"""Proof, before any write, that the new bytes are the old file plus exactly one record.

Three checks, each cheap next to the cost of a wrong write:

1. the bytes: the new file is the old one with one run of whole lines
   inserted, and not a byte else changed;
2. the data: read back with the one hardened reader, the document equals
   the old one with the record appended to the activity's progress (same
   keys in the same order, same types: ``yes`` stays text, ``1`` an int);
3. the rules: the new file validates as a whole, like `lofte validate`.
"""

from __future__ import annotations

from typing import Any

from lofte.errors import errors_in
from lofte.read.loader import Loaded, Workspace, load_bytes
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
    new, problems = load_bytes(old.path, spliced.data, old.display)
    if new is None:
        raise Refused(f"the new record would make the file invalid: {problems[0].message}")
    if not same(with_record(old.data, path, entry, key), new.data):
        raise _internal("the file read back is not the old one plus the record")
    problems = errors_in(run_rules(new, workspace))
    if problems:
        raise Refused(f"the new record would make the file invalid: {problems[0].message}")
    return new


def _internal(what: str) -> Refused:
    return Refused(f"internal error: {what}; nothing was written (please report this)")


def is_line_insertion(old: bytes, spliced: Splice) -> bool:
    """Whether ``spliced`` is ``old`` with whole lines inserted at one place, nothing else."""
    at, added, new = spliced.offset, spliced.inserted, spliced.data
    whole = at == 0 or old[at - 1 : at] in (b"\n", b"\r") or at == len(old)
    lines = added.endswith((b"\n", b"\r")) or (at == len(old) and added.startswith((b"\n", b"\r")))
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
