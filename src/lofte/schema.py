"""The JSON Schema generated from the models; a committed copy lives in schema/."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "https://lofte.invalid/schema/lofte.schema.json"


def schema_dict() -> dict[str, Any]:
    """The schema as a dict."""
    from pydantic import TypeAdapter

    from lofte.model import Document

    schema = TypeAdapter(Document).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "lofte promise file",
        "description": "A medborgarlöfte, a samverkansöverenskommelse, or a municipality file.",
        **schema,
    }


def schema_text() -> str:
    """The schema as the text committed in schema/lofte.schema.json."""
    return json.dumps(schema_dict(), ensure_ascii=False, indent=2) + "\n"
