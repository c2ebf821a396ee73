"""Import volunteers from .xlsx and .csv: preview, check (the form's rules), run (one transaction).

The import dialog and ``kommandesk-cli import volunteers`` call exactly this (see the contract of issue 4).

* ``preview`` reads the file (:mod:`kommandesk.interchange.tabular`) and guesses which column holds which field
  (:mod:`kommandesk.interchange.volunteer_columns`).
* ``check`` builds a domain ``Volunteer`` from every row and validates it with the VolunteerService (the same
  rules as the form), and looks for likely duplicates (the service's duplicate check against the database, and
  the same folded name + date of birth or the same email within the file).
* ``run`` checks again and inserts all rows in ONE transaction (the repository's bulk insert); an exception, a
  cancel from ``progress`` included, rolls everything back.

The service runs on a worker thread in the GUI: it opens its own store connection in ``check`` and ``run`` and
closes it at the end (an sqlite connection belongs to the thread that opened it).

Decisions an import has to make, as the contract leaves them open:

* An imported row is registered today, with a history entry "Import <file name>", status from the file
  (applicant when empty); "active" needs a date of consent (the domain rule), else the row has a problem.
* A date of consent records a consent for contact by the coordinator (nothing more is known from a list), with the
  text version "not recorded (import)".
* A date in "police certificate inspected" records an inspection, inspected by "Import <file name>", with the
  result from a result column ("relevanter Eintrag", or a clearance state as KommanDesk exports it); without one,
  with no relevant entry (lists record the inspection of certificates that were fine). A relevant entry without
  an inspection date is a problem.
* The file is read again by ``check`` and ``run`` (the preview holds only the first rows); the last file read is
  kept while its size and time stamp stay the same, and ``run`` after a ``check`` of the same file and mapping
  reuses its validated rows (it looks for duplicates again).
* A dry run's result counts the rows that would be imported (``imported``) and writes nothing, no error file
  either.
* IMPORT_FIELDS has one field more than the contract, at the end: ``clearance_result``.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import N_, _, current_language
from kommandesk.paths import Paths
from kommandesk.services.import_files import (ImportOptions, ImportPreview, ImportResult, Problem,
                                              default_error_file, import_transaction, mapped_columns, preview_of,
                                              problems_summary, table_as_previewed)

if TYPE_CHECKING:
    from kommandesk.interchange.tabular import Cell, ReadOptions, Table
    from kommandesk.services.context import Services
    from kommandesk.services.volunteers import VolunteerService

# The contract's fields, and one more at the end: the result of the inspection of the police certificate.
# Without it an imported inspection date would always mean "no relevant entry" - also for a list (or an export
# of KommanDesk: its "Clearance" column) that says "relevant entry" for someone who must not work with children.
IMPORT_FIELDS: tuple[str, ...] = ("first_name", "last_name", "email", "phone", "street", "postcode", "town",
                                  "birth_date", "gender", "languages", "areas", "availability", "clearance_issued_on",
                                  "clearance_inspected_on", "consent_given_on", "status", "notes", "clearance_result")

_LABELS = {
    "first_name": N_("First name"), "last_name": N_("Last name"), "email": N_("Email"), "phone": N_("Phone"),
    "street": N_("Street"), "postcode": N_("Postcode"), "town": N_("Town"), "birth_date": N_("Date of birth"),
    "gender": N_("Gender"), "languages": N_("Languages"), "areas": N_("Areas of help"),
    "availability": N_("Availability"), "clearance_issued_on": N_("Police certificate issued"),
    "clearance_inspected_on": N_("Police certificate inspected"), "consent_given_on": N_("Consent given"),
    "status": N_("Status"), "notes": N_("Notes"), "clearance_result": N_("Police certificate result"),
}
REQUIRED_FIELDS = ("first_name", "last_name")
INSERT_BATCH = 500  # rows per bulk insert (progress is reported between two)
MAPPING_FORMAT = "kommandesk-import-mapping"

# a message of the domain about a field no column holds is shown under the column it comes from
_FIELD_SOURCE = {"consent_text_version": "consent_given_on", "clearance_inspected_by": "clearance_inspected_on",
                 "absences": "availability"}


def field_label(field: str) -> str:
    """The translated label of a field key ("Vorname" / "First name")."""
    return _(_LABELS[field]) if field in _LABELS else field


@dataclass(frozen=True)
class Duplicate:
    row: int
    name: str
    reason: str  # translated ("same email as V-2026-0042", "same name and date of birth as row 7")
    existing_reference: str | None  # None when the twin is another row of the file


@dataclass
class ImportReport:
    total_rows: int
    valid_rows: int
    problems: list[Problem]
    duplicates: list[Duplicate]


@dataclass
class _Column:
    index: int
    field: str
    header: str
    native: bool  # a "Muttersprache" column: a language without a level is the native one


@dataclass
class _Row:
    number: int
    cells: list
    volunteer: object = None  # the cleaned Volunteer, when it could be built
    problems: list[Problem] = field(default_factory=list)
    duplicate: Duplicate | None = None


class ImportService:
    def __init__(self, paths: Paths, today: Callable[[], date] = date.today):
        self._paths = paths
        self._today = today
        self._lock = threading.Lock()
        self._cached: tuple[tuple, Table] | None = None  # the last file read: (identity, table)
        self._built: tuple[Table, tuple, list[_Row]] | None = None  # the rows of the last check (see _check)

    # -- reading ------------------------------------------------------------------------------------------------

    def _read(self, path: Path, options: ReadOptions | None = None) -> Table:
        from kommandesk.interchange.tabular import ReadOptions, read_table
        from kommandesk.interchange.volunteer_columns import header_score

        options = options or ReadOptions()
        path = Path(path)
        try:
            stat = path.stat()
            identity = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, current_language())
        except OSError:
            identity = None
        with self._lock:
            if identity is not None and self._cached is not None and self._cached[0] == identity:
                table = self._cached[1]
                if all(wanted is None or wanted == found for wanted, found in (
                        (options.encoding, table.encoding), (options.delimiter, table.delimiter),
                        (options.sheet, table.sheet), (options.header_row, table.header_row))):
                    return table
        table = read_table(path, header_score, options)
        if identity is not None:
            with self._lock:
                self._cached = (identity, table)
        return table

    def preview(self, path: Path) -> ImportPreview:
        """The file's header, first rows and a guessed mapping; KommanDeskError with a translated message if the
        file cannot be read or holds no rows below its header."""
        from kommandesk.interchange.volunteer_columns import guess_mapping

        path = Path(path)
        return preview_of(path, self._read(path), guess_mapping, _(
            "{name} has a header (row {row}) but no volunteers below it: there is nothing to import."))

    def _table_of(self, preview: ImportPreview) -> Table:
        return table_as_previewed(self._read, preview)

    # -- checking -----------------------------------------------------------------------------------------------

    def check(self, preview: ImportPreview, mapping: dict[int, str | None],
              progress: Callable[[int, int], None] | None = None) -> ImportReport:
        """Every row validated with the form's rules, and the likely duplicates; nothing is written."""
        columns = _columns(preview, mapping)
        table = self._table_of(preview)
        services = self._open()
        try:
            report, _rows = self._check(services, preview, table, columns, progress, len(table.rows))
        finally:
            services.close()
        return report

    def _open(self) -> Services:
        from kommandesk.services.context import Services

        return Services.open(self._paths)

    def _volunteers(self, services: Services) -> VolunteerService:
        from kommandesk.services.volunteers import VolunteerService

        return VolunteerService(services.store, services.organisation, today=self._today)

    def _check(self, services: Services, preview: ImportPreview, table: Table, columns: list[_Column],
               progress: Callable[[int, int], None] | None, total: int) -> tuple[ImportReport, list[_Row]]:
        """Every row built and validated, then its likely duplicate. The built rows are kept for a run() of the
        same file, mapping, day and catalogue of areas on this service (the dialog checks, then imports): the
        run looks for duplicates again (the database may have changed) but does not parse and validate again."""
        from kommandesk.domain import volunteers as rules
        from kommandesk.store.volunteers_repo import VolunteerRepository

        volunteers = self._volunteers(services)
        repo = VolunteerRepository(services.store)
        areas = volunteers.areas()
        today = self._today()
        key = (tuple((c.index, c.field) for c in columns), today,
               tuple((a.id, a.name_de, a.name_en, a.key, a.retired_on) for a in areas), current_language())
        with self._lock:
            built = self._built[2] if self._built is not None and self._built[0] is table \
                and self._built[1] == key else None
        reason = _("Import {file}").format(file=preview.path.name)
        builder = _Builder(columns, areas, today, reason)
        rows: list[_Row] = []
        seen_names: dict[tuple, int] = {}
        seen_emails: dict[str, int] = {}
        step = max(1, len(table.rows) // 100)
        for position, (number, cells) in enumerate(table.rows):
            if built is not None:
                row = dataclasses.replace(built[position], duplicate=None)
            else:
                row = self._built_row(builder, number, cells)
            if row.volunteer is not None:
                row.duplicate = _duplicate(volunteers, repo, row.volunteer, number,
                                           rules.duplicate_key(row.volunteer), seen_names, seen_emails)
            rows.append(row)
            if progress is not None and (position % step == 0 or position + 1 == len(table.rows)):
                progress(position + 1, total)
        with self._lock:
            self._built = (table, key, rows)
        problems = _header_problems(preview, table, columns) + [p for row in rows for p in row.problems]
        report = ImportReport(total_rows=len(rows), valid_rows=sum(1 for row in rows if not row.problems),
                              problems=problems, duplicates=[row.duplicate for row in rows if row.duplicate])
        return report, rows

    @staticmethod
    def _built_row(builder: _Builder, number: int, cells: list) -> _Row:
        from kommandesk.domain.volunteers import validate as form_rules

        vol, failed, problems = builder.build(number, cells)
        vol = vol.cleaned()
        # The form's rules, as VolunteerService.validate applies them to a new profile; its look-up of each area id
        # is left out (the ids come from the catalogue read for this check), and the profile is cleaned once.
        for name, message in form_rules(vol, builder.today).items():
            source = _FIELD_SOURCE.get(name, name)
            if source not in failed:  # a cell that could not be read was reported already
                problems.append(Problem(number, builder.header_of(source), source, message))
        return _Row(number, cells, vol, problems)

    # -- importing ----------------------------------------------------------------------------------------------

    def run(self, preview: ImportPreview, mapping: dict[int, str | None], options: ImportOptions,
            progress: Callable[[int, int], None] | None = None) -> ImportResult:
        """Check again, then insert the rows in one transaction (nothing at all when a row has a problem, unless
        ``skip_invalid``: then the invalid rows go to the error file). A dry run writes nothing.

        An exception from ``progress`` (the user cancelled) rolls the transaction back and is raised again."""
        from kommandesk.services.geo import postcode_coordinates
        from kommandesk.store.volunteers_repo import VolunteerRepository

        columns = _columns(preview, mapping)
        table = self._table_of(preview)
        count = len(table.rows)
        total = count if options.dry_run else 2 * count
        services = self._open()
        try:
            report, rows = self._check(services, preview, table, columns, progress, total)
            invalid = [row for row in rows if row.problems]
            if report.problems and not options.skip_invalid:
                raise KommanDeskError(problems_summary(report))
            chosen = [row for row in rows if not row.problems and (row.duplicate is None or options.include_duplicates)]
            skipped_duplicates = sum(1 for row in rows if not row.problems and row.duplicate is not None
                                     and not options.include_duplicates)
            error_file = None
            if invalid and not options.dry_run:
                error_file = options.error_file or default_error_file(preview.path)
            if options.dry_run:
                return ImportResult(imported=len(chosen), skipped_invalid=len(invalid),
                                    skipped_duplicates=skipped_duplicates, error_file=None, dry_run=True)
            repo = VolunteerRepository(services.store)
            year = self._today().year
            with import_transaction(services.store.db, error_file, preview.headers, invalid):
                for start in range(0, len(chosen), INSERT_BATCH):
                    batch = chosen[start:start + INSERT_BATCH]
                    repo.insert_many([(row.volunteer, postcode_coordinates(row.volunteer.postcode))
                                      for row in batch], year)
                    if progress is not None:
                        progress(count + start + len(batch), total)
                if progress is not None:
                    progress(total, total)
            return ImportResult(imported=len(chosen), skipped_invalid=len(invalid),
                                skipped_duplicates=skipped_duplicates, error_file=error_file, dry_run=False)
        finally:
            services.close()

    # -- mappings -----------------------------------------------------------------------------------------------

    @staticmethod
    def load_mapping(path: Path, preview: ImportPreview) -> dict[int, str | None]:
        """A mapping saved as JSON (header text -> field key or null) applied to this file's columns. Headers it
        names are matched ignoring case and diacritics; columns it does not name are guessed as usual."""
        from kommandesk.interchange.volunteer_columns import guess_mapping, header_key

        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise KommanDeskError(_("The mapping file {path} does not exist.").format(path=path)) from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise KommanDeskError(_("The mapping file {path} cannot be read: {reason}").format(
                path=path, reason=getattr(exc, "strerror", None) or exc)) from None
        columns = data.get("columns", data) if isinstance(data, dict) else None
        if not isinstance(columns, dict):
            raise KommanDeskError(_("The mapping file {path} does not hold a mapping: it must be a JSON object "
                                    "that gives a field for each column header.").format(path=path))
        named: dict[str, str | None] = {}
        for header, value in columns.items():
            if header in ("format", "version") and "columns" not in data:
                continue
            if value is not None and value not in IMPORT_FIELDS:
                raise KommanDeskError(_("The mapping file {path} assigns \u201c{header}\u201d to \u201c{field}\u201d, "
                                        "which is not a field. The fields are: {fields}.").format(
                                            path=path, header=header, field=value, fields=", ".join(IMPORT_FIELDS)))
            named.setdefault(header_key(str(header)), value)
        mapping: dict[int, str | None] = {}
        used: set[str] = set()
        for index, header in enumerate(preview.headers):
            key = header_key(header)
            if key in named and index not in mapping:
                mapping[index] = named.pop(key)
                if mapping[index]:
                    used.add(mapping[index])
        guessed = guess_mapping(preview.headers)
        for index in range(len(preview.headers)):
            if index not in mapping:
                guess = guessed.get(index)
                mapping[index] = guess if guess and (guess not in used or guess in _MULTI) else None
        return dict(sorted(mapping.items()))

    @staticmethod
    def save_mapping(path: Path, preview: ImportPreview, mapping: dict[int, str | None]) -> None:
        """Save the mapping as JSON, by header text, to use it again for the next file of the same shape."""
        from kommandesk.interchange.atomic import replacing

        columns: dict[str, str | None] = {}
        for index, header in enumerate(preview.headers):
            columns.setdefault(header, mapping.get(index))
        text = json.dumps({"format": MAPPING_FORMAT, "version": 1, "columns": columns}, ensure_ascii=False,
                          indent=2) + "\n"
        path = Path(path)
        try:
            with replacing(path) as temporary:
                temporary.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise KommanDeskError(_("The mapping cannot be saved to {path}: {reason}").format(
                path=path, reason=exc.strerror or exc)) from None


# -- helpers --------------------------------------------------------------------------------------------------

_MULTI = frozenset({"languages", "areas", "notes"})


def _columns(preview: ImportPreview, mapping: dict[int, str | None]) -> list[_Column]:
    """The mapped columns; KommanDeskError when the mapping cannot work (a field twice, no name columns)."""
    from kommandesk.interchange.volunteer_columns import is_native_language_header

    mapped, by_field = mapped_columns(preview, mapping, IMPORT_FIELDS, _MULTI, field_label)
    columns = [_Column(index, key, header, is_native_language_header(header)) for index, key, header in mapped]
    missing = [f for f in REQUIRED_FIELDS if f not in by_field]
    if len(missing) == 2:
        raise KommanDeskError(_("No columns are assigned to {first} and {last}: every volunteer needs a first and "
                                "a last name.").format(first=field_label(missing[0]), last=field_label(missing[1])))
    if missing:
        raise KommanDeskError(_("No column is assigned to {field}: every volunteer needs a first and a last "
                                "name.").format(field=field_label(missing[0])))
    return columns


def _header_problems(preview: ImportPreview, table: Table, columns: list[_Column]) -> list[Problem]:
    """A header that appears twice: the second column is reported when nobody assigned it and it holds data."""
    from kommandesk.interchange.tabular import column_letter, is_blank
    from kommandesk.interchange.volunteer_columns import header_key

    mapped = {column.index for column in columns}
    first_seen: dict[str, int] = {}
    problems = []
    for index, header in enumerate(preview.headers):
        key = header_key(header) or header
        if key not in first_seen:
            first_seen[key] = index
            continue
        if index in mapped or all(is_blank(cells[index]) for _n, cells in table.rows):
            continue
        problems.append(Problem(preview.header_row, header, None, _(
            "The column \u201c{column}\u201d appears twice (columns {first} and {second}); only the first one is "
            "imported. Rename one of them in the file, or assign the second one to a field.").format(
                column=header, first=column_letter(first_seen[key]), second=column_letter(index))))
    return problems


def _duplicate(volunteers: VolunteerService, repo, vol, number: int, keys: tuple, seen_names: dict,
               seen_emails: dict) -> Duplicate | None:
    """A twin in the database (the service's duplicate check, asked only when the repository's index look-up
    finds a candidate: most rows have none), else an earlier row of the file."""
    by_name, email = keys
    found = None
    twins = volunteers.find_duplicates(vol) if (by_name or email) and repo.duplicate_ids(by_name, email, None) \
        else []
    if twins:
        twin = twins[0]
        reason = (_("same email as {reference}") if email and twin.email.lower() == email
                  else _("same name and date of birth as {reference}")).format(reference=twin.reference)
        found = Duplicate(number, vol.full_name, reason, twin.reference)
    elif email and email in seen_emails:
        found = Duplicate(number, vol.full_name, _("same email as row {row}").format(row=seen_emails[email]), None)
    elif by_name and by_name in seen_names:
        found = Duplicate(number, vol.full_name,
                          _("same name and date of birth as row {row}").format(row=seen_names[by_name]), None)
    if email:
        seen_emails.setdefault(email, number)
    if by_name:
        seen_names.setdefault(by_name, number)
    return found


class _Builder:
    """Turns the cells of one row into a Volunteer (and the problems of the cells it cannot read)."""

    def __init__(self, columns: list[_Column], areas: list, today: date, reason: str):
        from kommandesk.interchange import volunteer_columns as vc

        self._columns = columns
        self._areas = areas
        self.today = today
        self._reason = reason
        self._vc = vc
        self._area_names = vc.area_names(areas)
        self._parsed: dict[tuple, object] = {}  # (field, native column, cell) -> value or CellError: cells repeat
        self._headers: dict[str, str] = {}
        for column in columns:
            self._headers.setdefault(column.field, column.header)

    def header_of(self, field_key: str) -> str:
        return self._headers.get(field_key, "")

    def _parse(self, key: str, native: bool, cell: Cell) -> object:
        """The parsed value of a cell (a CellError is raised again): languages, areas, availability, dates,
        gender and status repeat from row to row, and each distinct cell is parsed once."""
        memo_key = (key, native, type(cell), cell)
        try:
            found = self._parsed[memo_key]
        except KeyError:
            found = self._parsed[memo_key] = self._parse_new(key, native, cell)
        except TypeError:  # an unhashable cell: not expected from the readers
            found = self._parse_new(key, native, cell)
        if isinstance(found, KommanDeskError):
            raise found
        return found

    def _parse_new(self, key: str, native: bool, cell: Cell) -> object:
        from kommandesk.domain.languages import Level

        vc = self._vc
        try:
            if key in ("birth_date", "clearance_issued_on", "clearance_inspected_on", "consent_given_on"):
                return vc.parse_date(cell, self.today)
            if key == "gender":
                return vc.parse_gender(cell)
            if key == "status":
                return vc.parse_status(cell)
            if key == "clearance_result":
                return vc.parse_clearance_result(cell)
            if key == "languages":
                return vc.parse_languages(cell, Level.NATIVE if native else None)
            if key == "areas":
                return vc.parse_areas(cell, self._areas, self._area_names)
            if key == "availability":
                return vc.parse_availability(cell)
        except KommanDeskError as exc:
            return exc
        raise AssertionError(key)

    def build(self, number: int, cells: list) -> tuple[object, set[str], list[Problem]]:
        from kommandesk.domain.availability import Availability
        from kommandesk.domain.clearance import Clearance, ClearanceResult
        from kommandesk.domain.volunteers import Consent, ConsentPurpose, Gender, Status, StatusChange, Volunteer

        vc = self._vc
        values: dict[str, object] = {}
        failed: set[str] = set()
        problems: list[Problem] = []
        languages: list = []
        areas: list[str] = []
        notes: list[str] = []
        slots: set = set()
        by_arrangement = False
        for column in self._columns:
            cell = cells[column.index] if column.index < len(cells) else None
            key = column.field
            try:
                if key in ("first_name", "last_name", "email", "phone", "street", "town"):
                    values[key] = vc.parse_text(cell)
                elif key == "postcode":
                    values[key] = vc.parse_postcode(cell)
                elif key == "notes":
                    text = vc.parse_text(cell)
                    if text.strip():
                        notes.append(text)
                elif key == "languages":
                    languages.extend(self._parse(key, column.native, cell))
                elif key == "areas":
                    areas.extend(area for area in self._parse(key, False, cell) if area not in areas)
                elif key == "availability":
                    found = self._parse(key, False, cell)
                    slots |= found.slots
                    by_arrangement = by_arrangement or found.by_arrangement
                else:
                    values[key] = self._parse(key, False, cell)
            except KommanDeskError as exc:
                failed.add(key)
                problems.append(Problem(number, column.header, key, exc.message))
        status = values.get("status") or Status.APPLICANT
        consent_on = values.get("consent_given_on")
        inspected_on = values.get("clearance_inspected_on")
        result = values.get("clearance_result")
        if result is ClearanceResult.RELEVANT_ENTRY and inspected_on is None and "clearance_inspected_on" not in failed:
            failed.add("clearance_result")
            problems.append(Problem(number, self.header_of("clearance_result"), "clearance_result", _(
                "A relevant entry needs the date the certificate was inspected (and the date it was issued).")))
        if inspected_on is not None and result is None:
            result = ClearanceResult.NO_RELEVANT_ENTRY  # a list records the inspections of certificates that were fine
        vol = Volunteer(
            first_name=values.get("first_name", ""), last_name=values.get("last_name", ""),
            birth_date=values.get("birth_date"), gender=values.get("gender") or Gender.NOT_STATED,
            email=values.get("email", ""), phone=values.get("phone", ""), street=values.get("street", ""),
            postcode=values.get("postcode", ""), town=values.get("town", ""), status=status,
            notes="\n".join(notes), registered_on=self.today, languages=tuple(languages), areas=tuple(areas),
            availability=Availability(frozenset(slots), by_arrangement),
            clearance=Clearance(issued_on=values.get("clearance_issued_on"), inspected_on=inspected_on,
                                inspected_by=self._reason if inspected_on else "",
                                result=result if inspected_on else None),
            consent=Consent(consent_on, frozenset({ConsentPurpose.CONTACT}), _("not recorded (import)"))
            if consent_on else None,
            history=(StatusChange(status, self.today, self._reason),),
        )
        return vol, failed, problems


def report_dict(report: ImportReport, result: ImportResult | None = None) -> dict:
    """The report (and result) as JSON-friendly data (the CLI's --json)."""
    data: dict = {"total_rows": report.total_rows, "valid_rows": report.valid_rows,
                  "problems": [dataclasses.asdict(p) for p in report.problems],
                  "duplicates": [dataclasses.asdict(d) for d in report.duplicates]}
    if result is not None:
        data |= {"imported": result.imported, "skipped_invalid": result.skipped_invalid,
                 "skipped_duplicates": result.skipped_duplicates,
                 "error_file": str(result.error_file) if result.error_file else None, "dry_run": result.dry_run}
    return data
