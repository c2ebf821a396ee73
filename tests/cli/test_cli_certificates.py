"""kommandesk-cli certificates (issue, verify, list, reprint, revoke), service-record and ehrenamtskarte, end to end
in-process: the files written and their names, the register, exit codes, and every bad input refused with a clear
message, nothing written and nothing registered."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kommandesk import paths as paths_mod
from kommandesk.domain.assignments import HoursEntry
from kommandesk.domain.requests import RequestConsent, SupportRequest
from kommandesk.domain.trainings import Course, CourseStatus, Presence, Session
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer

NEEDS_PDFTOTEXT = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
TODAY = dt.date.today()


def open_services(data_dir: Path):
    from kommandesk.services.context import Services

    paths = paths_mod.resolve(data_dir)
    paths.ensure()
    return Services.open(paths)


@pytest.fixture
def data(data_dir) -> dict[str, str]:
    """An organisation ready to issue; a finished course (two sessions of 3 hours) with Şükrü Yılmaz and Łucja Wąs
    present at both and Anna Berg at one (50 %, under the minimum of 80 %); Jan Nowak, not in the course, who logged
    6 hours every week for two years; Şükrü's hours of the last weeks."""
    services = open_services(data_dir)
    try:
        org = services.organisation.get()
        services.organisation.save(dataclasses.replace(
            org, name="KI Musterstadt", street="Marktplatz 1", postcode="12345", town="Musterstadt",
            signatory_name="Erika Mustermann", signatory_role="Leitung", certificate_prefix="KD"))
        consent = Consent(TODAY - dt.timedelta(days=800), frozenset({ConsentPurpose.CONTACT}), "2025-02")

        def person(first: str, last: str) -> Volunteer:
            return services.volunteers.create(Volunteer(first_name=first, last_name=last, status=Status.ACTIVE,
                                                        consent=consent), confirmed_duplicate=True)

        sukru, lucja, anna, jan = (person("Şükrü", "Yılmaz"), person("Łucja", "Wąs"), person("Anna", "Berg"),
                                   person("Jan", "Nowak"))
        trainings = services.trainings
        course = trainings.create_course(Course(title="Grundkurs Ehrenamt", capacity=5, status=CourseStatus.OPEN,
                                                trainers="Ayşe Demir"))
        first = trainings.add_session(Session(course.id, TODAY - dt.timedelta(days=14), dt.time(9), dt.time(12)))
        second = trainings.add_session(Session(course.id, TODAY - dt.timedelta(days=7), dt.time(9), dt.time(12)))
        for volunteer in (sukru, lucja, anna):
            registration = trainings.register(course.id, volunteer.id)
            trainings.record(first.id, registration.id, Presence.PRESENT)
            if volunteer is not anna:
                trainings.record(second.id, registration.id, Presence.PRESENT)
        trainings.complete_course(course.id)
        empty = trainings.create_course(Course(title="Kinderschutz", status=CourseStatus.PLANNED))
        log_hours(services, jan, {TODAY - dt.timedelta(days=7 * week): 360 for week in range(105)})
        log_hours(services, sukru, {TODAY - dt.timedelta(days=3): 90, TODAY - dt.timedelta(days=40): 120})
        return {"course": course.reference, "empty": empty.reference, "sukru": sukru.reference,
                "lucja": lucja.reference, "anna": anna.reference, "jan": jan.reference}
    finally:
        services.close()


def log_hours(services, volunteer: Volunteer, minutes_by_day: dict[dt.date, int]) -> None:
    """Hours as the hours tab logs them, over the past two years (the service refuses days before the proposal,
    which is today here)."""
    from kommandesk.store.assignments_repo import AssignmentRepository

    area = services.volunteers.areas()[0].id
    request = services.requests.create(SupportRequest(
        person="Zahra", site="ZUE Musterstadt", area_id=area,
        consent=RequestConsent(TODAY - dt.timedelta(days=800), "Weitergabe"), received_on=TODAY))
    job = services.requests.assign(request.id, volunteer.id).id
    with services.store.db.atomic():
        AssignmentRepository(services.store).insert_hours(
            [HoursEntry(day, minutes, "Begleitung", job) for day, minutes in minutes_by_day.items()])


@pytest.fixture
def out_dir(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def register(run) -> list[dict]:
    code, out, err = run("certificates", "list", "--json")
    assert (code, err) == (0, "")
    return json.loads(out)["certificates"]


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# --- certificates COURSE_REF --------------------------------------------------------------------------------------

def test_issue_writes_one_file_per_eligible_person_and_registers_them(run, data, out_dir):
    code, out, err = run("certificates", data["course"], "--out", str(out_dir))
    assert (code, err) == (0, "")
    assert names(out_dir) == ["Wąs Łucja - Teilnahmebescheinigung.pdf",
                              "Yılmaz Şükrü - Teilnahmebescheinigung.pdf"]
    year = TODAY.year
    assert f"KD-{year}-00001" in out and f"KD-{year}-00002" in out and "Şükrü Yılmaz" in out
    assert f"2 new certificates for {data['course']}." in out
    assert "Below the minimum attendance, no certificate: Anna Berg" in out
    rows = register(run)
    assert sorted((row["person_name"], row["kind"], row["language"], row["validity"]) for row in rows) == [
        ("Łucja Wąs", "attendance", "de", "valid"), ("Şükrü Yılmaz", "attendance", "de", "valid")]


@NEEDS_PDFTOTEXT
def test_a_written_certificate_shows_the_name_and_the_number(run, data, out_dir):
    assert run("certificates", data["course"], "--out", str(out_dir))[0] == 0
    number = next(row["number"] for row in register(run) if row["person_name"] == "Şükrü Yılmaz")
    text = pdf_text(out_dir / "Yılmaz Şükrü - Teilnahmebescheinigung.pdf")
    assert "Şükrü Yılmaz" in " ".join(text.split()) and number in text and "Grundkurs Ehrenamt" in text


def test_issue_in_english_names_the_files_in_english(run, data, out_dir):
    code, _out, err = run("certificates", data["course"], "--out", str(out_dir), "--lang", "en")
    assert (code, err) == (0, "")
    assert names(out_dir) == ["Wąs Łucja - Certificate of attendance.pdf",
                              "Yılmaz Şükrü - Certificate of attendance.pdf"]
    assert {row["language"] for row in register(run)} == {"en"}


def test_issue_with_one_pdf_writes_only_the_one_file(run, data, out_dir):
    code, out, err = run("certificates", "issue", data["course"], "--out", str(out_dir), "--one-pdf")
    assert (code, err) == (0, "")
    assert names(out_dir) == [f"{data['course']} - Teilnahmebescheinigungen.pdf"]
    assert "1 file written:" in out and len(register(run)) == 2


@NEEDS_PDFTOTEXT
def test_the_one_pdf_holds_every_certificate_with_its_number(run, data, out_dir):
    assert run("certificates", data["course"], "--out", str(out_dir), "--one-pdf", "--lang", "both")[0] == 0
    text = " ".join(pdf_text(out_dir / f"{data['course']} - Teilnahmebescheinigungen.pdf").split())
    assert all(name in text for name in ("Şükrü Yılmaz", "Łucja Wąs")) and "Anna Berg" not in text
    assert all(row["number"] in text for row in register(run))


def test_issue_again_puts_the_certificates_in_again_without_new_numbers(run, data, out_dir, tmp_path):
    assert run("certificates", data["course"], "--out", str(out_dir))[0] == 0
    first = (out_dir / "Yılmaz Şükrü - Teilnahmebescheinigung.pdf").read_bytes()
    again = tmp_path / "again"
    again.mkdir()
    code, out, err = run("certificates", data["course"], "--out", str(again), "--json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert (result["issued"], len(result["reprinted"]), result["below_skipped"]) == ([], 2, ["Anna Berg"])
    assert (again / "Yılmaz Şükrü - Teilnahmebescheinigung.pdf").read_bytes() == first
    assert len(register(run)) == 2


def test_include_below_the_minimum_needs_a_reason_and_is_kept(run, data, out_dir):
    code, out, err = run("certificates", data["course"], "--out", str(out_dir), "--include", data["anna"])
    assert code == 2 and "--include needs --reason" in err and names(out_dir) == []
    code, out, err = run("certificates", data["course"], "--out", str(out_dir), "--reason", "krank")
    assert code == 2 and "--reason belongs to --include" in err
    code, out, err = run("certificates", data["course"], "--out", str(out_dir), "--include", data["anna"],
                         "--reason", "Sitzung 2 nachgeholt", "--json")
    assert (code, err) == (0, "")
    issued = {row["person_name"]: row for row in json.loads(out)["issued"]}
    assert issued["Anna Berg"]["override_reason"] == "Sitzung 2 nachgeholt" and len(issued) == 3
    assert "Berg Anna - Teilnahmebescheinigung.pdf" in names(out_dir)


def test_include_of_someone_not_in_the_course_is_refused(run, data, out_dir):
    code, out, err = run("certificates", data["course"], "--out", str(out_dir), "--include", data["jan"],
                         "--reason", "war da")
    assert code == 1 and "Jan Nowak" in err and "not a participant" in err
    code, out, err = run("certificates", data["course"], "--out", str(out_dir), "--include", "V-1999-0001",
                         "--reason", "war da")
    assert code == 1 and "no volunteer with the reference V-1999-0001" in err
    assert names(out_dir) == [] and register(run) == []


@pytest.mark.parametrize("case", ["unknown course", "missing folder", "nobody eligible", "not ready", "bad lang"])
def test_issue_refused_writes_nothing_and_registers_nothing(run, data, data_dir, out_dir, case):
    course, folder, words, expected = data["course"], out_dir, "", 1
    if case == "unknown course":
        course, words = "K-1999-0001", "K-1999-0001"
    elif case == "missing folder":
        folder, words = out_dir / "missing", "does not exist"
    elif case == "nobody eligible":
        course, words = data["empty"], "Nobody is registered"
    elif case == "not ready":
        assert run("organisation", "set", "--signatory-name", "")[0] == 0
        words = "signatory"
    code, out, err = run("certificates", course, "--out", str(folder),
                         *(["--lang", "fr"] if case == "bad lang" else []))
    if case == "bad lang":
        expected, words = 2, "invalid choice"
    assert code == expected and words in err and "Traceback" not in err
    assert names(out_dir) == [] and register(run) == []


# --- verify / list / reprint / revoke -----------------------------------------------------------------------------

@pytest.fixture
def issued(run, data, out_dir) -> dict[str, dict]:
    assert run("certificates", data["course"], "--out", str(out_dir))[0] == 0
    return {row["person_name"]: row for row in register(run)}


def test_verify_a_valid_number_and_its_qr_text(run, issued):
    row = issued["Şükrü Yılmaz"]
    code, out, err = run("certificates", "verify", row["number"])
    assert (code, err) == (0, "") and "is valid" in out and "Şükrü Yılmaz" in out
    code, out, _err = run("certificates", "verify", f"KommanDesk {row['number']} {row['check_code']}", "--json")
    result = json.loads(out)
    assert code == 0 and result["validity"] == "valid" and result["certificate"]["number"] == row["number"]
    code, out, _err = run("certificates", "verify", "KommanDesk", row["number"], row["check_code"])  # not quoted
    assert code == 0


def test_verify_a_wrong_check_value_an_unknown_and_a_revoked_number(run, issued):
    row = issued["Şükrü Yılmaz"]
    wrong = "ZZZZZZ" if row["check_code"] != "ZZZZZZ" else "YYYYYY"
    code, out, _err = run("certificates", "verify", f"KommanDesk {row['number']} {wrong}", "--json")
    assert code == 1 and json.loads(out)["validity"] == "unknown" and "not genuine" in json.loads(out)["message"]
    code, out, _err = run("certificates", "verify", "KD-1999-00042")
    assert code == 1 and "not in the register" in out
    code, out, _err = run("certificates", "verify", "hello")
    assert code == 1 and "No certificate number found" in out
    code, out, err = run("certificates", "revoke", row["number"], "--reason", "Name falsch geschrieben")
    assert (code, err) == (0, "") and "revoked" in out
    code, out, _err = run("certificates", "verify", row["number"], "--json")
    result = json.loads(out)
    assert code == 1 and result["validity"] == "revoked" and "Name falsch geschrieben" in result["message"]
    assert result["certificate"]["revoke_reason"] == "Name falsch geschrieben"


def test_revoke_needs_a_reason_and_happens_once(run, issued):
    number = issued["Łucja Wąs"]["number"]
    code, _out, err = run("certificates", "revoke", number)
    assert code == 2 and "--reason" in err
    code, _out, err = run("certificates", "revoke", number, "--reason", "   ")
    assert code == 1 and "--reason:" in err and "why" in err
    assert run("certificates", "revoke", number, "--reason", "Doppelt")[0] == 0
    code, _out, err = run("certificates", "revoke", number, "--reason", "Doppelt")
    assert code == 1 and "revoked already" in err
    code, _out, err = run("certificates", "revoke", "KD-1999-00042", "--reason", "x")
    assert code == 1 and "no certificate with the number KD-1999-00042" in err


def test_list_searches_and_prints_a_table(run, issued):
    code, out, err = run("certificates", "list", "--search", "sukru")
    assert (code, err) == (0, "")
    assert issued["Şükrü Yılmaz"]["number"] in out and "Łucja" not in out
    assert out.splitlines()[-1] == "1 certificate."
    code, out, _err = run("certificates", "list", "--search", "nothing-like-this")
    assert (code, out.strip()) == (0, "No certificates found.")
    code, out, _err = run("certificates", "list", "--kind", "service_record", "--json")
    assert json.loads(out) == {"total": 0, "certificates": []}
    code, out, _err = run("certificates", "list", "--limit", "1")
    assert "1 of 2 certificates shown" in out


def test_reprint_writes_the_identical_document(run, issued, out_dir, tmp_path):
    row = issued["Şükrü Yılmaz"]
    target = tmp_path / "again.pdf"
    code, out, err = run("certificates", "reprint", row["number"], "-o", str(target))
    assert (code, err) == (0, "") and "identical" in out
    assert target.read_bytes() == (out_dir / "Yılmaz Şükrü - Teilnahmebescheinigung.pdf").read_bytes()
    code, _out, err = run("certificates", "reprint", "KD-1999-00042", "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and "no certificate" in err and not (tmp_path / "x.pdf").exists()
    code, _out, err = run("certificates", "reprint", row["number"], "-o", str(tmp_path / "missing" / "x.pdf"))
    assert code == 1 and "could not be written" in err


# --- service-record -----------------------------------------------------------------------------------------------

@NEEDS_PDFTOTEXT
def test_service_record_is_written_and_registered(run, data, tmp_path):
    target = tmp_path / "nachweis.pdf"
    first, last = (TODAY - dt.timedelta(days=60)).isoformat(), TODAY.isoformat()
    code, out, err = run("service-record", data["sukru"], "--from", first, "--to", last, "-o", str(target))
    assert (code, err) == (0, "")
    assert "3.5 hours" in out and str(target) in out  # 90 + 120 minutes
    (row,) = register(run)
    assert (row["kind"], row["person_name"]) == ("service_record", "Şükrü Yılmaz") and row["number"] in out
    text = pdf_text(target)
    assert "Yılmaz" in text and row["number"] in text and "Grundkurs Ehrenamt" in text  # the completed course


@pytest.mark.parametrize(("dates", "code", "words"), [
    (("2026-03-01", "2026-02-01"), 1, "--to: The period ends before it begins"),
    (("2026-02-01", "2026-02-30"), 2, "2026-02-30 is not a day of the calendar"),
    (("01.02.2026", "31.02.2026"), 2, "31.02.2026 is not a day of the calendar"),
    (("2026-02-01", "next week"), 2, "next week is not a date: write it as YYYY-MM-DD"),
    (("2010-01-01", "2025-01-01"), 1, "--from: The period is longer than 10 years"),
    (("2026-01-01", "2099-01-01"), 1, "--to: The period cannot end after today"),
])
def test_service_record_with_a_bad_period_writes_nothing(run, data, tmp_path, dates, code, words):
    target = tmp_path / "nachweis.pdf"
    result, _out, err = run("service-record", data["sukru"], "--from", dates[0], "--to", dates[1], "-o", str(target))
    assert result == code and words in err and "Traceback" not in err
    assert not target.exists() and register(run) == []


@pytest.mark.parametrize("case", ["unknown volunteer", "missing folder", "not a pdf", "a folder"])
def test_service_record_refused_writes_nothing(run, data, tmp_path, case):
    who, target, words = data["sukru"], tmp_path / "nachweis.pdf", ""
    if case == "unknown volunteer":
        who, words = "V-1999-0001", "no volunteer with the reference V-1999-0001"
    elif case == "missing folder":
        target, words = tmp_path / "missing" / "nachweis.pdf", "does not exist"
    elif case == "not a pdf":
        target, words = tmp_path / "nachweis.docx", "ending in .pdf"
    else:
        target = tmp_path / "folder.pdf"
        target.mkdir()
        words = "is a folder"
    code, _out, err = run("service-record", who, "--from", "2026-01-01", "--to", TODAY.isoformat(), "-o",
                          str(target))
    assert code == 1 and words in err
    left = [p.name for p in tmp_path.iterdir() if p.name not in ("data", "default-data")]
    assert left == (["folder.pdf"] if case == "a folder" else [])
    assert register(run) == []


# --- ehrenamtskarte -----------------------------------------------------------------------------------------------

def test_ehrenamtskarte_check_prints_the_figures(run, data):
    code, out, err = run("ehrenamtskarte", data["jan"])
    assert (code, err) == (0, "")
    assert "Jan Nowak" in out and "at least 5 hours a week on average or 250 hours a year" in out
    assert out.splitlines()[-1] == "The rule is met."
    code, out, _err = run("ehrenamtskarte", data["sukru"])
    assert code == 0 and "The rule is not met" in out
    code, out, _err = run("ehrenamtskarte", data["lucja"], "--json")
    result = json.loads(out)
    assert (result["meets"], result["total_minutes"], result["first_logged"]) == (False, 0, None)
    assert result["rule"] == {"weekly_hours": 5, "yearly_hours": 250, "years": 2} and len(result["years"]) == 2


def test_changed_settings_change_the_check(run, data):
    code, out, _err = run("ehrenamtskarte", data["jan"], "--json")
    assert json.loads(out)["meets"] is True
    assert run("organisation", "set", "--card-weekly-hours", "7", "--card-yearly-hours", "400")[0] == 0
    code, out, _err = run("ehrenamtskarte", data["jan"], "--json")
    assert json.loads(out)["meets"] is False and json.loads(out)["rule"]["weekly_hours"] == 7
    code, _out, err = run("organisation", "set", "--card-years", "0")
    assert code == 1 and "--card-years" in err


@NEEDS_PDFTOTEXT
def test_ehrenamtskarte_writes_the_confirmation_when_the_rule_is_met(run, data, tmp_path):
    target = tmp_path / "karte.pdf"
    code, out, err = run("ehrenamtskarte", data["jan"], "-o", str(target), "--lang", "both")
    assert (code, err) == (0, "")
    (row,) = register(run)
    assert (row["kind"], row["language"]) == ("hours_confirmation", "both") and row["number"] in out
    text = pdf_text(target)
    assert "Nowak" in text and row["number"] in text


def test_ehrenamtskarte_refuses_the_confirmation_when_the_rule_is_not_met(run, data, tmp_path):
    target = tmp_path / "karte.pdf"
    code, out, err = run("ehrenamtskarte", data["sukru"], "-o", str(target))
    assert code == 1 and "does not meet the rule" in err and "3.5 hours from" in err
    assert "The rule is not met" in out and not target.exists() and register(run) == []
    code, _out, err = run("ehrenamtskarte", "V-1999-0001")
    assert code == 1 and "V-1999-0001" in err


# --- the command line itself --------------------------------------------------------------------------------------

def test_certificates_help_lists_the_actions_and_a_course_reference_means_issue(run, data):
    code, out, _err = run("certificates", "--help")
    assert code == 0 and all(action in out for action in ("issue", "verify", "list", "reprint", "revoke"))
    code, _out, err = run("certificates", data["course"])
    assert code == 2 and "--out" in err  # parsed as `certificates issue COURSE_REF`
    code, _out, err = run("certificates")
    assert code == 2


def test_ctrl_c_in_a_batch_keeps_what_was_finished_and_exits_130(run, data, out_dir, monkeypatch):
    from kommandesk.services import certificates as service_module

    record = service_module.CertificateService.record
    calls = []

    def record_then_stop(self, *args, **kwargs):
        if calls:
            raise KeyboardInterrupt  # Ctrl+C while the second certificate is being registered
        calls.append(1)
        return record(self, *args, **kwargs)

    monkeypatch.setattr(service_module.CertificateService, "record", record_then_stop)
    code, _out, err = run("certificates", data["course"], "--out", str(out_dir))
    assert code == 130 and "Stopped" in err and "Traceback" not in err
    monkeypatch.undo()
    code, out, _err = run("certificates", "list", "--json")
    listed = json.loads(out)
    rows = listed if isinstance(listed, list) else listed["certificates"]
    assert len(rows) == 1  # the first certificate is whole: written and registered
    assert len(list(out_dir.glob("*.pdf"))) == 1  # the second file was removed when its entry failed
