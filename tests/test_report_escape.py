"""Recorded text comes out inert: an XSS payload and Markdown syntax in a promise file."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from markdown_it import MarkdownIt

from conftest import ROOT, run_cli
from lofte.render.escape import clean, md_cell, md_link, md_text, safe_link
from lofte.render.report import environment
from lofte.report import report

FIXTURES = ROOT / "tests" / "fixtures" / "report" / "data"

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)"><!-- x'
MARKDOWN = (
    "# rubrik | cell\n- lista *fet* _kursiv_ `kod` [länk](javascript:alert(3)) ![b](x.png) \\"
)
BIDI = "ok\u202egnp.exe\u200b\u2066\x07\x1b[31m"
EVIL = XSS + " " + MARKDOWN + " " + BIDI
# The reader refuses control characters, escaped ones too (issue 16), so a
# file can no longer hold BEL or ESC; the renderer's own cleaning of them is
# tested on the environment directly.
FILE_EVIL = EVIL.replace("\x07", "").replace("\x1b", "")


def _yaml_quote(text: str) -> str:
    # A double-quoted YAML scalar: escape what YAML needs, keep the rest literal.
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    escaped = escaped.replace("\u202e", "\\u202E").replace("\u200b", "\\u200B")
    escaped = escaped.replace("\u2066", "\\u2066").replace("\x07", "\\a").replace("\x1b", "\\e")
    return f'"{escaped}"'


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The made-up data with a payload in every kind of text the report shows."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    evil = _yaml_quote(FILE_EVIL)
    path = data / "2022.yaml"
    text = path.read_text("utf-8")
    text = text.replace("title: Tryggare centrum", f"title: {evil}")
    text = text.replace(
        "text: Polisen genomför trafikkontroller i kommunens samtliga kommundelar.",
        f"text: {evil}",
    )
    text = text.replace(
        "note: Två vandringar i hamnen, den ena på kvällstid.",
        f"note: {evil}\n            deviation: {evil}\n            link: "
        + _yaml_quote("javascript:alert(4)"),
    )
    text = text.replace(
        "places: [Hamnen]\n            partners:", f"places: [{evil}]\n            partners:"
    )
    text = text.replace(
        "link: https://exempelby.invalid/nyheter/foraldramote",
        "link: " + _yaml_quote('https://x.invalid/"><script>alert(5)</script>'),
    )
    text = text.replace("- Färre unga börjar använda narkotika.", f"- {evil}")
    text = text.replace("name: Anna Andersson", f"name: {evil}")
    path.write_text(text, "utf-8")
    assert run_cli("validate", "--data-dir", str(data)).code == 0
    return data


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def _assert_inert(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    names = {tag for tag, _ in parser.tags}
    assert not names & {"script", "img", "iframe", "object", "embed", "svg", "math"}
    for tag, attrs in parser.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("https://", "http://", "#")), (tag, attrs)
    assert parser.comments == []
    visible = "".join(parser.text)
    assert "\u202e" not in visible and "\u200b" not in visible and "\x1b" not in visible
    return parser


def test_xss_payload_is_inert_in_html(hostile: Path) -> None:
    result = run_cli(
        "report", "2022", "-f", "html", "--as-of", "2023-01-15", "--data-dir", str(hostile)
    )
    assert result.code == 0, result.err
    parser = _assert_inert(result.out)
    visible = "".join(parser.text)
    # The payload is shown, as text: nothing of it is lost or run.
    assert '<script>alert(1)</script><img src=x onerror="alert(2)">' in visible
    assert "[länk](javascript:alert(3))" in visible
    assert "okgnp.exe" in visible  # the bidi override and zero-width space are gone
    assert "javascript:alert(4)" in visible  # shown as text, not a link
    assert not any(a.get("href", "").startswith("javascript") for _, a in parser.tags)
    links = [a for tag, a in parser.tags if tag == "a"]
    assert links == []  # both evidence links were refused: a script scheme, a broken URL


def test_xss_and_markdown_syntax_are_inert_in_markdown(hostile: Path) -> None:
    result = run_cli("report", "2022", "--as-of", "2023-01-15", "--data-dir", str(hostile))
    assert result.code == 0, result.err
    # Rendered by a CommonMark renderer that passes raw HTML through, with GFM tables:
    # what a permissive website would do with the file.
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(result.out)
    parser = _assert_inert(html)
    visible = "".join(parser.text)
    assert '<script>alert(1)</script><img src=x onerror="alert(2)"><!-- x' in visible
    assert "# rubrik | cell - lista *fet* _kursiv_ `kod` [länk](javascript:alert(3))" in visible
    headings = [t for t, _ in parser.tags if t in {"h1", "h2", "h3", "h4"}]
    plain = run_cli(
        "report", "2022", "--as-of", "2023-01-15", "--data-dir", str(FIXTURES.parent / "data")
    )
    clean_html = MarkdownIt("commonmark", {"html": True}).enable("table").render(plain.out)
    assert len(headings) == len(
        [t for t, _ in _assert_inert(clean_html).tags if t in {"h1", "h2", "h3", "h4"}]
    )
    for tag in ("em", "strong", "code", "img", "table"):
        count = sum(1 for t, _ in parser.tags if t == tag)
        expected = sum(1 for t, _ in _assert_inert(clean_html).tags if t == tag)
        if tag == "code":
            expected += 2  # the two refused evidence links are shown as code spans
        assert count == expected, tag  # the payload added no emphasis, code, image or table


def test_select_autoescape_would_render_report_html_j2_raw(hostile: Path) -> None:
    # select_autoescape() decides by the file name's ending, and ".j2" is not ".html".
    assert jinja2.select_autoescape()("report.html.j2") is False
    context, problems = report("2022", hostile, "2023-01-15", None, "sv")
    assert context is not None and problems == []
    ours = environment("html", "sv")
    # The same environment, templates and filters, with autoescape left to select_autoescape().
    naive = ours.overlay(autoescape=jinja2.select_autoescape())
    raw = naive.get_template("report.html.j2").render(report=context)
    assert "<script>alert(1)</script>" in raw  # the payload would run
    escaped = ours.get_template("report.html.j2").render(report=context)
    assert "<script>alert(1)</script>" not in escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in escaped


def test_markdown_environment_escapes_every_expression_by_default() -> None:
    env = environment("md", "sv")
    assert env.from_string("{{ x }}").render(x="*fet* <b>") == r"\*fet\* \<b\>"
    assert env.from_string("{{ x|cell }}").render(x="a|b\nc") == r"a\|b c"


def test_the_built_in_html_environment_escapes_as_stock_jinja(tmp_path: Path) -> None:
    # The built-in environment writes each {{ }} as one call (html_text); stock Jinja,
    # as run for --templates, writes escape(finalize(value)).  The same bytes, also
    # through filters, joins, includes, macros, set blocks and autoescape switched off.
    source = (
        "{{ v }}|{{ v|upper }}|{{ [v, v]|join(', ') }}|{{ v ~ '<x>' }}|{{ n }}|{{ none }}|"
        "{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(v) }}|{% set b %}{{ v }}{% endset %}{{ b }}|"
        "{% autoescape false %}{{ v }}{% endautoescape %}|{{ '<k>' }}|{{ v|safe }}"
    )
    ours = environment("html", "sv").from_string(source)
    stock = environment("html", "sv", tmp_path).from_string(source)  # as with --templates
    for value in (EVIL, "plain", "", "a & b", "\u202e<"):
        for n in (3, 2.5, None):
            context = {"v": value, "n": n, "none": None}
            assert ours.render(**context) == stock.render(**context), value


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# rubrik", r"\# rubrik"),
        ("- lista", r"\- lista"),
        ("+ lista", r"\+ lista"),
        ("> citat", r"\> citat"),
        ("1. punkt", r"1\. punkt"),
        ("12) punkt", r"12\) punkt"),
        ("===", r"\==="),
        ("*a* _b_ `c`", r"\*a\* \_b\_ \`c\`"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("![x](y)", r"!\[x\](y)"),
        ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)\>"),
        ("<!-- kommentar", r"\<!-- kommentar"),
        ("a\\b", r"a\\b"),
        ("&amp; &#60;", r"\&amp; \&#60;"),
        ("~~struken~~ $x$", r"\~\~struken\~\~ \$x\$"),
        ("rad ett\nrad två\r\n\n  rad tre", "rad ett rad två rad tre"),
        ("a\u202eb\u200bc\u2066d\ufeffe\x00f", "abcde f"),
        ("Linköpingsmodellen (15–18 år).", "Linköpingsmodellen (15–18 år)."),
    ],
)
def test_md_text(text: str, escaped: str) -> None:
    assert str(md_text(text)) == escaped


def test_md_cell_escapes_pipes_and_keeps_empty_cells() -> None:
    assert str(md_cell("a | b\nc")) == r"a \| b c"
    assert str(md_cell("")) == " "


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://polisen.se/aktuellt", True),
        ("http://strangnas.se/a?b=c#d", True),
        ("HTTPS://POLISEN.SE", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\u200bscript:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("vbscript:msgbox", False),
        ("file:///etc/passwd", False),
        ("//evil.example/x", False),
        ("/relative", False),
        ("https://polisen.se@evil.example/", False),
        ("https://", False),
        ("https://a.se/x y", False),
        ("https://a.se/\nx", False),
        ('https://a.se/"><script>', False),
        ("https://a.se/x|y", False),
    ],
)
def test_safe_link(url: str, allowed: bool) -> None:
    assert safe_link(url) == (url if allowed else None)


def test_md_link() -> None:
    assert str(md_link("https://a.se/x?y=1&z=2")) == "<https://a.se/x?y=1&z=2>"
    # Refused links are code spans (issue 16): no renderer makes a link of them.
    assert str(md_link("https://a.se/x|y>z")) == r"`https://a.se/x\|y>z`"
    assert str(md_link("javascript:alert(1)")) == "`javascript:alert(1)`"
    assert str(md_link("[x](javascript:alert(1))")) == "`[x](javascript:alert(1))`"
    assert str(md_link("a ``b`` c")) == "```a ``b`` c```"
    assert str(md_link("`x")) == "`` `x ``"


def test_clean_keeps_newlines_and_swedish_letters() -> None:
    assert clean("åäö ÅÄÖ é – “”\nny rad\u202e") == "åäö ÅÄÖ é – “”\nny rad"


def test_xss_payload_is_inert_on_every_site_page_in_the_feed_and_the_csv(
    hostile: Path, tmp_path: Path
) -> None:
    import csv
    import io
    import xml.etree.ElementTree as ET

    from sitecheck import broken_links

    formula = '=HYPERLINK("https://x.invalid/","klicka")'
    path = hostile / "2023.yaml"
    text = path.read_text("utf-8")
    first = text.index("    text: ", text.index("activities:"))
    text = (
        text[:first] + f"    text: {_yaml_quote(formula)}\n" + text[text.index("\n", first) + 1 :]
    )
    path.write_text(text, "utf-8")
    out = tmp_path / "site"
    result = run_cli("site", "-o", str(out), "--as-of", "2023-01-15", "--data-dir", str(hostile))
    assert result.code == 0, result.err
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text("utf-8")
        parser = _Tags()
        parser.feed(html)
        names = {tag for tag, _ in parser.tags}
        assert not names & {"script", "img", "iframe", "object", "embed", "math"}, page
        for tag, attrs in parser.tags:
            assert not [a for a in attrs if a.startswith("on")], (page, tag, attrs)
            assert not str(attrs.get("href", "")).startswith(("javascript:", "data:")), page
        assert parser.comments == [], page
        visible = "".join(parser.text)
        assert "\u202e" not in visible and "\u200b" not in visible and "\x1b" not in visible
    assert broken_links(out) == []  # every link is the site's own or an http(s) URL
    period = (out / "2022.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in period
    feed = (out / "feed.xml").read_bytes()
    root = ET.fromstring(feed)  # still well-formed XML
    summaries = [e.text or "" for e in root.iter("{http://www.w3.org/2005/Atom}summary")]
    assert any('<script>alert(1)</script><img src=x onerror="alert(2)">' in s for s in summaries)
    assert b"\xe2\x80\xae" not in feed and b"\x1b" not in feed  # U+202E and ESC are gone
    rows = list(csv.reader(io.StringIO((out / "2023.csv").read_bytes().decode("utf-8-sig"))))
    assert rows[1][3] == "'" + formula  # a spreadsheet shows it as text, never runs it


def test_clean_drops_exactly_the_control_characters() -> None:
    import unicodedata

    every = "".join(chr(c) for c in range(0x2100) if not 0xD800 <= c < 0xE000)
    expected = "".join(
        " " if unicodedata.category(ch) == "Cc" and ch not in "\n\t" else ch
        for ch in every
        if ch not in {chr(c) for c in (0x00AD, 0x061C, 0x180E, 0xFEFF)}
        and not 0x200B <= ord(ch) < 0x2010
        and not 0x202A <= ord(ch) < 0x202F
        and not 0x2060 <= ord(ch) < 0x2065
        and not 0x2066 <= ord(ch) < 0x206A
    )
    assert clean(every) == expected
