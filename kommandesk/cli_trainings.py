"""`kommandesk-cli courses|attendance|signin-sheet`: thin over services.trainings. Never imports Qt.

    courses list [--status S]... [--search TEXT] [--json]
    courses show REF [--json]                      the course, its sessions, participants with the waiting list
    courses ics REF -o FILE.ics                    the sessions for a calendar program
    attendance REF [--json]                        the eligibility table
    signin-sheet COURSE_REF SESSION_NO -o FILE.pdf [--lang de|en]
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from kommandesk.cli_requests import date_text, plain, print_json, table, time_text
from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.trainings import CourseStatus, TimeUnit
from kommandesk.i18n import SUPPORTED_LANGUAGES, _, ngettext, pgettext

EXIT_OK = 0
STATUS_VALUES = tuple(status.value for status in CourseStatus)
DASH = "\u2013"


def add_training_commands(commands: argparse._SubParsersAction) -> None:
    """The commands `courses` (list, show, ics), `attendance` and `signin-sheet`."""
    from kommandesk.cli import _positive_int

    courses = commands.add_parser("courses", help=_("list training courses, show one or export its sessions"),
                                  description=_("List training courses, show one, or export its sessions as a "
                                                "calendar file."))
    actions = courses.add_subparsers(dest="course_command", metavar=_("ACTION"), title=_("actions"))
    actions.required = True
    listing = actions.add_parser("list", help=_("list courses"),
                                 description=_("List courses, the latest first; without --status every course."))
    listing.add_argument("--status", action="append", choices=STATUS_VALUES, metavar=_("STATUS"),
                         help=_("only this status (may be given more than once): {choices}").format(
                             choices=", ".join(STATUS_VALUES)))
    listing.add_argument("--search", metavar=_("TEXT"), default="",
                         help=_("words to search for in title, reference, funding programme and trainers"))
    listing.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    show = actions.add_parser("show", help=_("show a course with its sessions and participants"),
                              description=_("Show a course with its sessions and participants, the waiting list "
                                            "in order."))
    show.add_argument("reference", metavar=_("REF"), help=_("the course's reference, e.g. K-2026-0007"))
    show.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    ics = actions.add_parser("ics", help=_("write the course's sessions to an iCalendar file (.ics)"),
                             description=_("Write the course's sessions to an iCalendar file (.ics) that calendar "
                                           "programs import; cancelled sessions are marked as cancelled."))
    ics.add_argument("reference", metavar=_("REF"), help=_("the course's reference, e.g. K-2026-0007"))
    ics.add_argument("-o", "--output", required=True, metavar=_("FILE"), help=_("the file to write, e.g. course.ics"))

    attendance = commands.add_parser(
        "attendance", help=_("show who attended enough of a course for a certificate"),
        description=_("Show each participant's attended time against the planned time, in the course's unit, "
                      "and whether it reaches the minimum for a certificate."))
    attendance.add_argument("reference", metavar=_("REF"), help=_("the course's reference, e.g. K-2026-0007"))
    attendance.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    sheet = commands.add_parser(
        "signin-sheet", help=_("write the sign-in sheet of a session as PDF"),
        description=_("Write the sign-in sheet of one session as PDF: the registered participants with a "
                      "signature column and free rows for people who come without registering."))
    sheet.add_argument("reference", metavar=_("COURSE_REF"), help=_("the course's reference, e.g. K-2026-0007"))
    sheet.add_argument("session", type=_positive_int, metavar=_("SESSION_NO"),
                       help=_("the number of the session (1 is the first, as `courses show` lists them)"))
    sheet.add_argument("-o", "--output", required=True, metavar=_("FILE"), help=_("the file to write, e.g. sheet.pdf"))
    sheet.add_argument("--lang", choices=SUPPORTED_LANGUAGES, default=argparse.SUPPRESS,
                       help=_("language of the sheet (and of messages): de or en; default: the organisation's "
                              "language for documents"))
    for sub in (courses, listing, show, ics, attendance, sheet):
        sub.set_defaults(parser=sub, handler=run_trainings)


def run_trainings(args: argparse.Namespace, services) -> int:
    if args.command == "attendance":
        return show_attendance(args, services)
    if args.command == "signin-sheet":
        return write_signin_sheet(args, services)
    if args.course_command == "list":
        return list_courses(args, services)
    if args.course_command == "show":
        return show_course(args, services)
    return write_ics(args, services)


# -- texts ---------------------------------------------------------------------------------------------------------

def unit_short(unit: TimeUnit) -> str:
    return pgettext("time unit, short", "h") if unit is TimeUnit.HOURS else pgettext("time unit, short", "TU")


def amount(minutes: int, unit: TimeUnit) -> str:
    """Minutes in the course's unit: '7,5' hours, '10' teaching units."""
    from kommandesk.i18n.formatting import format_number

    return format_number(round(unit.amount(minutes), 2))


def amount_text(minutes: int, unit: TimeUnit) -> str:
    return _("{amount} {unit}").format(amount=amount(minutes, unit), unit=unit_short(unit))


def full_name(person) -> str:
    return _("{first_name} {last_name}").format(first_name=person.first_name, last_name=person.last_name)


# -- courses list / show -------------------------------------------------------------------------------------------

def list_courses(args: argparse.Namespace, services) -> int:
    rows = services.trainings.list_courses(args.search or "", frozenset(CourseStatus(s) for s in args.status or ()))
    if args.json:
        print_json({"total": len(rows), "courses": [plain(dataclasses.asdict(row)) for row in rows]})
        return EXIT_OK
    if not rows:
        print(_("No courses found."))
        return EXIT_OK
    headers = [_("Reference"), _("Title"), _("Status"), _("First day"), _("Last day"), _("Sessions"),
               _("Places taken"), _("Waiting"), _("Planned time"), _("Funding")]
    lines = [[row.reference, row.title, row.status.label(), date_text(row.first_day), date_text(row.last_day),
              str(row.sessions), _("{taken} of {capacity}").format(taken=row.registered, capacity=row.capacity),
              str(row.waiting), amount_text(row.planned_minutes, row.unit), row.funding_tag or DASH] for row in rows]
    for line in table(headers, lines):
        print(line)
    print(ngettext("{count} course.", "{count} courses.", len(rows)).format(count=len(rows)))
    return EXIT_OK


def show_course(args: argparse.Namespace, services) -> int:
    from kommandesk.i18n.formatting import language_name

    service = services.trainings
    course = service.get_course_by_reference(args.reference)
    sessions = service.sessions(course.id)
    participants = service.participants(course.id, include_cancelled=True)
    areas = {area.id: area for area in services.volunteers.areas(include_retired=True)}
    if args.json:
        data = plain(dataclasses.asdict(course))
        data["areas"] = [{"id": a, "name_de": areas[a].name_de, "name_en": areas[a].name_en} if a in areas
                         else {"id": a} for a in course.areas]
        data["planned_minutes"] = sum(s.minutes for s in sessions if not s.cancelled)
        data["sessions"] = [plain(dataclasses.asdict(s)) for s in sessions]
        data["participants"] = [plain(dataclasses.asdict(p)) for p in participants]
        print_json(data)
        return EXIT_OK
    from kommandesk.i18n import current_language

    language = current_language()
    planned = sum(s.minutes for s in sessions if not s.cancelled)
    fields = [
        (_("Reference"), course.reference or ""),
        (_("Title"), course.title),
        (_("Status"), course.status.label()),
        (_("Trainers"), course.trainers or DASH),
        (_("Funding"), course.funding_tag or DASH),
        (_("Places"), str(course.capacity)),
        (_("Minimum attendance"), _("{percent} % of the planned time").format(percent=course.min_attendance_percent)),
        (_("Planned time"), amount_text(planned, course.unit)),
        (_("Course language"), language_name(course.language)),
        (_("Areas of help"), ", ".join(areas[a].name(language) for a in course.areas if a in areas) or DASH),
        (_("Topics"), "; ".join(course.topics) or DASH),
        (_("Description"), course.description or DASH),
    ]
    width = max(len(label) for label, _value in fields)
    for label, value in fields:
        print(f"{label.ljust(width)}  {value}")
    print()
    if sessions:
        print(_("Sessions:"))
        rows = [[str(s.number), date_text(s.day), _("{start}\u2013{end}").format(start=time_text(s.start),
                                                                                 end=time_text(s.end)),
                 s.place or DASH, s.trainer or DASH, pgettext("session", "cancelled") if s.cancelled else ""] for s in sessions]
        for line in table([_("No."), _("Date"), _("Time"), _("Place"), _("Trainer"), _("Note")], rows):
            print("  " + line)
    else:
        print(_("Sessions: none yet"))
    print()
    if not participants:
        print(_("Participants: none yet"))
        return EXIT_OK
    print(_("Participants:"))
    rows = [[p.volunteer_reference, full_name(p), p.status.label(), str(p.position) if p.position else "",
             p.note] for p in participants]
    for line in table([_("Reference"), _("Name"), _("Status"), _("Waiting list place"), _("Note")], rows):
        print("  " + line)
    return EXIT_OK


# -- attendance ----------------------------------------------------------------------------------------------------

def show_attendance(args: argparse.Namespace, services) -> int:
    service = services.trainings
    course = service.get_course_by_reference(args.reference)
    sessions = service.sessions(course.id)
    rows = service.eligibility(course.id)
    numbers = {s.id: s.number for s in sessions}
    if args.json:
        print_json({
            "course": {"reference": course.reference, "title": course.title, "unit": course.unit.value,
                       "min_attendance_percent": course.min_attendance_percent,
                       "planned_minutes": sum(s.minutes for s in sessions if not s.cancelled)},
            "participants": [{
                "registration_id": row.participant.registration_id,
                "volunteer_reference": row.participant.volunteer_reference,
                "first_name": row.participant.first_name, "last_name": row.participant.last_name,
                "status": row.participant.status.value,
                "attended_minutes": row.eligibility.attended_minutes,
                "planned_minutes": row.eligibility.planned_minutes,
                "attended": round(course.unit.amount(row.eligibility.attended_minutes), 2),
                "planned": round(course.unit.amount(row.eligibility.planned_minutes), 2),
                "percent": row.eligibility.percent, "eligible": row.eligibility.eligible,
                "sessions": {str(numbers.get(session_id, session_id)): plain(dataclasses.asdict(record))
                             for session_id, record in row.attendance.items()},
            } for row in rows]})
        return EXIT_OK
    print(_("{reference} {title}: at least {percent} % of the planned time for a certificate").format(
        reference=course.reference, title=course.title, percent=course.min_attendance_percent))
    if not rows:
        print(_("Nobody is registered for this course."))
        return EXIT_OK
    lines = [[p.participant.volunteer_reference, full_name(p.participant),
              _("{attended} of {planned}").format(attended=amount(p.eligibility.attended_minutes, course.unit),
                                                  planned=amount_text(p.eligibility.planned_minutes, course.unit)),
              _("{percent} %").format(percent=p.eligibility.percent),
              _("yes") if p.eligibility.eligible else _("no")] for p in rows]
    for line in table([_("Reference"), _("Participant"), _("Attended"), _("Share"), _("Certificate")], lines):
        print(line)
    eligible = sum(1 for p in rows if p.eligibility.eligible)
    print(ngettext("{eligible} of {count} participant reaches the minimum.",
                   "{eligible} of {count} participants reach the minimum.", len(rows)).format(
        eligible=eligible, count=len(rows)))
    return EXIT_OK


# -- files ---------------------------------------------------------------------------------------------------------

def output_path(text: str, suffix: str) -> Path:
    path = Path(text).expanduser().absolute()
    if path.suffix.lower() != suffix:
        raise KommanDeskError(_("Choose a file name ending in {suffix} (not {name}).").format(suffix=suffix,
                                                                                            name=path.name))
    if path.is_dir():
        raise KommanDeskError(_("{path} is a folder: give the name of the file to write.").format(path=path))
    return path


def write(path: Path, data: bytes) -> None:
    """Whole or not at all; a clear message when the folder is missing or the file is open elsewhere."""
    from kommandesk.services.exports import write_bytes  # the same messages as every other export

    write_bytes(path, data)


def write_ics(args: argparse.Namespace, services) -> int:
    path = output_path(args.output, ".ics")
    course = services.trainings.get_course_by_reference(args.reference)
    sessions = services.trainings.sessions(course.id)
    write(path, services.trainings.calendar(course.id).encode("utf-8"))
    print(ngettext("{count} session written to {file}.", "{count} sessions written to {file}.",
                   len(sessions)).format(count=len(sessions), file=path))
    return EXIT_OK


def write_signin_sheet(args: argparse.Namespace, services) -> int:
    from kommandesk.documents.signin_sheet import on_sheet

    path = output_path(args.output, ".pdf")
    service = services.trainings
    course = service.get_course_by_reference(args.reference)
    sessions = service.sessions(course.id)
    session = next((s for s in sessions if s.number == args.session), None)
    if session is None:
        if not sessions:
            raise KommanDeskError(_("Course {reference} has no sessions yet.").format(reference=course.reference))
        raise KommanDeskError(ngettext(
            "Course {reference} has no session {number}: it has {count} session.",
            "Course {reference} has no session {number}: it has sessions 1 to {count}.", len(sessions)).format(
            reference=course.reference, number=args.session, count=len(sessions)))
    language = getattr(args, "lang", None) or services.organisation.get().default_language
    write(path, service.signin_sheet(course.id, session.id, language))
    count = len(on_sheet(service.participants(course.id)))
    print(ngettext("Sign-in sheet with {count} participant written to {file}.",
                   "Sign-in sheet with {count} participants written to {file}.", count).format(count=count, file=path))
    return EXIT_OK
