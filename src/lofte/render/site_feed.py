"""The site's Atom feed (RFC 4287): one entry per follow-up, newest first.

Every text and attribute is cleaned of control characters (which XML 1.0
cannot hold) and XML-escaped, so nothing from a promise file can break it.  Each entry's id
is a name-based UUID (RFC 4122, version 5) of where the follow-up sits —
municipality, file, activity, date and its place among that day's records —
so it stays the same from build to build and a reader never sees an entry
twice.  Links are relative to the feed's own address, as Atom allows, so the
feed works wherever the site is published.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from lofte.render.escape import clean

ATOM = "http://www.w3.org/2005/Atom"
#: The namespace of lofte's entry ids: uuid5(NAMESPACE_URL, "https://lofte.invalid/feed").
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://lofte.invalid/feed")


@dataclass(frozen=True)
class Entry:
    """One follow-up in the feed."""

    key: str  # what the id is made from: strangnas/2020/insatser/2020-05-12/1
    date: dt.date
    title: str
    text: str
    href: str  # the page and anchor it is on, relative to the site's root
    author: str

    @property
    def id(self) -> str:
        """The entry's stable id."""
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, self.key)}"


def newest_first(entries: list[Entry]) -> list[Entry]:
    """Newest first; on the same day in a fixed order, so the bytes never change."""
    return sorted(entries, key=lambda e: (-e.date.toordinal(), e.key))


def atom(
    *,
    key: str,
    path: str,
    title: str,
    lang: str,
    home: str,
    entries: list[Entry],
    as_of: dt.date,
    author: str,
) -> bytes:
    """The feed at ``path`` (relative to the site's root) as UTF-8 bytes with an XML declaration.

    ``home`` and the entries' links are relative to the site's root too; the
    feed links to them relative to itself.  Written as text, every value
    through `_text` or `_attr` (XML escaping of cleaned text): a site's feeds
    hold tens of thousands of entries, and ElementTree took a tenth of the build.
    """
    import posixpath

    from lofte.render.siteview import href

    newest = entries[0].date if entries else as_of
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<feed xmlns="{ATOM}" xml:lang={_attr(lang)}>\n',
        f"  <id>urn:uuid:{uuid.uuid5(NAMESPACE, key)}</id>\n",
        f"  <title>{_text(title)}</title>\n",
        f"  <updated>{_stamp(newest)}</updated>\n",
        f'  <link rel="self" href={_attr(posixpath.basename(path))} '
        'type="application/atom+xml" />\n',
        f'  <link rel="alternate" href={_attr(href(path, home))} type="text/html" />\n',
        f"  <author>\n    <name>{_text(author)}</name>\n  </author>\n",
        "  <generator>lofte</generator>\n",
    ]
    for entry in entries:
        out += [
            "  <entry>\n",
            f"    <id>{entry.id}</id>\n",
            f"    <title>{_text(entry.title)}</title>\n",
            f"    <updated>{_stamp(entry.date)}</updated>\n",
            f'    <link rel="alternate" href={_attr(href(path, entry.href))} type="text/html" />\n',
            f"    <author>\n      <name>{_text(entry.author)}</name>\n    </author>\n",
            f'    <summary type="text">{_text(entry.text)}</summary>\n',
            "  </entry>\n",
        ]
    out.append("</feed>\n")
    return "".join(out).encode("utf-8")


def _text(value: str) -> str:
    from xml.sax.saxutils import escape

    return escape(clean(value))


def _attr(value: str) -> str:
    from xml.sax.saxutils import quoteattr

    return quoteattr(clean(value))


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


__all__ = ["Entry", "atom", "newest_first"]
