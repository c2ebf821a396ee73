"""Data protection (GDPR) through the real services over the hand-made dataset of tests/unit/report_data.py and the
person of tests/unit/privacy_data.py: the Art. 15 export, the Art. 17 erasure of a volunteer and of a requester
(nothing of them left: not in any table, not in the search index, not in the audit trail, not in the database
file), the reports' anonymous counts, the retention rules, and every refusal (nothing changed)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sqlite3

import pytest

from kommandesk.domain.assignments import AssignmentStatus
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.privacy import PersonKind
from kommandesk.domain.volunteers import Status
from kommandesk.services.privacy import PrivacyService
from kommandesk.services.requests import RequestQuery
from kommandesk.services.volunteers import VolunteerQuery
from tests.unit import privacy_data as P
from tests.unit.report_data import Q1, TODAY, build


@pytest.fixture
def data(services):
    return build(services)


@pytest.fixture
def person(data):
    return P.add_person(data)


@pytest.fixture
def privacy(data):
    return PrivacyService(data.services.store, data.volunteers)


def reference(data, table: str, record_id: str) -> str:
    return data.services.store.conn.execute(f"SELECT reference FROM {table} WHERE id = ?", (record_id,)).fetchone()[0]


def texts_containing(conn: sqlite3.Connection, needles) -> list[tuple[str, str]]:
    """(table, column) of every value in every table (search index shadow tables too) that holds a needle,
    folded or not; blobs as bytes."""
    found = []
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        try:
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
        except sqlite3.OperationalError:
            continue
        for row in rows:
            for column, value in zip(columns, row):
                if value is None:
                    continue
                raw = value if isinstance(value, bytes) else str(value).encode()
                if any(needle.lower().encode() in raw.lower() for needle in needles):
                    found.append((table, column))
    return found


def fts_terms(conn: sqlite3.Connection, table: str) -> set[str]:
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_vocab USING fts5vocab(main, {table}, 'row')")
    return {row[0] for row in conn.execute(f"SELECT term FROM temp.{table}_vocab")}


def file_bytes(services) -> bytes:
    services.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return services.paths.db_file.read_bytes()


def figures(report) -> dict:
    return {figure.key: figure.value for section in report.sections for figure in section.figures}


def table_counts(conn) -> dict[str, int]:
    names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite%'")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


# -- the schema -------------------------------------------------------------------------------------------------

def test_every_connection_overwrites_what_it_deletes(services):
    assert services.store.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_the_migration_keeps_assignments_and_registrations_with_their_children(tmp_path):
    """A database at schema 7 with an assignment (history, hours) and a registration (attendance): after m008 every
    row is there with its rowid, the indexes are back, and deleting the volunteer keeps the rows without them."""
    from kommandesk.store.db import Store, migrate, wrap
    from kommandesk.store.migrations import MIGRATIONS

    conn = sqlite3.connect(tmp_path / "v7.sqlite3", isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    db = wrap(conn)
    for number, step in enumerate(MIGRATIONS[:7], start=1):
        with db.atomic():
            step(db)
            conn.execute(f"PRAGMA user_version={number}")
    now = "2026-01-01T00:00:00.000+00:00"
    conn.executescript(f"""
INSERT INTO volunteers (id, created_at, updated_at, reference, ref_year, ref_number, first_name, last_name, first_key,
  last_key, status, status_rank)
  VALUES ('v1', '{now}', '{now}', 'V-2026-0001', 2026, 1, 'A', 'B', 'a', 'b', 'active', 1);
INSERT INTO requests (id, created_at, updated_at, reference, ref_year, ref_number, person, person_key, received_on)
  VALUES ('r1', '{now}', '{now}', 'A-2026-0001', 2026, 1, 'X', 'x', '2026-01-01');
INSERT INTO assignments (id, created_at, updated_at, request_id, volunteer_id, proposed_on, status)
  VALUES ('a0', '{now}', '{now}', 'r1', 'v1', '2026-01-01', 'cancelled'),
         ('a1', '{now}', '{now}', 'r1', 'v1', '2026-01-02', 'completed');
INSERT INTO assignment_status_history (id, created_at, assignment_id, position, status, changed_on)
  VALUES ('h1', '{now}', 'a1', 0, 'proposed', '2026-01-02');
INSERT INTO assignment_hours (id, created_at, updated_at, assignment_id, day, minutes)
  VALUES ('m1', '{now}', '{now}', 'a1', '2026-01-03', 90);
INSERT INTO courses (id, created_at, updated_at, reference, ref_year, ref_number, title, title_key, capacity)
  VALUES ('c1', '{now}', '{now}', 'K-2026-0001', 2026, 1, 'T', 't', 5);
INSERT INTO course_sessions (id, created_at, updated_at, course_id, day, start, "end")
  VALUES ('s1', '{now}', '{now}', 'c1', '2026-01-05', '10:00', '11:00');
INSERT INTO course_registrations (id, created_at, updated_at, course_id, volunteer_id, registered_at)
  VALUES ('g1', '{now}', '{now}', 'c1', 'v1', '{now}');
INSERT INTO course_attendance (session_id, registration_id, presence, recorded_at)
  VALUES ('s1', 'g1', 'present', '{now}');
""")
    before = conn.execute("SELECT rowid, id FROM assignments ORDER BY rowid").fetchall()
    store = Store(conn, tmp_path / "v7.sqlite3")
    migrate(store, backup_dir=None)
    assert conn.execute("SELECT rowid, id FROM assignments ORDER BY rowid").fetchall() == before
    counts = table_counts(conn)
    assert [counts[t] for t in ("assignment_status_history", "assignment_hours", "course_registrations",
                                "course_attendance")] == [1, 1, 1, 1]
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                              "AND tbl_name IN ('assignments', 'course_registrations')")}
    assert {"idx_assignments_open_pair", "idx_assignments_request", "idx_assignments_volunteer",
            "idx_assignments_follow_up", "idx_course_registrations_once", "idx_course_registrations_course",
            "idx_course_registrations_volunteer"} <= indexes
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("DELETE FROM volunteers WHERE id = 'v1'")
    assert conn.execute("SELECT volunteer_id FROM assignments WHERE id = 'a1'").fetchone() == (None,)
    assert conn.execute("SELECT volunteer_id FROM course_registrations").fetchall() == [(None,)]
    assert conn.execute("SELECT count(*) FROM assignment_hours").fetchone() == (1,)
    assert conn.execute("SELECT count(*) FROM course_attendance").fetchone() == (1,)
    conn.close()


# -- Art. 17: a volunteer ---------------------------------------------------------------------------------------

def test_nothing_of_an_erased_volunteer_remains(data, person, privacy):
    services, conn = data.services, data.services.store.conn
    vid, _rid, aid = person
    ref = reference(data, "volunteers", vid)
    before = table_counts(conn)
    assert texts_containing(conn, P.SECRETS)  # the check sees them while they are there ...
    assert all(secret.encode() in file_bytes(services) for secret in (P.FIRST, P.LAST, P.EMAIL))  # ... in the file

    result = privacy.erase(ref, ref)

    assert result.kind is PersonKind.VOLUNTEER and result.counts["assignments"] == 1
    assert data.volunteers.count(VolunteerQuery(search=P.LAST, statuses=frozenset(Status))) == 0
    assert data.volunteers.count(VolunteerQuery(search=P.EMAIL, statuses=frozenset(Status))) == 0
    assert data.certificates.register(search=P.LAST) == []
    assert texts_containing(conn, P.SECRETS) == []
    terms = fts_terms(conn, "volunteers_fts")
    assert not {term for term in terms if term.startswith(("zyphrona", "quixbeltrand", "73737373"))}
    assert conn.execute("SELECT count(*) FROM audit_log WHERE changes LIKE '%Zyphrona%' OR changes LIKE "
                        "'%Quixbeltrand%' OR changes LIKE '%73737373%' OR changes LIKE '%zyphrona.quix%'"
                        ).fetchone() == (0,)
    raw = file_bytes(services).lower()
    assert [secret for secret in P.SECRETS if secret.lower().encode() in raw] == []
    assert os.path.getsize(f"{services.paths.db_file}-wal") == 0
    # what she did stays, without her: the assignment and its hours, the registration and its attendance, the
    # certificate in the register; her profile, its children and her allowance are gone
    after = table_counts(conn)
    for table in ("assignments", "assignment_hours", "assignment_status_history", "course_registrations",
                  "course_attendance", "certificates", "requests"):
        assert after[table] == before[table], table
    assert after["volunteers"] == before["volunteers"] - 1
    assert after["volunteer_languages"] == before["volunteer_languages"] - 2
    assert after["allowances"] == before["allowances"] - 1
    assert after["certificate_files"] == before["certificate_files"] - 1
    assert conn.execute("SELECT volunteer_id, notes FROM assignments WHERE id = ?", (aid,)).fetchone() == (None, "")
    assert conn.execute("SELECT sum(minutes) FROM assignment_hours WHERE assignment_id = ?",
                        (aid,)).fetchone() == (180,)
    assert conn.execute("SELECT kind, reference, reason FROM erasures").fetchall() == [("volunteer", ref, "request")]


def test_the_reports_anonymous_counts_stay_and_the_person_counts_lose_her(data, privacy):
    """Q1 before and after erasing V1 Anna Berg (report_data.py): what was done stays counted; what counts people
    loses her (V1 was active in Q1: 210 minutes on A1, present at C1's sessions, paid 2 x 500 EUR, above the 2026
    limit; registered 2025-11-10, so not new in Q1)."""
    before = figures(data.reports.build(Q1, today=TODAY))
    ref = reference(data, "volunteers", data.v["V1"])
    privacy.erase(ref, ref)
    after = figures(data.reports.build(Q1, today=TODAY))
    for key in ("requests_received", "requests_assigned", "requests_waiting", "median_days_to_assignment",
                "assignments_started", "assignments_active", "assignments_completed", "hours_logged",
                "sessions_held", "courses_held", "attendance_hours", "certificates_issued", "new_volunteers"):
        assert after[key] == before[key], key
    assert (before["hours_logged"], before["attendance_hours"], before["certificates_issued"]) == (7.5, 10.75, 2)
    assert (after["active_volunteers"], after["volunteers_with_hours"], after["participants"]) == (4, 2, 3)
    assert (after["allowances_paid"], after["volunteers_paid"], after["volunteers_over_limit"]) == (126_000, 2, 1)


def test_the_reference_of_an_erased_volunteer_is_never_given_again(data, person, privacy):
    from kommandesk.domain.volunteers import Volunteer

    vid, _rid, _aid = person
    ref = reference(data, "volunteers", vid)  # the newest reference of its year
    privacy.erase(ref, ref)
    data.on("2026-03-01")
    newcomer = data.volunteers.create(Volunteer(first_name="Nora", last_name="Neu"), confirmed_duplicate=True)
    prefix, year, number = ref.split("-")
    assert newcomer.reference == f"{prefix}-{year}-{int(number) + 1:04d}"  # the next one, not the erased one again


def test_a_volunteer_with_an_open_assignment_or_an_upcoming_course_is_not_erased(data, privacy):
    conn = data.services.store.conn
    v2 = reference(data, "volunteers", data.v["V2"])  # A2 on R2 is active
    with pytest.raises(KommanDeskError, match=rf"open assignments \({reference(data, 'requests', data.r['R2'])}\)"):
        privacy.erase(v2, v2)
    v6 = reference(data, "volunteers", data.v["V6"])
    data.requests.change_assignment_status(
        conn.execute("SELECT id FROM assignments WHERE volunteer_id = ?", (data.v["V6"],)).fetchone()[0],
        AssignmentStatus.COMPLETED)
    course = data.trainings.create_course(dataclasses.replace(data.trainings.new_course(), title="Later", capacity=3))
    data.trainings.register(course.id, data.v["V6"])
    plan = privacy.erase_plan(v6)
    assert not plan.possible and "K-2026-0005" in plan.blockers[0]
    before = table_counts(conn)
    with pytest.raises(KommanDeskError, match="Nothing was erased"):
        privacy.erase(v6, v6)
    assert table_counts(conn) == before


@pytest.mark.parametrize("typed", ["", "V-2026-0002", "V-2026-000", None])
def test_a_wrong_confirmation_erases_nothing(data, privacy, typed):
    conn = data.services.store.conn
    ref = reference(data, "volunteers", data.v["V1"])
    before = table_counts(conn)
    with pytest.raises(ValidationError) as caught:
        privacy.erase(ref, typed)
    assert "type the reference V-2026-0001 exactly" in caught.value.errors["confirm"]
    assert table_counts(conn) == before


def test_the_confirmation_ignores_case_and_spaces(data, privacy):
    ref = reference(data, "volunteers", data.v["V5"])
    assert privacy.erase(ref, f"  {ref.lower()} ").reference == ref


@pytest.mark.parametrize("text, message", [
    ("V-2026-0999", "There is no volunteer with the reference V-2026-0999"),
    ("a-2026-0999", "There is no request with the reference A-2026-0999"),
    ("K-2026-0001", "is not a reference of a volunteer"),
    ("", "is not a reference of a volunteer"),
])
def test_a_reference_that_does_not_exist_is_refused(data, privacy, text, message):
    before = table_counts(data.services.store.conn)
    with pytest.raises(KommanDeskError, match=message):
        privacy.erase(text, text)
    with pytest.raises(KommanDeskError, match=message):
        privacy.collect(text)
    assert table_counts(data.services.store.conn) == before


# -- Art. 17: a requester ---------------------------------------------------------------------------------------

def test_nothing_of_an_erased_requester_remains(data, person, privacy):
    services, conn = data.services, data.services.store.conn
    _vid, rid, aid = person
    ref = reference(data, "requests", rid)
    received = conn.execute("SELECT count(*) FROM requests").fetchone()[0]
    assert texts_containing(conn, P.REQUEST_SECRETS)

    plan = privacy.erase_plan(ref)
    assert plan.possible and plan.counts["assignments"] == 1
    privacy.erase(ref, ref)

    assert texts_containing(conn, P.REQUEST_SECRETS) == []
    assert not {term for term in fts_terms(conn, "requests_fts") if term.startswith(("xylomander", "vexhollin"))}
    raw = file_bytes(services).lower()
    assert [secret for secret in P.REQUEST_SECRETS if secret.lower().encode() in raw] == []
    row = conn.execute("SELECT person, postcode, latitude, description, consent_agreed, consent_given_on, status, "
                       "anonymised_on, area_id IS NOT NULL FROM requests WHERE id = ?", (rid,)).fetchone()
    assert row == ("", "", None, "", None, None, "completed", TODAY.isoformat(), 1)
    assert conn.execute("SELECT count(*) FROM requests").fetchone()[0] == received  # still counted
    assert {row[0] for row in conn.execute("SELECT reason FROM request_status_history WHERE request_id = ?",
                                           (rid,))} == {""}
    assert conn.execute("SELECT notes, volunteer_id IS NOT NULL FROM assignments WHERE id = ?", (aid,)).fetchone() \
        == ("", 1)  # the volunteer who helped is not the requester: she stays
    assert data.requests.count(RequestQuery(search=ref)) == 1  # found by its reference, as a count
    with pytest.raises(KommanDeskError, match="were erased already"):
        privacy.erase(ref, ref)


def test_an_open_request_is_not_erased(data, privacy):
    ref = reference(data, "requests", data.r["R2"])  # active
    with pytest.raises(KommanDeskError, match="still open"):
        privacy.erase(ref, ref)


# -- Art. 15: access ---------------------------------------------------------------------------------------------

def test_the_export_writes_a_pdf_and_json_with_everything(data, person, privacy, tmp_path):
    vid, _rid, _aid = person
    ref = reference(data, "volunteers", vid)
    pdf, js = privacy.export_person(ref, tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.parent == js.parent == tmp_path
    content = json.loads(js.read_text(encoding="utf-8"))
    assert (content["kind"], content["reference"]) == ("volunteer", ref)
    tables = content["tables"]
    assert tables["volunteers"][0]["email"] == P.EMAIL and tables["volunteers"][0]["consent_text_version"] == "2025-02"
    assert [row["code"] for row in tables["volunteer_languages"]] == ["ar", "de"]
    assert tables["volunteer_absences"][0]["note"] == f"{P.FIRST} on holiday"
    assert sum(row["minutes"] for row in tables["assignment_hours"]) == 180
    assert tables["assignments"][0]["request_reference"] == reference(data, "requests", data.r["R8"])
    assert tables["course_attendance"][0]["presence"] == "present"
    assert tables["certificates"][0]["content"]["heading"]["person"]["last_name"] == P.LAST
    assert tables["allowances"][0]["amount_cents"] == 25_000
    assert {entry["table_name"] for entry in content["audit_log"]} >= {"volunteers", "assignments", "certificates"}
    assert content["retention"] == {"request_months": 12, "archive_years": 2, "clearance_months": 3}
    again = privacy.export_person(ref, tmp_path)  # never overwrites: a second pair beside the first
    assert again[0] != pdf and again[0].name.endswith("-2.pdf") and pdf.exists()


def test_the_requester_export_leaves_out_who_helped(data, person, privacy, tmp_path):
    _vid, rid, _aid = person
    _pdf, js = privacy.export_person(reference(data, "requests", rid), tmp_path)
    content = json.loads(js.read_text(encoding="utf-8"))
    assert content["tables"]["requests"][0]["site_contact"] == P.CONTACT
    assert "volunteer_id" not in content["tables"]["assignments"][0]
    assert P.LAST not in js.read_text(encoding="utf-8")


def test_an_export_to_a_folder_that_is_missing_or_read_only_writes_nothing(data, privacy, tmp_path):
    ref = reference(data, "volunteers", data.v["V1"])
    with pytest.raises(KommanDeskError, match="does not exist"):
        privacy.export_person(ref, tmp_path / "missing")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who may write anywhere")
        with pytest.raises(KommanDeskError, match="cannot write to the folder"):
            privacy.export_person(ref, locked)
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_a_folder_the_user_may_not_write_to_is_refused(data, privacy, tmp_path, monkeypatch):
    ref = reference(data, "volunteers", data.v["V1"])
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # as for an ordinary user in a folder of others
    with pytest.raises(KommanDeskError, match="cannot write to the folder .* Choose another folder. Nothing was "
                                              "written"):
        privacy.export_person(ref, out)
    assert list(out.iterdir()) == []


def test_a_failed_write_leaves_neither_file(data, privacy, tmp_path, monkeypatch):
    ref = reference(data, "volunteers", data.v["V1"])
    real = os.replace
    calls = []

    def second_fails(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(source, target)

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(KommanDeskError, match="No space left on device. Nothing was written"):
        privacy.export_person(ref, out)
    assert list(out.iterdir()) == []


# -- retention ---------------------------------------------------------------------------------------------------

def test_retention_preview_and_apply(data, person, privacy):
    """On 2027-03-02, 12 months after closing (report_data.py and privacy_data.py): R0 (completed 2025-12-31, due
    2026-12-31), R1 (2026-02-20 -> 2027-02-20) and R8 (2026-02-28 -> 2027-02-28) are anonymised, R6 (cancelled
    2026-03-16 -> 2027-03-16) not yet. V5, archived here on 2024-12-01 (due 2026-12-01), is deleted; V3, archived on
    2025-01-05 (due 2027-01-05) but with the active assignment A3, is held back. V4, inactive since 2026-11-15 with a
    clearance (due 3 months later: 2027-02-15), loses the clearance."""
    conn = data.services.store.conn
    _vid, rid, _aid = person
    history = ("INSERT INTO volunteer_status_history (id, created_at, volunteer_id, position, status, changed_on) "
               "VALUES (?, '', ?, 99, ?, ?)")
    conn.execute("UPDATE volunteers SET status = 'archived' WHERE id IN (?, ?)", (data.v["V5"], data.v["V3"]))
    conn.execute(history, ("h5", data.v["V5"], "archived", "2024-12-01"))
    conn.execute(history, ("h3", data.v["V3"], "archived", "2025-01-05"))
    conn.execute("UPDATE volunteers SET status = 'inactive', clearance_issued_on = '2025-01-01', "
                 "clearance_inspected_on = '2025-01-10', clearance_inspected_by = 'Ute', "
                 "clearance_result = 'no_relevant_entry', clearance_group = 2 WHERE id = ?", (data.v["V4"],))
    conn.execute(history, ("h4", data.v["V4"], "inactive", "2026-11-15"))
    day = dt.date(2027, 3, 2)
    requests = [reference(data, "requests", data.r[name]) for name in ("R0", "R1", "R8")]

    plan = privacy.retention_preview(day)
    assert [c.reference for c in plan.requests] == requests
    assert [c.due_on for c in plan.requests] == [dt.date(2026, 12, 31), dt.date(2027, 2, 20), dt.date(2027, 2, 28)]
    assert [c.reference for c in plan.volunteers] == [reference(data, "volunteers", data.v["V5"])]
    assert [(c.reference, c.due_on) for c in plan.clearances] == [
        (reference(data, "volunteers", data.v["V4"]), dt.date(2027, 2, 15))]
    assert [c.reference for c in plan.held_back] == [reference(data, "volunteers", data.v["V3"])]
    assert plan.total == 5
    assert privacy.retention_due(day) and not privacy.retention_due(dt.date(2026, 11, 30))

    done = privacy.apply_retention(day, plan)
    assert done.total == 5
    assert conn.execute("SELECT anonymised_on, person FROM requests WHERE id = ?", (rid,)).fetchone() \
        == ("2027-03-02", "")
    assert conn.execute("SELECT count(*) FROM requests WHERE anonymised_on IS NOT NULL").fetchone() == (3,)
    assert conn.execute("SELECT count(*) FROM volunteers WHERE id = ?", (data.v["V5"],)).fetchone() == (0,)
    assert conn.execute("SELECT clearance_issued_on, clearance_inspected_by, clearance_group, status FROM volunteers "
                        "WHERE id = ?", (data.v["V4"],)).fetchone() == (None, "", 0, "inactive")
    assert conn.execute("SELECT count(*) FROM audit_log WHERE record_id = ? AND changes LIKE '%2025-01-10%'",
                        (data.v["V4"],)).fetchone() == (0,)  # the clearance is gone from the audit trail too
    assert sorted(conn.execute("SELECT kind, reason FROM erasures")) == [
        ("clearance", "retention"), ("request", "retention"), ("request", "retention"), ("request", "retention"),
        ("volunteer", "retention")]
    again = privacy.retention_preview(day)
    assert again.empty and not privacy.retention_due(day)
    assert again.held_back  # V3 stays listed until A3 ends


def test_retention_apply_does_only_what_the_preview_listed(data, person, privacy):
    _vid, rid, _aid = person
    day = dt.date(2027, 3, 20)  # R0, R1, R8 and R6 (due 2027-03-16)
    plan = privacy.retention_preview(day)
    assert len(plan.requests) == 4
    only_r8 = dataclasses.replace(plan, requests=tuple(c for c in plan.requests if c.id == rid))
    assert [c.id for c in privacy.apply_retention(day, only_r8).requests] == [rid]
    assert len(privacy.retention_preview(day).requests) == 3


def test_nothing_due_changes_nothing(data, privacy):
    conn = data.services.store.conn
    before = table_counts(conn)
    assert privacy.apply_retention(TODAY).empty
    assert table_counts(conn) == before


def test_the_retention_periods_are_settings(data, person, privacy):
    _vid, rid, _aid = person
    day = dt.date(2026, 9, 1)  # R8 closed 2026-02-28: due after 6 months, not after 12
    assert privacy.retention_preview(day).requests == ()
    saved = privacy.save_retention_settings(6, 5, 2)
    assert (saved.retention_request_months, saved.retention_archive_years, saved.retention_clearance_months) \
        == (6, 5, 2)
    assert saved.name == data.services.organisation.get().name  # the rest stays
    assert rid in {c.id for c in privacy.retention_preview(day).requests}


@pytest.mark.parametrize("values, field", [((0, 2, 3), "retention_request_months"),
                                           ((121, 2, 3), "retention_request_months"),
                                           ((12, 0, 3), "retention_archive_years"),
                                           ((12, 31, 3), "retention_archive_years"),
                                           ((12, 2, 4), "retention_clearance_months"),
                                           ((12, 2, 0), "retention_clearance_months")])
def test_retention_periods_out_of_range_are_refused(data, privacy, values, field):
    with pytest.raises(ValidationError) as caught:
        privacy.save_retention_settings(*values)
    assert list(caught.value.errors) == [field]
    assert privacy.policy().request_months == 12


def test_retention_periods_need_the_organisation_first(services):
    privacy = PrivacyService(services.store, services.volunteers)
    with pytest.raises(ValidationError, match="organisation's details first"):
        privacy.save_retention_settings(6, 2, 3)


def test_a_certificate_of_an_erased_volunteer_still_verifies_without_a_name(data, person, privacy):
    from kommandesk.domain.certificates import Validity

    vid, _rid, _aid = person
    number = data.certificates.register(search=P.LAST)[0].number
    ref = reference(data, "volunteers", vid)
    privacy.erase(ref, ref)
    found = data.certificates.verify(number)
    assert found.validity is Validity.VALID
    assert "cannot confirm the name" in found.message and " for ," not in found.message
