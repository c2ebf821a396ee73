"""Exports: the volunteers list to .xlsx / .csv / .json, and the whole database to JSON and back.

Each call opens its own connection to the database (``Services.open``) on the calling thread and closes it at the
end: the UI runs exports on a worker thread, and an SQLite connection belongs to the thread that opened it.
Files are written to a temporary file beside the target and renamed into place at the end, so a failed or
cancelled export leaves no half-written file and an older file of the same name untouched.

Moving data between installations: the whole-database JSON file
=================================================================

``kommandesk-cli export all data.json`` writes, and ``kommandesk-cli import json data.json`` reads::

    {
      "format": "kommandesk-export",          # always this: a file without it is not ours and is refused
      "schema_version": 2,                    # the schema version of the database that wrote it
      "app_version": "0.1.0",                 # the KommanDesk that wrote it (information only)
      "exported_at": "2026-11-25T12:00:00.000+00:00",   # UTC, ISO 8601
      "tables": {
        "organisation": [{"id": "...", "name": "...", "logo": {"base64": "iVBORw0K..."}, ...}],
        "areas_of_help": [...],
        "volunteers": [...],
        ...
      }
    }

* ``tables`` holds every table of the database (found in ``sqlite_master``; SQLite's own tables and the full-text
  indexes are left out: the indexes are rebuilt on import). Each row is an object column -> value, exactly as
  stored: texts, integers, reals, ``null``; dates are ISO texts as in the database; a blob (the organisation's
  logo) is an object ``{"base64": "..."}``. Rows are in stored order, one per line.
* Importing needs an empty database (the areas of help a new database starts with count as empty: they are
  replaced). A file from a newer schema is refused (install the newer KommanDesk); a file from an older schema is
  brought up to date with the same migrations a database goes through. Everything is loaded in one transaction:
  a file with a problem leaves the database as it was.
* The file holds personal data in plain text: keep it as carefully as the database, and delete it once it has
  been imported.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kommandesk import __version__
from kommandesk.domain.errors import KommanDeskError, StorageError
from kommandesk.i18n import _, current_language
from kommandesk.paths import Paths

if TYPE_CHECKING:
    from kommandesk.services.context import Services
    from kommandesk.services.volunteers import VolunteerQuery

FORMAT = "kommandesk-export"
VOLUNTEERS_FORMAT = "kommandesk-volunteers"
BLOB_KEY = "base64"
# seeded by the migrations (areas of help, the tax-free limits by year): a new database holds them and still counts
# as empty
CATALOGUES = ("areas_of_help", "allowance_limits")
PROGRESS_EVERY = 500  # rows between two progress reports
SUFFIXES = (".xlsx", ".csv", ".json")

Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    pass


class ExportService:
    def __init__(self, paths: Paths):
        self._paths = paths

    def _open(self) -> "Services":
        from kommandesk.services.context import Services

        return Services.open(self._paths)

    # -- the volunteers list -----------------------------------------------------------------------------------

    def export_volunteers(self, path: Path, query: "VolunteerQuery | None" = None,
                          progress: Progress | None = None) -> int:
        """The volunteers the list shows for ``query`` (default: everyone but the archived), in its order, to
        ``path``: .xlsx, .csv or .json by its suffix. Returns the number of volunteers written."""
        from kommandesk.services.volunteers import VolunteerQuery

        path = Path(path)
        kind = path.suffix.lower()
        if kind not in SUFFIXES:
            raise KommanDeskError(_("Choose a file name ending in .xlsx, .csv or .json (not {name}).").format(
                name=path.name))
        progress = progress or _no_progress
        services = self._open()
        try:
            from kommandesk.store.volunteer_export import VolunteerExportReader

            volunteers = services.volunteers
            flt = volunteers.list_filter(query or VolunteerQuery())  # the list's own filter: the same rows
            reader = VolunteerExportReader(services.store)
            language = current_language()
            area_names = {area.id: area.name(language) for area in volunteers.areas(include_retired=True)}
            with reader.snapshot():
                total = reader.count(flt)
                progress(0, total)
                rows = _counted(reader.rows(flt), total, progress)
                if kind == ".json":
                    all_areas = {area.id: area for area in volunteers.areas(include_retired=True)}
                    written = write_file(path, lambda target: _volunteers_json(target, rows, all_areas))
                else:
                    written = write_file(path, lambda target: _volunteers_sheet(target, kind, rows, area_names))
            return written
        finally:
            services.close()

    # -- the whole database ------------------------------------------------------------------------------------

    def export_all(self, path: Path, progress: Progress | None = None) -> dict[str, int]:
        """Every table to a JSON file (the format above); returns the rows written per table."""
        from kommandesk.store import transfer

        path = Path(path)
        progress = progress or _no_progress
        services = self._open()
        try:
            store = services.store
            with transfer.snapshot(store):
                counts = transfer.counts(store.conn)
                total = sum(counts.values())
                progress(0, total)
                header = {"format": FORMAT, "schema_version": store.schema_version, "app_version": __version__,
                          "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")}
                write_file(path, lambda target: _dump_json(target, store, header, counts, progress))
            return counts
        finally:
            services.close()

    def import_all(self, path: Path, progress: Progress | None = None) -> dict[str, int]:
        """Load a whole-database JSON file into the (empty) database; returns the rows loaded per table.
        KommanDeskError with a translated message, and nothing changed, when the file or the database is not
        fit for it."""
        from kommandesk.store import transfer
        from kommandesk.store.migrations import LATEST_VERSION

        path = Path(path)
        data = _read_json(path)
        version = data["schema_version"]
        if version > LATEST_VERSION:
            raise KommanDeskError(_(
                "{name} was written by a newer version of KommanDesk (schema {found}, this version knows {known}). "
                "Please install the newer version to import it. Nothing was changed.").format(
                name=path.name, found=version, known=LATEST_VERSION))
        tables = _decoded_tables(data["tables"], path)
        services = self._open()

        def only_into_an_empty_database() -> None:  # checked inside the load's transaction: nobody writes between
            if not is_empty(services):
                raise KommanDeskError(_(
                    "The database already holds data. A whole-database file is only imported into an empty "
                    "database: start KommanDesk with a new data folder (--data-dir) and import it there. "
                    "Nothing was changed."))

        try:
            only_into_an_empty_database()  # before the work of bringing an older file up to date
            try:
                return transfer.load(services.store, tables, progress=progress, schema_version=version,
                                     check=only_into_an_empty_database)
            except transfer.TransferError as exc:
                raise KommanDeskError(_transfer_message(exc, path)) from exc
            except sqlite3.IntegrityError as exc:
                raise KommanDeskError(_(
                    "{name} does not fit together ({reason}). Nothing was changed.").format(
                    name=path.name, reason=exc)) from exc
            except sqlite3.OperationalError as exc:
                raise StorageError(_(
                    "The database could not take the data: {reason}. Nothing was changed.").format(
                    reason=exc)) from exc
        finally:
            services.close()


# -- helpers ------------------------------------------------------------------------------------------------------

def _counted(rows: Iterator, total: int, progress: Progress) -> Iterator:
    """Pass ``rows`` through, reporting progress every PROGRESS_EVERY rows and after the last one: a cancel
    (``progress`` raising) takes effect there, before the file is renamed into place."""
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % PROGRESS_EVERY == 0:
            progress(done, total)
    progress(done, total)


def check_folder(folder: Path) -> None:
    """The folder exists and a file can be created in it (a temporary file is made and removed); a clear message
    otherwise. Checked before a batch writes anything."""
    import os
    import tempfile

    if not folder.exists():
        raise KommanDeskError(_("The folder {folder} does not exist: create it or choose another one.").format(
            folder=folder))
    if not folder.is_dir():
        raise KommanDeskError(_("{folder} is not a folder: choose another one.").format(
            folder=folder))
    try:
        handle, name = tempfile.mkstemp(prefix=".kommandesk-", suffix=".part", dir=folder)
        os.close(handle)
        os.unlink(name)
    except OSError as exc:
        raise KommanDeskError(_("KommanDesk cannot write to the folder {folder}: {reason}. Choose another folder "
                                "or ask for write access.").format(folder=folder, reason=exc.strerror or exc)) from exc


def write_bytes(path: Path, data: bytes) -> None:
    """``data`` into ``path`` whole or not at all, with the messages of :func:`write_file` (a PDF, a calendar)."""
    write_file(Path(path), lambda temporary: temporary.write_bytes(data))


def write_file(path: Path, write: Callable[[Path], int]) -> int:
    """Run ``write`` on a temporary file beside ``path`` and rename it into place; OSError -> a clear message."""
    from kommandesk.interchange.atomic import replacing

    try:
        with replacing(path) as temporary:
            return write(temporary)
    except PermissionError as exc:
        raise KommanDeskError(_(
            "{path} could not be written: {reason}. If the file is open in Excel or another program, close it "
            "and try again; the file was left as it was.").format(path=path, reason=exc.strerror or exc)) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if path.exists():
            raise KommanDeskError(_("{path} could not be written: {reason}. The file was left as it was.").format(
                path=path, reason=reason)) from exc
        raise KommanDeskError(_("{path} could not be written: {reason}.").format(path=path, reason=reason)) from exc


def _volunteers_sheet(target: Path, kind: str, rows: Iterator, area_names: dict[str, str]) -> int:
    from kommandesk.interchange.volunteer_sheet import VolunteerSheet

    sheet = VolunteerSheet(area_names)
    cells = map(sheet.row, rows)
    if kind == ".csv":
        from kommandesk.interchange.csv_writer import write_csv

        return write_csv(target, sheet.columns, cells, sheet.language)
    from kommandesk.interchange.cells import excel_date_format
    from kommandesk.interchange.xlsx_writer import write_xlsx

    return write_xlsx(target, sheet.columns, cells, title=_("Volunteers"),
                      date_format=excel_date_format(sheet.language))


def _volunteers_json(target: Path, rows: Iterator, all_areas: dict) -> int:
    """The list for scripts: field names and values as stored (ISO dates, status and gender as codes)."""
    from kommandesk.domain.availability import Availability
    from kommandesk.interchange.volunteer_sheet import FIELDS, split_languages

    count = 0
    with target.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(json.dumps({"format": VOLUNTEERS_FORMAT, "app_version": __version__,
                             "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")},
                            ensure_ascii=False)[:-1])
        fh.write(', "volunteers": [')
        for values in rows:
            row = dict(zip(FIELDS, values))
            item = {key: value for key, value in row.items()
                    if key not in ("availability_slots", "by_arrangement", "languages_summary", "area_ids")}
            slots = sorted(Availability.decode_slots(row["availability_slots"]),
                           key=lambda slot: (slot[0], list(type(slot[1])).index(slot[1])))
            item["availability"] = {"slots": [[day, period.value] for day, period in slots],
                                    "by_arrangement": bool(row["by_arrangement"])}
            item["languages"] = [{"code": code, "level": level}
                                 for code, level in split_languages(row["languages_summary"])]
            item["areas"] = [{"id": area_id, "name_de": all_areas[area_id].name_de,
                              "name_en": all_areas[area_id].name_en}
                             for area_id in row["area_ids"].split(",") if area_id in all_areas]
            fh.write(("\n" if count == 0 else ",\n") + json.dumps(item, ensure_ascii=False))
            count += 1
        fh.write("\n]}\n")
    return count


def _encode(value: object) -> object:
    if isinstance(value, bytes):
        return {BLOB_KEY: base64.b64encode(value).decode("ascii")}
    return value


def _dump_json(target: Path, store, header: dict, counts: dict[str, int], progress: Progress) -> int:
    """Write the file table by table, row by row (the database is never all in memory)."""
    from kommandesk.store import transfer

    total = sum(counts.values())
    done = 0
    with target.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(json.dumps(header, ensure_ascii=False, indent=1)[:-2])
        fh.write(',\n "tables": {')
        for number, table in enumerate(counts):
            fh.write(("\n" if number == 0 else ",\n") + f"  {json.dumps(table)}: [")
            for position, row in enumerate(transfer.dump(store.conn, table)):
                fh.write(("\n" if position == 0 else ",\n") + json.dumps(
                    {key: _encode(value) for key, value in row.items()}, ensure_ascii=False,
                    separators=(",", ":")))
                done += 1
                if done % PROGRESS_EVERY == 0:
                    progress(done, total)
            fh.write("\n  ]" if counts[table] else "]")
        fh.write("\n }\n}\n")
    progress(done, total)  # the last chance to cancel: the file is not in place yet
    return done


def _not_ours(path: Path) -> KommanDeskError:
    return KommanDeskError(_(
        "{name} is not a KommanDesk data file (made with \"Export all\" or kommandesk-cli export all). "
        "Nothing was changed.").format(name=path.name))


def _read_json(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            raw = fh.read()
    except FileNotFoundError as exc:
        raise KommanDeskError(_("The file {path} does not exist.").format(path=path)) from exc
    except OSError as exc:
        raise KommanDeskError(_("The file {path} cannot be read: {reason}").format(
            path=path, reason=exc.strerror or exc)) from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _not_ours(path) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _not_ours(path)
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1 \
            or not isinstance(data.get("tables"), dict):
        raise KommanDeskError(_(
            "{name} is damaged: its schema version or its tables are missing. Nothing was changed.").format(
            name=path.name))
    return data


def _damaged(path: Path, table: str) -> KommanDeskError:
    return KommanDeskError(_(
        "{name} is damaged: the rows of the table {table} cannot be read. Nothing was changed.").format(
        name=path.name, table=table))


def _decoded_tables(tables: dict, path: Path) -> dict[str, list[dict]]:
    """Rows with blobs decoded; anything that is not a plain value is refused (the file was edited by hand)."""
    decoded: dict[str, list[dict]] = {}
    for table, rows in tables.items():
        if not isinstance(rows, list):
            raise _damaged(path, table)
        out = []
        for row in rows:
            if not isinstance(row, dict):
                raise _damaged(path, table)
            clean = {}
            for key, value in row.items():
                if isinstance(value, dict):
                    if set(value) != {BLOB_KEY} or not isinstance(value[BLOB_KEY], str):
                        raise _damaged(path, table)
                    try:
                        value = base64.b64decode(value[BLOB_KEY], validate=True)
                    except (binascii.Error, ValueError) as exc:
                        raise _damaged(path, table) from exc
                elif isinstance(value, bool) or not isinstance(value, (str, int, float, type(None))) \
                        or (isinstance(value, int) and not -2**63 <= value < 2**63):  # SQLite's integers
                    raise _damaged(path, table)
                clean[key] = value
            out.append(clean)
        decoded[table] = out
    return decoded


def is_empty(services: "Services") -> bool:
    """Nothing but the catalogues as the migrations seeded them (an area of help the coordinator added counts)."""
    from kommandesk.store import transfer

    counts = transfer.counts(services.store.conn)
    if any(count for table, count in counts.items() if table not in CATALOGUES):
        return False
    return all(area.key is not None for area in services.volunteers.areas(include_retired=True))


def _transfer_message(exc, path: Path) -> str:
    if exc.kind == "unknown_table":
        return _("{name} holds a table this version of KommanDesk does not know ({table}). "
                 "Nothing was changed.").format(name=path.name, table=exc.detail)
    if exc.kind == "unknown_column":
        return _("{name} holds a column this version of KommanDesk does not know ({column}). "
                 "Nothing was changed.").format(name=path.name, column=exc.detail)
    return _("{name} does not fit together ({reason}). Nothing was changed.").format(
        name=path.name, reason=exc.detail)
