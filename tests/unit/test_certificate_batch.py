"""The course batch: who gets a certificate (eligible, below the minimum only with a reason, issued before:
reprinted, not numbered again), one file per person and/or one PDF, and that nothing is registered for a
certificate that was not written -- a folder that cannot be written, a file that cannot be replaced, cancelling."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from kommandesk.domain.certificates import Validity
from kommandesk.domain.errors import KommanDeskError
from kommandesk.services.certificate_batch import BELOW, ELIGIBLE, ISSUED, BatchError
from tests.unit.certificate_data import TODAY, certificates, course, png, ready

# (first, last, sessions present of 4): 100 %, 75 % (below 80 %), 100 %, 50 %
PEOPLE = [("Anna", "Berg", 4), ("Jan", "Nowak", 3), ("Şükrü", "Yılmaz", 4), ("Farid", "Ahmadi", 2)]


@pytest.fixture
def service(services):
    ready(services)
    return certificates(services)


@pytest.fixture
def made(services):
    return course(services, PEOPLE)


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def files(service, made, out, **options):
    return service.issue_course(made[0].id, **({"language": "de", "folder": out, "one_pdf": False,
                                                "per_person": True} | options))


def pdf_text(data: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


# -- the plan --------------------------------------------------------------------------------------------------

def test_the_plan_shows_each_participant_with_state_and_percentage(service, made, out):
    plan = service.plan(made[0].id)
    assert plan.course.id == made[0].id
    assert [(r.name, r.state, r.eligibility.percent) for r in plan.rows] == [
        ("Farid Ahmadi", BELOW, 50), ("Anna Berg", ELIGIBLE, 100), ("Jan Nowak", BELOW, 75),
        ("Şükrü Yılmaz", ELIGIBLE, 100)]
    files(service, made, out)
    plan = service.plan(made[0].id)
    assert [r.state for r in plan.rows] == [BELOW, ISSUED, BELOW, ISSUED]
    assert plan.count(ISSUED) == 2 and plan.rows[1].issued.number == "KD-2026-00001"


# -- one file per person ---------------------------------------------------------------------------------------

def test_one_file_per_eligible_person_each_registered_with_its_own_hash(service, made, out):
    result = files(service, made, out)
    assert listing(out) == ["Berg Anna - Teilnahmebescheinigung.pdf", "Yılmaz Şükrü - Teilnahmebescheinigung.pdf"]
    assert [r.number for r in result.issued] == ["KD-2026-00001", "KD-2026-00002"]
    assert [r.person_name for r in result.issued] == ["Anna Berg", "Şükrü Yılmaz"]
    assert result.files == [out / name for name in listing(out)] and result.bundle is None
    assert result.below_skipped == ["Farid Ahmadi", "Jan Nowak"] and not result.cancelled
    for path, row in zip(result.files, result.issued):
        data = path.read_bytes()
        assert sha(data) == row.sha256 == sha(service.reprint(row.number))
        assert row.course_id == made[0].id and row.issued_on == TODAY and row.language == "de"
    assert {r.number for r in service.register(course_id=made[0].id)} == {"KD-2026-00001", "KD-2026-00002"}
    content = service.content("KD-2026-00001")
    assert content.attended_minutes == content.planned_minutes == 360 and content.unit == "hours"
    assert len(content.session_days) == 4 and content.trainers == "Frau Peters"
    assert content.course_reference == made[0].reference and content.funding_tag == "KOMM-AN NRW II D"


def test_english_file_names_and_bundle_name(service, made, out):
    result = files(service, made, out, language="en", one_pdf=True)
    assert listing(out) == ["Berg Anna - Certificate of attendance.pdf",
                            f"{made[0].reference} - Certificates of attendance.pdf",
                            "Yılmaz Şükrü - Certificate of attendance.pdf"]
    assert result.bundle == out / f"{made[0].reference} - Certificates of attendance.pdf"


def test_progress_runs_from_zero_to_the_total(service, made, out):
    seen = []
    files(service, made, out, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 2), (1, 2), (2, 2)]


def test_people_with_a_certificate_are_reprinted_not_numbered_again(service, made, out, tmp_path):
    first = files(service, made, out)
    again = tmp_path / "again"
    again.mkdir()
    jan = made[1]["Nowak"].registration_id
    result = files(service, made, again, include={jan: "Fehlzeit nachgeholt"})
    assert [r.number for r in result.reprinted] == [r.number for r in first.issued]
    assert [(r.number, r.person_name, r.override_reason) for r in result.issued] == [
        ("KD-2026-00003", "Jan Nowak", "Fehlzeit nachgeholt")]
    for name in ("Berg Anna - Teilnahmebescheinigung.pdf", "Yılmaz Şükrü - Teilnahmebescheinigung.pdf"):
        assert (again / name).read_bytes() == (out / name).read_bytes()  # the very same document
    assert len(service.register()) == 3


def test_issuing_again_into_the_same_folder_leaves_the_reprinted_files_as_they_are(service, made, out):
    first = files(service, made, out)
    before = sorted(path.name for path in out.iterdir())
    second = files(service, made, out)
    assert second.issued == [] and len(second.reprinted) == len(first.issued)
    assert sorted(path.name for path in out.iterdir()) == before  # no "(2)" copies of the same documents


def test_a_revoked_certificate_is_issued_anew(service, made, out, tmp_path):
    files(service, made, out)
    service.revoke("KD-2026-00001", "Name falsch geschrieben")
    again = tmp_path / "again"
    again.mkdir()
    result = files(service, made, again)
    assert [r.number for r in result.issued] == ["KD-2026-00003"]
    assert [r.number for r in result.reprinted] == ["KD-2026-00002"]


def test_file_names_never_overwrite_a_file_in_the_folder(services, service, out):
    made = course(services, [("Anna", "Berg", 4), ("Anna", "Berg", 4)])  # namesakes
    (out / "berg anna - teilnahmebescheinigung.pdf").write_bytes(b"someone else's file")
    result = files(service, made, out)
    assert listing(out) == ["Berg Anna - Teilnahmebescheinigung (2).pdf", "Berg Anna - Teilnahmebescheinigung (3).pdf",
                            "berg anna - teilnahmebescheinigung.pdf"]
    assert (out / "berg anna - teilnahmebescheinigung.pdf").read_bytes() == b"someone else's file"
    assert len(result.issued) == 2


def test_a_name_with_markup_characters_prints_and_names_its_file(services, service, out):
    made = course(services, [('Zoë "Zo"', "O'Neil <&> Söhne", 4)])
    result = files(service, made, out, one_pdf=True)
    assert listing(out)[1] == "O'Neil _&_ Söhne Zoë _Zo_ - Teilnahmebescheinigung.pdf"
    assert result.issued[0].person_name == 'Zoë "Zo" O\'Neil <&> Söhne'
    text = pdf_text(result.files[0].read_bytes())
    assert "O'Neil <&> Söhne" in text and "KD-2026-00001" in text
    assert "O'Neil <&> Söhne" in pdf_text(result.bundle.read_bytes())


def test_the_birth_date_goes_on_when_the_setting_says_so(services, made, out):
    ready(services, certificate_birth_date=True)
    result = files(certificates(services), made, out)
    assert certificates(services).content(result.issued[0].number).heading.person.birth_date.year == 1990


def test_a_logo_is_printed_and_kept_once(services, made, out):
    ready(services, logo=png())
    service = certificates(services)
    result = files(service, made, out, one_pdf=True)
    assert services.store.table_counts()["certificate_logos"] == 1
    assert all(sha(path.read_bytes()) == row.sha256 for path, row in zip(result.files, result.issued))


# -- one PDF for printing --------------------------------------------------------------------------------------

def test_only_one_pdf_registers_after_it_was_written(service, made, out):
    result = files(service, made, out, one_pdf=True, per_person=False)
    assert listing(out) == [f"{made[0].reference} - Teilnahmebescheinigungen.pdf"] and result.files == []
    assert [r.number for r in result.issued] == ["KD-2026-00001", "KD-2026-00002"]
    for row in result.issued:  # each hash is of the certificate on its own: what a reprint gives
        assert sha(service.reprint(row.number)) == row.sha256
    text = pdf_text(result.bundle.read_bytes())
    assert "KD-2026-00001" in text and "KD-2026-00002" in text


def test_a_second_bundle_gets_a_new_name(service, made, out):
    first = files(service, made, out, one_pdf=True, per_person=False)
    second = files(service, made, out, one_pdf=True, per_person=False)
    assert second.bundle.name == f"{made[0].reference} - Teilnahmebescheinigungen (2).pdf"
    assert [r.number for r in second.reprinted] == [r.number for r in first.issued] and second.issued == []


def test_only_one_pdf_cancelled_before_it_is_written_registers_nothing(service, made, out):
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2  # after both certificates are drawn, before the bundle is written

    result = files(service, made, out, one_pdf=True, per_person=False, cancelled=cancelled)
    assert result.cancelled and result.issued == [] and result.bundle is None
    assert listing(out) == [] and service.register() == []


def test_only_one_pdf_that_cannot_be_written_registers_nothing(service, made, out, monkeypatch):
    def locked(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(KommanDeskError, match="could not be written"):
        files(service, made, out, one_pdf=True, per_person=False)
    assert listing(out) == [] and service.register() == []


# -- refused up front: nothing written, nothing registered -----------------------------------------------------

def refused(service, made, out, match, **options):
    with pytest.raises(KommanDeskError, match=match):
        files(service, made, out, **options)
    assert listing(out) == [] and service.register() == []


def test_a_course_with_no_eligible_participant(services, service, out):
    made = course(services, [("Jan", "Nowak", 1), ("Farid", "Ahmadi", 0)])
    refused(service, made, out, f"No participant of {made[0].reference} reached the minimum attendance of 80 %; "
                                "include people below it deliberately, with a reason.")


def test_a_course_without_sessions_is_refused_even_with_an_override(services, service, out):
    made = course(services, [("Jan", "Nowak", 0)], sessions=0)
    refused(service, made, out, "No session of .* took place",
            include={made[1]["Nowak"].registration_id: "war trotzdem da"})


def test_a_course_with_nobody_registered(services, service, out):
    refused(service, course(services, []), out, "Nobody is registered")


def test_an_override_without_a_reason(service, made, out):
    jan = made[1]["Nowak"].registration_id
    refused(service, made, out, "Jan Nowak attended 75 % .* below the minimum of 80 %. Write down why",
            include={jan: "   "})
    refused(service, made, out, "At most 300 characters", include={jan: "x" * 301})
    refused(service, made, out, "not registered", include={"no-such-registration": "Grund"})


def test_an_override_with_a_reason_includes_the_person(service, made, out):
    result = files(service, made, out, include={made[1]["Nowak"].registration_id: "Krank, Stoff nachgeholt",
                                                made[1]["Berg"].registration_id: ""})  # eligible: no reason needed
    assert [(r.person_name, r.override_reason) for r in result.issued] == [
        ("Anna Berg", ""), ("Jan Nowak", "Krank, Stoff nachgeholt"), ("Şükrü Yılmaz", "")]
    assert result.below_skipped == ["Farid Ahmadi"]


def test_an_organisation_not_set_up(services, made, out):
    refused(certificates(services), made, out, "Fill in")


def test_no_output_or_an_unknown_language(service, made, out):
    refused(service, made, out, "Choose the output", per_person=False)
    refused(service, made, out, "language", language="tr")


def test_a_folder_that_does_not_exist(service, made, tmp_path):
    with pytest.raises(KommanDeskError, match="does not exist"):
        files(service, made, tmp_path / "missing")
    assert not (tmp_path / "missing").exists() and service.register() == []


def test_a_folder_whose_parent_is_a_file(service, made, tmp_path):
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(KommanDeskError, match="does not exist|not a folder"):
        files(service, made, tmp_path / "a-file" / "out")
    with pytest.raises(KommanDeskError, match="not a folder"):
        files(service, made, tmp_path / "a-file")
    assert service.register() == []


def test_a_folder_that_is_not_writable(service, made, out):
    out.chmod(0o500)
    try:
        if os.access(out, os.W_OK):
            pytest.skip("this user can write to a read-only folder (root): the check cannot be seen")
        refused(service, made, out, "cannot write to the folder")
    finally:
        out.chmod(0o700)


def test_a_folder_that_refuses_new_files(service, made, out, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # what a read-only folder does for any user
    refused(service, made, out, "cannot write to the folder .*Permission denied. Choose another folder")


# -- stopped midway --------------------------------------------------------------------------------------------

def test_a_file_that_cannot_be_replaced_stops_the_batch_earlier_ones_stay(services, service, out, monkeypatch):
    made = course(services, [("Anna", "Berg", 4), ("Jan", "Nowak", 4), ("Olga", "Petrova", 4), ("Ali", "Kaya", 4)])
    real, calls = os.replace, []

    def replace(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise PermissionError(13, "Permission denied")
        return real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(BatchError) as caught:
        files(service, made, out, one_pdf=True)
    message = caught.value.message
    assert "could not be written" in message and "2 certificates were written before it" in message
    done = caught.value.result
    assert [p.name for p in done.files] == ["Berg Anna - Teilnahmebescheinigung.pdf",
                                            "Kaya Ali - Teilnahmebescheinigung.pdf"]
    assert listing(out) == [p.name for p in done.files] and done.bundle is None  # no part file left either
    assert [r.number for r in service.register()] == ["KD-2026-00002", "KD-2026-00001"]
    assert [r.person_name for r in done.issued] == ["Anna Berg", "Ali Kaya"]
    monkeypatch.setattr(os, "replace", real)
    again = files(service, made, out)  # the rest, numbered on without a gap
    assert [r.number for r in again.issued] == ["KD-2026-00003", "KD-2026-00004"]


def test_a_certificate_that_cannot_be_registered_leaves_no_file(service, made, out, monkeypatch):
    real, calls = service.record, []

    def record(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KommanDeskError("The number KD-2026-00002 was given to another certificate in the meantime.")
        return real(*args, **kwargs)

    monkeypatch.setattr(service, "record", record)
    with pytest.raises(BatchError, match="1 certificate was written before it"):
        files(service, made, out)
    assert listing(out) == ["Berg Anna - Teilnahmebescheinigung.pdf"]
    assert [r.number for r in service.register()] == ["KD-2026-00001"]


def test_cancel_midway_keeps_what_was_written_and_registered(service, made, out):
    seen = []

    def cancelled():
        seen.append(1)
        return len(seen) > 1  # after the first certificate

    result = files(service, made, out, one_pdf=True, cancelled=cancelled)
    assert result.cancelled and result.bundle is None
    assert [p.name for p in result.files] == listing(out) == ["Berg Anna - Teilnahmebescheinigung.pdf"]
    assert [r.number for r in result.issued] == [r.number for r in service.register()] == ["KD-2026-00001"]


# -- on a worker thread ----------------------------------------------------------------------------------------

def test_on_a_connection_of_its_own(services, service, made, out, paths):
    import threading

    box = {}

    def work():
        box["result"] = files(service, made, out, paths=paths)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    result = box["result"]
    assert [r.number for r in result.issued] == ["KD-2026-00001", "KD-2026-00002"]
    assert result.issued[0].issued_on == TODAY  # the service's today, not the clock's
    assert service.verify("KD-2026-00002").validity is Validity.VALID
