"""The HTML report in a real headless Chromium: axe-core finds nothing, it renders, it prints.

Slow (a browser per test module) but never optional in CI: `.ci/run` installs
Debian's chromium and axe-core from npm, and with CI=true a missing browser
fails these tests instead of skipping them.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import AXE_CACHE, AXE_VERSION, WCAG_AA_TAGS, Browser, axe_path, chromium_path
from conftest import ROOT, run_cli

pytestmark = pytest.mark.slow

DATA = ROOT / "tests" / "fixtures" / "report" / "data"
REPORTS = {
    "2022-sv": ["2022", "--as-of", "2023-01-15", "--data-dir", str(DATA)],
    "2022-T2-en": [
        "2022",
        "-t",
        "T2",
        "--lang",
        "en",
        "--as-of",
        "2022-09-10",
        "--data-dir",
        str(DATA),
    ],
    "2023-sv": ["2023", "--as-of", "2023-12-31", "--data-dir", str(DATA)],
    # The real data: the 2020 promise and the agreement, as they would be published.
    "real-2020-T2-sv": [
        "2020",
        "-t",
        "T2",
        "--as-of",
        "2020-09-01",
        "--data-dir",
        str(ROOT / "data"),
    ],
    # The published outcomes (issue 11): other work, a deviation, span records.
    "real-2020-sv": ["2020", "--as-of", "2021-03-01", "--data-dir", str(ROOT / "data")],
    "real-2019-en": [
        "2019",
        "--lang",
        "en",
        "--as-of",
        "2020-02-01",
        "--data-dir",
        str(ROOT / "data"),
    ],
    "real-samverkan-sv": [
        "samverkan-2020-2023",
        "--as-of",
        "2021-01-15",
        "--data-dir",
        str(ROOT / "data"),
    ],
}


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing, and CI must run the browser tests (see .ci/run)")
    pytest.skip(f"{what} is not installed: apt-get install chromium, or run .ci/run")


def _axe() -> Path:
    """axe.min.js, installed from npm into the cache dir if it is not there yet."""
    if not axe_path().is_file() and shutil.which("npm"):
        AXE_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(AXE_CACHE),
                f"axe-core@{AXE_VERSION}",
            ],
            check=False,
            capture_output=True,
            timeout=300,
        )
    if not axe_path().is_file():
        _missing("axe-core")
    return axe_path()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module."""
    executable = chromium_path()
    if executable is None:
        _missing("chromium")
    assert executable is not None
    one = Browser(executable, width=1024, height=768)
    try:
        yield one
    finally:
        one.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The reports as HTML files."""
    folder = tmp_path_factory.mktemp("reports")
    out = {}
    for name, args in REPORTS.items():
        path = folder / f"{name}.html"
        result = run_cli("report", *args, "-f", "html", "-o", str(path))
        assert result.code == 0, result.err
        out[name] = path
    return out


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_axe_finds_no_wcag_21_aa_violations(
    name: str, browser: Browser, pages: dict[str, Path]
) -> None:
    axe = _axe()
    browser.open(pages[name])
    result = browser.axe(axe, WCAG_AA_TAGS)
    assert result["testEngine"]["version"] == AXE_VERSION
    violations = [
        (v["id"], v["help"], [n["html"][:120] for n in v["nodes"]]) for v in result["violations"]
    ]
    assert violations == []
    passed = {p["id"] for p in result["passes"]}
    # The rules that matter most here did run and pass, not merely not fail.
    assert {"html-has-lang", "html-lang-valid", "document-title", "color-contrast"} <= passed
    assert {"aria-progressbar-name", "heading-order", "list", "definitionlist"} & passed


def test_page_renders_with_height_and_content(browser: Browser, pages: dict[str, Path]) -> None:
    browser.open(pages["2022-sv"])
    height = browser.evaluate("document.documentElement.scrollHeight")
    assert height > 2000  # seven activities, not an empty page
    assert browser.evaluate("document.documentElement.lang") == "sv"
    assert browser.evaluate("document.querySelectorAll('[role=progressbar]').length") == 5
    png = browser.screenshot()
    width, shot_height, distinct = _png_facts(png)
    assert width > 900 and shot_height >= height - 1  # the viewport less a scrollbar
    assert distinct > 2  # ink on paper, not a blank page
    target = os.environ.get("LOFTE_SCREENSHOT")
    if target:  # for a person to look at: LOFTE_SCREENSHOT=/tmp/report.png
        Path(target).write_bytes(png)


def test_page_makes_no_requests_and_runs_no_script(
    browser: Browser, pages: dict[str, Path]
) -> None:
    browser.open(pages["2022-sv"])
    resources = browser.evaluate("performance.getEntriesByType('resource').length")
    assert resources == 0
    assert browser.evaluate("document.scripts.length") == 0


def test_prints_on_a4(browser: Browser, pages: dict[str, Path]) -> None:
    browser.open(pages["2022-sv"])
    pdf = browser.pdf()
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", pdf))
    assert len(boxes) == 1
    ((width, height),) = boxes
    # A4 is 210 × 297 mm: 595.3 × 841.9 points.
    assert abs(float(width) - 595.3) < 1 and abs(float(height) - 841.9) < 1
    pages_printed = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 2 <= pages_printed <= 8


def _png_facts(png: bytes) -> tuple[int, int, int]:
    """Width, height and how many distinct rows the image has (1 for a blank page)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", png[16:26])
    assert depth == 8 and colour in (2, 6)
    chunks, pos = [], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        if kind == b"IDAT":
            chunks.append(png[pos + 8 : pos + 8 + length])
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = 1 + width * (3 if colour == 2 else 4)
    # Filtered rows: identical bytes mean identical rows for the common filters,
    # which is all a blank-page check needs.
    rows = {raw[i * stride + 1 : (i + 1) * stride] for i in range(0, height, 7)}
    return width, height, len(rows)


def test_ci_installs_the_browser_and_axe_before_the_tests() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    tests = next(i for i, line in enumerate(lines) if "python -m pytest" in line)
    chromium = next(i for i, line in enumerate(lines) if "apt-get install" in line)
    axe = next(i for i, line in enumerate(lines) if f"axe-core@{AXE_VERSION}" in line)
    assert chromium < tests and axe < tests
