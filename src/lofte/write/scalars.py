"""Text → YAML scalar source that every reader takes for the same string.

A value is written plain only when it is plainly text to a YAML 1.2 reader
(ours), to a YAML 1.1 reader (PyYAML, older tools: ``yes``, ``NO``, ``on``,
``12:30``, ``010`` are booleans and numbers there) and in flow context
(inside ``[...]`` and ``{...}``).  The test is deliberately narrow: a value
that starts with a letter and holds no YAML punctuation.  Everything else is
double-quoted, with YAML escapes for what a file cannot hold literally.
"""

from __future__ import annotations

# YAML 1.1 booleans and nulls, compared case-insensitively to be safe.
_YAML11_WORDS = frozenset(
    {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}
)
# Punctuation that can end a plain scalar, start a comment, or matter in flow context.
_UNSAFE = frozenset(":#,[]{}\"'\\`|>&*!%@?=~")


def is_plain_safe(text: str) -> bool:
    """Whether ``text`` may be written unquoted, in block and in flow context alike."""
    return (
        bool(text)
        and text[0].isalpha()
        and text == text.strip()
        and text.isprintable()
        and text.lower() not in _YAML11_WORDS
        and not any(ch in _UNSAFE for ch in text)
    )


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, escaping what must be escaped."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == " " or ch.isprintable():
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def scalar(value: str | int) -> str:
    """A record value as YAML source: whole numbers and ISO dates plain, text as needed."""
    if isinstance(value, int):
        return str(value)
    return value if is_plain_safe(value) else quoted(value)


def flow_list(values: list[str]) -> str:
    """``[a, "b: c"]``: the flow list the data files use for places and partners."""
    return "[" + ", ".join(scalar(v) for v in values) + "]"
