"""Read a spreadsheet (.xlsx) or a CSV text file into a header and rows, whatever Excel or a person made of it.

* The kind comes from the file's first bytes, not from its name: an .xlsx renamed .csv is still read; an old
  .xls, a password-protected workbook (both OLE compound files), a PDF or other binary data are refused with a
  message that says what to do.
* CSV: the encoding is UTF-8, UTF-8 with BOM, UTF-16 with BOM (Excel's "Unicode text") or Windows-1252; the
  delimiter is ``;``, ``,`` or tab, chosen by counting each outside quotes over the first records (csv.Sniffer
  guesses wrong on short or irregular files).
* XLSX: openpyxl in read-only mode with cached formula values (``data_only``): a formula gives the value Excel
  last computed (nothing when it was never computed), a merged area its value in the first cell, a date cell a
  ``datetime``. The sheet with the best header wins (the active one on a tie).
* The header is the row, among the first ones, whose cells look most like known headers (the caller scores a
  row), so a title line or blank lines above it do no harm.

Files larger than MAX_FILE_BYTES are refused before they are read. Every failure is a KommanDeskError with a
translated message; nothing here writes anything.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kommandesk import logs
from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _

MAX_FILE_BYTES = 20 * 1024 * 1024  # 20 MB: about 100,000 volunteers as CSV; a list of people is far smaller
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # an .xlsx is a zip: its parts unpacked (a "zip bomb" stops here)
MAX_COLUMNS = 250
MAX_ROWS = 50_000  # data rows in one import
HEADER_SEARCH_ROWS = 30  # the header is looked for among the first non-empty rows
EMPTY_ROWS_AT_END = 10_000  # an .xlsx formatted down to row 1,048,576: stop after this many empty rows in a row
SNIFF_CHARS = 64 * 1024
DELIMITERS = (";", ",", "\t")

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 files, and encrypted (password) OOXML files
ZIP_MAGIC = b"PK\x03\x04"

Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta | None
HeaderScore = Callable[[list[str]], int]


@dataclass
class Table:
    """What a file holds: the header row and the non-empty rows below it (each with its row number)."""

    kind: str  # "csv" | "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int = 1  # 1-based, as Excel and a text editor count
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)  # (row number, cells as wide as headers)


@dataclass(frozen=True)
class ReadOptions:
    """Fix what the first read detected (the second read of a preview must see the same table)."""

    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int | None = None


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA' (as Excel names columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def display(value: Cell) -> str:
    """A cell as text, as a person would read it: 50667.0 -> '50667', a date cell -> the date in the UI language."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        from kommandesk.i18n.formatting import format_date, format_datetime

        return format_date(value.date()) if value.time() == dt.time() else format_datetime(value)
    if isinstance(value, dt.date):
        from kommandesk.i18n.formatting import format_date

        return format_date(value)
    return str(value)


def _unescaped(value: Cell) -> Cell:
    """Control characters in .xlsx text are stored as _x000D_ and the like; openpyxl leaves inline strings
    (as XlsxWriter and openpyxl write them) escaped."""
    if isinstance(value, str) and "_x" in value:
        from openpyxl.utils.escape import unescape

        return unescape(value)
    return value


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trimmed(cells: Iterable[Cell]) -> list[Cell]:
    row = list(cells)
    while row and is_blank(row[-1]):
        row.pop()
    return row


# -- what kind of file ----------------------------------------------------------------------------------------

def _refuse_ole(path: Path, data: bytes) -> KommanDeskError:
    """An OLE compound file: an encrypted (password-protected) workbook, or an old .xls."""
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return KommanDeskError(_(
            "{name} is protected by a password. Open it in Excel, save it without a password first "
            "(File > Info > Protect Workbook), then import that copy.").format(name=path.name))
    return KommanDeskError(_(
        "{name} is an old Excel file (.xls) or another old Office file. Open it in Excel or LibreOffice and save "
        "it as an Excel workbook (.xlsx) or as CSV, then import that file.").format(name=path.name))


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise KommanDeskError(_("{name} is a folder, not a file.").format(name=path.name))
    except FileNotFoundError:
        raise KommanDeskError(_("The file {path} does not exist.").format(path=path)) from None
    except OSError as exc:
        raise KommanDeskError(_("The file {path} cannot be read: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    if size > MAX_FILE_BYTES:
        raise KommanDeskError(_(
            "{name} is too large to import ({size} MB; at most {limit} MB). A list of volunteers is much "
            "smaller: check that it is the right file, or split it into several files.").format(
                name=path.name, size=round(size / 1024 / 1024, 1), limit=MAX_FILE_BYTES // 1024 // 1024))
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise KommanDeskError(_("The file {path} cannot be read: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    if len(data) > MAX_FILE_BYTES:  # it grew while we looked
        raise KommanDeskError(_("{name} is too large to import (at most {limit} MB).").format(
            name=path.name, limit=MAX_FILE_BYTES // 1024 // 1024))
    return data


def read_table(path: Path, score: HeaderScore, options: ReadOptions = ReadOptions()) -> Table:
    """The header and rows of a .xlsx or CSV file; KommanDeskError (translated) when it cannot be read."""
    path = Path(path)
    data = _read_bytes(path)
    if not data.strip():
        raise KommanDeskError(_("{name} is empty.").format(name=path.name))
    if data.startswith(OLE_MAGIC):
        raise _refuse_ole(path, data)
    if data.startswith(ZIP_MAGIC):
        table = _read_xlsx(path, data, score, options)
    elif path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise _not_a_workbook(path)
    elif data.startswith(b"%PDF"):
        raise KommanDeskError(_("{name} is a PDF document, not a table. Import the Excel or CSV file the list "
                                "was made from.").format(name=path.name))
    else:
        table = _read_csv(path, data, score, options)
    return table


def _not_a_workbook(path: Path) -> KommanDeskError:
    return KommanDeskError(_(
        "{name} is damaged or not an Excel workbook. Open it in Excel and save it again as an Excel workbook "
        "(.xlsx), or export the list as CSV.").format(name=path.name))


# -- the table from rows --------------------------------------------------------------------------------------

def _table(kind: str, rows: Iterator[list[Cell]], score: HeaderScore, options: ReadOptions, name: str,
           **details) -> Table:
    """Find the header (or take the given row), then collect the non-empty rows below it."""
    head: list[tuple[int, list[Cell]]] = []  # the rows searched for the header
    number = 0
    for cells in rows:
        number += 1
        cells = _trimmed(cells)
        if options.header_row is not None:
            if number == options.header_row:
                head.append((number, cells))
                break
            continue
        if cells:
            head.append((number, cells))
            if len(head) >= HEADER_SEARCH_ROWS:
                break
    if not head:
        if options.header_row is not None and number:
            raise KommanDeskError(_("{name} has no row {row} any more: was the file changed? Open it again.").format(
                name=name, row=options.header_row))
        raise KommanDeskError(_("{name} has no rows: it is empty.").format(name=name))
    if options.header_row is not None:
        header_number, header_cells = head[0]
        pending: list[tuple[int, list[Cell]]] = []
    else:
        best = max(range(len(head)), key=lambda i: (score([display(c).strip() for c in head[i][1]]), -i))
        header_number, header_cells = head[best]
        pending = head[best + 1:]
    table = Table(kind=kind, header_row=header_number, **details)
    data: list[tuple[int, list[Cell]]] = [(n, cells) for n, cells in pending if cells]
    empty_run = 0
    for cells in rows:
        if len(data) > MAX_ROWS:
            break
        number += 1
        cells = _trimmed(cells)
        if not cells:
            empty_run += 1
            if empty_run >= EMPTY_ROWS_AT_END:
                break
            continue
        empty_run = 0
        data.append((number, cells))
    if len(data) > MAX_ROWS:
        from kommandesk.i18n.formatting import format_number

        raise KommanDeskError(_(
            "{name} has more than {limit} rows. Import at most {limit} volunteers at once: split the file "
            "into several files.").format(name=name, limit=format_number(MAX_ROWS)))
    width = max([len(header_cells), *(len(cells) for _n, cells in data)])
    if width > MAX_COLUMNS:
        raise KommanDeskError(_(
            "{name} has {count} columns; KommanDesk reads at most {limit}. Is it a list of volunteers? Delete the "
            "columns that are not needed and import it again.").format(name=name, count=width, limit=MAX_COLUMNS))
    headers = [display(cell).strip() for cell in header_cells] + [""] * (width - len(header_cells))
    table.headers = [" ".join(text.split()) or _("Column {letter}").format(letter=column_letter(i))
                     for i, text in enumerate(headers)]
    table.rows = [(n, cells + [None] * (width - len(cells))) for n, cells in data]
    return table


# -- CSV ------------------------------------------------------------------------------------------------------

def detect_encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _looks_binary(text: str) -> bool:
    sample = text[:SNIFF_CHARS]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n\f")
    return controls > max(2, len(sample) // 100)


def detect_delimiter(text: str) -> str:
    """``;``, ``,`` or tab: the one found the same number of times (outside quotes) in most of the first
    records; more of them wins a tie. ``;`` when none is found (German Excel's default)."""
    records: list[Counter] = [Counter()]
    quoted = False
    for ch in text[:SNIFF_CHARS]:
        if ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch == "\n":
            records.append(Counter())
        elif ch in DELIMITERS:
            records[-1][ch] += 1
    if len(records) > 1 and len(text) > SNIFF_CHARS:
        records.pop()  # cut off in the middle
    best, best_score = ";", (0, 0)
    for delimiter in DELIMITERS:
        counts = [record[delimiter] for record in records if record[delimiter]]
        if not counts:
            continue
        mode, frequency = Counter(counts).most_common(1)[0]
        if (frequency, mode) > best_score:
            best, best_score = delimiter, (frequency, mode)
    return best


def _binary(path: Path) -> KommanDeskError:
    return KommanDeskError(_(
        "{name} is not a CSV file: it holds binary data, not text. Choose the Excel workbook (.xlsx) or the CSV "
        "file with the list.").format(name=path.name))


def _read_csv(path: Path, data: bytes, score: HeaderScore, options: ReadOptions) -> Table:
    encoding = options.encoding or detect_encoding(data)
    if encoding != "utf-16" and b"\x00" in data[:SNIFF_CHARS]:
        raise _binary(path)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise KommanDeskError(_(
            "{name} is not a text file KommanDesk can read (the characters are in an unknown encoding or it is "
            "not text at all). Save the list from Excel as \"CSV UTF-8\" or as an Excel workbook (.xlsx).").format(
                name=path.name)) from None
    if encoding == "utf-16":
        text = text.lstrip("\ufeff")
    if _looks_binary(text):
        raise _binary(path)
    if not text.strip():
        raise KommanDeskError(_("{name} is empty.").format(name=path.name))
    delimiter = options.delimiter or detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True,
                        skipinitialspace=False, strict=False)

    def rows() -> Iterator[list[Cell]]:
        try:
            for record in reader:
                yield [cell.strip() for cell in record]
        except csv.Error as exc:
            raise KommanDeskError(_("{name} cannot be read as CSV near row {row}: {reason}").format(
                name=path.name, row=reader.line_num, reason=exc)) from None

    return _table("csv", rows(), score, options, path.name, encoding=encoding, delimiter=delimiter)


# -- XLSX -----------------------------------------------------------------------------------------------------

def _read_xlsx(path: Path, data: bytes, score: HeaderScore, options: ReadOptions) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _not_a_workbook(path) from None
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:  # OpenDocument (LibreOffice Calc)
            raise KommanDeskError(_(
                "{name} is a LibreOffice spreadsheet (.ods). Save it as an Excel workbook (.xlsx) or as CSV, then "
                "import that file.").format(name=path.name))
        raise _not_a_workbook(path)
    if unpacked > MAX_UNPACKED_BYTES:
        raise KommanDeskError(_(
            "{name} is too large to import once unpacked (more than {limit} MB). Check that it is the right file, "
            "or split it into several files.").format(name=path.name, limit=MAX_UNPACKED_BYTES // 1024 // 1024))
    import openpyxl  # about 150 ms: only when a workbook is read

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except KommanDeskError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises a dozen kinds of error on damaged files
        logs.get("interchange").info("cannot open workbook %s", path, exc_info=True)
        raise _not_a_workbook(path) from None
    try:
        sheets = [sheet for sheet in workbook.worksheets]
        if not sheets:
            raise KommanDeskError(_("{name} has no worksheet with a table.").format(name=path.name))
        if options.sheet is not None:
            chosen = next((s for s in sheets if s.title == options.sheet), None)
            if chosen is None:
                raise KommanDeskError(_("{name} has no sheet \u201c{sheet}\u201d any more: was the file changed? "
                                        "Open it again.").format(name=path.name, sheet=options.sheet))
        else:
            chosen = _best_sheet(workbook, sheets, score)
        chosen.reset_dimensions()  # read every row there is, whatever the (often wrong) stored dimension says
        rows = ([_unescaped(value) for value in values] for values in chosen.iter_rows(values_only=True))
        return _table("xlsx", rows, score, options, path.name, sheet=chosen.title)
    except KommanDeskError:
        raise
    except Exception:  # noqa: BLE001 - damaged sheet XML, unknown cell types, ...
        logs.get("interchange").info("cannot read workbook %s", path, exc_info=True)
        raise _not_a_workbook(path) from None
    finally:
        workbook.close()


def _best_sheet(workbook, sheets: list, score: HeaderScore):
    """The sheet whose first rows hold the best header; the active sheet wins a tie, then the first."""
    if len(sheets) == 1:
        return sheets[0]
    try:
        active = workbook.active
    except Exception:  # noqa: BLE001 - a damaged workbook view
        active = None
    best, best_key = sheets[0], None
    for position, sheet in enumerate(sheets[:20]):
        sheet.reset_dimensions()
        found = 0
        for values in sheet.iter_rows(values_only=True, max_row=HEADER_SEARCH_ROWS):
            cells = _trimmed(values)
            if cells:
                found = max(found, score([display(c).strip() for c in cells]))
        key = (found, sheet is active, -position)
        if best_key is None or key > best_key:
            best, best_key = sheet, key
    return best

