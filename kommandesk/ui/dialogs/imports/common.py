"""Small pieces the import dialog's steps share: the step base class, showing a message line, spreadsheet column
letters, and the sentence that describes how the file was read."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.services.imports import ImportPreview


class Step(QWidget):
    """One page of the wizard. ``changed`` asks the wizard to look at ``ready()`` again."""

    changed = Signal()

    def title(self) -> str:
        raise NotImplementedError

    def ready(self) -> bool:
        """True when Next may be pressed."""
        return True


def show_message(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA': the column as Excel names it (a CSV opened in Excel too)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def encoding_name(encoding: str | None) -> str:
    return {"utf-8": "UTF-8", "utf-8-sig": _("UTF-8 with BOM"), "cp1252": "Windows-1252"}.get(
        (encoding or "").lower(), encoding or "")


def delimiter_name(delimiter: str | None) -> str:
    return {";": _("semicolon (;)"), ",": _("comma (,)"), "\t": _("tab")}.get(delimiter or "", delimiter or "")


def describe_source(preview: ImportPreview) -> str:
    """'CSV file, encoding Windows-1252, separated by semicolon (;). Header found in row 3. 12 rows below it.'"""
    if preview.kind == "csv":
        kind = _("CSV file, encoding {encoding}, separated by {delimiter}.").format(
            encoding=encoding_name(preview.encoding), delimiter=delimiter_name(preview.delimiter))
    else:
        kind = _("Excel workbook, sheet “{sheet}”.").format(sheet=preview.sheet or "")
    header = _("Header found in row {row}.").format(row=format_number(preview.header_row))
    rows = ngettext("{count} row below it.", "{count} rows below it.", preview.row_count).format(
        count=format_number(preview.row_count))
    return f"{kind} {header} {rows}"


def heading_text(preview: ImportPreview, column: int) -> str:
    """The header text of a column, or a stand-in naming its letter when the header cell is empty."""
    text = preview.headers[column].strip() if column < len(preview.headers) else ""
    return text or _("(column {letter} has no heading)").format(letter=column_letter(column))
