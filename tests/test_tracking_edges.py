"""rules.tracking (LT101–LT104): which stated quantity each kind of target holds, the
target in words, and where each finding points."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from conftest import run_cli
from lofte.model import PlaceList, Target
from lofte.rules.quantities import Quantity
from lofte.rules.tracking import captures, describe_target

TARGET: TypeAdapter[Any] = TypeAdapter(Target)
PLACES = {
    "kommundelar": PlaceList(items=["Norra", "Södra", "Östra"]),
    "skolor": PlaceList(items=["Ekskolan", "Björkskolan"], complete=False),
}


def target(**fields: Any) -> Any:
    return TARGET.validate_python(fields)


def q(number: int | None, comparator: str | None, per: str | None = None) -> Quantity:
    vague = "flera" if number is None else None
    return Quantity(number, comparator, "x", "x", 0, per=per, vague=vague)  # type: ignore[arg-type]


COUNT = {"kind": "count", "at_least": 8, "unit": "insatser"}
CASES = [
    (COUNT, q(8, "at_least"), True),
    (COUNT, q(8, "exactly"), False),
    (COUNT, q(7, "at_least"), False),
    ({"kind": "count", "at_most": 3, "unit": "x"}, q(3, "at_most"), True),
    ({"kind": "recurring", "per": "tertial", "at_least": 2}, q(2, "at_least", "tertial"), True),
    ({"kind": "recurring", "per": "quarter", "at_least": 2}, q(2, "at_least", "quarter"), True),
    ({"kind": "recurring", "per": "tertial", "at_least": 2}, q(2, "at_least", "quarter"), False),
    ({"kind": "recurring", "per": "tertial", "at_least": 2}, q(2, "at_least"), False),
    ({"kind": "recurring", "per": "tertial", "at_least": 2}, q(2, "exactly", "tertial"), False),
    ({"kind": "recurring", "per": "tertial", "at_least": 2}, q(3, "at_least", "tertial"), False),
    ({"kind": "milestone"}, q(1, "exactly"), True),
    ({"kind": "milestone"}, q(1, "at_least"), True),
    ({"kind": "milestone"}, q(1, "at_most"), False),
    ({"kind": "milestone"}, q(2, "exactly"), False),
    ({"kind": "coverage", "items": ["a", "b", "c"]}, q(3, "exactly"), True),
    ({"kind": "coverage", "items": ["a", "b", "c"]}, q(3, "at_least"), False),
    ({"kind": "coverage", "items": ["a", "b", "c"]}, q(4, "exactly"), False),
    ({"kind": "coverage", "of": "kommundelar"}, q(3, "exactly"), True),
    ({"kind": "coverage", "of": "skolor"}, q(2, "exactly"), False),  # incomplete: no size
    ({"kind": "coverage", "of": "okand"}, q(3, "exactly"), False),
    ({"kind": "ongoing"}, q(1, "exactly"), False),
    # A vague quantity: held where the target says how it is counted; under a
    # numbered count it is flagged (issue 12: only a `vague` target takes "flera").
    (COUNT, q(None, None), False),
    ({"kind": "recurring", "per": "tertial"}, q(None, None), True),
    ({"kind": "milestone"}, q(None, None), False),
    ({"kind": "milestone", "measure": "antal möten"}, q(None, None), True),
    ({"kind": "coverage", "items": ["a"]}, q(None, None), False),
    ({"kind": "coverage", "items": ["a"], "measure": "antal"}, q(None, None), True),
    ({"kind": "ongoing"}, q(None, None), False),
    ({"kind": "ongoing", "measure": "antal"}, q(None, None), True),
]


@pytest.mark.parametrize(("fields", "quantity", "held"), CASES)
def test_what_each_kind_of_target_holds(
    fields: dict[str, Any], quantity: Quantity, held: bool
) -> None:
    assert captures(target(**fields), quantity, PLACES) is held


def test_a_named_list_without_places_holds_nothing() -> None:
    assert captures(target(kind="coverage", of="kommundelar"), q(3, "exactly")) is False


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        (COUNT, "a count of at least 8 insatser"),
        ({"kind": "count", "exactly": 2, "unit": "möten"}, "a count of exactly 2 möten"),
        ({"kind": "count", "at_most": 3, "unit": "x"}, "a count of at most 3 x"),
        ({"kind": "recurring", "per": "quarter"}, "recurring at least 1 per quarter"),
        ({"kind": "coverage", "of": "kommundelar"},
         "a coverage of the list 'kommundelar' (3 items)"),
        ({"kind": "coverage", "of": "skolor"}, "a coverage of the list 'skolor'"),
        ({"kind": "coverage", "of": "okand"}, "a coverage of the list 'okand'"),
        ({"kind": "coverage", "items": ["a", "b"]}, "a coverage of its items (2 items)"),
        ({"kind": "milestone"}, "a milestone (no number)"),
        ({"kind": "ongoing"}, "ongoing (no number)"),
    ],
)  # fmt: skip
def test_the_target_in_words(fields: dict[str, Any], words: str) -> None:
    assert describe_target(target(**fields), PLACES) == words


PROMISE = """\
# Made up: targets against the quantities their texts state.
kind: medborgarlofte
period: "2020"
title: Medborgarlöfte Exempelby 2020
municipality: exempelby
activities:
  - id: tva-tal
    text: Polisen genomför minst två insatser och tre möten.
    target: {kind: count, at_least: 5, unit: insatser}
  - id: rytm
    text: Rådet träffas minst två gånger per kvartal.
    target:
      kind: recurring
      per: tertial
      at_least: 2
  - id: ingen
    text: Polisen genomför tre insatser.
"""


def test_one_mismatch_then_untracked_numbers_and_where_each_points(example_dir: Path) -> None:
    (example_dir / "2020.yaml").write_text(PROMISE, encoding="utf-8")
    result = run_cli("check", "2020", "--as-of", "2020-01-15", cwd=example_dir.parent)
    assert result.out.splitlines() == [
        "data/2020.yaml:9:20: LT103 activity 'tva-tal': the text says 'tre möten' (exactly 3) "
        "but the target, a count of at least 5 insatser, does not hold it",
        "data/2020.yaml:9:37: LT102 activity 'tva-tal': the text says 'minst två insatser' "
        "(at least 2) but the target is a count of at least 5 insatser",
        "data/2020.yaml:15:17: LT102 activity 'rytm': the text says 'minst två gånger per "
        "kvartal' (at least 2 per quarter) but the target is recurring at least 2 per tertial",
        "data/2020.yaml:16:9: LT101 activity 'ingen' has no target; give it one (continuing "
        "work is {kind: ongoing})",
        "checked 3 targets in 1 file: 0 tracked, 3 untracked, 0 stale; 4 errors in 1 file",
    ]
    assert result.code == 1


def test_no_check_rule_looks_into_a_municipality_file() -> None:
    import datetime as dt

    from conftest import EXAMPLES
    from lofte.check import CHECK_RULES
    from lofte.read.loader import Workspace, load_file
    from lofte.rules.codes import Context

    loaded, problems = load_file(EXAMPLES / "common" / "exempelby.yaml")
    assert loaded is not None and loaded.document.kind == "municipality", problems
    context = Context(Workspace(), dt.date(2030, 1, 1), 0)
    assert [rule(loaded, context) for rule in CHECK_RULES] == [[], [], []]
