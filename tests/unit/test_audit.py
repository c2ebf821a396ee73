"""The audit trail: every change made through the app lands in audit_log with who, when, what (old and new values),
and nothing else does; a plain sqlite3 connection is not affected; the app cannot edit it; erasure blanks values.

Each test writes through the services and compares the entries written by that one step with the entries worked
out by hand from what the step changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3

import pytest

from kommandesk.domain.allowances import Allowance
from kommandesk.domain.audit import Action, AuditFilter, parse_changes, show_value, summary
from kommandesk.domain.errors import ValidationError
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.organisation import Organisation
from kommandesk.domain.requests import RequestConsent
from kommandesk.domain.trainings import Course, CourseStatus, Presence, Session
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer
from kommandesk.services.allowances import AllowanceService
from kommandesk.services.audit import AuditService
from kommandesk.services.organisation import OrganisationService
from kommandesk.services.requests import RequestService
from kommandesk.services.trainings import TrainingService
from kommandesk.services.volunteers import VolunteerService
from kommandesk.store import audit
from kommandesk.store.db import open_store
from kommandesk.store.organisation_repo import OrganisationRepository
from kommandesk.store.volunteers_repo import VolunteerRepository

TODAY = dt.date(2026, 3, 3)
CONSENT = Consent(TODAY, frozenset({ConsentPurpose.CONTACT}), "2026-01")


@pytest.fixture(autouse=True)
def _actor():
    """The process's actor is set by the app or the CLI; each test starts from the OS user alone."""
    audit.set_default_actor(None, "")
    yield
    audit.set_default_actor(None, "")


@pytest.fixture
def store(paths):
    opened = open_store(paths.db_file)
    yield opened
    opened.close()


@pytest.fixture
def organisation(store):
    return OrganisationService(OrganisationRepository(store))


@pytest.fixture
def volunteers(store, organisation):
    return VolunteerService(store, organisation, today=lambda: TODAY)


@pytest.fixture
def requests(store, volunteers):
    return RequestService(store, volunteers, today=lambda: TODAY)


@pytest.fixture
def trainings(store, volunteers):
    return TrainingService(store, volunteers, today=lambda: TODAY, user=lambda: "Ute")


@pytest.fixture
def trail(store):
    return AuditService(store)


class Log:
    """The entries written since the last look, as (action, table, record id, changes)."""

    def __init__(self, store):
        self._conn = store.conn
        self._seen = 0

    def new(self) -> list[tuple[str, str, str, dict]]:
        rows = self._conn.execute("SELECT rowid, action, table_name, record_id, changes FROM audit_log "
                                  "WHERE rowid > ? ORDER BY rowid", (self._seen,)).fetchall()
        if rows:
            self._seen = rows[-1][0]
        return [(action, table, record, json.loads(changes)) for _n, action, table, record, changes in rows]


@pytest.fixture
def log(store):
    return Log(store)


def anna(volunteers, **changes):
    return volunteers.create(Volunteer(first_name="Anna", last_name="Berg", registered_on=TODAY, consent=CONSENT,
                                       languages=(LanguageSkill("ar", Level.C1),), **changes),
                             confirmed_duplicate=True)


def farida(requests, volunteers, **changes):
    area = volunteers.areas()[0].id
    return requests.create(dataclasses.replace(
        requests.new(), person="Farida", area_id=area, received_on=TODAY,
        consent=RequestConsent(TODAY, "contact via the site"), languages=(LanguageSkill("ar", Level.B1),),
        **changes))


# -- what each step writes -----------------------------------------------------------------------------------------

def test_a_volunteer_created_changed_and_deleted(store, volunteers, log):
    vol = anna(volunteers)
    # the creation says who and when; the profile, its language and first status are part of it
    assert log.new() == [("insert", "volunteers", vol.id, {})]

    vol = volunteers.update(dataclasses.replace(vol, phone="0151 2345678", languages=(
        LanguageSkill("ar", Level.C2), LanguageSkill("de", Level.B2))))
    assert log.new() == [
        ("update", "volunteers", vol.id, {"phone": ["", "0151 2345678"]}),
        ("update", "volunteer_languages", vol.id, {"code": ["ar", "ar"], "level": ["C1", "C2"]}),
        ("insert", "volunteer_languages", vol.id, {"code": [None, "de"], "level": [None, "B2"]}),
    ]
    volunteers.update(vol)  # saved again unchanged (the languages are written again): nothing happened
    assert log.new() == []

    vol = volunteers.update(dataclasses.replace(vol, languages=(LanguageSkill("de", Level.B2),)))
    assert log.new() == [("delete", "volunteer_languages", vol.id, {"code": ["ar", None], "level": ["C2", None]})]

    vol = volunteers.change_status(vol.id, Status.ACTIVE, "Einführung besucht")
    history = [change for change in log.new()]
    assert history[0] == ("update", "volunteers", vol.id, {"status": ["applicant", "active"]})
    action, table, history_id, changes = history[1]
    assert (action, table, len(history)) == ("insert", "volunteer_status_history", 2)
    assert changes == {"volunteer_id": [None, vol.id], "status": [None, "active"], "changed_on": [None, "2026-03-03"],
                       "reason": [None, "Einführung besucht"]}

    store.db  # the app's writes go through the store's handle (the triggers are made then)
    with store.db.atomic():
        store.conn.execute("DELETE FROM volunteers WHERE id = ?", (vol.id,))
    deleted = log.new()
    assert ("delete", "volunteer_languages", vol.id, {"code": ["de", None], "level": ["B2", None]}) in deleted
    profile = next(changes for action, table, _id, changes in deleted if table == "volunteers")
    assert profile["first_name"] == ["Anna", None] and profile["last_name"] == ["Berg", None]
    assert profile["phone"] == ["0151 2345678", None] and profile["status"] == ["active", None]
    assert "search_text" not in profile and "last_key" not in profile and "updated_at" not in profile
    assert "email" not in profile  # empty: nothing to keep
    assert sorted(table for _a, table, _id, _c in deleted) == [
        "volunteer_languages", "volunteer_status_history", "volunteer_status_history", "volunteers"]


def test_a_change_in_an_earlier_save_is_never_taken_back(volunteers, log):
    vol = anna(volunteers)
    log.new()
    vol = volunteers.update(dataclasses.replace(vol, languages=()))  # Arabic removed ...
    vol = volunteers.update(dataclasses.replace(vol, languages=(LanguageSkill("ar", Level.C1),)))  # ... added again
    assert log.new() == [
        ("delete", "volunteer_languages", vol.id, {"code": ["ar", None], "level": ["C1", None]}),
        ("insert", "volunteer_languages", vol.id, {"code": [None, "ar"], "level": [None, "C1"]}),
    ]


def test_a_request_created_changed_and_deleted(store, requests, volunteers, log):
    req = farida(requests, volunteers)
    assert log.new() == [("insert", "requests", req.id, {})]
    req = requests.update(dataclasses.replace(req, site="Heim Nord", household_size=4,
                                              languages=(LanguageSkill("ar", Level.B2),)))
    assert log.new() == [
        ("update", "requests", req.id, {"household_size": [1, 4], "site": ["", "Heim Nord"]}),
        ("update", "request_languages", req.id, {"code": ["ar", "ar"], "level": ["B1", "B2"]}),
    ]
    with store.db.atomic():
        store.conn.execute("DELETE FROM requests WHERE id = ?", (req.id,))
    deleted = {table: changes for _a, table, _id, changes in log.new()}
    assert deleted["requests"]["person"] == ["Farida", None] and deleted["requests"]["site"] == ["Heim Nord", None]
    assert deleted["request_languages"] == {"code": ["ar", None], "level": ["B2", None]}


def test_an_assignment_with_hours(requests, volunteers, log):
    vol, req = anna(volunteers), farida(requests, volunteers)
    log.new()
    assignment = requests.assign(req.id, vol.id, score=80.0)
    written = log.new()
    assert written[0] == ("insert", "assignments", assignment.id, {
        "request_id": [None, req.id], "volunteer_id": [None, vol.id], "status": [None, "proposed"],
        "proposed_on": [None, "2026-03-03"], "score": [None, 80.0]})
    assert written[1][:2] == ("insert", "assignment_status_history")
    assert written[2] == ("update", "requests", req.id, {"status": ["new", "assigned"]})
    assert [table for _a, table, _id, _c in written] == ["assignments", "assignment_status_history", "requests",
                                                        "request_status_history"]

    hours = requests._desk.log_hours(assignment.id, TODAY, 90, "Begleitung zur Ausländerbehörde")
    assert log.new() == [("insert", "assignment_hours", hours.id, {
        "assignment_id": [None, assignment.id], "day": [None, "2026-03-03"], "minutes": [None, 90],
        "activity": [None, "Begleitung zur Ausländerbehörde"]})]
    requests._desk.delete_hours(hours.id)
    assert log.new() == [("delete", "assignment_hours", hours.id, {
        "assignment_id": [assignment.id, None], "day": ["2026-03-03", None], "minutes": [90, None],
        "activity": ["Begleitung zur Ausländerbehörde", None]})]


def test_a_course_registration_and_attendance(trainings, volunteers, log):
    vol = anna(volunteers)
    course = trainings.create_course(Course(title="Basisqualifizierung", capacity=2, status=CourseStatus.OPEN))
    session = trainings.add_session(Session(course.id, dt.date(2026, 3, 2), dt.time(18), dt.time(20), place="Rathaus"))
    log.new()
    registration = trainings.register(course.id, vol.id)
    assert log.new() == [("insert", "course_registrations", registration.id, {
        "course_id": [None, course.id], "volunteer_id": [None, vol.id], "status": [None, "registered"]})]

    trainings.record(session.id, registration.id, Presence.PRESENT, 100, "Bus zu spät")
    # an attendance mark has no id of its own: it is filed under the registration, with its session
    assert log.new() == [("insert", "course_attendance", registration.id, {
        "session_id": [None, session.id], "presence": [None, "present"], "minutes": [None, 100],
        "reason": [None, "Bus zu spät"], "recorded_by": [None, "Ute"]})]
    trainings.record(session.id, registration.id, Presence.EXCUSED, None, "krank")
    assert log.new() == [("update", "course_attendance", registration.id, {
        "session_id": [session.id, session.id], "presence": ["present", "excused"], "minutes": [100, None],
        "reason": ["Bus zu spät", "krank"]})]
    trainings.clear(session.id, registration.id)
    assert log.new() == [("delete", "course_attendance", registration.id, {
        "session_id": [session.id, None], "presence": ["excused", None], "reason": ["krank", None],
        "recorded_by": ["Ute", None]})]


def test_an_allowance_recorded_and_deleted(store, volunteers, log):
    vol = anna(volunteers)
    service = AllowanceService(store, volunteers)
    log.new()
    paid = service.record(Allowance(vol.id, TODAY, 12_000, "Ehrenamtspauschale März"))
    values = {"volunteer_id": vol.id, "paid_on": "2026-03-03", "amount_cents": 12_000,
              "note": "Ehrenamtspauschale März"}
    assert log.new() == [("insert", "allowances", paid.id, {k: [None, v] for k, v in values.items()})]
    service.delete(paid.id)
    assert log.new() == [("delete", "allowances", paid.id, {k: [v, None] for k, v in values.items()})]


def test_the_organisation_without_its_logo(organisation, log):
    from tests.unit.test_transfer import png

    org = organisation.save(Organisation(name="KI Köln", certificate_prefix="KD"))
    created = log.new()
    assert [(a, t, r) for a, t, r, _c in created] == [("insert", "organisation", org.id)]
    assert created[0][3]["name"] == [None, "KI Köln"] and created[0][3]["clearance_validity_years"] == [None, 5]
    organisation.save(dataclasses.replace(org, phone="0221 123", logo=png()))
    # the logo's bytes are not kept (a blob): its type says it was added
    assert log.new() == [("update", "organisation", org.id, {"phone": ["", "0221 123"], "logo_type": [None, "png"]})]
    organisation.save(organisation.get())
    assert log.new() == []


def test_timestamps_and_derived_columns_alone_write_nothing(store, volunteers, log):
    vol = anna(volunteers)
    log.new()
    with store.db.atomic():
        store.conn.execute("UPDATE volunteers SET updated_at = '2030-01-01T00:00:00.000+00:00', search_text = 'x', "
                           "last_key = 'x', languages_summary = 'x' WHERE id = ?", (vol.id,))
    assert log.new() == []


# -- who and when ----------------------------------------------------------------------------------------------

def test_each_entry_says_who_and_when_in_utc(store, volunteers, trail):
    before = dt.datetime.now(dt.UTC)
    trail.set_actor("kki", "Ute Koordinatorin")
    vol = anna(volunteers)
    after = dt.datetime.now(dt.UTC)
    at, os_user, coordinator = store.conn.execute(
        "SELECT at, os_user, coordinator FROM audit_log WHERE record_id = ?", (vol.id,)).fetchone()
    assert (os_user, coordinator) == ("kki", "Ute Koordinatorin")
    moment = dt.datetime.fromisoformat(at)
    assert moment.utcoffset() == dt.timedelta(0) and before - dt.timedelta(seconds=1) <= moment <= after
    assert len(at) == len("2026-03-03T10:15:00.123+00:00")


def test_the_os_user_by_default_and_the_actor_for_connections_opened_later(paths, store, volunteers, trail):
    anna(volunteers)
    assert store.conn.execute("SELECT os_user, coordinator FROM audit_log").fetchone() == (audit.system_user(), "")
    trail.set_actor(None, "  Ute  ")
    assert trail.actor() == (audit.system_user(), "Ute")
    other = open_store(paths.db_file)  # e.g. an import on a worker thread
    try:
        assert audit.actor(other.conn) == (audit.system_user(), "Ute")
    finally:
        other.close()


def test_the_command_line_records_the_coordinator_given_or_from_the_environment(tmp_path, monkeypatch, capsys):
    from kommandesk import cli

    folder = tmp_path / "cli"

    def coordinator_of_last_change(*args: str) -> str:
        assert cli.main(["--data-dir", str(folder), *args]) == 0
        conn = sqlite3.connect(folder / "kommandesk.sqlite3")
        try:
            return conn.execute("SELECT coordinator FROM audit_log ORDER BY rowid DESC").fetchone()[0]
        finally:
            conn.close()

    monkeypatch.setenv("KOMMANDESK_COORDINATOR", "Jan Nowak")
    assert coordinator_of_last_change("organisation", "set", "--name", "KI Bonn") == "Jan Nowak"
    assert coordinator_of_last_change("--coordinator", "Ute", "organisation", "set", "--phone", "0228 1") == "Ute"
    monkeypatch.delenv("KOMMANDESK_COORDINATOR")
    assert coordinator_of_last_change("organisation", "set", "--town", "Bonn") == ""
    capsys.readouterr()
    import logging

    from kommandesk import logs

    for handler in list(logging.getLogger(logs.LOGGER_NAME).handlers):  # main() opened the log file
        if isinstance(handler, logs.RotatingLog):
            logging.getLogger(logs.LOGGER_NAME).removeHandler(handler)
            handler.close()


def test_a_plain_sqlite_connection_writes_no_audit_rows_and_meets_no_error(paths, store, volunteers):
    vol = anna(volunteers)
    before = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    conn = sqlite3.connect(paths.db_file)
    try:
        conn.execute("UPDATE volunteers SET phone = '0' WHERE id = ?", (vol.id,))
        conn.execute("DELETE FROM volunteer_languages")
        conn.commit()
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
    finally:
        conn.close()


def test_the_triggers_are_made_before_the_first_write_not_at_opening(paths, store, volunteers):
    anna(volunteers)  # the database exists at the current schema
    later = open_store(paths.db_file)
    try:
        assert audit.actor(later.conn) is not None and not audit.is_set_up(later.conn)  # start-up stays cheap
        later.db  # a write goes through here
        assert audit.is_set_up(later.conn)
    finally:
        later.close()


# -- pausing, bulk inserts, erasure --------------------------------------------------------------------------------

def test_paused_writes_nothing_and_comes_back_even_after_an_error(store, volunteers, log):
    vol = anna(volunteers)
    log.new()
    with pytest.raises(RuntimeError):
        with audit.paused(store.conn):
            with store.db.atomic():
                store.conn.execute("UPDATE volunteers SET phone = '1' WHERE id = ?", (vol.id,))
            raise RuntimeError("boom")
    assert log.new() == []
    with store.db.atomic():
        store.conn.execute("UPDATE volunteers SET phone = '2' WHERE id = ?", (vol.id,))
    assert log.new() == [("update", "volunteers", vol.id, {"phone": ["1", "2"]})]


def test_a_bulk_insert_writes_one_entry_per_new_volunteer(store, volunteers, log):
    anna(volunteers)
    log.new()
    repo = VolunteerRepository(store)
    people = [Volunteer(first_name=name, last_name="Berg", languages=(LanguageSkill("de", Level.B2),))
              for name in ("Ben", "Cem", "Dana")]
    with store.db.atomic(), audit.bulk_inserting(store.conn, "volunteers"):
        ids = repo.insert_many([(person, None) for person in people], 2026)
    assert log.new() == [("insert", "volunteers", volunteer_id, {}) for volunteer_id in ids]
    vol = volunteers.update(dataclasses.replace(volunteers.get(ids[0]), phone="0151 1"))  # the triggers are back
    assert log.new() == [("update", "volunteers", vol.id, {"phone": ["", "0151 1"]})]


def test_a_failed_bulk_insert_writes_nothing_and_keeps_the_triggers(store, volunteers, log):
    repo = VolunteerRepository(store)
    with pytest.raises(sqlite3.IntegrityError):
        with store.db.atomic(), audit.bulk_inserting(store.conn, "volunteers"):
            repo.insert_many([(Volunteer(first_name="Ben", last_name="Berg", areas=("no such area",)), None)], 2026)
    assert log.new() == []
    vol = anna(volunteers)
    assert log.new() == [("insert", "volunteers", vol.id, {})]


def _audit_rows(paths) -> set[tuple]:
    conn = sqlite3.connect(paths.db_file)
    try:
        return set(conn.execute("SELECT id, at, os_user, coordinator, action, table_name, record_id, changes "
                                "FROM audit_log"))
    finally:
        conn.close()


def test_loading_a_whole_database_file_writes_no_second_copy_of_the_trail(paths, tmp_path):
    from kommandesk import paths as paths_mod
    from kommandesk.services.context import Services
    from kommandesk.services.demo.seed import fill
    from kommandesk.services.exports import ExportService

    source = Services.open(paths)
    try:
        fill(source, seed=3, volunteers=5)
    finally:
        source.close()
    exported = tmp_path / "all.json"
    ExportService(paths).export_all(exported)
    written = _audit_rows(paths)
    assert len(written) > 5
    # into a data folder whose database the import itself creates (its connection has just made the triggers)
    target = paths_mod.resolve(tmp_path / "new")
    target.ensure()
    ExportService(target).import_all(exported)
    assert _audit_rows(target) == written


def test_erase_values_blanks_the_values_and_keeps_the_entries(store, volunteers, requests, trail):
    vol, other = anna(volunteers), farida(requests, volunteers)
    vol = volunteers.update(dataclasses.replace(vol, phone="0151 2", languages=(LanguageSkill("fa", Level.B1),)))
    before = store.conn.execute("SELECT id, at, action, table_name, record_id, changes FROM audit_log "
                                "ORDER BY rowid").fetchall()
    with store.db.atomic():
        blanked = audit.erase_values(store.conn, [vol.id])
    after = store.conn.execute("SELECT id, at, action, table_name, record_id, changes FROM audit_log "
                               "ORDER BY rowid").fetchall()
    assert blanked == 4  # created, the phone, Arabic removed, Farsi added
    assert [row[:5] for row in after] == [row[:5] for row in before]  # counts, times and actions stay
    for row_before, row_after in zip(before, after):
        if row_after[4] == vol.id:
            old = json.loads(row_before[5])
            assert json.loads(row_after[5]) == {column: [None, None] for column in old}
        else:
            assert row_after[5] == row_before[5]  # the request's entry is untouched
    assert "0151" not in str(after) and '"fa"' not in str(after)
    shown = trail.of_volunteer(vol.id)
    assert [entry.erased for entry in shown] == [True, True, True, False]  # the creation had no values
    assert audit.erase_values(store.conn, []) == 0 and other.id


def test_the_migration_of_an_older_database_gets_the_triggers_after_it(tmp_path, monkeypatch):
    from kommandesk.store import db as db_mod
    from kommandesk.store.migrations import LATEST_VERSION, MIGRATIONS

    calls = []
    monkeypatch.setattr(db_mod, "MIGRATIONS", (*MIGRATIONS, lambda db: calls.append(audit.is_set_up(db.conn))))
    monkeypatch.setattr(db_mod, "LATEST_VERSION", LATEST_VERSION + 1)
    store = open_store(tmp_path / "new.sqlite3")
    try:
        assert calls == [False] and audit.is_set_up(store.conn)  # not while migrating; after it
    finally:
        store.close()


# -- reading: the service ------------------------------------------------------------------------------------------

def test_a_volunteers_entries_include_what_belongs_to_them(store, volunteers, requests, trainings, trail):
    vol = anna(volunteers)
    someone_else = anna(volunteers, email="other@example.org")
    req = farida(requests, volunteers)
    assignment = requests.assign(req.id, vol.id)
    hours = requests._desk.log_hours(assignment.id, TODAY, 60)
    requests._desk.delete_hours(hours.id)  # gone, and still in the trail
    paid = AllowanceService(store, volunteers).record(Allowance(vol.id, TODAY, 5_000))
    AllowanceService(store, volunteers).delete(paid.id)
    course = trainings.create_course(Course(title="Basis", capacity=2, status=CourseStatus.OPEN))
    registration = trainings.register(course.id, vol.id)
    volunteers.update(dataclasses.replace(volunteers.get(someone_else.id), phone="0151 9"))

    entries = trail.of_volunteer(vol.id)
    tables = [entry.table for entry in entries]
    assert sorted(tables) == sorted(["volunteers", "assignments", "assignment_status_history", "assignment_hours",
                                     "assignment_hours", "allowances", "allowances", "course_registrations"])
    assert [entry.at for entry in entries] == sorted((entry.at for entry in entries), reverse=True)
    assert entries[-1].action is Action.INSERT and entries[-1].record_id == vol.id
    assert all(entry.record_id != someone_else.id for entry in entries)
    assert registration.id in {entry.record_id for entry in entries}

    of_request = trail.of_request(req.id)
    assert sorted(entry.table for entry in of_request) == sorted([
        "requests", "requests", "request_status_history", "assignments", "assignment_status_history",
        "assignment_hours", "assignment_hours"])


def test_the_filtered_list(store, volunteers, requests, trail):
    trail.set_actor("kki", "Ute")
    vol = anna(volunteers)
    trail.set_actor("kki", "Jan")
    req = farida(requests, volunteers)
    volunteers.update(dataclasses.replace(vol, phone="0151 999"))
    everything = trail.search(AuditFilter())
    assert everything.total == 3 and len(everything.entries) == 3
    assert [e.table for e in trail.search(AuditFilter(kind="requests")).entries] == ["requests"]
    assert {e.record_id for e in trail.search(AuditFilter(user="Ute")).entries} == {vol.id}
    assert len(trail.search(AuditFilter(user="kki")).entries) == 3
    assert [e.record_id for e in trail.search(AuditFilter(text="0151 9")).entries] == [vol.id]  # a value
    assert len(trail.search(AuditFilter(text=vol.reference)).entries) == 2  # the record's reference
    assert [e.record_id for e in trail.search(AuditFilter(text="farida")).entries] == [req.id]  # its name
    assert trail.search(AuditFilter(text="100%_")).total == 0  # wildcards are plain text
    assert trail.search(AuditFilter(first_day=TODAY + dt.timedelta(days=3650))).total == 0
    today = dt.date.today()
    assert trail.search(AuditFilter(first_day=today - dt.timedelta(days=1), last_day=today)).total == 3
    limited = trail.search(AuditFilter(), limit=2)
    assert limited.total == 3 and len(limited.entries) == 2
    assert trail.users() == ["Jan", "kki", "Ute"]
    with pytest.raises(ValidationError) as refused:
        trail.search(AuditFilter(first_day=today, last_day=today - dt.timedelta(days=1)))
    assert "period" in refused.value.errors
    with pytest.raises(ValidationError):
        trail.search(AuditFilter(kind="no such kind"))


def test_labels_of_records_and_of_the_ids_in_values(store, volunteers, requests, trail):
    vol, req = anna(volunteers), farida(requests, volunteers)
    requests.assign(req.id, vol.id)
    entries = trail.of_request(req.id)
    labels = trail.record_labels(entries)
    assert labels[("requests", req.id)] == f"{req.reference} Farida"
    names = trail.value_names(entries)
    assert names[("volunteer_id", vol.id)] == f"{vol.reference} Anna Berg"
    with store.db.atomic():
        store.conn.execute("DELETE FROM assignments")
        store.conn.execute("DELETE FROM requests WHERE id = ?", (req.id,))
    gone = trail.of_request(req.id)
    assert trail.record_labels(gone)[("requests", req.id)] == f"{req.reference} Farida"  # from the delete entry


def test_only_the_audit_trail_and_the_gdpr_erasure_write_to_it():
    """Nothing else in the app has SQL that changes or deletes entries (the whole-database load empties every
    table, found in the schema, not by name)."""
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "kommandesk"
    writes = re.compile(r"(UPDATE|DELETE\s+FROM|INSERT\s+(OR\s+\w+\s+)?INTO|REPLACE\s+INTO)\s+(main\.)?\"?audit_log\b")
    found = sorted(file.relative_to(package).as_posix() for file in package.rglob("*.py")
                   if writes.search(file.read_text(encoding="utf-8")))
    assert "store/audit_schema.py" in found  # the triggers: the search finds what it looks for
    assert set(found) <= {"store/audit.py", "store/audit_schema.py", "store/privacy_repo.py"}, found


def test_the_service_has_no_way_to_change_or_delete_entries():
    public = {name for name in dir(AuditService) if not name.startswith("_")}
    assert public == {"set_actor", "actor", "of_volunteer", "of_request", "search", "users", "record_labels",
                      "value_names", "show"}


# -- the domain: showing entries -----------------------------------------------------------------------------------

def test_changes_are_read_safely():
    assert parse_changes('{"phone": ["1", "2"]}')[0].new == "2"
    for damaged in ("", "[1, 2]", "{", '{"phone": "x"}', '{"phone": [1]}'):
        assert parse_changes(damaged) == ()


def test_values_are_shown_in_the_ui_language(german):
    assert show_value("volunteers", "birth_date", "1985-02-01") == "01.02.1985"
    assert show_value("allowances", "amount_cents", 12_000) == "120,00\xa0€"
    assert show_value("volunteers", "status", "paused") == "pausiert"
    assert show_value("volunteer_languages", "code", "ar") == "Arabisch"
    assert show_value("volunteer_languages", "level", "native") == "Muttersprache"
    assert show_value("volunteers", "by_arrangement", 1) == "ja"
    assert show_value("volunteers", "availability_slots", "0:morning") == "Mo. vormittags"
    assert show_value("volunteers", "phone", None) == ""
    assert show_value("allowances", "volunteer_id", "x-1", {("volunteer_id", "x-1"): "V-2026-0001 Anna"}) == \
        "V-2026-0001 Anna"


def test_a_one_line_summary():
    from kommandesk.domain.audit import entry_from

    entry = entry_from({"id": "e", "at": "2026-03-03T10:00:00.000+00:00", "os_user": "kki", "coordinator": "Ute",
                        "action": "update", "table_name": "volunteers", "record_id": "v",
                        "changes": '{"phone": ["1", "2"], "status": ["applicant", "active"]}'})
    text = summary(entry, lambda change: (show_value(entry.table, change.column, change.old),
                                          show_value(entry.table, change.column, change.new)))
    assert text == "Phone: 1 \u2192 2; Status: applicant \u2192 active"
    assert entry.who() == "Ute (kki)"
    erased = dataclasses.replace(entry, changes=parse_changes('{"phone": [null, null]}'))
    assert erased.erased and summary(erased, lambda change: ("", "")) == "Values erased (data protection): Phone"
    assert show_value("volunteers", "phone", "") == "(empty)"


def test_the_period_is_made_of_local_days():
    zone = dt.timezone(dt.timedelta(hours=1))  # Germany in winter
    since, until = AuditFilter(TODAY, TODAY).utc_bounds(zone)
    assert (since, until) == ("2026-03-02T23:00:00.000+00:00", "2026-03-03T23:00:00.000+00:00")
    assert AuditFilter().utc_bounds(zone) == (None, None)
