"""`lofte site`: a data directory as the static website a municipality publishes.

For every municipality (the data directory itself, or one folder per
municipality in the tree layout) it writes an index of its periods, a page
per period ("Så gick det 2020") and per term, the open data of each period
(``PERIOD.json``, the status contract; ``PERIOD.csv``; the YAML file itself)
with an index ``data.json``, and an Atom feed ``feed.xml``; in a tree, a top
index groups the municipalities by local police area.  Swedish pages stand
at the root and English ones under ``en/`` (``--lang both``, the default).

Pages are the report's view (`lofte.render.reportbuild.build_report`) and templates
(``templates/site/``, with ``--templates`` overrides as for `lofte report`);
`lofte.render.siteview` adds the charts, the term strips and the links, all
relative, so the site works from ``file://`` and under any sub-path.

The site is built in a folder beside the target and swapped in whole
(`lofte.write.tree`); any problem in the data writes nothing.  The same data
and ``--as-of`` give the same bytes.  Municipalities are built one at a time
(on several processes for a large tree, as `lofte validate` checks files),
so memory stays flat in their number.  Rebuilding a tree's site over an
earlier one, a municipality whose folder is proven unchanged is not rendered:
its files are linked from the old site (`lofte.write.reuse`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lofte.errors import Diagnostic, UsageError, errors_in

if TYPE_CHECKING:
    from lofte.follow.calendar import Term
    from lofte.follow.period import OpenPeriod, PeriodStatus
    from lofte.model import Municipality
    from lofte.read.loader import Loaded, Workspace
    from lofte.render.reportview import Report
    from lofte.render.site_feed import Entry
    from lofte.render.siteview import Page, PeriodCard
    from lofte.write.tree import Tree

LANG_CHOICES = ("sv", "en", "both")
#: Entries of the top feed of a tree: the newest follow-ups of all municipalities.
TOP_FEED_ENTRIES = 100
#: The one stylesheet every page links to (rendered from templates/site/style.css.j2).
STYLESHEET = "style.css"
#: Where each municipality's newest feed entries wait for the top feed during a build.
SPILL = ".top-feed"


@dataclass(frozen=True)
class Built:
    """What `lofte site` wrote."""

    out: Path
    municipalities: int
    periods: int
    files: int


@dataclass
class _Summary:
    """What a municipality's build tells the top index (small: memory stays flat)."""

    folder: str
    id: str | None
    display: str | None  # its municipality file as the user sees it
    name: str
    police_area: str | None
    latest: dict[str, str] = field(default_factory=dict)  # lang → "Så gick det 2020: …"
    periods: int = 0
    files: int = 0
    data: dict[str, Any] = field(default_factory=dict)  # its entry in the top data.json
    diagnostics: list[Diagnostic] = field(default_factory=list)


def languages(choice: str) -> tuple[str, ...]:
    """``both`` → Swedish at the root and English under ``en/``; else the one language."""
    if choice == "both":
        return ("sv", "en")
    if choice in ("sv", "en"):
        return (choice,)
    raise UsageError(f"--lang: expected sv, en or both, got {choice!r}")


def site(
    out: Path,
    data_dir: Path,
    as_of: dt.date,
    langs: tuple[str, ...] = ("sv", "en"),
    templates: Path | None = None,
    jobs: int | None = None,
) -> tuple[Built | None, list[Diagnostic]]:
    """Build the site of ``data_dir`` into ``out``: what was written, or the problems.

    With problems nothing is written.
    """
    import shutil

    from lofte.read.loader import display_path, municipality_folders
    from lofte.rules.bulk import map_files
    from lofte.write.reuse import previous_site
    from lofte.write.tree import building, replaceable

    reason = replaceable(out)
    if reason is not None:
        return None, [Diagnostic(display_path(out), 1, 1, "output", reason)]
    if not data_dir.is_dir():
        raise UsageError(
            f"{display_path(data_dir)}: data directory not found (set --data-dir or LOFTE_DATA_DIR)"
        )
    if templates is not None and not templates.is_dir():
        raise UsageError(f"{templates}: templates directory not found")
    folders = municipality_folders(data_dir)
    tree = bool(folders)
    if not tree:
        folders = [data_dir]

    class _Abort(Exception):
        pass

    problems: list[Diagnostic] = []
    previous = previous_site(out) if tree else None
    fingerprint = _fingerprint(as_of, langs, templates) if tree else ""
    try:
        with building(out) as build:
            work = _Build(
                build.root, data_dir, as_of, langs, templates, tree, previous, fingerprint
            )
            summaries: list[_Summary] = map_files(folders, work, jobs)
            problems = [d for s in summaries for d in s.diagnostics]
            problems += _duplicates(summaries)
            if errors_in(problems):
                raise _Abort
            if tree:
                _write_top(build, summaries, as_of, langs, templates)
                shutil.rmtree(build.root / SPILL)
            else:
                _write_data_index(build, "data.json", as_of, summaries)
            stylesheet = _Build(build.root, data_dir, as_of, langs, templates, tree)
            build.write(STYLESHEET, _render(stylesheet, langs[0], "site/style.css.j2"))
            files = sum(s.files for s in summaries) + build.files
    except _Abort:
        return None, sorted(problems)
    periods = sum(s.periods for s in summaries)
    return Built(out, len(summaries), periods, files), sorted(problems)


def _duplicates(summaries: list[_Summary]) -> list[Diagnostic]:
    """Two municipalities with the same id: their feeds, data and pages would collide."""
    seen: dict[str, _Summary] = {}
    found = []
    for one in summaries:
        if one.id is None:
            continue
        first = seen.setdefault(one.id, one)
        if first is not one:
            found.append(
                Diagnostic(
                    one.display or one.folder,
                    1,
                    1,
                    "duplicate-municipality",
                    f"municipality {one.id!r} is also {first.display}; "
                    "each municipality needs its own id (its file name)",
                )
            )
    return found


# ------------------------------------------------------------- one municipality


@dataclass(frozen=True)
class _Build:
    """The work on one municipality folder (a module-level class: workers get it by pickle)."""

    root: Path
    data_dir: Path
    as_of: dt.date
    langs: tuple[str, ...]
    templates: Path | None
    tree: bool
    previous: Path | None = None  # the site being replaced, whose unchanged parts are reused
    fingerprint: str = ""  # everything but the folder's own files that its pages depend on

    def __call__(self, folder: Path, workspace: Workspace) -> _Summary:
        from lofte.read.loader import Workspace, promise_files
        from lofte.write.reuse import folder_key

        key = folder_key(self.fingerprint, folder) if self.fingerprint else None
        if key is not None and self.previous is not None:
            reused = _reuse(self, folder, key)
            if reused is not None:
                return reused
        workspace = Workspace(cache=workspace.cache)  # one folder's files, dropped after it
        done = _municipality(self, folder, promise_files(folder), workspace, key)
        # The collector is paused while files are read (`map_files`); the reference
        # cycles a municipality's rendering leaves would pile up until the end.  A
        # collection of the youngest objects frees them: peak memory at 290
        # municipalities 64 -> 60 MiB, about 2 % more time.
        import gc

        gc.collect(0)
        return done


def _municipality(
    build: _Build, folder: Path, paths: list[Path], workspace: Workspace, key: str | None = None
) -> _Summary:
    from lofte.rules.opening import open_period
    from lofte.write.tree import Tree

    summary = _Summary(folder.name, None, None, folder.name, None)
    towns: list[Loaded] = []
    opened: list[OpenPeriod] = []
    for path in paths:
        loaded, problems = workspace.load(path)
        summary.diagnostics.extend(problems)
        if loaded is None:
            continue
        if loaded.document.kind == "municipality":
            towns.append(loaded)
            continue
        period, problems = open_period(str(path), build.data_dir, workspace)
        summary.diagnostics.extend(problems)
        if period is not None:
            opened.append(period)
    for extra in towns[1:]:
        summary.diagnostics.append(
            Diagnostic(
                extra.display,
                1,
                1,
                "municipality",
                f"a second municipality file in one folder (the first is {towns[0].display}); "
                "put each municipality in a folder of its own",
            )
        )
    if towns:
        town = towns[0]
        document: Municipality = town.document
        summary.id, summary.display = town.stem, town.display
        summary.name, summary.police_area = document.name, document.police_area
    if errors_in(summary.diagnostics):
        return summary
    tree = Tree(build.root)
    tree.written = []
    _write_municipality(build, tree, summary, opened)
    if key is not None and not summary.diagnostics:
        # A municipality with warnings is built again next time, to show them again
        # (they name its files as seen from where lofte runs).
        from dataclasses import asdict

        from lofte.write.reuse import write_manifest

        fields = {**asdict(summary), "files": 0, "display": None, "diagnostics": []}
        write_manifest(tree, summary.folder, key, fields, SPILL)
    summary.files = tree.files
    return summary


# ------------------------------------------------------- reusing an unchanged municipality
#
# `lofte.write.reuse` proves a municipality's folder unchanged since the site being
# replaced was built, and links its files; here is what its pages depend on
# beyond that folder, and what the top index needs from the manifest.


def _fingerprint(as_of: dt.date, langs: tuple[str, ...], templates: Path | None) -> str:
    """What every municipality's pages depend on beyond its own folder's files."""
    import sys
    from importlib.metadata import version

    import lofte
    from lofte.render.report import templates_dir
    from lofte.write.reuse import fingerprint

    parts = (
        lofte.__version__,
        sys.version,
        *(f"{name} {version(name)}" for name in ("jinja2", "markupsafe", "pydantic", "pyyaml")),
        as_of.isoformat(),
        ",".join(langs),
    )
    package = Path(lofte.__file__).parent
    trees = [("code", package, "*.py"), ("templates", templates_dir(), "*.j2")]
    if templates is not None:
        trees.append(("own", templates, "*"))
    return fingerprint(parts, trees)


def _reuse(build: _Build, folder: Path, key: str) -> _Summary | None:
    """The municipality's files linked from the previous site, if proven unchanged; else None."""
    from lofte.read.loader import display_path
    from lofte.write.reuse import reuse
    from lofte.write.tree import Tree

    assert build.previous is not None

    def accept(fields: dict[str, Any]) -> _Summary:
        summary = _Summary(**{**fields, "diagnostics": []})
        if summary.id is not None:
            # Its file as seen from here: the pages do not depend on it.
            summary.display = display_path(folder / f"{summary.id}.yaml")
        return summary

    tree = Tree(build.root)
    reused = reuse(build.previous, tree, folder.name, key, SPILL, accept)
    if reused is None:
        return None
    summary: _Summary = reused.summary
    summary.files = reused.files
    return summary


def _order(periods: list[OpenPeriod]) -> list[OpenPeriod]:
    """Newest first: by last day, then first day, then file name."""
    return sorted(
        periods,
        key=lambda p: (p.document.last_day, p.document.first_day, p.loaded.stem),
        reverse=True,
    )


def _write_municipality(
    build: _Build, tree: Tree, summary: _Summary, opened: list[OpenPeriod]
) -> None:
    from lofte.follow.period import period_status
    from lofte.render import status_json
    from lofte.render.site_data import activities_csv, activity_titles

    prefix = f"{summary.folder}/" if build.tree else ""
    ordered = _order(opened)
    statuses = [period_status(p, build.as_of) for p in ordered]
    police_area = summary.police_area or next(
        (p.document.police_area for p in ordered if p.document.police_area), None
    )
    summary.police_area = police_area
    cards: dict[str, tuple[list[PeriodCard], list[PeriodCard]]] = {}
    entries: dict[str, list[Entry]] = {lang: [] for lang in build.langs}
    data_periods = []
    for status in statuses:
        loaded = status.period.loaded
        stem = loaded.stem
        reports = {lang: _build_report(status, lang) for lang in build.langs}
        titles = activity_titles(status)
        # Open data: once, beside the pages of the root language.
        tree.write(f"{prefix}{stem}.json", status_json.dump(status_json.as_json(status)))
        tree.write(
            f"{prefix}{stem}.csv",
            activities_csv(status, reports["sv" if "sv" in reports else build.langs[0]], titles),
        )
        tree.write(f"{prefix}{stem}.yaml", loaded.raw)
        data_periods.append(_data_entry(status, prefix))
        terms = _published_terms(status, build.as_of)
        term_statuses = [(t, period_status(status.period, build.as_of, t.id)) for t in terms]
        for lang in build.langs:
            report = reports[lang]
            page_path = _lang_prefix(build, lang) + f"{prefix}{stem}.html"
            _write_period_page(build, tree, summary, status, report, page_path, None, terms, lang)
            for term, term_status in term_statuses:
                term_report = _build_report(term_status, lang)
                term_path = _lang_prefix(build, lang) + f"{prefix}{stem}/{term.id}.html"
                _write_period_page(
                    build, tree, summary, term_status, term_report, term_path, term, terms, lang
                )
            card = _card(build, summary, status, report, page_path, terms, lang)
            agreement = status.period.document.kind == "samverkansoverenskommelse"
            cards.setdefault(lang, ([], []))[1 if agreement else 0].append(card)
            entries[lang].extend(_entries(summary, status, report, page_path, lang))
        summary.periods += 1
    summary.data = {
        "id": summary.id,
        "name": summary.name,
        "police_area": police_area,
        "folder": summary.folder if build.tree else None,
        "periods": data_periods,
    }
    if build.tree:
        _write_data_index(tree, f"{prefix}data.json", build.as_of, [summary])
    # The top index names the newest promise that has begun by the site's date.
    begun = [
        s.period.document.effective_start <= build.as_of
        for s in statuses
        if s.period.document.kind != "samverkansoverenskommelse"
    ]
    latest = begun.index(True) if True in begun else 0
    for lang in build.langs:
        promises, agreements = cards.get(lang, ([], []))
        if promises:
            card = promises[latest]
            summary.latest[lang] = f"{card.heading}: {card.summary_line}"
        _write_index(build, tree, summary, promises, agreements, prefix, lang)
        _write_feed(build, tree, summary, entries[lang], prefix, lang)


def _build_report(status: PeriodStatus, lang: str) -> Report:
    from lofte.render.reportbuild import build_report

    return build_report(status, lang)


def _published_terms(status: PeriodStatus, as_of: dt.date) -> list[Term]:
    """The terms that get a page: begun by the site's date, not wholly before the start."""
    return [t for t in status.terms if not t.before_start and t.start <= as_of]


def _lang_prefix(build: _Build, lang: str) -> str:
    return "" if lang == build.langs[0] else f"{lang}/"


def _page(
    build: _Build,
    path: str,
    title: str,
    crumbs: list[tuple[str, str]],
    lang: str,
    feed: str | None,
) -> Page:
    """A page's frame; ``path`` and the crumbs' targets are relative to the site's root."""
    from lofte.render.siteview import Link, Page, href
    from lofte.words import word

    alternate = None
    other = None
    if len(build.langs) > 1:
        other = next(code for code in build.langs if code != lang)
        bare = path[len(_lang_prefix(build, lang)) :]
        target = _lang_prefix(build, other) + bare
        alternate = Link(word("site.other_lang", lang), href(path, target))
    return Page(
        lang=lang,
        path=path,
        title=title,
        breadcrumbs=[Link(text, href(path, target)) for text, target in crumbs],
        alternate=alternate,
        alternate_lang=other,
        feed=href(path, feed) if feed else None,
        stylesheet=href(path, STYLESHEET),
    )


def _crumbs(build: _Build, summary: _Summary, lang: str) -> list[tuple[str, str]]:
    """The way to a municipality's index: the top index first, in a tree."""
    from lofte.words import word

    lp = _lang_prefix(build, lang)
    if build.tree:
        return [
            (word("site.home", lang), f"{lp}index.html"),
            (summary.name, f"{lp}{summary.folder}/index.html"),
        ]
    return [(summary.name, f"{lp}index.html")]


def _write_period_page(
    build: _Build,
    tree: Tree,
    summary: _Summary,
    status: PeriodStatus,
    report: Report,
    path: str,
    term: Term | None,
    terms: list[Term],
    lang: str,
) -> None:
    from lofte.render.site_data import activity_titles, promised_by
    from lofte.render.siteview import Link, PeriodPage, chart, href, strip, summary_counts
    from lofte.words import word

    prefix = f"{summary.folder}/" if build.tree else ""
    lp = _lang_prefix(build, lang)
    stem = status.period.loaded.stem
    whole_path = f"{lp}{prefix}{stem}.html"
    crumbs = _crumbs(build, summary, lang)
    if term is not None:
        whole_heading = _build_heading(status, lang)
        crumbs.append((whole_heading, whole_path))
    crumbs.append((report.heading, path))
    title = f"{report.heading} – {report.municipality}"  # a name: no Swedish text in <title>
    page = _page(build, path, title, crumbs, lang, f"{lp}{prefix}feed.xml")
    summary_chart = chart("chart-summary", summary_counts(report), "site.summary_chart", lang)
    group_charts = [  # on the period's page: a term's page is the term's records
        chart(
            f"chart-group-{n}",
            _group_counts(group.activities, lang),
            "site.group_chart",
            lang,
            group=group.label or group.heading,
        )
        for n, group in enumerate(report.groups, start=1)
        if term is None
    ]
    view_date = report.view_date
    by_id = {a.id: (a, s) for _, a, s in status.rows}
    strips = {  # on the period's page; a term's page links there
        key: strip(activity, one, status.terms, view_date, term, lang, status.period.document)
        for key, (activity, one) in by_id.items()
        if term is None
    }
    headings = {a.id: a.heading for g in report.groups for a in g.activities}
    deviations = _deviations(status, report, headings, lang)
    document = status.period.document
    source = document.source
    data = [
        Link(word("site.json", lang), href(path, f"{prefix}{stem}.json")),
        Link(word("site.csv", lang), href(path, f"{prefix}{stem}.csv")),
        Link(word("site.yaml", lang), href(path, f"{prefix}{stem}.yaml")),
    ]
    term_links = [Link(t.label(lang), href(path, f"{lp}{prefix}{stem}/{t.id}.html")) for t in terms]
    view = PeriodPage(
        page=page,
        report=report,
        summary_chart=summary_chart,
        group_charts=group_charts,
        strips=strips,
        deviations=deviations,
        source=source.document if source is not None else None,
        source_url=source.url if source is not None else None,
        data=data,
        terms=term_links,
        whole=Link(word("site.all_terms", lang), href(path, whole_path)) if term else None,
        current=term.id if term is not None else None,
        terms_word=word(f"terms.{status.terms[0].kind}", lang) if status.terms else "",
        promised_by=promised_by(status),
        titles=activity_titles(status),
    )
    tree.write(path, _render(build, lang, "site/period.html.j2", view=view, report=report))


def _build_heading(status: PeriodStatus, lang: str) -> str:
    from lofte.words import word

    return word("report.heading_period", lang).format(period=status.period.document.period)


def _group_counts(activities: list[Any], lang: str) -> list[Any]:
    from lofte.render.reportview import SUMMARY, SummaryCount
    from lofte.words import word

    return [
        SummaryCount(
            key,
            word(f"report.summary_{key}", lang),
            sum(a.standing in standings for a in activities),
        )
        for key, standings in SUMMARY
    ]


def _deviations(
    status: PeriodStatus, report: Report, headings: dict[str, str], lang: str
) -> list[Any]:
    """Every deviation reported on the page's day (in its term): on records, and the file's own."""
    from lofte.follow.calendar import day_of
    from lofte.follow.describe import span_name
    from lofte.render.siteview import Noted

    anchor = "#activity-"
    document = status.period.document
    found = [
        # A record dated only by the span it covers says that span, never a made-up day.
        Noted(
            record.date,
            record.deviation,
            headings.get(a.id),
            f"{anchor}{a.id}",
            covers=span_name(record.covers, lang) if record.covers else None,
            day=day,
        )
        for _, a, _ in status.rows
        for record in a.progress
        if record.deviation
        and (day := day_of(record, document)) <= report.view_date
        and (status.term is None or status.term.contains(day))
    ]
    found += _listed(status, "deviations", headings, report.view_date, lang)
    return sorted(found, key=lambda n: (n.day or dt.date.min, n.text))


def _listed(
    status: PeriodStatus, key: str, headings: dict[str, str], until: dt.date, lang: str
) -> list[Any]:
    """The document's ``deviations`` or ``other_work`` up to ``until`` (in the status's term)."""
    from lofte.follow.calendar import day_of
    from lofte.follow.describe import span_name
    from lofte.render.siteview import Noted

    document = status.period.document
    items = document.deviations if key == "deviations" else document.other_work
    out = []
    for item in items:
        day = day_of(item, document)
        if day > until or (status.term is not None and not status.term.contains(day)):
            continue
        # A deviation names the activities it affects; other work names none.
        affects = getattr(item, "affects", None)
        target = affects[0] if affects else None
        out.append(
            Noted(
                item.date,
                item.text,
                headings.get(target) if target else None,
                f"#activity-{target}" if target and target in headings else None,
                covers=span_name(item.covers, lang) if item.covers else None,
                day=day,
                count=getattr(item, "count", None),  # other work may say how many
                unit=getattr(item, "unit", None),
            )
        )
    return out


def _card(
    build: _Build,
    summary: _Summary,
    status: PeriodStatus,
    report: Report,
    page_path: str,
    terms: list[Term],
    lang: str,
) -> PeriodCard:
    from lofte.render.siteview import Link, PeriodCard, chart, href, summary_counts
    from lofte.words import long_date, word

    prefix = f"{summary.folder}/" if build.tree else ""
    lp = _lang_prefix(build, lang)
    index = f"{lp}{prefix}index.html"
    stem = status.period.loaded.stem
    document = status.period.document
    return PeriodCard(
        heading=report.heading,
        title=report.title,
        href=href(index, page_path),
        span=word("site.span", lang).format(
            start=long_date(document.effective_start, lang), end=long_date(document.last_day, lang)
        ),
        summary_line=status.summary(lang),
        chart=chart(f"chart-{stem}", summary_counts(report), "site.summary_chart", lang),
        terms=[Link(t.label(lang), href(index, f"{lp}{prefix}{stem}/{t.id}.html")) for t in terms],
    )


def _write_index(
    build: _Build,
    tree: Tree,
    summary: _Summary,
    promises: list[PeriodCard],
    agreements: list[PeriodCard],
    prefix: str,
    lang: str,
) -> None:
    from lofte.render.siteview import MunicipalityPage, href

    lp = _lang_prefix(build, lang)
    path = f"{lp}{prefix}index.html"
    crumbs = _crumbs(build, summary, lang)
    page = _page(build, path, summary.name, crumbs, lang, f"{lp}{prefix}feed.xml")
    view = MunicipalityPage(
        page=page,
        name=summary.name,
        police_area=summary.police_area,
        periods=promises,
        agreements=agreements,
        data_index=href(path, f"{prefix}data.json"),
    )
    tree.write(path, _render(build, lang, "site/municipality.html.j2", view=view))


def _entries(
    summary: _Summary, status: PeriodStatus, report: Report, page_path: str, lang: str
) -> list[Entry]:
    """The feed's entries of one period: one per record up to the site's date."""
    from lofte.follow.calendar import day_of
    from lofte.render.activityview import span_label
    from lofte.render.site_feed import Entry
    from lofte.words import word

    headings = {a.id: a.heading for g in report.groups for a in g.activities}
    stem = status.period.loaded.stem
    ident = summary.id or summary.folder
    out: list[Entry] = []
    document = status.period.document
    for _, activity, _ in status.rows:
        seen: dict[str, int] = {}
        for record in activity.progress:
            day = day_of(record, document)
            if day > status.as_of:
                continue
            # Its place: its date, or (dated by `covers` alone) the span it covers.
            covers = record.covers
            where = record.date.isoformat() if record.date else f"covers-{covers}"
            seen[where] = seen.get(where, 0) + 1
            parts = []
            if covers:
                parts.append(f"({span_label(covers, lang)})")  # "(avser tertial 2 2025)"
            if record.count is not None:
                parts.append(f"{word('report.count', lang)}: {record.count}.")
            if record.note:
                parts.append(record.note)
            if record.places:
                parts.append(f"{word('report.places', lang)}: {', '.join(record.places)}.")
            if record.deviation:
                parts.append(f"{word('report.deviation', lang)}: {record.deviation}")
            if record.link:
                parts.append(f"{word('report.link', lang)}: {record.link}")
            heading = headings.get(activity.id, activity.id)
            out.append(
                Entry(
                    key=f"{ident}/{stem}/{activity.id}/{where}/{seen[where]}",
                    date=day,
                    title=f"{summary.name}, {report.period}: {heading}",
                    text=" ".join(parts),
                    href=f"{page_path}#activity-{activity.id}",
                    author=summary.name,
                )
            )
    for key, label in (("deviations", "site.feed_deviation"), ("other_work", "site.feed_other")):
        for n, item in enumerate(_listed(status, key, headings, status.as_of, lang), start=1):
            said = f"({span_label(item.covers, lang)}) " if item.covers else ""
            out.append(
                Entry(
                    key=f"{ident}/{stem}/{key}/{n}",
                    # Its date, else its span's last day: never the day the site was built.
                    date=item.day or status.as_of,
                    title=f"{summary.name}, {report.period}: {word(label, lang)}",
                    text=said + item.text + _counted(item.count, item.unit, lang),
                    # The activity it concerns, else its section of the page.
                    href=page_path + (item.href or f"#{key.replace('_', '-')}"),
                    author=summary.name,
                )
            )
    return out


def _counted(count: int | None, unit: str | None, lang: str) -> str:
    """ " (Antal: 3 föreläsningar)" for an item that says how many, else nothing."""
    from lofte.words import word

    if count is None:
        return ""
    return f" ({word('report.count', lang)}: {count}{f' {unit}' if unit else ''})"


def _write_feed(
    build: _Build, tree: Tree, summary: _Summary, entries: list[Entry], prefix: str, lang: str
) -> None:
    from lofte.render.site_feed import atom, newest_first
    from lofte.words import word

    lp = _lang_prefix(build, lang)
    ordered = newest_first(entries)
    tree.write(
        f"{lp}{prefix}feed.xml",
        atom(
            key=f"feed/{summary.id or summary.folder}/{lang}",
            path=f"{lp}{prefix}feed.xml",
            title=word("site.feed_title", lang).format(name=summary.name),
            lang=lang,
            home=f"{lp}{prefix}index.html",
            entries=ordered,
            as_of=build.as_of,
            author=summary.name,
        ),
    )
    if build.tree:
        # Its newest entries wait on disk for the top feed, not in memory (which then
        # would grow with the number of municipalities).
        _spill(tree, f"{SPILL}/{summary.folder}.{lang}.json", ordered[:TOP_FEED_ENTRIES])


def _spill(tree: Tree, path: str, entries: list[Entry]) -> None:
    """Keep ``entries`` in a file of the build for the top feed (removed before the swap)."""
    import json
    from dataclasses import asdict

    rows = [{**asdict(e), "date": e.date.isoformat()} for e in entries]
    tree.write(path, json.dumps(rows, ensure_ascii=False))
    tree.files -= 1  # not part of the site


def _newest(folder: Path, summaries: list[_Summary], lang: str) -> list[Entry]:
    """The newest entries of all municipalities, reading one file at a time (memory stays flat)."""
    import heapq
    import json

    from lofte.render.site_feed import Entry, newest_first

    kept: list[Entry] = []
    for one in summaries:
        path = folder / f"{one.folder}.{lang}.json"
        if not path.is_file():
            continue
        rows = json.loads(path.read_text(encoding="utf-8"))
        found = [Entry(**{**r, "date": dt.date.fromisoformat(r["date"])}) for r in rows]
        kept = heapq.nsmallest(
            TOP_FEED_ENTRIES, kept + found, key=lambda e: (-e.date.toordinal(), e.key)
        )
    return newest_first(kept)


def _data_entry(status: PeriodStatus, prefix: str) -> dict[str, Any]:
    document = status.period.document
    stem = status.period.loaded.stem
    return {
        "file": stem,
        "period": document.period,
        "kind": document.kind,
        "title": document.title,
        "starts": document.effective_start.isoformat(),
        "ends": document.last_day.isoformat(),
        "summary": _tally(status),
        "page": f"{prefix}{stem}.html",
        "json": f"{prefix}{stem}.json",
        "csv": f"{prefix}{stem}.csv",
        "yaml": f"{prefix}{stem}.yaml",
    }


def _tally(status: PeriodStatus) -> dict[str, int]:
    from lofte.follow.standing import tally

    return tally(status.statuses)


def _write_data_index(tree: Tree, path: str, as_of: dt.date, summaries: list[_Summary]) -> int:
    """``data.json``: every period's open data, with addresses relative to the index itself."""
    import posixpath

    from lofte.render.status_json import dump

    base = posixpath.dirname(path)

    def rel(entry: dict[str, Any]) -> dict[str, Any]:
        out = dict(entry)
        for key in ("page", "json", "csv", "yaml"):
            out[key] = posixpath.relpath(entry[key], base or ".")
        return out

    municipalities = [
        {**s.data, "periods": [rel(p) for p in s.data.get("periods", [])]} for s in summaries
    ]
    index = {"version": 1, "as_of": as_of.isoformat(), "municipalities": municipalities}
    tree.write(path, dump(index))
    return 1


def _render(build: _Build, lang: str, name: str, **context: Any) -> str:
    from lofte.render.report import render_template

    return render_template(_environment(lang, build.templates), name, **context)


_ENVIRONMENTS: dict[tuple[str, Path | None], Any] = {}


def _environment(lang: str, templates: Path | None) -> Any:
    """One Jinja2 environment per language (templates are compiled once and cached in it)."""
    from lofte.render.report import environment

    key = (lang, templates)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = environment("html", lang, templates)
    return _ENVIRONMENTS[key]


# ------------------------------------------------------------------ the top


def _write_top(
    build: Tree,
    summaries: list[_Summary],
    as_of: dt.date,
    langs: tuple[str, ...],
    templates: Path | None,
) -> int:
    """The tree's top index, data index and feed; the number of files written."""
    from lofte.render.site_feed import atom
    from lofte.render.siteview import MunicipalityCard, TopPage, href
    from lofte.words import word

    context = _Build(build.root, Path("."), as_of, langs, templates, True)
    written = _write_data_index(build, "data.json", as_of, summaries)
    for lang in langs:
        lp = _lang_prefix(context, lang)
        path = f"{lp}index.html"
        groups: dict[str, list[MunicipalityCard]] = {}
        for one in summaries:
            card = MunicipalityCard(
                one.name, href(path, f"{lp}{one.folder}/index.html"), one.latest.get(lang)
            )
            groups.setdefault(one.police_area or "", []).append(card)
        ordered = [
            (area or word("site.no_police_area", lang), sorted(cards, key=lambda c: c.name))
            for area, cards in sorted(groups.items(), key=lambda g: (g[0] == "", g[0]))
        ]
        page = _page(
            context,
            path,
            word("site.name", lang),
            [(word("site.home", lang), path)],
            lang,
            f"{lp}feed.xml",
        )
        view = TopPage(page=page, groups=ordered, data_index=href(path, "data.json"))
        build.write(path, _render(context, lang, "site/top.html.j2", view=view))
        entries = _newest(build.root / SPILL, summaries, lang)
        build.write(
            f"{lp}feed.xml",
            atom(
                key=f"feed/{lang}",
                path=f"{lp}feed.xml",
                title=word("site.feed_all", lang),
                lang=lang,
                home=path,
                entries=entries[:TOP_FEED_ENTRIES],
                as_of=as_of,
                author=word("site.name", lang),
            ),
        )
        written += 2
    return written


__all__ = ["Built", "LANG_CHOICES", "languages", "site"]
