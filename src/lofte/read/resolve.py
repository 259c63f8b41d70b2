"""YAML 1.2 core-schema typing of plain scalars, and the reader's size limits.

Shared by the careful reader (`yamlio`) and its fast path (`fastread`), so that
both type a scalar the same way and neither imports the other's internals.
"""

from __future__ import annotations

import re
from typing import Any

#: A promise file is kilobytes; even a national repository's largest, with
#: years of records, stays far below this.  Bigger input is refused unread.
MAX_BYTES = 2 * 1024 * 1024
#: The format nests about eight levels deep.
MAX_DEPTH = 48
#: One rule for every plain scalar that reads as a number (decimal, ``0o``,
#: ``0x``, a float): over this many characters it is refused, never turned
#: into text or converted (Python's int conversion has a 4,300-digit limit and
#: a long one takes quadratic time).  Quote it to make it text.
MAX_NUMBER_CHARS = 64


class NumberTooLong(ValueError):
    """A plain scalar that reads as a number is longer than `MAX_NUMBER_CHARS`."""


_INT10 = re.compile(r"[-+]?[0-9]+\Z")
_INT8 = re.compile(r"0o[0-7]+\Z")
_INT16 = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)\Z")
_NULLS = frozenset({"~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})


def resolve_plain(text: str) -> Any:
    """Type a plain (unquoted) scalar by the YAML 1.2 core schema."""
    if not text:
        return None
    first = text[0]
    if first in "0123456789+-.":
        if _INT10.match(text):
            kind = 10
        elif first == "0" and (_INT8.match(text) or _INT16.match(text)):
            kind = 8 if text[1] == "o" else 16
        elif _FLOAT.match(text):
            kind = 0
        elif len(text) <= 5 and _INF.match(text):
            return float("-inf") if first == "-" else float("inf")
        elif len(text) == 4 and _NAN.match(text):
            return float("nan")
        else:
            return text
        if len(text) > MAX_NUMBER_CHARS:
            raise NumberTooLong(
                f"number is longer than {MAX_NUMBER_CHARS} characters; quote it if it is text"
            )
        if kind == 0:
            return float(text)
        return int(text, 10) if kind == 10 else int(text[2:], kind)
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return text
