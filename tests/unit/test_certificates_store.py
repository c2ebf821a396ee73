"""The certificate register in the database: serials per prefix and year, the logo kept once, the list (search,
filters, newest first), a course's certificates, revoking once, and the hours logged that service records print."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from kommandesk.domain.requests import RequestConsent, SupportRequest
from kommandesk.domain.search_text import searchable, tokens
from kommandesk.domain.volunteers import Volunteer
from kommandesk.services.requests import RequestService
from kommandesk.services.volunteers import VolunteerService
from kommandesk.store.certificates_repo import CertificateRepository

TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def repo(services) -> CertificateRepository:
    return CertificateRepository(services.store)


def row(number: str, person=("Şükrü", "Yılmaz"), title="Grundkurs Flüchtlingshilfe", kind="attendance",
        issued_on="2026-03-03", **changes) -> dict:
    prefix, year, serial = number.rsplit("-", 2)
    return {"number": number, "prefix": prefix, "year": int(year), "serial": int(serial), "check_code": "7K3QX9",
            "kind": kind, "volunteer_id": None, "course_id": None, "person_name": " ".join(person),
            "person_key": searchable(*person), "title": title, "issued_on": issued_on, "language": "de",
            "sha256": "ab" * 32, "content": "{}", "logo_sha256": None, "override_reason": ""} | changes


def insert(services, repo, *rows, logo=None) -> None:
    with services.store.db.atomic():
        for values in rows:
            repo.insert(values, logo, b"%PDF-1.4 " + values["number"].encode())


def test_serials_count_per_prefix_and_year(services, repo):
    assert repo.next_serial("KD", 2026) == 1
    insert(services, repo, row("KD-2026-00001"), row("KD-2026-00002"), row("KD-2025-00007"),
           row("KI-KOELN-2026-00001"))
    assert repo.next_serial("KD", 2026) == 3
    assert repo.next_serial("KD", 2025) == 8
    assert repo.next_serial("KI-KOELN", 2026) == 2
    assert repo.next_serial("KD", 2027) == 1


def test_a_number_or_a_serial_is_taken_once(services, repo):
    insert(services, repo, row("KD-2026-00001"))
    with pytest.raises(sqlite3.IntegrityError):
        insert(services, repo, row("KD-2026-00001"))
    assert len(repo.rows()) == 1


def test_the_logo_is_kept_once_and_read_back(services, repo):
    logo = b"\x89PNG\r\n\x1a\nlogo"
    insert(services, repo, row("KD-2026-00001", logo_sha256="f" * 64), row("KD-2026-00002", logo_sha256="f" * 64),
           logo=logo)
    assert services.store.table_counts()["certificate_logos"] == 1
    assert repo.logo("f" * 64) == logo
    assert repo.logo(None) is None and repo.logo("0" * 64) is None


def test_the_list_is_newest_first_and_searches_folded_prefixes(services, repo):
    insert(services, repo, row("KD-2026-00001", issued_on="2026-01-10"),
           row("KD-2026-00002", person=("Jürgen", "Müller"), title="Kinderschutz", issued_on="2026-02-01"),
           row("KD-2026-00003", person=("Anna", "Berg"), kind="service_record", title="1 Jan 2025 – 31 Dec 2025",
               issued_on="2026-02-01"))
    assert [r["number"] for r in repo.rows()] == ["KD-2026-00003", "KD-2026-00002", "KD-2026-00001"]
    assert [r["number"] for r in repo.rows(tokens("sukru yil"))] == ["KD-2026-00001"]
    assert [r["number"] for r in repo.rows(tokens("mueller"))] == ["KD-2026-00002"]
    assert [r["number"] for r in repo.rows(tokens("muller kinder"))] == ["KD-2026-00002"]
    assert [r["number"] for r in repo.rows(tokens("kd-2026-00002"))] == ["KD-2026-00002"]
    assert [r["number"] for r in repo.rows(tokens("fluchtlings"))] == ["KD-2026-00001"]
    assert repo.rows(tokens("berg kinder")) == []
    assert [r["number"] for r in repo.rows(kinds=["service_record"])] == ["KD-2026-00003"]
    assert len(repo.rows(limit=2)) == 2
    assert "content" not in repo.rows()[0].keys()  # the list does not read every certificate's JSON


def test_revoking_marks_once_and_the_list_can_leave_revoked_out(services, repo):
    insert(services, repo, row("KD-2026-00001"), row("KD-2026-00002"))
    with services.store.db.atomic():
        assert repo.revoke("KD-2026-00001", TODAY, "Name falsch geschrieben")
        assert not repo.revoke("KD-2026-00001", TODAY, "again")
        assert not repo.revoke("KD-2026-09999", TODAY, "unknown")
    stored = repo.get_by_number("KD-2026-00001")
    assert (stored["revoked_on"], stored["revoke_reason"]) == ("2026-03-16", "Name falsch geschrieben")
    assert [r["number"] for r in repo.rows(include_revoked=False)] == ["KD-2026-00002"]
    assert repo.get_by_number("KD-2026-00003") is None


def test_issued_for_course_gives_the_valid_certificates_by_volunteer(services, repo):
    volunteers = services.volunteers
    anna = volunteers.create(Volunteer(first_name="Anna", last_name="Berg"), confirmed_duplicate=True).id
    jan = volunteers.create(Volunteer(first_name="Jan", last_name="Nowak"), confirmed_duplicate=True).id
    from kommandesk.domain.trainings import Course

    course_id = services.trainings.create_course(Course(title="Kurs")).id
    insert(services, repo, row("KD-2026-00001", volunteer_id=anna, course_id=course_id),
           row("KD-2026-00002", volunteer_id=jan, course_id=course_id),
           row("KD-2026-00003", volunteer_id=anna, course_id=None, kind="service_record"))
    with services.store.db.atomic():
        repo.revoke("KD-2026-00002", TODAY, "Doppelt")
    found = repo.issued_for_course(course_id)
    assert list(found) == [anna] and found[anna]["number"] == "KD-2026-00001"
    assert [r["number"] for r in repo.rows(course_id=course_id)] == ["KD-2026-00002", "KD-2026-00001"]
    assert [r["number"] for r in repo.rows(volunteer_id=anna)] == ["KD-2026-00003", "KD-2026-00001"]


def test_a_deleted_course_leaves_its_certificates_in_the_register(services, repo):
    from kommandesk.domain.trainings import Course

    course_id = services.trainings.create_course(Course(title="Kurs")).id
    insert(services, repo, row("KD-2026-00001", course_id=course_id))
    with services.store.db.atomic():
        services.store.conn.execute("DELETE FROM courses WHERE id = ?", (course_id,))
    assert repo.get_by_number("KD-2026-00001")["course_id"] is None


# -- hours logged ----------------------------------------------------------------------------------------------

@pytest.fixture
def logged(services):
    """Hours of Anna Berg in two areas of help and on a request without an area; Jan Nowak's hours elsewhere."""
    volunteers = VolunteerService(services.store, services.organisation, today=lambda: TODAY)
    requests = RequestService(services.store, volunteers, today=lambda: TODAY)
    areas = volunteers.areas()
    anna = volunteers.create(Volunteer(first_name="Anna", last_name="Berg"), confirmed_duplicate=True)
    jan = volunteers.create(Volunteer(first_name="Jan", last_name="Nowak"), confirmed_duplicate=True)

    def request(area_id):
        return requests.create(SupportRequest(person="Zahra", site="ZUE", area_id=area_id,
                                              consent=RequestConsent(dt.date(2026, 1, 2), "Weitergabe"),
                                              received_on=dt.date(2026, 1, 2))).id

    first, second, none = request(areas[0].id), request(areas[1].id), request(areas[2].id)
    with services.store.db.atomic():  # a request without an area (the column allows it: imported requests)
        services.store.conn.execute("UPDATE requests SET area_id = NULL WHERE id = ?", (none,))
    a1 = requests.assign(first, anna.id).id
    a2 = requests.assign(second, anna.id).id
    a3 = requests.assign(none, anna.id).id
    other = requests.assign(first, jan.id).id
    for assignment, day, minutes in ((a1, TODAY, 60), (a1, TODAY, 30), (a2, TODAY, 120), (a3, TODAY, 45),
                                     (other, TODAY, 600)):
        requests.log_hours(assignment, day, minutes)
    return anna, areas


def test_minutes_by_day_sums_every_assignment_up_to_a_day(services, repo, logged):
    anna, _areas = logged
    assert repo.minutes_by_day(anna.id, TODAY) == {TODAY: 255}
    assert repo.minutes_by_day(anna.id, TODAY - dt.timedelta(days=1)) == {}


def test_activities_by_area_of_help_with_the_assignments_counted(services, repo, logged):
    anna, areas = logged
    found = [dict(r) for r in repo.activities(anna.id, TODAY, TODAY)]
    assert found == [
        {"area_id": areas[1].id, "name_de": areas[1].name_de, "name_en": areas[1].name_en, "minutes": 120,
         "assignments": 1},
        {"area_id": areas[0].id, "name_de": areas[0].name_de, "name_en": areas[0].name_en, "minutes": 90,
         "assignments": 1},
        {"area_id": None, "name_de": None, "name_en": None, "minutes": 45, "assignments": 1}]
    assert repo.activities(anna.id, TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=9)) == []


def test_rows_carry_no_content_but_get_by_number_does(services, repo):
    insert(services, repo, row("KD-2026-00001", content='{"kind": "attendance"}'))
    assert repo.get_by_number("KD-2026-00001")["content"] == '{"kind": "attendance"}'


def test_the_issued_pdf_is_kept_with_its_entry_and_goes_with_it(services, repo):
    insert(services, repo, row("KD-2026-00001"), row("KD-2026-00002"))
    assert repo.pdf("KD-2026-00002") == b"%PDF-1.4 KD-2026-00002"
    assert repo.pdf("KD-2026-00003") is None
    assert "pdf" not in repo.rows()[0].keys()  # the list does not carry the documents
