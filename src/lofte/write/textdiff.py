"""The unified diff `lofte record --dry-run` prints: what `git diff` would show."""

from __future__ import annotations

import difflib

from lofte.errors import printable


def unified_diff(old: bytes, new: bytes, display: str) -> str:
    """A git-style unified diff of two versions of a file, for --dry-run."""
    from lofte.write.splice import split_lines

    a, b = split_lines(old.decode("utf-8")), split_lines(new.decode("utf-8"))
    out = []
    name = printable(display)  # a file name with a newline would break the header
    for line in difflib.unified_diff(a, b, f"a/{name}", f"b/{name}"):
        ended = line.endswith(("\n", "\r"))  # a file may break lines with CR alone
        out.append(line if ended else line + "\n\\ No newline at end of file\n")
    return "".join(out)
