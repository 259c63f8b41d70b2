"""`lofte validate` through the real command line: arguments, formats, bad paths."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli, run_process


def _with(example_dir: Path, *names: str) -> Path:
    for name in names:
        shutil.copy(next(EXAMPLES.glob(f"*/{name}")), example_dir)
    return example_dir.parent


def test_no_arguments_checks_every_file_in_the_data_dir(example_dir: Path) -> None:
    cwd = _with(example_dir, "full-2020.yaml")
    result = run_cli("validate", cwd=cwd)
    assert result.out == "checked 3 files: no problems\n"
    assert result.code == 0


def test_a_period_argument_resolves_in_the_data_dir(example_dir: Path) -> None:
    (example_dir / "2020.yaml").write_bytes((EXAMPLES / "positive" / "full-2020.yaml").read_bytes())
    result = run_cli("validate", "2020", cwd=example_dir.parent)
    assert (result.code, result.out) == (0, "checked 1 file: no problems\n")


def test_data_dir_option_and_environment(example_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    example_dir.rename(other)
    by_option = run_cli("validate", "--data-dir", str(other), cwd=tmp_path)
    by_env = run_cli("validate", cwd=tmp_path, env={"LOFTE_DATA_DIR": str(other)})
    assert (by_option.code, by_option.out) == (0, "checked 2 files: no problems\n")
    assert (by_env.code, by_env.out) == (0, "checked 2 files: no problems\n")


def test_missing_data_dir_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("validate", cwd=tmp_path)
    assert result.code == 2
    assert (
        result.err == "lofte: data: data directory not found (set --data-dir or LOFTE_DATA_DIR)\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "2020"),
        ("check", "2020"),
        ("status", "2020"),
        ("report", "2020"),
        ("sheet", "2020"),
        ("record", "2020", "insatser", "--count", "1"),
    ],
)
def test_a_period_without_a_data_dir_is_a_usage_error(tmp_path: Path, args: tuple[str]) -> None:
    """Not "data/2020.yaml:1:1: no such file": it is the data directory that is missing."""
    result = run_cli(*args, cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert (
        result.err == "lofte: data: data directory not found (set --data-dir or LOFTE_DATA_DIR)\n"
    )


def test_unknown_period_suggests_the_nearest(example_dir: Path) -> None:
    (example_dir / "2020.yaml").write_bytes((EXAMPLES / "positive" / "full-2020.yaml").read_bytes())
    result = run_cli("validate", "2002", cwd=example_dir.parent)
    assert result.out.splitlines()[0] == "data/2002.yaml:1:1: no such file; did you mean '2020'?"
    assert result.code == 1


def test_a_directory_given_as_a_file(example_dir: Path) -> None:
    (example_dir / "sub.yaml").mkdir()
    result = run_cli("validate", "data/sub.yaml", cwd=example_dir.parent)
    assert result.out.splitlines()[0] == "data/sub.yaml:1:1: is a directory, not a promise file"
    assert result.code == 1


def test_a_file_of_several_megabytes_is_refused(example_dir: Path) -> None:
    big = example_dir / "big-2020.yaml"
    big.write_bytes(b"kind: medborgarlofte\n" + b"# padding\n" * 400_000)
    result = run_cli("validate", "data/big-2020.yaml", cwd=example_dir.parent)
    assert result.out.splitlines()[0] == (
        "data/big-2020.yaml:1:1: file is larger than 2,097,152 bytes; a promise file is kilobytes"
    )
    assert result.code == 1


def test_every_problem_in_every_file_is_reported(example_dir: Path) -> None:
    cwd = _with(example_dir, "unknown-key-2020.yaml", "wrong-type-2020.yaml")
    result = run_cli("validate", cwd=cwd)
    lines = result.out.splitlines()
    assert len(lines) == 2 + 4 + 1
    assert lines[-1] == "checked 4 files: 6 errors in 2 files"


def test_json_format(example_dir: Path) -> None:
    cwd = _with(example_dir, "unknown-key-2020.yaml")
    result = run_cli("validate", "--format", "json", "data/unknown-key-2020.yaml", cwd=cwd)
    report = json.loads(result.out)
    assert list(report) == ["version", "diagnostics", "summary"]
    assert report["version"] == 1
    assert report["summary"] == "checked 1 file: 2 errors in 1 file"
    assert report["diagnostics"][0] == {
        "path": "data/unknown-key-2020.yaml",
        "line": 10,
        "col": 5,
        "code": "unknown-key",
        "message": "unknown key 'responsibel'; did you mean 'responsible'?",
        "severity": "error",
    }
    assert result.code == 1


def test_github_format_escapes_its_fields(example_dir: Path) -> None:
    cwd = _with(example_dir, "unknown-key-2020.yaml")
    result = run_cli("validate", "-f", "github", "data/unknown-key-2020.yaml", cwd=cwd)
    assert result.out.splitlines()[0] == (
        "::error file=data/unknown-key-2020.yaml,line=10,col=5,title=unknown-key::"
        "unknown key 'responsibel'; did you mean 'responsible'?"
    )


def test_github_escaping_of_newlines_and_colons() -> None:
    from lofte.errors import Diagnostic
    from lofte.render import github

    out = github([Diagnostic("a,b:c.yaml", 1, 2, "x", "two\nlines 100%")], "s")
    assert out == "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=x::two%0Alines 100%25\ns\n"


def test_bad_format_is_a_usage_error(example_dir: Path) -> None:
    result = run_cli("validate", "--format", "xml", cwd=example_dir.parent)
    assert result.code == 2
    assert result.out == ""
    assert result.err.splitlines()[-1] == (
        "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json', 'github'."
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["status", "--format", "jsn"], "'--format' / '-f': 'jsn' is not one of 'table', "
         "'json'; did you mean 'json'?"),
        (["report", "--lang", "se"], "'--lang': 'se' is not one of 'sv', 'en'; did you mean "
         "'sv'?"),
        (["report", "--lang", "fr"], "'--lang': 'fr' is not one of 'sv', 'en'."),
    ],
)  # fmt: skip
def test_a_close_choice_is_offered(example_dir: Path, args: list[str], said: str) -> None:
    result = run_cli(*args, cwd=example_dir.parent)
    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines()[-1] == f"Error: Invalid value for {said}"


def test_python_dash_m_runs_the_real_program(example_dir: Path) -> None:
    cwd = _with(example_dir, "duplicate-key-2020.yaml")
    result = run_process("validate", "data/duplicate-key-2020.yaml", cwd=cwd)
    assert result.out == (
        "data/duplicate-key-2020.yaml:5:1: duplicate key 'title' (first at line 3)\n"
        "checked 1 file: 1 error in 1 file\n"
    )
    assert result.code == 1
    assert result.err == ""


def test_a_folder_argument_means_its_yaml_files(example_dir: Path) -> None:
    result = run_cli("validate", "data/", cwd=example_dir.parent)
    assert (result.code, result.out) == (0, "checked 2 files: no problems\n")


def test_a_clean_file_is_parsed_once_without_positions(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Positions cost a second parse; only a file with a problem may pay it.
    import lofte.read.yamlio
    from lofte.validate import validate

    calls: list[bool] = []
    real = lofte.read.yamlio.read

    def spy(data: bytes, *, positions: bool = False) -> object:
        calls.append(positions)
        return real(data, positions=positions)

    monkeypatch.setattr(lofte.read.yamlio, "read", spy)
    assert validate([], data_copy) == (6, [])
    assert calls == [False] * 6


def test_hidden_yaml_files_in_the_data_dir_are_not_promise_files(example_dir: Path) -> None:
    (example_dir / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    result = run_cli("validate", cwd=example_dir.parent)
    assert (result.code, result.out) == (0, "checked 2 files: no problems\n")


def test_a_bare_folder_name_is_the_folder(example_dir: Path) -> None:
    result = run_cli("validate", "data", cwd=example_dir.parent)
    assert (result.code, result.out) == (0, "checked 2 files: no problems\n")


def test_a_path_outside_the_working_directory_is_shown_as_given(tmp_path: Path) -> None:
    elsewhere = tmp_path / "nowhere"
    (tmp_path / "here").mkdir()
    result = run_cli("validate", "--data-dir", str(elsewhere), cwd=tmp_path / "here")
    assert (
        result.err
        == f"lofte: {elsewhere}: data directory not found (set --data-dir or LOFTE_DATA_DIR)\n"
    )


def test_an_older_typer_keeps_its_own_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    # pyproject allows typer>=0.12, which converts values through Click alone.
    import sys

    import typer
    from typer import _param_types

    import lofte.cli

    before = _param_types.get_error_msg  # type: ignore[attr-defined]
    monkeypatch.delattr(typer, "_coercion")
    monkeypatch.setitem(sys.modules, "typer._coercion", None)  # type: ignore[arg-type]
    lofte.cli._plain_value_errors()  # no ImportError: the wrapper steps aside
    assert _param_types.get_error_msg is before  # type: ignore[attr-defined]
