"""What the imports of volunteers (:mod:`kommandesk.services.imports`) and of requests
(:mod:`kommandesk.services.request_imports`) share about the file: its preview, the file read again as the preview
saw it, the columns a mapping assigns, the per-row problems, the options and result, and the error file the rows
with problems go to, written in the import's transaction."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _, current_language, ngettext

if TYPE_CHECKING:
    from kommandesk.interchange.tabular import Cell, ReadOptions, Table

PREVIEW_ROWS = 20


@dataclass
class ImportPreview:
    path: Path
    kind: str  # "csv" | "xlsx"
    encoding: str | None  # csv: "utf-8", "utf-8-sig", "cp1252" (also "utf-16": Excel's "Unicode text")
    delimiter: str | None  # csv: ";", ",", "\t"
    sheet: str | None  # xlsx: the sheet read
    header_row: int  # 1-based row number of the header as the user sees it in Excel
    headers: list[str]
    rows: list[list[str]]  # the first 20 data rows, as display strings
    row_count: int  # data rows in the file
    mapping: dict[int, str | None]  # column index -> field key, guessed from the headers (None = ignore)


@dataclass(frozen=True)
class Problem:
    row: int  # the file's row number (1-based, as in Excel / a text editor)
    column: str  # the header text of the column ("" when the problem is not tied to one column)
    field: str | None
    message: str  # translated


@dataclass(frozen=True)
class ImportOptions:
    skip_invalid: bool = False  # import the valid rows, write the rest to error_file
    dry_run: bool = False
    include_duplicates: bool = False  # likely duplicates are skipped unless chosen
    error_file: Path | None = None  # default: "<file stem> - errors.csv" (German: "- Fehler") beside the file


@dataclass(frozen=True)
class ImportResult:
    imported: int  # a dry run: how many would be imported
    skipped_invalid: int
    skipped_duplicates: int
    error_file: Path | None
    dry_run: bool


# -- the file ---------------------------------------------------------------------------------------------------

def preview_of(path: Path, table: Table, guess_mapping: Callable[[list[str]], dict[int, str | None]],
               empty: str) -> ImportPreview:
    """The preview of a table read from ``path``; KommanDeskError with ``empty`` (a translated text with {name}
    and {row}) when it holds no rows below its header."""
    from kommandesk.interchange.tabular import display

    if not table.rows:
        raise KommanDeskError(empty.format(name=path.name, row=table.header_row))
    return ImportPreview(
        path=path, kind=table.kind, encoding=table.encoding, delimiter=table.delimiter, sheet=table.sheet,
        header_row=table.header_row, headers=list(table.headers),
        rows=[[display(cell) for cell in cells] for _number, cells in table.rows[:PREVIEW_ROWS]],
        row_count=len(table.rows), mapping=guess_mapping(table.headers))


def table_as_previewed(read: Callable[[Path, ReadOptions], Table], preview: ImportPreview) -> Table:
    """The file read again exactly as the preview saw it; an error when it has changed since."""
    from kommandesk.interchange.tabular import ReadOptions

    table = read(preview.path, ReadOptions(encoding=preview.encoding, delimiter=preview.delimiter,
                                           sheet=preview.sheet, header_row=preview.header_row))
    if table.headers != preview.headers:
        raise KommanDeskError(_("{name} has changed since it was opened. Open it again to import it.").format(
            name=preview.path.name))
    return table


def mapped_columns(preview: ImportPreview, mapping: Mapping[int, str | None], fields: Collection[str],
                   multi: Collection[str], label: Callable[[str], str]
                   ) -> tuple[list[tuple[int, str, str]], dict[str, list[str]]]:
    """(index, field, header) of the columns the mapping assigns, and the headers of each field; KommanDeskError
    for a field that cannot be imported, a column the file does not have, or a field (not in ``multi``) assigned
    to more than one column."""
    columns: list[tuple[int, str, str]] = []
    by_field: dict[str, list[str]] = {}
    for index, key in sorted(mapping.items()):
        if key is None:
            continue
        if key not in fields:
            raise KommanDeskError(_("\u201c{field}\u201d is not a field that can be imported.").format(field=key))
        if not 0 <= index < len(preview.headers):
            raise KommanDeskError(_("The file has no column {number}.").format(number=index + 1))
        columns.append((index, key, preview.headers[index]))
        by_field.setdefault(key, []).append(preview.headers[index])
    for key, headers in by_field.items():
        if len(headers) > 1 and key not in multi:
            raise KommanDeskError(_("The columns {columns} are all assigned to {field}. Assign {field} to one "
                                    "column only.").format(columns=", ".join(f"\u201c{h}\u201d" for h in headers),
                                                           field=label(key)))
    return columns, by_field


# -- problems and the error file --------------------------------------------------------------------------------

def problems_summary(report) -> str:
    rows = len({problem.row for problem in report.problems})
    return ngettext(
        "{count} row has problems, so nothing was imported. Correct the file and import it again, or import only "
        "the valid rows (the others are written to an error file).",
        "{count} rows have problems, so nothing was imported. Correct the file and import it again, or import only "
        "the valid rows (the others are written to an error file).", rows).format(count=rows)


def default_error_file(path: Path) -> Path:
    """'<stem> - errors.csv' beside the imported file (German: '<stem> - Fehler.csv')."""
    return path.with_name(_("{stem} - errors.csv").format(stem=path.stem))


@contextmanager
def import_transaction(db, error_file: Path | None, headers: list[str], invalid: list) -> Iterator[None]:
    """One transaction around the inserts of the with-block; at its end the error file (when there is one) is
    written with the ``invalid`` rows, and removed again if the transaction does not commit after all."""
    written = False
    try:
        with db.atomic():
            yield
            if error_file is not None:
                write_error_file(error_file, headers, invalid)
                written = True
    except BaseException:
        if written and error_file is not None:
            error_file.unlink(missing_ok=True)  # the import did not happen: no error file either
        raise


def _error_cell(value: Cell) -> str:
    """A cell as the error file writes it: as typed, dates in a form the importer reads back, formulas harmless."""
    import datetime as dt

    from kommandesk.interchange.cells import csv_text
    from kommandesk.interchange.tabular import display

    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y") if current_language() == "de" else value.isoformat()
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, str):
        return csv_text(value)  # an apostrophe before = + - @ (the importer takes it off again)
    return csv_text(display(value))


def write_error_file(path: Path, headers: list[str], rows: list) -> None:
    """The rows with problems (``cells`` as read, ``problems``), as they were, plus a last column with the
    problems: CSV for German Excel (UTF-8 with BOM, ';'), written whole or not at all. The user corrects it and
    imports it again."""
    import csv

    from kommandesk.interchange.atomic import replacing
    from kommandesk.interchange.cells import csv_text

    try:
        with replacing(Path(path)) as temporary:
            with temporary.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
                writer.writerow([csv_text(header) for header in headers] + [pgettext_problem()])
                for row in rows:
                    cells = [_error_cell(cell) for cell in row.cells] + [""] * (len(headers) - len(row.cells))
                    messages = "\n".join(f"{p.column}: {p.message}" if p.column else p.message for p in row.problems)
                    writer.writerow(cells + [csv_text(messages)])
    except OSError as exc:
        raise KommanDeskError(_("The error file {path} cannot be written: {reason}. Nothing was imported.").format(
            path=path, reason=exc.strerror or exc)) from None


def pgettext_problem() -> str:
    """The header of the error file's last column ("Problem" / "Fehler")."""
    from kommandesk.i18n import pgettext

    return pgettext("error file column", "Problem")
