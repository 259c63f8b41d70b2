"""Follow-up sheets: their layout, and reading a filled one (xlsx or CSV) into checked cells.

One layout serves both formats, so a CSV and an xlsx of the same sheet read
the same.  On the data sheet (``Uppföljning``; ``Follow-up`` in English):

* row 1: a title for people;
* row 2: the sheet's identity, label and value pairs: ``Period`` in A2/B2, the
  term in C2/D2, the responsible unit in E2/F2 (empty: every unit), and the
  format in G2/H2 (``lofte-sheet 1``);
* row 4: the column headers; from row 5, one row per activity, then rows for
  work outside the plan.

Every cell that goes into a record is checked here for its type (a whole
number, a date, text without control characters); what the file says about
it (an unknown activity, a date outside the period) is the importer's
business.  Each problem is one `CellProblem`, placed at its cell as
``file.xlsx:Uppföljning!K7`` (``file.csv:K7`` for a CSV).  Nothing here
evaluates a formula: a cell holding one is refused, named.

openpyxl is imported only when an xlsx is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from lofte.words import LANGS, word

FORMAT = "lofte-sheet 1"
HEADER_ROW = 4
FIRST_ROW = 5
#: Data sheets hold at most this many rows: a sheet is one unit's tertial.
MAX_ROWS = 5000
MAX_BYTES = 20 * 1024 * 1024
#: An xlsx is a zip archive; one that unpacks to more than this is refused unread.
MAX_UNPACKED = 200 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    """One column of the data sheet: its key, whether people fill it, its width in characters."""

    key: str
    fill: bool
    width: int


#: The columns in order.  Read-only columns tell the unit what each row is; the
#: fill columns become the record.  Headers are `words` ``sheet.col.KEY``.
COLUMNS: tuple[Column, ...] = (
    Column("key", False, 14),
    Column("id", False, 22),
    Column("title", False, 28),
    Column("text", False, 60),
    Column("promised_by", False, 14),
    Column("responsible", False, 18),
    Column("target", False, 28),
    Column("standing", False, 30),
    Column("date", True, 12),
    Column("covers", True, 10),
    Column("count", True, 8),
    Column("places", True, 22),
    Column("partners", True, 22),
    Column("note", True, 40),
    Column("link", True, 30),
    Column("deviation", True, 30),
)
FILL = tuple(c.key for c in COLUMNS if c.fill)
#: Fill columns holding several values, separated by ';' or line breaks (else ',').
LISTS = ("places", "partners")


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_name(lang: str) -> str:
    """The data sheet's name: ``Uppföljning`` or ``Follow-up``."""
    return word("sheet.data", lang)


def header(key: str, lang: str) -> str:
    """A column's header in ``lang``."""
    return word(f"sheet.col.{key}", lang)


def row_key(term: str, unit: str | None, row: str) -> str:
    """A row's stable key: ``2020-T2/socialtjansten/planlagda-insatser``.

    The same sheet exported again gives the same keys; the importer writes the
    key into each record (``sheet:``), which is how a second import knows the row.
    """
    return f"{term}/{unit or 'alla'}/{row}"


OTHER_ROW = "ovrigt-{n}"


@dataclass(frozen=True)
class CellProblem:
    """A problem placed at a cell (``where`` is ``Uppföljning!K7``, or ``K7`` in a CSV)."""

    path: str
    where: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def render(self) -> str:
        """``file.xlsx:Uppföljning!K7: message``."""
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.where}: {prefix}{self.message}"


@dataclass
class Row:
    """One data row: its number, its key, and its fill cells checked for type."""

    number: int
    key: str  # as the cell holds it ('' when empty)
    id: str  # the activity id, or '' on a row for other work
    values: dict[str, Any] = field(default_factory=dict)  # fill key → checked value
    text: str = ""  # the text cell (what was done, on a row for other work)
    invalid: set[str] = field(default_factory=set)  # fill keys whose cell failed (reported)


@dataclass
class Sheet:
    """A filled sheet: who it is for, and its non-empty rows."""

    path: Path
    display: str
    kind: Literal["xlsx", "csv"]
    name: str  # the data sheet's name ('' for a CSV)
    lang: str
    period: str
    term: str
    unit: str  # '' for a sheet of every unit
    rows: list[Row] = field(default_factory=list)
    #: Column letter of each column key, as this file has them.
    letters: dict[str, str] = field(default_factory=dict)

    def where(self, key: str, row: int) -> str:
        """The cell of column ``key`` in ``row``: ``Uppföljning!K7`` or ``K7``."""
        return self.at(f"{self.letters.get(key, 'A')}{row}")

    def at(self, ref: str) -> str:
        """``ref`` with the sheet's name, as problems place it."""
        return f"{self.name}!{ref}" if self.name else ref

    def problem(self, ref: str, message: str, severity: str = "error") -> CellProblem:
        """A problem at cell ``ref`` (``K7``) of this sheet."""
        return CellProblem(self.display, self.at(ref), message, severity)  # type: ignore[arg-type]


class _Grid:
    """The cells of one data sheet: values by (row, column), 1-based; formulas kept apart."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], Any] = {}
        self.formulas: dict[tuple[int, int], str] = {}
        self.last_row = 0

    def get(self, row: int, col: int) -> Any:
        return self.cells.get((row, col))


def read_sheet(path: Path, display: str) -> tuple[Sheet | None, list[CellProblem]]:
    """Read a filled sheet; every problem placed at its cell, or at the file as a whole."""

    def whole(message: str) -> tuple[None, list[CellProblem]]:
        return None, [CellProblem(display, "1", message)]

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return whole("no such file")
    except IsADirectoryError:
        return whole("is a directory, not a sheet")
    except OSError as exc:
        return whole(f"cannot read: {exc.strerror or exc}")
    if len(data) > MAX_BYTES:
        return whole(f"larger than {MAX_BYTES:,} bytes; a follow-up sheet is far smaller")
    suffix = path.suffix.lower()
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file
        if "EncryptionInfo".encode("utf-16-le") in data:
            return whole(
                "is password-protected (encrypted); save it without a password and import again"
            )
        return whole("is an old Excel (.xls) file; save it as .xlsx or CSV UTF-8")
    if data.startswith(b"PK\x03\x04"):
        sheet, problems = _read_xlsx(path, display, data)
    elif suffix == ".csv":
        sheet, problems = _read_csv(path, display, data)
    elif suffix in (".xlsx", ".xlsm"):
        return whole("is not an xlsx file (not a zip archive); is it damaged?")
    else:
        return whole(
            "is not a spreadsheet: expected a follow-up sheet (.xlsx or .csv) from `lofte sheet`"
        )
    return sheet, problems


# ----------------------------------------------------------------- xlsx


def _read_xlsx(path: Path, display: str, data: bytes) -> tuple[Sheet | None, list[CellProblem]]:
    import warnings
    import zipfile

    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a dependency
        return None, [CellProblem(display, "1", "reading xlsx needs openpyxl (pip install lofte)")]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return None, [CellProblem(display, "1", f"is not a readable xlsx file ({exc})")]
    if unpacked > MAX_UNPACKED:
        return None, [
            CellProblem(
                display, "1", f"unpacks to more than {MAX_UNPACKED:,} bytes; not a follow-up sheet"
            )
        ]
    try:
        with warnings.catch_warnings():
            # openpyxl warns about things it ignores (extensions, print settings).
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        reason = str(exc) or type(exc).__name__
        return None, [CellProblem(display, "1", f"is not a readable xlsx file ({reason})")]
    except Exception as exc:  # openpyxl raises its own kinds for broken parts
        reason = str(exc) or type(exc).__name__
        return None, [CellProblem(display, "1", f"is not a readable xlsx file ({reason})")]
    try:
        names = {name: lang for lang in LANGS if (name := sheet_name(lang)) in book.sheetnames}
        if not names:
            expected = " or ".join(repr(sheet_name(lang)) for lang in LANGS)
            return None, [
                CellProblem(
                    display,
                    "1",
                    f"has no sheet named {expected}; is it a follow-up sheet from `lofte sheet`?",
                )
            ]
        name, lang = next(iter(names.items()))
        grid = _Grid()
        rows = book[name].iter_rows(max_row=FIRST_ROW + MAX_ROWS)
        for r, cells in enumerate(rows, start=1):
            for c, cell in enumerate(cells, start=1):
                value = getattr(cell, "value", None)
                if value is None:
                    continue
                if getattr(cell, "data_type", None) == "f" or not isinstance(
                    value, str | int | float | dt.date | dt.datetime | dt.time
                ):
                    # A formula (or an array formula): named, never evaluated.
                    grid.formulas[(r, c)] = str(getattr(value, "text", None) or value)
                    continue
                grid.cells[(r, c)] = value
                grid.last_row = max(grid.last_row, r)
        for r, _ in grid.formulas:
            grid.last_row = max(grid.last_row, r)
    finally:
        book.close()
    return _sheet(path, display, "xlsx", name, lang, grid)


# ------------------------------------------------------------------ CSV


def _read_csv(path: Path, display: str, data: bytes) -> tuple[Sheet | None, list[CellProblem]]:
    if b"\x00" in data:
        return None, [CellProblem(display, "1", "is not a text file (it holds NUL bytes)")]
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_not_utf8(display, body, exc)]
    best: tuple[int, list[list[str]]] | None = None
    for delimiter in (";", ","):
        rows = _csv_rows(text, delimiter)
        if rows is None:
            continue
        known = {header(c.key, lang) for c in COLUMNS for lang in LANGS}
        found = rows[HEADER_ROW - 1] if len(rows) >= HEADER_ROW else []
        score = sum(1 for cell in found if cell.strip() in known)
        if best is None or score > best[0]:
            best = (score, rows)
    if best is None:
        return None, [CellProblem(display, "1", "is not a readable CSV file")]
    rows = best[1]
    labels = {header(c.key, lang): lang for c in COLUMNS for lang in LANGS}
    found = rows[HEADER_ROW - 1] if len(rows) >= HEADER_ROW else []
    langs = [labels[cell.strip()] for cell in found if cell.strip() in labels]
    lang = max(LANGS, key=langs.count) if langs else "sv"
    grid = _Grid()
    for r, cells in enumerate(rows[: FIRST_ROW + MAX_ROWS], start=1):
        for c, value in enumerate(cells, start=1):
            if value.strip():
                grid.cells[(r, c)] = value
                grid.last_row = max(grid.last_row, r)
    return _sheet(path, display, "csv", "", lang, grid)


def _csv_rows(text: str, delimiter: str) -> list[list[str]] | None:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        return None


def _not_utf8(display: str, body: bytes, exc: UnicodeDecodeError) -> CellProblem:
    """Where the first byte that is not UTF-8 is: its cell when the CSV parses as Latin-1."""
    how = "save it as CSV UTF-8 (Excel: 'CSV UTF-8'; LibreOffice: character set Unicode (UTF-8))"
    byte = body[exc.start]
    message = f"is not UTF-8 text (byte 0x{byte:02X}, Latin-1 {chr(byte)!r}?); {how}"
    text = body.decode("latin-1")
    delimiter = ";" if text.count(";") >= text.count(",") else ","
    try:
        for r, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)):
            for c, value in enumerate(cells, start=1):
                try:
                    value.encode("latin-1").decode("utf-8")
                except UnicodeDecodeError:
                    return CellProblem(display, f"{column_letter(c)}{r + 1}", message)
    except csv.Error:
        pass
    line = body.count(b"\n", 0, exc.start) + 1
    col = exc.start - (body.rfind(b"\n", 0, exc.start) + 1) + 1
    return CellProblem(display, f"{line}:{col}", message)


# ---------------------------------------------------------- the layout


def _sheet(
    path: Path, display: str, kind: Literal["xlsx", "csv"], name: str, lang: str, grid: _Grid
) -> tuple[Sheet | None, list[CellProblem]]:
    sheet = Sheet(path, display, kind, name, lang, "", "", "")
    problems: list[CellProblem] = []
    fmt = _plain(grid.get(2, 8))
    if fmt != FORMAT:
        got = f"{fmt!r}" if fmt else "nothing"
        return None, [
            sheet.problem(
                "H2",
                f"expected the format {FORMAT!r}, got {got}: this is not a follow-up sheet from "
                "`lofte sheet`, or its first rows were changed",
            )
        ]
    for ref, (r, c), label in (("B2", (2, 2), "period"), ("D2", (2, 4), "term")):
        value = _plain(grid.get(r, c))
        if not value:
            problems.append(sheet.problem(ref, f"the sheet's {label} is missing"))
        setattr(sheet, label, value)
    sheet.unit = _plain(grid.get(2, 6))
    problems += _headers(sheet, grid)
    if problems:
        return None, problems
    if grid.last_row >= FIRST_ROW + MAX_ROWS:
        return None, [
            sheet.problem(
                f"A{FIRST_ROW + MAX_ROWS}", f"has more than {MAX_ROWS} rows; a sheet is far smaller"
            )
        ]
    cols = {key: _index(letter) for key, letter in sheet.letters.items()}
    for r in range(FIRST_ROW, grid.last_row + 1):
        formulas = [(c, grid.formulas[(r, c)]) for c in cols.values() if (r, c) in grid.formulas]
        for c, formula in formulas:
            problems.append(
                sheet.problem(
                    f"{column_letter(c)}{r}",
                    f"holds a formula ({formula[:40]}); type the value itself "
                    "(lofte never evaluates formulas)",
                )
            )
        key = _plain(grid.get(r, cols["key"]))
        ident = _plain(grid.get(r, cols["id"]))
        row = Row(r, key, ident)
        for column in FILL:
            raw = grid.get(r, cols[column])
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            if kind == "csv" and isinstance(raw, str) and raw.lstrip().startswith("="):
                problems.append(
                    sheet.problem(
                        f"{column_letter(cols[column])}{r}",
                        f"holds a formula ({raw.strip()[:40]}); type the value itself "
                        "(lofte never evaluates formulas)",
                    )
                )
                continue
            try:
                row.values[column] = _value(column, raw)
            except ValueError as exc:
                row.invalid.add(column)
                problems.append(sheet.problem(f"{column_letter(cols[column])}{r}", str(exc)))
        if not ident:
            # A row for other work: its text says what was done.
            raw_text = grid.get(r, cols["text"])
            if raw_text is not None and str(raw_text).strip():
                try:
                    row.text = _text(raw_text)
                except ValueError as exc:
                    row.invalid.add("text")
                    problems.append(sheet.problem(f"{column_letter(cols['text'])}{r}", str(exc)))
        if row.values or row.text or (formulas and (key or ident)):
            sheet.rows.append(row)
    return sheet, problems


def _headers(sheet: Sheet, grid: _Grid) -> list[CellProblem]:
    """Find each column by its header; a renamed or removed column is named."""
    names = {header(c.key, sheet.lang): c.key for c in COLUMNS}
    seen: dict[str, str] = {}
    problems: list[CellProblem] = []
    last = max((c for (r, c) in grid.cells if r == HEADER_ROW), default=0)
    for c in range(1, last + 1):
        text = _plain(grid.get(HEADER_ROW, c))
        if not text:
            continue
        ref = f"{column_letter(c)}{HEADER_ROW}"
        if text in names:
            if names[text] in seen:
                problems.append(sheet.problem(ref, f"the column {text!r} appears twice"))
            seen[names[text]] = column_letter(c)
            continue
        import difflib

        close = difflib.get_close_matches(text, list(names), n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}? (keep the headers as exported)" if close else ""
        problems.append(sheet.problem(ref, f"unknown column {text!r}{hint}"))
    for column in COLUMNS:
        if column.key not in seen:
            problems.append(
                sheet.problem(
                    f"A{HEADER_ROW}",
                    f"the column {header(column.key, sheet.lang)!r} is missing "
                    "(renamed or removed); keep the columns as exported",
                )
            )
    sheet.letters = seen
    return problems


def _index(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


# ----------------------------------------------------------- cell types

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_INTEGER = re.compile(r"[-+]?[0-9]+\Z")


def describe(value: Any) -> str:
    """A cell's value as a message shows it."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        shown = int(value) if isinstance(value, float) and value.is_integer() else value
        return f"the number {shown}"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return f"the date {value.isoformat()}"
    text = str(value).strip()
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _value(column: str, raw: Any) -> Any:
    if column == "date":
        return _date(raw)
    if column == "count":
        return _count(raw)
    if column in LISTS:
        # Several values: separated by ';' or line breaks, or else by ','.
        text = raw if isinstance(raw, str) else _text(raw)
        parts = re.split(r"[;\n]", text) if re.search(r"[;\n]", text) else text.split(",")
        return [_text(p) for p in parts if p.strip()]
    if column == "covers":
        return _text(raw)
    return _text(raw)


def _text(raw: Any) -> str:
    if isinstance(raw, bool) or isinstance(raw, dt.time):
        raise ValueError(f"expected text, got {describe(raw)}")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, dt.datetime):
        raw = raw.date() if raw.time() == dt.time() else raw
    text = raw.isoformat() if isinstance(raw, dt.date | dt.datetime) else str(raw)
    for ch in text:
        if ch in "\t\n":
            continue
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\u2028\u2029":
            raise ValueError(f"holds the control character U+{ord(ch):04X}; remove it")
    # A line break in a cell (Alt+Enter) becomes a space: records are one line.
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text


def _date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        if raw.time() != dt.time():
            raise ValueError(f"expected a date as YYYY-MM-DD, got {describe(raw)} with a time")
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {describe(raw)}")
    text = raw.strip()
    if not _DATE.match(text):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {describe(text)}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"impossible date {text!r}") from None


def _count(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"expected a whole number, got {describe(raw)}")
    if isinstance(raw, float):
        if not raw.is_integer():
            raise ValueError(f"expected a whole number, got {describe(raw)}")
        raw = int(raw)
    if isinstance(raw, str):
        text = raw.strip()
        if not _INTEGER.match(text):
            raise ValueError(f"expected a whole number, got {describe(text)}")
        raw = int(text)
    if not isinstance(raw, int):
        raise ValueError(f"expected a whole number, got {describe(raw)}")
    if raw <= 0:
        raise ValueError(f"expected a whole number above zero, got {raw}")
    return raw
