"""Fuzzing the readers and cell parsers: whatever the bytes, a table or a KommanDeskError - never a crash."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, configuration, given, settings
from hypothesis import strategies as st

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.errors import KommanDeskError
from kommandesk.interchange import volunteer_columns as vc
from kommandesk.interchange.tabular import Table, read_table
from kommandesk.interchange.volunteer_columns import header_score

# Hypothesis keeps a cache in ./.hypothesis; not in the source tree (database=None: no example database either)
configuration.set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "kommandesk-hypothesis")
FUZZ = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
TODAY = dt.date(2026, 11, 25)
AREAS = [AreaOfHelp("a1", "Sprachpatenschaft", "Language mentoring", "language_mentoring"),
         AreaOfHelp("a2", "Kochen, Backen", "Cooking, baking")]

WORDS = ["Vorname", "Nachname", "E-Mail", "PLZ", "Ort", "Geburtsdatum", "Sprachen", "Status", "Anna", "Müller",
         "Łódź", "01.02.1985", "1.2.85", "1985-02-01", "aktiv", "w", "Arabisch (Muttersprache)", "de:C1",
         "Mo vormittags", "nach Absprache", "=HYPERLINK(\"x\")", "'+49", "", " ", "\"", "\"\"", ";", ",", "\t", "\n",
         "\r\n", "ß", "Ä", "\u00a0", "\ufeff", "\x00", "\x1a", "🙂", "ا", "\u202e"]
cells = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))
grids = st.lists(st.lists(cells, max_size=8), max_size=12)


def read(data: bytes, suffix: str) -> Table | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"file{suffix}"
        path.write_bytes(data)
        try:
            table = read_table(path, header_score)
        except KommanDeskError as exc:
            assert exc.message.strip()
            return None
    assert table.headers and all(isinstance(h, str) and h for h in table.headers)
    assert all(len(cells) == len(table.headers) for _n, cells in table.rows)
    assert all(n > table.header_row for n, _cells in table.rows)
    return table


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from([".csv", ".xlsx", ".txt", ".xls"]))
def test_random_bytes(data, suffix):
    read(data, suffix)


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes_behind_a_zip_or_ole_signature(data):
    read(b"PK\x03\x04" + data, ".xlsx")
    read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + data, ".xlsx")


@FUZZ
@given(grids, st.sampled_from([";", ",", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
       st.booleans())
def test_plausible_csv_text(grid, delimiter, encoding, quote_all):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerows(grid)
    table = read(buffer.getvalue().encode(encoding, errors="replace"), ".csv")
    if table is not None and "\x00" not in buffer.getvalue() and encoding != "cp1252":
        assert table.delimiter in (";", ",", "\t")


@FUZZ
@given(st.text(max_size=300), st.sampled_from([";", ","]))
def test_csv_text_with_broken_quotes(text, delimiter):
    read(('Vorname;Nachname\n"' + text + '"' + delimiter + text).encode("utf-8", errors="replace"), ".csv")


@settings(max_examples=40, deadline=None, database=None)
@given(grids)
def test_damaged_workbooks(grid):
    from openpyxl import Workbook

    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook()
    for row in grid:
        workbook.active.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    read(data, ".xlsx")
    read(data[: len(data) * 2 // 3], ".xlsx")  # cut off
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:-40]  # broken XML
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        for name, part in parts.items():
            archive.writestr(name, part)
    read(damaged.getvalue(), ".xlsx")


values = st.one_of(st.none(), st.text(max_size=40), st.sampled_from(WORDS), st.integers(-10**12, 10**12),
                   st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.datetimes(), st.dates(),
                   st.times())


@FUZZ
@given(values)
def test_cell_parsers_raise_only_cell_errors(value):
    parsers = [lambda v: vc.parse_date(v, TODAY), vc.parse_gender, vc.parse_status, vc.parse_languages,
               vc.parse_clearance_result,
               vc.parse_availability, lambda v: vc.parse_areas(v, AREAS), vc.parse_text, vc.parse_postcode]
    for parse in parsers:
        try:
            parse(value)
        except vc.CellError as exc:
            assert exc.message.strip()


@FUZZ
@given(st.text(max_size=60))
def test_header_recognition_never_fails(text):
    vc.guess_field(text)
    vc.header_score([text, text])
    vc.guess_mapping([text, "Vorname", text])
