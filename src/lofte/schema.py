"""`lofte schema`: the JSON Schema of promise files, printed or written to a file."""

from __future__ import annotations

from pathlib import Path

from lofte.schemagen import schema_text

__all__ = ["schema", "schema_text"]


def schema(output: Path | None) -> str | None:
    """The schema's text, or, with ``output``, write it there (atomically) and return None."""
    text = schema_text()
    if output is None:
        return text
    from lofte.write.atomic import write_text

    write_text(output, text)
    return None
