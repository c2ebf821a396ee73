"""Real-world-shaped files for the import tests: made here, as Excel and people make them."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

GERMAN_HEADERS = ["Vorname", "Nachname", "E-Mail-Adresse", "Handy", "Straße", "PLZ", "Wohnort", "Geburtsdatum",
                  "Geschlecht", "Sprachen", "Tätigkeiten", "Verfügbarkeit", "Führungszeugnis vom",
                  "Führungszeugnis eingesehen am", "Einwilligung vom", "Status", "Bemerkungen"]
ENGLISH_HEADERS = ["First name", "Last name", "Email", "Phone", "Street", "Postcode", "Town", "Date of birth",
                   "Gender", "Languages", "Areas of help", "Availability", "Police certificate issued",
                   "Police certificate inspected", "Consent given", "Status", "Notes"]

GERMAN_ROWS = [
    ["Jürgen", "Müller", "j.mueller@example.org", "0151 2345678", "Hauptstraße 1", "50667", "Köln", "01.02.1985",
     "m", "Deutsch (Muttersprache), Englisch B2", "Sprachpatenschaft, Wohnungssuche", "Mo vormittags, Mi abends, Sa",
     "03.01.2025", "10.01.2025", "05.01.2025", "aktiv", "Fährt gern Rad; hat ein Lastenrad"],
    ["Ayşe", "Öztürk", "ayse@example.org", "+49 221 123456", "Ringstraße 5a", "50674", "Köln", "1.2.85",
     "w", "Türkisch (Muttersprache), Deutsch C1", "Dolmetschen / Sprachmittlung", "nach Absprache",
     "", "", "", "", ""],
    ["Łukasz", "Wójcik", "", "", "", "", "Düsseldorf", "1990-07-15",
     "divers", "pl:native; de:B2", "", "Mo-Fr nachmittags", "", "", "", "Interessiert", "=HYPERLINK(\"x\")"],
]

ENGLISH_ROWS = [
    ["Sarah", "Jones", "sarah@example.com", "+44 20 7946 0000", "High Street 2", "44135", "Dortmund", "1979-03-04",
     "female", "English (native), German B1", "Homework and learning help", "Mon morning, Wed evening",
     "2025-01-03", "2025-01-10", "2025-01-05", "active", "Tutors maths"],
    ["Omar", "Haddad", "omar@example.com", "", "", "44137", "Dortmund", "12.12.1990",
     "male", "Arabic (mother tongue), English C1, German A2", "Interpreting / language mediation", "by arrangement",
     "", "", "", "applicant", ""],
]


def write_csv(path: Path, headers: list[str], rows: list[list[str]], *, encoding: str = "utf-8-sig",
              delimiter: str = ";", title: str | None = None, blank_lines: int = 0) -> Path:
    import csv

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    if title is not None:
        writer.writerow([title] + [""] * (len(headers) - 1))
    for _ in range(blank_lines):
        writer.writerow([])
    writer.writerow(headers)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _date_cell(text: str) -> object:
    """'01.02.1985' / '1990-07-15' -> a datetime, as Excel gives date cells; anything else stays text."""
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            pass
    return text


def write_xlsx(path: Path, headers: list[str], rows: list[list[str]], *, title: str | None = None,
               date_columns: tuple[int, ...] = (), sheet: str = "Freiwillige", other_sheets: tuple[str, ...] = (),
               active_other: bool = False) -> Path:
    """A workbook: an optional title row and an empty row above the header; ``date_columns`` as date cells."""
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    for name in other_sheets:
        extra = workbook.create_sheet(name, 0)
        extra.append(["Legende"])
        extra.append(["w = weiblich", "m = männlich"])
    first.title = sheet
    if title is not None:
        first.append([title])
        first.append([])
    first.append(headers)
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            if index in date_columns and value:
                cell = _date_cell(value)
                cells.append(cell)
            else:
                cells.append(value if value != "" else None)
        first.append(cells)
    for row in first.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text typed with a leading apostrophe in Excel, not a formula
    for index in date_columns:
        for cell in list(first.iter_cols(min_col=index + 1, max_col=index + 1))[0]:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "DD.MM.YYYY"
    workbook.active = 0 if active_other and other_sheets else workbook.sheetnames.index(sheet)
    workbook.save(path)
    return path


def with_cached_formula_values(path: Path, values: dict[str, str]) -> Path:
    """Give formula cells the value Excel would have cached (openpyxl writes formulas without one)."""
    source = zipfile.ZipFile(path)
    parts = {name: source.read(name) for name in source.namelist()}
    source.close()
    sheet_name = next(name for name in parts if name.startswith("xl/worksheets/sheet"))
    xml = parts[sheet_name].decode("utf-8")
    for ref, value in values.items():
        xml = re.sub(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>', rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{value}</v>',
                     xml)
    parts[sheet_name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path
