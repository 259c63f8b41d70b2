"""The site's Atom feed (RFC 4287): one entry per follow-up, newest first.

Built with the standard library's ElementTree, which escapes every text and
attribute, so nothing from a promise file can break the XML.  Each entry's id
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
    feed links to them relative to itself.
    """
    import posixpath
    import xml.etree.ElementTree as ET

    from lofte.render.siteview import href

    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = clean(text)
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})
    sub(feed, "id", f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}")
    sub(feed, "title", title)
    newest = entries[0].date if entries else as_of
    sub(feed, "updated", _stamp(newest))
    sub(feed, "link", rel="self", href=posixpath.basename(path), type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=href(path, home), type="text/html")
    name = sub(feed, "author")
    sub(name, "name", author)
    sub(feed, "generator", "lofte")
    for entry in entries:
        item = sub(feed, "entry")
        sub(item, "id", entry.id)
        sub(item, "title", entry.title)
        sub(item, "updated", _stamp(entry.date))
        sub(item, "link", rel="alternate", href=href(path, entry.href), type="text/html")
        who = sub(item, "author")
        sub(who, "name", entry.author)
        sub(item, "summary", entry.text, type="text")
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


__all__ = ["Entry", "atom", "newest_first"]
