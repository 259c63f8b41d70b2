"""Shell completion's answers: period names, activity ids and places from the data directory.

Completion runs on every TAB, so these read as little as they can and never
fail: a file that does not parse offers nothing, it does not complain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lofte.errors import UsageError
from lofte.read.loader import municipality_folders, period_path, promise_files

__all__ = ["activity_ids", "periods", "places"]


def _read(path: Path) -> dict[str, Any]:
    from lofte.read.yamlio import YamlProblem, read

    try:
        data, _ = read(path.read_bytes())
    except (OSError, YamlProblem):
        return {}
    return data if isinstance(data, dict) else {}


def periods(data_dir: Path, incomplete: str) -> list[str]:
    """The period files of the data directory (not the municipality file) starting so.

    In the tree layout (a folder per municipality) a period is written
    ``MUNICIPALITY/PERIOD``, and so it is offered; only the files whose name
    matches what is typed are read, to leave out the municipality files.
    """
    if not data_dir.is_dir():
        return []
    own = promise_files(data_dir)
    if own:
        candidates = [(path.stem, path) for path in own]
    else:
        candidates = [
            (f"{folder.name}/{path.stem}", path)
            for folder in municipality_folders(data_dir)
            for path in promise_files(folder)
        ]
    names = []
    for name, path in candidates:
        if path.suffix != ".yaml" or not name.startswith(incomplete):
            continue  # a .yml file is no period: validate says to rename it
        if _read(path).get("kind") != "municipality":
            names.append(name)
    return names


def _period_file(period: str, data_dir: Path) -> Path | None:
    # A bare period in several municipality folders is a usage error for a
    # command; for completion it is simply nothing to offer.
    try:
        return period_path(period, data_dir)
    except UsageError:
        return None


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
    path = _period_file(period, data_dir)
    data = _read(path) if path is not None else {}
    ids = (str(a.get("id", "")) for a in _activities(data))
    return [i for i in ids if i and i.startswith(incomplete)]


def places(period: str | None, data_dir: Path, incomplete: str) -> list[str]:
    """Places a record could name: the municipality file's place lists and the period's own."""
    found: list[str] = []
    path = _period_file(period, data_dir) if period else None
    data = _read(path) if path is not None else {}
    town = data.get("municipality")
    if isinstance(town, str) and path is not None:
        # The municipality file lies beside the period: in data/, or in its folder.
        for place_list in (_read(path.parent / f"{town}.yaml").get("places") or {}).values():
            if isinstance(place_list, dict):
                found += [str(i) for i in place_list.get("items") or []]
    for activity in _activities(data):
        found += [str(p) for p in activity.get("places") or []]
        target = activity.get("target")
        if isinstance(target, dict):
            found += [str(i) for i in target.get("items") or []]
    return [p for p in dict.fromkeys(found) if p.startswith(incomplete)]
