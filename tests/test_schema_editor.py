"""The schema is written for the editor a coordinator uses: described, with no null snippets.

`lofte.schemagen` shapes what Pydantic generates; these tests hold it to that,
and check with a JSON Schema validator that the shaped schema still accepts
every valid file and refuses what the models refuse.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, EXAMPLES, ROOT
from lofte.model import SLUG_RE
from lofte.schemagen import DATE_PATTERN, ID_MESSAGE, schema_dict


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return schema_dict()


def _nodes(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from _nodes(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nodes(value, f"{where}/{index}")


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for where, node in _nodes(schema):
        if where.endswith("/if"):
            continue  # the conditions that choose a kind
        for key, prop in node.get("properties", {}).items() if "properties" in node else []:
            if isinstance(prop, dict) and where.startswith("/$defs/"):
                yield f"{where}/{key}", prop


def test_every_property_has_a_description_with_its_swedish_term(schema: dict[str, Any]) -> None:
    properties = dict(_properties(schema))
    assert len(properties) > 100
    missing = [where for where, prop in properties.items() if not prop.get("description")]
    assert missing == [], "add them to lofte.schemagen.DESCRIPTIONS"
    # "målet — what counts as done": the Swedish term, a dash, then the explanation.
    unlike = [w for w, p in properties.items() if not re.match(r"^\w[\w ]* — \S", p["description"])]
    assert unlike == []


def test_the_target_says_what_it_stands_for(schema: dict[str, Any]) -> None:
    target = schema["$defs"]["Activity"]["properties"]["target"]
    assert target["description"].startswith("målet — what counts as done, as the promise states")


def test_every_fixed_word_has_an_enum_description(schema: dict[str, Any]) -> None:
    enums = [(w, n) for w, n in _nodes(schema) if "enum" in n and "/if/" not in w]
    assert enums
    for where, node in enums:
        descriptions = node.get("enumDescriptions")
        assert descriptions is not None, where
        assert len(descriptions) == len(node["enum"])
        assert all(d != v for d, v in zip(descriptions, node["enum"], strict=True)), where
    assert not [w for w, n in _nodes(schema) if "const" in n and "/if/" not in w]


def test_target_kinds_are_one_enum_with_descriptions(schema: dict[str, Any]) -> None:
    target = schema["$defs"]["Activity"]["properties"]["target"]["anyOf"][0]
    kind = target["properties"]["kind"]
    assert kind["enum"] == ["count", "coverage", "milestone", "ongoing", "recurring"]
    assert kind["enumDescriptions"][0].startswith("Antal: at least, exactly or at most N")
    assert [rule["then"]["$ref"] for rule in target["allOf"]] == [
        "#/$defs/CountTarget",
        "#/$defs/CoverageTarget",
        "#/$defs/MilestoneTarget",
        "#/$defs/OngoingTarget",
        "#/$defs/RecurringTarget",
    ]


def test_ids_say_how_to_write_one(schema: dict[str, Any]) -> None:
    slugs = [n for _, n in _nodes(schema) if n.get("pattern") == SLUG_RE]
    assert len(slugs) > 5
    assert all(n["patternErrorMessage"] == ID_MESSAGE for n in slugs)
    assert "use lower-case ids such as `polisen`" in ID_MESSAGE


def test_no_null_snippets_and_an_id(schema: dict[str, Any]) -> None:
    assert [w for w, n in _nodes(schema) if "default" in n and n["default"] is None] == []
    assert schema["$id"] == "https://lofte.invalid/schema/lofte.schema.json"
    # The empty lists and mappings keep their defaults (tests/test_defaults.py).
    assert schema["$defs"]["Activity"]["properties"]["progress"]["default"] == []


def test_the_date_pattern_is_exactly_the_real_dates() -> None:
    pattern = re.compile(DATE_PATTERN)
    day = dt.date(1896, 1, 1)
    while day < dt.date(2105, 1, 1):
        assert pattern.match(day.isoformat()), day
        day += dt.timedelta(days=1)
    for wrong in (
        "2021-02-29",
        "2021-02-30",
        "1900-02-29",
        "2100-02-29",
        "2020-04-31",
        "2020-13-01",
        "2020-00-10",
        "2020-01-00",
        "2020-1-01",
        "20200316",
    ):
        assert not pattern.match(wrong), wrong
    for leap in ("2000-02-29", "2020-02-29", "2400-02-29", "1600-02-29"):
        assert pattern.match(leap)


def _documents() -> list[Path]:
    return sorted(DATA.glob("*.yaml")) + sorted((EXAMPLES / "positive").glob("*.yaml"))


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_the_shaped_schema_accepts_every_valid_file(schema: dict[str, Any], path: Path) -> None:
    import jsonschema

    from lofte.read.yamlio import read

    data, _ = read(path.read_bytes())
    # The models read dates from text; JSON Schema sees the text too.
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert [e.message for e in errors] == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("kind: count", "kind: cout"), "'cout' is not one of"),
        (("signed: 2020-03-16", "signed: 2021-02-30"), "does not match"),
        (("responsible: [polisen]", "responsible: [Polisen]"), "does not match"),
        (("responsible: [polisen]", "responsibel: [polisen]"), "Additional properties"),
    ],
)
def test_the_shaped_schema_refuses_what_the_models_refuse(
    schema: dict[str, Any], change: tuple[str, str], expected: str
) -> None:
    import jsonschema

    from lofte.read.yamlio import read

    text = (EXAMPLES / "positive" / "full-2020.yaml").read_text(encoding="utf-8")
    assert change[0] in text
    data, _ = read(text.replace(change[0], change[1], 1).encode("utf-8"))
    messages = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert messages and expected in " ".join(_all(messages, schema, data))


def _all(messages: list[str], schema: dict[str, Any], data: Any) -> list[str]:
    """The messages, with those of the subschemas that failed (allOf, anyOf)."""
    import jsonschema

    found = list(messages)
    for error in jsonschema.Draft202012Validator(schema).iter_errors(data):
        found += [sub.message for sub in error.context or []]
        for sub in error.context or []:
            found += [deeper.message for deeper in sub.context or []]
    return found


def test_the_committed_schema_is_the_shaped_one() -> None:
    committed = json.loads((ROOT / "schema" / "lofte.schema.json").read_text(encoding="utf-8"))
    assert committed == schema_dict()


def test_every_target_kind_and_standing_has_its_enum_description() -> None:
    # Standings are not keys of a file today; a key that names one (an acknowledgement,
    # say) gets its description from the same table.
    from lofte.follow.standing import STANDINGS
    from lofte.model import DOCUMENT_KINDS, TARGET_KINDS
    from lofte.schemagen import ENUM_DESCRIPTIONS
    from lofte.words import standing_word

    for word in (*TARGET_KINDS, *DOCUMENT_KINDS, *STANDINGS):
        assert word in ENUM_DESCRIPTIONS, word
    for standing in STANDINGS:
        # The Swedish word the reports use, then what it means.
        assert ENUM_DESCRIPTIONS[standing].lower().startswith(standing_word(standing, "sv"))


def test_the_installed_schema_is_the_generated_one() -> None:
    from lofte.schemagen import installed_schema_text, schema_text

    assert installed_schema_text() == schema_text()
