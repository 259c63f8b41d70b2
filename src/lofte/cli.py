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
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _plain_help() -> None:
    """Help that names values in words (FILE, N, TEXT), never Python types.

    Typer shows an argument as ``PERIOD <str>`` and a list as ``<list[str]>``;
    an option without a metavar as ``<int>``.  Arguments here say what they
    are in their name and help, options in their metavar.
    """
    import typer.core

    words = {
        "<int>": "N",
        "<int range>": "N",
        "<float>": "NUMBER",
        "<float range>": "NUMBER",
        "<str>": "TEXT",
        "<dir>": "DIR",
        "<file>": "FILE",
        "<path>": "PATH",
    }

    def option_type(self: typer.core.TyperOption, ctx: object) -> str:
        shown = original(self, ctx)  # type: ignore[arg-type]
        if shown in words:
            return words[shown]
        if shown.startswith("<") and shown.endswith(">") and "[" not in shown:
            return "[" + shown[1:-1] + "]"  # choices: [text|json|github]
        return shown

    def usage_name(self: typer.core.TyperArgument) -> str:
        name = self.display_name_raw
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    original = typer.core.TyperOption.display_type
    typer.core.TyperOption.display_type = option_type  # type: ignore[method-assign,assignment]
    typer.core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]
    typer.core.TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]


_plain_help()


def _plain_value_errors() -> None:
    """A bad value said as Click says it, with a "did you mean" where one is close.

    Typer converts values through pydantic, whose message for a rejected choice
    starts "Value error, ": `--format jsn` would read "Value error, 'jsn' is
    not one of 'table', 'json'."  Here it reads "'jsn' is not one of 'table',
    'json'; did you mean 'json'?"  (tests/test_validate.py keeps it so.)
    """
    import difflib
    import re

    try:
        from typer import _coercion, _display, _param_types
    except ImportError:  # an older Typer: Click's own messages, with no such prefix
        return
    original = _display.get_error_msg

    def message(exc: Exception) -> str:
        text = original(exc).removeprefix("Value error, ")
        choice = re.fullmatch(r"'(.*)' is not one of (.*)\.", text)
        if choice is not None:
            offered = re.findall(r"'([^']*)'", choice.group(2))
            close = difflib.get_close_matches(choice.group(1), offered, n=1, cutoff=0.5)
            if close:
                text = f"{text[:-1]}; did you mean {close[0]!r}?"
        return text

    # Both modules call the name they imported from typer._display.
    _coercion.get_error_msg = message  # type: ignore[attr-defined]
    _param_types.get_error_msg = message  # type: ignore[attr-defined]


_plain_value_errors()


def _typed(ctx: typer.Context) -> list[str]:
    """The words typed after the command's name, as far as completion has them.

    When the word being completed is an option's value, Click has not parsed the
    arguments before it (the command line is incomplete): they are read here.
    """
    parent = ctx.parent
    return list(parent.args if parent is not None and parent.args else ctx.args)


def _data_dir(ctx: typer.Context) -> Path:
    # Completion runs before the command: the option as typed, else its env var, else ./data.
    import os

    words = _typed(ctx)
    for index, word in enumerate(words):
        if word.startswith("--data-dir="):
            return Path(word.partition("=")[2])
        if word == "--data-dir" and index + 1 < len(words):
            return Path(words[index + 1])
    given = ctx.params.get("data_dir")
    return Path(given or os.environ.get("LOFTE_DATA_DIR") or "data")


def _period(ctx: typer.Context) -> str | None:
    """The PERIOD argument: parsed, or else the first positional word typed."""
    if ctx.params.get("period"):
        return str(ctx.params["period"])
    flags = {"--dry-run"}
    skip = False
    for word in _typed(ctx):
        if skip:
            skip = False
        elif word.startswith("-"):
            skip = word not in flags and "=" not in word
        else:
            return word
    return None


def _complete_periods(ctx: typer.Context, incomplete: str) -> list[str]:
    from lofte.complete import periods

    return periods(_data_dir(ctx), incomplete)


def _complete_activities(ctx: typer.Context, incomplete: str) -> list[str]:
    from lofte.complete import activity_ids

    period = _period(ctx)
    return activity_ids(period, _data_dir(ctx), incomplete) if period else []


def _complete_places(ctx: typer.Context, incomplete: str) -> list[str]:
    from lofte.complete import places

    return places(_period(ctx), _data_dir(ctx), incomplete)


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
    from lofte.errors import LofteError, printable

    assert isinstance(exc, LofteError)
    typer.echo(f"lofte: {printable(str(exc))}", err=True)
    raise typer.Exit(exc.exit_code)


@app.command()
def validate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Periods (2020) or paths; default: every *.yaml in the data directory.",
            show_default=False,
            metavar="PERIOD",
            autocompletion=_complete_periods,
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
            metavar="PERIOD",
            autocompletion=_complete_periods,
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
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically), e.g. schema/lofte.schema.json.",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of promise files (what editors use to complete them)."""
    from lofte.errors import LofteError
    from lofte.schema import schema as run

    try:
        text = run(output)
    except LofteError as exc:
        _fatal(exc)
    if text is not None:
        typer.echo(text, nl=False)
    else:
        typer.echo(f"wrote {output}")


@app.command()
def init(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Where to set up the repository.",
            show_default=False,
            file_okay=False,
        ),
    ] = Path("."),
    municipality: Annotated[
        str,
        typer.Option(
            "--municipality",
            "-m",
            metavar="NAME",
            help="The municipality's name, e.g. 'Vingåker kommun'.",
            show_default=False,
        ),
    ] = "",
    ident: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help="Its id and file name in data/.  [default: from the name, e.g. vingaker]",
            show_default=False,
        ),
    ] = None,
    police_area: Annotated[
        str | None,
        typer.Option(
            "--police-area",
            metavar="NAME",
            help="The police area (lokalpolisområde).",
            show_default=False,
        ),
    ] = None,
    gitlab: Annotated[
        bool, typer.Option("--gitlab", help="Also write .gitlab-ci.yml for GitLab CI.")
    ] = False,
    force: Annotated[
        list[str] | None,
        typer.Option(
            "--force",
            metavar="FILE",
            help="Overwrite this existing file (repeatable); nothing is overwritten otherwise.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Set up a municipality's repository: data/, schema, editor, pre-commit and CI files.

    It never overwrites a file unless --force names it: when one exists with other
    content it lists the files it would write and writes nothing.  Running it twice
    changes nothing.
    """
    from lofte.errors import LofteError
    from lofte.init import init as run

    if not municipality.strip():
        typer.echo("lofte: init needs --municipality NAME, e.g. 'Vingåker kommun'", err=True)
        raise typer.Exit(2)
    try:
        outcome = run(
            directory,
            municipality,
            ident=ident,
            police_area=police_area,
            gitlab=gitlab,
            force=force,
        )
    except LofteError as exc:
        _fatal(exc)
    from lofte.render.init import init_outcome

    text, code = init_outcome(outcome)
    typer.echo(text, nl=False, err=code != 0)
    raise typer.Exit(code)


@app.command()
def new(
    period: Annotated[
        str,
        typer.Argument(
            metavar="PERIOD", help="The new period: a year (2026) or years (2026-2027)."
        ),
    ],
    previous: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="PERIOD",
            help="The period to copy.  [default: the promise that ends last]",
            show_default=False,
            autocompletion=_complete_periods,
        ),
    ] = None,
    data_dir: DataDir = Path("data"),
) -> None:
    """Scaffold the next period's promise file from the last one, without its progress.

    Keeps promises, activities, targets, who is responsible and places; drops
    progress, signing and signatories; marks with comments what to fill in.
    """
    from lofte.errors import LofteError
    from lofte.new import new as run

    try:
        outcome = run(period, data_dir, previous)
    except LofteError as exc:
        _fatal(exc)
    for problem in outcome.problems:
        typer.echo(problem.render(), err=True)
    if not outcome.written:
        raise typer.Exit(1)
    source = f" from {outcome.source}" if outcome.source else ""
    typer.echo(f"wrote {outcome.display}{source}; fill in what its comments mark")


class Lang(enum.StrEnum):
    """Languages of status and report."""

    sv = "sv"
    en = "en"


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
            autocompletion=_complete_periods,
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
    lang: Annotated[
        Lang, typer.Option("--lang", help="Language of the table (JSON stays English).")
    ] = Lang.en,
    data_dir: DataDir = Path("data"),
    no_cache: NoCache = False,
    cache_dir: CacheDir = Path(".lofte-cache"),
) -> None:
    """Show where every target stands: kept, on track, behind, or without follow-up."""
    import os
    import sys

    from lofte.errors import LofteError
    from lofte.options import day_option
    from lofte.render.status import render
    from lofte.status import run

    try:
        outcome = run(period, data_dir, day_option(as_of), tertial, None if no_cache else cache_dir)
    except LofteError as exc:
        _fatal(exc)
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() else None
    text = render(outcome, output.value, terminal=sys.stdout.isatty(), width=width, lang=lang.value)
    typer.echo(text, nl=False)
    raise typer.Exit(1 if outcome.diagnostics else 0)


@app.command()
def record(
    period: Annotated[
        str,
        typer.Argument(
            metavar="PERIOD",
            help="The period (2020) or a path to its file.",
            autocompletion=_complete_periods,
        ),
    ],
    activity: Annotated[
        str | None,
        typer.Argument(
            metavar="ACTIVITY_ID",
            help="The activity's id; leave it out with --other or --deviation.",
            show_default=False,
            autocompletion=_complete_activities,
        ),
    ] = None,
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
        typer.Option(
            "--place",
            metavar="P",
            help="Where (repeatable).",
            show_default=False,
            autocompletion=_complete_places,
        ),
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
        typer.Option(
            metavar="TEXT",
            help="What went otherwise than planned; without an activity (or alone with "
            "one), a deviation of the file that changes no standing.",
            show_default=False,
        ),
    ] = None,
    covers: Annotated[
        str | None,
        typer.Option(
            metavar="SPAN",
            help="The span it reports on: a year (2019), a term (2019-T3) or the period's id.",
            show_default=False,
        ),
    ] = None,
    other: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help="Work outside the plan, that no activity names (no activity then).",
            show_default=False,
        ),
    ] = None,
    affects: Annotated[
        list[str] | None,
        typer.Option(
            "--affects",
            metavar="IDS",
            help="With --deviation: the activities it affects, a,b (repeatable).",
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(metavar="U", help="With --other: what --count counts.", show_default=False),
    ] = None,
    promise: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            help="With --other: the promise or focus area it served.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the diff that would be written; write nothing.")
    ] = False,
    data_dir: DataDir = Path("data"),
    no_cache: NoCache = False,
    cache_dir: CacheDir = Path(".lofte-cache"),
) -> None:
    """Record progress, other work or a deviation: adds lines, changes no other byte."""
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
        covers,
        other,
        tuple(affects or ()),
        unit,
        promise,
    )
    try:
        outcome = run(
            request,
            data_dir,
            today=dt.date.today(),
            dry_run=dry_run,
            cache_dir=None if no_cache else cache_dir,
        )
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


@app.command()
def report(
    period: Annotated[
        str,
        typer.Argument(
            metavar="PERIOD",
            help="The period (2020, 2024-2025) or a path.",
            autocompletion=_complete_periods,
        ),
    ],
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


class SheetFormat(enum.StrEnum):
    """Sheet file formats."""

    xlsx = "xlsx"
    csv = "csv"


@app.command()
def sheet(
    period: Annotated[
        str,
        typer.Argument(
            metavar="PERIOD",
            help="The period (2020) or a path to its file.",
            autocompletion=_complete_periods,
        ),
    ],
    tertial: Annotated[
        str | None,
        typer.Option(
            "--tertial",
            "-t",
            metavar="TERM",
            help="The term to follow up: T2, 2024-T1, 2021-Q3.  [default: the last one ended]",
            show_default=False,
        ),
    ] = None,
    responsible: Annotated[
        str | None,
        typer.Option(
            "--responsible",
            metavar="UNIT",
            help="Only the activities this unit is responsible for (an actor id).",
            show_default=False,
        ),
    ] = None,
    sheet_format: Annotated[
        SheetFormat, typer.Option("--format", "-f", help="xlsx, or CSV (UTF-8 with a BOM).")
    ] = SheetFormat.xlsx,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write it.  [default: uppfoljning-[MUNICIPALITY-]TERM[-UNIT].FORMAT "
            "here; the municipality in a tree]",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of headers and instructions.")] = (
        Lang.sv
    ),
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="The day the standing so far is taken on.  [default: today]",
            show_default=False,
        ),
    ] = None,
    data_dir: DataDir = Path("data"),
) -> None:
    """Write a follow-up sheet (xlsx or CSV) for a unit to fill in: one row per activity."""
    from lofte.errors import LofteError
    from lofte.options import day_option
    from lofte.render import REPORTERS, summary_line
    from lofte.sheet import default_name, render_sheet
    from lofte.sheet import sheet as build

    try:
        view, problems = build(
            period,
            data_dir,
            as_of=day_option(as_of),
            term=tertial,
            responsible=responsible,
            lang=lang.value,
        )
        if view is None:
            typer.echo(REPORTERS["text"](problems, summary_line(1, problems)), nl=False, err=True)
            raise typer.Exit(1)
        for problem in problems:
            typer.echo(problem.render(), err=True)
        target = output or Path(default_name(view, sheet_format.value))
        if target.exists():
            import datetime as dt

            from lofte.importer import pending

            kept = pending(target, data_dir, today=dt.date.today())
            if kept is not None:  # a unit's follow-up not yet in the YAML: never lost
                typer.echo(kept.render(), err=True)
                raise typer.Exit(1)
        data = render_sheet(view, sheet_format.value)
        from lofte.write.atomic import write_bytes

        write_bytes(target, data)
    except LofteError as exc:
        _fatal(exc)
    count = len(view.rows)
    typer.echo(f"wrote {target} ({count} activit{'y' if count == 1 else 'ies'}, {view.term})")


@app.command("import")
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE",
            help="Filled sheets (xlsx or csv) from `lofte sheet`.",
            dir_okay=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the diff that would be written; write nothing.")
    ] = False,
    data_dir: DataDir = Path("data"),
) -> None:
    """Import filled follow-up sheets: every record of every sheet, or nothing at all."""
    import datetime as dt

    from lofte.errors import LofteError
    from lofte.importer import import_sheets, render_outcome

    try:
        outcome = import_sheets(files, data_dir, today=dt.date.today(), dry_run=dry_run)
    except LofteError as exc:
        _fatal(exc)
    for problem in outcome.problems:
        typer.echo(problem.render(), err=True)
    if any(p.severity == "error" for p in outcome.problems):
        errors = sum(1 for p in outcome.problems if p.severity == "error")
        typer.echo(f"nothing imported: {errors} problem{'s' if errors != 1 else ''}", err=True)
        raise typer.Exit(1)
    typer.echo(outcome.diff, nl=False)
    typer.echo(render_outcome(outcome), nl=False, err=dry_run)


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

        def counted(n: int, one: str, many: str) -> str:
            return f"{n} {one if n == 1 else many}"

        places = counted(built.municipalities, "municipality", "municipalities")
        periods = counted(built.periods, "period", "periods")
        files = counted(built.files, "file", "files")
        typer.echo(f"wrote {built.out}: {places}, {periods}, {files}")
    except LofteError as exc:
        _fatal(exc)


def main() -> None:
    """Console-script entry point."""
    _tolerant_output()
    _only_the_command_named()
    app(prog_name="lofte")


def _tolerant_output() -> None:
    """A terminal that cannot show a character gets "?" for it, not a traceback.

    Python reads a C or POSIX locale as UTF-8, but a Latin-1 or ASCII one (or
    ``PYTHONIOENCODING``) makes standard output strict about "–", "✓" and "█".
    Files that lofte writes itself (``-o``) are UTF-8 whatever the locale.
    """
    import sys

    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding not in ("utf8", "utf_8") and reconfigure is not None:
            reconfigure(errors="replace")


def _only_the_command_named() -> None:
    """Give Typer only the command the command line names, when it names one.

    Typer turns the signature of every registered command into Click
    parameters before it runs any (all of them: about 10 ms in-process, of a
    150 ms `lofte status`; docs/performance.md).  Only the first word can
    name a command (the group's own options are eager and exit), so nothing
    else can run; help, a mistyped command and shell completion get them all.
    """
    import os
    import sys

    from typer.main import get_command_name

    if len(sys.argv) < 2 or any(key.endswith("_COMPLETE") for key in os.environ):
        return
    chosen = [
        command
        for command in app.registered_commands
        if command.callback is not None
        and (command.name or get_command_name(command.callback.__name__)) == sys.argv[1]
    ]
    if len(chosen) == 1:
        app.registered_commands[:] = chosen
