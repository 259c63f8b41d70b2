"""`lofte init` and `lofte new`: a municipality's own repository, and its next period."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, run_cli

PLANNED = [
    "data/exempelby.yaml",
    "schema/lofte.schema.json",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    ".pre-commit-config.yaml",
    ".github/workflows/lofte.yml",
    ".gitignore",
    "README.md",
]


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".lofte-cache" not in p.parts
    }


def test_init_writes_the_repository(tmp_path: Path) -> None:
    result = run_cli("init", "--municipality", "Exempelby kommun", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out == "".join(f"wrote {name}\n" for name in PLANNED)
    assert sorted(_tree(tmp_path)) == sorted(PLANNED)
    town = (tmp_path / "data" / "exempelby.yaml").read_text(encoding="utf-8")
    assert town.splitlines()[:4] == [
        "# yaml-language-server: $schema=../schema/lofte.schema.json",
        "# The municipality (kommunen): stated once, used by every promise file.",
        "kind: municipality",
        "name: Exempelby kommun",
    ]
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings == {"yaml.schemas": {"./schema/lofte.schema.json": ["data/*.yaml"]}}
    extensions = json.loads((tmp_path / ".vscode" / "extensions.json").read_text("utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}
    schema = run_cli("schema").out
    assert (tmp_path / "schema" / "lofte.schema.json").read_text(encoding="utf-8") == schema
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == (
        ".lofte-cache/"
    )
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Medborgarlöften – Exempelby kommun\n")
    assert "lofte record 2026 AKTIVITET" in readme


def test_init_names_the_id_and_police_area_and_quotes_what_needs_it(tmp_path: Path) -> None:
    result = run_cli(
        "init", str(tmp_path), "-m", "Vingåker kommun", "--police-area", "LPO: Katrineholm"
    )
    assert result.code == 0, result.err
    town = (tmp_path / "data" / "vingaker.yaml").read_text(encoding="utf-8")
    assert 'name: Vingåker kommun\npolice_area: "LPO: Katrineholm"\n' in town
    assert run_cli("validate", "--data-dir", str(tmp_path / "data")).code == 0


def test_init_with_gitlab_writes_its_ci_too(tmp_path: Path) -> None:
    result = run_cli("init", "town", "-m", "Exempelby kommun", "--gitlab", cwd=tmp_path)
    assert result.code == 0
    assert result.out.splitlines()[0] == "wrote town/data/exempelby.yaml"
    assert result.out.splitlines()[-1] == "wrote town/.gitlab-ci.yml"
    tmp_path = tmp_path / "town"
    assert "lofte check" in (tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8")


def test_init_twice_changes_nothing(tmp_path: Path) -> None:
    assert run_cli("init", str(tmp_path), "-m", "Exempelby kommun").code == 0
    before = _tree(tmp_path)
    again = run_cli("init", str(tmp_path), "-m", "Exempelby kommun")
    assert (again.code, again.out) == (0, "nothing to do: every file is as lofte init writes it\n")
    assert _tree(tmp_path) == before


def test_init_refuses_in_a_repository_with_other_files_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("Our own readme\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.tmp\n", encoding="utf-8")
    before = _tree(tmp_path)
    result = run_cli("init", "-m", "Exempelby kommun", cwd=tmp_path)
    assert result.code == 1
    assert result.out == ""
    assert result.err == (
        "lofte init: these files exist with other content; nothing was written "
        "(--force FILE overwrites one):\n"
        "  .gitignore\n"
        "  README.md\n"
        "files lofte init would write:\n"
        "  data/exempelby.yaml  (new)\n"
        "  schema/lofte.schema.json  (new)\n"
        "  .vscode/settings.json  (new)\n"
        "  .vscode/extensions.json  (new)\n"
        "  .pre-commit-config.yaml  (new)\n"
        "  .github/workflows/lofte.yml  (new)\n"
        "  .gitignore  (exists)\n"
        "  README.md  (exists)\n"
    )
    assert _tree(tmp_path) == before


def test_force_overwrites_only_the_files_it_names(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("Our own readme\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.tmp\n", encoding="utf-8")
    half = run_cli("init", str(tmp_path), "-m", "Exempelby kommun", "--force", "README.md")
    assert half.code == 1
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "Our own readme\n"
    both = run_cli(
        "init",
        str(tmp_path),
        "-m",
        "Exempelby kommun",
        "--force",
        "README.md",
        "--force",
        "./.gitignore",
    )
    assert both.code == 0, both.err
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8").endswith(".lofte-cache/\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--force", "setup.py"], "--force setup.py: init does not write that file"),
        (["--id", "Vingåker"], "--id 'Vingåker': use lower-case letters, digits and hyphens"),
        ([], "init needs --municipality NAME"),
    ],
)
def test_init_usage_mistakes_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    municipality = ["-m", "Exempelby kommun"] if args else []
    result = run_cli("init", str(tmp_path), *municipality, *args)
    assert result.code == 2
    assert message in result.err
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ lofte new


def _data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _load(path: Path) -> dict[str, object]:
    from lofte.read.yamlio import read

    data, _ = read(path.read_bytes())
    assert isinstance(data, dict)
    return data


def test_new_copies_the_last_promise_without_its_progress(tmp_path: Path) -> None:
    data = _data(tmp_path)
    source = (data / "2020.yaml").read_text(encoding="utf-8")
    # A due date, so that moving it is seen; data/2020.yaml already holds the
    # published record of this activity, so dropping progress is seen too.
    assert "progress:" in source
    source = source.replace(
        "        target: {kind: count, at_least: 2, unit: planlagda insatser}\n",
        "        due: 2020-06-30\n"
        "        target: {kind: count, at_least: 2, unit: planlagda insatser}\n",
    )
    (data / "2020.yaml").write_text(source, encoding="utf-8")
    result = run_cli("new", "2022", "--from", "2020", "--data-dir", str(data))
    assert result.code == 0, result.err
    assert result.out == (
        f"wrote {data / '2022.yaml'} from {data / '2020.yaml'}; fill in what its comments mark\n"
    )
    new = _load(data / "2022.yaml")
    old = _load(data / "2020.yaml")
    assert new["period"] == "2022"
    assert new["title"] == "Medborgarlöfte Strängnäs kommun 2022"
    for key in ("signed", "signatories", "source", "situation"):
        assert key in old and key not in new
    assert new["promises"] != old["promises"]
    first = new["promises"][0]["activities"][0]  # type: ignore[index]
    assert first["due"] == "2022-06-30"
    assert "progress" not in first
    # Everything else of the promises is kept as it was.
    old_first = old["promises"][0]["activities"][0]  # type: ignore[index]
    del old_first["progress"], old_first["due"], first["due"]
    assert new["promises"] == old["promises"]
    assert new["follow_up"] == old["follow_up"]
    text = (data / "2022.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[1] == (
        "# Medborgarlöfte 2022, copied by `lofte new` from 2020.yaml: promises,"
    )
    assert "# signed: YYYY-MM-DD             # fyll i: undertecknat, the signing date\n" in text
    assert "# and windows, if any, are moved +2 years.\n" in text
    assert run_cli("validate", "2022", "--data-dir", str(data)).code == 0
    assert run_cli("new", "2023", "--from", "2022", "--data-dir", str(data)).code == 0
    one = (data / "2023.yaml").read_text(encoding="utf-8")
    assert "# and windows, if any, are moved +1 year.\n" in one


def test_a_promise_applying_from_an_unfilled_signing_is_warned_about(tmp_path: Path) -> None:
    """`lofte new` keeps `applies_from: signing` and leaves `signed` for the coordinator."""
    data = _data(tmp_path)
    assert run_cli("new", "2026", "--from", "2020", "--data-dir", str(data)).code == 0
    text = (data / "2026.yaml").read_text(encoding="utf-8")
    line = text.splitlines().index(
        'applies_from: signing # "som börjar gälla från och med undertecknandet"'
    )
    result = run_cli("validate", "2026", "--data-dir", str(data))
    assert (result.code, result.out) == (
        0,
        f"{data / '2026.yaml'}:{line + 1}:15: warning: applies_from: signing, but no signed "
        "date: the period is taken to start 2026-01-01 until 'signed:' is filled in\n"
        "checked 1 file: 1 warning in 1 file\n",
    )
    filled = text.replace("applies_from: signing", "signed: 2026-03-02\napplies_from: signing")
    (data / "2026.yaml").write_text(filled, encoding="utf-8")
    result = run_cli("validate", "2026", "--data-dir", str(data))
    assert result.out == "checked 1 file: no problems\n"


def test_new_drops_acknowledged_findings_about_the_old_records(tmp_path: Path) -> None:
    """2019's "the follow-up does not mention the lokaler" must not silence 2022's check."""
    data = _data(tmp_path)
    source = (data / "2019.yaml").read_text(encoding="utf-8")
    assert "LT301: Uppföljningen av medborgarlöftet 2019" in source and "LT202:" in source
    # An acknowledgement about the text and target (made up), which goes with the text.
    source = source.replace(
        "      LT202: Källan anger att en mopedinsats genomförts men inget antal.\n",
        "      LT202: Källan anger att en mopedinsats genomförts men inget antal.\n"
        "      LT101: Påhittat skäl.\n",
    )
    (data / "2019.yaml").write_text(source, encoding="utf-8")
    assert run_cli("new", "2022", "--from", "2019", "--data-dir", str(data)).code == 0
    new = _load(data / "2022.yaml")
    acknowledged = {
        a["id"]: a.get("acknowledge")
        for a in new["activities"]  # type: ignore[attr-defined]
        if a.get("acknowledge")
    }
    assert acknowledged == {"trimmade-mopeder": {"LT101": "Påhittat skäl."}}
    result = run_cli("check", "2022", "--as-of", "2022-12-01", "--data-dir", str(data))
    assert "LT301 activity 'lokaler-utbildningstillfallen'" in result.out
    assert "acknowledged: LT301" not in result.out


def test_new_takes_the_promise_that_ends_last_and_keeps_dates_inside(tmp_path: Path) -> None:
    data = _data(tmp_path)
    result = run_cli("new", "2026", "--data-dir", str(data))
    assert result.code == 0, result.err
    assert "from " + str(data / "2024-2025.yaml") in result.out
    new = _load(data / "2026.yaml")
    assert new["title"] == "Lägesbild och aktivitetslista kopplade till medborgarlöfte för 2026"
    assert run_cli("validate", "--data-dir", str(data)).code == 0


def test_new_refuses_a_period_that_exists(tmp_path: Path) -> None:
    data = _data(tmp_path)
    before = (data / "2021.yaml").read_bytes()
    result = run_cli("new", "2021", "--data-dir", str(data))
    assert result.code == 1
    assert result.err == (
        f"{data / '2021.yaml'}:1:1: the period already exists; lofte new writes only a new file\n"
    )
    assert (data / "2021.yaml").read_bytes() == before


@pytest.mark.parametrize("period", ["26", "2026-2025", "vt2026"])
def test_new_refuses_what_is_no_period(tmp_path: Path, period: str) -> None:
    result = run_cli("new", period, "--data-dir", str(_data(tmp_path)))
    assert result.code == 2
    assert "give a year (2026) or a range of years (2026-2027)" in result.err


def test_new_without_a_municipality_file_says_to_run_init(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    result = run_cli("new", "2026", "--data-dir", str(tmp_path / "data"))
    assert result.code == 2
    assert "no municipality file to name; run lofte init first" in result.err


def test_new_without_the_data_directory_says_how_to_make_one(tmp_path: Path) -> None:
    result = run_cli("new", "2026", "--data-dir", str(tmp_path / "nope"))
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"lofte: {tmp_path / 'nope'}: data directory not found (run lofte init, "
        "or set --data-dir)\n"
    )


def test_new_copies_only_from_a_promise(tmp_path: Path) -> None:
    data = _data(tmp_path)
    result = run_cli("new", "2026", "--from", "samverkan-2020-2023", "--data-dir", str(data))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"{data / 'samverkan-2020-2023.yaml'}:1:1: is not a medborgarlöfte to copy from\n"
    )
    assert not (data / "2026.yaml").exists()


def test_new_copies_only_from_a_valid_file_and_says_what_is_wrong(tmp_path: Path) -> None:
    data = _data(tmp_path)
    (data / "2020.yaml").write_text(
        'kind: medborgarlofte\nperiod: "2020"\nmunicipality: strangnas\n', encoding="utf-8"
    )
    result = run_cli("new", "2026", "--from", "2020", "--data-dir", str(data))
    assert (result.code, result.out) == (1, "")
    assert result.err == f"{data / '2020.yaml'}:1:1: missing required key 'title'\n"
    assert not (data / "2026.yaml").exists()


def test_init_then_new_validates_and_checks(tmp_path: Path) -> None:
    assert run_cli("init", "-m", "Exempelby kommun", cwd=tmp_path).code == 0
    made = run_cli("new", "2026", cwd=tmp_path)
    assert (made.code, made.out) == (
        0,
        "wrote data/2026.yaml; fill in what its comments mark\n",
    )
    text = (tmp_path / "data" / "2026.yaml").read_text(encoding="utf-8")
    assert "municipality: exempelby\n" in text
    assert run_cli("validate", cwd=tmp_path).out == "checked 2 files: no problems\n"
    checked = run_cli("check", "--as-of", "2026-11-30", cwd=tmp_path)
    assert checked.code == 0, checked.out


@pytest.mark.parametrize("site", [True, False])
def test_ci_publishes_the_site_when_lofte_can_build_it(
    site: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    import lofte.init

    monkeypatch.setattr(lofte.init, "has_site", lambda: site)
    files = lofte.init.plan("Exempelby kommun", None, None, gitlab=True)
    github = yaml.safe_load(files[".github/workflows/lofte.yml"])
    gitlab = yaml.safe_load(files[".gitlab-ci.yml"])
    assert [s.get("run") for s in github["jobs"]["lofte"]["steps"]][-2:] == [
        "lofte validate --format github",
        "lofte check --format github",
    ]
    assert gitlab["lofte"]["script"] == ["lofte validate", "lofte check"]
    if site:
        assert {"run": "lofte site -o _site"} in github["jobs"]["site"]["steps"]
        assert github["jobs"]["site"]["needs"] == "lofte"
        assert gitlab["pages"]["script"] == ["lofte site -o public"]
    else:
        assert list(github["jobs"]) == ["lofte"] and list(gitlab) == ["lofte"]


def test_ci_installs_the_lofte_that_made_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    import lofte.init

    class Installed:
        def read_text(self, name: str) -> str | None:
            assert name == "direct_url.json"
            return json.dumps(
                {
                    "url": "https://example.invalid/lofte.git",
                    "vcs_info": {"vcs": "git", "commit_id": "0123abc", "requested_revision": "v0"},
                }
            )

    monkeypatch.setattr(importlib.metadata, "distribution", lambda name: Installed())
    assert lofte.init.install_spec() == "lofte @ git+https://example.invalid/lofte.git@0123abc"
    monkeypatch.setattr(Installed, "read_text", lambda self, name: None)
    assert lofte.init.install_spec() == f"lofte=={lofte.__version__}"
