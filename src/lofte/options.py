"""Option values shared by several commands."""

from __future__ import annotations

import datetime as dt
import re

from lofte.errors import UsageError

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def day_option(text: str | None, option: str = "--as-of") -> dt.date:
    """A YYYY-MM-DD option value as a date, today when absent; anything else is a usage error."""
    if text is None:
        return dt.date.today()
    try:
        if _DAY.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise UsageError(f"{option}: expected a date as YYYY-MM-DD, got {text!r}")
