"""Making recorded text inert in Markdown and HTML, and deciding which links may be links.

Everything in a report that comes from a promise file is somebody's typing:
activity texts, notes, places, partners, evidence links.  Published as is on a
municipality's website, it must not be able to add markup, scripts, links or
invisible reordering.  HTML text is escaped by Jinja2's autoescape; this module
adds what autoescape does not do (invisible characters, link schemes) and does
for Markdown what autoescape does for HTML.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

# Characters that change how text displays without being seen: bidi overrides
# and isolates (the "Trojan Source" trick), zero-width joiners and spaces,
# the BOM, the soft hyphen.  They are dropped; line and paragraph separators
# become spaces.
_INVISIBLE = dict.fromkeys(
    [
        0x00AD,
        0x061C,
        0x180E,
        *range(0x200B, 0x2010),  # zero-width space/non-joiner/joiner, LRM, RLM
        *range(0x202A, 0x202F),  # LRE RLE PDF LRO RLO
        *range(0x2060, 0x2065),  # word joiner, invisible operators
        *range(0x2066, 0x206A),  # LRI RLI FSI PDI
        0xFEFF,
    ]
)
_SPACES = re.compile(r"[\s\u2028\u2029]+")

# Markdown syntax that can act anywhere in a line: emphasis, code, links and
# images, raw HTML and autolinks, entities, tables, strikethrough, maths.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$])")
# Syntax that acts only at the start of a line: headings, quotes, lists,
# thematic breaks, setext underlines, ordered list numbers.
_LINE_START = re.compile(r"^([#>+\-=]|\d{1,9}(?=[.)]))")
# Characters RFC 3986 never allows unencoded in a URL: a link holding one is
# refused rather than guessed at.
_NOT_URL = re.compile(r'[\s"<>\\^`{}|]')


# The control characters (Unicode category Cc: C0, DEL and C1) but tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Either kind: what `clean` has anything to do about.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(f"\\u{c:04x}" for c in sorted(_INVISIBLE)) + "]"
)


def clean(text: str) -> str:
    """Text without control, bidi and zero-width characters; whitespace runs kept as they are.

    One regular expression, not a look-up per character: a site renders
    millions of values (the same characters as ``unicodedata.category(ch) ==
    "Cc"``, which a test checks).
    """
    if _UNSAFE.search(text) is None:  # nearly always: one scan, no copy
        return text
    return _CONTROL.sub(" ", text.translate(_INVISIBLE))


# What `html_text` has anything to do about: what `clean` drops, and HTML's specials.
_HTML_WORK = re.compile(_UNSAFE.pattern[:-1] + "&<>'\"]")


def html_text(value: object) -> str:
    """Any value as HTML text, cleaned then escaped: ``escape(clean(value))`` in one step.

    The same characters as markupsafe's ``escape`` after `clean` (a test
    compares them); already-safe text (Markup, ``__html__``) passes as it is.
    Text with nothing to clean or escape (nearly all of it) is returned as it
    is, after one scan: a site renders millions of values.
    """
    kind = type(value)
    if kind is str:
        text: str = value  # type: ignore[assignment]
        if _HTML_WORK.search(text) is None:
            return text
        return str(escape(clean(text)))
    if kind is Markup:
        return value  # type: ignore[return-value]
    if kind is int:
        return str(value)
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return str(escape(clean(value)))
    return str(escape(value))


def one_line(text: str) -> str:
    """Clean text with every run of whitespace (newlines too) made one space."""
    return _SPACES.sub(" ", clean(text)).strip()


# What makes GitHub's renderer (cmark-gfm's autolink extension) and
# markdown-it's linkify turn plain text into a link: a scheme's "://", a
# "www.", and a scheme-relative "//host".  One backslash escape breaks each.
_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)|(?<![A-Za-z0-9])(www)(\.)|(?<![:/])(/)(?=/)")


def _break_autolink(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\:"
    if match.group(2):
        return "www\\."
    return "/\\"


def md_text(value: object) -> Markup:
    """Any value as inert Markdown inline text: it renders as exactly these characters."""
    if isinstance(value, Markup):
        return value
    text = _INLINE.sub(r"\\\1", one_line(str(value)))
    text = _AUTOLINK.sub(_break_autolink, text)
    # A digit run before "." or ")" is escaped on its dot; everything else on its first char.
    match = _LINE_START.match(text)
    if match:
        if match.group(1)[0].isdigit():
            end = match.end()
            text = f"{text[:end]}\\{text[end:]}"
        else:
            text = "\\" + text
    return Markup(text)


def md_cell(value: object) -> Markup:
    """Any value as the content of one Markdown table cell (pipes and newlines included)."""
    # md_text already escapes pipes and folds newlines, which is all a GFM cell
    # needs beyond inline escaping; an empty cell keeps the table's shape.
    text = md_text(value)
    return text if text else Markup(" ")


def safe_link(url: object) -> str | None:
    """The URL if it may be a link in a published report, else None.

    Only absolute ``http``/``https`` URLs with a host and no user name are
    links: ``javascript:``, ``data:``, ``file:``, relative and
    scheme-relative URLs are shown as text only, and so is
    ``https://polisen.se@example.com``, whose host is not what it seems.
    """
    text = str(url).strip()
    if not text or text != one_line(text) or _NOT_URL.search(text):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or "@" in parts.netloc:
        return None
    if not parts.netloc.isascii():
        # A host with non-ASCII letters (a Cyrillic "о" in "pоlisen.se") is
        # shown as punycode, as browsers do, so it cannot pass for another.
        try:
            ascii_host = parts.netloc.encode("idna").decode("ascii")
        except UnicodeError:
            return None
        text = parts._replace(netloc=ascii_host).geturl()
    return text


def md_code(value: object) -> Markup:
    """Any value as a Markdown code span: shown as is, and never made a link by any renderer.

    Refused links are shown so: as text, GitHub's renderer makes an e-mail link
    of ``polisen.se@evil.example`` even with every character escaped.
    """
    # A pipe would end a table cell, code span or not; GFM reads "\\|" there as "|".
    text = one_line(str(value)).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return Markup(f"{fence}{pad}{text}{pad}{fence}") if text else Markup("")


def md_link(url: object) -> Markup:
    """An evidence link in Markdown: ``<https://…>`` when safe, else escaped text."""
    link = safe_link(url)
    if link is None:
        return md_code(url)
    # safe_link refused "<", ">" and "|", the characters that would end an
    # autolink or split a table cell.
    return Markup(f"<{link}>")
