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
        help="Directory of promise files.  [env: LOFTE_DATA_DIR; default: ./data]",
        show_default=False,
        file_okay=False,
    ),
]


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
) -> None:
    """Check promise files against the format and each other; report every problem."""
    from lofte.errors import LofteError, errors_in
    from lofte.render import REPORTERS, summary_line
    from lofte.validate import validate as run

    try:
        count, diagnostics = run(paths or [], data_dir)
    except LofteError as exc:
        _fatal(exc)
    typer.echo(REPORTERS[output.value](diagnostics, summary_line(count, diagnostics)), nl=False)
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
    import datetime as dt
    import os
    import sys

    from lofte.errors import LofteError, UsageError
    from lofte.render.status import render
    from lofte.status import run

    try:
        try:
            day = dt.date.fromisoformat(as_of) if as_of is not None else dt.date.today()
        except ValueError:
            raise UsageError(f"--as-of {as_of!r}: expected a date as YYYY-MM-DD") from None
        outcome = run(period, data_dir, day, tertial)
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


def main() -> None:
    """Console-script entry point."""
    app(prog_name="lofte")
