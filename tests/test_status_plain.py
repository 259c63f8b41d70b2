"""The plain status table (`lofte.render.plain`) draws exactly what rich draws without colour."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lofte.render import plain
from lofte.render import status as status_render
from lofte.status import run

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "status"

_WORDS = st.sampled_from(
    ["a", "by", "polisen", "föräldraträffar", "medborgardialoger", "x" * 23, "–", "≥2", "…"]
)
_GAPS = st.sampled_from([" ", "  ", "\n", " \n "])
_TEXT = st.lists(st.tuples(_WORDS, _GAPS), max_size=12).map(
    lambda pairs: "".join(w + g for w, g in pairs).strip(" ")
)


def _rich_lines(text: str, width: int, overflow: str, no_wrap: bool) -> list[str]:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=io.StringIO(), width=80, color_system=None)
    lines = Text(text).wrap(console, width, overflow=overflow, no_wrap=no_wrap)  # type: ignore[arg-type]
    return [line.plain.rstrip() for line in lines]


@settings(max_examples=300, deadline=None)
@given(
    _TEXT,
    st.integers(min_value=1, max_value=30),
    st.sampled_from([("fold", False), ("ellipsis", True)]),
)
def test_wrap_is_riches_wrap(text: str, width: int, how: tuple[str, bool]) -> None:
    # The two ways the status table uses: wrapped and folded, or one line cut with '…'.
    overflow, no_wrap = how
    mine = [line.rstrip() for line in plain.wrap(text, width, overflow=overflow, no_wrap=no_wrap)]
    assert mine == _rich_lines(text, width, overflow, no_wrap)


def _period(
    folder: Path, as_of: dt.date, tertial: str | None = None, name: str = "2020"
) -> status_render.PeriodStatus:
    outcome = run(name, folder, as_of, tertial)
    assert outcome.period is not None
    return outcome.period


def _same(period: status_render.PeriodStatus, width: int, lang: str = "en") -> str:
    drawn = status_render._plain_table(period, width, lang)
    assert drawn == status_render._rich_table(period, terminal=False, width=width, lang=lang)
    return drawn


_FILES = [(FIXTURES, p.stem) for p in sorted(FIXTURES.glob("*.yaml"))]
_FILES += [(ROOT / "data", p.stem) for p in sorted((ROOT / "data").glob("*.yaml"))]


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("width", [78, 80, 97, 120, 200])
@pytest.mark.parametrize(("folder", "name"), _FILES)
def test_the_plain_table_is_riches_table(folder: Path, name: str, width: int, lang: str) -> None:
    # Every period file of the fixtures and of data/, early in a term and after
    # the period; both languages (Swedish wraps the Standing column).
    outcome = run(name, folder, dt.date(2020, 5, 20))
    if outcome.period is None:  # a municipality file, not a period
        assert outcome.diagnostics
        return
    first = outcome.period.period.document.first_day
    last = outcome.period.period.document.last_day
    for as_of in (first + dt.timedelta(days=40), last + dt.timedelta(days=20)):
        period = _period(folder, as_of, None, name)
        _same(period, width, lang)


def test_marks_other_work_and_deviations_are_drawn_alike(tmp_path: Path) -> None:
    # data/'s 2020 and 2021 record other work and deviations, and an invented
    # deviation marks a fixture's row: the plain console draws the sections and
    # the mark as rich does, in both languages.
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES, folder)
    path = folder / "2020.yaml"
    invented = '  - date: 2020-05-02\n    text: "Inställt (invented)."\n    affects: [insatser]\n'
    path.write_text(path.read_text(encoding="utf-8") + "deviations:\n" + invented, "utf-8")
    drawn = ""
    for where, name in ((ROOT / "data", "2020"), (ROOT / "data", "2021"), (folder, "2020")):
        outcome = run(name, where, dt.date(2022, 1, 31))
        assert outcome.period is not None
        drawn += _same(outcome.period, 80, "sv") + _same(outcome.period, 80, "en")
    assert "\ninsatser †  " in drawn
    assert "† 2020-05-02: Inställt (invented). (affects insatser)\n" in drawn
    assert "\nAvvikelser:\n† " in drawn and "\nDeviations:\n† " in drawn
    assert "\nÖvrigt som gjorts:\n- " in drawn and "\nOther work done:\n- " in drawn


def test_long_ids_titles_and_responsibles_wrap_as_rich_wraps(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES, folder)
    path = folder / "2020.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("id: insatser", "id: insatser-med-ett-mycket-langt-namn-som-viks")
    text = text.replace("responsible: [polisen]", "responsible: [polisen, kommunen, fritid]", 1)
    path.write_text(text, encoding="utf-8")
    period = _period(folder, dt.date(2020, 9, 15))
    assert "insatser-med-ett-mycke\nnamn" not in status_render._plain_table(period, 80)
    assert "\ninsatser-med-ett-mycke " in status_render._plain_table(period, 80)
    for width in (78, 80, 101):
        for lang in ("en", "sv"):
            _same(period, width, lang)


def test_what_the_plain_table_cannot_draw_goes_to_rich(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURES, folder)
    path = folder / "2020.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Polisen kommer", "安全 Polisen kommer", 1), encoding="utf-8")
    period = _period(folder, dt.date(2020, 9, 15))
    with pytest.raises(plain.Unsupported):
        status_render._plain_table(period, 80)
    with pytest.raises(plain.Unsupported):  # narrower than the fixed columns
        status_render._plain_table(_period(FIXTURES, dt.date(2020, 9, 15)), 77)
    # The table falls back to rich, which draws wide letters two cells wide.
    drawn = status_render.table(period, terminal=False, width=80)
    assert drawn == status_render._rich_table(period, terminal=False, width=80)
    assert "安全 Polisen" in drawn


def test_every_extra_character_is_one_cell_in_rich() -> None:
    from rich.cells import cell_len

    assert [ch for ch in plain.SINGLE_CELL if cell_len(ch) != 1] == []
    plain.check("Medborgarlöfte – ≥2 … ✓ ✗ ✎ → ▼ ▲ ◐ ○ █ ░ ─ †")
    for bad in ("tab\there", "bell\x07", "wide 安", "e\u0301", "\x7f", "bidi \u202e"):
        with pytest.raises(plain.Unsupported):
            plain.check(bad)
