"""`marks.subtree`: the node at a data path, parsed no further than its end, as `tree` gives it."""

from __future__ import annotations

from pathlib import Path

import pytest

from lofte.read.loader import load_file
from lofte.read.marks import Node, subtree, tree
from lofte.rules.core import activity_paths

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    [*(ROOT / "data").glob("*.yaml"), *(ROOT / "tests" / "fixtures").rglob("*.yaml")],
    key=str,
)


def _at(node: Node, path: tuple[str | int, ...]) -> Node:
    for step in path:
        node = node.child(step)
    return node


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_activity_is_the_same_node_as_in_the_whole_tree(path: Path) -> None:
    loaded, problems = load_file(path)
    if loaded is None:  # a fixture of a refusal: nothing is ever spliced into it
        assert problems
        return
    text = loaded.raw.decode("utf-8").removeprefix("\ufeff")
    whole = tree(text)
    found = 0
    for data_path, _ in activity_paths(loaded):
        assert subtree(text, data_path) == _at(whole, data_path)
        assert subtree(text, (*data_path, "id")) == _at(whole, (*data_path, "id"))
        found += 1
    assert subtree(text, ()) == whole
    assert (
        found == len(list(loaded.document.all_activities()))
        if hasattr(loaded.document, "all_activities")
        else found == 0
    )


def test_a_step_that_is_not_there_is_a_key_error() -> None:
    text = "a:\n  - x: 1\n  - {y: 2}\nb: [1, 2]\n"
    assert subtree(text, ("a", 1, "y")).value == "2"
    assert subtree(text, ("b", 1)).start == (3, 7)
    for missing in [("c",), ("a", 2), ("a", 0, "y"), ("a", "x"), ("b", 0, "z"), ("a", 0, "x", 0)]:
        with pytest.raises(KeyError):
            subtree(text, missing)
