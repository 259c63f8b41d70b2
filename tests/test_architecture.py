"""The package layout is the pipeline: imports run one way and never in a circle.

Read with `ast`, so nothing of lofte is imported here.  Every import counts,
including those inside functions and under ``TYPE_CHECKING``: a lazy import is
still a dependency, and a type-only circle is still a circle in the design.
docs/architecture.md draws the same tiers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

#: Lower tiers never import higher ones.  Within one tier, only modules of the
#: same package import each other (render and write stay apart; no command
#: imports another command).
TIERS: dict[str, int] = {
    "lofte.errors": 0,
    "lofte.modelbase": 0,
    "lofte.model": 1,
    "lofte.words": 1,
    "lofte.options": 1,
    "lofte.read": 2,
    "lofte.follow": 3,
    "lofte.rules": 4,
    "lofte.write": 5,
    "lofte.render": 5,
    # the commands, one module each
    "lofte.validate": 6,
    "lofte.check": 6,
    "lofte.status": 6,
    "lofte.record": 6,
    "lofte.report": 6,
    "lofte.schemagen": 2,
    "lofte.schema": 6,
    "lofte.init": 6,
    "lofte.new": 6,
    "lofte.complete": 6,
    "lofte.sheet": 6,
    "lofte.importer": 6,
    "lofte.site": 6,
    "lofte.cli": 7,
    "lofte.__main__": 8,
}


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted((SRC / "lofte").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _unit(module: str) -> str:
    """The key of ``TIERS`` a module belongs to: its stage package, or itself."""
    if module == "lofte":
        return "lofte.errors"  # the package's __init__ holds only the version
    parts = module.split(".")
    stage = ".".join(parts[:2])
    return stage


def _imports(module: str) -> set[str]:
    """Every lofte module ``module`` imports, anywhere in its body."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from lofte.read import loader` names a module; `from x import f` a function
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name.startswith("lofte") and name != module:
                found.add(name)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def test_every_module_has_a_tier() -> None:
    assert sorted(m for m in MODULES if _unit(m) not in TIERS) == []


def test_the_stage_packages_exist() -> None:
    # the folder list reads as the pipeline
    packages = sorted(p.name for p in (SRC / "lofte").iterdir() if (p / "__init__.py").exists())
    assert packages == ["follow", "read", "render", "rules", "write"]


def test_imports_run_down_the_pipeline() -> None:
    against: list[str] = []
    for module, targets in GRAPH.items():
        for target in sorted(targets):
            mine, theirs = _unit(module), _unit(target)
            if mine == theirs:
                continue
            if TIERS[theirs] >= TIERS[mine]:
                against.append(f"{module} -> {target}")
    assert against == []


def _cycles() -> list[list[str]]:
    """Every circle found by a depth-first walk (each reported once, from its least name)."""
    found: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()

    def walk(node: str, trail: list[str]) -> None:
        for target in sorted(GRAPH[node]):
            if target in trail:
                circle = trail[trail.index(target) :]
                start = circle.index(min(circle))
                key = tuple(circle[start:] + circle[:start])
                if key not in seen:
                    seen.add(key)
                    found.append(list(key))
            elif len(trail) < 40:
                walk(target, [*trail, target])

    for module in sorted(GRAPH):
        walk(module, [module])
    return found


def test_no_import_circles() -> None:
    assert _cycles() == []


def test_the_circle_finder_finds_a_circle() -> None:
    # the walk itself must be able to fail
    saved = dict(GRAPH)
    try:
        GRAPH["lofte.errors"] = {"lofte.model"}
        GRAPH["lofte.model"] = {"lofte.errors"}
        assert ["lofte.errors", "lofte.model"] in _cycles()
    finally:
        GRAPH.clear()
        GRAPH.update(saved)


def _third_party(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize(
    ("library", "allowed"),
    [("typer", ("lofte.cli",)), ("click", ("lofte.cli",)), ("rich", ("lofte.render",))],
)
def test_heavy_libraries_stay_at_their_stage(library: str, allowed: tuple[str, ...]) -> None:
    users = sorted(m for m in MODULES if library in _third_party(m))
    assert [m for m in users if not m.startswith(allowed)] == []
