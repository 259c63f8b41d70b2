"""A repository made by `lofte init`, used as a coordinator would use it.

In an empty directory, `lofte init` then `lofte new 2026`: validate and check
pass, pre-commit passes, the YAML language server (the editor a coordinator
actually uses, VS Code's YAML extension) completes and diagnoses a file, and a
record leaves nothing for git but the data file.

Slow (processes: git, pre-commit, node) but never optional in CI: `.ci/run`
installs yaml-language-server with npm, and with CI=true a missing server
fails the test instead of skipping it.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run_cli
from lsp import YAMLLS_VERSION, YamlServer, server_command

pytestmark = pytest.mark.slow

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}

#: A promise with one activity, put into the new period (made up for the test).
PROMISE = """\
promises:
  - id: trygga-centrum
    text: Polisen och kommunen arbetar för ett tryggare centrum.
    activities:
      - id: trygghetsvandringar
        text: Polisen och kommunen genomför minst två trygghetsvandringar.
        responsible: [polisen, kommunen]
        target:
          kind: count
          at_least: 2
          unit: trygghetsvandringar
"""


def _with_promise(text: str, body: str = PROMISE) -> str:
    """The new period's text with its `promises: []` line (and comment) replaced by ``body``."""
    start = text.index("promises: []")
    end = text.index("\n", start) + 1
    return text[:start] + body + text[end:]


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # The hooks are `language: system`: they run the lofte on PATH, this one.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return subprocess.run(
        args,
        cwd=cwd,
        env={**os.environ, **GIT_ENV, "PATH": path, "NO_COLOR": "1", **env},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _git(cwd: Path, *args: str) -> str:
    proc = _run(["git", *args], cwd)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _repository(root: Path, period: str) -> Path:
    root.mkdir()
    assert run_cli("init", "--municipality", "Exempelby kommun", cwd=root).code == 0
    made = run_cli("new", period, cwd=root)
    assert made.code == 0, made.err
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "lofte init")
    return root


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _repository(tmp_path_factory.mktemp("init") / "exempelby", "2026")


def test_validate_and_check_pass(repo: Path) -> None:
    assert run_cli("validate", cwd=repo).out == "checked 2 files: no problems\n"
    checked = run_cli("check", cwd=repo)
    assert checked.code == 0, checked.out
    assert checked.out.endswith("; no problems\n")


def test_pre_commit_passes_offline(repo: Path, tmp_path: Path) -> None:
    proc = _run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        repo,
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit"),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert [line.split(".")[0] for line in proc.stdout.splitlines()] == [
        "lofte validate",
        "lofte check",
    ]
    assert proc.stdout.count("Passed") == 2


def test_pre_commit_fails_on_a_broken_yml_file(repo: Path, tmp_path: Path) -> None:
    broken = repo / "data" / "2027.yml"
    broken.write_text("kind: [\n", encoding="utf-8")
    _git(repo, "add", "data/2027.yml")
    try:
        proc = _run(
            [sys.executable, "-m", "pre_commit", "run", "--color", "never"],
            repo,
            PRE_COMMIT_HOME=str(tmp_path / "pre-commit"),
        )
    finally:
        _git(repo, "rm", "-q", "--cached", "data/2027.yml")
        broken.unlink()
    assert proc.returncode == 1
    assert (
        "data/2027.yml:1:1: promise files end in .yaml, not .yml: rename it to 2027.yaml"
        in proc.stdout
    )


# ----------------------------------------------------------- the editor


def _server_command() -> list[str]:
    command = server_command()
    if command is None:
        what = f"yaml-language-server {YAMLLS_VERSION} (npm)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{what} is missing, and CI must run the editor tests (see .ci/run)")
        pytest.skip(f"{what} is not installed; .ci/run installs it")
    return command


@pytest.fixture(scope="module")
def server(repo: Path) -> Iterator[YamlServer]:
    yaml_server = YamlServer(_server_command(), repo)
    yield yaml_server
    yaml_server.close()


@pytest.fixture(scope="module")
def edited(repo: Path) -> tuple[Path, list[str]]:
    """data/2026.yaml with a promise, an activity being typed and a misspelt key."""
    path = repo / "data" / "2026-edit.yaml"
    text = (repo / "data" / "2026.yaml").read_text(encoding="utf-8")
    body = PROMISE.replace("        responsible:", "        responsibel:") + (
        "      - id: nattvandring\n        text: Nattvandring varje helg.\n        \n"
    )
    text = _with_promise(text, body)
    path.write_text(text, encoding="utf-8")
    return path, text.splitlines()


def _line(lines: list[str], start: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(start))


def test_the_modeline_resolves(repo: Path) -> None:
    first = (repo / "data" / "2026.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/lofte.schema.json"
    assert (repo / "data" / "../schema/lofte.schema.json").is_file()


def test_the_editor_reports_a_misspelt_key(
    server: YamlServer, edited: tuple[Path, list[str]]
) -> None:
    path, lines = edited
    uri = server.open(path)
    problems = server.wait_diagnostics(uri)
    found = {(d["range"]["start"]["line"], d["message"]) for d in problems}
    assert found == {(_line(lines, "        responsibel:"), "Property responsibel is not allowed.")}


def test_the_editor_completes_inside_an_activity(
    server: YamlServer, edited: tuple[Path, list[str]]
) -> None:
    path, lines = edited
    uri = server.open(path)
    items = server.complete(uri, lines.index(" " * 8), 8)
    by_label = {item["label"]: item for item in items}
    assert {"responsible", "target", "due", "places", "progress"} <= set(by_label)
    assert "id" not in by_label and "text" not in by_label  # already there
    assert by_label["target"]["documentation"].startswith("målet — what counts as done")
    assert by_label["due"]["insertText"] == "due: "  # no null snippet


def test_the_editor_completes_inside_a_target(
    server: YamlServer, edited: tuple[Path, list[str]]
) -> None:
    path, lines = edited
    uri = server.open(path)
    # A new key under `target:`, beside `kind: count`.
    items = server.complete(uri, _line(lines, "          unit:"), 10)
    labels = {item["label"] for item in items}
    assert {"exactly", "at_most", "measure"} <= labels
    assert "per" not in labels  # a recurring target's key, not a count's


def test_the_editor_tells_a_wrong_kind_the_kinds(server: YamlServer, repo: Path) -> None:
    path = repo / "data" / "2026-kind.yaml"
    text = (repo / "data" / "2026.yaml").read_text(encoding="utf-8")
    path.write_text(_with_promise(text).replace("kind: count", "kind: cout"), encoding="utf-8")
    uri = server.open(path)
    messages = [d["message"] for d in server.wait_diagnostics(uri)]
    assert messages == [
        'Value is not accepted. Valid values: "count", "coverage", "milestone", "ongoing", '
        '"recurring".'
    ]


def test_the_vscode_settings_map_the_schema_to_the_data_files(repo: Path) -> None:
    """A file without the modeline gets the schema from .vscode/settings.json, as in VS Code."""
    import json

    command = _server_command()
    settings = json.loads((repo / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    yaml_settings = {"schemas": settings["yaml.schemas"], "schemaStore": {"enable": False}}
    bare = repo / "data" / "no-modeline.yaml"
    bare.write_text("kind: municipality\nname: Exempelby kommun\nnamn: x\n", encoding="utf-8")
    yaml_server = YamlServer(command, repo, yaml_settings)
    try:
        uri = yaml_server.open(bare)
        problems = yaml_server.settled_diagnostics(uri, 1)
        assert [d["message"] for d in problems] == ["Property namn is not allowed."]
        assert yaml_server.schemas_of(uri) == [(repo / "schema" / "lofte.schema.json").as_uri()]
        outside = yaml_server.open(repo / ".pre-commit-config.yaml")
        assert yaml_server.schemas_of(outside) == []
    finally:
        yaml_server.close()
        bare.unlink()


def test_the_editor_explains_ids_and_impossible_dates(server: YamlServer, repo: Path) -> None:
    path = repo / "data" / "2026-ids.yaml"
    text = _with_promise((repo / "data" / "2026.yaml").read_text(encoding="utf-8"))
    text = text.replace("[polisen, kommunen]", "[Polisen, kommunen]")
    text = text.replace(
        "municipality: exempelby\n", "municipality: exempelby\nsigned: 2026-02-30\n"
    )
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    uri = server.open(path)
    found = sorted(
        (d["range"]["start"]["line"], d["message"]) for d in server.wait_diagnostics(uri)
    )
    assert found == [
        (_line(lines, "signed:"), "a real date as YYYY-MM-DD, such as 2020-03-16"),
        (
            _line(lines, "        responsible:"),
            "use lower-case ids such as `polisen` or `trygghetsvandringar`: a-z, 0-9 and hyphens",
        ),
    ]


# ------------------------------------------------------------ recording


def test_git_status_is_clean_after_a_record_but_for_the_data_file(tmp_path: Path) -> None:
    year = str(dt.date.today().year)
    root = _repository(tmp_path / "town", year)
    data = root / "data" / f"{year}.yaml"
    data.write_text(
        _with_promise(data.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    _git(root, "commit", "-q", "-am", "a promise")
    result = run_cli(
        "record",
        year,
        "trygghetsvandringar",
        "--count",
        "1",
        "--date",
        f"{year}-01-01",
        cwd=root,
    )
    assert result.code == 0, result.err
    assert _git(root, "status", "--porcelain", "--untracked-files=all") == (
        f" M data/{year}.yaml\n"
    )
    assert sorted(p.name for p in (root / "data").iterdir()) == [f"{year}.yaml", "exempelby.yaml"]
