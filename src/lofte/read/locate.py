"""Pydantic errors → located, friendly diagnostics.

Pydantic reports a problem at a ``loc`` such as
``('medborgarlofte', 'promises', 0, 'activities', 1, 'target', 'count', 'at_least')``:
the path into the data, with the tags of discriminated unions mixed in.
`data_path` strips the tags by walking the data itself; `allowed_keys`
walks the models to suggest the key that was meant.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel

from lofte.model import VAGUE_WORDS, describe
from lofte.read.yamlio import Path, Positions

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


#: Keys whose value is a list of words or ids, where one word alone is a common slip
#: (`responsible: polisen`); lists of mappings (`signatories`) get no such hint.
_WORD_LISTS = frozenset(
    {
        "responsible",
        "promised_by",
        "places",
        "partners",
        "affects",
        "items",
        "focus",
        "sources",
        "published_on",
        "channels",
        "expected_effects",
        "goals",
    }
)


def data_path(data: Any, loc: tuple[int | str, ...]) -> Path:
    """The part of ``loc`` that indexes into ``data`` (union tags dropped)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and part not in _tags_of(node):
            # A key pydantic names but the data lacks (missing or extra): keep
            # it so the message can name it; the position falls back to the parent.
            path.append(part)
            node = None
    return tuple(path)


def _tags_of(node: dict[str, Any]) -> set[str]:
    from lofte.model import SHAPE_TAGS

    kind = node.get("kind")
    return {kind, *SHAPE_TAGS} if isinstance(kind, str) else set(SHAPE_TAGS)


def message_for(error: Any, root_model: Any, loc: tuple[int | str, ...]) -> str:
    """A one-line message for one pydantic error dict."""
    kind = error["type"]
    value = error.get("input")
    key = loc[-1] if loc else None
    if kind == "extra_forbidden":
        hint = ""
        allowed = allowed_keys(root_model, loc[:-1]) if root_model else []
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        if close:
            hint = f"; did you mean {close[0]!r}?"
        elif allowed:
            hint = f"; expected one of: {', '.join(sorted(allowed))}"
        return f"unknown key {key!r}{hint}"
    if kind == "missing":
        return f"missing required key {key!r}"
    if kind in _TYPE_WORDS:
        hint = ""
        if key in ("at_least", "exactly", "at_most") and value in VAGUE_WORDS:
            # "flera riktade insatser": an amount the source states without a number.
            hint = f"; for an amount without a number write 'vague: {value}' instead of {key!r}"
        elif kind == "model_type" and isinstance(value, list) and loc[-2:-1] == ("places",):
            # `kommundelar: [Centrum, Norr]`: a place list holds its items under `items:`.
            hint = f"; write a place list as '{key}: {{items: [...]}}'"
        elif kind == "int_type" and isinstance(value, str) and value.strip().isdigit():
            hint = f"; write it without quotes: {value.strip()}"
        elif kind == "list_type" and isinstance(value, str) and key in _WORD_LISTS:
            # `responsible: polisen`: one item is still a list.
            hint = f"; write one item as a list too: '{key}: [{value}]'"
        elif key == "target" and isinstance(value, str):
            hint = f"; write '{key}: {{kind: {value}, ...}}'"
        return f"expected {_TYPE_WORDS[kind]}, got {describe(value)}{hint}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = [
            c.strip().strip("'") for c in expected.replace(" or ", ",").split(",") if c.strip()
        ]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"{describe(value)} is not allowed here; expected {expected}{hint}"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        ctx = error.get("ctx", {})
        expected = ctx.get("expected_tags", "")
        if kind == "union_tag_not_found":
            kinds = ", ".join(repr(t) for t in union_tags(root_model, loc))
            if not loc:
                return f"not a lofte file: no 'kind' key; expected 'kind:' with one of {kinds}"
            return f"missing 'kind'; expected one of {kinds}"
        tags = [t.strip().strip("'") for t in expected.split(",")]
        close = difflib.get_close_matches(str(ctx.get("tag", "")), tags, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"unknown kind {ctx.get('tag')!r}; expected one of {expected}{hint}"
    if kind == "string_pattern_mismatch":
        return (
            f"{describe(value)} is not a valid id; use lowercase letters, digits and single hyphens"
        )
    if kind == "greater_than":
        return f"expected a number above {error['ctx']['gt']}, got {describe(value)}"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return str(error["msg"])


def position(positions: Positions, path: Path, data: Any, error_type: str) -> tuple[int, int]:
    """Line and column for an error at ``path``."""
    if error_type == "extra_forbidden":
        return positions.key(path)
    if error_type == "missing" or _absent(data, path):
        return positions.key(path[:-1]) if path else (1, 1)
    return positions.value(path)


def _absent(data: Any, path: Path) -> bool:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return True
    return False


def _annotation_at(model: Any, loc: tuple[int | str, ...]) -> Any:
    """The (unwrapped) annotation at ``loc``, or None where the walk loses its way."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return None
    return _strip(current)


def allowed_keys(model: Any, loc: tuple[int | str, ...]) -> list[str]:
    """The keys the model accepts at ``loc`` (a pydantic loc, union tags included)."""
    current = _annotation_at(model, loc)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def union_tags(model: Any, loc: tuple[int | str, ...]) -> list[str]:
    """The ``kind`` values a discriminated union at ``loc`` accepts."""
    current = _annotation_at(model, loc)
    tags: list[str] = []
    for member in typing.get_args(current):
        field = getattr(_strip(member), "model_fields", {}).get("kind")
        if field is not None:
            tags.extend(typing.get_args(field.annotation))
    return tags


def _strip(annotation: Any) -> Any:
    """Unwrap Annotated and Optional."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) == 1:
                annotation = args[0]
                continue
        return annotation


def _step(annotation: Any, part: int | str) -> Any:
    current = _strip(annotation)
    origin = typing.get_origin(current)
    if origin in (typing.Union, types.UnionType):
        from lofte.model import SHAPE_TAGS

        for member in typing.get_args(current):
            member = _strip(member)
            if part == SHAPE_TAGS[1] and isinstance(member, type) and issubclass(member, BaseModel):
                return member
            kind = getattr(member, "model_fields", {}).get("kind")
            if kind is not None and part in typing.get_args(kind.annotation):
                return member
        return None
    if origin is list and isinstance(part, int):
        return typing.get_args(current)[0]
    if origin is dict and isinstance(part, str):
        return typing.get_args(current)[1]
    if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
        for name, field in current.model_fields.items():
            if part in (name, field.alias):
                return field.annotation
    return None
