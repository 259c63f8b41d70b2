"""Shell completion's answers: period names, activity ids and places from the data directory.

Completion runs on every TAB, so these read as little as they can and never
fail: a file that does not parse offers nothing, it does not complain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lofte.read.loader import period_path, promise_files

__all__ = ["activity_ids", "periods", "places"]


def _read(path: Path) -> dict[str, Any]:
    from lofte.read.yamlio import YamlProblem, read

    try:
        data, _ = read(path.read_bytes())
    except (OSError, YamlProblem):
        return {}
    return data if isinstance(data, dict) else {}


def periods(data_dir: Path, incomplete: str) -> list[str]:
    """The period files of the data directory (not the municipality file) starting so."""
    names = []
    for path in promise_files(data_dir) if data_dir.is_dir() else []:
        if path.suffix != ".yaml" or not path.stem.startswith(incomplete):
            continue  # a .yml file is no period: validate says to rename it
        if _read(path).get("kind") != "municipality":
            names.append(path.stem)
    return names


def _activities(data: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for key in ("promises", "focus_areas"):
        for group in data.get(key) or []:
            if isinstance(group, dict):
                found += [a for a in group.get("activities") or [] if isinstance(a, dict)]
    for key in ("activities", "action_plan"):
        found += [a for a in data.get(key) or [] if isinstance(a, dict)]
    return found


def activity_ids(period: str, data_dir: Path, incomplete: str) -> list[str]:
    """The ids of the period's activities starting with ``incomplete``."""
    data = _read(period_path(period, data_dir))
    ids = (str(a.get("id", "")) for a in _activities(data))
    return [i for i in ids if i and i.startswith(incomplete)]


def places(period: str | None, data_dir: Path, incomplete: str) -> list[str]:
    """Places a record could name: the municipality file's place lists and the period's own."""
    found: list[str] = []
    data = _read(period_path(period, data_dir)) if period else {}
    town = data.get("municipality")
    if isinstance(town, str):
        for place_list in (_read(data_dir / f"{town}.yaml").get("places") or {}).values():
            if isinstance(place_list, dict):
                found += [str(i) for i in place_list.get("items") or []]
    for activity in _activities(data):
        found += [str(p) for p in activity.get("places") or []]
        target = activity.get("target")
        if isinstance(target, dict):
            found += [str(i) for i in target.get("items") or []]
    return [p for p in dict.fromkeys(found) if p.startswith(incomplete)]
