"""kommandesk-cli courses list|show|ics, attendance and signin-sheet, end to end in-process."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kommandesk import paths as paths_mod
from kommandesk.domain.trainings import Course, CourseStatus, Presence, Session, TimeUnit

NEEDS_PDFTOTEXT = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


@pytest.fixture
def data(data_dir) -> dict[str, str]:
    """An open course of 2 places in teaching units: two sessions of 90 minutes and a third one cancelled; Şükrü and
    يوسف registered (يوسف moved up when Anna cancelled), Łukasz waiting. And a planned course without sessions."""
    from kommandesk.services.context import Services

    paths = paths_mod.resolve(data_dir)
    paths.ensure()
    services = Services.open(paths)
    try:
        service = services.trainings
        course = service.create_course(Course(title="Grundkurs <b>Ehrenamt</b>", capacity=2, trainers="Ayşe Demir",
                                              funding_tag="KOMM-AN NRW II D", unit=TimeUnit.TEACHING_UNITS,
                                              status=CourseStatus.OPEN))
        other = service.create_course(Course(title="Kinderschutz", status=CourseStatus.PLANNED))
        day = service.today() + dt.timedelta(days=7)
        first = service.add_session(Session(course.id, day, dt.time(9, 0), dt.time(10, 30), place="Raum 1, Hof"))
        second = service.add_session(Session(course.id, day + dt.timedelta(days=7), dt.time(9, 0), dt.time(10, 30),
                                             place="Raum 1, Hof"))
        third = service.add_session(Session(course.id, day + dt.timedelta(days=14), dt.time(9, 0), dt.time(10, 30)))
        service.cancel_session(third.id)
        anna = service.register_new_person(course.id, "Anna", "Berg")
        sukru = service.register_new_person(course.id, "Şükrü", "Yılmaz")
        yusuf = service.register_new_person(course.id, "يوسف", "منصور")
        lukasz = service.register_new_person(course.id, "Łukasz", "Żółć")
        service.cancel_registration(anna.id, "krank")  # يوسف moves up, Łukasz stays on the waiting list
        service.record(first.id, sukru.id, Presence.PRESENT)
        service.record(second.id, sukru.id, Presence.PRESENT, minutes=45)
        service.record(first.id, yusuf.id, Presence.EXCUSED, reason="Arzttermin")
        return {"course": course.reference, "other": other.reference, "first": first.id, "second": second.id,
                "lukasz": lukasz.id}
    finally:
        services.close()


@pytest.fixture
def out_dir(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


# --- courses list / show -----------------------------------------------------------------------------------------

def test_courses_list_shows_places_waiting_and_planned_time(run, data):
    code, out, err = run("courses", "list")
    assert (code, err) == (0, "")
    line = next(line for line in out.splitlines() if data["course"] in line)
    assert "Grundkurs <b>Ehrenamt</b>" in line and "open for registration" in line and "2 of 2" in line
    assert "4 TU" in line and "KOMM-AN NRW II D" in line  # 2 × 90 minutes held = 4 teaching units
    assert out.splitlines()[-1] == "2 courses."


def test_courses_list_filters_and_json(run, data):
    code, out, err = run("courses", "list", "--status", "planned", "--json")
    assert (code, err) == (0, "")
    assert [c["reference"] for c in json.loads(out)["courses"]] == [data["other"]]
    code, out, _err = run("courses", "list", "--search", "grundk", "--json")
    (row,) = json.loads(out)["courses"]
    assert (row["registered"], row["waiting"], row["planned_minutes"], row["unit"]) == (2, 1, 180, "teaching_units")
    code, out, _err = run("courses", "list", "--search", "nothing-like-this")
    assert (code, out.strip()) == (0, "No courses found.")


def test_courses_show_lists_sessions_and_the_waiting_list_in_order(run, data):
    code, out, err = run("courses", "show", data["course"].lower())
    assert (code, err) == (0, "")
    assert "Ayşe Demir" in out and "80 % of the planned time" in out and "4 TU" in out
    sessions = out.split("Sessions:")[1].split("Participants:")[0]
    assert "Raum 1, Hof" in sessions and "cancelled" in sessions.splitlines()[-2]
    people = out.split("Participants:")[1].splitlines()
    assert [p for p in people if "Yılmaz" in p][0].split()[-1] == "registered"
    waiting = next(p for p in people if "Żółć" in p)
    assert "waiting list" in waiting and waiting.rstrip().endswith("1")
    assert "Moved up from the waiting list" in next(p for p in people if "منصور" in p)
    assert "krank" in next(p for p in people if p.split()[1:3] == ["Anna", "Berg"])


def test_courses_show_json(run, data):
    code, out, err = run("courses", "show", data["course"], "--json")
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert shown["reference"] == data["course"] and shown["planned_minutes"] == 180
    assert [s["cancelled"] for s in shown["sessions"]] == [False, False, True]
    assert [(p["last_name"], p["status"], p["position"]) for p in shown["participants"]] == [
        ("Yılmaz", "registered", None), ("منصور", "registered", None), ("Żółć", "waiting", 1),
        ("Berg", "cancelled", None)]


# --- attendance --------------------------------------------------------------------------------------------------

def test_attendance_shows_time_in_the_courses_unit_and_who_reaches_the_minimum(run, data):
    code, out, err = run("attendance", data["course"])
    assert (code, err) == (0, "")
    sukru = next(line for line in out.splitlines() if "Yılmaz" in line)
    assert "3 of 4 TU" in sukru and "75 %" in sukru and sukru.rstrip().endswith("no")  # 90 + 45 of 180 minutes
    yusuf = next(line for line in out.splitlines() if "منصور" in line)
    assert "0 of 4 TU" in yusuf and "0 %" in yusuf
    assert "Żółć" not in out  # the waiting list has no attendance
    assert out.splitlines()[-1] == "0 of 2 participants reach the minimum."


def test_attendance_json(run, data):
    code, out, err = run("attendance", data["course"], "--json")
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert shown["course"]["planned_minutes"] == 180 and shown["course"]["unit"] == "teaching_units"
    sukru = next(p for p in shown["participants"] if p["last_name"] == "Yılmaz")
    assert (sukru["attended_minutes"], sukru["attended"], sukru["planned"], sukru["percent"], sukru["eligible"]) == (
        135, 3.0, 4.0, 75, False)
    assert sukru["sessions"]["2"]["minutes"] == 45
    yusuf = next(p for p in shown["participants"] if p["last_name"] == "منصور")
    assert yusuf["sessions"]["1"]["presence"] == "excused" and yusuf["sessions"]["1"]["reason"] == "Arzttermin"


def test_attendance_in_german(run, data):
    code, out, err = run("--lang", "de", "attendance", data["course"])
    assert code == 0 and "nein" in next(line for line in out.splitlines() if "Yılmaz" in line)


# --- signin-sheet ------------------------------------------------------------------------------------------------

def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")


@NEEDS_PDFTOTEXT
def test_signin_sheet_writes_the_registered_participants(run, data, out_dir):
    target = out_dir / "sheet.pdf"
    code, out, err = run("signin-sheet", data["course"], "2", "-o", str(target), "--lang", "en")
    assert (code, err) == (0, "")
    assert out.strip() == f"Sign-in sheet with 2 participants written to {target}."
    text = pdf_text(target)
    assert "Sign-in sheet" in text and data["course"] in text and "Session 2:" in text and "Raum 1, Hof" in text
    assert "Yılmaz" in text and "Şükrü" in text and "Page 1 of 1" in text
    assert "Żółć" not in text and "Berg" not in text  # waiting list and cancelled are not on the sheet
    assert [p for p in out_dir.iterdir()] == [target]  # no temporary file left behind


@NEEDS_PDFTOTEXT
def test_signin_sheet_language_defaults_to_the_organisations(run, data, out_dir):
    target = out_dir / "blatt.pdf"
    code, _out, err = run("signin-sheet", data["course"], "1", "-o", str(target))
    assert (code, err) == (0, "")
    assert "Nachname" in pdf_text(target)  # the organisation's documents are German by default


@pytest.mark.parametrize("args,message", [
    (("K-2026-9999", "1"), "There is no course with the reference K-2026-9999."),
    (("{course}", "4"), "has no session 4: it has sessions 1 to 3."),
    (("{course}", "3"), "Session 3 was cancelled: there is no sign-in sheet for it."),
    (("{other}", "1"), "has no sessions yet."),
])
def test_signin_sheet_bad_input_writes_nothing(run, data, out_dir, args, message):
    target = out_dir / "sheet.pdf"
    code, out, err = run("signin-sheet", *(a.format(**data) for a in args), "-o", str(target))
    assert code == 1 and out == "" and message in err
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("argv,message", [
    (("signin-sheet", "{course}", "0", "-o", "x.pdf"), "0 is not a number of at least 1."),
    (("signin-sheet", "{course}", "eins", "-o", "x.pdf"), "eins is not a whole number."),
    (("signin-sheet", "{course}", "1"), "-o/--output"),
    (("signin-sheet", "{course}", "1", "-o", "x.pdf", "--lang", "fr"), "invalid choice: 'fr'"),
    (("courses", "list", "--status", "done"), "invalid choice: 'done'"),
])
def test_usage_errors(run, data, argv, message):
    code, _out, err = run(*(a.format(**data) for a in argv))
    assert code == 2 and message in err


def test_output_file_problems_are_clear_and_leave_the_old_file(run, data, out_dir):
    code, _out, err = run("signin-sheet", data["course"], "1", "-o", str(out_dir / "sheet.txt"))
    assert code == 1 and "Choose a file name ending in .pdf (not sheet.txt)." in err
    code, _out, err = run("signin-sheet", data["course"], "1", "-o", str(out_dir / "missing" / "sheet.pdf"))
    assert code == 1 and "could not be written" in err
    folder = out_dir / "folder.pdf"
    folder.mkdir()
    code, _out, err = run("courses", "ics", data["course"], "-o", str(out_dir / "folder.pdf"))
    assert code == 1 and "ending in .ics" in err
    old = out_dir / "old.pdf"
    old.write_bytes(b"old")
    code, _out, err = run("signin-sheet", data["course"], "3", "-o", str(old))
    assert code == 1 and old.read_bytes() == b"old"


# --- courses ics -------------------------------------------------------------------------------------------------

def test_courses_ics_writes_every_session(run, data, out_dir):
    target = out_dir / "kurs.ics"
    code, out, err = run("courses", "ics", data["course"], "-o", str(target))
    assert (code, err) == (0, "")
    assert out.strip() == f"3 sessions written to {target}."
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 3
    assert f"session-{data['first']}@" in text and "STATUS:CANCELLED" in text
    assert "LOCATION:Raum 1\\, Hof" in text


def test_courses_ics_unknown_course(run, data, out_dir):
    code, _out, err = run("courses", "ics", "K-1999-0001", "-o", str(out_dir / "x.ics"))
    assert code == 1 and "There is no course with the reference K-1999-0001." in err
    assert list(out_dir.iterdir()) == []
