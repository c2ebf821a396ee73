"""Files for the backup tests: volunteers to find again, damaged copies, foreign files, old and newer schemas."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

from kommandesk.store.db import APPLICATION_ID, wrap
from kommandesk.store.migrations import LATEST_VERSION, MIGRATIONS

PAGE = 4096


def add_volunteer(services, first: str, last: str = "Berg"):
    vol = dataclasses.replace(services.volunteers.new(), first_name=first, last_name=last, town="Köln",
                              postcode="50667")
    return services.volunteers.create(vol, confirmed_duplicate=True)


def names(services) -> set[str]:
    return {row["first_name"] for row in services.store.query("SELECT first_name FROM volunteers")}


def names_in(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT first_name FROM volunteers")}
    finally:
        conn.close()


def flip_pages(path: Path, *, every: int = 1) -> None:
    """Damage a database as a failing disk does: the first byte of pages 2, 2 + every, ... inverted (page 1,
    the header, stays: the file still looks like ours)."""
    data = bytearray(path.read_bytes())
    for page in range(1, len(data) // PAGE, every):
        data[page * PAGE] ^= 0xFF
    path.write_bytes(bytes(data))


def damage_one_page(path: Path) -> None:
    """One page of the volunteers table reversed: the database opens (its schema is intact), its quick check
    fails."""
    conn = sqlite3.connect(path)
    try:
        pages = sorted(row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = 'volunteers'"))
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    middle = pages[len(pages) // 2] - 1  # dbstat counts pages from 1
    data[middle * PAGE:(middle + 1) * PAGE] = bytes(reversed(data[middle * PAGE:(middle + 1) * PAGE]))
    path.write_bytes(bytes(data))


def damaged_copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    flip_pages(target)
    return target


def text_file(path: Path) -> Path:
    path.write_text("Name;Vorname\nMüller;Hans\n" * 50, encoding="utf-8")
    return path


def other_apps_database(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.execute("INSERT INTO songs VALUES ('Yesterday')")
    conn.commit()
    conn.close()
    return path


def newer_copy(source: Path, target: Path) -> Path:
    """A copy that says it was made by a newer KommanDesk (user_version above LATEST_VERSION)."""
    shutil.copyfile(source, target)
    conn = sqlite3.connect(target)
    conn.execute(f"PRAGMA user_version={LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    return target


def old_schema_file(path: Path, version: int, organisation: str = "KI Altstadt") -> Path:
    """A KommanDesk database at schema ``version`` (the first migrations only) with one organisation."""
    conn = sqlite3.connect(path, isolation_level=None)
    db = wrap(conn)
    for number, migration in enumerate(MIGRATIONS[:version], start=1):
        with db.atomic():
            migration(db)
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            db.execute(f"PRAGMA user_version={number}")
    db["organisation"].insert({"id": "org-old", "created_at": "2025-06-01T00:00:00.000+00:00",
                               "updated_at": "2025-06-01T00:00:00.000+00:00", "name": organisation})
    conn.close()
    return path
