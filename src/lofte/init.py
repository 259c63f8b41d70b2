"""`lofte init`: set up a municipality's own repository of promise files.

`plan` says which files init would write and with what content; `init`
writes them, or refuses and writes nothing when one of them exists with
other content and ``--force`` does not name it.  A file that already holds
exactly what init would write is left alone, so running init twice changes
nothing.  The content is deterministic: no dates, nothing from the machine
but the installed lofte's version and where it was installed from.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lofte.errors import UsageError
from lofte.model import SLUG_RE

__all__ = ["InitOutcome", "init", "municipality_id", "plan"]

#: The file names lofte init writes, relative to the repository's root.
GITHUB_WORKFLOW = ".github/workflows/lofte.yml"
GITLAB_CI = ".gitlab-ci.yml"


@dataclass
class InitOutcome:
    """What init did: the files it wrote, left as they were, or refused to overwrite."""

    root: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)


def municipality_id(name: str) -> str:
    """``"Vingåker kommun"`` → ``vingaker``: the file name and id of a municipality."""
    words = name.strip()
    words = re.sub(r"\s+(kommun|stad)$", "", words, flags=re.IGNORECASE)
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def plan(
    municipality: str, ident: str | None, police_area: str | None, gitlab: bool
) -> dict[str, str]:
    """Every file init writes, by path relative to the root, with its content."""
    from lofte.schemagen import schema_text

    name = municipality.strip()
    if not name or not name.isprintable():
        raise UsageError("--municipality: give the municipality's name, e.g. 'Vingåker kommun'")
    ident = ident if ident is not None else municipality_id(name)
    if not re.match(SLUG_RE, ident):
        raise UsageError(
            f"--id {ident!r}: use lower-case letters, digits and hyphens, such as 'vingaker'"
        )
    if police_area is not None and (not police_area.strip() or not police_area.isprintable()):
        raise UsageError("--police-area: give the police area's name, e.g. 'LPO Katrineholm'")
    spec = install_spec()
    files = {
        f"data/{ident}.yaml": _municipality_file(name, police_area),
        "schema/lofte.schema.json": schema_text(),
        ".vscode/settings.json": _json(
            {"yaml.schemas": {"./schema/lofte.schema.json": ["data/*.yaml"]}}
        ),
        ".vscode/extensions.json": _json({"recommendations": ["redhat.vscode-yaml"]}),
        ".pre-commit-config.yaml": PRE_COMMIT,
        GITHUB_WORKFLOW: _github_workflow(spec),
        ".gitignore": GITIGNORE,
        "README.md": _readme(name, ident),
    }
    if gitlab:
        files[GITLAB_CI] = _gitlab_ci(spec)
    return files


def init(
    root: Path,
    municipality: str,
    *,
    ident: str | None = None,
    police_area: str | None = None,
    gitlab: bool = False,
    force: list[str] | None = None,
) -> InitOutcome:
    """Write the files of `plan` under ``root``, or refuse and write nothing."""
    from lofte.write.atomic import write_text

    files = plan(municipality, ident, police_area, gitlab)
    forced = {_normal(name) for name in force or []}
    unknown = sorted(forced - set(files))
    if unknown:
        raise UsageError(
            f"--force {unknown[0]}: init does not write that file; it writes " + ", ".join(files)
        )
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root}: not a directory")
    outcome = InitOutcome(root, planned=list(files))
    todo: dict[str, str] = {}
    for name, content in files.items():
        path = root / name
        if path.is_dir():
            outcome.conflicts.append(name)
        elif not path.exists():
            todo[name] = content
        elif path.read_bytes() == content.encode("utf-8"):
            outcome.unchanged.append(name)
        elif name in forced:
            todo[name] = content
        else:
            outcome.conflicts.append(name)
    if outcome.conflicts:
        return outcome
    for name, content in todo.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, content)
        outcome.written.append(name)
    return outcome


def _normal(name: str) -> str:
    return Path(name).as_posix().removeprefix("./")


def install_spec() -> str:
    """What pip should install in CI to get this very lofte.

    From a git repository (PEP 610's ``direct_url.json``): that URL at that
    commit, which anyone can pin.  From an index: ``lofte==VERSION``.  From a
    local folder there is nothing a CI runner can fetch, so also
    ``lofte==VERSION``; the workflow says to replace it.
    """
    from importlib.metadata import PackageNotFoundError, distribution

    from lofte import __version__

    try:
        text = distribution("lofte").read_text("direct_url.json")
    except PackageNotFoundError:  # pragma: no cover - run from a bare source tree
        text = None
    if text:
        info = json.loads(text)
        vcs = info.get("vcs_info") or {}
        url, commit = info.get("url", ""), vcs.get("commit_id", "")
        if vcs.get("vcs") == "git" and url.startswith("https://") and commit:
            return f"lofte @ git+{url}@{commit}"
    return f"lofte=={__version__}"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _municipality_file(name: str, police_area: str | None) -> str:
    from lofte.write.scalars import scalar

    area = (
        f"police_area: {scalar(police_area)}\n"
        if police_area
        else "# police_area: LPO …                 # lokalpolisområdet, as the police name it\n"
    )
    return (
        "# yaml-language-server: $schema=../schema/lofte.schema.json\n"
        "# The municipality (kommunen): stated once, used by every promise file.\n"
        "kind: municipality\n"
        f"name: {scalar(name)}\n"
        f"{area}"
        "# Units that may be responsible for an activity, besides polisen and kommunen\n"
        "# (enheter): an id in lower case, then the name as people write it.\n"
        "# actors:\n"
        "#   socialtjansten: Socialtjänsten\n"
        "# Named lists of places (platslistor), which a coverage target can name:\n"
        "# {kind: coverage, of: kommundelar}.\n"
        "# places:\n"
        "#   kommundelar:\n"
        "#     items: [Centrum, Norr, Söder]\n"
    )


PRE_COMMIT = """\
# pre-commit (https://pre-commit.com) runs lofte before every commit:
#   pip install pre-commit && pre-commit install
# The hooks are local: they run the lofte installed where you commit (the one
# whose schema is in schema/), need no network, and pin nothing of their own.
# Both check the whole data directory, since files refer to each other.
repos:
  - repo: local
    hooks:
      - id: lofte-validate
        name: lofte validate
        entry: lofte validate
        language: system
        files: ^data/(?:[^/.][^/]*/)?[^/.][^/]*\\.ya?ml$
        pass_filenames: false
      - id: lofte-check
        name: lofte check
        entry: lofte check
        language: system
        files: ^data/(?:[^/.][^/]*/)?[^/.][^/]*\\.ya?ml$
        pass_filenames: false
"""

GITIGNORE = """\
# lofte's parse cache (lofte validate and lofte check)
.lofte-cache/
"""


def has_site() -> bool:
    """Whether this lofte can build the website (`lofte site`), so CI can publish it."""
    import importlib.util

    return importlib.util.find_spec("lofte.site") is not None


def _github_workflow(spec: str) -> str:
    local = spec.startswith("lofte==")
    note = (
        "      # Installs the lofte version that made this repository.  If it is not on\n"
        "      # your package index, install it from where you got it instead.\n"
        if local
        else "      # The lofte that made this repository, at the commit it was installed from.\n"
    )
    setup = f"""\
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
{note}      - run: pip install "{spec}"
"""
    site = (
        f"""
  # The citizens' website (lofte site), published with GitHub Pages from the default
  # branch: choose "GitHub Actions" as the Pages source (Settings → Pages).
  site:
    needs: lofte
    if: >-
      github.event_name != 'pull_request'
      && github.ref_name == github.event.repository.default_branch
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
{setup}      - run: lofte site -o _site
      - uses: actions/upload-pages-artifact@v3
        with:
          path: _site
      - id: deployment
        uses: actions/deploy-pages@v4
"""
        if has_site()
        else ""
    )
    return f"""\
# Validates and checks the promise files on every push, and every Monday, since
# follow-up falls due with the calendar (lofte check).  Made by lofte init.
name: lofte

on:
  push:
  pull_request:
  schedule:
    - cron: "0 6 * * 1"

jobs:
  lofte:
    runs-on: ubuntu-latest
    steps:
{setup}      - name: lofte validate
        run: lofte validate --format github
      - name: lofte check
        run: lofte check --format github
{site}"""


def _gitlab_ci(spec: str) -> str:
    site = (
        f"""
# The citizens' website (lofte site), published with GitLab Pages from the default branch.
pages:
  image: python:3.12
  needs: [lofte]
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  before_script:
    - pip install "{spec}"
  script:
    - lofte site -o public
  artifacts:
    paths: [public]
"""
        if has_site()
        else ""
    )
    return f"""\
# Validates and checks the promise files; also run it from a pipeline schedule,
# since follow-up falls due with the calendar (lofte check).  Made by lofte init.
lofte:
  image: python:3.12
  before_script:
    - pip install "{spec}"
  script:
    - lofte validate
    - lofte check
{site}"""


def _readme(name: str, ident: str) -> str:
    return f"""\
# Medborgarlöften – {name}

Här finns {name}s medborgarlöften med polisen som YAML-filer, en fil per period,
som kontrolleras och följs upp med lofte.

- `data/{ident}.yaml` – kommunen: enheter som kan ansvara för aktiviteter och listor
  över platser (kommundelar).
- `data/ÅR.yaml` – ett medborgarlöfte: löften, aktiviteter, mål och uppföljning.
- `schema/lofte.schema.json` – gör att VS Code (med tillägget YAML från Red Hat)
  föreslår nycklar och visar fel medan du skriver.

## Varje dag

```sh
lofte new 2026                      # nästa period, kopierad från den senaste
lofte validate                      # stämmer filerna?
lofte record 2026 AKTIVITET --count 1 --note "Vad som gjordes" --date 2026-05-12
lofte status 2026                   # hur ligger varje mål till?
lofte check                         # följs varje mål upp varje tertial?
lofte report 2026 --tertial T2 -o uppfoljning-2026-T2.md
```

Efter en uppdatering av lofte: `lofte schema -o schema/lofte.schema.json`
(`lofte validate` varnar när kopian är gammal).  `lofte --install-completion` ger
tabbkomplettering av perioder, aktiviteter och platser i terminalen.

Innan du checkar in kör pre-commit samma kontroller (`pip install pre-commit &&
pre-commit install`), och CI kör dem vid varje push.
"""
