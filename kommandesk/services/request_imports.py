"""Import support requests from .xlsx and .csv: preview, check (the form's rules), run (one transaction).

``kommandesk-cli import requests`` calls this; it is built like the volunteer import
(:mod:`kommandesk.services.imports`): the same readers (:mod:`kommandesk.interchange.tabular`), header guessing
(:mod:`kommandesk.interchange.request_columns`), per-row problems, the same error file for ``skip_invalid``, one
transaction, a dry run that writes nothing. Like that service it opens its own store connection in ``check`` and
``run`` (a GUI would run it on a worker thread).

Decisions an import of requests makes:

* References are given by KommanDesk. A reference in the file that exists already is a problem ("exists
  already": the request was imported or entered before); any other reference (the list's own numbering) is not
  kept: the request gets the next A-YYYY-NNNN, and the result says which row got which reference. The same
  reference twice in the file is a problem too.
* Every request is received today, status "new", with a history entry "Import <file name>".
* A date of consent records a consent, "not recorded (import)" as what was agreed (as the volunteer import does).
* Weekly times need a first day: a column "Beginn" / "Start" (and "Ende" / "End" for the last day, else
  open-ended). A first or last day without weekly times is a problem (the request's rule: choose a weekly time).
* A postcode that is not in KommanDesk's table is a note, not a problem: the request is imported, distances to
  it are unknown when matching.
* There are no likely duplicates (a family may need help more than once); ``ImportOptions.include_duplicates``
  has no effect.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import N_, _
from kommandesk.paths import Paths
from kommandesk.services.import_files import (ImportOptions, ImportPreview, ImportResult, Problem,
                                              default_error_file, import_transaction, mapped_columns, preview_of,
                                              problems_summary, table_as_previewed)

if TYPE_CHECKING:
    from kommandesk.domain.requests import SupportRequest
    from kommandesk.interchange.tabular import Table
    from kommandesk.services.context import Services
    from kommandesk.services.requests import RequestService

_LABELS = {
    "reference": N_("Reference"), "person": N_("First name or initials"), "household_size": N_("Household size"),
    "person_languages": N_("Languages spoken"), "site": N_("Site"), "site_contact": N_("Contact person"),
    "area": N_("Area of help"), "languages": N_("Language needed"), "gender": N_("Preferred gender"),
    "children": N_("Children involved"), "postcode": N_("Postcode"), "appointment": N_("Appointment"),
    "slots": N_("Weekly times"), "first_day": N_("First day"), "last_day": N_("Last day"),
    "urgency": N_("Urgency"), "description": N_("Description"), "consent_given_on": N_("Consent given"),
}
REQUIRED_FIELDS = ("person",)
# a message of the request's rules about a field -> the import field whose column it is shown under
_RULE_SOURCE = {"area_id": "area", "recurrence_first_day": "first_day", "recurrence_slots": "slots",
                "recurrence_last_day": "last_day", "consent_agreed": "consent_given_on",
                "received_on": None, "status": None}


def field_label(key: str) -> str:
    """The translated label of an import field ("Tätigkeit" / "Area of help")."""
    return _(_LABELS[key]) if key in _LABELS else key


@dataclass(frozen=True)
class RequestImportReport:
    total_rows: int
    valid_rows: int
    problems: list[Problem]
    notes: list[Problem]  # imported anyway, but worth knowing (a postcode not in the table)


@dataclass(frozen=True)
class Created:
    row: int
    reference: str  # given by KommanDesk
    file_reference: str  # as the file had it ("" when none)


@dataclass(frozen=True)
class RequestImportResult(ImportResult):
    created: tuple[Created, ...] = ()


@dataclass
class _Row:
    number: int
    cells: list
    request: SupportRequest | None = None
    file_reference: str = ""
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


class RequestImportService:
    def __init__(self, paths: Paths, today: Callable[[], date] = date.today):
        self._paths = paths
        self._today = today

    # -- reading ------------------------------------------------------------------------------------------------

    def _read(self, path: Path, options=None) -> Table:
        from kommandesk.interchange.request_columns import header_score
        from kommandesk.interchange.tabular import ReadOptions, read_table

        return read_table(Path(path), header_score, options or ReadOptions())

    def preview(self, path: Path) -> ImportPreview:
        """The file's header, first rows and a guessed mapping; KommanDeskError (translated) if it cannot be
        read or holds no rows below its header."""
        from kommandesk.interchange.request_columns import guess_mapping

        path = Path(path)
        return preview_of(path, self._read(path), guess_mapping, _(
            "{name} has a header (row {row}) but no requests below it: there is nothing to import."))

    def _table_of(self, preview: ImportPreview) -> Table:
        return table_as_previewed(self._read, preview)

    def _open(self) -> Services:
        from kommandesk.services.context import Services

        return Services.open(self._paths)

    def _requests(self, services: Services) -> RequestService:
        from kommandesk.services.requests import RequestService
        from kommandesk.services.volunteers import VolunteerService

        volunteers = VolunteerService(services.store, services.organisation, today=self._today)
        return RequestService(services.store, volunteers, today=self._today)

    # -- checking -----------------------------------------------------------------------------------------------

    def check(self, preview: ImportPreview, mapping: dict[int, str | None]) -> RequestImportReport:
        """Every row built and validated with the form's rules; nothing is written."""
        columns = _columns(preview, mapping)
        table = self._table_of(preview)
        services = self._open()
        try:
            report, _rows = self._check(services, preview, table, columns)
        finally:
            services.close()
        return report

    def _check(self, services: Services, preview: ImportPreview, table: Table,
               columns: list[tuple[int, str, str]]) -> tuple[RequestImportReport, list[_Row]]:
        from kommandesk.services.request_import_rows import RowBuilder

        requests = self._requests(services)
        reason = _("Import {file}").format(file=preview.path.name)
        builder = RowBuilder(columns, _areas(services, self._today), self._today(), reason)
        rows: list[_Row] = []
        seen: dict[str, int] = {}
        for number, cells in table.rows:
            row = _Row(number, cells)
            req, failed, row.problems, row.notes, row.file_reference = builder.build(number, cells)
            if row.file_reference:
                header = builder.header_of("reference")
                if row.file_reference in seen:
                    row.problems.append(Problem(number, header, "reference", _(
                        "The reference {reference} is in row {row} too: is it the same request twice?").format(
                            reference=row.file_reference, row=seen[row.file_reference])))
                else:
                    seen[row.file_reference] = number
                    existing = _existing(requests, row.file_reference)
                    if existing is not None:
                        row.problems.append(Problem(number, header, "reference", _(
                            "The request {reference} exists already in KommanDesk. Delete the row, or empty the "
                            "cell to import it as a new request.").format(reference=existing)))
            req = req.cleaned()
            for name, message in requests.validate(req).items():
                source = _RULE_SOURCE.get(name, name)
                if source is None or source not in failed:  # a cell that could not be read was reported already
                    row.problems.append(Problem(number, builder.header_of(source) if source else "", source,
                                                message))
            row.request = req
            rows.append(row)
        problems = [problem for row in rows for problem in row.problems]
        notes = [note for row in rows for note in row.notes]
        valid = sum(1 for row in rows if not row.problems)
        return RequestImportReport(len(rows), valid, problems, notes), rows

    # -- importing ----------------------------------------------------------------------------------------------

    def run(self, preview: ImportPreview, mapping: dict[int, str | None],
            options: ImportOptions) -> RequestImportResult:
        """Check again, then insert the valid requests in one transaction (nothing at all when a row has a
        problem, unless ``skip_invalid``: then the invalid rows go to the error file). A dry run writes nothing."""
        columns = _columns(preview, mapping)
        table = self._table_of(preview)
        services = self._open()
        try:
            report, rows = self._check(services, preview, table, columns)
            if report.problems and not options.skip_invalid:
                raise KommanDeskError(problems_summary(report))
            invalid = [row for row in rows if row.problems]
            chosen = [row for row in rows if not row.problems]
            if options.dry_run:
                return RequestImportResult(imported=len(chosen), skipped_invalid=len(invalid), skipped_duplicates=0,
                                           error_file=None, dry_run=True)
            error_file = (options.error_file or default_error_file(preview.path)) if invalid else None
            requests = self._requests(services)
            reason = _("Import {file}").format(file=preview.path.name)
            with import_transaction(services.store.db, error_file, preview.headers, invalid):
                ids = requests.import_many([row.request for row in chosen], reason) if chosen else []
            created = tuple(Created(row.number, requests.get(request_id).reference or "", row.file_reference)
                            for row, request_id in zip(chosen, ids))
            return RequestImportResult(imported=len(chosen), skipped_invalid=len(invalid), skipped_duplicates=0,
                                       error_file=error_file, dry_run=False, created=created)
        finally:
            services.close()


# -- helpers --------------------------------------------------------------------------------------------------

def _areas(services: Services, today: Callable[[], date]) -> list:
    from kommandesk.services.volunteers import VolunteerService

    return VolunteerService(services.store, services.organisation, today=today).areas()


def _existing(requests: RequestService, reference: str) -> str | None:
    """The reference of the stored request the file's reference names, or None."""
    try:
        return requests.get_by_reference(reference).reference
    except KommanDeskError:
        return None


def _columns(preview: ImportPreview, mapping: dict[int, str | None]) -> list[tuple[int, str, str]]:
    """(index, field, header) of the mapped columns; KommanDeskError when the mapping cannot work."""
    from kommandesk.interchange.request_columns import MULTI_COLUMN_FIELDS, REQUEST_FIELDS

    columns, by_field = mapped_columns(preview, mapping, REQUEST_FIELDS, MULTI_COLUMN_FIELDS, field_label)
    if "person" not in by_field:
        raise KommanDeskError(_("No column holds {field}: every request needs the first name or initials of the "
                                "person it is for (a column \u201cVorname\u201d or \u201cFirst name\u201d).").format(
                                    field=field_label("person")))
    return columns


def report_dict(report: RequestImportReport, result: RequestImportResult | None = None) -> dict:
    """The report (and result) as JSON-friendly data (the CLI's --json)."""
    data: dict = {"total_rows": report.total_rows, "valid_rows": report.valid_rows,
                  "problems": [dataclasses.asdict(p) for p in report.problems],
                  "notes": [dataclasses.asdict(n) for n in report.notes]}
    if result is not None:
        data |= {"imported": result.imported, "skipped_invalid": result.skipped_invalid,
                 "error_file": str(result.error_file) if result.error_file else None, "dry_run": result.dry_run,
                 "created": [dataclasses.asdict(c) for c in result.created]}
    return data
