"""The README's first two commands are the ones CI runs, word for word."""

from __future__ import annotations

import re

from conftest import ROOT


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    return [block.strip() for block in blocks[:2]]


def test_readme_starts_with_install_and_test_commands() -> None:
    install, test = _readme_commands()
    assert "pip install ." in install and "lofte " in install
    assert "pytest" in test


def test_ci_runs_exactly_the_readme_commands() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in _readme_commands():
        assert command in ci_lines, f"{command!r} is not a line of .ci/run"


def test_the_first_command_shows_the_status_of_2020() -> None:
    install, _ = _readme_commands()
    assert install.endswith("&& pip install . && lofte status 2020")
