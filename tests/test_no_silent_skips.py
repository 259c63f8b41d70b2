"""Nothing is skipped silently: `.yml` files get a located error; a stale schema copy a warning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import DATA, run_cli


def _data(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def test_a_yml_file_in_the_data_directory_is_an_error(tmp_path: Path) -> None:
    data = _data(tmp_path)
    (data / "2022.yml").write_text("kind: [broken\n", encoding="utf-8")
    result = run_cli("validate", cwd=tmp_path)
    assert (result.code, result.out) == (
        1,
        "data/2022.yml:1:1: promise files end in .yaml, not .yml: rename it to 2022.yaml\n"
        "checked 7 files: 1 error in 1 file\n",
    )
    checked = run_cli("check", "--as-of", "2030-01-01", cwd=tmp_path)
    assert checked.code == 1
    assert (
        "data/2022.yml:1:1: promise files end in .yaml, not .yml: rename it to 2022.yaml\n"
        in checked.out
    )


def test_a_yml_file_named_is_an_error_and_says_when_the_yaml_exists(tmp_path: Path) -> None:
    data = _data(tmp_path)
    shutil.copy(data / "2020.yaml", data / "2020.yml")
    result = run_cli("validate", "data/2020.yml", "data/", cwd=tmp_path)
    assert result.out.splitlines() == [
        "data/2020.yml:1:1: promise files end in .yaml, not .yml: rename it to 2020.yaml; "
        "2020.yaml exists too",
        "data/2020.yml:1:1: promise files end in .yaml, not .yml: rename it to 2020.yaml; "
        "2020.yaml exists too",
        "checked 8 files: 2 errors in 1 file",
    ]


def test_hidden_and_nested_files_are_not_promise_files(tmp_path: Path) -> None:
    data = _data(tmp_path)
    (data / ".scratch.yml").write_text("kind: [\n", encoding="utf-8")
    (data / "old").mkdir()
    (data / "old" / "2018.yml").write_text("kind: [\n", encoding="utf-8")
    assert run_cli("validate", cwd=tmp_path).out == "checked 6 files: no problems\n"


def _repository(tmp_path: Path) -> Path:
    assert run_cli("init", "-m", "Exempelby kommun", cwd=tmp_path).code == 0
    assert run_cli("new", "2026", cwd=tmp_path).code == 0
    return tmp_path


def test_validate_warns_when_the_schema_copy_is_stale(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    copy = root / "schema" / "lofte.schema.json"
    copy.write_text(copy.read_text(encoding="utf-8").replace("målet", "the target"), "utf-8")
    from lofte import __version__

    result = run_cli("validate", cwd=root)
    assert (result.code, result.out) == (
        0,
        f"schema/lofte.schema.json:1:1: warning: differs from the schema of the installed "
        f"lofte {__version__}; refresh it: lofte schema -o schema/lofte.schema.json\n"
        "checked 2 files: 1 warning in 1 file\n",
    )
    as_json = json.loads(run_cli("validate", "-f", "json", cwd=root).out)
    assert as_json["diagnostics"][0]["code"] == "schema-copy"
    refreshed = run_cli("schema", "-o", "schema/lofte.schema.json", cwd=root)
    assert (refreshed.code, refreshed.out) == (0, "wrote schema/lofte.schema.json\n")
    assert run_cli("validate", cwd=root).out == "checked 2 files: no problems\n"


def test_a_missing_copy_or_a_url_is_not_looked_for(tmp_path: Path) -> None:
    root = _repository(tmp_path)
    (root / "schema" / "lofte.schema.json").unlink()
    assert run_cli("validate", cwd=root).out == "checked 2 files: no problems\n"
    town = root / "data" / "exempelby.yaml"
    text = town.read_text(encoding="utf-8").replace(
        "../schema/lofte.schema.json", "https://example.invalid/lofte.schema.json"
    )
    town.write_text(text, encoding="utf-8")
    assert run_cli("validate", cwd=root).out == "checked 2 files: no problems\n"


def test_schema_output_to_a_missing_folder_is_refused(tmp_path: Path) -> None:
    result = run_cli("schema", "-o", str(tmp_path / "nowhere" / "lofte.schema.json"))
    assert result.code == 1
    assert "does not exist" in result.err


def test_a_period_written_as_yml_is_named_when_the_yaml_is_missing(tmp_path: Path) -> None:
    data = _data(tmp_path)
    (data / "2020.yaml").rename(data / "2020.yml")
    result = run_cli("status", "2020", cwd=tmp_path)
    assert (result.code, result.out) == (
        1,
        "data/2020.yaml:1:1: no such file; 2020.yml exists: rename it to 2020.yaml\n",
    )
