"""The last two sections of the funder's report: trainings (by funding module and by course) and allowances (the
Ehrenamtspauschale: paid in the period, calendar-year totals above the tax-free limit, and a warning per year).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kommandesk.domain.allowances import check_year, limit_for
from kommandesk.domain.reports import Figure, Kind, Section, Table
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_cents, format_number
from kommandesk.services.report_frame import Frame, chart, columns, hours
from kommandesk.store.reports_training_repo import TrainingReportRepository


@dataclass
class _Course:
    reference: str
    title: str
    tag: str
    sessions: int = 0
    participants: int = 0
    minutes: int = 0
    certificates: int = 0


def _reference_order(reference: str) -> tuple:
    """K-2026-0007 before K-2026-0012 (and K-2026-10000 after K-2026-9999)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in reference.split("-"))


def _module_name(tag: str) -> str:
    return tag or _("No funding module")


def trainings_section(frame: Frame, repo: TrainingReportRepository) -> Section:
    scope = frame.scope
    numbers = repo.trainings(scope)
    courses: dict[str, _Course] = {}
    for course_id, reference, title, tag, sessions, participants, minutes in numbers.courses:
        courses[course_id] = _Course(reference, title, tag, sessions, participants, minutes)
    orphans = 0  # certificates whose course was deleted: counted, under "No funding module"
    for course_id, reference, title, tag, count in repo.certificates_by_course(scope):
        if course_id is None:
            orphans += count
        else:
            courses.setdefault(course_id, _Course(reference, title, tag)).certificates += count
    participants_by_tag = dict(numbers.participants_by_module)
    participants = numbers.participants

    modules: dict[str, list[int]] = {}  # tag -> courses held, sessions, minutes, certificates
    for course in courses.values():
        numbers = modules.setdefault(course.tag, [0, 0, 0, 0])
        numbers[0] += 1 if course.sessions else 0
        numbers[1] += course.sessions
        numbers[2] += course.minutes
        numbers[3] += course.certificates
    if orphans:
        modules.setdefault("", [0, 0, 0, 0])[3] += orphans
    tags = sorted(modules, key=lambda tag: (tag == "", tag.casefold(), tag))
    module_rows = tuple((_module_name(tag), modules[tag][0], modules[tag][1], participants_by_tag.get(tag, 0),
                         hours(modules[tag][2]), modules[tag][3]) for tag in tags)
    total = (_("Total"), sum(n[0] for n in modules.values()), sum(n[1] for n in modules.values()), participants,
             hours(sum(n[2] for n in modules.values())), sum(n[3] for n in modules.values()))
    course_rows = tuple((c.reference, c.title, _module_name(c.tag), c.sessions, c.participants, hours(c.minutes),
                         c.certificates)
                        for c in sorted(courses.values(), key=lambda c: _reference_order(c.reference)))
    figures = (
        Figure("sessions_held", _("Sessions held"), total[2]),
        Figure("courses_held", _("Courses held"), total[1]),
        Figure("participants", _("Participants"), participants),
        Figure("attendance_hours", _("Hours of attendance"), total[4], Kind.HOURS),
        Figure("certificates_issued", _("Certificates of attendance issued"), total[5]))
    tables = (
        Table("trainings_by_module", _("Trainings by funding module"),
              columns(("module", _("Funding module"), Kind.TEXT), ("courses", _("Courses"), Kind.COUNT),
                      ("sessions", _("Sessions"), Kind.COUNT), ("participants", _("Participants"), Kind.COUNT),
                      ("attendance_hours", _("Hours of attendance"), Kind.HOURS),
                      ("certificates", _("Certificates"), Kind.COUNT)),
              module_rows, total=total if module_rows else None,
              note=_("Participants: volunteers present at a session held in the period; in the total each "
                     "volunteer is counted once.")),
        Table("courses", _("Courses"),
              columns(("reference", _("Reference"), Kind.TEXT), ("course", _("Course"), Kind.TEXT),
                      ("module", _("Funding module"), Kind.TEXT), ("sessions", _("Sessions"), Kind.COUNT),
                      ("participants", _("Participants"), Kind.COUNT),
                      ("attendance_hours", _("Hours of attendance"), Kind.HOURS),
                      ("certificates", _("Certificates"), Kind.COUNT)),
              course_rows, note=_("Courses with a session held or a certificate issued in the period. Cancelled "
                                  "sessions do not count; certificates that were revoked do not count.")))
    return Section(
        key="trainings", title=_("Trainings"), figures=figures,
        charts=(chart("trainings_by_module", _("Participants and hours of attendance by funding module"), "bar",
                      module_rows, [(_("Participants"), 3), (_("Hours of attendance"), 4)]),),
        tables=tables)


def allowances_section(frame: Frame, repo: TrainingReportRepository) -> tuple[Section, tuple[str, ...]]:
    """The section and the warnings: one sentence per calendar year with volunteers above the tax-free limit."""
    scope = frame.scope
    paid = repo.paid_by_volunteer(scope)
    limits = repo.allowance_limits()
    year_limits = {year: limit for year in frame.period.years() if (limit := limit_for(year, limits)) is not None}
    above = repo.above_limit(scope, year_limits)
    over_rows = []
    for year, _vid, reference, first, last, cents in above:
        check = check_year(year, cents, 0, limits)
        over_rows.append((year, reference, f"{first} {last}", cents, check.limit_cents, check.over_cents))
    by_volunteer = tuple((reference, f"{first} {last}", payments, cents)
                         for _vid, reference, first, last, payments, cents in paid)
    per_year = Counter(row[0] for row in above)
    warnings = tuple(
        ngettext("In {year}, {count} volunteer was paid more than the tax-free limit of {limit}.",
                 "In {year}, {count} volunteers were paid more than the tax-free limit of {limit}.",
                 count).format(year=year, count=format_number(count), limit=format_cents(year_limits[year]))
        for year, count in sorted(per_year.items()))
    figures = (
        Figure("allowances_paid", _("Allowances paid"), sum(row[3] for row in by_volunteer), Kind.MONEY),
        Figure("volunteers_paid", _("Volunteers paid"), len(by_volunteer)),
        Figure("volunteers_over_limit", _("Volunteers above the tax-free limit"), len({row[1] for row in above})))
    tables = (
        Table("allowances_over_limit", _("Volunteers above the tax-free limit"),
              columns(("year", _("Year"), Kind.TEXT), ("reference", _("Reference"), Kind.TEXT),
                      ("volunteer", _("Volunteer"), Kind.TEXT), ("paid_year", _("Paid in the year"), Kind.MONEY),
                      ("limit", _("Tax-free limit"), Kind.MONEY), ("above", _("Above the limit"), Kind.MONEY)),
              tuple((str(year), *rest) for year, *rest in over_rows),
              note=_("Totals of whole calendar years that the period touches; the part above the limit is "
                     "taxable.")),
        Table("allowances_by_volunteer", _("Allowances by volunteer"),
              columns(("reference", _("Reference"), Kind.TEXT), ("volunteer", _("Volunteer"), Kind.TEXT),
                      ("payments", _("Payments"), Kind.COUNT), ("paid", _("Paid in the period"), Kind.MONEY)),
              by_volunteer,
              total=(_("Total"), "", sum(row[2] for row in by_volunteer), sum(row[3] for row in by_volunteer))
              if by_volunteer else None))
    return Section(key="allowances", title=_("Allowances (Ehrenamtspauschale)"), figures=figures,
                   tables=tables), warnings
