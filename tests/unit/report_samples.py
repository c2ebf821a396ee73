"""Reports made by hand for the tests of the PDF and XLSX exports: the sections, figures, tables and charts the
report service builds, with values chosen here (so every test knows what must come out), names with markup and
in Arabic, long titles, tables long enough to run over pages, and an empty report."""

from __future__ import annotations

import datetime as dt

from kommandesk.domain.reports import Chart, Column, Figure, Kind, Period, Report, Section, Series, Table

MARKUP_NAME = "<b>Anna</b> & Co"
ARABIC_NAME = "\u0645\u062d\u0645\u062f \u0627\u0644\u0639\u0644\u064a"  # Mohammed Al-Ali
FORMULA_TEXT = "=HYPERLINK(\"http://example.org\",\"x\")"
LONG_TABLE_TITLE = ("Certificates, participants and hours of attendance by funding module of the programme KOMM-AN "
                    "NRW for the whole period of this report")

WORDS = {
    "en": {"title": "Report for the funder", "volunteers": "Volunteers", "requests": "Requests",
           "assignments": "Assignments and hours", "trainings": "Trainings",
           "allowances": "Allowances (Ehrenamtspauschale)", "new": "New volunteers", "active": "Active volunteers",
           "area": "Area of help", "language": "Language", "month": "Month", "received": "Requests received",
           "median": "Median days to assignment", "hours": "Hours logged", "module": "Funding module",
           "courses": "Courses", "participants": "Participants", "attendance": "Hours of attendance",
           "certificates": "Certificates", "reference": "Reference", "course": "Course", "volunteer": "Volunteer",
           "payments": "Payments", "paid": "Paid in the period", "allowances_paid": "Allowances paid",
           "total": "Total", "escort": "Escort to offices and doctors", "homework": "Homework help",
           "filters": "Area of help: Escort to offices and doctors; Site: Am Hang",
           "warning": "In 2026, 1 volunteer was paid more than the tax-free limit of 960.00 EUR.",
           "by_area": "Volunteers by area of help", "by_month": "Requests by month", "by_course": "Courses",
           "by_volunteer": "Allowances by volunteer", "assigned": "Assigned"},
    "de": {"title": "Bericht für den Fördergeber", "volunteers": "Ehrenamtliche", "requests": "Anfragen",
           "assignments": "Einsätze und Stunden", "trainings": "Schulungen",
           "allowances": "Ehrenamtspauschale", "new": "Neue Ehrenamtliche", "active": "Aktive Ehrenamtliche",
           "area": "Hilfebereich", "language": "Sprache", "month": "Monat", "received": "Eingegangene Anfragen",
           "median": "Median der Tage bis zur Vermittlung", "hours": "Erfasste Stunden",
           "module": "Fördermodul", "courses": "Kurse", "participants": "Teilnehmende",
           "attendance": "Anwesenheitsstunden", "certificates": "Bescheinigungen", "reference": "Nummer",
           "course": "Kurs", "volunteer": "Ehrenamtliche Person", "payments": "Zahlungen",
           "paid": "Gezahlt im Zeitraum", "allowances_paid": "Gezahlte Pauschalen", "total": "Gesamt",
           "escort": "Begleitung zu Ämtern und Ärzten", "homework": "Hausaufgabenhilfe",
           "filters": "Hilfebereich: Begleitung zu Ämtern und Ärzten; Ort: Am Hang",
           "warning": "2026 wurde 1 ehrenamtlichen Person mehr als der Freibetrag von 960,00 € gezahlt.",
           "by_area": "Ehrenamtliche nach Hilfebereich", "by_month": "Anfragen nach Monat", "by_course": "Kurse",
           "by_volunteer": "Pauschalen nach Person", "assigned": "Vermittelt"},
}

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_DE = ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.")


def month_labels(language: str, year: int = 2026) -> tuple[str, ...]:
    return tuple(f"{name} {year}" for name in (MONTHS_DE if language == "de" else MONTHS_EN))


def sample_report(language: str = "en", *, courses: int = 6, volunteers_paid: int = 4, logo: bytes | None = None,
                  filters: bool = True) -> Report:
    """A year's report (2026) of five sections. ``courses`` rows in the courses table (200: a long table over
    several pages), ``volunteers_paid`` rows in the allowances table (the first two named with markup and in
    Arabic, one with a formula-like name)."""
    w = WORDS[language]
    months = month_labels(language)
    received = tuple(float(v) for v in (4, 6, 3, 8, 5, 7, 2, 0, 9, 4, 6, 3))
    assigned = tuple(float(v) for v in (3, 5, 2, 6, 5, 4, 2, 0, 7, 3, 5, 1))
    volunteers = Section("volunteers", w["volunteers"], figures=(
        Figure("new_volunteers", w["new"], 17), Figure("active_volunteers", w["active"], 1234)),
        tables=(
            Table("volunteers_by_area", w["by_area"],
                  (Column("area", w["area"]), Column("active", w["active"], Kind.COUNT),
                   Column("new", w["new"], Kind.COUNT)),
                  ((w["escort"], 12, 3), (w["homework"], 7, 0), (MARKUP_NAME, 1, 1))),
            Table("volunteers_by_language", w["language"],
                  (Column("language", w["language"]), Column("active", w["active"], Kind.COUNT)),
                  (("Arabisch" if language == "de" else "Arabic", 9), ("Dari", 4), (ARABIC_NAME, 2)))),
        charts=(Chart("volunteers_by_area", w["by_area"], "bar", (w["escort"], w["homework"], MARKUP_NAME),
                      (Series(w["active"], (12.0, 7.0, 1.0)),)),))
    requests = Section("requests", w["requests"], figures=(
        Figure("requests_received", w["received"], 57), Figure("median_days_to_assignment", w["median"], 4.25,
                                                               Kind.DAYS),
        Figure("requests_waiting", "Waiting", None, Kind.DAYS)),
        tables=(Table("requests_by_month", w["by_month"],
                      (Column("month", w["month"]), Column("received", w["received"], Kind.COUNT),
                       Column("assigned", w["assigned"], Kind.COUNT)),
                      tuple((m, int(r), int(a)) for m, r, a in zip(months, received, assigned)),
                      total=(w["total"], int(sum(received)), int(sum(assigned)))),),
        charts=(Chart("requests_by_month", w["by_month"], "line", months,
                      (Series(w["received"], received), Series(w["assigned"], assigned))),))
    hours = Section("assignments", w["assignments"], figures=(Figure("hours_logged", w["hours"], 1234.56, Kind.HOURS),),
                    tables=(Table("hours_by_area", w["hours"],
                                  (Column("area", w["area"]), Column("hours", w["hours"], Kind.HOURS)),
                                  ((w["escort"], 1000.04), (w["homework"], 234.52))),),
                    charts=(Chart("hours_by_month", w["hours"], "line", months,
                                  (Series(w["hours"], tuple(100.0 + 3 * i for i in range(12))),), Kind.HOURS),))
    course_rows = tuple((f"K-2026-{index + 1:04d}", f"Course {index + 1}: German for escorts",
                         f"Module {index % 3 + 1}", 4, 10 + index % 7, 12.5 + index, index % 5)
                        for index in range(courses))
    trainings = Section("trainings", w["trainings"], figures=(
        Figure("participants", w["participants"], 88), Figure("attendance_hours", w["attendance"], 321.25, Kind.HOURS)),
        tables=(
            Table("trainings_by_module", LONG_TABLE_TITLE,
                  (Column("module", w["module"]), Column("courses", w["courses"], Kind.COUNT),
                   Column("participants", w["participants"], Kind.COUNT),
                   Column("hours", w["attendance"], Kind.HOURS)),
                  (("Module 1", 2, 30, 120.0), ("Module 2", 1, 18, 60.5)),
                  total=(w["total"], 3, 44, 180.5)),
            Table("courses", w["by_course"],
                  (Column("reference", w["reference"]), Column("course", w["course"]),
                   Column("module", w["module"]), Column("sessions", "Sessions", Kind.COUNT),
                   Column("participants", w["participants"], Kind.COUNT),
                   Column("hours", w["attendance"], Kind.HOURS),
                   Column("certificates", w["certificates"], Kind.COUNT)),
                  course_rows)),
        charts=(Chart("trainings_by_module", w["module"], "bar", ("Module 1", "Module 2"),
                      (Series(w["participants"], (30.0, 18.0)), Series(w["attendance"], (120.0, 60.5)))),))
    names = [MARKUP_NAME, ARABIC_NAME, FORMULA_TEXT] + [f"Person {index}" for index in range(volunteers_paid)]
    paid_rows = tuple((f"V-2026-{index + 1:04d}", names[index], 1 + index % 3, 24000 + 1000 * index)
                      for index in range(volunteers_paid))
    allowances = Section("allowances", w["allowances"], figures=(
        Figure("allowances_paid", w["allowances_paid"], sum(row[3] for row in paid_rows), Kind.MONEY),),
        tables=(Table("allowances_by_volunteer", w["by_volunteer"],
                      (Column("reference", w["reference"]), Column("volunteer", w["volunteer"]),
                       Column("payments", w["payments"], Kind.COUNT), Column("paid", w["paid"], Kind.MONEY)),
                      paid_rows, total=(w["total"], "", sum(r[2] for r in paid_rows), sum(r[3] for r in paid_rows))),))
    return Report(title=w["title"], organisation="Integrationszentrum <Nord> & Partner",
                  organisation_address="Am Hang 3, 50667 Köln", logo=logo, period=Period.year(2026),
                  filters=w["filters"] if filters else "", generated_on=dt.date(2027, 1, 15), language=language,
                  sections=(volunteers, requests, hours, trainings, allowances), warnings=(w["warning"],))


def empty_report(language: str = "en") -> Report:
    """Nothing happened: the sections are there, with zeros and empty tables."""
    w = WORDS[language]
    months = month_labels(language)[:3]
    return Report(title=w["title"], organisation="Integrationszentrum Nord", organisation_address="", logo=None,
                  period=Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31)), filters="",
                  generated_on=dt.date(2026, 4, 2), language=language, empty=True, sections=(
                      Section("volunteers", w["volunteers"], figures=(Figure("new_volunteers", w["new"], 0),),
                              tables=(Table("volunteers_by_area", w["by_area"],
                                            (Column("area", w["area"]), Column("active", w["active"], Kind.COUNT)),
                                            ()),),
                              charts=(Chart("volunteers_by_area", w["by_area"], "bar", (), ()),)),
                      Section("requests", w["requests"],
                              figures=(Figure("median_days_to_assignment", w["median"], None, Kind.DAYS),),
                              tables=(Table("requests_by_month", w["by_month"],
                                            (Column("month", w["month"]), Column("received", w["received"],
                                                                                 Kind.COUNT)),
                                            tuple((m, 0) for m in months)),),
                              charts=(Chart("requests_by_month", w["by_month"], "line", months,
                                            (Series(w["received"], (0.0, 0.0, 0.0)),)),))))


def big_report(language: str = "en") -> Report:
    """A year of a large centre: 200 course rows, 150 volunteers paid (the sizes of the performance goal)."""
    return sample_report(language, courses=200, volunteers_paid=150)
