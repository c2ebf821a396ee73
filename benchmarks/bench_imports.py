"""Importing 10,000 volunteers from .xlsx and from .csv: preview, check, import.

The files are made in the run's scratch folder from the demo generator (the same people ``kommandesk-cli demo``
makes), shaped like a coordinator's list: German headers, a title line above the header, dates as 01.02.1985
(CSV) or Excel date cells (.xlsx), languages as "Arabisch (Muttersprache), Deutsch C1", availability as
"Mo vormittags, Mi abends". The database already holds 10,000 other demo volunteers, so the duplicate check has
something to look through.

Each figure is the median over rounds of what the import dialog does through ImportService, on a fresh copy of
that database every round:

* check: ``preview`` + ``check`` (read, validate every row with the form's rules, look for duplicates);
* import: then ``run`` on the same service, as the dialog and the CLI do (duplicates looked for again, all rows
  inserted in one transaction, commit); and check + import together;
* import alone: ``preview`` + ``run`` on a new service (read, validate, insert).

Two workbooks hold the same rows: one as Excel writes it (each distinct text once, in the shared strings
table), one as openpyxl writes it (every text inline in its cell: openpyxl reads that about twice as slowly).
The reference is reading the same file alone (``csv.reader`` over the decoded text; openpyxl read-only
``iter_rows``), measured alternately with the figure. The issue's target is absolute (validated and imported
in <= 5 s each); the note of each row gives the verdict.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import statistics
import time
import zipfile
from pathlib import Path

from run import Context, Row, benchmark

N = 10_000
EXISTING = 10_000
TARGET_S = 5.0
HEADERS = ("Vorname", "Nachname", "E-Mail", "Telefon", "Straße", "PLZ", "Ort", "Geburtsdatum", "Geschlecht",
           "Sprachen", "Tätigkeiten", "Verfügbarkeit", "Führungszeugnis vom", "Führungszeugnis eingesehen am",
           "Einwilligung vom", "Status", "Bemerkungen")
DAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
PERIODS = {"morning": "vormittags", "afternoon": "nachmittags", "evening": "abends"}
STATUS_DE = {"applicant": "Interessiert", "active": "aktiv", "paused": "pausiert", "inactive": "inaktiv",
             "archived": "archiviert"}
GENDER_DE = {"female": "w", "male": "m", "diverse": "d", "not_stated": ""}


def rows_of(volunteers, areas: dict[str, str]) -> list[list[object]]:
    """The demo volunteers as a coordinator's sheet (dates as date objects)."""
    from babel import Locale

    names = Locale("de").languages
    out = []
    for number, vol in enumerate(volunteers):
        # every address unique: the people of the file are new to the database (no duplicates to skip)
        email = vol.email.replace("@", f".{number}@") if vol.email else ""
        languages = ", ".join(
            f"{names.get(s.code, s.code)} ({'Muttersprache' if s.level.value == 'native' else s.level.value})"
            for s in vol.languages)
        slots = ", ".join(f"{DAYS[day]} {PERIODS[period.value]}" for day, period in sorted(
            vol.availability.slots, key=lambda s: (s[0], s[1].value)))
        if vol.availability.by_arrangement:
            slots = (slots + ", " if slots else "") + "nach Absprache"
        inspected = vol.clearance.inspected_on if vol.clearance.result and vol.clearance.result.value == \
            "no_relevant_entry" else None
        out.append([vol.first_name, vol.last_name, email, vol.phone, vol.street, vol.postcode, vol.town,
                    vol.birth_date, GENDER_DE[vol.gender.value], languages,
                    ", ".join(areas[a] for a in vol.areas), slots,
                    vol.clearance.issued_on if inspected else None, inspected,
                    vol.consent.given_on if vol.consent else None, STATUS_DE[vol.status.value], vol.notes])
    return out


def write_csv(path: Path, rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Freiwillige Stand November"])
        writer.writerow(HEADERS)
        for row in rows:
            writer.writerow([value.strftime("%d.%m.%Y") if isinstance(value, dt.date) else ("" if value is None
                                                                                         else value) for value in row])


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Freiwillige")
    sheet.append(["Freiwillige Stand November"])
    sheet.append([])
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(row)
    workbook.save(path)


_INLINE = re.compile(r'<c r="([A-Z]+[0-9]+)"( s="[0-9]+")? t="inlineStr">'
                     r'<is><t(?: xml:space="preserve")?>(.*?)</t></is></c>', re.DOTALL)
_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def as_excel_writes_it(path: Path) -> None:
    """openpyxl writes every text inline in its cell; Excel keeps each distinct text once in a shared strings
    table and the cells point into it (and writes the sheet's dimension). The file is rewritten that way."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    strings: dict[str, int] = {}
    count = 0

    def shared(match: re.Match) -> str:
        nonlocal count
        count += 1
        index = strings.setdefault(match.group(3), len(strings))
        return f'<c r="{match.group(1)}"{match.group(2) or ""} t="s"><v>{index}</v></c>'

    sheet = _INLINE.sub(shared, parts["xl/worksheets/sheet1.xml"].decode("utf-8"))
    last = re.findall(r'<c r="([A-Z]+[0-9]+)"', sheet)
    columns = max((re.match(r"[A-Z]+", ref).group(0) for ref in last), key=lambda c: (len(c), c))
    rows = max(int(re.sub(r"[A-Z]+", "", ref)) for ref in last)
    sheet = sheet.replace("<sheetViews>", f'<dimension ref="A1:{columns}{rows}" /><sheetViews>', 1)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" '
        f'uniqueCount="{len(strings)}">{items}</sst>').encode("utf-8")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST_TYPE}" /></Types>'.encode())
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Type="{_SST_REL}" Target="sharedStrings.xml" Id="rIdSst" /></Relationships>'.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _median(values: list[float]) -> float:
    return statistics.median(values)


@benchmark("imports", "10,000 volunteers from .xlsx and .csv: check and import (ImportService)")
def imports(context: Context) -> list[Row]:
    from kommandesk import paths as paths_mod
    from kommandesk.services.context import Services
    from kommandesk.services.demo.people import VolunteerGenerator
    from kommandesk.services.demo.seed import fill
    from kommandesk.services.imports import ImportOptions, ImportService

    today = dt.date.today()
    base = paths_mod.resolve(context.work / "imports-base")
    base.ensure()
    services = Services.open(base)
    try:
        fill(services, seed=21, volunteers=EXISTING)
        areas = {area.id: area.name_de for area in services.volunteers.areas()}
        area_ids = {area.key: area.id for area in services.volunteers.areas() if area.key}
    finally:
        services.close()
    volunteers = VolunteerGenerator(77, today, area_ids, ["Koordination"]).volunteers(N)
    rows = rows_of(volunteers, areas)
    files = {"csv": context.work / "freiwillige.csv", "xlsx": context.work / "freiwillige.xlsx",
             "xlsx-openpyxl": context.work / "freiwillige-openpyxl.xlsx"}
    write_csv(files["csv"], rows)
    write_xlsx(files["xlsx-openpyxl"], rows)
    shutil.copy2(files["xlsx-openpyxl"], files["xlsx"])
    as_excel_writes_it(files["xlsx"])
    context.log("  files: " + ", ".join(f"{kind} {path.stat().st_size / 1e6:.1f} MB" for kind, path in files.items()))

    def fresh_copy(tag: str) -> paths_mod.Paths:
        target = paths_mod.resolve(context.work / f"imports-{tag}")
        if target.data_dir.exists():
            shutil.rmtree(target.data_dir)
        target.ensure()
        shutil.copy2(base.db_file, target.db_file)
        return target

    def reference(kind: str) -> float:
        began = time.perf_counter()
        if kind == "csv":
            text = files["csv"].read_bytes().decode("utf-8-sig")
            count = sum(1 for _row in csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        else:
            import openpyxl

            workbook = openpyxl.load_workbook(files[kind], read_only=True, data_only=True)
            count = sum(1 for _row in workbook.active.iter_rows(values_only=True))
            workbook.close()
        assert count >= N
        return time.perf_counter() - began

    results: list[Row] = []
    labels = {"csv": "csv", "xlsx": "xlsx (Excel)", "xlsx-openpyxl": "xlsx (openpyxl)"}
    for kind in ("csv", "xlsx", "xlsx-openpyxl"):
        label = labels[kind]
        figures: dict[str, list[float]] = {"check": [], "import": [], "total": [], "cold": []}
        references = []
        imported = skipped = 0
        for round_number in range(context.rounds):
            references.append(reference(kind))
            # the dialog (and the CLI): preview + check, then run on the same service
            target = fresh_copy(kind)
            service = ImportService(target)
            began = time.perf_counter()
            preview = service.preview(files[kind])
            report = service.check(preview, preview.mapping)
            checked = time.perf_counter()
            assert not report.problems, report.problems[:3]
            result = service.run(preview, preview.mapping, ImportOptions())
            done = time.perf_counter()
            figures["check"].append(checked - began)
            figures["import"].append(done - checked)
            figures["total"].append(done - began)
            imported, skipped = result.imported, result.skipped_duplicates
            # an import without a check before it (a new service: the file is read and validated in run)
            target = fresh_copy(kind)
            began = time.perf_counter()
            service = ImportService(target)
            preview = service.preview(files[kind])
            service.run(preview, preview.mapping, ImportOptions())
            figures["cold"].append(time.perf_counter() - began)
            context.log(f"  {label} round {round_number + 1}: " + ", ".join(
                f"{name} {values[-1]:.2f} s" for name, values in figures.items()))
        ref = _median(references)
        names = {"check": f"{label}: check (preview + check)", "import": f"{label}: import after the check (run)",
                 "total": f"{label}: check + import", "cold": f"{label}: import alone (preview + run)"}
        for key, name in names.items():
            value = _median(figures[key])
            note = f"issue target <= {TARGET_S:g} s: {'met' if value <= TARGET_S else 'MISSED'}"
            if key == "import":
                note += f" ({imported:,} rows inserted beside {EXISTING:,}, {skipped:,} skipped as duplicates)"
            results.append(Row(name=name, value=value, reference=ref, unit="s",
                               reference_name=f"reading the same {label} file alone (csv.reader / openpyxl "
                                              "read-only iter_rows)", note=note))
    return results
