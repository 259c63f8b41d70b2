"""The README's first two commands are what CI runs, word for word."""

from __future__ import annotations

import re

from conftest import ROOT


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.S)[:2]]


def test_the_first_command_shows_the_status_of_2020() -> None:
    assert _readme_commands() == [
        "pip install . && lofte status 2020",
        "pip install '.[test]' && python -m pytest",
    ]


def test_ci_runs_the_readme_commands_word_for_word() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in _readme_commands():
        ran = [line for line in lines if line.endswith(f"&& {command}")]
        assert ran, f".ci/run does not run the README command {command!r}"
