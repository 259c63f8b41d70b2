"""A real, non-editable install finds its templates and schema: a report, and lofte init."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def test_wheel_install_renders_a_report_from_outside_the_repo(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # The dependencies come from this interpreter's site-packages (a path line in a
    # .pth, so its own .pth files, the editable lofte among them, are not read);
    # lofte itself is built and installed into the new venv as a wheel.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "_lofte_test_deps.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", ".*_cache", "build", "dist"),
    )
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    shutil.rmtree(source)  # nothing may be found in a checkout any more

    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "report" / "data", data)
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import lofte.render.report as r; print(r.templates_dir()); print(r.__file__)",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert where[0] == str(Path(purelib) / "lofte" / "templates")
    assert where[1].startswith(purelib)
    result = subprocess.run(
        [
            str(venv / "bin" / "lofte"),
            "report",
            "2022",
            "-f",
            "html",
            "--as-of",
            "2023-01-15",
            "--data-dir",
            str(data),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    golden = ROOT / "tests" / "fixtures" / "report" / "golden" / "2022-sv.html"
    assert result.stdout == golden.read_text(encoding="utf-8")

    # lofte init from the wheel: the schema it writes is the one the wheel ships, so
    # validate finds the copy current; CI installs this version (a folder cannot be
    # fetched by a CI runner).
    town = tmp_path / "town"
    town.mkdir()
    for args in (["init", "-m", "Exempelby kommun"], ["new", "2026"], ["validate"]):
        step = subprocess.run(
            [str(venv / "bin" / "lofte"), *args],
            cwd=town,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert step.returncode == 0, step.stderr
    assert step.stdout == "checked 2 files: no problems\n"
    workflow = (town / ".github" / "workflows" / "lofte.yml").read_text(encoding="utf-8")
    from lofte import __version__

    assert f'      - run: pip install "lofte=={__version__}"\n' in workflow
