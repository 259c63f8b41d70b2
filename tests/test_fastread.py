"""The fast path never accepts what the careful builder refuses, and reads the same data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import test_yamlio
from conftest import DATA, EXAMPLES, benchmark_module
from lofte.read.fastread import Unsure, fast_read
from lofte.read.resolve import MAX_DEPTH
from lofte.read.yamlio import YamlProblem, _Builder, decode, read
from lofte.write.verify import same

corpus = benchmark_module("corpus")
# The refusals test_yamlio checks through `read`, each run here through the fast path alone.
REFUSALS = next(
    mark.args[1]
    for mark in test_yamlio.test_refusals_are_located.pytestmark
    if mark.name == "parametrize"
)


def careful(text: str) -> Any:
    """The careful builder's data, or the YamlProblem it raises."""
    try:
        return _Builder(text, positions=False).build()[0]
    except YamlProblem as problem:
        return problem


def fast(text: str) -> Any:
    """The fast path's data, or None when it is unsure."""
    try:
        return fast_read(text)
    except (Unsure, ValueError, yaml.YAMLError):
        return None


def _files() -> list[Path]:
    return sorted([*DATA.glob("*.yaml"), *EXAMPLES.glob("*/*.yaml")])


@pytest.mark.parametrize("path", _files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_reads_the_same_both_ways(path: Path) -> None:
    try:
        text = decode(path.read_bytes())
    except YamlProblem:
        return  # invalid UTF-8 stops before either builder
    expected = careful(text)
    got = fast(text)
    if isinstance(expected, YamlProblem):
        assert got is None, f"fast path accepted what is refused: {expected.message}"
    elif got is not None:
        assert same(got, expected)


def test_the_fast_path_takes_ordinary_files(tmp_path: Path) -> None:
    # Not only safe but used: every generated file and every real one goes the fast way.
    paths = corpus.write_corpus(tmp_path / "c", 2)
    for path in [*paths, *DATA.glob("*.yaml")]:
        text = decode(path.read_bytes())
        got = fast(text)
        assert got is not None, path
        assert same(got, careful(text))


@pytest.mark.parametrize(("data", "expected"), REFUSALS)
def test_every_refusal_is_refused_by_the_fast_path_too(
    data: bytes, expected: tuple[int, int, str, str]
) -> None:
    assert fast(data.decode("utf-8")) is None
    with pytest.raises(YamlProblem):
        read(data)


@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1])
def test_the_depth_limit_is_the_same(depth: int) -> None:
    for text in ("a: " + "[" * depth + "]" * depth, "a: " + "{b: " * depth + "1" + "}" * depth):
        expected = careful(text)
        got = fast(text)
        assert (got is None) == isinstance(expected, YamlProblem)
        if got is not None:
            assert same(got, expected)


# Pieces that YAML 1.1 and 1.2 read differently, or that the format refuses.
_SCALARS = [
    *"no yes on off NO y 010 0o17 0x1F -7 +3 -0 1_000 12:30 2020-03-16 0b101".split(),
    *"true False TRUE ~ null Null 1.5 1e3 .inf -.Inf .nan . - + 0. .5 1e 0x 0o9".split(),
    "'010'",
    '"true"',
    "''",
    '""',
    "Strängnäs",
    "a b",
    "&x 1",
    "*x",
    "!t 1",
    "!!str 1",
    "0x" + "1" * 70,
    "1" * 70,
    "[]",
    "{}",
    "[1, no]",
    "{a: 1}",
    "<<",
    "'<<'",
]
_KEYS = ["a", "b", "kind", "<<", "'<<'", "1", "'1'", "-x", "+", "~", "null", "''", "true"]
_KEYS += ["0x1", ".5", "[a]", "&k a", "!t a", "? a"]


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    """A block mapping of tricky keys and values, sometimes nested, sometimes duplicated."""
    lines = []
    pad = "  " * depth
    for _ in range(draw(st.integers(1, 4))):
        key = draw(st.sampled_from(_KEYS))
        if depth < 3 and draw(st.booleans()):
            if draw(st.booleans()):
                lines.append(f"{pad}{key}:\n" + draw(documents(depth + 1)))
            else:
                items = draw(st.lists(st.sampled_from(_SCALARS), min_size=0, max_size=3))
                lines.append(f"{pad}{key}:" + "".join(f"\n{pad}  - {i}" for i in items))
        else:
            lines.append(f"{pad}{key}: {draw(st.sampled_from(_SCALARS))}")
    return "\n".join(lines) + "\n"


@settings(max_examples=400, deadline=None)
@given(documents())
def test_generated_documents_never_pass_the_fast_path_alone(text: str) -> None:
    expected = careful(text)
    got = fast(text)
    if isinstance(expected, YamlProblem):
        assert got is None, f"fast path accepted what is refused: {expected.message}\n{text}"
    elif got is not None:
        assert same(got, expected), text
