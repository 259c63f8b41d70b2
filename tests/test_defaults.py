"""Absent lists and mappings read as empty ones, each instance its own (no shared default)."""

from __future__ import annotations

import json

from conftest import ROOT
from lofte.model import Activity, Municipality


def test_absent_lists_are_fresh_empty_lists() -> None:
    one = Activity.model_validate({"id": "a", "text": "En aktivitet."})
    two = Activity.model_validate({"id": "b", "text": "En annan."})
    assert one.progress == [] and one.responsible == [] and one.places == []
    assert one.progress is not two.progress
    town = Municipality.model_validate({"kind": "municipality", "name": "Exempelby"})
    assert town.actors == {} and town.places == {}


def test_the_schema_still_names_the_empty_defaults() -> None:
    schema = json.loads((ROOT / "schema" / "lofte.schema.json").read_text(encoding="utf-8"))
    activity = schema["$defs"]["Activity"]["properties"]
    assert activity["progress"]["default"] == []
    assert activity["responsible"]["default"] == []
    assert schema["$defs"]["Municipality"]["properties"]["actors"]["default"] == {}
