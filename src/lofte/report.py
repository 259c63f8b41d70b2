"""`lofte report`: a promise file and its standings as a plain report context.

Opening the period is `lofte.rules.opening.open_period`; the context is built by
`lofte.render.reportbuild.build_report` (shared with `lofte site`) and laid out
by the templates in ``templates/`` (`lofte.render.report`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lofte.errors import Diagnostic
from lofte.render.reportbuild import build_report

if TYPE_CHECKING:
    from lofte.render.reportview import Report


def report(
    period: str, data_dir: Path, as_of: str | None, tertial: str | None, lang: str = "sv"
) -> tuple[Report | None, list[Diagnostic]]:
    """Open the period as `lofte status` does and build its report.

    Returns ``(None, problems)`` when the file or the files it refers to have errors.
    """
    from lofte.follow.period import period_status
    from lofte.options import day_option
    from lofte.rules.opening import open_period

    day = day_option(as_of)
    opened, problems = open_period(period, data_dir)
    if opened is None:
        return None, problems
    return build_report(period_status(opened, day, tertial), lang), problems


__all__ = ["build_report", "report"]
