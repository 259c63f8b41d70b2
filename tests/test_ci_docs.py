"""The CI examples in docs/ are valid YAML whose lofte commands pass on the real data."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, run_cli

DOCS = ROOT / "docs"


def _lofte_commands(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [c for v in value.values() for c in _lofte_commands(v)]
    if isinstance(value, list):
        return [c for v in value for c in _lofte_commands(v)]
    if isinstance(value, str) and value.startswith("lofte "):
        return [value]
    return []


def _commands(name: str) -> list[str]:
    commands = _lofte_commands(yaml.safe_load((DOCS / name).read_text(encoding="utf-8")))
    assert commands, name
    return commands


@pytest.mark.parametrize("command", _commands("ci-github-actions.yml") + _commands("ci-gitlab.yml"))
def test_every_lofte_command_of_the_ci_examples_passes_on_the_real_data(
    command: str, data_copy: Path
) -> None:
    words = shlex.split(command)[1:]
    for stop in (">", "||", "&&", "|"):
        words = words[: words.index(stop)] if stop in words else words
    result = run_cli(*words, "--as-of", "2026-11-22", cwd=data_copy.parent)
    assert result.code == 0, result.out + result.err
    # Issue 11: what no published source follows up is acknowledged, so none is stale.
    assert "checked 42 targets in 6 files: 42 tracked, 0 untracked, 0 stale" in result.out


def test_the_github_workflow_annotates() -> None:
    assert any("--format github" in c for c in _commands("ci-github-actions.yml"))


def test_the_hooks_are_documented() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    doc = (DOCS / "ci.md").read_text(encoding="utf-8")
    assert [h["id"] for h in hooks] == ["lofte-validate", "lofte-check"]
    for hook in hooks:
        assert f"id: {hook['id']}" in doc
        assert hook["pass_filenames"] is False  # why: docs/ci.md, "pre-commit"
        assert hook["language"] == "python"


PAGES = ("site-github-pages.yml", "site-gitlab-pages.yml")


@pytest.mark.parametrize("command", _commands(PAGES[0]) + _commands(PAGES[1]))
def test_the_pages_jobs_build_a_whole_site_from_the_real_data(
    command: str, data_copy: Path
) -> None:
    from sitecheck import broken_links

    words = shlex.split(command)[1:]
    assert words[:2] == ["site", "-o"]
    result = run_cli(*words, "--as-of", "2026-11-22", cwd=data_copy.parent)
    assert result.code == 0, result.out + result.err
    out = data_copy.parent / words[2]
    assert result.out.startswith(f"wrote {words[2]}: 1 municipality, 5 periods, ")
    assert (out / "index.html").is_file() and (out / "en" / "2020.html").is_file()
    assert broken_links(out) == []


def test_the_pages_jobs_publish_from_main_and_on_a_schedule() -> None:
    github = yaml.safe_load((DOCS / PAGES[0]).read_text(encoding="utf-8"))
    events = github[True]  # YAML 1.1 reads the key `on` as true
    assert events["push"] == {"branches": ["main"]} and "schedule" in events
    steps = github["jobs"]["build"]["steps"]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") for s in steps)
    deploy = github["jobs"]["deploy"]["steps"]
    assert deploy[0]["uses"].startswith("actions/deploy-pages")
    gitlab = yaml.safe_load((DOCS / PAGES[1]).read_text(encoding="utf-8"))
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert "lofte site -o public" in gitlab["pages"]["script"]
    assert "$CI_DEFAULT_BRANCH" in gitlab["pages"]["rules"][0]["if"]
