"""`lofte site`: the published website, its open data and feed, built beside and swapped in."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import DATA, ROOT, run_cli
from sitecheck import broken_links, parse, unmarked

REPORT_DATA = ROOT / "tests" / "fixtures" / "report" / "data"
ATOM = "{http://www.w3.org/2005/Atom}"
AS_OF = "2023-01-15"


def build(out: Path, data: Path, *extra: str, as_of: str = AS_OF) -> Any:
    return run_cli("site", "-o", str(out), "--data-dir", str(data), "--as-of", as_of, *extra)


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the real data/ (no progress recorded), as of a day in 2026."""
    out = tmp_path_factory.mktemp("real") / "site"
    result = build(out, DATA, as_of="2026-11-22")
    assert result.code == 0, result.out + result.err
    assert result.out == f"wrote {out}: 1 municipality, 5 periods, {_count(out)} files\n"
    return out


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two municipalities, one folder each: the real Strängnäs and the made-up Exempelby."""
    root = tmp_path_factory.mktemp("tree") / "data"
    shutil.copytree(DATA, root / "strangnas")
    shutil.copytree(REPORT_DATA, root / "exempelby")
    return root


@pytest.fixture(scope="module")
def tree_site(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tree-site") / "site"
    result = build(out, tree)
    assert result.code == 0, result.out + result.err
    assert result.out == f"wrote {out}: 2 municipalities, 8 periods, {_count(out)} files\n"
    return out


def _count(out: Path) -> int:
    return sum(1 for p in out.rglob("*") if p.is_file())


# ------------------------------------------------------------------ what is written


def test_the_real_data_gives_index_periods_terms_agreement_and_open_data(real_site: Path) -> None:
    for stem in ("2019", "2020", "2021", "2024-2025", "samverkan-2020-2023"):
        for name in (f"{stem}.html", f"en/{stem}.html", f"{stem}.json", f"{stem}.csv"):
            assert (real_site / name).is_file(), name
        assert (real_site / f"{stem}.yaml").read_bytes() == (DATA / f"{stem}.yaml").read_bytes()
    for name in ("index.html", "en/index.html", "feed.xml", "en/feed.xml", "data.json"):
        assert (real_site / name).is_file(), name
    assert sorted(p.name for p in (real_site / "2020").iterdir()) == [
        "2020-T1.html",
        "2020-T2.html",
        "2020-T3.html",
    ]
    quarters = sorted(p.name for p in (real_site / "samverkan-2020-2023").iterdir())
    assert quarters[0] == "2019-Q4.html" and quarters[-1] == "2023-Q2.html" and len(quarters) == 15
    assert not (real_site / "strangnas.json").exists()  # the municipality file is no period


def test_period_page_shows_heading_terms_source_and_data(real_site: Path) -> None:
    page = (real_site / "2020.html").read_text(encoding="utf-8")
    assert "<h1>Så gick det 2020</h1>" in page
    assert '<a href="2020/2020-T2.html">Tertial 2 2020 (maj–augusti)</a>' in page
    assert '<a href="2020.json">Läget som JSON</a>' in page
    assert '<a href="en/2020.html" hreflang="en" lang="en">In English</a>' in page
    assert '<a class="skip" href="#main">Hoppa till innehållet</a>' in page
    term = (real_site / "2020" / "2020-T2.html").read_text(encoding="utf-8")
    assert "<h1>Uppföljning tertial 2 2020 (maj–augusti)</h1>" in term
    assert '<a href="../2020.html">Hela perioden</a>' in term
    english = (real_site / "en" / "2020.html").read_text(encoding="utf-8")
    assert '<a href="../2020.json">The standing as JSON</a>' in english
    assert "<h1>How it went, 2020</h1>" in english


def test_a_quarter_page_speaks_of_the_quarter(tmp_path: Path) -> None:
    # The agreement follows up by quarter: its term pages say "kvartalet", not "tertialen".
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    record = ["record", "samverkan-2020-2023", "sspf", "--date", "2021-05-04"]
    assert run_cli(*record, "--note", "Möte.", "--data-dir", str(data)).code == 0
    out = tmp_path / "site"
    assert build(out, data, as_of="2021-12-31").code == 0
    folder = "samverkan-2020-2023"
    page = (out / folder / "2021-Q2.html").read_text(encoding="utf-8")
    assert "<h5>Registrerat under kvartalet</h5>" in page
    assert '<p class="quiet">Inget registrerat under kvartalet.</p>' in page
    english = (out / "en" / folder / "2021-Q2.html").read_text(encoding="utf-8")
    assert "<h5>Recorded in the quarter</h5>" in english
    assert '<p class="quiet">Nothing recorded in the quarter.</p>' in english
    for name in (f"{folder}/2021-Q2.html", f"en/{folder}/2021-Q2.html", "2021/2021-T2.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert ("tertialen" in text or "tertial." in text) == name.startswith("2021/"), name
    tertial = (out / "2021" / "2021-T2.html").read_text(encoding="utf-8")
    assert '<p class="quiet">Inget registrerat under tertialen.</p>' in tertial


def test_index_lists_periods_newest_first_and_agreements_with_their_span(real_site: Path) -> None:
    page = (real_site / "index.html").read_text(encoding="utf-8")
    headings = [t for lang, t in parse(real_site / "index.html").texts if t.startswith("Så gick")]
    assert headings == [
        "Så gick det 2024-2025",
        "Så gick det 2021",
        "Så gick det 2020",
        "Så gick det 2019",
        "Så gick det 2020-2023",
    ]
    agreements = page.split('id="agreements"')[1]
    assert "Gäller 20 december 2019 – 1 juni 2023" in agreements


def test_json_is_the_status_contract_as_of_the_site_date(real_site: Path) -> None:
    for stem in ("2020", "samverkan-2020-2023"):
        status = run_cli(
            "status", stem, "--format", "json", "--as-of", "2026-11-22", "--data-dir", str(DATA)
        )
        assert (real_site / f"{stem}.json").read_text(encoding="utf-8") == status.out


def test_csv_has_a_bom_and_one_row_per_activity(real_site: Path) -> None:
    raw = (real_site / "2020.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    status = json.loads((real_site / "2020.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == [a["id"] for a in status["activities"]]
    assert list(rows[0]) == [
        "period",
        "promise",
        "id",
        "title",
        "promised_by",
        "responsible",
        "target",
        "recorded",
        "standing",
        "standing_text",
        "last_record",
    ]
    for row, activity in zip(rows, status["activities"], strict=True):
        recorded = "" if activity["recorded"] is None else str(activity["recorded"])
        assert (row["period"], row["standing"], row["recorded"]) == (
            "2020",
            activity["standing"],
            recorded,
        )


def test_csv_last_record_of_a_span_record_is_the_span(real_site: Path) -> None:
    """2019's outcomes are `covers: "2019"` records: no record was made on 31 December."""
    raw = (real_site / "2019.csv").read_bytes()
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}
    assert rows["trygghetsvandringar"]["last_record"] == "2019"
    assert rows["lokaler-utbildningstillfallen"]["last_record"] == ""


def test_the_csv_names_who_promised_each_activity_as_it_names_who_answers(
    tmp_path: Path,
) -> None:
    # Made-up examples/: a party's group, an activity with its own party (a unit),
    # and both parties.  Names, as in `responsible`, never ids or a sentence.
    out = tmp_path / "site"
    assert build(out, ROOT / "examples", as_of="2024-06-01").code == 0
    raw = (out / "2022-2023.csv").read_bytes().decode("utf-8-sig")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw))}
    assert rows["riktade-insatser"]["promised_by"] == "Polisen"
    assert rows["foraldramoten"]["promised_by"] == "Områdespolisen Exempelstad"
    assert rows["sommarvardar"]["promised_by"] == "Kommunen"
    assert rows["trygghetsvandring"]["promised_by"] == "Polisen, Kommunen"
    status = json.loads((out / "2022-2023.json").read_text(encoding="utf-8"))
    said = {a["id"]: a["promised_by"] for a in status["activities"]}
    assert {k for k, r in rows.items() if r["promised_by"]} == {k for k, v in said.items() if v}


def test_data_index_lists_every_file(real_site: Path) -> None:
    index = json.loads((real_site / "data.json").read_text(encoding="utf-8"))
    assert index["version"] == 1 and index["as_of"] == "2026-11-22"
    (town,) = index["municipalities"]
    assert (town["id"], town["name"]) == ("strangnas", "Strängnäs kommun")
    for period in town["periods"]:
        for key in ("page", "json", "csv", "yaml"):
            assert (real_site / period[key]).is_file()
    assert [p["file"] for p in town["periods"]][0] == "2024-2025"


def _atom(path: Path) -> ET.Element:
    root = ET.fromstring(path.read_bytes())
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    return root


#: Made up for the tests below: follow-up dated only by the spans it covers.
SPANS_2025 = """\
# INVENTED for tests/test_site.py
kind: medborgarlofte
period: "2025"
title: Medborgarlöfte Exempelby 2025
municipality: exempelby
follow_up: {cadence: tertial}
promises:
  - id: trygghet
    text: Polisen och kommunen lovar att öka tryggheten.
    activities:
      - id: bra-moten
        text: Polisen deltar i lokala BRÅ varje tertial.
        responsible: [polisen]
        target: {kind: recurring, per: tertial}
        progress:
          - covers: 2025-T1
            note: Möten hölls
            deviation: Ett möte ställdes in
other_work:
  - covers: 2025-T2
    text: Föreläsning om narkotika
    count: 1
    unit: föreläsningar
deviations:
  - covers: 2025-T2
    text: Färre möten under sommaren
"""


@pytest.fixture(scope="module")
def spans_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("spans")
    assert run_cli("init", "-m", "Exempelby kommun", cwd=root).code == 0
    (root / "data" / "2025.yaml").write_text(SPANS_2025, encoding="utf-8")
    assert build(root / "site", root / "data", as_of="2026-01-15").code == 0
    return root / "site"


def _section(page: Path, ident: str) -> str:
    import re

    found = re.search(
        rf'<section aria-labelledby="{ident}">(.*?)</section>', page.read_text(), re.S
    )
    assert found is not None
    return " ".join(found.group(1).split())


def test_spans_are_said_in_words_with_a_capital_and_no_made_up_day(spans_site: Path) -> None:
    page = spans_site / "2025.html"
    assert "<p>Rapporten följer upp 1 aktivitet. Läget den 31 december 2025." in page.read_text()
    assert _section(page, "deviations") == (
        '<h2 id="deviations">Avvikelser</h2> <ul class="noted"> '
        "<li>Avser tertial 1 2025: Ett möte ställdes in "
        '(<a href="#activity-bra-moten">Polisen deltar i lokala BRÅ varje tertial.</a>)</li> '
        "<li>Avser tertial 2 2025: Färre möten under sommaren</li> </ul>"
    )
    assert _section(page, "other-work") == (
        '<h2 id="other-work">Annat arbete som gjorts</h2> <ul class="noted"> '
        "<li>Avser tertial 2 2025: Föreläsning om narkotika (Antal: 1 föreläsningar)</li> </ul>"
    )
    english = _section(spans_site / "en" / "2025.html", "other-work")
    assert '<li>Covers tertial 2 2025: <span lang="sv">Föreläsning om narkotika</span>' in english


def test_a_terms_page_lists_the_deviations_and_other_work_of_that_term(spans_site: Path) -> None:
    first, second = spans_site / "2025" / "2025-T1.html", spans_site / "2025" / "2025-T2.html"
    assert "Ett möte ställdes in" in _section(first, "deviations")
    assert "Färre möten" not in _section(first, "deviations")
    assert "Inget annat arbete registrerat." in _section(first, "other-work")
    assert "Färre möten" in _section(second, "deviations")
    assert "Ett möte ställdes in" not in _section(second, "deviations")
    assert "Föreläsning om narkotika" in _section(second, "other-work")


def test_feed_entries_for_spans_are_dated_by_the_span_never_by_the_build(
    spans_site: Path,
) -> None:
    root = ET.parse(spans_site / "feed.xml").getroot()
    entries = {
        e.findtext(f"{ATOM}summary"): e.findtext(f"{ATOM}updated")
        for e in root.iter(f"{ATOM}entry")
    }
    assert entries == {
        "(avser tertial 2 2025) Färre möten under sommaren": "2025-08-31T00:00:00Z",
        "(avser tertial 2 2025) Föreläsning om narkotika (Antal: 1 föreläsningar)": (
            "2025-08-31T00:00:00Z"
        ),
        "(avser tertial 1 2025) Möten hölls Avvikelse: Ett möte ställdes in": (
            "2025-04-30T00:00:00Z"
        ),
    }
    assert root.findtext(f"{ATOM}updated") == "2025-08-31T00:00:00Z"


def test_feed_is_atom_newest_first_with_stable_ids(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(out, REPORT_DATA).code == 0
    feed = _atom(out / "feed.xml")
    entries = feed.findall(f"{ATOM}entry")
    days = [e.findtext(f"{ATOM}updated") for e in entries]
    assert days == sorted(days, reverse=True) and len(entries) == 11
    assert feed.findtext(f"{ATOM}updated") == days[0] == "2022-11-20T00:00:00Z"
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i and i.startswith("urn:uuid:") for i in ids)
    first = entries[-1]
    assert first.findtext(f"{ATOM}title") == (
        "Exempelby kommun, 2022: Kommunen och polisen genomför minst fyra "
        "trygghetsvandringar under året tillsammans med boende och föreningar."
    )
    link = first.find(f"{ATOM}link")
    assert link is not None and link.get("href") == "2022.html#activity-trygghetsvandringar"
    # A record added later does not change the ids the reader has seen.
    data = tmp_path / "data"
    shutil.copytree(REPORT_DATA, data)
    text = (data / "2022.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "          - date: 2022-03-22\n",
        "          - date: 2022-03-22\n            count: 1\n          - date: 2022-03-22\n",
        1,
    )
    (data / "2022.yaml").write_text(text, encoding="utf-8")
    again = tmp_path / "again"
    assert build(again, data).code == 0
    later = {e.findtext(f"{ATOM}id") for e in _atom(again / "feed.xml").findall(f"{ATOM}entry")}
    assert set(ids) < later and len(later) == len(ids) + 1
    assert _atom(out / "en" / "feed.xml").get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_strip_says_in_words_which_terms_were_followed_up(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(out, REPORT_DATA).code == 0
    page = (out / "2022.html").read_text(encoding="utf-8")
    assert (
        '<p class="strip-text">Uppföljt för tertial 2 2022 och tertial 3 2022; '
        "inget registrerat för tertial 1 2022.</p>"
    ) in page
    assert 'role="img" aria-labelledby="strip-trafikkontroller-title"' in page
    assert "2022-T3" not in page.replace('2022-T3.html"', "")  # words, not ids, in the prose


def test_a_yearly_summary_is_not_drawn_as_a_follow_up_of_each_tertial(real_site: Path) -> None:
    """2019's outcomes are one `covers: "2019"` record each: no tertial was reported alone."""
    page = (real_site / "2019.html").read_text(encoding="utf-8")
    assert (
        '<title id="strip-trygghetsvandringar-title">Uppföljt i en sammanfattning för en längre '
        "tid: tertial 1 2019, tertial 2 2019 och tertial 3 2019.</title>"
    ) in page
    assert "Uppföljt för tertial" not in page
    assert '<g class="cell cell-summarised">' in page
    english = (real_site / "en" / "2019.html").read_text(encoding="utf-8")
    assert (
        "Followed up in a summary for a longer span: tertial 1 2019, tertial 2 2019 and "
        "tertial 3 2019.</p>"
    ) in english


def test_the_strip_of_an_ended_period_agrees_with_the_outcome(real_site: Path) -> None:
    """2019 has ended: its last tertial is not "running", and missing like the others."""
    page = (real_site / "2019.html").read_text(encoding="utf-8")
    assert (
        '<title id="strip-lokaler-utbildningstillfallen-title">Saknas för tertial 1 2019, '
        "tertial 2 2019 och tertial 3 2019.</title>"
    ) in page
    assert "pågår eller har inte börjat" not in page


def test_one_of_a_standing_reads_in_the_singular(real_site: Path) -> None:
    """ "1 hållet", not "1 hållna": in the chart's words, its legend and the summary line."""
    page = (real_site / "index.html").read_text(encoding="utf-8")
    assert "Läget för 7 aktiviteter: 1 hållet, 6 utan uppföljning.</title>" in page
    assert '<span class="number">1</span> hållet</li>' in page
    assert "1 hållna" not in page
    assert "1 av 7 mål hållet, 6 utan uppföljning." in page
    english = (real_site / "en" / "index.html").read_text(encoding="utf-8")
    assert "Standing of 7 activities: 1 kept, 6 without follow-up.</title>" in english


def test_summary_counts_partly_kept_apart(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(out, REPORT_DATA).code == 0
    page = (out / "2022.html").read_text(encoding="utf-8")
    assert (
        '<title id="chart-summary-title">Läget för 7 aktiviteter: 2 hållna, 3 delvis hållna, '
        "1 efter plan, 1 utan uppföljning.</title>"
    ) in page
    assert (
        '<tr class="summary-partly_kept"><th scope="row">Delvis hållna</th><td>3</td></tr>' in page
    )


# ------------------------------------------------------------------ many municipalities


def test_tree_gives_a_top_index_grouped_by_police_area(tree_site: Path) -> None:
    top = (tree_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="exempelby/index.html">Exempelby kommun</a>' in top
    assert '<a href="strangnas/index.html">Strängnäs kommun</a>' in top
    # The newest promise begun by the site's date (2024-2025 has not begun on 2023-01-15).
    assert "Strängnäs kommun</a>: Så gick det 2021: " in top
    texts = parse(tree_site / "index.html").texts
    areas = [t for _, t in texts if t.lower().startswith("lokalpolisområde")]
    # Strängnäs's municipality file states none; its newest promise that does is used.
    assert areas == ["Lokalpolisområde Exempeldal", "lokalpolisområdet Eskilstuna och Strängnäs"]
    for name in ("exempelby/2022.html", "strangnas/2020.html", "en/strangnas/2020/2020-T2.html"):
        assert (tree_site / name).is_file(), name
    crumbs = (tree_site / "strangnas" / "2020.html").read_text(encoding="utf-8")
    assert '<li><a href="../index.html">Start</a></li>' in crumbs
    index = json.loads((tree_site / "data.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in index["municipalities"]] == ["exempelby", "strangnas"]
    assert index["municipalities"][0]["periods"][0]["json"] == "exempelby/2023.json"
    _atom(tree_site / "feed.xml")
    _atom(tree_site / "strangnas" / "feed.xml")
    assert not (tree_site / ".top-feed").exists()  # the build's own spill files are gone


def test_status_validate_and_check_walk_the_tree(tree: Path) -> None:
    named = run_cli("status", "strangnas/2020", "--as-of", "2026-11-22", "--data-dir", str(tree))
    assert named.code == 0, named.err
    assert named.out.startswith("Medborgarlöfte Strängnäs kommun 2020\n")
    # A period only one municipality has may be named alone.
    alone = run_cli("status", "2020", "--as-of", "2026-11-22", "--data-dir", str(tree))
    assert (alone.code, alone.out) == (0, named.out)
    missing = run_cli("status", "strangnas/2099", "--data-dir", str(tree))
    assert missing.code == 1
    assert missing.out.startswith(f"{tree}/strangnas/2099.yaml:1:1: no such file")
    validate = run_cli("validate", "--data-dir", str(tree))
    assert validate.out == "checked 10 files: no problems\n", validate.out + validate.err
    check = run_cli("check", "--as-of", "2026-11-22", "--data-dir", str(tree))
    assert "in 10 files" in check.out.splitlines()[-1], check.out
    one = run_cli("validate", "exempelby/2022", "--data-dir", str(tree))
    assert one.out == "checked 1 file: no problems\n"
    overview = run_cli("status", "--as-of", "2023-01-15", "--data-dir", str(tree))
    names = [line.split()[0] for line in overview.out.splitlines() if line and line[0] != " "]
    assert names == [
        "exempelby/2022",
        "exempelby/2023",
        "exempelby/samverkan-2021-2023",
        "strangnas/2019",
        "strangnas/2020",
        "strangnas/2021",
        "strangnas/2024-2025",
        "strangnas/samverkan-2020-2023",
    ]


def test_a_period_in_two_municipalities_must_name_its_municipality(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(REPORT_DATA, root / "exempelby")
    shutil.copytree(REPORT_DATA, root / "annanby")
    (root / "annanby" / "exempelby.yaml").rename(root / "annanby" / "annanby.yaml")
    for path in (root / "annanby").glob("20*.yaml"):
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "municipality: exempelby", "municipality: annanby"
            ),
            encoding="utf-8",
        )
    result = run_cli("status", "2022", "--data-dir", str(root))
    assert result.code == 2
    assert result.err == (
        "lofte: 2022: 2 municipalities have this period; write MUNICIPALITY/PERIOD "
        "(annanby/2022, exempelby/2022)\n"
    )
    assert run_cli("status", "annanby/2022", "--as-of", AS_OF, "--data-dir", str(root)).code == 0


# ------------------------------------------------------------------ bad input writes nothing


def test_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.write_text("not a folder", encoding="utf-8")
    result = build(target, REPORT_DATA)
    assert result.code == 1
    assert f"{target}:1:1: is a file, not a folder; the site is a folder of pages" in result.err
    assert target.read_text(encoding="utf-8") == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_folder_lofte_did_not_write_is_never_replaced(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPORT_DATA, data)
    result = build(data, data)
    assert result.code == 1
    assert "is a folder lofte site did not write (it has no .lofte-site)" in result.err
    assert sorted(p.name for p in data.iterdir()) == sorted(p.name for p in REPORT_DATA.iterdir())


def test_a_period_without_its_municipality_file_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPORT_DATA, data)
    (data / "exempelby.yaml").unlink()
    out = tmp_path / "site"
    result = build(out, data)
    assert result.code == 1
    assert (
        "2022.yaml:6:15: municipality 'exempelby': no valid municipality file exempelby.yaml "
        "beside this one" in result.err
    )
    assert result.err.endswith("site not written: 3 problems\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_two_municipalities_with_the_same_id_write_nothing(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(REPORT_DATA, root / "exempelby")
    shutil.copytree(REPORT_DATA, root / "kopia")
    out = tmp_path / "site"
    result = build(out, root)
    assert result.code == 1
    assert ("kopia/exempelby.yaml:1:1: municipality 'exempelby' is also ") in result.err
    assert "each municipality needs its own id (its file name)" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_an_interrupted_build_leaves_the_previous_site_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    assert build(out, REPORT_DATA).code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    from lofte.write import tree

    real_write = tree.Tree.write
    calls = 0

    def interrupted(self: tree.Tree, relative: str, content: str | bytes) -> None:
        nonlocal calls
        calls += 1
        if calls == 20:
            raise KeyboardInterrupt
        real_write(self, relative, content)

    monkeypatch.setattr(tree.Tree, "write", interrupted)
    result = build(out, REPORT_DATA, as_of="2023-06-01")  # click makes Ctrl-C an abort
    assert result.code == 130 and calls == 20
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no half-built folder left


def test_a_rebuild_replaces_the_site_and_the_same_input_gives_the_same_bytes(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert build(first, REPORT_DATA).code == 0
    assert build(second, REPORT_DATA).code == 0
    assert build(second, REPORT_DATA).code == 0  # over its own earlier build
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one", "two"]


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _inode(path: Path) -> int:
    return path.stat().st_ino


def test_a_rebuild_reuses_an_unchanged_municipality_and_gives_a_cold_builds_bytes(
    tree: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(tree, data)
    out, cold = tmp_path / "site", tmp_path / "cold"
    assert build(out, data).code == 0
    same, changed = out / "strangnas" / "2020.html", out / "exempelby" / "2022.html"
    before = {same: _inode(same), changed: _inode(changed)}
    period = data / "exempelby" / "2022.yaml"
    period.write_text(
        period.read_text(encoding="utf-8").replace(
            "title: Medborgarlöfte Exempelby kommun 2022", "title: Ändrat löfte 2022"
        ),
        encoding="utf-8",
    )
    result = build(out, data)
    assert result.code == 0, result.err
    assert _inode(same) == before[same]  # linked from the old site, not rendered
    assert _inode(changed) != before[changed]
    assert "Ändrat löfte 2022" in changed.read_text(encoding="utf-8")
    assert build(cold, data).code == 0
    assert _files(out) == _files(cold)
    assert result.out == f"wrote {out}: 2 municipalities, 8 periods, {len(_files(cold))} files\n"


@pytest.mark.parametrize(
    "change", ["as-of", "missing file", "edited page", "damaged manifest", "templates"]
)
def test_nothing_is_reused_unless_proven_unchanged(tree: Path, tmp_path: Path, change: str) -> None:
    out, cold = tmp_path / "site", tmp_path / "cold"
    assert build(out, tree).code == 0
    page = out / "strangnas" / "2020.html"
    inode = _inode(page)
    extra: list[str] = []
    as_of = AS_OF
    if change == "as-of":
        as_of = "2023-01-16"
    elif change == "missing file":
        (out / "en" / "strangnas" / "2020" / "2020-T2.html").unlink()
    elif change == "edited page":  # by hand, or by a later step of a CI job
        edited = out / "strangnas" / "2020" / "2020-T1.html"
        edited.write_bytes(edited.read_bytes().replace(b"</main>", b"<p>x</p></main>"))
    elif change == "damaged manifest":
        (out / ".lofte-reuse" / "strangnas.json").write_text("{", encoding="utf-8")
    else:
        look = tmp_path / "look"
        (look / "site").mkdir(parents=True)
        (look / "site" / "site.css.j2").write_text("body { color: #111; }\n", encoding="utf-8")
        extra = ["--templates", str(look)]
    assert build(out, tree, *extra, as_of=as_of).code == 0
    assert _inode(page) != inode
    assert build(cold, tree, *extra, as_of=as_of).code == 0
    assert _files(out) == _files(cold)


def _forge(manifest_path: Path, change: Any, *, sign: bool) -> None:
    """Rewrite a reuse manifest; with ``sign``, with this user's own secret (a leaked key)."""
    import hashlib
    import hmac
    import json

    from lofte.read.cache import cache_secret

    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest.pop("mac")
    change(manifest)
    if sign:
        secret = cache_secret()
        assert secret is not None
        body = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8")
        manifest["mac"] = hmac.new(secret, body, hashlib.sha256).hexdigest()
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("sign", [False, True], ids=["forged", "forged-with-the-key"])
def test_a_forged_manifest_copies_nothing_into_the_site(
    tree: Path, tmp_path: Path, sign: bool
) -> None:
    # Whoever can write the old site (a CI cache) lists a file from outside it,
    # with its true digest: without the secret the MAC fails; with it, the path
    # is refused.  Either way the municipality is rendered afresh.
    import hashlib

    out, cold = tmp_path / "site", tmp_path / "cold"
    assert build(out, tree).code == 0
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text("not for publishing\n", encoding="utf-8")
    digest = hashlib.sha256(secret_file.read_bytes()).hexdigest()
    outside = "../secret.txt"

    def smuggle(manifest: dict[str, Any]) -> None:
        manifest["files"].append([outside, digest])

    _forge(out / ".lofte-reuse" / "strangnas.json", smuggle, sign=sign)
    page = out / "strangnas" / "2020.html"
    inode = _inode(page)
    assert build(out, tree).code == 0
    assert _inode(page) != inode  # rendered again, not linked
    assert build(cold, tree).code == 0
    assert _files(out) == _files(cold)
    assert not any(b"not for publishing" in data for data in _files(out).values())


def test_without_a_secret_nothing_is_reused(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lofte.read.cache

    out = tmp_path / "site"
    assert build(out, tree).code == 0
    page = out / "strangnas" / "2020.html"
    inode = _inode(page)
    monkeypatch.setattr(lofte.read.cache, "cache_secret", lambda: None)
    assert build(out, tree).code == 0
    assert _inode(page) != inode
    assert not (out / ".lofte-reuse").exists() or not any((out / ".lofte-reuse").iterdir())


# ------------------------------------------------------------------ publishable, accessible


def test_every_internal_link_and_anchor_resolves(real_site: Path, tree_site: Path) -> None:
    assert broken_links(real_site) == []
    assert broken_links(tree_site) == []


def test_the_link_checker_finds_a_broken_link_and_anchor(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<a href="b.html">b</a><a href="a.html#nope">x</a><a href="/abs.html">y</a>'
        '<a href="https://example.org/">ok</a><p id="here"><a href="#here">z</a></p>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [
        "a.html: b.html: no such file",
        "a.html: a.html#nope: no such anchor",
        "a.html: /abs.html: not a relative link",
    ]


def _swedish_sources(folder: Path) -> set[str]:
    # Names (of the municipality, of people) are left out: WCAG 3.1.2 exempts proper names.
    keys = {"text", "note", "title", "deviation", "forum", "category"}
    found: set[str] = set()

    def walk(value: Any, key: str | None = None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in keys and len(value) >= 12:
            found.add(" ".join(value.split()))

    for path in folder.glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def test_english_pages_mark_the_swedish_texts(tree_site: Path) -> None:
    sources = _swedish_sources(REPORT_DATA) | _swedish_sources(DATA)
    names = {"Exempelby kommun", "Strängnäs kommun"}  # proper names, exempt
    pages = sorted((tree_site / "en").rglob("*.html"))
    assert len(pages) > 40
    checked = 0
    for page in pages:
        texts = parse(page).texts
        swedish = [t for lang, t in texts if lang == "sv"]
        checked += len(swedish)
        # Both ways: a whole source text in a node, or a node that is part of one
        # (an activity's heading is its first sentence).
        parts = {t for lang, t in texts if lang != "sv" and len(t) >= 12}
        inside = [t for t in parts if any(t in s for s in sources) and t not in names]
        assert unmarked(page, sources) == [] and inside == [], page
    assert checked > 500


def test_language_of_parts_check_finds_an_unmarked_text(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        '<html lang="en"><p>Vi ska tillsammans öka tryggheten</p>'
        '<p lang="sv">Mötet följde upp vandringarna.</p></html>',
        encoding="utf-8",
    )
    sources = {"Vi ska tillsammans öka tryggheten", "Mötet följde upp vandringarna."}
    assert unmarked(page, sources) == ["Vi ska tillsammans öka tryggheten"]


def test_english_report_marks_the_swedish_texts(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = run_cli(
        "report",
        "2022",
        "-f",
        "html",
        "--lang",
        "en",
        "--as-of",
        AS_OF,
        "--data-dir",
        str(REPORT_DATA),
        "-o",
        str(out),
    )
    assert result.code == 0
    assert unmarked(out, _swedish_sources(REPORT_DATA)) == []
    texts = parse(out).texts
    assert [
        t
        for lang, t in texts
        if lang != "sv" and len(t) >= 12 and any(t in s for s in _swedish_sources(REPORT_DATA))
    ] == []


def test_headings_are_in_order_on_every_page(tree_site: Path) -> None:
    import re

    for page in tree_site.rglob("*.html"):
        levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", page.read_text(encoding="utf-8"))]
        assert levels[0] == 1 and levels.count(1) == 1, page
        for a, b in zip(levels, levels[1:], strict=False):
            assert b <= a + 1, (page, levels)


def test_pages_have_no_script_and_no_external_asset(tree_site: Path) -> None:
    for page in tree_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text and "@import" not in text and "url(" not in text, page


def test_own_templates_replace_the_built_in_ones(tmp_path: Path) -> None:
    look = tmp_path / "look"
    (look / "site").mkdir(parents=True)
    (look / "site" / "site.css.j2").write_text("body { background: #fffbe6; }\n", encoding="utf-8")
    out = tmp_path / "site"
    assert build(out, REPORT_DATA, "--templates", str(look), "--lang", "sv").code == 0
    style = (out / "style.css").read_text(encoding="utf-8")
    assert style.endswith("body { background: #fffbe6; }\n")
    assert "@page { size: A4;" in style  # the report's look, kept
    page = (out / "2022.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="style.css">' in page
    assert not (out / "en").exists()
    assert "In English" not in page


def test_own_site_templates_run_in_the_sandbox_and_write_nothing(tmp_path: Path) -> None:
    # The built-in templates render in a plain environment (they are ours); one from
    # --templates is someone else's code and runs sandboxed, the built-in ones with it.
    look = tmp_path / "look"
    (look / "site").mkdir(parents=True)
    (look / "site" / "_card.html.j2").write_text(
        '{{ cycler.__init__.__globals__.os.popen("id").read() }}\n', encoding="utf-8"
    )
    out = tmp_path / "site"
    result = build(out, REPORT_DATA, "--templates", str(look), "--lang", "sv")
    assert result.code == 1
    assert result.err == (
        f"lofte: {look}/site/_card.html.j2:1: "
        "access to attribute '__init__' of 'type' object is unsafe.\n"
    )
    assert not out.exists()


def test_only_own_templates_get_the_sandbox(tmp_path: Path) -> None:
    from jinja2.sandbox import SandboxedEnvironment

    from lofte.render.report import environment

    for fmt in ("html", "md"):
        assert not isinstance(environment(fmt, "sv"), SandboxedEnvironment)
        assert isinstance(environment(fmt, "sv", tmp_path), SandboxedEnvironment)


def test_english_alone_stands_at_the_root(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(out, REPORT_DATA, "--lang", "en").code == 0
    assert '<html lang="en">' in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "2022.json").is_file() and not (out / "en").exists()


def test_a_second_municipality_file_in_one_folder_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPORT_DATA, data)
    shutil.copy(data / "exempelby.yaml", data / "annanby.yaml")
    result = build(tmp_path / "site", data)
    assert result.code == 1
    assert "exempelby.yaml:1:1: a second municipality file in one folder (the first is " in (
        result.err
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_no_data_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = build(tmp_path / "site", tmp_path / "nowhere")
    assert result.code == 2
    assert result.err == (
        f"lofte: {tmp_path / 'nowhere'}: data directory not found "
        "(set --data-dir or LOFTE_DATA_DIR)\n"
    )


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("index.html", "2020.html"),
        ("en/index.html", "2020.json"),
        ("en/a/2020/2020-T1.html", "a/2020.csv"),
        ("a/2020/2020-T1.html", "a/2020/2020-T2.html"),
        ("a/b/c.html", "a/bb/c.html"),
        ("en/a/index.html", "en/a/2020.html#activity-x"),
        ("x.html", "en/x.html"),
    ],
)
def test_href_is_relpath(source: str, target: str) -> None:
    import posixpath

    from lofte.render.siteview import href

    path, _, anchor = target.partition("#")
    expected = posixpath.relpath(path, posixpath.dirname(source) or ".")
    assert href(source, target) == expected + (f"#{anchor}" if anchor else "")


def test_the_top_feed_holds_the_newest_of_every_municipality(tree_site: Path) -> None:
    def entries(path: Path) -> list[tuple[str, str]]:
        return [
            (str(e.findtext(f"{ATOM}updated")), str(e.findtext(f"{ATOM}id")))
            for e in _atom(path).findall(f"{ATOM}entry")
        ]

    towns = entries(tree_site / "exempelby" / "feed.xml")
    towns += entries(tree_site / "strangnas" / "feed.xml")
    top = entries(tree_site / "feed.xml")
    assert len(top) == min(100, len(towns)) and len(towns) >= 11
    assert [day for day, _ in top] == sorted((day for day, _ in towns), reverse=True)[:100]
    assert {i for _, i in top} <= {i for _, i in towns}
    link = _atom(tree_site / "feed.xml").find(f"{ATOM}entry/{ATOM}link")
    assert link is not None
    assert str(link.get("href")).split("/")[0] in ("exempelby", "strangnas")
    assert "#" in str(link.get("href"))  # an activity's card, or a section of the page


def test_report_and_record_take_a_municipality_and_period(tree: Path, tmp_path: Path) -> None:
    report = run_cli(
        "report", "exempelby/2022", "--as-of", AS_OF, "--data-dir", str(tree), "-t", "T2"
    )
    assert report.code == 0, report.err
    assert report.out.startswith("# Medborgarlöfte Exempelby kommun 2022\n")
    data = tmp_path / "data"
    shutil.copytree(tree, data)
    record = run_cli(
        "record",
        "exempelby/2023",
        "vandringar",
        "--count",
        "1",
        "--date",
        "2023-01-10",
        "--data-dir",
        str(data),
    )
    assert record.code == 0, record.out + record.err
    assert "date: 2023-01-10" in (data / "exempelby" / "2023.yaml").read_text(encoding="utf-8")


def test_a_link_to_the_site_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    assert build(real, REPORT_DATA).code == 0
    link = tmp_path / "public"
    link.symlink_to(real, target_is_directory=True)
    assert build(link, REPORT_DATA, as_of="2023-06-01").code == 0
    assert link.is_symlink() and (link / "index.html").is_file()
    assert "1 juni 2023" in (real / "2022.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "real"]
