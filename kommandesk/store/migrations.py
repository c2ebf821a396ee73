"""Append-only schema migrations. Never edit a released migration: add the next one.

Each migration runs inside one transaction together with the bump of ``PRAGMA user_version``.
After a sqlite-utils ``transform()`` re-create FTS triggers with
``enable_fts(..., create_triggers=True, replace=True)`` (transform drops them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def m001_organisation(db: "Database") -> None:
    db["organisation"].create(
        {
            "id": str,
            "created_at": str,
            "updated_at": str,
            "name": str,
            "street": str,
            "postcode": str,
            "town": str,
            "phone": str,
            "email": str,
            "website": str,
            "signatory_name": str,
            "signatory_role": str,
            "certificate_prefix": str,
            "default_language": str,
            "logo": bytes,
            "logo_type": str,
        },
        pk="id",
        not_null={"id", "created_at", "updated_at", "name", "certificate_prefix", "default_language"},
        defaults={"certificate_prefix": "KD", "default_language": "de"},
    )


_M002_SORT_INDEXES = {  # sort key -> the columns of its ORDER BY (volunteers_repo.ORDER must match)
    "reference": ("ref_year", "ref_number", "id"),
    "last_name": ("last_key", "first_key", "id"),
    "first_name": ("first_key", "last_key", "id"),
    "town": ("town_key", "last_key", "first_key", "id"),
    "postcode": ("postcode", "last_key", "first_key", "id"),
    "status": ("status_rank", "last_key", "first_key", "id"),
    "clearance": ("clearance_group", "clearance_issued_on", "last_key", "first_key", "id"),
    "registered_on": ("registered_on", "last_key", "first_key", "id"),
    "languages": ("languages_summary", "last_key", "first_key", "id"),
    "email": ("email", "id"),
    "phone": ("phone", "id"),
}
# Every sort index also carries the status: the list hides archived profiles, and with the status in the index
# SQLite skips them without reading the row (a page deep in the list: 57 ms -> 3 ms at 50,000).


def m002_volunteers(db: "Database") -> None:
    """Volunteers with their languages, areas of help, absences and status history; the clearance policy."""
    db["organisation"].add_column("clearance_validity_years", int, not_null_default=5)
    db["organisation"].add_column("clearance_warning_days", int, not_null_default=60)

    db["areas_of_help"].create(
        {"id": str, "created_at": str, "updated_at": str, "key": str, "name_de": str, "name_en": str,
         "retired_on": str},
        pk="id", not_null={"id", "created_at", "updated_at", "name_de", "name_en"},
    )
    db["areas_of_help"].create_index(["key"], unique=True)  # NULLs (the coordinator's own areas) may repeat
    from kommandesk.domain.areas import DEFAULT_AREAS
    from kommandesk.store.clock import new_id, utc_now

    now = utc_now()
    db["areas_of_help"].insert_all(
        {"id": new_id(), "created_at": now, "updated_at": now, "key": key, "name_de": de, "name_en": en,
         "retired_on": None}
        for key, de, en in DEFAULT_AREAS)

    db["volunteers"].create(
        {
            "id": str, "created_at": str, "updated_at": str,
            "reference": str, "ref_year": int, "ref_number": int,
            "first_name": str, "last_name": str, "first_key": str, "last_key": str,
            "birth_date": str, "gender": str,
            "email": str, "phone": str, "street": str, "postcode": str, "town": str, "town_key": str,
            "latitude": float, "longitude": float, "travel_radius_km": int, "mobility": str,
            "status": str, "status_rank": int, "notes": str, "registered_on": str,
            "availability_slots": str, "by_arrangement": int, "max_assignments": int,
            "clearance_issued_on": str, "clearance_inspected_on": str, "clearance_inspected_by": str,
            "clearance_result": str, "clearance_self_commitment_on": str, "clearance_group": int,
            "consent_given_on": str, "consent_purposes": str, "consent_text_version": str,
            "languages_summary": str, "search_text": str,
        },
        pk="id",
        not_null={"id", "created_at", "updated_at", "reference", "ref_year", "ref_number", "first_name",
                  "last_name", "first_key", "last_key", "gender", "email", "phone", "street", "postcode", "town",
                  "town_key", "mobility", "status", "status_rank", "notes", "availability_slots",
                  "by_arrangement", "max_assignments", "clearance_inspected_by", "clearance_group",
                  "languages_summary", "search_text"},
        defaults={"gender": "not_stated", "email": "", "phone": "", "street": "", "postcode": "", "town": "",
                  "town_key": "", "mobility": "", "notes": "", "availability_slots": "", "by_arrangement": 0,
                  "max_assignments": 1, "clearance_inspected_by": "", "clearance_group": 0,
                  "languages_summary": "", "search_text": ""},
    )
    volunteers = db["volunteers"]
    volunteers.create_index(["reference"], unique=True)
    volunteers.create_index(["ref_year", "ref_number"], unique=True, index_name="idx_volunteers_ref_number")
    for key, columns in _M002_SORT_INDEXES.items():
        volunteers.create_index([*columns, "status"], index_name=f"idx_volunteers_sort_{key}")
    volunteers.create_index(["status"], index_name="idx_volunteers_status")
    volunteers.create_index(["status", "by_arrangement", "availability_slots"],
                            index_name="idx_volunteers_availability")  # the weekday filter reads only this
    # the duplicate check (last_key, first_key) and the clearance filter (clearance_group, clearance_issued_on) use
    # the leading columns of the name and clearance sort indexes

    # sqlite-utils cannot write ON DELETE CASCADE: the children of a volunteer are created in plain SQL
    for statement in _VOLUNTEER_CHILDREN:
        db.execute(statement)
    enable_volunteer_search(db)


def enable_volunteer_search(db: "Database") -> None:
    """The FTS5 index over volunteers.search_text, its triggers, and prefix indexes for 1-3 letters.

    Call this again after any ``transform()`` of the volunteers table (transform drops the triggers). Such a
    transform needs ``PRAGMA foreign_keys=OFF`` before its transaction (sqlite-utils refuses otherwise: dropping
    the old table would cascade to the volunteer's languages, areas, absences and history). The prefix
    indexes make the first keystrokes of a search fast: a one-letter prefix at 50,000 rows takes about half the
    time. sqlite-utils cannot ask for them, so its table is re-created with them (the triggers stay: they belong
    to the volunteers table and name the FTS table only in their bodies), then filled again.
    """
    db["volunteers"].enable_fts(["search_text"], create_triggers=True, replace=True)
    db.execute("DROP TABLE volunteers_fts")
    # quoted as sqlite-utils quotes it, so that its detect_fts() and disable_fts() still find the table
    db.execute("""CREATE VIRTUAL TABLE "volunteers_fts" USING FTS5 ("search_text", content="volunteers", """
               """prefix='1 2 3')""")
    db.execute("INSERT INTO volunteers_fts (volunteers_fts) VALUES ('rebuild')")


_VOLUNTEER_CHILDREN = (
    """CREATE TABLE volunteer_languages (
        volunteer_id TEXT NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        level TEXT NOT NULL,
        rank INTEGER NOT NULL,          -- Level.rank: A1=0 .. C2=5, native=6 ("at least B2" filters)
        position INTEGER NOT NULL,      -- the order the coordinator entered them in
        PRIMARY KEY (volunteer_id, code)) WITHOUT ROWID""",
    "CREATE INDEX idx_volunteer_languages_code ON volunteer_languages (code, rank, volunteer_id)",
    """CREATE TABLE volunteer_areas (
        volunteer_id TEXT NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
        area_id TEXT NOT NULL REFERENCES areas_of_help(id),
        position INTEGER NOT NULL,      -- the order they were saved in
        PRIMARY KEY (volunteer_id, area_id)) WITHOUT ROWID""",
    "CREATE INDEX idx_volunteer_areas_area ON volunteer_areas (area_id, volunteer_id)",
    """CREATE TABLE volunteer_absences (
        id TEXT PRIMARY KEY NOT NULL,
        volunteer_id TEXT NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
        first_day TEXT NOT NULL,
        last_day TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX idx_volunteer_absences_volunteer ON volunteer_absences (volunteer_id, first_day)",
    """CREATE TABLE volunteer_status_history (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        volunteer_id TEXT NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        status TEXT NOT NULL,
        changed_on TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '')""",
    "CREATE UNIQUE INDEX idx_volunteer_status_history_order ON volunteer_status_history (volunteer_id, position)",
)


MIGRATIONS: tuple[Callable[["Database"], None], ...] = (m001_organisation, m002_volunteers)
LATEST_VERSION = len(MIGRATIONS)
