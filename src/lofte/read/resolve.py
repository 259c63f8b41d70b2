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
#: Longer digit strings would hit Python's int-conversion limit.
_MAX_NUMBER_CHARS = 64

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
        if len(text) <= _MAX_NUMBER_CHARS:
            if _INT10.match(text):
                return int(text, 10)
            if _FLOAT.match(text):
                return float(text)
            if _INF.match(text):
                return float("-inf") if first == "-" else float("inf")
            if _NAN.match(text):
                return float("nan")
        if first == "0" and (_INT8.match(text) or _INT16.match(text)):
            if len(text) > _MAX_NUMBER_CHARS:
                raise ValueError("number too long")
            return int(text[2:], 8 if text[1] == "o" else 16)
        return text
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return text
