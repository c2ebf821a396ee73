"""The certificate register through its service: what must be filled in first (and where), numbers gapless per
prefix and year, recording, the list, reprint with the very same bytes, revoking with a reason, and verifying a
number or a QR text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pytest

from kommandesk.domain.certificates import AttendanceContent, Kind, Person, Validity, qr_text
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.services.certificates import render
from tests.unit.certificate_data import ORGANISATION, TODAY, certificates, png, ready, save_unchecked

FAKE_PDF = b"%PDF-1.4 not drawn: the register keeps only its hash"


@pytest.fixture
def service(services):
    ready(services)
    return certificates(services)


def attendance(service, first="Şükrü", last="Yılmaz", *, offset=0, language="de", birth=None) -> AttendanceContent:
    issuer, _logo = service.issuer()
    head = service.next_heading(Person(first, last, birth), language, issuer, offset=offset)
    return AttendanceContent(heading=head, course_title="Grundkurs Flüchtlingshilfe", course_reference="K-2026-0001",
                             session_days=(dt.date(2026, 3, 2), dt.date(2026, 3, 9)), attended_minutes=180,
                             planned_minutes=180, unit="hours", topics=("Asylverfahren",), trainers="Frau Peters",
                             funding_tag="KOMM-AN NRW II D")


def issue(service, *names, pdf=FAKE_PDF, **changes):
    """Record one certificate per (first, last) with a stand-in PDF; their rows."""
    made = []
    for first, last in names or (("Şükrü", "Yılmaz"),):
        made.append(service.record(attendance(service, first, last, **changes), pdf, volunteer_id=None))
    return made


# -- before anything is issued ---------------------------------------------------------------------------------

def test_an_organisation_set_up_is_ready(service):
    assert service.readiness_problems() == []
    service.check_ready()


def test_each_missing_detail_names_the_field_and_where_to_fill_it(services):
    service = certificates(services)  # nothing saved yet
    problems = service.readiness_problems()
    assert len(problems) == 4
    for problem, field in zip(problems, ('"Name of the organisation"', '"Town"', '"Signatory (name)"',
                                         '"Signatory (role)"')):
        assert field in problem and "Settings > Organisation" in problem and problem.endswith(".")
    with pytest.raises(KommanDeskError) as caught:
        service.check_ready()
    assert all(problem in caught.value.message for problem in problems)


@pytest.mark.parametrize("field", ["name", "town", "signatory_name", "signatory_role"])
def test_one_missing_detail_is_the_only_problem(services, field):
    save_unchecked(services, dataclasses.replace(ORGANISATION, **{field: ""}))
    problems = certificates(services).readiness_problems()
    assert len(problems) == 1 and "Settings > Organisation" in problems[0]


@pytest.mark.parametrize("logo", [b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"GIF89a-not-a-png"])
def test_a_logo_that_cannot_be_read_is_a_readiness_problem(services, logo):
    save_unchecked(services, dataclasses.replace(ORGANISATION, logo=logo, logo_type="png"))
    problems = certificates(services).readiness_problems()
    assert len(problems) == 1
    assert "logo" in problems[0] and "Choose it again or remove it under Settings > Organisation" in problems[0]


def test_the_issuer_carries_the_logo_by_its_hash(services):
    logo = png()
    ready(services, logo=logo)
    issuer, data = certificates(services).issuer()
    assert data == logo and issuer.logo_sha256 == hashlib.sha256(logo).hexdigest()
    assert issuer.name == ORGANISATION.name and issuer.town == "Musterstadt"
    assert issuer.signatory_name == "Dr. Ute Beispiel" and issuer.signatory_role == "Leitung"


def test_the_birth_date_is_printed_only_when_the_setting_says_so(services):
    from kommandesk.domain.volunteers import Volunteer

    vol = Volunteer(first_name="Anna", last_name="Berg", birth_date=dt.date(1990, 5, 17))
    ready(services)
    assert certificates(services).person(vol) == Person("Anna", "Berg", None)
    ready(services, certificate_birth_date=True)
    assert certificates(services).person(vol) == Person("Anna", "Berg", dt.date(1990, 5, 17))


# -- numbers ---------------------------------------------------------------------------------------------------

def test_numbers_are_gapless_per_prefix_and_year(services, service):
    assert attendance(service).heading.number == "KD-2026-00001"
    assert attendance(service).heading.number == "KD-2026-00001"  # a heading alone takes no number
    assert attendance(service, offset=2).heading.number == "KD-2026-00003"
    rows = issue(service, ("Anna", "Berg"), ("Jan", "Nowak"), ("Şükrü", "Yılmaz"))
    assert [r.number for r in rows] == ["KD-2026-00001", "KD-2026-00002", "KD-2026-00003"]
    ready(services, certificate_prefix="KI-MS")
    assert issue(service)[0].number == "KI-MS-2026-00001"
    ready(services)
    assert issue(service)[0].number == "KD-2026-00004"
    next_year = certificates(services, today=lambda: dt.date(2027, 1, 2))
    assert issue(next_year)[0].number == "KD-2027-00001"
    assert issue(service)[0].number == "KD-2026-00005"


def test_a_heading_has_a_fresh_check_value_and_todays_date(service):
    first, second = attendance(service).heading, attendance(service).heading
    assert first.issued_on == TODAY and first.language == "de"
    assert len(first.check_code) == 6 and first.check_code != second.check_code  # 32^6: a clash is 1 in 10^9


def test_an_unknown_language_is_refused(service):
    with pytest.raises(KommanDeskError, match="de .German., en .English. or both"):
        attendance(service, language="fr")


def test_a_number_registered_in_the_meantime_is_refused_with_a_message(service):
    content = attendance(service)
    service.record(content, FAKE_PDF, volunteer_id=None)
    with pytest.raises(KommanDeskError, match="KD-2026-00001 was given to another certificate"):
        service.record(content, FAKE_PDF, volunteer_id=None)
    assert len(service.register()) == 1


# -- recording and the list ------------------------------------------------------------------------------------

def test_a_recorded_certificate_reads_back_with_its_content(service):
    content = attendance(service)
    row = service.record(content, FAKE_PDF, volunteer_id=None, override_reason="krank, Stoff nachgeholt")
    assert (row.number, row.kind, row.person_name, row.title, row.issued_on, row.language) == (
        "KD-2026-00001", Kind.ATTENDANCE, "Şükrü Yılmaz", "Grundkurs Flüchtlingshilfe", TODAY, "de")
    assert row.sha256 == hashlib.sha256(FAKE_PDF).hexdigest() and row.check_code == content.heading.check_code
    assert row.override_reason == "krank, Stoff nachgeholt" and row.validity is Validity.VALID
    assert service.get("KD-2026-00001") == row == service.get(" kd-2026-00001 ")
    assert service.content("KD-2026-00001") == content


def test_a_logo_is_kept_once_for_many_certificates(services):
    logo = png()
    ready(services, logo=logo)
    service = certificates(services)
    _issuer, data = service.issuer()
    for n in range(3):
        service.record(attendance(service), FAKE_PDF, volunteer_id=None, logo=data)
    assert services.store.table_counts()["certificate_logos"] == 1
    assert service.repo.logo(hashlib.sha256(logo).hexdigest()) == logo


def test_the_register_searches_and_filters(service):
    issue(service, ("Şükrü", "Yılmaz"), ("Jürgen", "Müller"), ("Anna", "Berg"))
    service.revoke("KD-2026-00003", "Doppelt ausgestellt")
    assert [r.number for r in service.register()] == ["KD-2026-00003", "KD-2026-00002", "KD-2026-00001"]
    assert [r.person_name for r in service.register("sukru")] == ["Şükrü Yılmaz"]
    assert [r.person_name for r in service.register("MUELLER grund")] == ["Jürgen Müller"]
    assert [r.number for r in service.register("00002")] == ["KD-2026-00002"]
    assert [r.number for r in service.register(include_revoked=False)] == ["KD-2026-00002", "KD-2026-00001"]
    assert service.register(kinds=frozenset({Kind.SERVICE_RECORD})) == []
    assert len(service.register(kinds=frozenset({Kind.ATTENDANCE}))) == 3
    assert service.register("nobody") == []


def test_an_unknown_number_is_an_error_with_the_number(service):
    with pytest.raises(KommanDeskError, match="no certificate with the number KD-2026-00042"):
        service.get("KD-2026-00042")
    with pytest.raises(KommanDeskError, match="no certificate"):
        service.content("rubbish")


# -- revoke ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("reason,message", [("", "Write down why"), ("   ", "Write down why"),
                                            ("x" * 301, "At most 300 characters")])
def test_revoking_needs_a_reason_of_at_most_300_characters(service, reason, message):
    issue(service)
    with pytest.raises(ValidationError) as caught:
        service.revoke("KD-2026-00001", reason)
    assert message in caught.value.errors["reason"]
    assert service.get("KD-2026-00001").revoked_on is None


def test_revoking_twice_is_refused(service):
    issue(service)
    row = service.revoke("KD-2026-00001", "  Name falsch  ")
    assert (row.revoked_on, row.revoke_reason, row.validity) == (TODAY, "Name falsch", Validity.REVOKED)
    with pytest.raises(KommanDeskError, match="revoked already on March 20, 2026"):
        service.revoke("KD-2026-00001", "again")
    assert service.get("KD-2026-00001").revoke_reason == "Name falsch"


def test_revoking_an_unknown_number_is_refused(service):
    with pytest.raises(KommanDeskError, match="no certificate with the number KD-2026-00009"):
        service.revoke("KD-2026-00009", "Grund")


# -- verify ----------------------------------------------------------------------------------------------------

def test_verify_by_number_and_by_qr_text(service):
    row = issue(service)[0]
    for text in ("KD-2026-00001", "  kd-2026-00001 ", qr_text(row.number, row.check_code),
                 qr_text(row.number, row.check_code).lower()):
        found = service.verify(text)
        assert found.validity is Validity.VALID and found.row == row
    assert found.message == ("KD-2026-00001 is valid. Certificate of attendance for Şükrü Yılmaz, issued on "
                             "March 20, 2026.")


def test_verify_a_qr_text_with_a_wrong_check_value_is_unknown(service):
    row = issue(service)[0]
    wrong = "ZZZZZZ" if row.check_code != "ZZZZZZ" else "000000"
    found = service.verify(qr_text(row.number, wrong))
    assert found.validity is Validity.UNKNOWN and found.row is None
    assert "does not match" in found.message and "not genuine" in found.message


@pytest.mark.parametrize("check", ["WRONG1", "7K3QX", "ILOU00", "<&>"])
def test_verify_a_qr_text_with_a_malformed_check_value_is_unknown(service, check):
    row = issue(service)[0]
    found = service.verify(f"KommanDesk {row.number} {check}")
    assert found.validity is Validity.UNKNOWN and "does not match" in found.message


def test_verify_an_unknown_number(service):
    found = service.verify("KD-2026-00077")
    assert found.validity is Validity.UNKNOWN and found.row is None
    assert found.message.startswith("KD-2026-00077 is not in the register")


@pytest.mark.parametrize("text", ["", "   ", "hello world", "KD-26-1", "<script>&amp;</script>", "x" * 500])
def test_verify_garbage_is_unknown_with_a_clear_message(service, text):
    found = service.verify(text)
    assert found.validity is Validity.UNKNOWN and found.row is None
    assert found.message.startswith("No certificate number found in") and "KD-2026-00012" in found.message
    assert len(found.message) < 200


def test_verify_a_revoked_certificate_gives_date_and_reason(service):
    issue(service)
    service.revoke("KD-2026-00001", "Teilnahme nicht erfolgt")
    found = service.verify("KD-2026-00001")
    assert found.validity is Validity.REVOKED and found.row.revoke_reason == "Teilnahme nicht erfolgt"
    assert "revoked on March 20, 2026" in found.message and "Teilnahme nicht erfolgt" in found.message


def test_verify_speaks_the_ui_language(service, german):
    issue(service)
    message = service.verify("KD-2026-00001").message
    assert "KD-2026-00001" in message and "2026" in message and "März" in message


def test_the_services_offer_the_register_and_the_service_records(services):
    from kommandesk.services.certificates import CertificateService
    from kommandesk.services.service_records import ServiceRecords

    assert isinstance(services.certificates, CertificateService) and services.certificates is services.certificates
    assert isinstance(services.service_records, ServiceRecords)


# -- the round trip with the real document ---------------------------------------------------------------------

def test_issue_reprint_identical_revoke_verify(services):
    ready(services, logo=png())
    service = certificates(services)
    _issuer, logo = service.issuer()
    content = attendance(service, "Zoë", 'O\'Brien <&> "Jr."', language="both")
    pdf = render(content, logo)
    row = service.record(content, pdf, volunteer_id=None, logo=logo)
    again = service.reprint(row.number)
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(pdf).hexdigest() == row.sha256
    assert service.verify(qr_text(row.number, row.check_code)).validity is Validity.VALID
    service.revoke(row.number, "Falscher Kurs")
    assert service.verify(row.number).validity is Validity.REVOKED
    assert service.verify(qr_text(row.number, row.check_code)).validity is Validity.REVOKED
    assert hashlib.sha256(service.reprint(row.number)).digest() == hashlib.sha256(pdf).digest()  # still reprintable


def test_service_records_and_hours_confirmations_reprint_identically_too(service):
    from kommandesk.domain.certificates import (
        Activity, CardCheck, CardRule, CardYear, HoursConfirmationContent, ServiceRecordContent, TrainingDone,
    )

    issuer, _logo = service.issuer()
    record = ServiceRecordContent(
        heading=service.next_heading(Person("Anna", "Berg"), "en", issuer), period_from=dt.date(2025, 1, 1),
        period_to=dt.date(2025, 12, 31), activities=(Activity("Begleitung", "Accompanying", 600, 2),),
        trainings=(TrainingDone("Grundkurs", "K-2025-0001", dt.date(2025, 3, 2), dt.date(2025, 3, 9), 180,
                                "hours"),), total_minutes=600)
    row = service.record(record, render(record, None), volunteer_id=None)
    assert (row.kind, row.title) == (Kind.SERVICE_RECORD, "Jan 1, 2025 – Dec 31, 2025")
    year = CardYear(dt.date(2025, 3, 21), dt.date(2026, 3, 20), 16000, 307.7, True)
    confirmation = HoursConfirmationContent(
        heading=service.next_heading(Person("Anna", "Berg"), "de", issuer),
        check=CardCheck(CardRule(), (year, dataclasses.replace(year, first_day=dt.date(2024, 3, 21),
                                                               last_day=dt.date(2025, 3, 20))), True, None))
    other = service.record(confirmation, render(confirmation, None), volunteer_id=None)
    assert (other.kind, other.title) == (Kind.HOURS_CONFIRMATION, "21.03.2024 – 20.03.2026")
    for number in (row.number, other.number):
        assert hashlib.sha256(service.reprint(number)).hexdigest() == service.get(number).sha256


def test_a_reprint_is_the_issued_document_even_after_the_program_changed(service, monkeypatch):
    from kommandesk.documents import certificate

    content = attendance(service, "Şükrü", "Yılmaz")
    issued = render(content, None)
    row = service.record(content, issued, volunteer_id=None)
    monkeypatch.setattr(certificate, "attendance_pdf", lambda *args: b"%PDF-1.4 drawn by a newer version")
    assert service.reprint(row.number) == issued  # new wording or fonts do not change what was handed out


def test_a_damaged_stored_document_is_refused_with_what_to_do(service):
    row = issue(service)[0]
    service.repo._conn.execute("UPDATE certificate_files SET pdf = ?", (b"%PDF-1.4 damaged",))
    with pytest.raises(KommanDeskError, match="cannot be reproduced identically.*damaged.*Revoke it and issue a new"):
        service.reprint(row.number)
