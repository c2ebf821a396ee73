"""Exports at 50,000 volunteers: the list to .xlsx and .csv, and the whole database to JSON and back.

One database in the run's scratch folder, filled with ``kommandesk.services.demo.seed.fill(..., volunteers=50000)``.
Each figure is the median over rounds (at most 3: an .xlsx round takes seconds) of the real service call
(``ExportService.export_volunteers`` with every status, so all 50,000 rows: its own connection, the query, the
labels, the writer, the temporary file and the rename), run alternately with its reference in the same run:

* .csv: the same rows, already as the final cell texts in memory, written with the csv module alone
  (same dialect: BOM, ``;``, CRLF);
* .xlsx: the same typed rows (texts, dates, numbers), already in memory, written to a bare openpyxl write-only
  sheet (no styles, no widths, no autofilter). A bare XlsxWriter sheet (constant_memory, the library the export
  uses) of the same rows is printed too: the floor for that library.

The issue's targets are absolute (.xlsx <= 10 s, .csv <= 2 s); each row's note gives the verdict. The JSON export
and import of the whole database have no target and are printed for information (the import once: it takes
a while and needs a fresh folder each time).
"""

from __future__ import annotations

import csv
import statistics
import time
from pathlib import Path

from run import Context, Row, benchmark

N = 50_000
MAX_ROUNDS = 3


def _timed(function) -> float:
    began = time.perf_counter()
    function()
    return time.perf_counter() - began


def _verdict(seconds: float, target: float) -> str:
    return f"issue target <= {target:g} s: {'met' if seconds <= target else 'MISSED'}"


def _typed_rows(paths) -> tuple[list, list[list]]:
    """The columns and the cells the export writes, built once through the same code (not timed)."""
    from kommandesk.domain.volunteers import Status
    from kommandesk.interchange.volunteer_sheet import VolunteerSheet
    from kommandesk.services.context import Services
    from kommandesk.services.volunteers import VolunteerQuery
    from kommandesk.store.volunteer_export import VolunteerExportReader

    services = Services.open(paths)
    try:
        flt = services.volunteers._list_filter(VolunteerQuery(statuses=frozenset(Status)))
        names = {area.id: area.name("en") for area in services.volunteers.areas(include_retired=True)}
        sheet = VolunteerSheet(names)
        return sheet.columns, [sheet.row(row) for row in VolunteerExportReader(services.store).rows(flt)]
    finally:
        services.close()


def _csv_reference(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerows(rows)


def _openpyxl_reference(path: Path, rows: list[list]) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Volunteers")
    for row in rows:
        sheet.append(row)
    book.save(path)


def _xlsxwriter_reference(path: Path, rows: list[list]) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                           "strings_to_formulas": False, "strings_to_urls": False,
                                           "default_date_format": "dd.mm.yyyy"})
    sheet = book.add_worksheet("Volunteers")
    for number, row in enumerate(rows):
        sheet.write_row(number, 0, row)
    book.close()


@benchmark("exports", "50,000 volunteers to .xlsx and .csv; the whole database to JSON and back")
def exports(context: Context) -> list[Row]:
    from kommandesk import paths as paths_mod
    from kommandesk.domain.volunteers import Status
    from kommandesk.i18n import set_language
    from kommandesk.services.demo.seed import fill_folder
    from kommandesk.services.exports import ExportService
    from kommandesk.services.volunteers import VolunteerQuery

    set_language("en")
    began = time.perf_counter()
    paths = fill_folder(context.work / "exports-50k", seed=13, volunteers=N)
    context.log(f"  generated {N:,} volunteers in {time.perf_counter() - began:.1f} s")
    out = context.work / "exports-out"
    out.mkdir(exist_ok=True)
    exporter = ExportService(paths)
    everyone = VolunteerQuery(statuses=frozenset(Status))

    columns, typed = _typed_rows(paths)
    assert len(typed) == N, len(typed)
    exporter.export_volunteers(out / "texts.csv", everyone)
    with (out / "texts.csv").open(encoding="utf-8-sig", newline="") as fh:
        texts = list(csv.reader(fh, delimiter=";"))  # the header and the final cell texts

    rounds = max(1, min(context.rounds, MAX_ROUNDS))
    times: dict[str, list[float]] = {name: [] for name in ("csv", "csv ref", "xlsx", "xlsx ref", "xlsx floor")}
    for n in range(rounds):
        steps = [("csv", lambda: exporter.export_volunteers(out / "list.csv", everyone)),
                 ("csv ref", lambda: _csv_reference(out / "ref.csv", texts)),
                 ("xlsx", lambda: exporter.export_volunteers(out / "list.xlsx", everyone)),
                 ("xlsx ref", lambda: _openpyxl_reference(out / "ref.xlsx", [[c.header for c in columns], *typed])),
                 ("xlsx floor", lambda: _xlsxwriter_reference(out / "floor.xlsx",
                                                              [[c.header for c in columns], *typed]))]
        for name, step in (steps if n % 2 == 0 else steps[::-1]):
            times[name].append(_timed(step))
            context.log(f"  round {n + 1}/{rounds}: {name} {times[name][-1]:.2f} s")

    whole = out / "all.json"
    dump = [_timed(lambda: exporter.export_all(whole)) for _round in range(rounds)]
    target = paths_mod.resolve(context.work / "exports-imported")
    target.ensure()
    load = _timed(lambda: ExportService(target).import_all(whole))

    median = {name: statistics.median(values) for name, values in times.items()}
    size = {name: (out / file).stat().st_size / 1e6 for name, file in (("csv", "list.csv"), ("xlsx", "list.xlsx"),
                                                                       ("json", "all.json"))}
    return [
        Row(f"exports: {N:,} volunteers to .csv, median", median["csv"], median["csv ref"], unit="s",
            reference_name="the same cell texts written with the csv module alone",
            note=_verdict(median["csv"], 2) + f"; {size['csv']:.1f} MB; {rounds} rounds"),
        Row(f"exports: {N:,} volunteers to .xlsx, median", median["xlsx"], median["xlsx ref"], unit="s",
            reference_name="the same typed rows in a bare openpyxl write-only sheet",
            note=_verdict(median["xlsx"], 10) + f"; {size['xlsx']:.1f} MB; {rounds} rounds"),
        Row("exports: bare XlsxWriter sheet of the same rows, median", median["xlsx floor"], median["xlsx ref"],
            unit="s", reference_name="the same typed rows in a bare openpyxl write-only sheet",
            note="the floor of the library the export writes with"),
        Row("exports: whole database to JSON, median", statistics.median(dump), unit="s",
            note=f"{size['json']:.0f} MB; no target"),
        Row("exports: whole database from JSON into an empty one", load, unit="s",
            note="one round; one transaction, search index rebuilt; no target"),
    ]
