"""The site in a headless Chromium: axe-core on every page type in sv and en, keyboard, print.

Slow, and never optional in CI: the browser and axe-core come as for the
report (tests/test_report_browser.py, whose fixtures these are).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from browser import AXE_VERSION, WCAG_AA_TAGS, Browser
from conftest import DATA, ROOT, run_cli
from test_report_browser import _axe, browser  # noqa: F401  (a fixture)

pytestmark = pytest.mark.slow

#: Every page type, in Swedish (at the root) and in English (under en/).
PAGES = {
    "top": "index.html",
    "municipality": "exempelby/index.html",
    "period": "exempelby/2022.html",
    "term": "exempelby/2022/2022-T3.html",
    "agreement": "strangnas/samverkan-2020-2023.html",
    "agreement-quarter": "strangnas/samverkan-2020-2023/2019-Q4.html",
    "real-period": "strangnas/2020.html",
}
CASES = [(kind, lang) for kind in PAGES for lang in ("sv", "en")]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-municipality tree's site: the made-up Exempelby, with records, and the real data."""
    root = tmp_path_factory.mktemp("tree")
    shutil.copytree(DATA, root / "data" / "strangnas")
    shutil.copytree(ROOT / "tests" / "fixtures" / "report" / "data", root / "data" / "exempelby")
    out = root / "site"
    result = run_cli(
        "site", "-o", str(out), "--data-dir", str(root / "data"), "--as-of", "2023-01-15"
    )
    assert result.code == 0, result.err
    return out


def _page(site: Path, kind: str, lang: str) -> Path:
    return site / ("en/" if lang == "en" else "") / PAGES[kind]


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_axe_finds_no_wcag_21_aa_violations(
    kind: str,
    lang: str,
    browser: Browser,  # noqa: F811
    site: Path,
) -> None:
    axe = _axe()
    browser.open(_page(site, kind, lang))
    assert browser.evaluate("document.documentElement.lang") == lang
    result = browser.axe(axe, WCAG_AA_TAGS)
    assert result["testEngine"]["version"] == AXE_VERSION
    violations = [
        (v["id"], v["help"], [n["html"][:120] for n in v["nodes"]]) for v in result["violations"]
    ]
    assert violations == []
    passed = {p["id"] for p in result["passes"]}
    assert {"html-has-lang", "document-title", "color-contrast", "bypass"} <= passed
    if kind not in ("top", "municipality"):
        assert "svg-img-alt" in passed  # (heading order: tests/test_site.py)


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(
    browser: Browser,  # noqa: F811
    site: Path,
) -> None:
    browser.open(_page(site, "period", "sv"))
    key = {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9}
    browser.send("Input.dispatchKeyEvent", session=True, type="keyDown", **key)
    browser.send("Input.dispatchKeyEvent", session=True, type="keyUp", **key)
    assert browser.evaluate("document.activeElement.className") == "skip"
    # A focused skip link is on screen, not parked off it.
    assert browser.evaluate("document.activeElement.getBoundingClientRect().left") >= 0
    enter = {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"}
    browser.send("Input.dispatchKeyEvent", session=True, type="keyDown", **enter)
    browser.send("Input.dispatchKeyEvent", session=True, type="keyUp", **enter)
    assert browser.evaluate("location.hash") == "#main"
    assert browser.evaluate("document.activeElement.id") == "main"


def test_charts_are_images_with_words(browser: Browser, site: Path) -> None:  # noqa: F811
    browser.open(_page(site, "period", "en"))
    charts = browser.evaluate(
        "[...document.querySelectorAll('svg')].map(s => [s.getAttribute('role'),"
        " document.getElementById(s.getAttribute('aria-labelledby')).textContent])"
    )
    assert len(charts) == 10  # the summary, two promises, seven activities' strips
    assert all(role == "img" and len(text) > 20 for role, text in charts)
    assert charts[0][1] == (
        "Standing of 7 activities: 2 kept, 3 partly kept, 1 behind, 1 without follow-up."
    )
    # Nothing from elsewhere: its one stylesheet is the site's own, and it loaded.
    assert browser.evaluate("performance.getEntriesByType('resource').length") == 0
    sheets = browser.evaluate("[...document.styleSheets].map(s => s.href)")
    assert sheets == [(site / "style.css").resolve().as_uri()]
    skip = "getComputedStyle(document.querySelector('.skip')).position"
    assert browser.evaluate(skip) == "absolute"  # the stylesheet applies
    assert browser.evaluate("document.scripts.length") == 0


def test_prints_on_a4_without_the_navigation(browser: Browser, site: Path) -> None:  # noqa: F811
    browser.open(_page(site, "period", "sv"))
    pdf = browser.pdf()
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", pdf))
    ((width, height),) = boxes
    assert abs(float(width) - 595.3) < 1 and abs(float(height) - 841.9) < 1
    text = (ROOT / "templates" / "site" / "site.css.j2").read_text(encoding="utf-8")
    assert "@media print" in text and ".skip, .other-lang, .terms { display: none; }" in text
