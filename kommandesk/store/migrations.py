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


def m003_requests(db: "Database") -> None:
    """Support requests, their needed languages and status history; assignments with history and hours;
    the matching weights (JSON, empty for the defaults)."""
    db["organisation"].add_column("match_weights", str, not_null_default="")
    for statement in _REQUEST_TABLES:
        db.execute(statement)
    enable_request_search(db)
    # Dari speakers saved before were not found by "Dari" (babel names the language under fa_AF, not prs); the
    # update trigger re-indexes the rows
    db.execute("UPDATE volunteers SET search_text = search_text || ' dari' WHERE search_text NOT LIKE '% dari%' "
               "AND id IN (SELECT volunteer_id FROM volunteer_languages WHERE code = 'prs')")


def enable_request_search(db: "Database") -> None:
    """The FTS5 index over requests.search_text (folded reference, person, site, contact, postcode, description,
    language and area names), with triggers and prefix indexes; call again after any ``transform()``."""
    db["requests"].enable_fts(["search_text"], create_triggers=True, replace=True)
    db.execute("DROP TABLE requests_fts")
    db.execute("""CREATE VIRTUAL TABLE "requests_fts" USING FTS5 ("search_text", content="requests", """
               """prefix='1 2 3')""")
    db.execute("INSERT INTO requests_fts (requests_fts) VALUES ('rebuild')")


_OPEN_ASSIGNMENT = "('proposed', 'contacted', 'accepted', 'active')"  # domain.assignments.OPEN

_REQUEST_TABLES = (
    """CREATE TABLE requests (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        reference TEXT NOT NULL,                -- A-2026-0107
        ref_year INTEGER NOT NULL,
        ref_number INTEGER NOT NULL,
        person TEXT NOT NULL,                   -- first name or initials only
        person_key TEXT NOT NULL,               -- folded, for sorting and to recognise the family again
        household_size INTEGER NOT NULL DEFAULT 1,
        person_languages TEXT NOT NULL DEFAULT '',   -- ISO codes, comma-separated
        site TEXT NOT NULL DEFAULT '',
        site_key TEXT NOT NULL DEFAULT '',
        site_contact TEXT NOT NULL DEFAULT '',
        area_id TEXT REFERENCES areas_of_help(id),
        gender_preference TEXT NOT NULL DEFAULT 'any',
        children INTEGER NOT NULL DEFAULT 0,
        postcode TEXT NOT NULL DEFAULT '',
        latitude REAL,
        longitude REAL,
        appointment_day TEXT,                   -- one appointment: day, 'HH:MM', 'HH:MM'
        appointment_start TEXT,
        appointment_end TEXT,
        recurrence_slots TEXT,                  -- weekly: '1:morning,3:afternoon' (as volunteers' availability)
        recurrence_first_day TEXT,
        recurrence_last_day TEXT,               -- NULL: open-ended
        first_day TEXT,                         -- the period (SupportRequest.period()), for lists and reports
        last_day TEXT,
        urgency TEXT NOT NULL DEFAULT 'normal',
        urgency_rank INTEGER NOT NULL DEFAULT 0,    -- 1 high, 0 normal
        description TEXT NOT NULL DEFAULT '',
        consent_given_on TEXT,
        consent_agreed TEXT,
        status TEXT NOT NULL DEFAULT 'new',
        status_rank INTEGER NOT NULL DEFAULT 0,     -- the lifecycle order
        received_on TEXT NOT NULL,
        languages_summary TEXT NOT NULL DEFAULT '', -- 'prs (B1), fa (B1)'
        search_text TEXT NOT NULL DEFAULT '')""",
    "CREATE UNIQUE INDEX idx_requests_reference ON requests (reference)",
    "CREATE UNIQUE INDEX idx_requests_ref_number ON requests (ref_year, ref_number)",
    "CREATE INDEX idx_requests_status ON requests (status, urgency_rank, received_on)",
    "CREATE INDEX idx_requests_received ON requests (received_on, ref_year, ref_number)",
    "CREATE INDEX idx_requests_area ON requests (area_id, status)",
    "CREATE INDEX idx_requests_household ON requests (person_key, site_key)",
    """CREATE TABLE request_languages (
        request_id TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        level TEXT NOT NULL,            -- the minimum level
        rank INTEGER NOT NULL,          -- Level.rank
        position INTEGER NOT NULL,
        PRIMARY KEY (request_id, code)) WITHOUT ROWID""",
    """CREATE TABLE request_status_history (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        request_id TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        status TEXT NOT NULL,
        changed_on TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '')""",
    "CREATE UNIQUE INDEX idx_request_status_history_order ON request_status_history (request_id, position)",
    """CREATE TABLE assignments (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        request_id TEXT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
        volunteer_id TEXT NOT NULL REFERENCES volunteers(id),
        status TEXT NOT NULL DEFAULT 'proposed',
        proposed_on TEXT NOT NULL,
        started_on TEXT,
        ended_on TEXT,
        follow_up_on TEXT,
        notes TEXT NOT NULL DEFAULT '',
        score REAL,
        override_rule TEXT,             -- the hard rule the coordinator overrode ...
        override_reason TEXT NOT NULL DEFAULT '')   -- ... and the reason they wrote""",
    # one open assignment per request and volunteer: assigning the same volunteer twice is refused by the store too
    f"CREATE UNIQUE INDEX idx_assignments_open_pair ON assignments (request_id, volunteer_id) "
    f"WHERE status IN {_OPEN_ASSIGNMENT}",
    "CREATE INDEX idx_assignments_request ON assignments (request_id, status)",
    "CREATE INDEX idx_assignments_volunteer ON assignments (volunteer_id, status)",
    "CREATE INDEX idx_assignments_follow_up ON assignments (follow_up_on) WHERE follow_up_on IS NOT NULL",
    """CREATE TABLE assignment_status_history (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        assignment_id TEXT NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        status TEXT NOT NULL,
        changed_on TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '')""",
    "CREATE UNIQUE INDEX idx_assignment_status_history_order ON assignment_status_history (assignment_id, position)",
    """CREATE TABLE assignment_hours (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        assignment_id TEXT NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        minutes INTEGER NOT NULL CHECK (minutes > 0),
        activity TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX idx_assignment_hours_assignment ON assignment_hours (assignment_id, day)",
)


def m004_trainings(db: "Database") -> None:
    """Courses with their areas of help, sessions, registrations (waiting list) and attendance."""
    for statement in _TRAINING_TABLES:
        db.execute(statement)


_TRAINING_TABLES = (
    """CREATE TABLE courses (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        reference TEXT NOT NULL,                -- K-2026-0007
        ref_year INTEGER NOT NULL,
        ref_number INTEGER NOT NULL,
        title TEXT NOT NULL,
        title_key TEXT NOT NULL,                -- folded, for sorting and search
        description TEXT NOT NULL DEFAULT '',
        topics TEXT NOT NULL DEFAULT '',        -- one per line
        trainers TEXT NOT NULL DEFAULT '',
        funding_tag TEXT NOT NULL DEFAULT '',
        capacity INTEGER NOT NULL,
        min_attendance_percent INTEGER NOT NULL DEFAULT 80,
        unit TEXT NOT NULL DEFAULT 'hours',     -- hours | teaching_units
        language TEXT NOT NULL DEFAULT 'de',
        status TEXT NOT NULL DEFAULT 'planned')""",
    "CREATE UNIQUE INDEX idx_courses_reference ON courses (reference)",
    "CREATE UNIQUE INDEX idx_courses_ref_number ON courses (ref_year, ref_number)",
    "CREATE INDEX idx_courses_status ON courses (status, title_key)",
    """CREATE TABLE course_areas (
        course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        area_id TEXT NOT NULL REFERENCES areas_of_help(id),
        PRIMARY KEY (course_id, area_id)) WITHOUT ROWID""",
    "CREATE INDEX idx_course_areas_area ON course_areas (area_id, course_id)",
    """CREATE TABLE course_sessions (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        start TEXT NOT NULL,                    -- 'HH:MM'
        "end" TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        place_key TEXT NOT NULL DEFAULT '',     -- folded: one room, one session at a time
        trainer TEXT NOT NULL DEFAULT '',
        cancelled INTEGER NOT NULL DEFAULT 0,
        cancel_reason TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX idx_course_sessions_course ON course_sessions (course_id, day, start)",
    "CREATE INDEX idx_course_sessions_day ON course_sessions (day, place_key)",
    """CREATE TABLE course_registrations (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        volunteer_id TEXT NOT NULL REFERENCES volunteers(id),
        status TEXT NOT NULL DEFAULT 'registered',  -- registered | waiting | cancelled | completed
        registered_at TEXT NOT NULL,            -- the waiting list's order
        note TEXT NOT NULL DEFAULT '')""",
    # a volunteer is registered (or waiting) for a course once; after cancelling, again
    "CREATE UNIQUE INDEX idx_course_registrations_once ON course_registrations (course_id, volunteer_id) "
    "WHERE status != 'cancelled'",
    "CREATE INDEX idx_course_registrations_course ON course_registrations (course_id, status, registered_at)",
    "CREATE INDEX idx_course_registrations_volunteer ON course_registrations (volunteer_id, status)",
    """CREATE TABLE course_attendance (
        session_id TEXT NOT NULL REFERENCES course_sessions(id) ON DELETE CASCADE,
        registration_id TEXT NOT NULL REFERENCES course_registrations(id) ON DELETE CASCADE,
        presence TEXT NOT NULL,                 -- present | absent | excused
        minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0),   -- part of the session only
        reason TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (session_id, registration_id)) WITHOUT ROWID""",
    "CREATE INDEX idx_course_attendance_registration ON course_attendance (registration_id)",
)


def m005_certificates(db: "Database") -> None:
    """The certificate register (every certificate issued, with what it printed and its PDF), the logos printed on
    them, and
    the organisation's settings for certificates and the Ehrenamtskarte NRW rule."""
    db["organisation"].add_column("certificate_birth_date", int, not_null_default=0)
    db["organisation"].add_column("card_weekly_hours", int, not_null_default=5)
    db["organisation"].add_column("card_yearly_hours", int, not_null_default=250)
    db["organisation"].add_column("card_years", int, not_null_default=2)
    for statement in _CERTIFICATE_TABLES:
        db.execute(statement)


_CERTIFICATE_TABLES = (
    """CREATE TABLE certificate_logos (
        sha256 TEXT PRIMARY KEY NOT NULL,       -- of the bytes: a logo printed on many certificates is kept once
        created_at TEXT NOT NULL,
        data BLOB NOT NULL) WITHOUT ROWID""",
    """CREATE TABLE certificates (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        number TEXT NOT NULL,                   -- KD-2026-00012
        prefix TEXT NOT NULL,
        year INTEGER NOT NULL,
        serial INTEGER NOT NULL,
        check_code TEXT NOT NULL,               -- printed beside the number and in the QR code
        kind TEXT NOT NULL,                     -- attendance | service_record | hours_confirmation
        volunteer_id TEXT REFERENCES volunteers(id) ON DELETE SET NULL,
        course_id TEXT REFERENCES courses(id) ON DELETE SET NULL,
        person_name TEXT NOT NULL,              -- as printed
        person_key TEXT NOT NULL,               -- folded, for the search
        title TEXT NOT NULL,                    -- the course title, or the period of a service record
        issued_on TEXT NOT NULL,
        language TEXT NOT NULL,                 -- de | en | both
        sha256 TEXT NOT NULL,                   -- of the PDF bytes; a reprint gives the same bytes
        content TEXT NOT NULL,                  -- JSON: everything printed (domain/certificates.py)
        logo_sha256 TEXT REFERENCES certificate_logos(sha256),
        override_reason TEXT NOT NULL DEFAULT '',   -- issued below the course's minimum attendance, and why
        revoked_on TEXT,
        revoke_reason TEXT NOT NULL DEFAULT '')""",
    # the PDF as issued: a reprint hands out these bytes, whatever changed in the program since (wording, fonts,
    # reportlab); a table of its own keeps the register's list small
    """CREATE TABLE certificate_files (
        certificate_id TEXT PRIMARY KEY NOT NULL REFERENCES certificates(id) ON DELETE CASCADE,
        pdf BLOB NOT NULL) WITHOUT ROWID""",
    "CREATE UNIQUE INDEX idx_certificates_number ON certificates (number)",
    "CREATE UNIQUE INDEX idx_certificates_serial ON certificates (prefix, year, serial)",
    "CREATE INDEX idx_certificates_issued ON certificates (issued_on, number)",
    "CREATE INDEX idx_certificates_course ON certificates (course_id, volunteer_id)",
    "CREATE INDEX idx_certificates_volunteer ON certificates (volunteer_id, issued_on)",
)


def m006_reports(db: "Database") -> None:
    """Allowances paid to volunteers (Ehrenamtspauschale) and the tax-free limit by year; the Overview's waiting
    days; indexes for the Overview and the reports (hours and absences by day, certificates by kind)."""
    db["organisation"].add_column("unmatched_days", int, not_null_default=7)
    for statement in _REPORT_TABLES:
        db.execute(statement)
    from kommandesk.domain.allowances import DEFAULT_LIMITS
    from kommandesk.store.clock import new_id, utc_now

    now = utc_now()
    db["allowance_limits"].insert_all(
        {"id": new_id(), "created_at": now, "updated_at": now, "year": year, "amount_cents": cents}
        for year, cents in DEFAULT_LIMITS)


_REPORT_TABLES = (
    """CREATE TABLE allowances (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        volunteer_id TEXT NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
        paid_on TEXT NOT NULL,
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        note TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX idx_allowances_volunteer ON allowances (volunteer_id, paid_on)",
    "CREATE INDEX idx_allowances_paid ON allowances (paid_on, volunteer_id)",
    # the tax-free limit of a calendar year is the row with the greatest year up to it (domain.allowances.limit_for)
    """CREATE TABLE allowance_limits (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        year INTEGER NOT NULL,
        amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0))""",
    "CREATE UNIQUE INDEX idx_allowance_limits_year ON allowance_limits (year)",
    "CREATE INDEX idx_assignment_hours_day ON assignment_hours (day, assignment_id, minutes)",
    "CREATE INDEX idx_volunteer_absences_day ON volunteer_absences (first_day, last_day, volunteer_id)",
    "CREATE INDEX idx_certificates_kind ON certificates (kind, issued_on)",
    "CREATE INDEX idx_volunteers_registered ON volunteers (registered_on)",
)


def m007_safety(db: "Database") -> None:
    """Backups (where, and how many daily, weekly and monthly copies are kept) and the audit trail (who changed what
    and when: written by each connection's TEMP triggers, see store/audit.py; never edited by the app)."""
    db["organisation"].add_column("backup_folder", str, not_null_default="")  # "" = the data folder's backups
    db["organisation"].add_column("backup_keep_daily", int, not_null_default=7)
    db["organisation"].add_column("backup_keep_weekly", int, not_null_default=4)
    db["organisation"].add_column("backup_keep_monthly", int, not_null_default=12)
    for statement in _AUDIT_TABLES:
        db.execute(statement)


_AUDIT_TABLES = (
    """CREATE TABLE audit_log (
        id TEXT PRIMARY KEY NOT NULL,
        at TEXT NOT NULL,                       -- UTC, ISO 8601 with milliseconds
        os_user TEXT NOT NULL DEFAULT '',
        coordinator TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL,                   -- insert | update | delete
        table_name TEXT NOT NULL,
        record_id TEXT NOT NULL,                -- the row's id (for a child row without one: its parent's)
        changes TEXT NOT NULL DEFAULT '{}')     -- JSON: column -> [old, new]""",
    "CREATE INDEX idx_audit_record ON audit_log (record_id, at)",
    "CREATE INDEX idx_audit_at ON audit_log (at, table_name)",
)


def m008_privacy(db: "Database") -> None:
    """Data protection (GDPR): the retention settings, the mark of an anonymised request, the register of
    erasures, and assignments and course registrations that outlive their volunteer.

    An erased volunteer's assignments (with their hours) and course registrations (with their attendance) stay,
    without the person, so that the hours, assignments and attendance still count: ``volunteer_id`` becomes NULL
    (ON DELETE SET NULL) instead of refusing the delete. SQLite cannot change a column's constraint in place, so
    both tables are made anew (see :func:`_rebuild`)."""
    db["organisation"].add_column("retention_request_months", int, not_null_default=12)
    db["organisation"].add_column("retention_archive_years", int, not_null_default=2)
    db["organisation"].add_column("retention_clearance_months", int, not_null_default=3)
    db["requests"].add_column("anonymised_on", str)  # the day its personal data were blanked; NULL: not yet
    for statement in _PRIVACY_TABLES:
        db.execute(statement)
    loose = "volunteer_id TEXT REFERENCES volunteers(id) ON DELETE SET NULL"
    for table in ("assignments", "course_registrations"):
        _rebuild(db, table, "volunteer_id TEXT NOT NULL REFERENCES volunteers(id)", loose)
    broken = db.execute("PRAGMA foreign_key_check").fetchone()
    if broken:
        raise RuntimeError(f"m008: a broken reference in {broken[0]}")


_PRIVACY_TABLES = (
    # what was erased or anonymised, when and why: the proof that it was done (GDPR Art. 5(2)); the reference
    # only, nothing else of the person
    """CREATE TABLE erasures (
        id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        kind TEXT NOT NULL,                     -- volunteer | request | clearance
        reference TEXT NOT NULL,                -- V-2026-0042, A-2026-0107
        reason TEXT NOT NULL,                   -- request (Art. 17) | retention
        done_on TEXT NOT NULL)""",
    "CREATE INDEX idx_erasures_reference ON erasures (reference)",
    "CREATE INDEX idx_requests_anonymised ON requests (anonymised_on, status)",
)


def _rebuild(db: "Database", table: str, old_column: str, new_column: str) -> None:
    """Make ``table`` anew with the column definition ``old_column`` replaced by ``new_column``: rows (with their
    rowids), indexes and triggers as before.

    The usual way (new table, copy, drop the old, rename) needs ``PRAGMA foreign_keys=OFF``, which cannot be set
    inside the migration's transaction; with it on, dropping the old table deletes the rows of the tables that
    refer to it (ON DELETE CASCADE), and renaming it makes them refer to the old name. So those rows are put
    aside first (in TEMP tables, rowids kept), removed, and put back once the new table carries the old name.
    """
    conn = db.conn
    create = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    if create.count(old_column) != 1:
        raise RuntimeError(f"m008: {table} does not have the column {old_column!r}")
    extras = [sql for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE tbl_name = ? "
                                             "AND type IN ('index', 'trigger') AND sql IS NOT NULL", (table,))]
    children = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                if any(row[2] == table for row in conn.execute(f'PRAGMA foreign_key_list("{name}")'))]
    columns = ", ".join(f'"{row[1]}"' for row in conn.execute(f'PRAGMA table_info("{table}")'))
    kept = {child: _without_rowid(conn, child) for child in children}
    for child, without_rowid in kept.items():
        rowid = "" if without_rowid else "rowid AS m008_rowid, "
        conn.execute(f'CREATE TEMP TABLE "m008_{child}" AS SELECT {rowid}* FROM "{child}"')
        conn.execute(f'DELETE FROM "{child}"')
    new_name = f"{table}_m008"
    conn.execute(create.replace(old_column, new_column).replace(table, new_name, 1))
    conn.execute(f'INSERT INTO "{new_name}" (rowid, {columns}) SELECT rowid, {columns} FROM "{table}"')
    conn.execute(f'DROP TABLE "{table}"')
    conn.execute(f'ALTER TABLE "{new_name}" RENAME TO "{table}"')
    for sql in extras:
        conn.execute(sql)
    for child, without_rowid in kept.items():
        names = ", ".join(f'"{row[1]}"' for row in conn.execute(f'PRAGMA table_info("{child}")'))
        rowid = ("", "") if without_rowid else ("rowid, ", "m008_rowid, ")
        conn.execute(f'INSERT INTO "{child}" ({rowid[0]}{names}) SELECT {rowid[1]}{names} FROM temp."m008_{child}"')
        conn.execute(f'DROP TABLE temp."m008_{child}"')


def m009_list_index(db: "Database") -> None:
    """The Volunteers list opens sorted by name: its index now carries every column the list shows, so the first
    page is read from a few index pages instead of one table page per row (100 rows: about 100 pages). At 50,000
    volunteers the page takes 0.9 ms instead of 1.5 ms, and an encrypted database, which decrypts every page it
    reads, keeps within 1.1x of an unencrypted one (benchmarks/bench_encryption.py). About 10 MB at 50,000."""
    columns = _M002_SORT_INDEXES["last_name"]
    db.execute("DROP INDEX IF EXISTS idx_volunteers_sort_last_name")
    db["volunteers"].create_index([*columns, "status", *_LIST_INDEX_EXTRA],
                                  index_name="idx_volunteers_sort_last_name")


# the list's columns (volunteers_repo.LIST_COLUMNS and the clearance state's) that the name sort index adds
_LIST_INDEX_EXTRA = ("reference", "first_name", "last_name", "email", "phone", "postcode", "town", "registered_on",
                     "languages_summary", "clearance_group", "clearance_issued_on")


def _without_rowid(conn, table: str) -> bool:
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    return "WITHOUT ROWID" in sql.upper()


MIGRATIONS: tuple[Callable[["Database"], None], ...] = (m001_organisation, m002_volunteers, m003_requests,
                                                        m004_trainings, m005_certificates, m006_reports,
                                                        m007_safety, m008_privacy, m009_list_index)
LATEST_VERSION = len(MIGRATIONS)
