"""Diagnostic reporters, by name: ``{"text": …, "json": …, "github": …}``."""

from __future__ import annotations

import re
from collections.abc import Callable

from lofte.errors import Diagnostic

Reporter = Callable[[list[Diagnostic], str], str]


_MORE = re.compile(r"and ([0-9,]+) more problems")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def text(diagnostics: list[Diagnostic], summary: str) -> str:
    """One ``path:line:col: message`` line each, then the summary line."""
    lines = [d.render() for d in diagnostics]
    lines.append(summary)
    return "\n".join(lines) + "\n"


#: The version of the JSON of `validate` and `check` (``--format json``): fields are
#: only ever added; a change of meaning or a removal bumps it.
DIAGNOSTICS_JSON_VERSION = 1


def as_json(diagnostics: list[Diagnostic], summary: str) -> str:
    """A JSON object with the version, the diagnostics and the summary, for tools."""
    import json  # not at the top: every command imports this package

    return (
        json.dumps(
            {
                "version": DIAGNOSTICS_JSON_VERSION,
                "diagnostics": [d._asdict() for d in diagnostics],
                "summary": summary,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def _escape_data(value: str) -> str:
    # GitHub's workflow-command escaping: without it a message with a newline
    # or '::' could end the annotation early or forge another command.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: list[Diagnostic], summary: str) -> str:
    """GitHub Actions workflow annotations, then the summary."""
    lines = []
    for d in diagnostics:
        level = {"warning": "warning", "acknowledged": "notice"}.get(d.severity, "error")
        lines.append(
            f"::{level} file={_escape_property(d.path)},line={d.line},col={d.col},"
            f"title={_escape_property(d.code)}::{_escape_data(d.message)}"
        )
    lines.append(summary)
    return "\n".join(lines) + "\n"


REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "github": github}


def summary_line(files: int, diagnostics: list[Diagnostic]) -> str:
    """ "checked 6 files: no problems" or "checked 6 files: 2 errors in 1 file"."""
    return f"checked {_plural(files, 'file')}: {_problems(diagnostics)}"


def _problems(diagnostics: list[Diagnostic]) -> str:
    """ "no problems" or "2 errors and 1 warning in 1 file"."""
    errors = sum(d.severity == "error" for d in diagnostics)
    known = sum(d.severity == "acknowledged" for d in diagnostics)
    warnings = len(diagnostics) - errors - known
    noted = f" ({known} acknowledged)" if known else ""
    if errors + warnings == 0:
        return "no problems" + noted
    # A file's "and N more problems" line (lofte.read.loader.MAX_DIAGNOSTICS)
    # stands for N errors not shown: the summary counts them all.
    for d in diagnostics:
        more = _MORE.match(d.message) if d.code == "too-many" else None
        if more:
            errors += int(more.group(1).replace(",", "")) - 1
    parts = []
    if errors:
        parts.append(_plural(errors, "error"))
    if warnings:
        parts.append(_plural(warnings, "warning"))
    bad = len({d.path for d in diagnostics if d.severity != "acknowledged"})
    return f"{' and '.join(parts)} in {_plural(bad, 'file')}{noted}"


def check_summary(
    files: int, targets: int, untracked: int, stale: int, diagnostics: list[Diagnostic]
) -> str:
    """`lofte check`'s closing line: targets checked, tracked, untracked, stale; problems.

    "checked 37 targets in 6 files: 37 tracked, 0 untracked, 2 stale; 2 warnings in 1 file"
    """
    return (
        f"checked {_plural(targets, 'target')} in {_plural(files, 'file')}: "
        f"{targets - untracked} tracked, {untracked} untracked, {stale} stale; "
        f"{_problems(diagnostics)}"
    )


def reporter(name: str, *, with_code: bool = False) -> Reporter:
    """The reporter called ``name``; text lines carry the check code when ``with_code``.

    Only `lofte check`'s own codes (LT101…) are shown: validate's problems keep
    the words `lofte validate` gives them, whose internal slugs (``invalid``,
    ``encoding``) would read as part of the sentence.
    """
    if name == "text" and with_code:
        from lofte.rules.codes import CODES

        def coded(diagnostics: list[Diagnostic], summary: str) -> str:
            lines = [d.render(with_code=d.code in CODES) for d in diagnostics]
            return "\n".join([*lines, summary]) + "\n"

        return coded
    return REPORTERS[name]
