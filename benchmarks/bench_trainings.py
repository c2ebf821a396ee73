"""The sign-in sheet of a course with 200 participants (issue 6: <= 1 s), beside references from the same run.

A course of 200 places in the run's scratch folder, filled through TrainingService (names in German, Turkish,
Polish, Vietnamese, Arabic and Persian, so right-to-left shaping is part of the work). Timed, alternately with the
references, median over rounds:

* the sheet through the service: participants and sessions read from the database, then
  ``documents.signin_sheet.signin_sheet`` -> PDF bytes (11 pages: 200 rows and the free rows); what the user waits
  for after "Sign-in sheet..." (the file write is an atomic rename on top);
* reference 1: a one-page sheet (10 participants), the same code: the fixed cost of a sheet;
* reference 2: a bare reportlab platypus Table of the same 200 names with the same embedded font, no shaping, no
  header, no page numbers: what reportlab itself needs for that many rows.

The first sheet in the process (the TrueType fonts parsed and registered) is printed once, for information.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import time

from run import Context, Row, benchmark
from timing import timed, verdict

N = 200
FIRST = ("Şükrü", "Łukasz", "Thị Ánh", "يوسف", "فاطمه", "Anna", "Mehmet", "Olena", "Dawit", "Karl-Heinz")
LAST = ("Yılmaz", "Żółć", "Nguyễn", "منصور", "احمدی", "Berg", "Demir", "Kovalenko", "Tesfaye", "Müller-Lüdenscheidt")


def _course(context: Context):
    """(services, course, session) with N registered participants."""
    from kommandesk import paths as paths_mod
    from kommandesk.domain.trainings import Course, CourseStatus, Session
    from kommandesk.services.context import Services

    paths = paths_mod.resolve(context.work / "trainings-200")
    paths.ensure()
    services = Services.open(paths)
    service = services.trainings
    course = service.create_course(Course(title="Basisqualifizierung Ehrenamt in der Flüchtlingshilfe", capacity=N,
                                          funding_tag="KOMM-AN NRW II D", status=CourseStatus.OPEN))
    service.add_session(Session(course.id, service.today() + dt.timedelta(days=7), dt.time(17),
                                dt.time(20), place="Rathaus, Raum 1.12", trainer="Dr. Aylin Yılmaz"))
    for number in range(N):
        service.register_new_person(course.id, FIRST[number % 10], f"{LAST[(number // 10) % 10]} {number:03d}",
                                    confirmed_duplicate=True)
    return services, course, service.sessions(course.id)[0]


def _bare_table(names: list[tuple[str, str]]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    from kommandesk.documents import fonts

    regular, _bold = fonts.register()
    buffer = io.BytesIO()
    table = Table([["No.", "Last name", "First name", "Signature"],
                   *[[str(n), last, first, ""] for n, (first, last) in enumerate(names, 1)]],
                  colWidths=(28, 136, 125, 221), rowHeights=28, repeatRows=1)
    table.setStyle([("FONT", (0, 0), (-1, -1), regular, 9.5), ("GRID", (0, 0), (-1, -1), 0.6, (0.55, 0.55, 0.55))])
    SimpleDocTemplate(buffer, pagesize=A4).build([table])
    return buffer.getvalue()


@benchmark("trainings", "sign-in sheet PDF for a course of 200 participants")
def trainings(context: Context) -> list[Row]:
    from kommandesk.documents.signin_sheet import signin_sheet
    from kommandesk.i18n import set_language

    set_language("en")
    began = time.perf_counter()
    services, course, session = _course(context)
    context.log(f"  registered {N} participants in {time.perf_counter() - began:.1f} s")
    try:
        service = services.trainings
        org = services.organisation.get()
        people = service.participants(course.id)
        assert len(people) == N, len(people)
        ten = people[:10]
        names = [(p.first_name, p.last_name) for p in people]

        def through_service() -> bytes:
            found = service.participants(course.id)
            row = next(s for s in service.sessions(course.id) if s.id == session.id)
            return signin_sheet(org, course, row, found, "de")

        first = timed(through_service)  # fonts parsed and registered, reshaper tables loaded
        sizes = {"200": len(through_service()), "10": len(signin_sheet(org, course, session, ten, "de")),
                 "bare": len(_bare_table(names))}
        rounds = max(3, context.rounds)
        times: dict[str, list[float]] = {"200": [], "10": [], "bare": []}
        for n in range(rounds):
            steps = [("200", through_service), ("10", lambda: signin_sheet(org, course, session, ten, "de")),
                     ("bare", lambda: _bare_table(names))]
            for name, step in (steps if n % 2 == 0 else steps[::-1]):
                times[name].append(timed(step))
        median = {name: statistics.median(values) * 1000 for name, values in times.items()}
    finally:
        services.close()
    return [
        Row(f"trainings: sign-in sheet, {N} participants (11 pages), median", median["200"], median["10"],
            unit="ms", reference_name="a one-page sheet (10 participants), same code",
            note=verdict(median["200"], 1000) + f"; {sizes['200'] / 1024:.0f} KB; {rounds} rounds; "
                                                 "participants read from the database"),
        Row(f"trainings: sign-in sheet, {N} participants, median", median["200"], median["bare"], unit="ms",
            reference_name=f"a bare reportlab Table of the same {N} names (same font)",
            note=f"bare table {sizes['bare'] / 1024:.0f} KB"),
        Row("trainings: first sign-in sheet in the process", first * 1000, unit="ms",
            note="fonts parsed and registered once; no target"),
    ]
