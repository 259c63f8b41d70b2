"""Links in a Markdown report, as the renderers that publish it see them (issue 16).

A link the report refuses (``https://polisen.se@evil.example/``, ``//evil.example/x``)
was still made live by GitHub's renderer (cmark-gfm, through ``cmarkgfm``) and by
markdown-it with linkify, because both turn plain text into links.  Here the
report's Markdown goes through both, and the only links that come out are the
evidence links the report allows, with their hosts in punycode.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest
from markdown_it import MarkdownIt

from conftest import ROOT, run_cli
from lofte.render.escape import md_link, md_text, safe_link

FIXTURES = ROOT / "tests" / "fixtures" / "report" / "data"

REFUSED = [
    "https://polisen.se@evil.example/",
    "//evil.example/x",
    "javascript:alert(1)",
    "www.evil.example/x",
]
TEXT = (
    "Se https://polisen.se@evil.example/ och //evil.example/x, "
    "eller www.evil.example och https://evil.example/y"
)


def _github(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown)


def _linkify(markdown: str) -> str:
    return MarkdownIt("commonmark", {"linkify": True}).enable(["linkify", "table"]).render(markdown)


RENDERERS = {"cmark-gfm": _github, "markdown-it+linkify": _linkify}


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


def hrefs(html: str) -> list[str]:
    parser = _Hrefs()
    parser.feed(html)
    return parser.hrefs


@pytest.mark.parametrize("render", RENDERERS.values(), ids=RENDERERS.keys())
@pytest.mark.parametrize("url", REFUSED)
def test_a_refused_link_is_no_link_to_any_renderer(url: str, render: object) -> None:
    assert safe_link(url) is None
    html = render(str(md_link(url)))  # type: ignore[operator]
    assert hrefs(html) == []
    assert url in html  # shown, as text


def web_links(html: str) -> list[str]:
    """The links of ``html``, but an e-mail address GitHub's renderer links.

    cmark-gfm makes ``user@host.example`` in text a ``mailto:`` link however its
    characters are escaped (it joins the text first); such a link goes where its
    visible text says, so it is accepted (README, "Escaping").
    """
    return [h for h in hrefs(html) if not h.startswith("mailto:")]


@pytest.mark.parametrize("render", RENDERERS.values(), ids=RENDERERS.keys())
def test_urls_in_text_are_not_made_links(render: object) -> None:
    html = render(str(md_text(TEXT)))  # type: ignore[operator]
    assert web_links(html) == []
    assert "www.evil.example" in html and "//evil.example/x" in html


def test_a_host_with_non_ascii_letters_is_shown_as_punycode() -> None:
    # A Cyrillic "о" (U+043E) in "pоlisen.se".
    url = "https://p\u043elisen.se/x"
    assert safe_link(url) == "https://xn--plisen-wqf.se/x"
    assert str(md_link(url)) == "<https://xn--plisen-wqf.se/x>"
    assert hrefs(_github(str(md_link(url)))) == ["https://xn--plisen-wqf.se/x"]


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    path = data / "2022.yaml"
    text = path.read_text("utf-8")
    good = "link: https://exempelby.invalid/nyheter/foraldramote"
    assert good in text
    text = text.replace(good, 'link: "https://polisen.se@evil.example/"')
    text = text.replace(
        "note: Två vandringar i hamnen, den ena på kvällstid.",
        f'note: "{TEXT}"\n            link: "//evil.example/x"',
    )
    path.write_text(text, "utf-8")
    assert run_cli("validate", "--data-dir", str(data)).code == 0
    return data


@pytest.mark.parametrize("render", RENDERERS.values(), ids=RENDERERS.keys())
def test_the_report_makes_no_refused_link_live(linked: Path, render: object) -> None:
    result = run_cli("report", "2022", "--as-of", "2023-01-15", "--data-dir", str(linked))
    assert result.code == 0, result.err
    html = render(result.out)  # type: ignore[operator]
    assert [h for h in web_links(html) if "evil" in h] == []
    assert "<code>https://polisen.se@evil.example/</code>" in html
    assert "//evil.example/x" in html
