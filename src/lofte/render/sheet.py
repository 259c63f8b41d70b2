"""A follow-up sheet as xlsx (openpyxl) or CSV (the standard library), from one `SheetView`.

The layout is `lofte.read.sheet`'s, so what is written here is what
`lofte import` reads back.  The xlsx has the data sheet first (frozen
headers, read-only columns locked, drop-down lists, widths that fit the
text), a sheet of instructions in the chosen language, and a hidden sheet
holding the lists the drop-downs offer.  The sheet is protected without a
password: it guards against slips, not against a person who means to
change it, and `lofte import` checks every cell anyway.

Text from the promise file is written as text, never as a formula: openpyxl
would take a string that starts with ``=`` for one, and a CSV opened in a
spreadsheet would evaluate it; a CSV cell starting with ``= + - @`` gets a
leading apostrophe (the usual guard against CSV injection).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from lofte.read.sheet import (
    COLUMNS,
    FIRST_ROW,
    FORMAT,
    HEADER_ROW,
    column_letter,
    header,
    sheet_name,
)
from lofte.words import word

#: Rows left for work outside the plan, below the activities.
OTHER_ROWS = 10


@dataclass(frozen=True)
class SheetView:
    """What a sheet shows: its identity, one row per activity, and the drop-down lists."""

    lang: str
    period: str
    term: str  # "2020-T2"
    term_label: str  # "Tertial 2 2020 (maj–augusti)"
    term_kind: str  # "tertial" or "quarter"
    unit: str  # an actor id, or '' for every unit
    unit_name: str
    first_day: str
    last_day: str
    #: One dict per activity: column key → value (the read-only columns, and the fill
    #: columns of an entry imported from this row before: text, a whole number or a date).
    rows: list[dict[str, Any]] = field(default_factory=list)
    #: The rows for work outside the plan: their keys, and what was imported from them.
    others: list[dict[str, Any]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    covers: list[str] = field(default_factory=list)


def grid(view: SheetView) -> list[list[Any]]:
    """The data sheet as rows of cells: the same cells in xlsx and CSV ('' is empty)."""
    lang = view.lang
    title = word("sheet.title", lang).format(term=view.term_label, unit=view.unit_name)
    meta = [
        word("sheet.period", lang),
        view.period,
        word(f"term.{view.term_kind}", lang),
        view.term,
        word("sheet.unit", lang),
        view.unit,
        word("sheet.format", lang),
        FORMAT,
    ]
    rows: list[list[Any]] = [[title], meta, [], [header(c.key, lang) for c in COLUMNS]]
    for row in view.rows:
        rows.append([row.get(c.key, "") for c in COLUMNS])
    for n, other in enumerate(view.others):
        label = {"title": word("sheet.other", lang)} if n == 0 else {}
        rows.append([{**label, **other}.get(c.key, "") for c in COLUMNS])
    assert len(rows) >= HEADER_ROW
    return rows


def csv_bytes(view: SheetView) -> bytes:
    """The sheet as CSV: UTF-8 with a BOM (so Excel opens it as UTF-8), ';' between cells."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in grid(view):
        writer.writerow([_guard(_text(cell)) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _text(cell: Any) -> str:
    return cell.isoformat() if isinstance(cell, dt.date) else str(cell)


def _guard(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def xlsx_bytes(view: SheetView) -> bytes:
    """The sheet as an xlsx workbook."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = view.lang
    book = openpyxl.Workbook()
    data = book.active
    assert data is not None
    data.title = sheet_name(lang)
    rows = grid(view)
    last = len(rows)
    grey = PatternFill("solid", start_color="FFE7E6E6")
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    unlocked = Protection(locked=False)
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value == "":
                continue
            cell = data.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text, even when it starts with '='
    data["A1"].font = Font(bold=True, size=14)
    for c in range(1, 9, 2):
        data.cell(row=2, column=c).font = bold
    for c, column in enumerate(COLUMNS, start=1):
        head = data.cell(row=HEADER_ROW, column=c)
        head.font = bold
        head.alignment = wrap
        if not column.fill:
            head.fill = grey
        for r in range(FIRST_ROW, last + 1):
            cell = data.cell(row=r, column=c)
            long = column.key in ("text", "title", "standing", "target", "note", "deviation")
            cell.alignment = wrap if long else top
            editable = column.fill or (column.key == "text" and r > FIRST_ROW - 1 + len(view.rows))
            if editable:
                cell.protection = unlocked
            else:
                cell.fill = grey
            if column.key == "date":
                cell.number_format = "yyyy-mm-dd"
    _widths(data, rows)
    data.freeze_panes = f"C{FIRST_ROW}"
    _lists(book, view, data, last, DataValidation)
    data.protection.sheet = True
    # Let people widen columns and rows and filter; the locked cells stay locked.
    data.protection.formatColumns = False
    data.protection.formatRows = False
    data.protection.autoFilter = False
    _instructions(book, view)
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _widths(data: Any, rows: list[list[Any]]) -> None:
    for c, column in enumerate(COLUMNS, start=1):
        longest = max(
            (len(_text(row[c - 1])) for row in rows[HEADER_ROW - 1 :] if len(row) >= c),
            default=0,
        )
        # Fit the text, up to the column's cap; long texts wrap within it.
        width = max(len(header(column.key, "sv")), len(header(column.key, "en")), 6)
        width = min(max(width, longest), column.width) + 2
        data.column_dimensions[column_letter(c)].width = width


def _lists(book: Any, view: SheetView, data: Any, last: int, validation: Any) -> None:
    lang = view.lang
    sheet = book.create_sheet(word("sheet.lists", lang))
    lists = [
        ("places", view.places, "warning"),
        ("partners", view.partners, "warning"),
        ("covers", view.covers, "stop"),
    ]
    letters = {c.key: column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
    for c, (key, values, style) in enumerate(lists, start=1):
        sheet.cell(row=1, column=c, value=word(f"sheet.list.{key}", lang)).data_type = "s"
        for r, value in enumerate(values, start=2):
            cell = sheet.cell(row=r, column=c, value=value)
            cell.data_type = "s"
        if not values or last < FIRST_ROW:
            continue
        ref = f"'{sheet.title}'!${column_letter(c)}$2:${column_letter(c)}${len(values) + 1}"
        rule = validation(type="list", formula1=ref, allow_blank=True, errorStyle=style)
        rule.showErrorMessage = True
        rule.error = "Välj ett värde i listan." if lang == "sv" else "Pick a value from the list."
        data.add_data_validation(rule)
        rule.add(f"{letters[key]}{FIRST_ROW}:{letters[key]}{last}")
    if last >= FIRST_ROW:
        count = validation(type="whole", operator="greaterThan", formula1="0", allow_blank=True)
        count.showErrorMessage = True
        count.error = "Ett heltal större än noll." if lang == "sv" else "A whole number above zero."
        data.add_data_validation(count)
        count.add(f"{letters['count']}{FIRST_ROW}:{letters['count']}{last}")
        first, final = view.first_day, view.last_day
        day = validation(
            type="date",
            operator="between",
            formula1=f"DATE({first[:4]},{int(first[5:7])},{int(first[8:])})",
            formula2=f"DATE({final[:4]},{int(final[5:7])},{int(final[8:])})",
            allow_blank=True,
        )
        day.showErrorMessage = True
        day.error = (
            f"Ett datum i perioden, {first} – {final}."
            if lang == "sv"
            else f"A date inside the period, {first} – {final}."
        )
        data.add_data_validation(day)
        day.add(f"{letters['date']}{FIRST_ROW}:{letters['date']}{last}")
    sheet.protection.sheet = True
    sheet.sheet_state = "hidden"


def _instructions(book: Any, view: SheetView) -> None:
    from openpyxl.styles import Alignment, Font

    lang = view.lang
    sheet = book.create_sheet(word("sheet.instructions", lang), 1)
    readonly = ", ".join(header(c.key, lang) for c in COLUMNS if not c.fill)
    text = word("sheet.help", lang).format(
        data=sheet_name(lang),
        unit=view.unit_name,
        period=view.period.rpartition("/")[2],  # "2025", also for "vingaker/2025"
        term=view.term_label,
        readonly=readonly,
    )
    for r, line in enumerate(text.split("\n"), start=1):
        cell = sheet.cell(row=r, column=1, value=line)
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if r == 1:
            cell.font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 100
    sheet.protection.sheet = True
