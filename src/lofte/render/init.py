"""`lofte init`'s output: the files written, or the refusal with every file it would write."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol


class InitResult(Protocol):
    """What `lofte.init.init` returns (render/ does not import commands)."""

    root: Path
    planned: list[str]
    written: list[str]
    unchanged: list[str]
    conflicts: list[str]


def init_outcome(outcome: InitResult) -> tuple[str, int]:
    """The text to show and the exit code: 0 when done (or nothing to do), 1 when refused.

    Files are named as from the working directory: ``town/data/x.yaml`` for
    ``lofte init town``, ``data/x.yaml`` for ``lofte init``.
    """

    def shown(name: str) -> str:
        return name if outcome.root == Path(".") else (outcome.root / name).as_posix()

    if outcome.conflicts:
        lines = [
            "lofte init: these files exist with other content; nothing was written "
            "(--force FILE overwrites one):"
        ]
        lines += [f"  {shown(name)}" for name in outcome.conflicts]
        lines.append("files lofte init would write:")
        for name in outcome.planned:
            state = (
                "exists"
                if name in outcome.conflicts
                else "unchanged"
                if name in outcome.unchanged
                else "new"
            )
            lines.append(f"  {shown(name)}  ({state})")
        return "\n".join(lines) + "\n", 1
    lines = [f"wrote {shown(name)}" for name in outcome.written]
    if not outcome.written:
        lines.append("nothing to do: every file is as lofte init writes it")
    elif outcome.unchanged:
        lines.append(f"{len(outcome.unchanged)} files were already as lofte init writes them")
    return "\n".join(lines) + "\n", 0
