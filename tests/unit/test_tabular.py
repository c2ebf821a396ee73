"""Reading CSV and XLSX files as people and Excel make them, and refusing what cannot be read, clearly."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from import_files import (
    ENGLISH_HEADERS, ENGLISH_ROWS, GERMAN_HEADERS, GERMAN_ROWS, with_cached_formula_values, write_csv, write_xlsx,
)
from kommandesk import i18n
from kommandesk.domain.errors import KommanDeskError
from kommandesk.interchange import tabular
from kommandesk.interchange.tabular import (
    ReadOptions, column_letter, detect_delimiter, detect_encoding, display, read_table,
)
from kommandesk.interchange.volunteer_columns import header_score


def read(path, **options):
    return read_table(path, header_score, ReadOptions(**options))


# -- CSV ------------------------------------------------------------------------------------------------------

def test_windows_1252_csv_with_semicolons_and_umlauts(tmp_path):
    rows = [GERMAN_ROWS[0], ["Änne", "Weiß", "", "", "Große Straße 3", "", "Münster", "", "", "", "", "", "", "",
                             "", "", "Spricht „gern“ Französisch – sagt sie"]]
    path = write_csv(tmp_path / "liste.csv", GERMAN_HEADERS, rows, encoding="cp1252", delimiter=";")
    table = read(path)
    assert (table.kind, table.encoding, table.delimiter, table.header_row) == ("csv", "cp1252", ";", 1)
    assert table.headers[4] == "Straße" and table.headers[11] == "Verfügbarkeit"
    assert table.rows[0][0] == 2
    assert table.rows[0][1][:2] == ["Jürgen", "Müller"]
    assert table.rows[0][1][16] == "Fährt gern Rad; hat ein Lastenrad"  # a quoted ';' stays in its cell
    assert table.rows[1][1][16] == "Spricht „gern“ Französisch – sagt sie"  # Windows-1252's own quotes and dash


def test_utf8_bom_csv_with_commas(tmp_path):
    path = write_csv(tmp_path / "list.csv", ENGLISH_HEADERS, ENGLISH_ROWS, encoding="utf-8-sig", delimiter=",")
    table = read(path)
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ",")
    assert table.headers[0] == "First name"  # no BOM glued to the first header
    assert table.rows[1][1][9] == "Arabic (mother tongue), English C1, German A2"


def test_plain_utf8_with_tabs_and_utf16_unicode_text(tmp_path):
    rows = [["Şükrü", "Öztürk"], ["Łukasz", "Wójcik"]]
    utf8 = write_csv(tmp_path / "a.csv", ["Vorname", "Nachname"], rows, encoding="utf-8", delimiter="\t")
    table = read(utf8)
    assert (table.encoding, table.delimiter, table.rows[1][1]) == ("utf-8", "\t", ["Łukasz", "Wójcik"])
    utf16 = write_csv(tmp_path / "b.txt", ["Vorname", "Nachname"], rows, encoding="utf-16", delimiter="\t")
    table = read(utf16)  # Excel's "Unicode text"
    assert (table.encoding, table.delimiter, table.headers) == ("utf-16", "\t", ["Vorname", "Nachname"])
    assert table.rows[0][1] == ["Şükrü", "Öztürk"]


def test_header_found_below_a_title_line_and_blank_lines(tmp_path):
    path = write_csv(tmp_path / "liste.csv", GERMAN_HEADERS, GERMAN_ROWS, title="Freiwillige – Stand 01.11.2026",
                     blank_lines=2)
    table = read(path)
    assert table.header_row == 4
    assert table.headers[:2] == ["Vorname", "Nachname"]
    assert [number for number, _cells in table.rows] == [5, 6, 7]


def test_empty_rows_between_data_are_skipped_and_rows_keep_their_numbers(tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("Vorname;Nachname\nAnna;Schmidt\n;\n\nOtto;Alt\n", encoding="utf-8")
    assert [(n, cells) for n, cells in read(path).rows] == [(2, ["Anna", "Schmidt"]), (5, ["Otto", "Alt"])]


def test_short_rows_are_padded_and_cells_without_header_get_a_name(tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("Vorname;Nachname\nAnna\nOtto;Alt;extra\n", encoding="utf-8")
    table = read(path)
    assert table.headers == ["Vorname", "Nachname", "Column C"]
    assert table.rows[0][1] == ["Anna", None, None]


def test_delimiter_detection_counts_outside_quotes():
    text = 'Vorname;Nachname;Bemerkungen\nAnna;Schmidt;"Mo, Di, Mi, Do"\nOtto;Alt;"a, b, c, d, e"\n'
    assert detect_delimiter(text) == ";"
    assert detect_delimiter('a,b,c\n1,2,"x;y;z"\n') == ","
    assert detect_delimiter("just one column\nAnna\n") == ";"
    assert detect_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"


def test_encoding_detection():
    assert detect_encoding("Müller".encode("utf-8")) == "utf-8"
    assert detect_encoding(b"\xef\xbb\xbfM\xc3\xbcller") == "utf-8-sig"
    assert detect_encoding("Müller".encode("cp1252")) == "cp1252"
    assert detect_encoding("Müller".encode("utf-16")) == "utf-16"


# -- XLSX -----------------------------------------------------------------------------------------------------

def test_xlsx_with_a_title_row_and_excel_date_cells(tmp_path):
    path = write_xlsx(tmp_path / "liste.xlsx", GERMAN_HEADERS, GERMAN_ROWS, title="Ehrenamtliche 2026",
                      date_columns=(7, 12, 13, 14))
    table = read(path)
    assert (table.kind, table.sheet, table.header_row) == ("xlsx", "Freiwillige", 3)
    assert table.headers == GERMAN_HEADERS
    first = table.rows[0]
    assert first[0] == 4
    assert first[1][7] == dt.datetime(1985, 2, 1)
    assert first[1][0] == "Jürgen"


def test_xlsx_picks_the_sheet_with_the_list_not_the_active_legend(tmp_path):
    path = write_xlsx(tmp_path / "liste.xlsx", ENGLISH_HEADERS, ENGLISH_ROWS, other_sheets=("Legende",),
                      active_other=True)
    table = read(path)
    assert table.sheet == "Freiwillige" and table.headers[0] == "First name"


def test_xlsx_merged_cells_and_formulas(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Vorname", "Nachname", "PLZ", "Ort"])
    sheet.append(["Anna", "Schmidt", '="5066"&"7"', "Köln"])
    sheet.append(["Otto", "Alt", "=A1+1", "Bonn"])  # never calculated: no cached value
    sheet.append(["Merged", None, "44135", "Dortmund"])
    sheet.merge_cells("A4:B4")
    path = tmp_path / "formulas.xlsx"
    workbook.save(path)
    with_cached_formula_values(path, {"C2": "50667"})
    table = read(path)
    assert table.rows[0][1] == ["Anna", "Schmidt", "50667", "Köln"]  # the value Excel cached
    assert table.rows[1][1] == ["Otto", "Alt", None, "Bonn"]  # a formula without a cached value is empty
    assert table.rows[2][1][:2] == ["Merged", None]  # a merged area has its value in the first cell


def test_xlsx_numbers_display_as_typed(tmp_path):
    assert display(50667.0) == "50667"
    assert display(1.5) == "1.5"
    assert display(None) == ""
    assert display(dt.datetime(1985, 2, 1)) == "Feb 1, 1985"
    assert column_letter(0) == "A" and column_letter(25) == "Z" and column_letter(26) == "AA"


def test_xlsx_formatted_far_to_the_right_and_far_down_is_trimmed(tmp_path):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Vorname", "Nachname"])
    sheet.append(["Anna", "Schmidt"])
    sheet.cell(row=1, column=900).font = Font(bold=True)  # a styled, empty cell in column AHP
    sheet.cell(row=5000, column=1).font = Font(bold=True)
    path = tmp_path / "styled.xlsx"
    workbook.save(path)
    table = read(path)
    assert table.headers == ["Vorname", "Nachname"]
    assert len(table.rows) == 1


# -- bad input ------------------------------------------------------------------------------------------------

def message(path, **options) -> str:
    with pytest.raises(KommanDeskError) as caught:
        read(path, **options)
    return caught.value.message


def test_an_empty_file(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    assert "is empty" in message(tmp_path / "empty.csv")
    (tmp_path / "blank.csv").write_bytes(b"\xef\xbb\xbf \r\n;;;\r\n")
    assert "empty" in message(tmp_path / "blank.csv")


def test_a_binary_file_renamed_csv(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    (tmp_path / "photo.csv").write_bytes(png)
    assert "not a CSV file" in message(tmp_path / "photo.csv") or "not a text file" in message(tmp_path / "photo.csv")
    (tmp_path / "doc.csv").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert "PDF" in message(tmp_path / "doc.csv")


def test_an_xlsx_renamed_csv_is_read_as_a_workbook(tmp_path):
    path = write_xlsx(tmp_path / "liste.xlsx", ENGLISH_HEADERS, ENGLISH_ROWS)
    renamed = path.rename(tmp_path / "liste.csv")
    assert read(renamed).kind == "xlsx"


def test_a_broken_xlsx(tmp_path):
    (tmp_path / "random.xlsx").write_bytes(bytes(range(256)) * 20)
    assert "damaged or not an Excel workbook" in message(tmp_path / "random.xlsx")
    good = write_xlsx(tmp_path / "good.xlsx", ENGLISH_HEADERS, ENGLISH_ROWS)
    data = good.read_bytes()
    (tmp_path / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    assert "damaged or not an Excel workbook" in message(tmp_path / "truncated.xlsx")
    # a zip that is not a workbook (a Word document, say)
    with zipfile.ZipFile(tmp_path / "other.xlsx", "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert "damaged or not an Excel workbook" in message(tmp_path / "other.xlsx")


def test_a_workbook_whose_sheet_xml_is_broken(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", ENGLISH_HEADERS, ENGLISH_ROWS)
    source = zipfile.ZipFile(good)
    parts = {name: source.read(name) for name in source.namelist()}
    source.close()
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:300]
    with zipfile.ZipFile(tmp_path / "broken.xlsx", "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert "damaged or not an Excel workbook" in message(tmp_path / "broken.xlsx")


def test_an_opendocument_spreadsheet(tmp_path):
    with zipfile.ZipFile(tmp_path / "liste.ods", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert "LibreOffice spreadsheet (.ods)" in message(tmp_path / "liste.ods")


def ole_file(*streams: str) -> bytes:
    """The start of an OLE compound file with directory entries for ``streams`` (UTF-16 names, as Office writes)."""
    header = tabular.OLE_MAGIC + b"\x00" * 504
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
                         for name in ("Root Entry", *streams))
    return header + directory + b"\x00" * 1024


def test_a_password_protected_workbook(tmp_path):
    (tmp_path / "geheim.xlsx").write_bytes(ole_file("EncryptionInfo", "EncryptedPackage"))
    text = message(tmp_path / "geheim.xlsx")
    assert "protected by a password" in text and "without a password first" in text


def test_an_old_xls_file(tmp_path):
    (tmp_path / "alt.xls").write_bytes(ole_file("Workbook", "\x05SummaryInformation"))
    text = message(tmp_path / "alt.xls")
    assert "old Excel file (.xls)" in text and ".xlsx" in text


def test_an_xls_suffix_on_a_text_file_is_refused(tmp_path):
    (tmp_path / "liste.xls").write_text("Vorname;Nachname\nAnna;Schmidt\n", encoding="utf-8")
    assert "not an Excel workbook" in message(tmp_path / "liste.xls")


def test_a_thousand_columns(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(";".join(f"Spalte {i}" for i in range(1000)) + "\n" + ";".join("x" * 1000) + "\n",
                    encoding="utf-8")
    assert "1000 columns" in message(path) and f"at most {tabular.MAX_COLUMNS}" in message(path)


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: costs no disk

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(type(path), "open", no_reading)
    text = message(path)
    assert "too large" in text and "50.0 MB" in text and "at most 20 MB" in text


def test_too_many_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    path = tmp_path / "many.csv"
    path.write_text("Vorname;Nachname\n" + "Anna;Schmidt\n" * 4, encoding="utf-8")
    assert "more than 3 rows" in message(path)


def test_a_missing_file_and_a_folder(tmp_path):
    assert "does not exist" in message(tmp_path / "missing.csv")
    assert "is a folder" in message(tmp_path)


def test_a_file_changed_under_the_preview(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("Vorname;Nachname\nAnna;Schmidt\n", encoding="utf-8")
    assert "no row 9" in message(path, header_row=9)


class Shouting:
    """A translation that upper-cases every message but its {placeholders}."""

    @staticmethod
    def _shout(message):
        import re

        return re.sub(r"[^{}]+(?=\{|$)|(?<=\})[^{}]+", lambda m: m.group(0).upper(), message)

    def gettext(self, message):
        return self._shout(message)

    def ngettext(self, singular, plural, n):
        return self._shout(singular if n == 1 else plural)

    def pgettext(self, context, message):
        return self._shout(message)


def test_messages_are_translated(tmp_path, monkeypatch):
    """Every message goes through the catalogue: with a translation that shouts, the messages shout."""

    monkeypatch.setattr(i18n, "_current", Shouting())
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "geheim.xlsx").write_bytes(ole_file("EncryptedPackage"))
    (tmp_path / "random.xlsx").write_bytes(bytes(range(256)) * 4)
    for name in ("empty.csv", "geheim.xlsx", "random.xlsx"):
        text = message(tmp_path / name)
        without_name = text.replace(name, "")
        assert without_name == without_name.upper() and name in text


def test_control_characters_escaped_in_inline_strings_are_read_as_characters(tmp_path):
    import xlsxwriter

    path = tmp_path / "liste.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Freiwillige")
    sheet.write_row(0, 0, ["Vorname", "Nachname", "Bemerkungen"])
    sheet.write_row(1, 0, ["Ayşe", "Yılmaz", "erste Zeile\r\nzweite Zeile"])
    workbook.close()
    table = read(path)
    _row_number, cells = table.rows[0]
    assert cells[2] == "erste Zeile\r\nzweite Zeile"
