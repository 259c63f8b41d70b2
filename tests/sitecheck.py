"""Checks of a built site with the standard library's HTML parser: links, anchors, languages.

`broken_links` proves every internal link and anchor of every page resolves,
and that no page links outside the site except by an absolute http(s) URL
(relative links only, so the site works from file:// and under any sub-path).
`language_of_parts` proves that on pages in another language the Swedish
texts of the promise files stand inside an element marked lang="sv".
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

VOID = {"meta", "link", "br", "img", "input", "hr", "area", "base", "col", "source", "wbr"}


@dataclass
class Parsed:
    """What one page holds: its ids, its links, and its text with the language it is in."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)  # (language, text)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Parsed()
        self.stack: list[tuple[str, str]] = []  # (tag, language)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(str(values["id"]))
        for key in ("href", "src"):
            if values.get(key) is not None:
                self.page.links.append(str(values[key]))
        lang = values.get("lang") or (self.stack[-1][1] if self.stack else "")
        if tag not in VOID:
            self.stack.append((tag, str(lang)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(str(values["id"]))
        for key in ("href", "src"):
            if values.get(key) is not None:
                self.page.links.append(str(values[key]))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and self.stack and self.stack[-1][0] not in ("style", "script"):
            self.page.texts.append((self.stack[-1][1], " ".join(data.split())))


def parse(path: Path) -> Parsed:
    """One page, parsed."""
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def broken_links(root: Path) -> list[str]:
    """Every internal link or anchor of every page under ``root`` that does not resolve."""
    pages = {p.relative_to(root).as_posix(): parse(p) for p in sorted(root.rglob("*.html"))}
    broken = []
    for name, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") and parts.netloc:
                continue  # an evidence link or a source document: outside the site
            if parts.scheme or parts.netloc or link.startswith("/"):
                broken.append(f"{name}: {link}: not a relative link")
                continue
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(name), unquote(parts.path))
            )
            if not parts.path:
                target = name
            if target.startswith("../") or not (root / target).is_file():
                broken.append(f"{name}: {link}: no such file")
                continue
            if parts.fragment:
                ids = pages[target].ids if target in pages else set()
                if parts.fragment not in ids:
                    broken.append(f"{name}: {link}: no such anchor")
    return broken


def unmarked(page: Path, sources: set[str]) -> list[str]:
    """Texts of ``page`` that are one of the Swedish ``sources`` but not inside lang="sv"."""
    found = []
    for lang, text in parse(page).texts:
        if lang != "sv" and any(source in text for source in sources):
            found.append(text)
    return found
