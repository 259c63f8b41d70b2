"""Text laid out as rich lays it out without colour, in plain Python: for pipes, files and CI.

`lofte status` draws its table with rich on a terminal.  Everywhere else the
output has no colour, and importing rich and laying the table out with it
cost a fifth of a hello-world's start-up and about a millisecond an activity
(18.9 s for a 12,500-activity file).  This module draws the same bytes:
rich's word wrap (`rich._wrap.divide_line`, ported line for line: a word is
a run of non-blanks with the blanks around it; a word longer than the width
is folded into pieces of the width), its ellipsis (cut to one cell less and
``…``), and its table of fixed-width columns.  `tests/test_status_plain.py`
compares the two on generated tables and texts.

It declines (`Unsupported`) what it does not reproduce exactly: a character
that is not one cell wide on a terminal (wide East Asian letters, combining
marks, controls, tabs: anything outside `SINGLE_CELL`), and a table wider
than the console (rich would then shrink its columns).  The caller then lets
rich draw.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# The ranges rich itself treats as one cell without a table lookup
# (rich.cells._SINGLE_CELL_UNICODE_RANGES), and the symbols and punctuation
# `lofte status` writes, each one cell in rich's table too (tested).
_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2500, 0x25FC))
_EXTRA = "–—‘’‚“”„•…‰′″†←↑→↓≠≤≥✓✗✎€"
SINGLE_CELL = frozenset(chr(c) for a, b in _RANGES for c in range(a, b + 1)) | frozenset(_EXTRA)

_WORD = re.compile(r"\s*\S+\s*")


class Unsupported(Exception):
    """Text or a layout that only rich draws exactly."""


def check(*texts: str) -> None:
    """Raise `Unsupported` unless every character of ``texts`` is one known cell (or a newline)."""
    for text in texts:
        if not text.isascii() or "\t" in text:
            if not SINGLE_CELL.issuperset(text.replace("\n", "")):
                raise Unsupported(text)
        elif any(ch < " " and ch != "\n" or ch == "\x7f" for ch in text):
            raise Unsupported(text)


def divide(text: str, width: int, fold: bool = True) -> list[int]:
    """Where rich breaks one line of ``text`` to fit ``width`` (``rich._wrap.divide_line``)."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if fold:
                pieces = [word[i : i + width] for i in range(0, len(word), width)]
                for i, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if i == len(pieces) - 1:
                        offset = len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def wrap(text: str, width: int, *, overflow: str = "fold", no_wrap: bool = False) -> list[str]:
    """``text`` as the lines rich renders it in ``width`` cells (trailing blanks may differ).

    As ``rich.text.Text.wrap``: each line is divided, a divided piece loses
    the trailing blanks that overhang the width, and every piece is then cut
    to the width (with ``…`` under ``overflow="ellipsis"``).
    """
    out: list[str] = []
    for line in text.split("\n"):
        if no_wrap:
            pieces = [line]
        else:
            bounds = [0, *divide(line, width, fold=overflow == "fold"), len(line)]
            pieces = []
            for a, b in zip(bounds, bounds[1:], strict=False):
                piece = line[a:b]
                excess = len(piece) - width
                if excess > 0:
                    blanks = len(piece) - len(piece.rstrip())
                    piece = piece[: len(piece) - min(blanks, excess)]
                pieces.append(piece)
        for piece in pieces:
            if len(piece) > width:
                piece = piece[: width - 1] + "…" if overflow == "ellipsis" else piece[:width]
            out.append(piece)
    return out


def paragraph(text: str, width: int) -> str:
    """``console.print(text)`` on a console ``width`` wide, trailing blanks dropped."""
    check(text)
    return "".join(line.rstrip() + "\n" for line in wrap(text, width))


class Console:
    """The part of rich's ``Console`` that `lofte status` prints on: ``print`` and ``width``.

    ``print(x)`` writes ``str(x)`` wrapped to the width as rich prints it
    (trailing blanks dropped); ``write`` adds text already laid out (a `table`).
    """

    def __init__(self, width: int) -> None:
        self.width = width
        self._parts: list[str] = []

    def print(self, item: object = "") -> None:
        """As ``rich.console.Console.print`` with markup, emoji and highlighting off."""
        self._parts.append(paragraph(str(item), self.width))

    def write(self, text: str) -> None:
        """Text already laid out."""
        self._parts.append(text)

    def getvalue(self) -> str:
        """Everything printed."""
        return "".join(self._parts)


class Column:
    """A fixed-width column: its header, width, and whether its cells wrap or end in ``…``."""

    def __init__(self, header: str, width: int, *, wraps: bool = True, overflow: str = "fold"):
        self.header, self.width, self.wraps, self.overflow = header, width, wraps, overflow

    def lines(self, cell: str) -> list[str]:
        """The cell's lines in this column."""
        return wrap(cell, self.width, overflow=self.overflow, no_wrap=not self.wraps)


def table(title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> str:
    """What rich prints for a ``box.SIMPLE_HEAD`` table without edges, and the blank line after.

    The table rich is asked for (`lofte.render.status._group_table`): fixed
    column widths, one column of right padding (none after the last column),
    a blank divider, ``leading=1`` (a blank line between rows), the title
    left-justified on one line, cut with ``…``.
    """
    total = sum(c.width for c in columns) + 2 * (len(columns) - 1)
    if total > width:
        raise Unsupported("the console is narrower than the table")
    check(title, *(cell for row in rows for cell in row))
    out = [wrap(title, total, overflow="ellipsis", no_wrap=True)[0]]
    out.append(_row(columns, [[c.header] for c in columns]))
    out.append("─" * total)
    for n, row in enumerate(rows):
        if n:
            out.append("")
        cells = [c.lines(cell) for c, cell in zip(columns, row, strict=True)]
        for i in range(max(map(len, cells))):
            out.append(_row(columns, [c[i : i + 1] for c in cells]))
    out.append("")
    return "".join(line.rstrip() + "\n" for line in out)


def _row(columns: Sequence[Column], parts: Sequence[list[str]]) -> str:
    return "  ".join(
        (part[0] if part else "").ljust(column.width)
        for column, part in zip(columns, parts, strict=True)
    )


__all__ = ["Column", "Console", "Unsupported", "check", "divide", "paragraph", "table", "wrap"]
