"""The command line: parse options, call one core function, render, exit.

Only typer and the standard library are imported at module level, so that
``lofte --help`` starts fast; each command imports what it needs.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(
    name="lofte",
    help="Keep citizen promises (medborgarlöften) as YAML: validate, record, follow up.",
    no_args_is_help=True,
    # Plain help: rich-formatted help would import rich's tables at start-up.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
)


class Format(enum.StrEnum):
    """Diagnostic output formats."""

    text = "text"
    json = "json"
    github = "github"


DataDir = Annotated[
    Path,
    typer.Option(
        "--data-dir",
        envvar="LOFTE_DATA_DIR",
        help="Directory of promise files, or of one folder per municipality.  [default: ./data]",
        show_default=False,
        file_okay=False,
    ),
]


# Shared by the commands that work through many files (validate, check).
Jobs = Annotated[
    int,
    typer.Option(
        "--jobs", "-j", min=0, help="Processes to use; 0: every core when there are many files."
    ),
]
NoCache = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        envvar="LOFTE_NO_CACHE",
        help="Neither read nor write the parse cache.",
    ),
]
CacheDir = Annotated[
    Path,
    typer.Option(
        "--cache-dir",
        envvar="LOFTE_CACHE_DIR",
        help="Where parses are cached, keyed on file content.",
        file_okay=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        from lofte import __version__

        typer.echo(f"lofte {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Keep citizen promises (medborgarlöften) as YAML: validate, record, follow up."""


def _fatal(exc: Exception) -> NoReturn:
    from lofte.errors import LofteError

    assert isinstance(exc, LofteError)
    typer.echo(f"lofte: {exc}", err=True)
    raise typer.Exit(exc.exit_code)


@app.command()
def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Periods (2020) or paths; default: every *.yaml in the data directory.",
            show_default=False,
        ),
    ] = None,
    data_dir: DataDir = Path("data"),
    output: Annotated[
        Format, typer.Option("--format", "-f", help="Output: text, json or github annotations.")
    ] = Format.text,
    jobs: Jobs = 0,
    no_cache: NoCache = False,
    cache_dir: CacheDir = Path(".lofte-cache"),
) -> None:
    """Check promise files against the format and each other; report every problem."""
    from lofte.errors import LofteError, errors_in
    from lofte.render import REPORTERS, summary_line
    from lofte.validate import validate as run

    try:
        count, diagnostics = run(
            paths or [], data_dir, jobs=jobs or None, cache_dir=None if no_cache else cache_dir
        )
    except LofteError as exc:
        _fatal(exc)
    typer.echo(REPORTERS[output.value](diagnostics, summary_line(count, diagnostics)), nl=False)
    raise typer.Exit(1 if errors_in(diagnostics) else 0)


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Periods (2020), files or folders; default: every *.yaml in the data directory.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="Judge freshness on this date.  [default: today]",
            show_default=False,
        ),
    ] = None,
    grace: Annotated[
        int,
        typer.Option(
            "--grace",
            metavar="DAYS",
            help="Days after a tertial or quarter closes before its follow-up is due.",
        ),
    ] = 30,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    output: Annotated[
        Format, typer.Option("--format", "-f", help="Output: text, json or github annotations.")
    ] = Format.text,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain", metavar="CODE", help="Explain a check code (e.g. LT102) and exit."
        ),
    ] = None,
    data_dir: DataDir = Path("data"),
    jobs: Jobs = 0,
    no_cache: NoCache = False,
    cache_dir: CacheDir = Path(".lofte-cache"),
) -> None:
    """Check that every target is tracked: stated quantities, records, follow-up per tertial.

    Exit 1 on errors; warnings alone (missing follow-up in an ended period) exit 0
    unless --strict.  `--explain CODE` prints what a code means.
    """
    from lofte.errors import LofteError, errors_in
    from lofte.render import reporter

    try:
        if explain is not None:
            from lofte.rules.codes import explain as explain_code

            typer.echo(explain_code(explain))
            raise typer.Exit(0)
        from lofte.check import check as run

        diagnostics, summary = run(
            paths or [],
            data_dir,
            as_of=as_of,
            grace=grace,
            strict=strict,
            jobs=jobs or None,
            cache_dir=None if no_cache else cache_dir,
        )
    except LofteError as exc:
        _fatal(exc)
    typer.echo(reporter(output.value, with_code=True)(diagnostics, summary), nl=False)
    raise typer.Exit(1 if errors_in(diagnostics) else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of promise files (what editors use to complete them)."""
    from lofte.schema import schema_text

    typer.echo(schema_text(), nl=False)


class StatusFormat(enum.StrEnum):
    """Status output formats."""

    table = "table"
    json = "json"


@app.command()
def status(
    period: Annotated[
        str | None,
        typer.Argument(
            help="A period (2020, 2024-2025, samverkan-2020-2023) or a path; "
            "none: one line per period file.",
            show_default=False,
            metavar="PERIOD",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Judge the standing on this date, YYYY-MM-DD [default: today]."
        ),
    ] = None,
    tertial: Annotated[
        str | None,
        typer.Option(
            "--tertial",
            "-t",
            metavar="TERM",
            help="Standing at the end of one tertial or quarter: T2, 2024-T1, 2021-Q3.",
        ),
    ] = None,
    output: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="Output: table or json.")
    ] = StatusFormat.table,
    data_dir: DataDir = Path("data"),
) -> None:
    """Show where every target stands: kept, on track, behind, or without follow-up."""
    import os
    import sys

    from lofte.errors import LofteError
    from lofte.options import day_option
    from lofte.render.status import render
    from lofte.status import run

    try:
        outcome = run(period, data_dir, day_option(as_of), tertial)
    except LofteError as exc:
        _fatal(exc)
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() else None
    text = render(outcome, output.value, terminal=sys.stdout.isatty(), width=width)
    typer.echo(text, nl=False)
    raise typer.Exit(1 if outcome.diagnostics else 0)


@app.command()
def record(
    period: Annotated[
        str, typer.Argument(metavar="PERIOD", help="The period (2020) or a path to its file.")
    ],
    activity: Annotated[str, typer.Argument(metavar="ACTIVITY_ID", help="The activity's id.")],
    date: Annotated[
        str | None,
        typer.Option(
            metavar="D", help="When it happened, YYYY-MM-DD.  [default: today]", show_default=False
        ),
    ] = None,
    count: Annotated[
        str | None,
        typer.Option(metavar="N", help="How many, a whole number above zero.", show_default=False),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="What was done, in words.", show_default=False),
    ] = None,
    place: Annotated[
        list[str] | None,
        typer.Option("--place", metavar="P", help="Where (repeatable).", show_default=False),
    ] = None,
    partner: Annotated[
        list[str] | None,
        typer.Option("--partner", metavar="X", help="With whom (repeatable).", show_default=False),
    ] = None,
    link: Annotated[
        str | None, typer.Option(metavar="URL", help="Where it is published.", show_default=False)
    ] = None,
    deviation: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="What went otherwise than planned.", show_default=False),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the diff that would be written; write nothing.")
    ] = False,
    data_dir: DataDir = Path("data"),
) -> None:
    """Record progress on an activity: adds lines to its file and changes no other byte."""
    import datetime as dt

    from lofte.errors import LofteError, errors_in
    from lofte.record import RecordRequest, render_outcome
    from lofte.record import record as run

    request = RecordRequest(
        period,
        activity,
        date,
        count,
        note,
        tuple(place or ()),
        tuple(partner or ()),
        link,
        deviation,
    )
    try:
        outcome = run(request, data_dir, today=dt.date.today(), dry_run=dry_run)
    except LofteError as exc:
        _fatal(exc)
    for problem in outcome.problems:
        typer.echo(problem.render(), err=True)
    if errors_in(outcome.problems):
        raise typer.Exit(1)
    typer.echo(outcome.diff, nl=False)
    typer.echo(render_outcome(outcome), nl=False, err=dry_run)


class ReportFormat(enum.StrEnum):
    """Report output formats."""

    md = "md"
    html = "html"


class Lang(enum.StrEnum):
    """Report languages."""

    sv = "sv"
    en = "en"


@app.command()
def report(
    period: Annotated[str, typer.Argument(help="The period (2020, 2024-2025) or a path.")],
    tertial: Annotated[
        str | None,
        typer.Option(
            "--tertial",
            "-t",
            help="One tertial (T2, or 2024-T1 in a multi-year period); default: the whole period.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Markdown or a self-contained HTML page.")
    ] = ReportFormat.md,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the report.")] = Lang.sv,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Report date, YYYY-MM-DD; default: today.", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE (atomically) instead of standard output.",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Directory of templates that replace built-in ones of the same name.",
            show_default=False,
            file_okay=False,
        ),
    ] = None,
    data_dir: DataDir = Path("data"),
) -> None:
    """Write the tertial or yearly follow-up ("så gick det") as Markdown or HTML."""
    from lofte.errors import LofteError
    from lofte.render import REPORTERS, summary_line
    from lofte.report import report as build

    try:
        context, problems = build(period, data_dir, as_of, tertial, lang.value)
        if context is None:
            typer.echo(REPORTERS["text"](problems, summary_line(1, problems)), nl=False, err=True)
            raise typer.Exit(1)
        from lofte.render.report import render

        text = render(context, output_format.value, lang.value, templates)
        if output is not None:
            from lofte.write.atomic import write_text

            write_text(output, text)
        else:
            typer.echo(text, nl=False)
    except LofteError as exc:
        _fatal(exc)


class SiteLang(enum.StrEnum):
    """Languages of the site."""

    sv = "sv"
    en = "en"
    both = "both"


@app.command()
def site(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The site's folder; built beside it and swapped in whole.",
        ),
    ] = Path("site"),
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="The site's date, YYYY-MM-DD; default: today.", show_default=False
        ),
    ] = None,
    lang: Annotated[
        SiteLang,
        typer.Option("--lang", help="Swedish, English, or both (Swedish at the root, en/ beside)."),
    ] = SiteLang.both,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Directory of templates that replace built-in ones of the same name.",
            show_default=False,
            file_okay=False,
        ),
    ] = None,
    jobs: Jobs = 0,
    data_dir: DataDir = Path("data"),
) -> None:
    """Write the static website: every period and term, open data and an Atom feed."""
    from lofte.errors import LofteError
    from lofte.render import REPORTERS

    try:
        from lofte.options import day_option
        from lofte.site import languages
        from lofte.site import site as build

        built, problems = build(
            output, data_dir, day_option(as_of), languages(lang.value), templates, jobs or None
        )
        if built is None:
            count = len(problems)
            line = f"site not written: {count} problem{'s' if count != 1 else ''}"
            typer.echo(REPORTERS["text"](problems, line), nl=False, err=True)
            raise typer.Exit(1)
        for warning in problems:  # warnings only: errors write nothing
            typer.echo(warning.render(), err=True)
        typer.echo(
            f"wrote {built.out}: {built.municipalities} municipalities, "
            f"{built.periods} periods, {built.files} files"
        )
    except LofteError as exc:
        _fatal(exc)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="lofte")
