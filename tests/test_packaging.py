"""What a package promises: a licence file, metadata, and pins in the docs that exist."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT


def _project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project: dict[str, object] = tomllib.load(handle)["project"]
    return project


def test_the_licence_file_is_the_licence_the_package_names() -> None:
    assert _project()["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_classifiers_say_what_it_runs_on() -> None:
    classifiers = _project()["classifiers"]
    assert isinstance(classifiers, list)
    assert "Operating System :: POSIX" in classifiers
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert "Natural Language :: Swedish" in classifiers


def test_the_docs_pin_the_release_of_this_version() -> None:
    # A release is tagged v + version (README, "Releases and licence").
    tag = f"v{_project()['version']}"
    pins: list[str] = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").iterdir())]:
        text = path.read_text(encoding="utf-8")
        pins += re.findall(r"rev: ([\w.-]+)", text)
        pins += re.findall(r"lofte@(v[0-9][^\"'\s]*)", text)
    assert pins and set(pins) == {tag}
