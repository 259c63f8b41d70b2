"""Light start-up: each command imports only what it uses (a test of module lists, not of time).

tests/test_cli.py checks ``lofte --help``; this checks every command's own
``--help`` and the commands people type most, run for real in a fresh process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lofte.cli import app

_PROBE = """\
import json, sys
from lofte.cli import app
try:
    app(sys.argv[1:], prog_name="lofte")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(*args: str, cwd: Path | None = None) -> set[str]:
    """The modules a fresh process has imported after running ``lofte ARGS``."""
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "80"},
    )
    return set(json.loads(proc.stderr.splitlines()[-1]))


def loaded(modules: set[str], *names: str) -> list[str]:
    """Which of ``names`` (packages or modules) were imported."""
    return sorted(n for n in names if any(m == n or m.startswith(n + ".") for m in modules))


def _commands() -> list[str]:
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback)


@pytest.mark.parametrize("command", _commands())
def test_a_commands_help_imports_none_of_its_work(command: str) -> None:
    # Typer itself imports pydantic to check parameters; nothing else heavy
    # may come in, and none of lofte's own modules but the command line.
    modules = modules_after(command, "--help")
    heavy = ["ruamel", "jinja2", "rich.table", "yaml", "sqlite3", "multiprocessing"]
    assert loaded(modules, *heavy) == []
    ours = sorted(m for m in modules if m.startswith("lofte."))
    assert ours == ["lofte.cli"]


def test_status_imports_no_writer_or_renderer(data_copy: Path) -> None:
    modules = modules_after("status", "2020", "--as-of", "2020-12-31", cwd=data_copy.parent)
    assert "lofte.status" in modules  # the probe really ran the command
    assert "lofte.render.plain" in modules  # and drew the table
    # Off a terminal the table is drawn without rich (lofte.render.plain).
    assert loaded(modules, "ruamel", "jinja2", "multiprocessing", "rich") == []
    assert "lofte.render.status_json" not in modules  # JSON's modules only for JSON


def test_status_from_the_cache_reads_no_yaml(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The second run finds its three files validated in the cache: no YAML
    # parser is imported.
    monkeypatch.delenv("LOFTE_CACHE_DIR")  # conftest's is shared; this one starts empty
    first = modules_after("status", "2020", "--as-of", "2020-12-31", cwd=data_copy.parent)
    again = modules_after("status", "2020", "--as-of", "2020-12-31", cwd=data_copy.parent)
    assert "lofte.read.pickled" not in first
    assert "lofte.read.pickled" in again
    assert loaded(again, "yaml", "lofte.read.yamlio", "lofte.read.fastread") == []
    assert loaded(again, "ruamel", "jinja2", "multiprocessing", "rich") == []
    assert (data_copy.parent / ".lofte-cache").is_dir()


def test_status_without_the_cache_opens_no_database(data_copy: Path) -> None:
    modules = modules_after("status", "2020", "--no-cache", cwd=data_copy.parent)
    assert "lofte.status" in modules
    assert loaded(modules, "sqlite3", "lofte.read.cache", "lofte.read.pickled") == []


def test_validate_imports_no_writer_renderer_or_tables(data_copy: Path) -> None:
    modules = modules_after("validate", "2020", cwd=data_copy.parent)
    assert "lofte.validate" in modules
    # A handful of files: one process, so no multiprocessing either.
    assert loaded(modules, "ruamel", "jinja2", "rich", "multiprocessing") == []


def test_pydantic_plugins_are_off_unless_the_user_says_otherwise() -> None:
    code = "import os, lofte; print(os.environ.get('PYDANTIC_DISABLE_PLUGINS'))"
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.stdout == "__all__\n"
    env["PYDANTIC_DISABLE_PLUGINS"] = "logfire"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.stdout == "logfire\n"


@pytest.mark.parametrize(
    ("argv", "env", "kept"),
    [
        (["lofte", "status", "2020"], {}, ["status"]),
        (["lofte", "import", "x.xlsx"], {}, ["import"]),  # a command named apart from its function
        (["lofte", "stauts"], {}, None),  # a typo: every command, for "did you mean"
        (["lofte", "--help"], {}, None),
        (["lofte"], {}, None),
        (["lofte", "status"], {"_LOFTE_COMPLETE": "complete_bash"}, None),
    ],
)
def test_typer_is_given_only_the_command_named(
    argv: list[str], env: dict[str, str], kept: list[str] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lofte.cli

    every = list(lofte.cli.app.registered_commands)
    monkeypatch.setattr(lofte.cli.app, "registered_commands", list(every))
    monkeypatch.setattr(sys, "argv", argv)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    lofte.cli._only_the_command_named()
    names = [c.name or c.callback.__name__ for c in lofte.cli.app.registered_commands if c.callback]
    assert names == (kept if kept is not None else _commands_in(every))


def _commands_in(commands: list[object]) -> list[str]:
    return [c.name or c.callback.__name__ for c in commands if c.callback]  # type: ignore[attr-defined]
