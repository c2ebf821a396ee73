"""Certificates of attendance for a whole course at once: one file per person, one PDF for printing, or both.

Who gets one: every participant whose attendance reached the course's minimum; a participant below it only when
the coordinator includes them deliberately, with a reason (kept in the register). Who has a valid certificate for
the course already is not numbered again: their certificate is reprinted into the output.

Nothing is registered for a certificate that was not written:

* one file per person: each file is written whole (temporary file, then renamed) and only then registered; a file
  that cannot be written stops the batch (``BatchError``, with what was done so far), the earlier certificates
  stay written and registered, that one and the later ones are not;
* only the one PDF: the certificates are registered after that file was written, all in one transaction; cancelled
  or failed before that, nothing is registered.

Cancelling stops between two certificates; with one file per person, the bundle is then not written. The numbers
are given when the batch starts (the register's next ones in the order of the list), so the certificates
registered are always the first of them: the numbering stays gapless.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kommandesk.domain.certificates import (
    MAX_OVERRIDE_REASON, AttendanceContent, Kind, content_from_json, file_name,
)
from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.trainings import Course, Eligibility
from kommandesk.domain.validation import check_length, clean_text
from kommandesk.i18n import _, ngettext
from kommandesk.services.exports import check_folder, write_bytes
from kommandesk.services.certificates import (
    CertificateRow, CertificateService, certificate_row, check_language, heading, issuer_of, person_of,
)

if TYPE_CHECKING:
    from kommandesk.services.trainings import Participant, TrainingService
    from kommandesk.services.volunteers import VolunteerService

ISSUED, ELIGIBLE, BELOW = "issued", "eligible", "below"
BUNDLE_TITLE = {"de": "Teilnahmebescheinigungen", "both": "Teilnahmebescheinigungen",
                "en": "Certificates of attendance"}


@dataclass(frozen=True)
class PlanRow:
    participant: "Participant"
    eligibility: Eligibility
    issued: CertificateRow | None  # a valid certificate of attendance for this course, already in the register

    @property
    def state(self) -> str:
        """ISSUED (reprinted, not numbered again), ELIGIBLE, or BELOW the minimum (only by an override)."""
        if self.issued is not None:
            return ISSUED
        return ELIGIBLE if self.eligibility.eligible else BELOW

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.participant.first_name, self.participant.last_name) if p)


@dataclass(frozen=True)
class BatchPlan:
    course: Course
    rows: list[PlanRow]

    def count(self, state: str) -> int:
        return sum(1 for row in self.rows if row.state == state)


@dataclass
class BatchResult:
    issued: list[CertificateRow] = field(default_factory=list)  # new certificates, registered
    reprinted: list[CertificateRow] = field(default_factory=list)  # issued before, put into the output again
    files: list[Path] = field(default_factory=list)  # one per person, written
    bundle: Path | None = None  # the one PDF for printing
    cancelled: bool = False
    below_skipped: list[str] = field(default_factory=list)  # names below the minimum, not included
    not_reprinted: list[str] = field(default_factory=list)  # messages: issued before but not reproducible: left out


class BatchError(KommanDeskError):
    """The batch stopped on a file it could not write; ``result`` holds what was written and registered."""

    def __init__(self, message: str, result: BatchResult):
        super().__init__(message)
        self.result = result


@dataclass
class _Item:
    row: PlanRow
    content: AttendanceContent
    logo: bytes | None
    reason: str = ""  # the override's reason (below the minimum)


class CourseBatch:
    def __init__(self, certificates: CertificateService, trainings: "TrainingService",
                 volunteers: "VolunteerService"):
        self._certificates = certificates
        self._trainings = trainings
        self._volunteers = volunteers

    def plan(self, course_id: str) -> BatchPlan:
        course = self._trainings.get_course(course_id)
        issued = self._certificates.repo.issued_for_course(course_id)
        rows = []
        for found in self._trainings.eligibility(course_id):
            stored = issued.get(found.participant.volunteer_id)
            rows.append(PlanRow(found.participant, found.eligibility,
                                certificate_row(stored) if stored is not None else None))
        return BatchPlan(course, rows)

    # -- issuing -----------------------------------------------------------------------------------------------

    def issue(self, course_id: str, *, language: str, folder: Path, one_pdf: bool, per_person: bool,
              include: Mapping[str, str], progress: Callable[[int, int], None] | None,
              cancelled: Callable[[], bool] | None) -> BatchResult:
        """Refused up front (nothing written) when the options, the organisation's details, the overrides or the
        folder are not right, or when nobody gets a certificate."""
        check_language(language)
        if not (one_pdf or per_person):
            raise KommanDeskError(_("Choose the output: one PDF for printing, one file per person, or both."))
        plan = self.plan(course_id)
        if plan.rows and not any(row.eligibility.planned_minutes for row in plan.rows):
            raise KommanDeskError(_("No session of {course} took place (none is planned, or all were cancelled): "
                                    "there is no attendance to certify.").format(course=plan.course.reference))
        reasons = _override_reasons(plan, include)
        self._certificates.check_ready()
        folder = Path(folder)
        check_folder(folder)
        printed = [row for row in plan.rows if row.state != BELOW or row.participant.registration_id in reasons]
        if not printed:
            raise KommanDeskError(_nobody_message(plan))
        result = BatchResult(below_skipped=[row.name for row in plan.rows
                                            if row.state == BELOW and row.participant.registration_id not in reasons])
        items = self._items(plan, printed, language, reasons)
        _Run(self._certificates, plan.course, items, folder, language, one_pdf, per_person, result,
             progress, cancelled).run()
        return result

    def _items(self, plan: BatchPlan, printed: list[PlanRow], language: str, reasons: dict[str, str]) -> list[_Item]:
        """The content of every certificate: the stored one for a reprint, a new one numbered in list order."""
        org = self._volunteers.organisation()
        issuer, logo = issuer_of(org)
        today = self._certificates.today()
        serial = self._certificates.repo.next_serial(org.certificate_prefix, today.year)
        course = plan.course
        sessions = [s for s in self._trainings.sessions(course.id) if not s.cancelled]
        days = tuple(sorted({s.day for s in sessions}))
        trainers = course.trainers or ", ".join(dict.fromkeys(s.trainer for s in sessions if s.trainer))
        planned = sum(s.minutes for s in sessions)
        items = []
        for row in printed:
            if row.issued is not None:
                stored = self._certificates.repo.get_by_number(row.issued.number)
                items.append(_Item(row, content_from_json(stored["content"]),
                                   self._certificates.repo.logo(stored["logo_sha256"])))
                continue
            who = self._volunteers.get(row.participant.volunteer_id) if org.certificate_birth_date \
                else row.participant
            content = AttendanceContent(
                heading=heading(person_of(who, org.certificate_birth_date), language, issuer, today,
                                org.certificate_prefix, serial),
                course_title=course.title, course_reference=course.reference or "", session_days=days,
                attended_minutes=row.eligibility.attended_minutes, planned_minutes=planned, unit=course.unit.value,
                topics=tuple(course.topics), trainers=trainers, funding_tag=course.funding_tag)
            serial += 1
            items.append(_Item(row, content, logo, reasons.get(row.participant.registration_id, "")))
        return items


class _Run:
    """One run of the batch over prepared items: writes, registers, reports progress, stops when asked."""

    def __init__(self, certificates: CertificateService, course: Course, items: list[_Item], folder: Path,
                 language: str, one_pdf: bool, per_person: bool, result: BatchResult,
                 progress: Callable[[int, int], None] | None, cancelled: Callable[[], bool] | None):
        self.certificates = certificates
        self.course = course
        self.items = items
        self.folder = folder
        self.language = language
        self.one_pdf = one_pdf
        self.per_person = per_person
        self.result = result
        self.progress = progress or (lambda done, total: None)
        self.cancelled = cancelled or (lambda: False)
        self.taken = {name.casefold() for name in os.listdir(folder)}

    def run(self) -> None:
        from kommandesk.documents.certificate import AttendanceBundle, attendance_pdf

        bundle = AttendanceBundle() if self.one_pdf else None
        pending: list[tuple[_Item, bytes]] = []  # only the one PDF: registered once it is written
        total = len(self.items)
        self.progress(0, total)
        for done, item in enumerate(self.items, 1):
            if self.cancelled():
                self.result.cancelled = True
                return
            if item.row.issued is not None:
                self._reprint(item, bundle)
            else:
                pdf = attendance_pdf(item.content, item.logo)
                if self.per_person:
                    self._write_and_record(item, pdf)
                else:
                    pending.append((item, pdf))
                if bundle is not None:
                    bundle.add(item.content, item.logo)
            self.progress(done, total)
        if self.cancelled():
            self.result.cancelled = True
            return
        if bundle is not None:
            self._write_bundle(bundle, pending)

    def _reprint(self, item: _Item, bundle) -> None:
        """Put a certificate issued before into the output again (left out, with a message, when it cannot be
        reproduced identically)."""
        if self.per_person:
            try:
                pdf = self.certificates.reprint(item.row.issued.number)
            except KommanDeskError as exc:
                self.result.not_reprinted.append(exc.message)
                return
            self._write(item, pdf)
        if bundle is not None:
            bundle.add(item.content, item.logo)
        self.result.reprinted.append(item.row.issued)

    def _write_and_record(self, item: _Item, pdf: bytes) -> None:
        """The file first, then its register entry; a file whose entry failed is removed again (a certificate
        nobody could verify must not stay behind). Its name was new: no earlier file is lost."""
        path = self._write(item, pdf)
        try:
            self.result.issued.append(self._record(item, pdf))
        except BaseException as exc:
            path.unlink(missing_ok=True)
            self.result.files.remove(path)
            if isinstance(exc, KommanDeskError):
                raise BatchError(_stopped_message(exc.message, self.result), self.result) from exc
            raise

    def _record(self, item: _Item, pdf: bytes) -> CertificateRow:
        return self.certificates.record(item.content, pdf, volunteer_id=item.row.participant.volunteer_id,
                                        course_id=self.course.id, override_reason=item.reason, logo=item.logo)

    def _write(self, item: _Item, pdf: bytes) -> Path:
        language = item.content.heading.language
        person = item.content.heading.person
        same = self.folder / file_name(person, Kind.ATTENDANCE, language)
        if same.is_file() and same.read_bytes() == pdf:  # a reprint into the folder it was written to before
            self.result.files.append(same)
            return same
        path = self.folder / file_name(person, Kind.ATTENDANCE, language, self.taken)
        try:
            write_bytes(path, pdf)
        except KommanDeskError as exc:
            raise BatchError(_stopped_message(exc.message, self.result), self.result) from exc
        self.result.files.append(path)
        return path

    def _write_bundle(self, bundle, pending: list[tuple[_Item, bytes]]) -> None:
        data = bundle.finish()
        path = self.folder / _unique(f"{self.course.reference} - {BUNDLE_TITLE[self.language]}", self.taken)
        try:
            write_bytes(path, data)
        except KommanDeskError as exc:
            if self.per_person:
                raise BatchError(_stopped_message(exc.message, self.result), self.result) from exc
            raise
        try:
            with self.certificates.transaction():
                issued = [self._record(item, pdf) for item, pdf in pending]
        except BaseException:
            path.unlink(missing_ok=True)  # a new name: no earlier file is lost; its numbers were not registered
            raise
        self.result.issued += issued
        self.result.bundle = path


# -- helpers ---------------------------------------------------------------------------------------------------

def _override_reasons(plan: BatchPlan, include: Mapping[str, str]) -> dict[str, str]:
    """Registration id -> reason for the participants below the minimum who are included deliberately."""
    rows = {row.participant.registration_id: row for row in plan.rows}
    reasons = {}
    for registration_id, reason in include.items():
        row = rows.get(registration_id)
        if row is None:
            raise KommanDeskError(_("A participant chosen for a certificate is not registered for {course} (any "
                                    "more). Open the list again.").format(course=plan.course.reference))
        if row.state != BELOW:
            continue  # eligible or issued already: no override needed
        reason = clean_text(reason)
        if not reason:
            raise KommanDeskError(_("{name} attended {percent} % of {course}, below the minimum of {minimum} %. "
                                    "Write down why they get a certificate all the same, or leave them out.").format(
                name=row.name, percent=row.eligibility.percent, course=plan.course.reference,
                minimum=plan.course.min_attendance_percent))
        problem = check_length(reason, MAX_OVERRIDE_REASON)
        if problem:
            raise KommanDeskError(_("The reason for {name}: {problem}").format(name=row.name, problem=problem))
        reasons[registration_id] = reason
    return reasons


def _nobody_message(plan: BatchPlan) -> str:
    if not plan.rows:
        return _("Nobody is registered for {course}: there is nobody to issue a certificate to.").format(
            course=plan.course.reference)
    return _("No participant of {course} reached the minimum attendance of {minimum} %; include people below it "
             "deliberately, with a reason.").format(course=plan.course.reference,
                                                     minimum=plan.course.min_attendance_percent)


def _stopped_message(problem: str, result: BatchResult) -> str:
    written = len(result.files)
    return problem + " " + ngettext(
        "The batch stopped there: {count} certificate was written before it and is in the register. Issue the "
        "course again for the rest (who has a certificate already is not numbered again).",
        "The batch stopped there: {count} certificates were written before it and are in the register. Issue the "
        "course again for the rest (who has a certificate already is not numbered again).", written).format(
        count=written)




def _unique(base: str, taken: set[str]) -> str:
    """``base``.pdf, or ``base`` (2).pdf, (3)... when the name is taken (compared case-insensitively)."""
    name, count = f"{base}.pdf", 1
    while name.casefold() in taken:
        count += 1
        name = f"{base} ({count}).pdf"
    taken.add(name.casefold())
    return name
