"""Every command has help; the schema copy matches the models; start-up stays light."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli
from lofte.cli import app


def _commands() -> list[str]:
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback)


def test_there_are_commands() -> None:
    assert {"validate", "schema"} <= set(_commands())


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help_text(name: str) -> None:
    command = next(c for c in app.registered_commands if (c.name or c.callback.__name__) == name)
    assert command.callback is not None
    doc = command.callback.__doc__ or ""
    assert len(doc.strip()) > 20, f"{name} has no real help text"
    result = run_cli(name, "--help")
    assert result.code == 0
    assert doc.strip().splitlines()[0] in " ".join(result.out.split())


def test_top_level_help_lists_every_command() -> None:
    result = run_cli("--help")
    assert result.code == 0
    for name in _commands():
        assert f"  {name} " in result.out


def test_committed_schema_matches_the_models() -> None:
    committed = (ROOT / "schema" / "lofte.schema.json").read_text(encoding="utf-8")
    result = run_cli("schema")
    assert result.code == 0
    assert json.loads(result.out)["title"] == "lofte promise file"
    assert result.out == committed, (
        "schema/lofte.schema.json is stale: run `lofte schema > schema/lofte.schema.json`"
    )


def test_help_imports_no_heavy_modules() -> None:
    code = (
        "import sys\n"
        "from lofte.cli import app\n"
        "try:\n"
        "    app(['--help'], prog_name='lofte')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['pydantic', 'ruamel', 'jinja2', 'rich.table', 'yaml']\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.splitlines()[-1] == "[]"


def test_version() -> None:
    from lofte import __version__

    result = run_cli("--version")
    assert (result.code, result.out) == (0, f"lofte {__version__}\n")


@pytest.mark.parametrize("name", [None, *_commands()])
def test_help_names_values_in_words_not_python_types(name: str | None) -> None:
    import re

    args = [name] if name else []
    result = run_cli(*args, "--help")
    assert result.code == 0
    assert run_cli(*args, "-h").out == result.out
    shown = re.findall(r"<[^>\s]*>|\b(?:str|int|bool|float|list\[\w+\]|Path)\b|\{\w+\}", result.out)
    assert shown == [], result.out


def test_usage_line_of_record_reads_as_words() -> None:
    assert run_cli("record", "-h").out.splitlines()[0] == (
        "Usage: lofte record [OPTIONS] PERIOD [ACTIVITY_ID]"
    )


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_a_terminal_that_cannot_show_a_character_gets_a_question_mark(encoding: str) -> None:
    """Not a traceback: `lofte status` writes "–", "─" and "✓", which Latin-1 lacks.

    (Click itself takes an ASCII stream for a misconfigured one and writes UTF-8.)
    """
    proc = subprocess.run(
        [sys.executable, "-m", "lofte", "status", "2019", "--as-of", "2020-03-01"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": encoding, "COLUMNS": "80"},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (proc.returncode, proc.stderr) == (0, b"")
    if encoding == "latin-1":
        text = proc.stdout.decode(encoding)
        assert text.splitlines()[0] == "Medborgarlöfte 2019"
        assert "?" * 80 in text  # the table's rule, one "─" each
