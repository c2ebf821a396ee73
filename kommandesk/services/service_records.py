"""A volunteer's service record (Ehrenamtsnachweis) and the Ehrenamtskarte NRW: the check of the logged hours
against the organisation's rule and the organisation's confirmation of those hours.

Both documents are certificates like the attendance certificate: numbered, written whole to their file, and only
then kept in the register (``CertificateService.record``), so a file that could not be written leaves no entry.
Hours come from ``assignment_hours`` through the certificate repository (``minutes_by_day``, ``activities``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kommandesk.domain.certificates import (
    Activity, CardCheck, CardRule, CardYear, Content, HoursConfirmationContent, ServiceRecordContent, TrainingDone,
    card_check, years_before,
)
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.trainings import CourseStatus, RegistrationStatus
from kommandesk.i18n import _, ngettext
from kommandesk.services.exports import check_folder, write_bytes
from kommandesk.services.certificates import check_language, render

if TYPE_CHECKING:
    from kommandesk.services.certificates import CertificateRow, CertificateService
    from kommandesk.services.trainings import TrainingService
    from kommandesk.services.volunteers import VolunteerService

MAX_PERIOD_YEARS = 10
# An assignment whose request has no area of help: the document names it in both languages.
NO_AREA = ("Sonstige Tätigkeiten", "Other activities")


class ServiceRecords:
    def __init__(self, certificates: "CertificateService", volunteers: "VolunteerService",
                 trainings: "TrainingService", today: Callable[[], dt.date] | None = None):
        self._certificates = certificates
        self._volunteers = volunteers
        self._trainings = trainings
        self._today = today or certificates.today  # the day the certificates are dated

    @property
    def _repo(self):
        """The certificate repository: the hours logged (``minutes_by_day``, ``activities``) are read there."""
        return self._certificates.repo

    # -- service record ----------------------------------------------------------------------------------------

    def check_period(self, first: dt.date, last: dt.date) -> None:
        """ValidationError {"first"|"last": message} for a period that cannot be certified."""
        today = self._today()
        if last < first:
            raise ValidationError({"last": _("The period ends before it begins: choose an end date on or after "
                                             "{first}.").format(first=_date(first))})
        if last > today:
            raise ValidationError({"last": _("The period cannot end after today ({today}): hours in the future "
                                             "cannot be confirmed.").format(today=_date(today))})
        if first < years_before(last, MAX_PERIOD_YEARS):
            raise ValidationError({"first": ngettext(
                "The period is longer than {years} year: choose a later start date.",
                "The period is longer than {years} years: choose a later start date.",
                MAX_PERIOD_YEARS).format(years=MAX_PERIOD_YEARS)})

    def service_record_content(self, volunteer_id: str, first: dt.date, last: dt.date,
                               language: str) -> ServiceRecordContent:
        """What the service record prints, numbered as the next certificate: the hours in the period by area of
        help (the first and the last day count), the courses completed whose last day is in the period, the
        total."""
        check_language(language)
        self.check_period(first, last)
        volunteer = self._volunteers.get(volunteer_id)
        activities = tuple(self.activities(volunteer_id, first, last))
        trainings = tuple(self.trainings_done(volunteer_id, first, last))
        issuer, _logo = self._certificates.issuer()
        heading = self._certificates.next_heading(self._certificates.person(volunteer), language, issuer)
        return ServiceRecordContent(heading=heading, period_from=first, period_to=last, activities=activities,
                                    trainings=trainings, total_minutes=sum(a.minutes for a in activities))

    def activities(self, volunteer_id: str, first: dt.date, last: dt.date) -> list[Activity]:
        """Hours logged from ``first`` to ``last`` (both included) by area of help, the most hours first."""
        found = []
        for row in self._repo.activities(volunteer_id, first, last):
            name_de, name_en = (row["name_de"], row["name_en"]) if row["name_de"] else NO_AREA
            found.append(Activity(area_de=name_de, area_en=name_en or name_de, minutes=int(row["minutes"]),
                                  assignments=int(row["assignments"])))
        found.sort(key=lambda a: (-a.minutes, a.area_de.casefold()))
        return found

    def trainings_done(self, volunteer_id: str, first: dt.date, last: dt.date) -> list[TrainingDone]:
        """Courses the volunteer completed (the registration is completed, or the course finished with enough
        attendance) whose last session day lies in the period, the earliest first."""
        done = []
        for course, status, eligibility in self._trainings.trainings_of(volunteer_id):
            completed = status is RegistrationStatus.COMPLETED or (
                course.status is CourseStatus.FINISHED and eligibility is not None and eligibility.eligible)
            if not completed or course.last_day is None or not first <= course.last_day <= last:
                continue
            done.append(TrainingDone(title=course.title, reference=course.reference, first_day=course.first_day,
                                     last_day=course.last_day,
                                     attended_minutes=eligibility.attended_minutes if eligibility else 0,
                                     unit=course.unit.value))
        done.sort(key=lambda t: (t.last_day, t.reference))
        return done

    def issue_service_record(self, volunteer_id: str, first: dt.date, last: dt.date, language: str,
                             target: Path) -> "CertificateRow":
        """Write the service record to ``target`` (whole or not at all), then register it."""
        return self._issue(volunteer_id, target,
                           lambda: self.service_record_content(volunteer_id, first, last, language))

    # -- Ehrenamtskarte NRW ------------------------------------------------------------------------------------

    def rule(self) -> CardRule:
        return self._volunteers.organisation().card_rule

    def card_check(self, volunteer_id: str) -> CardCheck:
        """The organisation's rule over the hours logged up to today, year by year (the latest first)."""
        self._volunteers.get(volunteer_id)  # an unknown volunteer is an error, not a volunteer without hours
        today = self._today()
        return card_check(self.rule(), self._repo.minutes_by_day(volunteer_id, today), today)

    def hours_confirmation_content(self, volunteer_id: str, language: str) -> HoursConfirmationContent:
        """The confirmation's content; KommanDeskError with the figures when the rule is not met."""
        check_language(language)
        volunteer = self._volunteers.get(volunteer_id)
        check = self.card_check(volunteer_id)
        if not check.meets:
            raise KommanDeskError(_("{name} does not meet the rule for the Ehrenamtskarte NRW ({rule}): {years}. "
                                    "No confirmation was written.").format(
                name=volunteer.full_name, rule=rule_text(check.rule),
                years="; ".join(year_text(year) for year in check.years)))
        issuer, _logo = self._certificates.issuer()
        heading = self._certificates.next_heading(self._certificates.person(volunteer), language, issuer)
        return HoursConfirmationContent(heading=heading, check=check)

    def issue_hours_confirmation(self, volunteer_id: str, language: str, target: Path) -> "CertificateRow":
        """Write the organisation's confirmation of hours to ``target``, then register it. Refused (nothing
        written) when the volunteer does not meet the rule."""
        return self._issue(volunteer_id, target, lambda: self.hours_confirmation_content(volunteer_id, language))

    def _issue(self, volunteer_id: str, target: Path, content: Callable[[], Content]) -> "CertificateRow":
        """The organisation and the folder checked, the content made (it may refuse), drawn, written whole, and
        only then registered: anything refused leaves no file and no entry."""
        self._certificates.check_ready()
        check_folder(Path(target).parent)
        made = content()
        _issuer, logo = self._certificates.issuer()
        pdf = render(made, logo)  # reportlab is imported only here, once something is drawn
        write_bytes(target, pdf)
        return self._certificates.record(made, pdf, volunteer_id=volunteer_id, logo=logo)


# -- texts (UI language) -------------------------------------------------------------------------------------------

def hours(minutes: int | float) -> str:
    """Minutes as hours with at most one decimal in the UI language: '12,5' / '12.5'."""
    from kommandesk.i18n.formatting import format_number

    return format_number(round(minutes / 60, 1))


def rule_text(rule: CardRule) -> str:
    return ngettext("at least {weekly} hours a week on average or {yearly} hours a year, in the last year",
                    "at least {weekly} hours a week on average or {yearly} hours a year, in each of the last "
                    "{years} years", rule.years).format(weekly=rule.weekly_hours, yearly=rule.yearly_hours,
                                                       years=rule.years)


def year_text(year: CardYear) -> str:
    """'312 hours from 3 Mar 2025 to 2 Mar 2026 (6 a week on average, met)'."""
    template = (_("{hours} hours from {first} to {last} ({weekly} a week on average, met)") if year.met else
                _("{hours} hours from {first} to {last} ({weekly} a week on average, not met)"))
    return template.format(hours=hours(year.minutes), first=_date(year.first_day), last=_date(year.last_day),
                           weekly=hours(year.weekly_minutes))


# -- helpers -------------------------------------------------------------------------------------------------------

def _date(day: dt.date) -> str:
    from kommandesk.i18n.formatting import format_date

    return format_date(day)




